/**
 * The /etc three-way merge (reference 4): base is the merge deployment's `/usr/etc` (the old
 * defaults), local its `/etc`, new the fresh copy of the new deployment's `/usr/etc`. ostree diffs
 * base against local, then replays the local changes onto new: removals, then modifications, then
 * additions. A local change always wins whole; there is no line-level merge.
 */
import type { FsDraft } from './fs'
import { FsError, entryOf, inodeOf, joinPath } from './fs'
import type { DirInode, Filesystem, Ino, Inode } from './types'

export interface EtcDiff {
  /** Paths relative to /etc, in the order ostree reports them (a walk of base, then of local). */
  modified: string[]
  removed: string[]
  added: string[]
}

/** What the checksum of an object covers: type, content, uid, gid, mode, symlink target; never xattrs or times. */
function sameObject(a: Inode, b: Inode): boolean {
  if (a.kind !== b.kind || a.uid !== b.uid || a.gid !== b.gid) return false
  if (a.kind === 'file' && b.kind === 'file')
    return a.mode === b.mode && a.data === b.data && a.size === b.size
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target
  return a.mode === b.mode
}

function sortedNames(dir: DirInode): string[] {
  return Object.keys(dir.entries).sort()
}

/** `ostree_diff_dirs(IGNORE_XATTRS, base, local)`: what changed locally (reference 4, "Diff"). */
export function diffEtc(fs: Filesystem, baseIno: Ino, localIno: Ino): EtcDiff {
  const diff: EtcDiff = { modified: [], removed: [], added: [] }
  const addAll = (dirIno: Ino, prefix: string): void => {
    const dir = inodeOf(fs, dirIno) as DirInode
    for (const name of sortedNames(dir)) {
      const path = prefix === '' ? name : `${prefix}/${name}`
      const ino = dir.entries[name] as Ino
      diff.added.push(path)
      if (inodeOf(fs, ino)?.kind === 'dir') addAll(ino, path)
    }
  }
  const walk = (aIno: Ino, bIno: Ino, prefix: string): void => {
    const a = inodeOf(fs, aIno) as DirInode
    const b = inodeOf(fs, bIno) as DirInode
    for (const name of sortedNames(a)) {
      const path = prefix === '' ? name : `${prefix}/${name}`
      const childA = a.entries[name] as Ino
      const childB = entryOf(b, name)
      if (childB === undefined) {
        diff.removed.push(path)
        continue
      }
      const ia = inodeOf(fs, childA) as Inode
      const ib = inodeOf(fs, childB) as Inode
      if (!sameObject(ia, ib)) diff.modified.push(path)
      if (ia.kind === 'dir' && ib.kind === 'dir') walk(childA, childB, path)
    }
    for (const name of sortedNames(b)) {
      if (entryOf(a, name) !== undefined) continue
      const path = prefix === '' ? name : `${prefix}/${name}`
      const childB = b.entries[name] as Ino
      diff.added.push(path)
      if (inodeOf(fs, childB)?.kind === 'dir') addAll(childB, path)
    }
  }
  walk(baseIno, localIno, '')
  return diff
}

/** `ostree admin config-diff`: a letter, four spaces, the path; all M, then D, then A (reference 4). */
export function formatConfigDiff(diff: EtcDiff): string {
  return [
    ...diff.modified.map((p) => `M    ${p}\n`),
    ...diff.removed.map((p) => `D    ${p}\n`),
    ...diff.added.map((p) => `A    ${p}\n`),
  ].join('')
}

