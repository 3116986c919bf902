/**
 * The filesystem as a process of the running machine sees it: one tree through the mount table
 * (reference 5.4), with the permission checks the kernel makes on the way (search permission on
 * every directory walked, read permission to list one). Paths resolve as `locate` in ../vfs.ts
 * resolves them; this module adds credentials, a node you can walk from without resolving again,
 * the few virtual files of /proc the shell needs, and what `stat` reports (sizes, blocks, devices).
 */
import { bootTimeOf } from '../boot'
import { deviceOfFilesystem } from '../disks'
import { ERRNO, emptyFilesystem, entryOf, FsDraft, inodeOf, linkCount, resolve } from '../fs'
import type { Errno } from '../fs'
import type { DeploymentId, DirInode, Filesystem, Ino, Inode, Machine, Mount } from '../types'
import { CORE_HOME } from './login'
import type { Cred } from './types'

export { CORE_HOME }

export { ERRNO }
export type { Errno }

/** The errors of the engine's table, plus EBUSY (removing a mount point). */
export type ShellErrno = Errno | 'EBUSY'

/** `strerror` of an error code. */
export function errText(errno: ShellErrno): string {
  return errno === 'EBUSY' ? 'Device or resource busy' : ERRNO[errno]
}

/** A name in the tree: where it was reached, on which mount, and its inode. */
export interface Node {
  /** Absolute path of this name, every symlink before it resolved (`/var/home/core`). */
  path: string
  mount: Mount
  /** Key of the filesystem in the machine (`root`, `boot`, `run`) or `#proc` for /proc. */
  fsKey: string
  /** The path of this name within its filesystem (`/ostree/deploy/…/usr/bin/ls`). */
  fsPath: string
  fs: Filesystem
  ino: Ino
  inode: Inode
}

export interface Failure {
  error: Errno
  path: string
}

export type Found = Node | Failure

export function failed<T extends object>(x: T | Failure): x is Failure {
  return 'error' in x
}

export const ROOT: Cred = { uid: 0, gid: 0, groups: [0] }

/**
 * The core user as the CoreOS base Ignition config creates it when the machine's passwd does not
 * list it: `core:x:1000:1000:CoreOS Admin:/var/home/core:/bin/bash` (a real RHCOS /etc/passwd in a
 * public transcript), in the groups adm, wheel, sudo and systemd-journal (the sudo group gets
 * passwordless sudo from /etc/sudoers.d/coreos-sudo-group).
 */
export const CORE: Cred = { uid: 1000, gid: 1000, groups: [1000, 4, 10, 16, 190] }
const CORE_PASSWD = 'core:x:1000:1000:CoreOS Admin:/var/home/core:/bin/bash'
const CORE_GROUPS: [number, string][] = [
  [1000, 'core'],
  [4, 'adm'],
  [10, 'wheel'],
  [16, 'sudo'],
  [190, 'systemd-journal'],
]

const MAX_SYMLINKS = 40
const PROC_KEY = '#proc'

/** Permission bits `want` (4 read, 2 write, 1 execute/search) for `cred` on `inode`. */
export function allowed(cred: Cred, inode: Inode, want: 4 | 2 | 1): boolean {
  if (cred.uid === 0) return want !== 1 || inode.kind === 'dir' || (inode.mode & 0o111) !== 0
  if (inode.kind === 'symlink') return true
  const bits =
    inode.uid === cred.uid
      ? (inode.mode >> 6) & 7
      : inode.gid === cred.gid || cred.groups.includes(inode.gid)
        ? (inode.mode >> 3) & 7
        : inode.mode & 7
  return (bits & want) !== 0
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.')
}

/** `a` joined with `b` unless `b` is absolute; no normalisation. */
export function joinPath(dir: string, path: string): string {
  if (path.startsWith('/')) return path
  if (path === '') return dir
  return dir === '/' ? `/${path}` : `${dir}/${path}`
}

/** The last name of a path (`/` for the root). */
export function basenameOf(path: string): string {
  const parts = splitPath(path)
  return parts[parts.length - 1] ?? '/'
}

