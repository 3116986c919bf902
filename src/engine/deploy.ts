/**
 * What libostree does to the disk when it deploys (reference 2, 3.1, 3.3): check a commit out as hard
 * links, copy /usr/etc to /etc, merge /etc, seal the folder, then write the deployment list into the
 * inactive bootversion and swap `/boot/loader` with one rename; then clean up and prune.
 */
import { copyingMessage, mergeEtc, type MergeResult, MergeError } from './etcMerge'
import type { FsDraft } from './fs'
import { inodeOf, newEntries, readDir, readLink, resolve, withEntries } from './fs'
import type { Recorder } from './recorder'
import { checkoutTree } from './checkout'
import {
  REPO,
  closureDifference,
  closureKeys,
  closureParts,
  hasObject,
  localReader,
  objectLookupByName,
  readRefs,
  storedObjectCount,
  writeRef,
  type Lookup,
  type ObjectRef,
} from './repo'
import { remoteOfMachine } from './remote'
import {
  deployPath,
  deploymentDirs,
  deploymentName,
  diskDeployments,
  kernelOf,
  isPinned,
  prettyNameOf,
  readBootversion,
  readSubbootversion,
  sameDeployment,
  stateroots,
  versionOf,
  type Deployment,
  type KernelInfo,
} from './sysroot'
import type { DeploymentId, DirInode, Filesystem, Ino, Inode } from './types'

/** `allocate_deployserial`: one more than the highest serial of this commit's folders, else 0. */
export function allocateSerial(root: Filesystem, stateroot: string, checksum: string): number {
  let serial = 0
  for (const d of deploymentDirs(root, stateroot)) {
    if (d.checksum === checksum) serial = Math.max(serial, d.serial + 1)
  }
  return serial
}

export { checkoutTree, type CheckoutStats } from './checkout'

/**
 * `prepare_deployment_etc`: /usr/etc checked out again as copies into etc/, so that it can be edited
 * (reference 2.4). Copies get the time of the copy.
 */
export function copyUsrEtc(draft: FsDraft, deployment: string, mtime: number): number {
  const usrEtc = draft.resolve(`${deployment}/usr/etc`, false)
  let count = 0
  const copy = (ino: Ino): Ino => {
    const inode = draft.get(ino) as Inode
    count++
    if (inode.kind === 'dir') {
      const entries = newEntries()
      for (const name of Object.keys(inode.entries).sort())
        entries[name] = copy(inode.entries[name] as Ino)
      return draft.alloc({ ...inode, mtime, entries })
    }
    return draft.alloc({ ...inode, nlink: 1, mtime })
  }
  const etc = copy(usrEtc)
  count-- // the etc folder itself
  const root = draft.resolve(deployment, false)
  draft.update<DirInode>(root, (d) => ({ ...d, entries: withEntries(d.entries, { etc }) }))
  return count
}

export function originText(refspec: string, pinned = false): string {
  return `[origin]\nrefspec=${refspec}\n` + (pinned ? '\n[libostree-transient]\npinned=true\n' : '')
}

/** Checks a commit out as a new deployment: the folder, then /etc; no merge, no seal yet. */
export function initDeployment(rec: Recorder, stateroot: string, checksum: string): DeploymentId {
  const root = rec.fs('root')
  const serial = allocateSerial(root.view(), stateroot, checksum)
  const id: DeploymentId = { stateroot, checksum, serial }
  const path = deployPath(id)
  // A folder left by an interrupted attempt is removed first (reference 3.1 step 2).
  if (root.exists(path)) {
    root.setImmutable(path, false)
    root.removeTree(path)
  }
  const stats = checkoutTree(root, checksum, path, rec.clock)
  rec.step(
    { type: 'deployment/checkedOut', deployment: id, ...stats },
    {
      key: 'step.deploy.checkedOut',
      params: { name: deploymentName(id), files: stats.files, dirs: stats.dirs },
    },
    [`root:${path}`],
  )
  // With SELinux, the stateroot's /var is relabeled once, marked by a stamp file (seen with ostree 2022.7).
  const stamp = `/ostree/deploy/${stateroot}/var/.ostree-selabeled`
  if (!rec.fs('root').exists(stamp)) {
    rec.fs('root').writeFile(stamp, '', { mtime: rec.clock })
    rec.step(
      {
        type: 'var/relabeled',
        stateroot,
        printed: "Relabeling /var (no stamp file 'var/.ostree-selabeled' found)",
      },
      { key: 'step.deploy.varRelabeled' },
      [`root:${stamp}`],
    )
  }
  const copied = copyUsrEtc(rec.fs('root'), path, rec.clock)
  rec.step(
    { type: 'deployment/etcCopied', deployment: id, files: copied },
    { key: 'step.deploy.etcCopied', params: { files: copied } },
    [`root:${path}/etc`],
  )
  return id
}

