/**
 * The OSTree repository: content-addressed objects (reference 1.3). A release becomes a commit by
 * hashing its files, then its directories bottom-up; identical files give one object, so a file that
 * did not change between two releases is stored once and checked out as the same inode.
 *
 * The checksums are real SHA-256 digests over a header and the content, like ostree's, but over this
 * project's own serialization rather than ostree's GVariant one, so they differ from ostree's digits.
 */
import type { FsDraft } from './fs'
import {
  entryCount,
  entryOf,
  inodeOf,
  newEntries,
  readDir,
  resolve,
  withEntries,
  type FsError,
} from './fs'
import { sha256Hex } from './hash'
import type { Release, TreeEntry } from './releases/types'
import type { DirInode, Filesystem, Ino, Inode } from './types'

export type ObjectType = 'file' | 'dirtree' | 'dirmeta' | 'commit'

export const REPO = '/ostree/repo'

/**
 * Metadata objects by checksum, parsed once: an object's content never changes for its checksum, so
 * the remote's objects and the ones read back from a machine's repo are the same values.
 */
const parsedMemo = new Map<string, RepoObject>()

/** A content object: a regular file or a symlink, with the metadata its checksum covers. */
export type FileObject =
  | {
      type: 'file'
      kind: 'file'
      uid: number
      gid: number
      mode: number
      size: number
      data: string
    }
  | { type: 'file'; kind: 'symlink'; uid: number; gid: number; target: string }

export interface DirTree {
  /** Sorted by name: (name, content checksum). */
  files: [string, string][]
  /** Sorted by name: (name, dirtree checksum, dirmeta checksum). */
  dirs: [string, string, string][]
}

export interface DirMeta {
  uid: number
  gid: number
  mode: number
}

export interface Commit {
  parent: string | null
  subject: string
  /** Seconds since the epoch. */
  timestamp: number
  version: string
  /** Root dirtree and dirmeta. */
  tree: [string, string]
}

/** Any object, with the text a metadata object is stored as. */
export type RepoObject =
  | FileObject
  | { type: 'dirtree'; text: string; tree: DirTree }
  | { type: 'dirmeta'; text: string; meta: DirMeta }
  | { type: 'commit'; text: string; commit: Commit }

/** `objects/<first 2 hex>/<remaining 62 hex>.<type>` (reference 1.3, `_ostree_loose_path`). */
export function objectPath(checksum: string, type: ObjectType): string {
  return `${REPO}/objects/${checksum.slice(0, 2)}/${checksum.slice(2)}.${type}`
}

export function fileChecksum(obj: FileObject): string {
  // The header covers uid, gid, mode and the symlink target, never the timestamp (reference 1.3).
  const header =
    obj.kind === 'file'
      ? `file\n${obj.uid}\n${obj.gid}\n${(0o100000 | obj.mode).toString(8)}\n\n${obj.size}\n`
      : `file\n${obj.uid}\n${obj.gid}\n120777\n${obj.target}\n0\n`
  return sha256Hex(header + (obj.kind === 'file' ? obj.data : ''))
}

export function dirTreeText(tree: DirTree): string {
  return JSON.stringify(tree)
}

export function dirMetaText(meta: DirMeta): string {
  return JSON.stringify({ uid: meta.uid, gid: meta.gid, mode: 0o40000 | meta.mode })
}

export function commitText(commit: Commit): string {
  return JSON.stringify(commit)
}

/** A repository that lives outside any machine: the remote's content, built from releases. */
export interface ObjectStore {
  objects: Map<string, RepoObject>
}

/**
 * The tree a store last committed, with the checksum of each of its files: an entry the next tree
 * shares with it (the catalogue reuses unchanged entries) is neither hashed nor stored again. Both
 * trees are sorted by path, so one walk along the last finds them.
 */
const lastCommitted = new WeakMap<ObjectStore, { tree: readonly TreeEntry[]; sums: string[] }>()

/** Dirmeta objects by their attributes: a tree has a few kinds of folder, met a thousand times. */
const dirMetaMemo = new Map<string, { checksum: string; obj: RepoObject }>()

/**
 * Commits a release to `store` and returns the commit checksum. Entries that are the same object as
 * in an earlier release (the catalogue reuses unchanged entries) are hashed once.
 */