/** Lexical normalisation: `.` and `..` removed, as `cd` does with its logical path. */
export function normalize(path: string): string {
  const out: string[] = []
  for (const part of splitPath(path)) {
    if (part === '..') out.pop()
    else out.push(part)
  }
  return '/' + out.join('/')
}

export interface Passwd {
  name: string
  uid: number
  gid: number
  gecos: string
  home: string
  shell: string
}

/** The view of one machine. Build a new one after the machine changes. */
export class Sys {
  readonly mounts: Mount[]
  private readonly byTarget = new Map<string, Mount>()
  /** The directories some mount target is directly in: only their entries can cross a mount. */
  private readonly mountParents = new Set<string>()
  private readonly filesystems: Record<string, Filesystem>
  private usersMemo: Passwd[] | null = null
  private groupsMemo: Map<number, string> | null = null
  private groupMembersMemo: Map<number, string[]> | null = null

  constructor(readonly m: Machine) {
    this.filesystems = { ...m.filesystems, ...m.volatile }
    const mounts = m.runtime?.mounts ?? []
    const proc = m.runtime === null ? null : procFilesystem(m)
    if (proc !== null) this.filesystems[PROC_KEY] = proc
    this.mounts = proc === null ? mounts : [...mounts, procMount()]
    for (const mount of this.mounts) {
      const previous = this.byTarget.get(mount.target)
      if (previous === undefined || previous.id <= mount.id || mount.id === 0)
        this.byTarget.set(mount.target, mount)
      const cut = mount.target.lastIndexOf('/')
      this.mountParents.add(cut <= 0 ? '/' : mount.target.slice(0, cut))
    }
  }

  get booted(): DeploymentId | null {
    return this.m.runtime?.booted ?? null
  }

  /** Seconds since the epoch when the kernel started (the /run tmpfs is made then). */
  get bootTime(): number {
    return bootTimeOf(this.m)
  }

  fsOf(key: string): Filesystem | undefined {
    return this.filesystems[key]
  }

  private mountRoot(mount: Mount, path: string): Node | null {
    const fs = this.filesystems[mount.filesystem]
    if (fs === undefined) return null
    const found = resolve(fs, mount.subtree, true)
    if ('error' in found) return null
    const inode = inodeOf(fs, found.ino)
    if (inode === null) return null
    return { path, mount, fsKey: mount.filesystem, fsPath: found.path, fs, ino: found.ino, inode }
  }

  root(): Node | null {
    const mount = this.byTarget.get('/')
    return mount === undefined ? null : this.mountRoot(mount, '/')
  }

  /** The entry `name` of a directory node, crossing into a filesystem mounted there. */
  child(dir: Node, name: string): Node | null {
    if (dir.inode.kind !== 'dir') return null
    const path = dir.path === '/' ? `/${name}` : `${dir.path}/${name}`
    if (this.mountParents.has(dir.path)) {
      const mount = this.byTarget.get(path)
      if (mount !== undefined) return this.mountRoot(mount, path)
    }
    const ino = entryOf(dir.inode, name)
    if (ino === undefined) return null
    const inode = inodeOf(dir.fs, ino)
    if (inode === null) return null
    const fsPath = dir.fsPath === '/' ? `/${name}` : `${dir.fsPath}/${name}`
    return { path, mount: dir.mount, fsKey: dir.fsKey, fsPath, fs: dir.fs, ino, inode }
  }

  /** The names of a directory node, sorted as the C.UTF-8 locale sorts them (code points). */
  names(dir: Node): string[] {
    if (dir.inode.kind !== 'dir') return []
    let names = sortedNames.get(dir.inode)
    if (names === undefined) {
      names = Object.keys(dir.inode.entries).sort(byCodePoint)
      sortedNames.set(dir.inode, names)
    }
    return names
  }