export function writeOrigin(rec: Recorder, id: DeploymentId, text: string): void {
  const path = `${deployPath(id)}.origin`
  rec.fs('root').writeFile(path, text, { mtime: rec.clock })
  rec.step(
    { type: 'deployment/originWritten', deployment: id, text },
    { key: 'step.deploy.originWritten', params: { name: deploymentName(id) } },
    [`root:${path}`],
  )
}

/**
 * `sysroot_finalize_deployment`: merge /etc against the merge deployment's current /etc, then seal
 * the folder with the immutable bit (reference 3.1 step 3). Returns the merge, or null without one.
 */
export function finalizeDeployment(
  rec: Recorder,
  id: DeploymentId,
  merge: DeploymentId | null,
  origin?: string,
): MergeResult | null {
  const root = rec.fs('root')
  const path = deployPath(id)
  let result: MergeResult | null = null
  if (merge !== null) {
    const from = deployPath(merge)
    const base = { usrEtc: root.resolve(`${from}/usr/etc`), etc: root.resolve(`${from}/etc`) }
    try {
      result = mergeEtc(root, base, `${path}/etc`, root.resolve(`${path}/usr/etc`))
    } catch (e) {
      if (e instanceof MergeError) throw new MergeError(`During /etc merge: ${e.message}`, e.diff)
      throw e
    }
    const { modified, removed, added } = result.diff
    rec.step(
      {
        type: 'etc/merged',
        deployment: id,
        merge,
        diff: result.diff,
        outcomes: result.outcomes,
        printed: copyingMessage(result.diff),
      },
      {
        key: 'step.deploy.etcMerged',
        params: { modified: modified.length, removed: removed.length, added: added.length },
      },
      [`root:${path}/etc`],
    )
  }
  if (origin !== undefined) writeOrigin(rec, id, origin)
  rec.fs('root').setImmutable(path, true)
  rec.step(
    { type: 'deployment/sealed', deployment: id },
    { key: 'step.deploy.sealed', params: { name: deploymentName(id) } },
    [`root:${path}`],
  )
  return result
}

/** Kernel arguments compared for a new bootversion: everything but `ostree=` (reference 3.1 step 5). */
function withoutOstree(kargs: string[]): string {
  return kargs.filter((a) => !a.startsWith('ostree=')).join(' ')
}

/**
 * `--karg=KEY=VALUE` on top of the merge deployment's arguments: replaces an argument with the same
 * key where it stands, or appends (after `ostree=`, as real ostree 2022.7 does).
 */
export function replaceKargs(base: string[], replacements: string[]): string[] {
  const out = [...base]
  const keyOf = (a: string): string => a.split('=')[0] as string
  for (const r of replacements) {
    const at = out.findIndex((a) => keyOf(a) === keyOf(r))
    if (at >= 0) out[at] = r
    else out.push(r)
  }
  return out
}

/** A deployment of the list to write, with the kernel arguments its entry will carry. */
export interface ListItem extends DeploymentId {
  kargs: string[]
}

interface Bootconfig {
  item: ListItem
  kernel: KernelInfo
  version: string
  pretty: string | null
}

function bootconfigOf(root: Filesystem, item: ListItem): Bootconfig {
  const kernel = kernelOf(root, deployPath(item))
  if (kernel === null) throw new Error(`No kernel found in ${deploymentName(item)}`)
  return {
    item,
    kernel,
    version: versionOf(root, item.checksum) ?? '',
    pretty: prettyNameOf(root, deployPath(item)),
  }
}

