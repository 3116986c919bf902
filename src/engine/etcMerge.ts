/**
 * The /etc three-way merge (reference 4): base is the merge deployment's `/usr/etc` (the old
 * defaults), local its `/etc`, new the fresh copy of the new deployment's `/usr/etc`. ostree diffs
 * base against local, then replays the local changes onto new: removals, then modifications, then
 * additions. A local change always wins whole; there is no line-level merge.
 */
import { ApplyError, applyEtcChanges } from './etcApply'
import type { FsDraft } from './fs'
import { entryOf, inodeOf } from './fs'
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
  /** A directory gone from the new defaults that holds a local change: made again to hold it. */
  | 'keptForLocalChange'
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
  /** Changed or added locally as a file or symlink where the new default is a directory: the merge fails. */
  | 'newDefaultIsDirectory'

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

/** The merge stopped; `diff` is what it had counted (and printed) before it did. */
export class MergeError extends Error {
  constructor(
    message: string,
    readonly diff: EtcDiff | null = null,
  ) {
    super(message)
  }
}

/** What ostree prints once it has diffed /etc, before it copies anything (merge_configuration_from). */
export function copyingMessage({ modified, removed, added }: EtcDiff): string {
  return `Copying /etc changes: ${modified.length} modified, ${removed.length} removed, ${added.length} added`
}

/**
 * What `mergeEtc` would do, without doing it: the local diff and each path's rule, including the
 * path that would stop the merge (`newDefaultIsDirectory`). For a panel that shows a merge to come.
 */
export function planEtcMerge(
  fs: Filesystem,
  base: { usrEtc: Ino; etc: Ino },
  newUsrEtc: Ino,
): MergeResult {
  const diff = diffEtc(fs, base.usrEtc, base.etc)
  return { diff, outcomes: explain(fs, diff, base, newUsrEtc) }
}

/**
 * Replays local changes onto the new /etc in `draft` (reference 4, "Apply"). The directories are
 * given by inode: base and local belong to the merge deployment, `newEtc` is a path in `draft`.
 * Throws `MergeError` with ostree's message when a step fails, as when a locally changed file is
 * a directory upstream (the steps before it stay done, see etcApply.ts).
 */
export function mergeEtc(
  draft: FsDraft,
  base: { usrEtc: Ino; etc: Ino },
  newEtcPath: string,
  newUsrEtc: Ino,
): MergeResult {
  const fs = draft.view()
  const diff = diffEtc(fs, base.usrEtc, base.etc)
  try {
    applyEtcChanges(draft, base.etc, newEtcPath, {
      removed: diff.removed,
      copied: [...diff.modified, ...diff.added],
    })
  } catch (e) {
    if (e instanceof ApplyError) throw new MergeError(e.message, diff)
    throw e
  }
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
  const copied = [...diff.modified, ...diff.added].filter((path) => localFiles.has(path))
  const holdsLocalChange = (dir: string): boolean =>
    copied.some((path) => path.startsWith(`${dir}/`))
  const paths = new Set([...baseFiles.keys(), ...localFiles.keys(), ...newFiles.keys()])
  const outcomes: MergeOutcome[] = []
  for (const path of [...paths].sort()) {
    const b = baseFiles.get(path)
    const l = localFiles.get(path)
    const n = newFiles.get(path)
    const upstreamChanged = b === undefined ? n !== undefined : n === undefined || !sameObject(b, n)
    let rule: MergeRule
    if (removed.has(path) || (isUnderRemoved(path) && l === undefined)) rule = 'deletedLocally'
    else if (
      (added.has(path) || modified.has(path)) &&
      n?.kind === 'dir' &&
      (l?.kind === 'file' || l?.kind === 'symlink')
    )
      // copy_modified_config_file refuses to replace a new default directory (mergeEtc throws).
      rule = 'newDefaultIsDirectory'
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
      // copy_modified_config_file makes the parents of what it copies (etcApply.ts).
      rule = holdsLocalChange(path) ? 'keptForLocalChange' : 'removedUpstream'
    } else {
      if (!upstreamChanged) continue
      rule = 'default'
    }
    outcomes.push({ path, rule, upstreamChanged })
  }
  return outcomes
}