  /**
   * Resolves an absolute path. Symlinks in the middle are always followed, the last one only with
   * `follow` (stat versus lstat); `..` goes back along the names walked, as the kernel does. With a
   * `cred`, every directory walked must be searchable (EACCES otherwise). A trailing slash requires
   * a directory.
   */
  resolve(path: string, follow: boolean, cred: Cred = ROOT): Found {
    const root = this.root()
    if (root === null) return { error: 'ENOENT', path }
    const trailing = path.length > 1 && path.endsWith('/')
    let stack: Node[] = [root]
    let queue = splitPath(path)
    let budget = MAX_SYMLINKS
    while (queue.length > 0) {
      const name = queue.shift() as string
      const current = stack[stack.length - 1] as Node
      if (current.inode.kind !== 'dir') return { error: 'ENOTDIR', path }
      if (!allowed(cred, current.inode, 1)) return { error: 'EACCES', path }
      if (name === '..') {
        if (stack.length > 1) stack.pop()
        continue
      }
      const next = this.child(current, name)
      if (next === null) return { error: 'ENOENT', path }
      if (next.inode.kind === 'symlink' && (queue.length > 0 || follow || trailing)) {
        if (--budget < 0) return { error: 'ELOOP', path }
        const target = next.inode.target
        if (target.startsWith('/')) stack = [root]
        queue = [...splitPath(target), ...queue]
        continue
      }
      stack.push(next)
    }
    const node = stack[stack.length - 1] as Node
    if (trailing && node.inode.kind !== 'dir') return { error: 'ENOTDIR', path }
    return node
  }

  /** The directory that would hold `path`, resolved, and the last name; for creating things. */
  parentOf(path: string, cred: Cred = ROOT): { dir: Node; name: string } | Failure {
    const parts = splitPath(path)
    const name = parts.pop()
    if (name === undefined || name === '..') return { error: 'EEXIST', path }
    const dir = this.resolve('/' + parts.join('/'), true, cred)
    if (failed(dir)) return dir
    if (dir.inode.kind !== 'dir') return { error: 'ENOTDIR', path }
    if (!allowed(cred, dir.inode, 1)) return { error: 'EACCES', path }
    return { dir, name }
  }

  /** Accounts from /etc/passwd and /usr/lib/passwd (nss-altfiles), plus core if missing. */
  users(): Passwd[] {
    if (this.usersMemo !== null) return this.usersMemo
    const text = `${this.text('/etc/passwd')}\n${this.text('/usr/lib/passwd')}`
    const known = passwdMemo.get(text)
    if (known !== undefined) return (this.usersMemo = known)
    const lines = text.split('\n')
    const users: Passwd[] = []
    for (const line of lines) {
      const f = line.split(':')
      if (f.length < 7) continue
      const uid = Number(f[2])
      const gid = Number(f[3])
      if (!Number.isInteger(uid) || !Number.isInteger(gid)) continue
      if (users.some((u) => u.name === f[0] || u.uid === uid)) continue
      users.push({
        name: f[0] as string,
        uid,
        gid,
        gecos: f[4] as string,
        home: f[5] as string,
        shell: f[6] as string,
      })
    }
    if (!users.some((u) => u.uid === CORE.uid)) {
      const f = CORE_PASSWD.split(':')
      users.push({
        name: 'core',
        uid: 1000,
        gid: 1000,
        gecos: f[4] as string,
        home: CORE_HOME,
        shell: '/bin/bash',
      })
    }
    if (passwdMemo.size > 16) passwdMemo.clear()
    passwdMemo.set(text, users)
    this.usersMemo = users
    return users
  }

  userName(uid: number): string {
    return this.users().find((u) => u.uid === uid)?.name ?? String(uid)
  }

  private groupTable(): Map<number, string> {
    if (this.groupsMemo !== null) return this.groupsMemo
    const groups = new Map<number, string>()
    const members = new Map<number, string[]>()
    const lines = [
      ...this.text('/etc/group').split('\n'),
      ...this.text('/usr/lib/group').split('\n'),
    ]
    for (const line of lines) {
      const f = line.split(':')
      if (f.length < 4) continue
      const gid = Number(f[2])
      if (!Number.isInteger(gid) || groups.has(gid)) continue
      groups.set(gid, f[0] as string)
      members.set(
        gid,
        (f[3] as string).split(',').filter((x) => x !== ''),
      )
    }
    for (const [gid, name] of CORE_GROUPS) if (!groups.has(gid)) groups.set(gid, name)
    this.groupsMemo = groups
    this.groupMembersMemo = members
    return groups
  }