/** `assign_bootserials`: a counter per bootcsum, in list order (reference 1.5). */
function bootserials(configs: Bootconfig[]): number[] {
  const seen = new Map<string, number>()
  return configs.map((c) => {
    const n = seen.get(c.kernel.bootcsum) ?? 0
    seen.set(c.kernel.bootcsum, n + 1)
    return n
  })
}

/** The BLS entry of one deployment (reference 1.5: keys in the order title, version, options, linux, initrd). */
export function blsEntry(
  config: Bootconfig,
  index: number,
  count: number,
  bootversion: number,
  bootserial: number,
  multiStateroot: boolean,
): { name: string; text: string } {
  const { item, kernel } = config
  const ostreeArg = `ostree=/ostree/boot.${bootversion}/${item.stateroot}/${kernel.bootcsum}/${bootserial}`
  const args = [...item.kargs]
  const at = args.findIndex((a) => a.startsWith('ostree='))
  if (at >= 0) args[at] = ostreeArg
  else args.push(ostreeArg)
  let title = config.pretty ?? 'ostree'
  if (config.version !== '' && !title.includes(config.version)) title += ` ${config.version}`
  title += multiStateroot ? ` (ostree:${item.stateroot}:${index})` : ` (ostree:${index})`
  const dir = `/ostree/${item.stateroot}-${kernel.bootcsum}`
  const text =
    `title ${title}\n` +
    `version ${count - index}\n` +
    `options ${args.join(' ')}\n` +
    `linux ${dir}/vmlinuz-${kernel.kver}\n` +
    `initrd ${dir}/initramfs-${kernel.kver}.img\n`
  return { name: `ostree-${count - index}-${item.stateroot}.conf`, text }
}

export interface WriteOptions {
  /** 'full': cleanup and prune (ostree admin deploy); 'prepare': cleanup without prune (finalize-staged). */
  cleanup: 'full' | 'prepare' | 'none'
  /**
   * The unit whose journal gets the transaction's message (`Bootloader updated; ...`), logged as
   * ostree logs it: right after the swap, before the cleanup.
   */
  journal?: string
}

export interface WriteResult {
  bootversion: number
  subbootversion: number
  swapped: boolean
  printed: string
}

/**
 * `ostree_sysroot_write_deployments_with_options` (reference 3.1 steps 5 and 6). Every file of the
 * new bootversion is written before the single rename of `loader.tmp` to `loader`, which is a step
 * of its own: power lost before it boots the old list, after it the new one.
 */
