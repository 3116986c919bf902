/**
 * `checkout_deployment_tree` (reference 2.1, 2.3): a commit's dirtrees made into a folder whose
 * files are hard links to the repo's objects.
 *
 * At real scale a checkout names 20,000 files, and finding each one's object among the repo's
 * (`objects/<xx>/<rest>.file`) is most of its cost. Most of them were found already: between two
 * releases most files keep their path and their object (nine in ten when the kernel, whose modules
 * move with its version, stays the same). So, besides what it needs of each dirtree (remembered per
 * checksum, which names its content), a checkout remembers, for each folder it makes, the inode it
 * found for each file's object and the state of the object folders it read. A later checkout takes the inode of a file with the same name and object at the
 * same path in another deployment from there, if that folder is still as the checkout made it and
 * the object folder has only gained names since (a pull adds objects and changes none; prune or a
 * person's `rm` makes it start over); it looks up the others. The result is the same either way.
 */
import type { FsDraft } from './fs'
import { newEntries, withEntries } from './fs'
import {
  folderState,
  grewFrom,
  objectFolders,
  objectReader,
  readCommit,
  type DirMeta,
  type DirTree,
  type FolderState,
} from './repo'
import type { DirInode, FileInode, Ino, Inode, SymlinkInode } from './types'

export interface CheckoutStats {
  files: number
  symlinks: number
  dirs: number
  /** Bytes of the regular files named by the checkout (each a hard link: no new data). */
  bytes: number
}

/** What a checkout needs of a dirtree: its names and the objects they name. */
interface TreePlan {
  /** Per file, in the dirtree's order: its name, its object's folder (first byte) and name there. */
  names: string[]
  bytes: Uint8Array
  objects: string[]
  dirs: DirPlan[]
  /**
   * Per earlier dirtree at the same path, per file of this one: the index of the file of the same
   * name and object there, or -1. Made once per pair of dirtrees.
   */
  same: Map<TreePlan, number[]>
}

/** A folder of a dirtree: its dirtree and dirmeta, and where they are stored. */
interface DirPlan {
  name: string
  tree: string
  meta: string
  treeByte: number
  treeObject: string
  metaByte: number
  metaObject: string
  /** Known once the dirtree and dirmeta have been read (they never change for their checksums). */
  plan: TreePlan | null
  attrs: DirMeta | null
}

const treePlans = new Map<string, TreePlan>()
const rootPlans = new Map<string, DirPlan>()

function dirPlan(name: string, tree: string, meta: string): DirPlan {
  return {
    name,
    tree,
    meta,
    treeByte: parseInt(tree.slice(0, 2), 16),
    treeObject: `${tree.slice(2)}.dirtree`,
    metaByte: parseInt(meta.slice(0, 2), 16),
    metaObject: `${meta.slice(2)}.dirmeta`,
    plan: null,
    attrs: null,
  }
}

function treePlanOf(treeSum: string, tree: DirTree): TreePlan {
  let plan = treePlans.get(treeSum)
  if (plan === undefined) {
    plan = {
      names: tree.files.map(([name]) => name),
      bytes: Uint8Array.from(tree.files, ([, sum]) => parseInt(sum.slice(0, 2), 16)),
      objects: tree.files.map(([, sum]) => `${sum.slice(2)}.file`),
      dirs: tree.dirs.map(([name, t, m]) => dirPlan(name, t, m)),
      same: new Map(),
    }
    treePlans.set(treeSum, plan)
  }
  return plan
}

/** The states of the object folders (`objects/<xx>`, by first byte) a checkout read. */
type States = (FolderState | undefined)[]

/** What one checkout found: the inode of each file's object, and the object folders it read. */
interface Found {
  /** Per file, in the order the checkout met them: its object's inode, or -1 (a copy). */
  objects: Int32Array
  states: States
}

/** Where a folder made by a checkout came from: its dirtree, and its files' objects in `found`. */
interface Made {
  plan: TreePlan
  found: Found
  /** Where the folder's files start in `found.objects`. */
  at: number
}

/** Every folder a checkout made, by inode value: a changed folder is a new value, and absent here. */
const made = new WeakMap<DirInode, Made>()