  /**
   * A user's credentials from the account files: the primary group, then every group that lists
   * the user, in file order (what initgroups gives). Core falls back to CORE without files.
   */
  credOf(name: string): Cred | null {
    const user = this.users().find((u) => u.name === name)
    if (user === undefined) return null
    if (user.uid === 0) return ROOT
    const table = this.groupTable()
    const groups = [user.gid]
    for (const gid of table.keys()) {
      if (gid !== user.gid && this.groupMembers(gid).includes(name)) groups.push(gid)
    }
    if (user.uid === CORE.uid && groups.length === 1) return CORE
    return { uid: user.uid, gid: user.gid, groups }
  }

  groupName(gid: number): string {
    return this.groupTable().get(gid) ?? String(gid)
  }

  groupMembers(gid: number): string[] {
    this.groupTable()
    return this.groupMembersMemo?.get(gid) ?? []
  }

  /** A file's text read as root, or '' (for the account databases and /etc/hostname). */
  text(path: string): string {
    const node = this.resolve(path, true)
    return !failed(node) && node.inode.kind === 'file' ? node.inode.data : ''
  }

  hostname(): string {
    const name = this.text('/etc/hostname').trim()
    if (name !== '') return name
    // RHCOS: the article's machine is named coreos. FCOS without a configured hostname reports
    // `localhost` (UNCONFIRMED: it is what NetworkManager leaves without DHCP-provided name).
    return this.m.profile === 'rhcos' ? 'coreos' : 'localhost'
  }
}

/** Inodes never change in place (a change makes a new object), so derived facts can be kept. */
const sortedNames = new WeakMap<DirInode, string[]>()
/** Parsed account databases by their text (a handful of distinct texts in a session). */
const passwdMemo = new Map<string, Passwd[]>()
const dirSizes = new WeakMap<DirInode, number>()
const dirLinks = new WeakMap<DirInode, number>()

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function procMount(): Mount {
  return {
    id: 0,
    target: '/proc',
    filesystem: PROC_KEY,
    subtree: '/',
    fstype: 'proc',
    options: ['rw', 'nosuid', 'nodev', 'noexec', 'relatime'],
    readOnly: false,
  }
}

const procMemo = new WeakMap<Machine, Filesystem>()

/**
 * The two files of /proc the shell shows: the kernel command line and the mount table. The rest of
 * procfs is not modeled; /proc is not in the engine's mount table, the shell adds it for reading.
 */
function procFilesystem(m: Machine): Filesystem {
  const memo = procMemo.get(m)
  if (memo !== undefined) return memo
  const t = bootTimeOf(m)
  const draft = new FsDraft(emptyFilesystem('proc', 'tmpfs', 1, t))
  draft.setAttrs('/', { mode: 0o555 })
  const mounts = procMountsText(m)
  draft.writeFile('/cmdline', `${m.runtime?.cmdline ?? ''}\n`, { mode: 0o444, mtime: t, size: 0 })
  draft.writeFile('/mounts', mounts, { mode: 0o444, mtime: t, size: 0 })
  const fs = draft.finish()
  procMemo.set(m, fs)
  return fs
}

/** The source column of a mount: its partition's device, or the filesystem type's name. */
export function mountSource(m: Machine, mount: Mount): string {
  return deviceOfFilesystem(m, mount.filesystem)?.path ?? mount.fstype
}

/** `/proc/mounts`: source, target, type, options, `0 0`, in mount order. */
export function procMountsText(m: Machine): string {
  return (m.runtime?.mounts ?? [])
    .slice()
    .sort((a, b) => (a.target === '/' ? -1 : b.target === '/' ? 1 : a.id - b.id))
    .map((x) => `${mountSource(m, x)} ${x.target} ${x.fstype} ${x.options.join(',')} 0 0\n`)
    .join('')
}