export function commitRelease(store: ObjectStore, release: Release, parent: string | null): string {
  interface Node {
    entry: TreeEntry | null
    files: [string, string][]
    dirs: Map<string, Node>
  }
  const last = lastCommitted.get(store)
  const sums: string[] = []
  let at = 0
  const root: Node = { entry: null, files: [], dirs: new Map() }
  const nodes = new Map<string, Node>([['', root]])
  // The folder of the entry before: a folder's entries mostly follow one another.
  let lastFolder = ''
  let lastNode = root
  for (const entry of release.tree) {
    const path = entry.path
    sums.push('')
    // The tree's own root: its attributes become the root dirmeta.
    if (path === '/') {
      if (entry.kind === 'dir') root.entry = entry
      continue
    }
    const cut = path.lastIndexOf('/')
    let parentNode: Node | undefined = lastNode
    if (cut !== lastFolder.length || !path.startsWith(lastFolder)) {
      lastFolder = path.slice(0, cut)
      parentNode = nodes.get(lastFolder)
      if (parentNode === undefined) throw new Error(`${release.version}: no parent for ${path}`)
      lastNode = parentNode
    }
    const name = path.slice(cut + 1)
    if (entry.kind === 'dir') {
      const node: Node = { entry, files: [], dirs: new Map() }
      parentNode.dirs.set(name, node)
      nodes.set(path, node)
      continue
    }
    let checksum: string | undefined
    if (last !== undefined) {
      while (at < last.tree.length && (last.tree[at] as TreeEntry).path < path) at++
      if (last.tree[at] === entry) checksum = last.sums[at]
    }
    if (checksum === undefined) {
      const obj: FileObject =
        entry.kind === 'file'
          ? {
              type: 'file',
              kind: 'file',
              uid: entry.uid,
              gid: entry.gid,
              mode: entry.mode,
              size: entry.size,
              data: entry.data,
            }
          : { type: 'file', kind: 'symlink', uid: entry.uid, gid: entry.gid, target: entry.target }
      checksum = fileChecksum(obj)
      if (!store.objects.has(checksum)) store.objects.set(checksum, obj)
    }
    sums[sums.length - 1] = checksum
    parentNode.files.push([name, checksum])
  }
  const storeMeta = (meta: DirMeta): string => {
    const key = `${meta.uid}:${meta.gid}:${meta.mode}`
    let known = dirMetaMemo.get(key)
    if (known === undefined) {
      const text = dirMetaText(meta)
      known = { checksum: sha256Hex(text), obj: { type: 'dirmeta', text, meta } }
      dirMetaMemo.set(key, known)
    }
    const { checksum, obj } = known
    if (!store.objects.has(checksum)) {
      store.objects.set(checksum, obj)
      parsedMemo.set(checksum, obj)
    }
    return checksum
  }
  const storeTree = (node: Node): [string, string] => {
    const dirs: [string, string, string][] = []
    for (const name of [...node.dirs.keys()].sort()) {
      const [t, m] = storeTree(node.dirs.get(name) as Node)
      dirs.push([name, t, m])
    }
    const tree: DirTree = { files: node.files.sort((a, b) => (a[0] < b[0] ? -1 : 1)), dirs }
    const text = dirTreeText(tree)
    const checksum = sha256Hex(text)
    if (!store.objects.has(checksum)) {
      const obj: RepoObject = { type: 'dirtree', text, tree }
      store.objects.set(checksum, obj)
      parsedMemo.set(checksum, obj)
    }
    const e = node.entry
    const meta =
      e?.kind === 'dir' ? { uid: e.uid, gid: e.gid, mode: e.mode } : { uid: 0, gid: 0, mode: 0o755 }
    return [checksum, storeMeta(meta)]
  }
  const commit: Commit = {
    parent,
    subject: '',
    timestamp: release.timestamp,
    version: release.version,
    tree: storeTree(root),
  }
  const text = commitText(commit)
  const checksum = sha256Hex(text)
  const obj: RepoObject = { type: 'commit', text, commit }
  store.objects.set(checksum, obj)
  parsedMemo.set(checksum, obj)
  lastCommitted.set(store, { tree: release.tree, sums })
  return checksum
}