export function writeDeployments(rec: Recorder, list: ListItem[], opts: WriteOptions): WriteResult {
  const before = diskDeployments(rec.machine)
  const root = rec.view('root')
  const configs = list.map((item) => bootconfigOf(root, item))
  const serials = bootserials(configs)
  const booted = rec.machine.runtime?.booted ?? null
  if (booted !== null && !list.some((d) => sameDeployment(d, booted))) {
    throw new Error('Attempting to remove booted deployment')
  }
  const currentB = readBootversion(rec.view('boot'))
  const requiresNewBootversion =
    before.length !== list.length ||
    configs.some((c, i) => {
      const old = before[i] as Deployment
      return (
        old.bootcsum !== c.kernel.bootcsum ||
        old.stateroot !== c.item.stateroot ||
        withoutOstree(old.kargs) !== withoutOstree(c.item.kargs) ||
        (versionOf(root, old.checksum) ?? '') !== c.version
      )
    })
  const multiStateroot = new Set(list.map((d) => d.stateroot)).size > 1
  const countChange = list.length - before.length

  if (!requiresNewBootversion) {
    // Only the bootlinks change: a new boot.B.S' and an atomic swap of /ostree/boot.B (reference 3.1).
    const newSub = readSubbootversion(root, currentB) === 1 ? 0 : 1
    createBootlinks(rec, configs, serials, currentB, newSub)
    rec.step(
      { type: 'bootloader/synced', bootversion: currentB },
      { key: 'step.bootloader.synced' },
    )
    const printed = `Transaction complete; bootconfig swap: no; bootversion: boot.${currentB}.${newSub}, deployment count change: ${countChange}`
    if (opts.journal !== undefined) rec.journal(opts.journal, printed)
    swapBootlinks(rec, currentB, newSub, printed)
    if (opts.cleanup !== 'none') cleanup(rec, opts.cleanup === 'full')
    return { bootversion: currentB, subbootversion: newSub, swapped: false, printed }
  }

  const newB = currentB === 1 ? 0 : 1
  const boot = rec.fs('boot')
  boot.removeTree(`/loader.${newB}/entries`)
  boot.mkdirp(`/loader.${newB}/entries`, { mtime: rec.clock })
  // the first entries of a new /boot: there is no other set for the bootloader to read yet
  const first = readLink(rec.view('boot'), '/loader') === null
  rec.step(
    { type: 'bootloader/entriesCleared', bootversion: newB },
    {
      key: first ? 'step.bootloader.entriesFirst' : 'step.bootloader.entriesCleared',
      params: { dir: `loader.${newB}` },
    },
    [`boot:/loader.${newB}/entries`],
  )
  configs.forEach((config, i) => {
    const touched: string[] = []
    const dir = `/ostree/${config.item.stateroot}-${config.kernel.bootcsum}`
    const b = rec.fs('boot')
    if (!b.exists(dir)) {
      b.mkdirp(dir, { mtime: rec.clock })
      const { kver, vmlinuz, initramfs } = config.kernel
      b.writeFile(`${dir}/vmlinuz-${kver}`, vmlinuz.data, {
        mode: 0o755,
        mtime: rec.clock,
        size: vmlinuz.size,
      })
      b.writeFile(`${dir}/initramfs-${kver}.img`, initramfs.data, {
        mode: 0o644,
        mtime: rec.clock,
        size: initramfs.size,
      })
      touched.push(`boot:${dir}`)
    }
    const entry = blsEntry(config, i, configs.length, newB, serials[i] as number, multiStateroot)
    const path = `/loader.${newB}/entries/${entry.name}`
    b.writeFile(path, entry.text, { mtime: rec.clock })
    touched.push(`boot:${path}`)
    rec.step(
      {
        type: 'bootloader/entryWritten',
        bootversion: newB,
        index: i,
        name: entry.name,
        text: entry.text,
        deployment: config.item,
        kernelCopied: touched.length > 1,
      },
      {
        key:
          touched.length > 1
            ? 'step.bootloader.kernelAndEntryWritten'
            : 'step.bootloader.entryWritten',
        params: { name: entry.name, index: i },
      },
      touched,
    )
  })
  const newSub = readSubbootversion(rec.view('root'), newB) === 1 ? 0 : 1
  createBootlinks(rec, configs, serials, newB, newSub)
  swapBootlinks(rec, newB, newSub)
  const b2 = rec.fs('boot')
  if (!b2.exists('/boot')) b2.symlink('/boot', '.', { mtime: rec.clock })
  if (b2.exists('/loader.tmp')) b2.unlink('/loader.tmp')
  b2.symlink('/loader.tmp', `loader.${newB}`, { mtime: rec.clock })
  rec.step(
    { type: 'bootloader/loaderTmpCreated', target: `loader.${newB}` },
    { key: 'step.bootloader.loaderTmpCreated', params: { target: `loader.${newB}` } },
    ['boot:/loader.tmp'],
  )
  rec.step({ type: 'bootloader/synced', bootversion: newB }, { key: 'step.bootloader.synced' })
  const hadLoader = readLink(rec.view('boot'), '/loader') !== null
  rec.fs('boot').rename('/loader.tmp', '/loader', rec.clock)
  const printed = `Bootloader updated; bootconfig swap: yes; bootversion: boot.${newB}.${newSub}, deployment count change: ${countChange}`
  if (opts.journal !== undefined) rec.journal(opts.journal, printed)
  rec.step(
    { type: 'bootloader/loaderSwapped', from: `loader.${currentB}`, to: `loader.${newB}`, printed },
    {
      // On an empty sysroot there was no /boot/loader yet: the rename creates it.
      key: hadLoader ? 'step.bootloader.loaderSwapped' : 'step.bootloader.loaderCreated',
      params: { from: `loader.${currentB}`, to: `loader.${newB}` },
    },
    ['boot:/loader'],
  )
  if (opts.cleanup !== 'none') cleanup(rec, opts.cleanup === 'full')
  return { bootversion: newB, subbootversion: newSub, swapped: true, printed }
}

