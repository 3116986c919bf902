/**
 * The "apply" half of the /etc merge (reference 4), call by call as ostree 2022.7 makes it: paths
 * are resolved from the new /etc the way the kernel resolves them, so a local change lands where
 * it lands on disk (through a symlink the new defaults put in its way), or fails with the same
 * system call and errno. Sources: `merge_configuration_from`, `copy_modified_config_file`,
 * `ensure_directory_from_template` and `copy_dir_recurse` in ostree-sysroot-deploy.c;
 * `glnx_shutil_rm_rf_at`, `glnx_file_copy_at`, `glnx_unlinkat` and `glnx_opendirat` in libglnx.
 */
import { ERRNO, entryOf, joinPath, resolve, type Errno, type FsDraft } from './fs'
import type { DirInode, Ino, Inode } from './types'

/** A failed call, with the message ostree prints: `<call>: <strerror>`. */
export class ApplyError extends Error {}

function failed(call: string, errno: Errno): ApplyError {
  return new ApplyError(`${call}: ${ERRNO[errno]}`)
}

function parentOf(path: string): string | null {
  const cut = path.lastIndexOf('/')
  return cut < 0 ? null : path.slice(0, cut)
}

/** A local directory's names in the order ostree reads them: readdir order on disk, names here. */
function namesOf(dir: DirInode): string[] {
  return Object.keys(dir.entries).sort()
}

/**
 * Replays the local changes onto the new /etc at `newEtc`: the paths `removed` locally, then the
 * ones modified or added (`copied`) from the local /etc (`localEtc`, the merge deployment's).
 * Throws `ApplyError` with ostree's message when a call fails; what was done until then stays
 * done, as on disk.
 */