/** `sameFiles(plan, old)[i]`: the index in `old` of file `i` of `plan` if it names the same object. */
function sameFiles(plan: TreePlan, old: TreePlan): number[] {
  let same = plan.same.get(old)
  if (same === undefined) {
    same = []
    // Both lists are sorted by name (dirtree order).
    for (let i = 0, j = 0; i < plan.names.length; i++) {
      const name = plan.names[i] as string
      while (j < old.names.length && (old.names[j] as string) < name) j++
      same.push(old.names[j] === name && old.objects[j] === plan.objects[i] ? j : -1)
    }
    plan.same.set(old, same)
  }
  return same
}

const hexByte = (byte: number): string => byte.toString(16).padStart(2, '0')

/**
 * One more name for a repo object. Written field by field, in the order `writeObjects` gives them:
 * a checkout makes 20,000 of these, and a spread copy costs several times more.
 */
function linked(inode: FileInode | SymlinkInode): FileInode | SymlinkInode {
  if (inode.immutable === true) return { ...inode, nlink: inode.nlink + 1 }
  return inode.kind === 'file'
    ? {
        kind: 'file',
        nlink: inode.nlink + 1,
        uid: inode.uid,
        gid: inode.gid,
        mode: inode.mode,
        mtime: inode.mtime,
        size: inode.size,
        data: inode.data,
      }
    : {
        kind: 'symlink',
        nlink: inode.nlink + 1,
        uid: inode.uid,
        gid: inode.gid,
        mode: inode.mode,
        mtime: inode.mtime,
        target: inode.target,
      }
}

/**
 * `checkout_deployment_tree`: builds the deployment folder `path` from the commit's dirtrees.
 * Regular files and symlinks are hard links to the repo's objects (real ostree 2022.7 links both
 * in a bare repo); directories are new, with mtime 0 (reference 2.1, 2.3). Empty files are the
 * exception: they are always copied, so they get one link and the time of the checkout
 * (`is_reg_zerosized` in `checkout_one_file_at`, ostree-repo-checkout.c: "to avoid hitting
 * EMLINK"; seen with 2022.7).
 */