/** `create_new_bootlinks`: boot.B.S/<stateroot>/<bootcsum>/<bootserial> -> the deployment folder. */
function createBootlinks(
  rec: Recorder,
  configs: Bootconfig[],
  serials: number[],
  bootversion: number,
  sub: number,
): void {
  const root = rec.fs('root')
  const dir = `/ostree/boot.${bootversion}.${sub}`
  root.removeTree(dir)
  root.mkdir(dir, { mtime: rec.clock })
  configs.forEach((c, i) => {
    const linkDir = `${dir}/${c.item.stateroot}/${c.kernel.bootcsum}`
    root.mkdirp(linkDir, { mtime: rec.clock })
    root.symlink(
      `${linkDir}/${serials[i]}`,
      `../../../deploy/${c.item.stateroot}/deploy/${deploymentName(c.item)}`,
      { mtime: rec.clock },
    )
  })
  rec.step(
    { type: 'bootloader/bootlinksCreated', dir: `boot.${bootversion}.${sub}` },
    { key: 'step.bootloader.bootlinksCreated', params: { dir: `boot.${bootversion}.${sub}` } },
    [`root:${dir}`],
  )
}

/** `swap_bootlinks`: /ostree/boot.B -> boot.B.S, replaced atomically. */
function swapBootlinks(rec: Recorder, bootversion: number, sub: number, printed?: string): void {
  const root = rec.fs('root')
  const link = `/ostree/boot.${bootversion}`
  if (readLink(root.view(), link) !== `boot.${bootversion}.${sub}`) {
    if (root.exists(`${link}.tmp`)) root.unlink(`${link}.tmp`)
    root.symlink(`${link}.tmp`, `boot.${bootversion}.${sub}`, { mtime: rec.clock })
    root.rename(`${link}.tmp`, link)
  }
  rec.step(
    {
      type: 'bootloader/bootlinksSwapped',
      link: `boot.${bootversion}`,
      target: `boot.${bootversion}.${sub}`,
      ...(printed === undefined ? {} : { printed }),
    },
    {
      key: 'step.bootloader.bootlinksSwapped',
      params: { link: `boot.${bootversion}`, target: `boot.${bootversion}.${sub}` },
    },
    [`root:${link}`],
  )
}

/**
 * `ostree_sysroot_cleanup` (reference 3.1 step 7): the other bootversion's files, deployment folders
 * and kernels that no entry names, the deployment refs, and with `prune` the repo.
 */
export function cleanup(rec: Recorder, prune: boolean): void {
  const m = rec.machine
  const boot = rec.view('boot')
  const root = rec.view('root')
  const bootversion = readBootversion(boot)
  const sub = readSubbootversion(root, bootversion)
  const other = bootversion === 1 ? 0 : 1
  const list = diskDeployments(m)
  const touched: string[] = []
  const bd = rec.fs('boot')
  if (bd.exists(`/loader.${other}`)) {
    bd.removeTree(`/loader.${other}`)
    touched.push(`boot:/loader.${other}`)
  }
  const rd = rec.fs('root')
  for (const name of [
    `boot.${other}`,
    `boot.${other}.0`,
    `boot.${other}.1`,
    `boot.${bootversion}.${1 - sub}`,
  ]) {
    if (rd.exists(`/ostree/${name}`)) {
      rd.removeTree(`/ostree/${name}`)
      touched.push(`root:/ostree/${name}`)
    }
  }
  if (touched.length > 0) {
    rec.step(
      { type: 'cleanup/bootversionRemoved', bootversion: other },
      { key: 'step.cleanup.bootversionRemoved', params: { loader: `loader.${other}` } },
      touched,
    )
  }
  // Deployment folders no entry names (the staged one is kept: it is in /run's list).
  const keep = [...list, ...stagedIds(rec)]
  for (const stateroot of stateroots(rec.view('root'))) {
    for (const d of deploymentDirs(rec.view('root'), stateroot)) {
      if (keep.some((k) => sameDeployment(k, d))) continue
      const r = rec.fs('root')
      const path = deployPath(d)
      r.setImmutable(path, false)
      r.removeTree(path)
      if (r.exists(`${path}.origin`)) r.unlink(`${path}.origin`)
      rec.step(
        { type: 'cleanup/deploymentRemoved', deployment: d },
        { key: 'step.cleanup.deploymentRemoved', params: { name: deploymentName(d) } },
        [`root:${path}`],
      )
    }
  }
  // Kernels no deployment uses.
  const usedKernels = new Set(
    keep.map((d) => `${d.stateroot}-${kernelOf(rec.view('root'), deployPath(d))?.bootcsum}`),
  )
  for (const [name, , inode] of readDir(rec.view('boot'), '/ostree')) {
    if (inode.kind !== 'dir' || usedKernels.has(name) || name === 'initramfs-overlays') continue
    rec.fs('boot').removeTree(`/ostree/${name}`)
    rec.step(
      { type: 'cleanup/kernelRemoved', dir: name },
      { key: 'step.cleanup.kernelRemoved', params: { dir: name } },
      [`boot:/ostree/${name}`],
    )
  }
  writeDeploymentRefs(rec)
  if (prune) pruneRepo(rec)
}

