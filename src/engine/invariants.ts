/**
 * What must hold after every step, whatever happened before (power loss included). Link counts are
 * recounted from the directories rather than trusted; every name the bootloader follows must lead
 * somewhere; every object a deployment or ref needs must be in the repo.
 */
import { CHUNK, inodeOf, lookupPath, readLink } from './fs'
import { hasObject, objectsOfCommit, readObject, readRefs, type RepoObject } from './repo'
import {
  allDeployments,
  deployPath,
  diskDeployments,
  readBootversion,
  sameDeployment,
} from './sysroot'
import type { Filesystem, Ino, Inode, Machine } from './types'

function checkLinkCounts(key: string, fs: Filesystem, problems: string[]): void {
  const names = new Map<Ino, number>()
  const parents = new Map<Ino, number>()
  fs.chunks.forEach((chunk, c) => {
    chunk.forEach((inode, j) => {
      if (inode?.kind !== 'dir') return
      const ino = fs.firstIno + c * CHUNK + j
      for (const name in inode.entries) {
        const child = inode.entries[name] as Ino
        names.set(child, (names.get(child) ?? 0) + 1)
        const target = inodeOf(fs, child)
        if (target === null)
          problems.push(`${key}: entry '${name}' of inode ${ino} names free inode ${child}`)
        else if (target.kind === 'dir') parents.set(child, (parents.get(child) ?? 0) + 1)
      }
    })
  })
  fs.chunks.forEach((chunk, c) => {
    chunk.forEach((inode: Inode | null, j) => {
      if (inode === null) return
      const ino = fs.firstIno + c * CHUNK + j
      const count = names.get(ino) ?? 0
      if (inode.kind === 'dir') {
        const expected = ino === fs.rootIno ? 0 : 1
        if (count !== expected) problems.push(`${key}: directory ${ino} has ${count} names`)
      } else if (inode.nlink !== count) {
        problems.push(`${key}: inode ${ino} says nlink ${inode.nlink}, ${count} names point at it`)
      }
    })
  })
}

/** Returns what is wrong with the machine; an empty list when every invariant holds. */
export function checkInvariants(m: Machine): string[] {
  const problems: string[] = []
  for (const [key, fs] of Object.entries({ ...m.filesystems, ...m.volatile }))
    checkLinkCounts(key, fs, problems)
  const root = m.filesystems.root
  const boot = m.filesystems.boot
  if (root === undefined || boot === undefined) return problems

  const loader = readLink(boot, '/loader')
  if (loader !== null && loader !== 'loader.0' && loader !== 'loader.1')
    problems.push(`/boot/loader points at ${loader}`)
  let deployments: ReturnType<typeof allDeployments> = []
  try {
    const bootversion = readBootversion(boot)
    deployments = allDeployments(m)
    const onDisk = diskDeployments(m)
    const entries = lookupPath(boot, `/loader.${bootversion}/entries`)
    const entryCount = entries?.kind === 'dir' ? Object.keys(entries.entries).length : 0
    if (entryCount !== onDisk.length)
      problems.push(`${entryCount} BLS entries but ${onDisk.length} resolve to a deployment`)
  } catch (e) {
    problems.push(String(e))
  }
  for (const d of deployments) {
    if (lookupPath(root, deployPath(d))?.kind !== 'dir')
      problems.push(`deployment ${d.checksum}.${d.serial} has no folder`)
    const lookup = (sum: string): RepoObject | undefined =>
      readObject(root, sum, 'commit') ??
      readObject(root, sum, 'dirtree') ??
      readObject(root, sum, 'dirmeta') ??
      undefined
    if (!hasObject(root, d.checksum, 'commit'))
      problems.push(`commit ${d.checksum} of a deployment is missing`)
    else {
      for (const { checksum, type } of objectsOfCommit(lookup, d.checksum)) {
        if (!hasObject(root, checksum, type)) {
          problems.push(
            `object ${checksum}.${type} of deployment ${d.checksum}.${d.serial} is missing`,
          )
          break
        }
      }
    }
  }
  for (const [name, checksum] of Object.entries({
    ...readRefs(root, 'heads'),
    ...readRefs(root, 'remotes'),
  })) {
    if (!hasObject(root, checksum, 'commit'))
      problems.push(`ref ${name} names missing commit ${checksum}`)
  }
  const booted = m.runtime?.booted ?? null
  if (
    booted !== null &&
    m.runtime?.phase === 'running' &&
    !deployments.some((d) => sameDeployment(d, booted))
  ) {
    problems.push('the booted deployment is not in the list')
  }
  return problems
}
