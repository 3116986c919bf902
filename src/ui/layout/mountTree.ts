/**
 * The mount table as `findmnt` draws it: a tree of mounts, with findmnt's ASCII drawing (`|-`,
 * `` `- ``) before each target (reference 5.4).
 */
import { deviceOfFilesystem } from '../../engine/disks'
import type { Machine, Mount } from '../../engine/types'

/** A row of `findmnt(machine, { real: true })`, as the engine returns it. */
export interface FindmntRow {
  target: string
  source: string
  fstype: string
  options: string
}

export type FindmntTreeRow<R extends { target: string }> = R & {
  /** findmnt's tree drawing before the target. */
  prefix: string
}

function covers(outer: string, inner: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(`${outer}/`)
}

/**
 * For mounts listed in the order they were made, the index of each one's parent (-1 for none): the
 * mount its target sat on when it was made, i.e. the covering mount with the deepest target. A later
 * mount on the same target covers an earlier one, so it is the earlier one's child, never its
 * parent. Mounts made in the initramfs and moved under the new root end up under `/` this way.
 */
export function parentIndexes(targets: readonly string[]): number[] {
  return targets.map((target, i) => {
    let best = -1
    targets.forEach((other, j) => {
      if (j === i || !covers(other, target)) return
      if (other === target && j > i) return
      const current = targets[best]
      if (current === undefined || other.length > current.length) best = j
      // The same target mounted twice: the upper one, the latest made before this mount.
      else if (other.length === current.length && j < i && j > best) best = j
    })
    return best
  })
}

/** Rows in findmnt's order (depth first, children in mount order), each with its tree drawing. */
export function findmntTree<R extends { target: string }>(rows: readonly R[]): FindmntTreeRow<R>[] {
  const parents = parentIndexes(rows.map((row) => row.target))
  const children = new Map<number, number[]>()
  const roots: number[] = []
  parents.forEach((parent, i) => {
    if (parent < 0) roots.push(i)
    else children.set(parent, [...(children.get(parent) ?? []), i])
  })
  const out: FindmntTreeRow<R>[] = []
  const visit = (i: number, lead: string, branch: string) => {
    const row = rows[i] as R
    out.push({ ...row, prefix: lead + branch })
    const kids = children.get(i) ?? []
    const nextLead = branch === '' ? '' : lead + (branch === '|-' ? '| ' : '  ')
    kids.forEach((kid, k) => visit(kid, nextLead, k === kids.length - 1 ? '`-' : '|-'))
  }
  for (const root of roots) visit(root, '', '')
  return out
}

/** The device a filesystem lives on (`/dev/vda4`, `/dev/vdb1`), or undefined for one in memory. */
export function deviceOf(machine: Machine, filesystem: string): string | undefined {
  return deviceOfFilesystem(machine, filesystem)?.path
}

/** SOURCE as findmnt prints it: the device, with a bind mount's subtree in brackets. */
export function mountSource(machine: Machine, mount: Mount): string {
  const device = deviceOf(machine, mount.filesystem) ?? mount.fstype
  return mount.subtree === '/' ? device : `${device}[${mount.subtree}]`
}
