/**
 * Filesystems: inode tables with copy-on-write chunks, and path operations on them.
 *
 * Reading takes a `Filesystem` value. Writing goes through an `FsDraft`, which copies a chunk the
 * first time it changes one of its inodes; `finish()` returns a new `Filesystem` that shares every
 * untouched chunk with the old one, which is left as it was.
 */
import type { DirInode, FileInode, Filesystem, FsType, Ino, Inode, SymlinkInode } from './types'

export const CHUNK = 1024

/** POSIX error codes the operations can fail with, and the text `strerror` gives them. */
export const ERRNO = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EXDEV: 'Invalid cross-device link',
} as const
export type Errno = keyof typeof ERRNO

export class FsError extends Error {
  constructor(
    readonly code: Errno,
    readonly path: string,
  ) {
    super(`${path}: ${ERRNO[code]}`)
  }
}

export function emptyFilesystem(
  label: string,
  fstype: FsType,
  firstIno: Ino,
  mtime: number,
): Filesystem {
  const root: DirInode = { kind: 'dir', uid: 0, gid: 0, mode: 0o755, mtime, entries: newEntries() }
  return { label, fstype, firstIno, rootIno: firstIno, nextIno: firstIno + 1, chunks: [[root]] }
}

export function inodeOf(fs: Filesystem, ino: Ino): Inode | null {
  const i = ino - fs.firstIno
  return fs.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK] ?? null
}

/**
 * A directory's entries object. It has no prototype, which makes V8 keep it as a hash table from the
 * start instead of building a hidden class per name (directories hold thousands of unique names).
 */
export function newEntries(): Record<string, Ino> {
  return Object.create(null) as Record<string, Ino>
}

/**
 * How many names each finished entries object holds. An entries object never changes once it is a
 * directory's (a change makes a copy), so its count is computed at most once: the repo's 256 object
 * folders hold 20,000 names or more, and prune compares their total at every upgrade.
 */
const entryCounts = new WeakMap<Record<string, Ino>, number>()

/** The number of names in a directory (`entries` must be a finished directory's). */
export function entryCount(entries: Record<string, Ino>): number {
  let count = entryCounts.get(entries)
  if (count === undefined) {
    count = Object.keys(entries).length
    entryCounts.set(entries, count)
  }
  return count
}

/** A copy of `entries` with `additions` set (and `removed`, or every name in it, deleted). */
export function withEntries(
  entries: Record<string, Ino>,
  additions: Record<string, Ino> | null,
  removed?: string | ReadonlySet<string>,
): Record<string, Ino> {
  const out = newEntries()
  let count = 0
  if (typeof removed === 'object') {
    for (const name in entries)
      if (!removed.has(name)) {
        out[name] = entries[name] as Ino
        count++
      }
  } else {
    for (const name in entries)
      if (name !== removed) {
        out[name] = entries[name] as Ino
        count++
      }
  }
  if (additions !== null)
    for (const name in additions) {
      if (out[name] === undefined) count++
      out[name] = additions[name] as Ino
    }
  entryCounts.set(out, count)
  return out
}

/** A directory's entry, safe for any name (a directory is a plain object, and `__proto__` is a name). */
export function entryOf(dir: DirInode, name: string): Ino | undefined {
  // Inherited properties of Object.prototype are never numbers, so this is an own-property test.
  const ino = dir.entries[name]
  return typeof ino === 'number' ? ino : undefined
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.')
}

