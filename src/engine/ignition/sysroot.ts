/**
 * The tree the files stage writes into, as Ignition sees it from the initramfs: `/sysroot` is the
 * deployment folder, `/sysroot/var` is the stateroot's var bound over it by
 * ignition-ostree-mount-var.service (fedora-coreos-config overlay.d/05core/.../40ignition-ostree/
 * ignition-ostree-mount-var.sh), and `/sysroot/usr` is read-only (ostree-prepare-root's read-only
 * bind mount, reference 5.5). Paths here are "virtual": absolute paths inside /sysroot.
 */
import { ERRNO, FsError, inoAt, type Errno, type FsDraft } from '../fs'
import type { Inode } from '../types'
import type { IgnitionTarget } from './types'

/** A failure of the files stage: what Ignition logs, and the errno when a system call failed. */
export class StageError extends Error {
  constructor(
    readonly errno: Errno | null,
    readonly log: string,
    readonly key: string,
    readonly params: Record<string, string | number>,
  ) {
    super(log)
  }
}

/** Go prints errno text in lower case: "read-only file system". */
export function errnoText(code: Errno): string {
  const text: string = ERRNO[code]
  return text.charAt(0).toLowerCase() + text.slice(1)
}

export function splitV(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.')
}

/** A filesystem the mount stage mounted under /sysroot: its path there and its draft. */
export interface SysrootMount {
  /** The virtual path it is mounted on (`/var/lib/data`). */
  path: string
  /** Its key in `Machine.filesystems`. */
  key: string
  draft: FsDraft
}

export class Sysroot {
  /** Mounts by path, deepest first, so the first that holds a path is the one it is on. */
  private readonly mounts: readonly SysrootMount[]