function stagedIds(rec: Recorder): DeploymentId[] {
  const run = rec.machine.volatile.run
  if (run === undefined) return []
  const found = resolve(run, '/ostree/staged-deployment', false)
  if ('error' in found) return []
  const inode = inodeOf(run, found.ino)
  if (inode?.kind !== 'file') return []
  try {
    return [(JSON.parse(inode.data) as { target: DeploymentId }).target]
  } catch {
    return []
  }
}

/** `generate_deployment_refs`: refs/heads/ostree/<B>/<S>/<index> for every deployment, so prune keeps them. */
export function writeDeploymentRefs(rec: Recorder): void {
  const root = rec.fs('root')
  const m = rec.machine
  const bootversion = readBootversion(m.filesystems.boot as Filesystem)
  const sub = readSubbootversion(root.view(), bootversion)
  root.removeTree(`${REPO}/refs/heads/ostree`)
  const list = [...stagedIds(rec), ...diskDeployments(m)]
  list.forEach((d, i) =>
    writeRef(root, 'heads', `ostree/${bootversion}/${sub}/${i}`, d.checksum, rec.clock),
  )
  rec.step(
    {
      type: 'repo/deploymentRefsWritten',
      refs: list.map((_, i) => `ostree/${bootversion}/${sub}/${i}`),
    },
    { key: 'step.repo.deploymentRefsWritten', params: { count: list.length } },
    [`root:${REPO}/refs/heads/ostree`],
  )
}

/**
 * `ostree_sysroot_cleanup_prune_repo` (reference 6): keep what every ref and every deployment's
 * commit reaches (depth 0), delete the rest, and count what was freed.
 */
/** The commits prune keeps (reference 6): every ref's, and every deployment folder's. */
export function repoRoots(root: Filesystem): string[] {
  const roots = new Set<string>([
    ...Object.values(readRefs(root, 'heads')),
    ...Object.values(readRefs(root, 'remotes')),
  ])
  for (const stateroot of stateroots(root))
    for (const d of deploymentDirs(root, stateroot)) roots.add(d.checksum)
  return [...roots].sort()
}

/** The names of each object folder that no root reaches, in the folder's order: every name looked at. */
function unreachedObjects(root: Filesystem, union: ObjectRef[][]): Map<string, string[]> {
  const keep = new Map<string, Set<string>>()
  for (const part of union)
    for (const ref of part) {
      let names = keep.get(ref.prefix)
      if (names === undefined) keep.set(ref.prefix, (names = new Set()))
      names.add(ref.name)
    }
  const unreached = new Map<string, string[]>()
  for (const [prefix, , dir] of readDir(root, `${REPO}/objects`)) {
    if (dir.kind !== 'dir') continue
    const names = keep.get(prefix)
    const gone = Object.keys(dir.entries).filter((name) => names?.has(name) !== true)
    if (gone.length > 0) unreached.set(prefix, gone)
  }
  return unreached
}

/**
 * The same, found from the commits that are stored but no longer roots (a deployment dropped, a
 * ref moved): what they reach and no root does. The repo's commits came from the remote, so its
 * commits are the ones to look for. Only when these objects are all that is to go (as many as the
 * stored objects the roots do not reach) is this the answer; else null, and every name is looked at.
 */
