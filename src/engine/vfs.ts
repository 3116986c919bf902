/**
 * Paths as a process on the running machine sees them: through the mount table built at boot
 * (reference 5.4), following symlinks across mounts as the kernel does. `/usr/bin/ls` is the
 * deployment's usr, bind-mounted read-only; `/home` is a symlink into the shared `/var`.
 */
import { blockDevices } from './disks'
import { entryOf, inodeOf, splitPath, type Errno } from './fs'
import type { Filesystem, Ino, Inode, Machine, Mount } from './types'

export interface Located {
  /** The absolute path after every symlink was followed (`/var/home/core` for `/home/core`). */
  path: string
  mount: Mount
  /** Key of the filesystem in `Machine.filesystems` or `Machine.volatile`. */
  fsKey: string
  /** The path within that filesystem (`/ostree/deploy/.../usr/bin/ls`). */
  fsPath: string
  ino: Ino
  inode: Inode
}

function filesystemOf(m: Machine, key: string): Filesystem | undefined {
  return m.filesystems[key] ?? m.volatile[key]
}

/** The mount a path is on: the last mount made whose target is the path or one of its parents. */
export function mountOf(mounts: Mount[], path: string): Mount | undefined {
  let best: Mount | undefined
  for (const mount of mounts) {
    const t = mount.target
    if (path === t || t === '/' || path.startsWith(`${t}/`)) {
      if (best === undefined || t.length >= best.target.length) best = mount
    }
  }
  return best
}

const MAX_SYMLINKS = 40

/** The inode at an absolute path of components, no symlink followed: through its mount. */
function at(m: Machine, names: string[]): Located | { error: Errno; path: string } {
  const abs = '/' + names.join('/')
  const mount = mountOf(m.runtime?.mounts ?? [], abs)
  if (mount === undefined) return { error: 'ENOENT', path: abs }
  const fs = filesystemOf(m, mount.filesystem)
  if (fs === undefined) return { error: 'ENOENT', path: abs }
  const inFs = [...splitPath(mount.subtree), ...names.slice(splitPath(mount.target).length)]
  let ino = fs.rootIno
  for (const name of inFs) {
    const dir = inodeOf(fs, ino)
    if (dir?.kind !== 'dir') return { error: 'ENOTDIR', path: abs }
    const next = entryOf(dir, name)
    if (next === undefined) return { error: 'ENOENT', path: abs }
    ino = next
  }
  const inode = inodeOf(fs, ino) as Inode
  return { path: abs, mount, fsKey: mount.filesystem, fsPath: '/' + inFs.join('/'), ino, inode }
}

/**
 * Resolves an absolute path on the running machine. Symlinks in the middle are always followed;
 * the last one only when `follow` is true (as `stat` versus `lstat`).
 */
export function locate(
  m: Machine,
  path: string,
  follow = true,
): Located | { error: Errno; path: string } {
  let queue = splitPath(path)
  let current: string[] = []
  let budget = MAX_SYMLINKS
  let found = at(m, current)
  while (queue.length > 0) {
    const name = queue.shift() as string
    if (name === '..') {
      current.pop()
      found = at(m, current)
      continue
    }
    current.push(name)
    const next = at(m, current)
    if ('error' in next) return next
    if (next.inode.kind === 'symlink' && (queue.length > 0 || follow)) {
      if (--budget < 0) return { error: 'ELOOP', path }
      const target = next.inode.target
      current.pop()
      if (target.startsWith('/')) current = []
      queue = [...splitPath(target), ...queue]
      continue
    }
    if (queue.length > 0 && next.inode.kind !== 'dir') return { error: 'ENOTDIR', path: next.path }
    found = next
  }
  return found
}

/**
 * Why a process could not create or change `path`, or null if it can: a read-only mount gives
 * EROFS (`/usr`, `/sysroot`), an immutable parent gives EPERM (`mkdir /foo`: the deployment root
 * carries `chattr +i`), a missing parent ENOENT (reference 5.5).
 */
export function writeRefusal(m: Machine, path: string): Errno | null {
  const parts = splitPath(path)
  const parentPath = '/' + parts.slice(0, -1).join('/')
  const parent = locate(m, parentPath, true)
  if ('error' in parent) return parent.error
  if (parent.inode.kind !== 'dir') return 'ENOTDIR'
  const self = locate(m, path, false)
  const mount = 'error' in self ? parent.mount : self.mount
  if (mount.readOnly) return 'EROFS'
  if (parent.inode.immutable === true) return 'EPERM'
  if (!('error' in self) && self.inode.immutable === true) return 'EPERM'
  return null
}

/** `findmnt --real`-style rows: target, source with its bind subtree, fstype, options (reference 5.4). */
export function findmnt(
  m: Machine,
  opts: { real?: boolean } = {},
): { target: string; source: string; fstype: string; options: string }[] {
  const devices: Record<string, string> = {}
  for (const d of blockDevices(m)) if (d.filesystem !== null) devices[d.filesystem] = d.path
  return (m.runtime?.mounts ?? [])
    .filter((x) => opts.real !== true || devices[x.filesystem] !== undefined)
    .slice()
    .sort((a, b) => (a.target === '/' ? -1 : b.target === '/' ? 1 : a.id - b.id))
    .map((x) => {
      const device = devices[x.filesystem] ?? x.fstype
      return {
        target: x.target,
        source: x.subtree === '/' ? device : `${device}[${x.subtree}]`,
        fstype: x.fstype,
        options: x.options.join(','),
      }
    })
}