/** Why a file of the new /etc ended up as it did: one rule of reference 4's table. */
export type MergeRule =
  /** Not changed locally: the new default, changed upstream or not. */
  | 'default'
  /** Not changed locally and gone from the new defaults: gone. */
  | 'removedUpstream'
  /** Changed locally, unchanged upstream: the local copy. */
  | 'localWins'
  /** Changed locally and upstream: the local copy, whole; the upstream change is lost. */
  | 'localHidesUpstream'
  /** Changed locally and deleted upstream: the local copy survives. */
  | 'localSurvivesRemoval'
  /** Only mode or owner changed locally: counts as modified, the whole local file is kept. */
  | 'modeOnly'
  /** A symlink pointed elsewhere locally: the local symlink. */
  | 'symlinkRetargeted'
  /** Deleted locally: stays deleted, even if upstream changed it. */
  | 'deletedLocally'
  /** Added locally: copied (a directory with everything in it). */
  | 'addedLocally'
  /** A locally changed directory that is still a directory: nothing is done for it. */
  | 'directoryKept'
  /** A special file (FIFO, device): skipped. */
  | 'skipped'

export interface MergeOutcome {
  path: string
  rule: MergeRule
  /** Whether upstream changed this path between the old and new defaults. */
  upstreamChanged: boolean
}

export interface MergeResult {
  diff: EtcDiff
  /** Every path that differs anywhere between base, local and new, with its rule. */
  outcomes: MergeOutcome[]
}

export class MergeError extends Error {}

/**
 * Replays local changes onto the new /etc in `draft` (reference 4, "Apply"). The directories are
 * given by inode: base and local belong to the merge deployment, `newEtc` is a path in `draft`.
 * Throws `MergeError` with ostree's message when a locally changed file is a directory upstream.
 */
export function mergeEtc(
  draft: FsDraft,
  base: { usrEtc: Ino; etc: Ino },
  newEtcPath: string,
  newUsrEtc: Ino,
): MergeResult {
  const fs = draft.view()
  const diff = diffEtc(fs, base.usrEtc, base.etc)
  const lookupIn = (rootIno: Ino, path: string): Ino | undefined => {
    let ino: Ino | undefined = rootIno
    for (const part of path.split('/')) {
      const dir: Inode | null = ino === undefined ? null : inodeOf(fs, ino)
      if (dir?.kind !== 'dir') return undefined
      ino = entryOf(dir, part)
    }
    return ino
  }
  const at = (rootIno: Ino, path: string): Inode | null => {
    const ino = lookupIn(rootIno, path)
    return ino === undefined ? null : inodeOf(fs, ino)
  }
  const target = (path: string): string => joinPath(newEtcPath, path)

  /** Makes the parents of `path` in the new /etc, each with the attributes of the local one. */
  const ensureParent = (path: string): void => {
    const parts = path.split('/').slice(0, -1)
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/')
      const local = at(base.etc, rel)
      const dst = target(rel)
      const attrs = local === null ? {} : { mode: local.mode, uid: local.uid, gid: local.gid }
      if (!draft.exists(dst)) draft.mkdir(dst, { ...attrs, mtime: local?.mtime ?? 0 })
      else if (i === parts.length) draft.setAttrs(dst, attrs)
    }
  }

  /** Copies a local file, symlink or directory tree into the new /etc, keeping mode, owner and mtime. */
  const copyFromLocal = (path: string, inode: Inode, localIno: Ino): void => {
    const dst = target(path)
    if (inode.kind === 'file') {
      draft.writeFile(dst, inode.data, {
        mode: inode.mode,
        uid: inode.uid,
        gid: inode.gid,
        mtime: inode.mtime,
        size: inode.size,
      })
    } else if (inode.kind === 'symlink') {
      draft.symlink(dst, inode.target, { uid: inode.uid, gid: inode.gid, mtime: inode.mtime })
    } else {
      draft.mkdir(dst, { mode: inode.mode, uid: inode.uid, gid: inode.gid, mtime: inode.mtime })
      for (const name of sortedNames(inode)) {
        const child = inode.entries[name] as Ino
        copyFromLocal(`${path}/${name}`, inodeOf(fs, child) as Inode, child)
      }
    }
    void localIno
  }

  /** `copy_modified_config_file`: the local version replaces whatever the new /etc has. */
  const copyModified = (path: string): void => {
    const localIno = lookupIn(base.etc, path)
    if (localIno === undefined) return
    const local = inodeOf(fs, localIno) as Inode
    ensureParent(path)
    const current = draft.view()
    const existingIno = (() => {
      try {
        return draft.resolve(target(path), false)
      } catch (e) {
        if (e instanceof FsError) return undefined
        throw e
      }
    })()
    if (existingIno !== undefined) {
      const existing = inodeOf(current, existingIno) as Inode
      if (existing.kind === 'dir') {
        if (local.kind !== 'dir') {
          throw new MergeError(
            `Modified config file newly defaults to directory '${path}', cannot merge`,
          )
        }
        return
      }
      draft.unlink(target(path))
    }
    copyFromLocal(path, local, localIno)
  }

  for (const path of diff.removed) draft.removeTree(target(path))
  for (const path of diff.modified) copyModified(path)
  for (const path of diff.added) copyModified(path)

  return { diff, outcomes: explain(fs, diff, base, newUsrEtc) }
}