export function checkoutTree(
  draft: FsDraft,
  checksum: string,
  path: string,
  mtime: number,
): CheckoutStats {
  const view = draft.view()
  const commit = readCommit(view, checksum)
  if (commit === null) throw new Error(`No such commit ${checksum}`)
  const stats: CheckoutStats = { files: 0, symlinks: 0, dirs: 0, bytes: 0 }
  const repo = objectFolders(view)
  const read = objectReader(view)
  // The object folders this checkout reads, and their states, filled as it reads them.
  const folders: (Record<string, Ino> | null | undefined)[] = new Array<undefined>(256).fill(
    undefined,
  )
  const states: States = new Array<undefined>(256).fill(undefined)
  const folderOf = (byte: number): Record<string, Ino> | null => {
    let entries = folders[byte]
    if (entries === undefined) {
      entries = folders[byte] = repo.entries(byte)
      states[byte] = folderState(entries)
    }
    return entries
  }
  const lookup = (byte: number, name: string): Ino | null => {
    const entries = folderOf(byte)
    const ino = entries?.[name]
    return typeof ino === 'number' ? ino : null
  }
  // Whether the object folders an earlier checkout read still name what they named then, per
  // folder: 1 yes, -1 no, 0 not known yet.
  const unchanged = new Map<States, Int8Array>()
  const unchangedSince = (earlier: States): Int8Array => {
    let known = unchanged.get(earlier)
    if (known === undefined) unchanged.set(earlier, (known = new Int8Array(256)))
    return known
  }
  // What this checkout finds, filled at the end; its folders' records point at it.
  const found: Found = { objects: new Int32Array(0), states }
  const objects: number[] = []
  const stillNamed = (earlier: States, known: Int8Array, byte: number): boolean => {
    const then = earlier[byte]
    folderOf(byte)
    const now = states[byte]
    known[byte] = then !== undefined && now !== undefined && grewFrom(now, then) ? 1 : -1
    return known[byte] === 1
  }

  /** Links or copies the file `i` of `plan`, its object's inode being `ino`; returns its entry. */
  const file = (plan: TreePlan, i: number, ino: Ino | null): Ino => {
    if (ino === null) {
      const objectName = `${hexByte(plan.bytes[i] as number)}${plan.objects[i] as string}`
      throw new Error(`Missing object ${objectName}`)
    }
    const inode = draft.get(ino) as Inode
    if (inode.kind === 'dir') {
      const objectName = `${hexByte(plan.bytes[i] as number)}${plan.objects[i] as string}`
      throw new Error(`Object ${objectName} is a directory`)
    }
    if (inode.kind === 'file') {
      stats.files++
      stats.bytes += inode.size
    } else stats.symlinks++
    if (inode.kind === 'file' && inode.size === 0) return draft.alloc({ ...inode, nlink: 1, mtime })
    draft.replace(ino, linked(inode))
    return ino
  }

  /**
   * Makes the folder of `dir`; `sources` are folders at the same path in earlier checkouts (the
   * other deployments), which may hold the same dirtree.
   */
  const build = (dir: DirPlan, sources: readonly Ino[]): Ino => {
    let { plan, attrs } = dir
    if (
      plan === null ||
      attrs === null ||
      lookup(dir.treeByte, dir.treeObject) === null ||
      lookup(dir.metaByte, dir.metaObject) === null
    ) {
      const tree = read(dir.tree, 'dirtree')
      const meta = read(dir.meta, 'dirmeta')
      if (tree?.type !== 'dirtree' || meta?.type !== 'dirmeta')
        throw new Error(`Missing tree ${dir.tree}`)
      plan = dir.plan ??= treePlanOf(dir.tree, tree.tree)
      attrs = dir.attrs ??= meta.meta
    }
    // The same path in an earlier checkout, if that folder is as the checkout made it: the files
    // whose names and objects are the same there need not be looked up again.
    let from: Made | undefined
    for (const ino of sources) {
      const inode = draft.get(ino)
      const earlier = inode?.kind === 'dir' ? made.get(inode) : undefined
      if (earlier !== undefined && (from === undefined || earlier.plan === plan)) from = earlier
    }
    const same = from === undefined ? null : sameFiles(plan, from.plan)
    const earlierStates = from?.found.states
    const known = earlierStates === undefined ? null : unchangedSince(earlierStates)
    const count = plan.names.length
    const at = objects.length
    const entries = newEntries()
    for (let i = 0; i < count; i++) {
      const byte = plan.bytes[i] as number
      let ino: Ino | null = -1
      if (from !== undefined && same !== null && earlierStates !== undefined && known !== null) {
        const j = same[i] as number
        const earlier = j < 0 ? -1 : (from.found.objects[from.at + j] as number)
        if (
          earlier >= 0 &&
          (known[byte] === 1 || (known[byte] === 0 && stillNamed(earlierStates, known, byte)))
        )
          ino = earlier
      }
      if (ino < 0) ino = lookup(byte, plan.objects[i] as string)
      const entry = file(plan, i, ino)
      objects.push(entry === ino ? entry : -1)
      entries[plan.names[i] as string] = entry
    }
    const madeHere: Made = { plan, found, at }
    for (const sub of plan.dirs) {
      const deeper: Ino[] = []
      for (const ino of sources) {
        const inode = draft.get(ino)
        const child = inode?.kind === 'dir' ? inode.entries[sub.name] : undefined
        if (typeof child === 'number') deeper.push(child)
      }
      entries[sub.name] = build(sub, deeper)
    }
    stats.dirs++
    const { uid, gid, mode } = attrs
    const inode: DirInode = { kind: 'dir', uid, gid, mode, mtime: 0, entries }
    made.set(inode, madeHere)
    return draft.alloc(inode)
  }

  const rootKey = `${commit.tree[0]}:${commit.tree[1]}`
  let root = rootPlans.get(rootKey)
  if (root === undefined) rootPlans.set(rootKey, (root = dirPlan('', ...commit.tree)))
  // The other deployments of the stateroot: folders of earlier checkouts of this repo.
  const parent = draft.resolve(path.slice(0, path.lastIndexOf('/')), true)
  const siblings = draft.get(parent) as DirInode
  const sources: Ino[] = []
  for (const name in siblings.entries) {
    const ino = siblings.entries[name] as Ino
    if (draft.get(ino)?.kind === 'dir') sources.push(ino)
  }
  const rootIno = build(root, sources)
  found.objects = Int32Array.from(objects)
  // The folder's own entry in deploy/ is made last, so a half-made checkout is never half-named.
  const name = path.slice(path.lastIndexOf('/') + 1)
  draft.update<DirInode>(parent, (d) => ({
    ...d,
    entries: withEntries(d.entries, { [name]: rootIno }),
  }))
  return stats
}