// ----------------------------------------------------------------------------------------------
// What stat(2) reports. The model keeps no sizes for directories and no block maps, so both follow
// the on-disk formats: xfs short-form directories live in the inode (6 bytes of header, then
// name length + 8 bytes per entry: `/usr` with its twelve entries is the article's 155), larger
// ones take 4 KiB blocks; ext4 with 1 KiB blocks (the article's /boot is 1024); tmpfs counts 20
// bytes per entry plus 40 (the article's /run 840, /tmp 180); procfs says 0.

/** xfs inode literal area left for a short-form directory next to an SELinux label (approximate). */
const XFS_SHORTFORM_MAX = 272

function utf8(name: string): number {
  let n = 0
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3
  }
  return n
}

function dirNames(dir: DirInode): string[] {
  return Object.keys(dir.entries)
}

function fstypeOf(node: Node): string {
  return node.fsKey === PROC_KEY ? 'proc' : node.fs.fstype
}

/** The block size `stat` shows as IO Block. */
export function ioBlock(node: Node): number {
  return fstypeOf(node) === 'ext4' ? 1024 : 4096
}

/** st_size. */
export function sizeOf(node: Node): number {
  const { inode } = node
  if (inode.kind === 'file') return inode.size
  if (inode.kind === 'symlink') return utf8(inode.target)
  const known = dirSizes.get(inode)
  if (known !== undefined) return known
  const size = dirSize(node, inode)
  dirSizes.set(inode, size)
  return size
}

function dirSize(node: Node, inode: DirInode): number {
  const names = dirNames(inode)
  switch (fstypeOf(node)) {
    case 'proc':
      return 0
    case 'tmpfs':
      return 40 + 20 * names.length
    case 'ext4': {
      // mklost+found preallocates twelve blocks so fsck never has to allocate.
      if (node.path.endsWith('/lost+found')) return 12 * 1024
      let bytes = 24
      for (const name of names) bytes += Math.ceil((8 + utf8(name)) / 4) * 4
      return Math.max(1, Math.ceil(bytes / 1024)) * 1024
    }
    default: {
      let short = 6
      for (const name of names) short += utf8(name) + 8
      if (short <= XFS_SHORTFORM_MAX) return short
      let bytes = 64 + 16 + 16
      for (const name of names) bytes += Math.ceil((utf8(name) + 12) / 8) * 8
      return Math.ceil(bytes / (4096 - 64)) * 4096
    }
  }
}

/** st_blocks, in 512-byte units. */
export function blocksOf(node: Node): number {
  const { inode } = node
  const type = fstypeOf(node)
  if (type === 'proc') return 0
  if (inode.kind === 'symlink') return 0
  const size = sizeOf(node)
  if (inode.kind === 'dir') {
    if (type === 'tmpfs') return 0
    if (type === 'xfs' && size <= XFS_SHORTFORM_MAX) return 0
    return Math.ceil(size / 512) + (type === 'xfs' && size > 4096 ? 8 : 0)
  }
  const block = type === 'ext4' ? 1024 : 4096
  return Math.ceil(size / block) * (block / 512)
}

export function nlinkOf(node: Node): number {
  if (node.inode.kind !== 'dir') return linkCount(node.fs, node.inode)
  let n = dirLinks.get(node.inode)
  if (n === undefined) {
    n = linkCount(node.fs, node.inode)
    dirLinks.set(node.inode, n)
  }
  return n
}

/** `major,minor` of the device: virtio disks are 252,16×disk+N; memory filesystems 0,N. */
export function deviceOf(m: Machine, node: Node): [number, number] {
  const dev = deviceOfFilesystem(m, node.fsKey)
  if (dev !== undefined) return [dev.major, dev.minor]
  return [0, node.fsKey === PROC_KEY ? 22 : 25]
}

export function kindName(inode: Inode, size: number): string {
  if (inode.kind === 'dir') return 'directory'
  if (inode.kind === 'symlink') return 'symbolic link'
  return size === 0 ? 'regular empty file' : 'regular file'
}