/** Every object a commit needs, commit first, then depth-first through its tree. */
export function objectsOfCommit(
  lookup: (checksum: string) => RepoObject | undefined,
  commitChecksum: string,
  /** Keys `<rest>.dirtree:<prefix>` of trees already walked by the caller: skipped. */
  skip?: Set<string>,
): { checksum: string; type: ObjectType }[] {
  const out: { checksum: string; type: ObjectType }[] = [
    { checksum: commitChecksum, type: 'commit' },
  ]
  const commit = lookup(commitChecksum)
  if (commit?.type !== 'commit') return out
  const seenTrees = new Set<string>()
  const visit = (treeSum: string, metaSum: string): void => {
    out.push({ checksum: metaSum, type: 'dirmeta' })
    if (seenTrees.has(treeSum) || skip?.has(`${treeSum.slice(2)}.dirtree:${treeSum.slice(0, 2)}`))
      return
    seenTrees.add(treeSum)
    out.push({ checksum: treeSum, type: 'dirtree' })
    const tree = lookup(treeSum)
    if (tree?.type !== 'dirtree') return
    for (const [, checksum] of tree.tree.files) out.push({ checksum, type: 'file' })
    for (const [, t, m] of tree.tree.dirs) visit(t, m)
  }
  visit(commit.commit.tree[0], commit.commit.tree[1])
  return out
}

/** An object with the two names it is stored under: `objects/<prefix>/<name>`. */
export interface ObjectRef {
  checksum: string
  type: ObjectType
  prefix: string
  name: string
  /** `<prefix>/<name>`, unique per object. */
  key: string
}

export type Lookup = (checksum: string) => RepoObject | undefined

const closureMemo = new Map<string, ObjectRef[]>()
const keysMemo = new Map<string, Set<string>>()
const diffMemo = new Map<string, ObjectRef[]>()

/**
 * `objectsOfCommit` without duplicates, remembered per commit: a commit's closure never changes,
 * since every object in it is named by the hash of its content.
 */
