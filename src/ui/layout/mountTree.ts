/**
 * The mount table as `findmnt` draws it: a tree of mounts, with findmnt's ASCII drawing (`|-`,
 * `` `- ``) before each target.
 */
import type { Machine, Mount } from '../../engine/types'

export interface MountRow {
  mount: Mount
  /** findmnt's tree drawing before the target. */
  prefix: string
  source: string
}

/**
 * The virtual disk of the reference machine: FCOSDOCS storage.adoc shows `/dev/vda3` (boot) and
 * `/dev/vda4` (root) in its findmnt listing (reference 5.4).
 */
export const DISK = '/dev/vda'

function covers(outer: string, inner: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(`${outer}/`)
}

/** SOURCE: the partition's device, with a bind mount's subtree in brackets; else the fs type. */
export function mountSource(machine: Machine, mount: Mount): string {
  const partition = machine.partitions.find((p) => p.filesystem === mount.filesystem)
  const device = partition ? `${DISK}${partition.number}` : mount.fstype
  return mount.subtree === '/' ? device : `${device}[${mount.subtree}]`
}

/** OPTIONS: findmnt always starts with `ro` or `rw`. */
export function mountOptions(mount: Mount): string {
  const first = mount.options[0]
  const options =
    first === 'ro' || first === 'rw'
      ? mount.options
      : [mount.readOnly ? 'ro' : 'rw', ...mount.options]
  return options.join(',')
}

/**
 * A mount's parent is the mount its target sat on when it was made: the covering mount with the
 * deepest target (an earlier mount on the same target is covered over). Mounts made in the initramfs
 * and moved under the new root after switch-root end up under `/` this way, as findmnt shows them.
 */
function parentOf(mounts: readonly Mount[], i: number): number {
  const mount = mounts[i] as Mount
  let best = -1
  mounts.forEach((other, j) => {
    if (j === i || !covers(other.target, mount.target)) return
    if (other.target === mount.target && j > i) return
    const current = mounts[best]
    if (!current || other.target.length > current.target.length) best = j
    // The same target mounted twice: the upper one, the latest made before this mount if any.
    else if (other.target.length === current.target.length && (j < i || best > i)) best = j
  })
  return best
}

export function findmntRows(machine: Machine, mounts: readonly Mount[]): MountRow[] {
  const children = new Map<number, number[]>()
  const roots: number[] = []
  mounts.forEach((_mount, i) => {
    const parent = parentOf(mounts, i)
    if (parent < 0) roots.push(i)
    else children.set(parent, [...(children.get(parent) ?? []), i])
  })
  const rows: MountRow[] = []
  const visit = (i: number, lead: string, branch: string) => {
    const mount = mounts[i] as Mount
    rows.push({ mount, prefix: lead + branch, source: mountSource(machine, mount) })
    const kids = children.get(i) ?? []
    const nextLead = branch === '' ? '' : lead + (branch === '|-' ? '| ' : '  ')
    kids.forEach((kid, k) => visit(kid, nextLead, k === kids.length - 1 ? '`-' : '|-'))
  }
  for (const root of roots) visit(root, '', '')
  return rows
}