export function applyEtcChanges(
  draft: FsDraft,
  localEtc: Ino,
  newEtc: string,
  changes: { removed: string[]; copied: string[] },
): void {
  const abs = (rel: string): string => joinPath(newEtc, rel)
  /** `fstatat`/`openat` from the new /etc: the inode, or the errno. */
  const lookup = (rel: string, follow: boolean): { ino: Ino; inode: Inode } | { error: Errno } => {
    const found = resolve(draft.view(), abs(rel), follow)
    if ('error' in found) return found
    return { ino: found.ino, inode: draft.get(found.ino) as Inode }
  }
  /** A local path: the diff found it there, under real directories. */
  const local = (rel: string): Inode => {
    let inode = draft.get(localEtc) as Inode
    for (const name of rel.split('/'))
      inode = draft.get(entryOf(inode as DirInode, name) as Ino) as Inode
    return inode
  }

  /** `mkdirat(2)`: the parent is followed, the last name must not exist (not even as a symlink). */
  const mkdirat = (rel: string, attrs: Inode): Errno | null => {
    const parent = parentOf(rel)
    if (parent !== null) {
      const p = lookup(parent, true)
      if ('error' in p) return p.error
      if (p.inode.kind !== 'dir') return 'ENOTDIR'
    }
    if (!('error' in lookup(rel, false))) return 'EEXIST'
    // Made 0700, then given the local mode and owner (dirfd_copy_attributes_and_xattrs).
    draft.mkdir(abs(rel), { mode: attrs.mode, uid: attrs.uid, gid: attrs.gid, mtime: attrs.mtime })
    return null
  }

  /** `glnx_opendirat(follow)` then `dirfd_copy_attributes_and_xattrs`: owner and mode of `from`. */
  const openDirCopyingAttrs = (rel: string, from: Inode): void => {
    const dir = lookup(rel, true)
    if ('error' in dir) throw failed(`opendir(${rel})`, dir.error)
    if (dir.inode.kind !== 'dir') throw failed(`opendir(${rel})`, 'ENOTDIR')
    draft.update<Inode>(dir.ino, (i) => ({ ...i, uid: from.uid, gid: from.gid, mode: from.mode }))
  }

  /** `glnx_unlinkat(dfd, path, 0)`: any error counts, even ENOENT. */
  const unlinkat = (rel: string): void => {
    const parent = parentOf(rel)
    if (parent !== null) {
      const p = lookup(parent, true)
      if ('error' in p) throw failed(`unlinkat(${rel})`, p.error)
      if (p.inode.kind !== 'dir') throw failed(`unlinkat(${rel})`, 'ENOTDIR')
    }
    const entry = lookup(rel, false)
    if ('error' in entry) throw failed(`unlinkat(${rel})`, entry.error)
    if (entry.inode.kind === 'dir') throw failed(`unlinkat(${rel})`, 'EISDIR')
    draft.unlink(abs(rel))
  }

  /**
   * `glnx_shutil_rm_rf_at`: opened as a directory without following the last name; a missing
   * path is fine, anything but a directory is unlinked (which fails if a parent is no directory).
   */
  const rmRf = (rel: string): void => {
    const found = lookup(rel, false)
    if ('error' in found) {
      if (found.error === 'ENOENT') return
      if (found.error === 'ENOTDIR' || found.error === 'ELOOP') return unlinkat(rel)
      throw failed(`open(${rel})`, found.error)
    }
    if (found.inode.kind !== 'dir') return unlinkat(rel)
    draft.removeTree(abs(rel))
  }

  /**
   * `ensure_directory_from_template`: makes the directory (and, when that fails with ENOENT, its
   * missing parents first), then gives it the local owner and mode, even when it was there.
   */
  const ensureDirectory = (rel: string): void => {
    const from = local(rel)
    for (;;) {
      const errno = mkdirat(rel, from)
      if (errno === null || errno === 'EEXIST') break
      if (errno !== 'ENOENT') throw failed('mkdirat', errno)
      // At the top, ENOENT means no new /etc at all: opendir below says so.
      const parent = parentOf(rel)
      if (parent === null) break
      ensureDirectory(parent)
    }
    openDirCopyingAttrs(rel, from)
  }

  /**
   * `glnx_file_copy_at` of a file (content, owner, mode, mtime) or a symlink (target, owner), to
   * a name that is free: unlinked just before, or in a directory just made.
   */
  const copyFile = (rel: string, from: Inode): void => {
    const owner = { uid: from.uid, gid: from.gid, mtime: from.mtime }
    if (from.kind === 'symlink') draft.symlink(abs(rel), from.target, owner)
    else if (from.kind === 'file')
      draft.writeFile(abs(rel), from.data, { ...owner, mode: from.mode, size: from.size })
  }

  /** `copy_dir_recurse`: the directory made (0700), given the local owner and mode, then filled. */
  const copyDir = (rel: string, from: DirInode): void => {
    const errno = mkdirat(rel, from)
    if (errno !== null && errno !== 'EEXIST') throw failed(`mkdirat(${rel})`, errno)
    openDirCopyingAttrs(rel, from)
    for (const name of namesOf(from)) {
      const child = draft.get(from.entries[name] as Ino) as Inode
      const path = `${rel}/${name}`
      if (child.kind === 'dir') copyDir(path, child)
      else copyFile(path, child)
    }
  }

  /**
   * `copy_modified_config_file`: the local version replaces what the new /etc has, except a new
   * default directory: kept as it is for a local directory, fatal for anything else.
   */
  const copyModified = (rel: string): void => {
    const from = local(rel)
    const parent = parentOf(rel)
    if (parent !== null) ensureDirectory(parent)
    const existing = lookup(rel, false)
    if ('error' in existing) {
      if (existing.error !== 'ENOENT') throw failed('fstatat', existing.error)
    } else if (existing.inode.kind === 'dir') {
      if (from.kind === 'dir') return
      throw new ApplyError(
        `Modified config file newly defaults to directory '${rel}', cannot merge`,
      )
    } else unlinkat(rel)
    if (from.kind === 'dir') copyDir(rel, from)
    else copyFile(rel, from)
  }

  for (const rel of changes.removed) rmRf(rel)
  for (const rel of changes.copied) copyModified(rel)
}