/** The rule behind each path that differs anywhere, for the /etc merge panel. */
function explain(
  fs: Filesystem,
  diff: EtcDiff,
  base: { usrEtc: Ino; etc: Ino },
  newUsrEtc: Ino,
): MergeOutcome[] {
  const collect = (rootIno: Ino): Map<string, Inode> => {
    const out = new Map<string, Inode>()
    const walk = (ino: Ino, prefix: string): void => {
      const dir = inodeOf(fs, ino)
      if (dir?.kind !== 'dir') return
      for (const name of sortedNames(dir)) {
        const child = dir.entries[name] as Ino
        const path = prefix === '' ? name : `${prefix}/${name}`
        const inode = inodeOf(fs, child) as Inode
        out.set(path, inode)
        if (inode.kind === 'dir') walk(child, path)
      }
    }
    walk(rootIno, '')
    return out
  }
  const baseFiles = collect(base.usrEtc)
  const localFiles = collect(base.etc)
  const newFiles = collect(newUsrEtc)
  const modified = new Set(diff.modified)
  const removed = new Set(diff.removed)
  const added = new Set(diff.added)
  const isUnderRemoved = (path: string): boolean => {
    for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
      if (removed.has(path.slice(0, cut))) return true
    }
    return false
  }
  const paths = new Set([...baseFiles.keys(), ...localFiles.keys(), ...newFiles.keys()])
  const outcomes: MergeOutcome[] = []
  for (const path of [...paths].sort()) {
    const b = baseFiles.get(path)
    const l = localFiles.get(path)
    const n = newFiles.get(path)
    const upstreamChanged = b === undefined ? n !== undefined : n === undefined || !sameObject(b, n)
    let rule: MergeRule
    if (removed.has(path) || (isUnderRemoved(path) && l === undefined)) rule = 'deletedLocally'
    else if (added.has(path))
      rule =
        l?.kind === 'file' || l?.kind === 'symlink' || l?.kind === 'dir'
          ? 'addedLocally'
          : 'skipped'
    else if (modified.has(path) && b !== undefined && l !== undefined) {
      if (l.kind === 'dir' && b.kind === 'dir') rule = 'directoryKept'
      else if (l.kind === 'symlink' && b.kind === 'symlink') rule = 'symlinkRetargeted'
      else if (n === undefined) rule = 'localSurvivesRemoval'
      else if (upstreamChanged) rule = 'localHidesUpstream'
      else if (l.kind === 'file' && b.kind === 'file' && l.data === b.data) rule = 'modeOnly'
      else rule = 'localWins'
    } else if (n === undefined) {
      if (b === undefined) continue
      rule = 'removedUpstream'
    } else {
      if (!upstreamChanged) continue
      rule = 'default'
    }
    outcomes.push({ path, rule, upstreamChanged })
  }
  return outcomes
}