export function joinPath(...parts: string[]): string {
  const joined = parts.join('/').replace(/\/+/g, '/')
  return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`
}

export function dirname(path: string): string {
  const parts = splitPath(path)
  return '/' + parts.slice(0, -1).join('/')
}

export function basename(path: string): string {
  return splitPath(path).at(-1) ?? '/'
}

const MAX_SYMLINKS = 40

/**
 * Resolves a path within one filesystem, following symlinks in the middle of the path (and at its
 * end when `follow` is true), as the kernel does; `..` and absolute targets stay in this filesystem.
 * Returns the inode number, or an error code.
 */
export function resolve(
  fs: Filesystem,
  path: string,
  follow = true,
): { ino: Ino; path: string } | { error: Errno } {
  let budget = MAX_SYMLINKS
  const walk = (start: string[], rest: string[]): { ino: Ino; path: string } | { error: Errno } => {
    const stack: { ino: Ino; name: string }[] = []
    let current = fs.rootIno
    for (const name of start) {
      const dir = inodeOf(fs, current)
      if (dir?.kind !== 'dir') return { error: 'ENOTDIR' }
      const next = entryOf(dir, name)
      if (next === undefined) return { error: 'ENOENT' }
      stack.push({ ino: current, name })
      current = next
    }
    const parts = [...rest]
    while (parts.length > 0) {
      const name = parts.shift() as string
      const dir = inodeOf(fs, current)
      if (dir?.kind !== 'dir') return { error: 'ENOTDIR' }
      if (name === '..') {
        current = stack.pop()?.ino ?? fs.rootIno
        continue
      }
      const next = entryOf(dir, name)
      if (next === undefined) return { error: 'ENOENT' }
      const inode = inodeOf(fs, next)
      if (inode?.kind === 'symlink' && (parts.length > 0 || follow)) {
        if (--budget < 0) return { error: 'ELOOP' }
        const base = inode.target.startsWith('/') ? [] : stack.map((s) => s.name)
        const from = inode.target.startsWith('/') ? [] : base
        return walk([], [...from, ...splitPath(inode.target), ...parts])
      }
      stack.push({ ino: current, name })
      current = next
    }
    return { ino: current, path: '/' + stack.map((s) => s.name).join('/') }
  }
  return walk([], splitPath(path))
}

/** The inode at `path`, or null; symlinks at the end are not followed (lstat). */
export function lookupPath(fs: Filesystem, path: string, follow = false): Inode | null {
  const found = resolve(fs, path, follow)
  return 'error' in found ? null : inodeOf(fs, found.ino)
}

export function inoAt(fs: Filesystem, path: string, follow = false): Ino | null {
  const found = resolve(fs, path, follow)
  return 'error' in found ? null : found.ino
}

/** A directory's entries sorted by name, with their inodes. Empty when `path` is not a directory. */
export function readDir(fs: Filesystem, path: string, follow = true): [string, Ino, Inode][] {
  const dir = lookupPath(fs, path, follow)
  if (dir?.kind !== 'dir') return []
  return Object.keys(dir.entries)
    .sort()
    .map((name) => {
      const ino = dir.entries[name] as Ino
      return [name, ino, inodeOf(fs, ino) as Inode]
    })
}

export function readText(fs: Filesystem, path: string): string | null {
  const inode = lookupPath(fs, path, true)
  return inode?.kind === 'file' ? inode.data : null
}

export function readLink(fs: Filesystem, path: string): string | null {
  const inode = lookupPath(fs, path, false)
  return inode?.kind === 'symlink' ? inode.target : null
}

/** Calls `visit` for every entry under `path` (not the directory itself), parents first, names sorted. */
export function walkTree(
  fs: Filesystem,
  path: string,
  visit: (relPath: string, inode: Inode, ino: Ino) => void,
): void {
  const start = inoAt(fs, path, true)
  if (start === null) return
  const recurse = (ino: Ino, prefix: string): void => {
    const dir = inodeOf(fs, ino)
    if (dir?.kind !== 'dir') return
    for (const name of Object.keys(dir.entries).sort()) {
      const child = dir.entries[name] as Ino
      const inode = inodeOf(fs, child) as Inode
      const rel = prefix === '' ? name : `${prefix}/${name}`
      visit(rel, inode, child)
      if (inode.kind === 'dir') recurse(child, rel)
    }
  }
  recurse(start, '')
}

/** The number of subdirectories plus two: what `stat` shows as a directory's link count. */
export function dirLinkCount(fs: Filesystem, dir: DirInode): number {
  let n = 2
  for (const name in dir.entries) {
    if (inodeOf(fs, dir.entries[name] as Ino)?.kind === 'dir') n++
  }
  return n
}

/** The link count `stat` shows for any inode. */
export function linkCount(fs: Filesystem, inode: Inode): number {
  return inode.kind === 'dir' ? dirLinkCount(fs, inode) : inode.nlink
}

/**
 * A filesystem being changed. Operations take paths relative to this filesystem's root and throw
 * `FsError` as the system calls would fail. Nothing here checks read-only mounts or permissions;
 * that is the caller's business (the kernel checks mounts, the engine checks what a process may do).
 */
export class FsDraft {
  private chunks: (Inode | null)[][]
  /** A chunk is this draft's own copy when it is no longer the base's array. */
  private changed = false
  private nextIno: Ino

  constructor(private readonly base: Filesystem) {
    this.chunks = base.chunks.slice()
    this.nextIno = base.nextIno
  }

  get(ino: Ino): Inode | null {
    const i = ino - this.base.firstIno
    return this.chunks[Math.floor(i / CHUNK)]?.[i % CHUNK] ?? null
  }

  private set(ino: Ino, inode: Inode | null): void {
    const i = ino - this.base.firstIno
    const c = Math.floor(i / CHUNK)
    let chunk = this.chunks[c]
    if (chunk === undefined || chunk === this.base.chunks[c]) {
      chunk = this.chunks[c] = chunk?.slice() ?? []
      this.changed = true
    }
    chunk[i % CHUNK] = inode
  }

  /** Stores a new inode and returns its number. */
  alloc(inode: Inode): Ino {
    const ino = this.nextIno++
    this.set(ino, inode)
    return ino
  }

  update<T extends Inode>(ino: Ino, change: (inode: T) => T): void {
    this.set(ino, change(this.get(ino) as T))
  }

  /** Stores `inode` as the new value of inode `ino`, which the caller has just read. */
  replace(ino: Ino, inode: Inode): void {
    this.set(ino, inode)
  }

  /** The filesystem with the changes; the very same object when nothing changed. */
  finish(): Filesystem {
    if (!this.changed && this.nextIno === this.base.nextIno) return this.base
    return { ...this.base, nextIno: this.nextIno, chunks: this.chunks }
  }

  /** The current state as a `Filesystem`, for the read functions above (cheap: no copying). */
  view(): Filesystem {
    return { ...this.base, nextIno: this.nextIno, chunks: this.chunks }
  }

  resolve(path: string, follow = false): Ino {
    const found = resolve(this.view(), path, follow)
    if ('error' in found) throw new FsError(found.error, path)
    return found.ino
  }

  exists(path: string): boolean {
    return !('error' in resolve(this.view(), path, false))
  }

  /** The directory that would hold `path`, and the last name. */
  private parentOf(path: string): { dir: Ino; name: string } {
    const parts = splitPath(path)
    const name = parts.pop()
    if (name === undefined) throw new FsError('EEXIST', path)
    const dir = this.resolve('/' + parts.join('/'), true)
    const inode = this.get(dir)
    if (inode?.kind !== 'dir') throw new FsError('ENOTDIR', path)
    if (inode.immutable) throw new FsError('EPERM', path)
    return { dir, name }
  }

  private addEntry(dir: Ino, name: string, ino: Ino, mtime?: number): void {
    this.update<DirInode>(dir, (d) => ({
      ...d,
      ...(mtime === undefined ? {} : { mtime }),
      entries: withEntries(d.entries, { [name]: ino }),
    }))
  }

  private dropEntry(dir: Ino, name: string, mtime?: number): void {
    this.update<DirInode>(dir, (d) => {
      const entries = withEntries(d.entries, null, name)
      return { ...d, ...(mtime === undefined ? {} : { mtime }), entries }
    })
  }

  /** Links a new inode under `path`; fails if the name exists. */
  create(path: string, inode: Inode, mtime?: number): Ino {
    const { dir, name } = this.parentOf(path)
    if (entryOf(this.get(dir) as DirInode, name) !== undefined) throw new FsError('EEXIST', path)
    const ino = this.alloc(inode)
    this.addEntry(dir, name, ino, mtime)
    return ino
  }

  mkdir(path: string, attrs: { mode?: number; uid?: number; gid?: number; mtime: number }): Ino {
    return this.create(
      path,
      {
        kind: 'dir',
        mode: attrs.mode ?? 0o755,
        uid: attrs.uid ?? 0,
        gid: attrs.gid ?? 0,
        mtime: attrs.mtime,
        entries: newEntries(),
      },
      attrs.mtime,
    )
  }

  /** `mkdir -p`: makes the missing directories of `path` and returns its inode. */
  mkdirp(path: string, attrs: { mode?: number; mtime: number }): Ino {
    let current = '/'
    let ino = this.view().rootIno
    for (const part of splitPath(path)) {
      current = joinPath(current, part)
      const found = resolve(this.view(), current, true)
      ino = 'error' in found ? this.mkdir(current, attrs) : found.ino
    }
    return ino
  }

  /** Writes a regular file, replacing the content of an existing one (keeping its inode). */
  writeFile(
    path: string,
    data: string,
    attrs: { mode?: number; uid?: number; gid?: number; mtime: number; size?: number },
  ): Ino {
    const found = resolve(this.view(), path, true)
    const size = attrs.size ?? utf8Length(data)
    if (!('error' in found)) {
      const inode = this.get(found.ino)
      if (inode?.kind === 'dir') throw new FsError('EISDIR', path)
      if (inode?.kind === 'file') {
        if (inode.immutable) throw new FsError('EPERM', path)
        this.update<FileInode>(found.ino, (f) => ({
          ...f,
          data,
          size,
          mtime: attrs.mtime,
          ...(attrs.mode === undefined ? {} : { mode: attrs.mode }),
        }))
        return found.ino
      }
    }
    return this.create(
      path,
      {
        kind: 'file',
        nlink: 1,
        mode: attrs.mode ?? 0o644,
        uid: attrs.uid ?? 0,
        gid: attrs.gid ?? 0,
        mtime: attrs.mtime,
        size,
        data,
      },
      attrs.mtime,
    )
  }

  symlink(path: string, target: string, attrs: { uid?: number; gid?: number; mtime: number }): Ino {
    const inode: SymlinkInode = {
      kind: 'symlink',
      nlink: 1,
      mode: 0o777,
      uid: attrs.uid ?? 0,
      gid: attrs.gid ?? 0,
      mtime: attrs.mtime,
      target,
    }
    return this.create(path, inode, attrs.mtime)
  }

  /** `link(2)`: a second name for an existing file or symlink inode. */
  link(ino: Ino, path: string, mtime?: number): void {
    const inode = this.get(ino)
    if (inode === null) throw new FsError('ENOENT', path)
    if (inode.kind === 'dir') throw new FsError('EPERM', path)
    const { dir, name } = this.parentOf(path)
    if (entryOf(this.get(dir) as DirInode, name) !== undefined) throw new FsError('EEXIST', path)
    this.update<FileInode | SymlinkInode>(ino, (i) => ({ ...i, nlink: i.nlink + 1 }))
    this.addEntry(dir, name, ino, mtime)
  }

  /** Drops one name of a non-directory; the inode is freed with its last name. */
  unlink(path: string, mtime?: number): void {
    const { dir, name } = this.parentOf(path)
    const ino = entryOf(this.get(dir) as DirInode, name)
    if (ino === undefined) throw new FsError('ENOENT', path)
    const inode = this.get(ino) as Inode
    if (inode.kind === 'dir') throw new FsError('EISDIR', path)
    if (inode.immutable) throw new FsError('EPERM', path)
    this.dropEntry(dir, name, mtime)
    this.release(ino)
  }

  /**
   * `unlink(2)` of each name in directory `dir`, in order, as many `unlink` calls would do them, but
   * copying the directory's entries once rather than once per name (prune removes thousands of
   * objects from the repo's object folders).
   */
  unlinkEach(dir: string, names: readonly string[], mtime?: number): void {
    const path = (name: string): string => `${dir}/${name}`
    if (names.length === 0) return
    const { dir: at } = this.parentOf(path(names[0] as string))
    const entries = (this.get(at) as DirInode).entries
    const gone = new Set<string>()
    try {
      for (const name of names) {
        const ino = gone.has(name) ? undefined : entryOf(this.get(at) as DirInode, name)
        if (ino === undefined) throw new FsError('ENOENT', path(name))
        const inode = this.get(ino) as Inode
        if (inode.kind === 'dir') throw new FsError('EISDIR', path(name))
        if (inode.immutable) throw new FsError('EPERM', path(name))
        gone.add(name)
        this.release(ino)
      }
    } finally {
      // What was unlinked before an error stays unlinked, as with one call per name.
      if (gone.size > 0)
        this.update<DirInode>(at, (d) => ({
          ...d,
          ...(mtime === undefined ? {} : { mtime }),
          entries: withEntries(entries, null, gone),
        }))
    }
  }

  private release(ino: Ino): void {
    const inode = this.get(ino) as Inode
    if (inode.kind === 'dir' || inode.nlink <= 1) this.set(ino, null)
    else this.set(ino, { ...inode, nlink: inode.nlink - 1 })
  }

  /** `rm -rf`: removes `path` and everything under it; a missing path is not an error. */
  removeTree(path: string, mtime?: number): number {
    if (!this.exists(path)) return 0
    const { dir, name } = this.parentOf(path)
    const ino = entryOf(this.get(dir) as DirInode, name) as Ino
    let removed = 0
    const drop = (target: Ino): void => {
      const inode = this.get(target) as Inode
      if (inode.kind === 'dir') {
        if (inode.immutable) throw new FsError('EPERM', path)
        for (const name in inode.entries) drop(inode.entries[name] as Ino)
      }
      removed++
      this.release(target)
    }
    drop(ino)
    this.dropEntry(dir, name, mtime)
    return removed
  }

  /** `rename(2)` within this filesystem: atomically replaces a non-directory at `to`. */
  rename(from: string, to: string, mtime?: number): void {
    const src = this.parentOf(from)
    const ino = entryOf(this.get(src.dir) as DirInode, src.name)
    if (ino === undefined) throw new FsError('ENOENT', from)
    const dst = this.parentOf(to)
    const existing = entryOf(this.get(dst.dir) as DirInode, dst.name)
    if (existing !== undefined) {
      if (this.get(existing)?.kind === 'dir') throw new FsError('EISDIR', to)
      this.release(existing)
    }
    this.dropEntry(src.dir, src.name, mtime)
    this.addEntry(dst.dir, dst.name, ino, mtime)
  }

  setAttrs(path: string, attrs: Partial<Pick<Inode, 'mode' | 'uid' | 'gid' | 'mtime'>>): void {
    const ino = this.resolve(path, true)
    this.update<Inode>(ino, (i) => ({ ...i, ...attrs }))
  }

  setImmutable(path: string, on: boolean): void {
    const ino = this.resolve(path, true)
    this.update<Inode>(ino, (i) => {
      const { immutable: _was, ...rest } = i
      return (on ? { ...rest, immutable: true } : rest) as Inode
    })
  }
}

/** The UTF-8 byte length of a string, without TextEncoder (the engine has no DOM). */
export function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