export function closureOfCommit(lookup: Lookup, commitChecksum: string): ObjectRef[] {
  const hit = closureMemo.get(commitChecksum)
  if (hit !== undefined) return hit
  const seen = new Set<string>()
  const out: ObjectRef[] = []
  let complete = true
  for (const o of objectsOfCommit(lookup, commitChecksum)) {
    const prefix = o.checksum.slice(0, 2)
    const name = `${o.checksum.slice(2)}.${o.type}`
    const key = `${prefix}/${name}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      checksum: o.checksum,
      type: o.type,
      prefix,
      name,
      key,
    })
    if (o.type !== 'file' && lookup(o.checksum) === undefined) complete = false
  }
  // Only a complete walk is remembered: a partial repo may learn the rest later.
  if (complete) closureMemo.set(commitChecksum, out)
  return out
}

export function closureKeys(lookup: Lookup, commit: string): Set<string> {
  let keys = keysMemo.get(commit)
  if (keys === undefined) {
    keys = new Set(closureOfCommit(lookup, commit).map((r) => r.key))
    if (closureMemo.has(commit)) keysMemo.set(commit, keys)
  }
  return keys
}

/** The objects of commit `b` that commit `a` does not have, remembered per pair. */
export function closureDifference(
  lookupB: Lookup,
  b: string,
  lookupA: Lookup,
  a: string,
): ObjectRef[] {
  const memoKey = `${b}-${a}`
  const hit = diffMemo.get(memoKey)
  if (hit !== undefined) return hit
  const keysA = closureKeys(lookupA, a)
  const diff = closureOfCommit(lookupB, b).filter((r) => !keysA.has(r.key))
  if (closureMemo.has(a) && closureMemo.has(b)) diffMemo.set(memoKey, diff)
  return diff
}

/**
 * The union of the commits' closures in parts, without copying the first closure (20,000 objects
 * at real scale): the first commit's closure, then, for each next commit, the objects it reaches
 * that no commit before it in the list does.
 */
export function closureParts(lookup: Lookup, commits: string[]): ObjectRef[][] {
  const [first, ...rest] = commits
  if (first === undefined) return []
  const parts = [closureOfCommit(lookup, first)]
  rest.forEach((commit, i) =>
    parts.push(closureBeyond(lookup, commit, lookup, commits.slice(0, i + 1))),
  )
  return parts
}

const beyondMemo = new Map<string, ObjectRef[]>()

/**
 * The objects of commit `b` that none of the commits `others` reaches (`others` not empty), in the
 * order of `b`'s closure; remembered per commits, like a difference of two.
 */
export function closureBeyond(
  lookupB: Lookup,
  b: string,
  lookupOthers: Lookup,
  others: readonly string[],
): ObjectRef[] {
  const [first, ...rest] = others
  if (first === undefined) return closureOfCommit(lookupB, b)
  const diff = closureDifference(lookupB, b, lookupOthers, first)
  if (rest.length === 0) return diff
  const memoKey = `${b}-${others.join('-')}`
  const hit = beyondMemo.get(memoKey)
  if (hit !== undefined) return hit
  const keys = rest.map((c) => closureKeys(lookupOthers, c))
  const beyond = diff.filter((r) => !keys.some((k) => k.has(r.key)))
  if (closureMemo.has(b) && others.every((c) => closureMemo.has(c))) beyondMemo.set(memoKey, beyond)
  return beyond
}

// ---------------------------------------------------------------------------------------------
// The repository on a machine's disk, read back from its files.

/**
 * A lookup of objects by checksum in the repo of filesystem `fs`, resolving the objects folder once:
 * for loops over thousands of objects.
 */
export function objectLookup(fs: Filesystem): (checksum: string, type: ObjectType) => Ino | null {
  const byName = objectLookupByName(fs)
  return (checksum, type) => byName(checksum.slice(0, 2), `${checksum.slice(2)}.${type}`)
}

/** The same, by the two names of an `ObjectRef` (no string building in hot loops). */
export function objectLookupByName(fs: Filesystem): (prefix: string, name: string) => Ino | null {
  const objects = resolve(fs, `${REPO}/objects`)
  const dir = 'error' in objects ? null : inodeOf(fs, objects.ino)
  return (prefix, name) => {
    if (dir?.kind !== 'dir') return null
    const sub = entryOf(dir, prefix)
    const subdir = sub === undefined ? null : inodeOf(fs, sub)
    if (subdir?.kind !== 'dir') return null
    return entryOf(subdir, name) ?? null
  }
}

/** `00` to `ff`: the names of the objects folder's subfolders, by the checksum's first byte. */
const PREFIXES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * The repo's object folders (`objects/00` to `objects/ff`) by the checksum's first byte as a
 * number: each folder is found once, then every lookup is one name in it (a checkout looks up
 * 20,000 objects). `entries` is the folder's entries, or null when the repo has no such folder.
 */
export function objectFolders(fs: Filesystem): {
  entries: (byte: number) => Record<string, Ino> | null
} {
  const objects = resolve(fs, `${REPO}/objects`)
  const dir = 'error' in objects ? null : inodeOf(fs, objects.ino)
  return {
    entries: (byte) => {
      const sub = dir?.kind === 'dir' ? entryOf(dir, PREFIXES[byte] as string) : undefined
      const inode = sub === undefined ? null : inodeOf(fs, sub)
      return inode?.kind === 'dir' ? inode.entries : null
    },
  }
}

/**
 * One state of an object folder's entries. A pull adds names to a folder and changes none: the
 * state it makes grew from the one before (`parent`). Anything else (prune, a person's `rm`) makes
 * entries with no state, which start over. The states are kept apart from the entries themselves,
 * so a checkout can remember which states it read without keeping those entries alive.
 */
export interface FolderState {
  parent: FolderState | null
}

const folderStates = new WeakMap<Record<string, Ino>, FolderState>()

/** The state of an object folder's entries, if a pull made them. */
export function folderState(entries: Record<string, Ino> | null): FolderState | undefined {
  return entries === null ? undefined : folderStates.get(entries)
}

/** Whether `now` grew from `then` by pulls only: every name of `then` still names the same inode. */
export function grewFrom(now: FolderState, then: FolderState): boolean {
  for (let s: FolderState | null = now; s !== null; s = s.parent) if (s === then) return true
  return false
}

/** How many objects the repo of filesystem `fs` stores: the names in its object folders. */
export function storedObjectCount(fs: Filesystem): number {
  const objects = resolve(fs, `${REPO}/objects`)
  const dir = 'error' in objects ? null : inodeOf(fs, objects.ino)
  let stored = 0
  if (dir?.kind === 'dir')
    for (const name in dir.entries) {
      const folder = inodeOf(fs, dir.entries[name] as Ino)
      if (folder?.kind === 'dir') stored += entryCount(folder.entries)
    }
  return stored
}

/** The inode of an object in the repo of filesystem `fs`, or null when the repo lacks it. */
export function objectIno(fs: Filesystem, checksum: string, type: ObjectType): Ino | null {
  return objectLookup(fs)(checksum, type)
}

/** Reads metadata objects of the repo in `fs` by checksum, whatever their type. */
export function localReader(fs: Filesystem): Lookup {
  const local = objectLookup(fs)
  return (sum) => {
    for (const type of METADATA_TYPES) {
      const ino = local(sum, type)
      if (ino !== null) return objectAt(fs, ino, sum, type) ?? undefined
    }
    return undefined
  }
}

const METADATA_TYPES = ['commit', 'dirtree', 'dirmeta'] as const

export function hasObject(fs: Filesystem, checksum: string, type: ObjectType): boolean {
  return objectIno(fs, checksum, type) !== null
}

/** Reads an object back from the disk. Metadata objects are parsed once per checksum. */
export function readObject(fs: Filesystem, checksum: string, type: ObjectType): RepoObject | null {
  return objectReader(fs)(checksum, type)
}

/**
 * `readObject` for the repo of filesystem `fs`, resolving the objects folder once: for loops over
 * thousands of objects.
 */
export function objectReader(
  fs: Filesystem,
): (checksum: string, type: ObjectType) => RepoObject | null {
  const lookup = objectLookup(fs)
  return (checksum, type) => {
    const ino = lookup(checksum, type)
    return ino === null ? null : objectAt(fs, ino, checksum, type)
  }
}

/** The object stored in inode `ino`, read as an object of this checksum and type. */
function objectAt(fs: Filesystem, ino: Ino, checksum: string, type: ObjectType): RepoObject | null {
  const inode = inodeOf(fs, ino) as Inode
  if (type === 'file') {
    return inode.kind === 'symlink'
      ? { type: 'file', kind: 'symlink', uid: inode.uid, gid: inode.gid, target: inode.target }
      : inode.kind === 'file'
        ? {
            type: 'file',
            kind: 'file',
            uid: inode.uid,
            gid: inode.gid,
            mode: inode.mode,
            size: inode.size,
            data: inode.data,
          }
        : null
  }
  const cached = parsedMemo.get(checksum)
  if (cached !== undefined) return cached
  if (inode.kind !== 'file') return null
  const parsed = JSON.parse(inode.data) as unknown
  const obj: RepoObject =
    type === 'commit'
      ? { type, text: inode.data, commit: parsed as Commit }
      : type === 'dirtree'
        ? { type, text: inode.data, tree: parsed as DirTree }
        : {
            type,
            text: inode.data,
            meta: { ...(parsed as DirMeta), mode: (parsed as DirMeta).mode & 0o7777 },
          }
  parsedMemo.set(checksum, obj)
  return obj
}

export function readCommit(fs: Filesystem, checksum: string): Commit | null {
  const obj = readObject(fs, checksum, 'commit')
  return obj?.type === 'commit' ? obj.commit : null
}

/**
 * The checksum of the content object a commit names at `path` (`/usr/bin/ls`), found by walking
 * its dirtrees as `ostree ls -C` does; null when the repo lacks a tree on the way or the path is
 * no file or symlink of the commit. A checkout of the commit names that object's inode there.
 */
export function contentChecksumAt(fs: Filesystem, commit: string, path: string): string | null {
  const root = readCommit(fs, commit)?.tree[0]
  if (root === undefined) return null
  const parts = path.split('/').filter((part) => part !== '')
  const name = parts.pop()
  let treeSum = root
  for (const part of parts) {
    const tree = readObject(fs, treeSum, 'dirtree')
    const sub = tree?.type === 'dirtree' ? tree.tree.dirs.find(([n]) => n === part) : undefined
    if (sub === undefined) return null
    treeSum = sub[1]
  }
  const tree = readObject(fs, treeSum, 'dirtree')
  if (tree?.type !== 'dirtree' || name === undefined) return null
  return tree.tree.files.find(([n]) => n === name)?.[1] ?? null
}

/** Creates the bare repo layout of `ostree init --mode=bare` (reference 1.2). */
export function initRepo(draft: FsDraft, mtime: number): void {
  for (const dir of [
    '',
    '/objects',
    '/refs',
    '/refs/heads',
    '/refs/mirrors',
    '/refs/remotes',
    '/state',
    '/tmp',
    '/extensions',
  ]) {
    draft.mkdirp(`${REPO}${dir}`, { mtime })
  }
  draft.writeFile(`${REPO}/config`, '[core]\nrepo_version=1\nmode=bare\n', { mtime })
}

/**
 * Stores objects in the repo. Each is a file under objects/XX/; a content object is stored as the
 * file itself, with mtime 0 (reference 2.3), and its checkouts will be hard links to it.
 */
export function writeObjects(
  draft: FsDraft,
  objects: { checksum: string; type: ObjectType; obj: RepoObject }[],
  mtime: number,
): void {
  writeObjectRefs(
    draft,
    objects.map(({ checksum, type }) => refOf(checksum, type)),
    objects.map(({ obj }) => obj),
    mtime,
  )
}

/** The two names an object is stored under. */
function refOf(checksum: string, type: ObjectType): ObjectRef {
  const prefix = checksum.slice(0, 2)
  const name = `${checksum.slice(2)}.${type}`
  return { checksum, type, prefix, name, key: `${prefix}/${name}` }
}

/** `writeObjects` for objects named by `refs`, `objs[i]` the object of `refs[i]`. */
export function writeObjectRefs(
  draft: FsDraft,
  refs: readonly ObjectRef[],
  objs: readonly RepoObject[],
  mtime: number,
): void {
  const objectsIno = draft.resolve(`${REPO}/objects`, true)
  const byPrefix = new Map<string, Record<string, Ino>>()
  for (let i = 0; i < refs.length; i++) {
    const { prefix, name } = refs[i] as ObjectRef
    const obj = objs[i] as RepoObject
    const inode: Inode =
      obj.type === 'file'
        ? obj.kind === 'file'
          ? {
              kind: 'file',
              nlink: 1,
              uid: obj.uid,
              gid: obj.gid,
              mode: obj.mode,
              mtime: 0,
              size: obj.size,
              data: obj.data,
            }
          : {
              kind: 'symlink',
              nlink: 1,
              uid: obj.uid,
              gid: obj.gid,
              mode: 0o777,
              mtime: 0,
              target: obj.target,
            }
        : {
            kind: 'file',
            nlink: 1,
            uid: 0,
            gid: 0,
            mode: 0o644,
            mtime,
            size: obj.text.length,
            data: obj.text,
          }
    let names = byPrefix.get(prefix)
    if (names === undefined) byPrefix.set(prefix, (names = newEntries()))
    names[name] = draft.alloc(inode)
  }
  for (const [prefix, names] of byPrefix) {
    const objectsDir = draft.get(objectsIno) as DirInode
    let sub = entryOf(objectsDir, prefix)
    if (sub === undefined) {
      sub = draft.alloc({ kind: 'dir', uid: 0, gid: 0, mode: 0o755, mtime, entries: newEntries() })
      draft.update<DirInode>(objectsIno, (d) => ({
        ...d,
        mtime,
        entries: withEntries(d.entries, { [prefix]: sub as Ino }),
      }))
    }
    draft.update<DirInode>(sub, (d) => {
      const entries = withEntries(d.entries, names)
      // Every name new: the folder only grew.
      if (entryCount(entries) === entryCount(d.entries) + entryCount(names))
        folderStates.set(entries, { parent: folderStates.get(d.entries) ?? null })
      return { ...d, mtime, entries }
    })
  }
}

/** Refs under refs/heads and refs/remotes, as `name -> checksum` (`fedora/fedora/x86_64/coreos/stable`). */
export function readRefs(fs: Filesystem, kind: 'heads' | 'remotes'): Record<string, string> {
  const refs: Record<string, string> = {}
  const visit = (dir: string, prefix: string): void => {
    for (const [name, , inode] of readDir(fs, dir)) {
      if (inode.kind === 'dir') visit(`${dir}/${name}`, `${prefix}${name}/`)
      else if (inode.kind === 'file') refs[`${prefix}${name}`] = inode.data.trim()
    }
  }
  visit(`${REPO}/refs/${kind}`, '')
  return refs
}

export function writeRef(
  draft: FsDraft,
  kind: 'heads' | 'remotes',
  name: string,
  checksum: string,
  mtime: number,
): string {
  const path = `${REPO}/refs/${kind}/${name}`
  draft.mkdirp(path.slice(0, path.lastIndexOf('/')), { mtime })
  draft.writeFile(path, `${checksum}\n`, { mtime })
  return path
}

export type { FsError }