  constructor(
    /** The root filesystem. */
    readonly draft: FsDraft,
    readonly target: IgnitionTarget,
    readonly mtime: number,
    mounts: readonly SysrootMount[] = [],
  ) {
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length)
  }

  /** The mount a virtual path is on, if it is on one the mount stage made. */
  private mountAt(v: string): SysrootMount | undefined {
    return this.mounts.find((m) => v === m.path || v.startsWith(`${m.path}/`))
  }

  /** Where a virtual path is in its filesystem (the root one, or a mounted one). */
  fsPath(v: string): string {
    const mount = this.mountAt(v)
    if (mount !== undefined) return v === mount.path ? '/' : v.slice(mount.path.length)
    if (v === '/var' || v.startsWith('/var/')) return this.target.var + v.slice(4)
    return v === '/' ? this.target.deployment : this.target.deployment + v
  }

  /** The filesystem a virtual path is on, as a key of `Machine.filesystems`. */
  fsKey(v: string): string {
    return this.mountAt(v)?.key ?? 'root'
  }

  /** Where an action landed: the path in its filesystem, and the filesystem when not the root one. */
  landing(v: string): { fsPath: string; fs?: string } {
    const mount = this.mountAt(v)
    return mount === undefined
      ? { fsPath: this.fsPath(v) }
      : { fsPath: this.fsPath(v), fs: mount.key }
  }

  /** The draft holding a virtual path. */
  private draftOf(v: string): FsDraft {
    return this.mountAt(v)?.draft ?? this.draft
  }

  /** The path Ignition prints: /sysroot + the virtual path. */
  shown(v: string): string {
    return v === '/' ? '/sysroot' : `/sysroot${v}`
  }

  /** lstat: the inode at a path, its parents' symlinks followed inside /sysroot. */
  lstat(v: string): Inode | null {
    return this.lstatResolved(this.resolve(v))
  }

  /** lstat of a path whose parents hold no symlink (the kernel would follow them from the real root). */
  private lstatResolved(p: string): Inode | null {
    const draft = this.draftOf(p)
    const ino = inoAt(draft.view(), this.fsPath(p), false)
    return ino === null ? null : draft.get(ino)
  }

  /**
   * Resolves symlinks as if /sysroot were the root (Ignition's `JoinPath`, useradd's chroot):
   * every parent is followed, the last name only when `followLast`.
   */
  resolve(path: string, followLast = false): string {
    let budget = 40
    let parts = splitV(path)
    const out: string[] = []
    while (parts.length > 0) {
      const name = parts.shift() as string
      if (name === '..') {
        out.pop()
        continue
      }
      const candidate = '/' + [...out, name].join('/')
      if (parts.length > 0 || followLast) {
        const inode = this.lstatResolved(candidate)
        if (inode?.kind === 'symlink') {
          if (--budget < 0) throw this.fail('ELOOP', 'stat', candidate)
          if (inode.target.startsWith('/')) out.length = 0
          parts = [...splitV(inode.target), ...parts]
          continue
        }
      }
      out.push(name)
    }
    return '/' + out.join('/')
  }

  /** The read-only mount a virtual path is under, if any. */
  readOnly(v: string): string | null {
    if (v === '/usr' || v.startsWith('/usr/')) return '/usr'
    if (v === '/sysroot' || v.startsWith('/sysroot/')) return '/sysroot'
    return null
  }

  /** Which mount a path is on, for link(2): /var is a bind mount of its own. */
  mountOf(v: string): string {
    const mount = this.mountAt(v)
    if (mount !== undefined) return `mount:${mount.path}`
    return v === '/var' || v.startsWith('/var/') ? 'var' : 'root'
  }

  fail(code: Errno, op: string, v: string): StageError {
    const key =
      code === 'EROFS'
        ? 'readOnly'
        : code === 'EPERM'
          ? 'immutable'
          : code === 'EXDEV'
            ? 'crossDevice'
            : 'errno'
    return new StageError(code, `${op} ${this.shown(v)}: ${errnoText(code)}`, key, {
      path: v,
      errno: code,
    })
  }

  private guard(op: string, v: string): void {
    if (this.readOnly(v) !== null) throw this.fail('EROFS', op, v)
  }

  private wrap<T>(op: string, v: string, run: () => T): T {
    try {
      return run()
    } catch (e) {
      if (e instanceof FsError) throw this.fail(e.code, op, v)
      throw e
    }
  }

  /** `os.MkdirAll`: the folders made, parents first. */
  mkdirAll(
    v: string,
    mode: number,
    owner: { uid: number; gid: number } = { uid: 0, gid: 0 },
  ): string[] {
    const made: string[] = []
    let current = ''
    for (const name of splitV(this.resolve(v))) {
      current = current === '/' ? `/${name}` : `${current}/${name}`
      const inode = this.lstatResolved(current)
      if (inode?.kind === 'dir') continue
      if (inode?.kind === 'symlink') {
        const to = this.resolve(current, true)
        if (this.lstatResolved(to)?.kind === 'dir') {
          current = to
          continue
        }
      }
      if (inode !== null) throw this.fail('ENOTDIR', 'mkdir', current)
      this.guard('mkdir', current)
      this.wrap('mkdir', current, () =>
        this.draftOf(current).mkdir(this.fsPath(current), { mode, ...owner, mtime: this.mtime }),
      )
      made.push(current)
    }
    return made
  }

  /** A new regular file, as a rename of Ignition's temporary file over the path would leave it. */
  createFile(
    v: string,
    data: string,
    size: number,
    attrs: { mode: number; uid: number; gid: number },
  ): void {
    const p = this.resolve(v)
    this.guard('open', p)
    this.wrap('open', p, () => {
      const at = this.fsPath(p)
      const draft = this.draftOf(p)
      if (this.lstatResolved(p)?.kind === 'file') draft.unlink(at, this.mtime)
      draft.writeFile(at, data, { ...attrs, size, mtime: this.mtime })
    })
  }

  /** O_APPEND|O_CREAT with mode 0644. */
  appendFile(v: string, data: string, size: number): void {
    const p = this.resolve(v)
    this.guard('open', p)
    this.wrap('open', p, () => {
      const existing = this.lstatResolved(p)
      const at = this.fsPath(p)
      const draft = this.draftOf(p)
      if (existing?.kind === 'file')
        draft.writeFile(at, existing.data + data, {
          size: existing.size + size,
          mtime: this.mtime,
        })
      else draft.writeFile(at, data, { mode: 0o644, size, mtime: this.mtime })
    })
  }

  /** chmod and lchown; undefined leaves a value as it is. */
  setAttrs(v: string, attrs: { mode?: number; uid?: number; gid?: number }): void {
    const p = this.resolve(v)
    this.guard('chmod', p)
    const draft = this.draftOf(p)
    const ino = inoAt(draft.view(), this.fsPath(p), false)
    if (ino === null) throw this.fail('ENOENT', 'chmod', p)
    if (draft.get(ino)?.immutable === true) throw this.fail('EPERM', 'chmod', p)
    draft.update<Inode>(ino, (i) => ({
      ...i,
      ...(attrs.mode === undefined || i.kind === 'symlink' ? {} : { mode: attrs.mode }),
      ...(attrs.uid === undefined ? {} : { uid: attrs.uid }),
      ...(attrs.gid === undefined ? {} : { gid: attrs.gid }),
    }))
  }

  symlink(
    v: string,
    target: string,
    owner: { uid: number; gid: number } = { uid: 0, gid: 0 },
  ): void {
    const p = this.resolve(v)
    this.guard('symlink', p)
    this.wrap('symlink', p, () =>
      this.draftOf(p).symlink(this.fsPath(p), target, { ...owner, mtime: this.mtime }),
    )
  }

  /** link(2): a hard link may not cross a mount, even on the same filesystem. */
  link(fromV: string, v: string): void {
    const p = this.resolve(v)
    const from = this.resolve(fromV)
    this.guard('link', p)
    if (this.mountOf(from) !== this.mountOf(p))
      throw new StageError(
        'EXDEV',
        `link ${this.shown(from)} ${this.shown(p)}: ${errnoText('EXDEV')}`,
        'crossDevice',
        { path: p, target: from },
      )
    const draft = this.draftOf(from)
    const ino = inoAt(draft.view(), this.fsPath(from), false)
    if (ino === null) throw this.fail('ENOENT', 'link', from)
    this.wrap('link', p, () => draft.link(ino, this.fsPath(p), this.mtime))
  }

  /** open(O_WRONLY|O_CREAT|O_TRUNC, mode): an existing file keeps its inode, mode and owner. */
  writeTruncate(
    v: string,
    data: string,
    size: number,
    attrs: { mode: number; uid: number; gid: number },
  ): void {
    const p = this.resolve(v)
    this.guard('open', p)
    this.wrap('open', p, () => {
      const at = this.fsPath(p)
      const draft = this.draftOf(p)
      if (this.lstatResolved(p)?.kind === 'file')
        draft.writeFile(at, data, { size, mtime: this.mtime })
      else draft.writeFile(at, data, { ...attrs, size, mtime: this.mtime })
    })
  }

  /** rename(2) within one filesystem; across mounts it is EXDEV. */
  rename(fromV: string, v: string): void {
    const from = this.resolve(fromV)
    const p = this.resolve(v)
    this.guard('rename', p)
    if (this.fsKey(from) !== this.fsKey(p)) throw this.fail('EXDEV', 'rename', p)
    this.wrap('rename', p, () =>
      this.draftOf(p).rename(this.fsPath(from), this.fsPath(p), this.mtime),
    )
  }

  unlink(v: string): void {
    const p = this.resolve(v)
    this.guard('remove', p)
    this.wrap('remove', p, () => this.draftOf(p).unlink(this.fsPath(p), this.mtime))
  }

  /** `os.RemoveAll`: true when something was there. */
  removeAll(v: string): boolean {
    const p = this.resolve(v)
    if (this.lstatResolved(p) === null) return false
    this.guard('unlinkat', p)
    this.wrap('unlinkat', p, () => this.draftOf(p).removeTree(this.fsPath(p), this.mtime))
    return true
  }

  readText(v: string): string | null {
    const inode = this.lstat(v)
    return inode?.kind === 'file' ? inode.data : null
  }
}