function droppedObjects(
  rec: Recorder,
  root: Filesystem,
  read: Lookup,
  roots: string[],
  expected: number,
): Map<string, string[]> | null {
  const first = roots[0]
  if (first === undefined) return null
  const others = roots.slice(1).map((c) => closureKeys(read, c))
  const local = objectLookupByName(root)
  const found = new Map<string, string[]>()
  const seen = new Set<string>()
  for (const commit of remoteOfMachine(rec.machine).committed) {
    if (roots.includes(commit) || !hasObject(root, commit, 'commit')) continue
    for (const ref of closureDifference(read, commit, read, first)) {
      if (seen.has(ref.key) || others.some((keys) => keys.has(ref.key))) continue
      seen.add(ref.key)
      if (local(ref.prefix, ref.name) === null) continue
      let names = found.get(ref.prefix)
      if (names === undefined) found.set(ref.prefix, (names = []))
      names.push(ref.name)
    }
  }
  return count(found) === expected ? found : null
}

const count = (found: Map<string, string[]>): number => {
  let n = 0
  for (const names of found.values()) n += names.length
  return n
}

/** The bytes an unlink frees: a file's, at its last name. */
function freedBytes(inode: Inode | null): number {
  return inode?.kind === 'file' && inode.nlink === 1 ? inode.size : 0
}

export function pruneRepo(rec: Recorder): { objects: number; bytes: number } {
  const root = rec.view('root')
  const read = localReader(root)
  const roots = repoRoots(root)
  const union = closureParts(read, roots)
  const reached = union.reduce((n, part) => n + part.length, 0)
  const stored = storedObjectCount(root)
  let objects = 0
  let bytes = 0
  // Every object the roots reach is stored (an invariant), so equal counts mean nothing to delete.
  if (stored !== reached) {
    const unreached =
      droppedObjects(rec, root, read, roots, stored - reached) ?? unreachedObjects(root, union)
    const draft = rec.fs('root')
    for (const [prefix, , dir] of readDir(root, `${REPO}/objects`)) {
      const names = unreached.get(prefix)
      if (dir.kind !== 'dir' || names === undefined) continue
      const inos = names.map((name) => dir.entries[name] as Ino)
      // Freed bytes are counted as each name goes: an inode named twice here frees at its last name.
      if (new Set(inos).size === inos.length) {
        for (const ino of inos) bytes += freedBytes(inodeOf(root, ino))
        draft.unlinkEach(`${REPO}/objects/${prefix}`, names)
      } else
        names.forEach((name, i) => {
          bytes += freedBytes(inodeOf(root, inos[i] as Ino))
          draft.unlink(`${REPO}/objects/${prefix}/${name}`)
        })
      objects += names.length
    }
  }
  rec.step(
    { type: 'repo/pruned', objects, bytes },
    {
      key: objects === 0 ? 'step.repo.prunedNothing' : 'step.repo.pruned',
      params: { objects, bytes },
    },
    [`root:${REPO}/objects`],
  )
  return { objects, bytes }
}

/** The list `ostree_sysroot_simple_write_deployment` keeps: new first, then pinned, booted, merge, other stateroots. */
export function simpleWriteList(
  rec: Recorder,
  added: ListItem,
  merge: DeploymentId | null,
  opts: { retain?: boolean; notDefault?: boolean } = {},
): ListItem[] {
  const root = rec.view('root')
  const booted = rec.machine.runtime?.booted ?? null
  const current = diskDeployments(rec.machine)
  const kept: ListItem[] = []
  for (const d of current) {
    if (
      opts.retain === true ||
      d.stateroot !== added.stateroot ||
      sameDeployment(d, booted) ||
      sameDeployment(d, merge) ||
      isPinned(root, d)
    ) {
      kept.push({ stateroot: d.stateroot, checksum: d.checksum, serial: d.serial, kargs: d.kargs })
    }
  }
  if (opts.notDefault === true && booted !== null) {
    const at = kept.findIndex((d) => sameDeployment(d, booted))
    return [...kept.slice(0, at + 1), added, ...kept.slice(at + 1)]
  }
  return [added, ...kept]
}
