/**
 * The Hard links panel's model: the `/usr` trees of the deployments, the inodes their paths name
 * and the repository objects those inodes are. A checkout links every file of a commit to its
 * object in the bare repo, so an unchanged file is one inode named by the repo and by each
 * deployment (link count 3 with two deployments), and a changed file is two inodes with link count
 * 2 each (reference 2.1, 2.2; observed with libostree 2022.7 in Appendix B).
 *
 * A release holds about 20,000 files. The panel draws the few that tell the story, chosen by rule
 * (`pickFiles`), and sums the rest by top directory of `/usr`; every total comes from the whole
 * tree, each inode counted once as `du` counts. Walking a tree is remembered per `/usr` directory
 * value and the sharing between trees per set of trees: steps share unchanged inodes with the step
 * before, and a deployment's `/usr` never changes once checked out (it is read-only, reference
 * 5.4), so a step that makes no new deployment walks nothing.
 */
import type { DeploymentInfo } from '../../engine'
import { CHUNK, inoAt, inodeOf, linkCount } from '../../engine/fs'
import { contentChecksumAt, objectPath } from '../../engine/repo'
import { listDeployments } from '../../engine/status'
import { deployPath, deploymentDirs } from '../../engine/sysroot'
import type { DeploymentId, DirInode, Filesystem, Ino, Machine } from '../../engine/types'
import { namesOf } from './fileTree'

/** One deployment folder, as a column of the panel. */
export interface Column {
  /** `<stateroot>/<checksum>.<serial>`: stable across steps. */
  key: string
  id: DeploymentId
  /** The deployment as the list shows it, or null for a folder no boot entry or /run names. */
  listed: DeploymentInfo | null
  /** The commit's version. */
  version: string | null
  /** Files and symlinks under /usr (names, so a file linked twice counts twice). */
  files: number
  /** Bytes of /usr with each inode counted once, as `du` counts. */
  bytes: number
  /** Of `bytes`, the inodes another column names too, and those only this one names. */
  sharedBytes: number
  uniqueBytes: number
  /** What this step did to the column: a new folder, or a folder the list names from now on. */
  change: 'new' | 'listed' | null
}

/** Why a file is drawn rather than summed with its directory. */
export type Reason = 'article' | 'program' | 'kernel' | 'largest' | 'etc'

/** A path of one column, named by the panel as a button. */
export interface PathNode {
  /** `<column key>:<path>`. */
  key: string
  column: number
  path: string
  ino: Ino
  links: number
  /** Made by this step (its whole folder is new). */
  added: boolean
}

export interface InodeNode {
  /** `ino:<number>`: the same inode keeps its key from step to step. */
  key: string
  ino: Ino
  /** Bytes; a symlink has none. */
  size: number
  /** The link count, as `stat` shows it: computed by the engine from the names. */
  links: number
  /** The checksum of the repo object this inode is, or null when it is not the repo's object. */
  object: string | null
  /** Every path naming it in the columns (in-tree duplicates included), by column. */
  names: { column: number; path: string }[]
  /** What this step did to it: a new inode, or links added or removed (by how many). */
  change: { kind: 'new' } | { kind: 'links'; delta: number } | null
}

/** A file that matters, in every column that has it. */
export interface FileBand {
  /** The path; under /usr/lib/modules, the kernel version is replaced by `*`. */
  key: string
  reason: Reason
  paths: PathNode[]
  /** The inodes of `paths`, ordered by the first column naming each. */
  inodes: InodeNode[]
}

/** A top directory of /usr without the files drawn, per column. */
export interface DirSummary {
  /** `/usr/lib`. */
  dir: string
  /** One per column, in column order; zeros where the column has no such directory. */
  columns: { files: number; bytes: number; sharedBytes: number; uniqueBytes: number }[]
}

/** The repository's content objects (files and symlinks): the inodes every checkout links to. */
export interface RepoSummary {
  objects: number
  bytes: number
  /** Objects no deployment names (link count 1): pulled and not checked out, or left until prune. */
  unnamed: number
  unnamedBytes: number
  /** Objects this step wrote (positive) or pruned (negative). */
  delta: number
}

export interface HardLinksModel {
  columns: Column[]
  bands: FileBand[]
  dirs: DirSummary[]
  repo: RepoSummary
  /** All columns together, each inode once: what `du` prints for the /usr of every deployment. */
  union: { inodes: number; bytes: number }
}

/**
 * Files every release ships, drawn whatever changed: `ls`, which the article runs `ls -li` on in two
 * deployments (one inode), and `bash`, the reference's example (reference 2.2; Appendix B saw it
 * change between two commits: two inodes).
 */
const STORY: readonly { key: string; reason: Reason }[] = [
  { key: '/usr/bin/ls', reason: 'article' },
  { key: '/usr/bin/bash', reason: 'program' },
]
/** What /boot gets a copy of: the kernel and initramfs of the tree (reference 1.4). */
const KERNEL_KEYS = ['/usr/lib/modules/*/vmlinuz', '/usr/lib/modules/*/initramfs.img']
/** How many of the largest changed files, and of the changed /usr/etc defaults, are drawn. */
const LARGEST = 3
const ETC = 3
const USR_ETC = '/usr/etc/'

/** One /usr tree, walked once: every file and symlink with its inode, and each inode once. */
interface TreeIndex {
  paths: string[]
  /** Each path's key, or null where an earlier path has the same key. */
  keys: (string | null)[]
  inos: Int32Array
  /** Index into `dirs` of each path's top directory. */
  top: Uint16Array
  /** The first path naming an inode: where `du` counts it. */
  first: Uint8Array
  sizes: Float64Array
  /** `/usr` (for what sits right in it), then its top directories. */
  dirs: string[]
  /** The first path index of each key: the path, with a kernel version as `*`. */
  byKey: Map<string, number>
}

const treeMemo = new WeakMap<DirInode, TreeIndex>()
const MODULES = '/usr/lib/modules'

/**
 * Walks /usr of a deployment, parents first, in the order of its directories (a checkout's is the
 * dirtree's, sorted by name). Hot at real scale: no sorting, no regular expression per path.
 */
function indexTree(fs: Filesystem, usr: DirInode): TreeIndex {
  const hit = treeMemo.get(usr)
  if (hit) return hit
  const paths: string[] = []
  const keys: (string | null)[] = []
  const inos: number[] = []
  const top: number[] = []
  const first: number[] = []
  const sizes: number[] = []
  const dirs = ['/usr']
  const byKey = new Map<string, number>()
  const seen = new Uint8Array(fs.nextIno - fs.firstIno)
  const visit = (dir: DirInode, prefix: string, keyPrefix: string, dirIndex: number): void => {
    for (const name in dir.entries) {
      const ino = dir.entries[name] as Ino
      const inode = inodeOf(fs, ino)
      if (!inode) continue
      const path = `${prefix}/${name}`
      if (inode.kind === 'dir') {
        // a top directory of /usr starts its own sum; a kernel's folder is any kernel's
        if (dirIndex === 0) dirs.push(path)
        const key =
          prefix === MODULES ? `${MODULES}/*` : keyPrefix === prefix ? path : `${keyPrefix}/${name}`
        visit(inode, path, key, dirIndex === 0 ? dirs.length - 1 : dirIndex)
        continue
      }
      const key = keyPrefix === prefix ? path : `${keyPrefix}/${name}`
      const fresh = !byKey.has(key)
      if (fresh) byKey.set(key, paths.length)
      keys.push(fresh ? key : null)
      paths.push(path)
      inos.push(ino)
      top.push(dirIndex)
      const at = ino - fs.firstIno
      first.push(seen[at] === 1 ? 0 : 1)
      seen[at] = 1
      sizes.push(inode.kind === 'file' ? inode.size : 0)
    }
  }
  visit(usr, '/usr', '/usr', 0)
  const index: TreeIndex = {
    paths,
    keys,
    inos: Int32Array.from(inos),
    top: Uint16Array.from(top),
    first: Uint8Array.from(first),
    sizes: Float64Array.from(sizes),
    dirs,
    byKey,
  }
  treeMemo.set(usr, index)
  return index
}

/** What the columns share, computed once per set of trees. */
interface Sharing {
  trees: readonly TreeIndex[]
  totals: Omit<Column, 'key' | 'id' | 'listed' | 'version' | 'change'>[]
  bands: { key: string; reason: Reason; at: (number | undefined)[] }[]
  /** Every name of each drawn inode, by column. */
  names: Map<Ino, { column: number; path: string }[]>
  dirs: DirSummary[]
  union: { inodes: number; bytes: number }
}

/**
 * The last few sets of trees: a tour has a handful (one deployment, a checkout next to it, the two
 * swapped by a rollback...), so stepping back and forth finds each one computed.
 */
const sharingMemo: Sharing[] = []
const SHARINGS = 8

function sameTrees(a: readonly TreeIndex[], b: readonly TreeIndex[]): boolean {
  return a.length === b.length && a.every((tree, i) => tree === b[i])
}

/** Which columns name each inode, as bits, by inode number (a machine keeps a few deployments). */
function maskOf(
  fs: Filesystem,
  trees: readonly TreeIndex[],
): { masks: Uint32Array; inodes: number; bytes: number } {
  const masks = new Uint32Array(fs.nextIno - fs.firstIno)
  let inodes = 0
  let bytes = 0
  trees.forEach((tree, column) => {
    const bit = 1 << column
    for (let i = 0; i < tree.inos.length; i++) {
      const at = (tree.inos[i] as Ino) - fs.firstIno
      if (masks[at] === 0) {
        inodes++
        bytes += tree.sizes[i] as number
      }
      masks[at] = (masks[at] as number) | bit
    }
  })
  return { masks, inodes, bytes }
}

/**
 * Two inodes with the same content and metadata: one repo object, were both its checkout. Empty
 * files are copied rather than linked, so two inodes can hold one object (deploy.ts, checkoutTree).
 */
function sameContent(fs: Filesystem, a: Ino, b: Ino): boolean {
  const x = inodeOf(fs, a)
  const y = inodeOf(fs, b)
  if (!x || !y) return false
  if (x.kind === 'file' && y.kind === 'file')
    return x.size === y.size && x.data === y.data && x.mode === y.mode && x.uid === y.uid
  if (x.kind === 'symlink' && y.kind === 'symlink') return x.target === y.target
  return false
}

/**
 * The files worth drawing, by rule: `ls` and `bash`, the kernel and initramfs, then of the files
 * whose content differs between columns the largest ones and the changed /usr/etc defaults (what
 * the /etc merge compares, reference 4).
 */
function pickFiles(
  fs: Filesystem,
  trees: readonly TreeIndex[],
  masks: Uint32Array,
): { key: string; reason: Reason }[] {
  const present = (key: string) => trees.some((tree) => tree.byKey.has(key))
  const picked: { key: string; reason: Reason }[] = [
    ...STORY.filter(({ key }) => present(key)),
    ...KERNEL_KEYS.filter(present).map((key) => ({ key, reason: 'kernel' as const })),
  ]
  // keys whose content differs between two columns, with the larger size
  const changed = new Map<string, number>()
  trees.forEach((tree, a) => {
    trees.slice(a + 1).forEach((other, k) => {
      const otherBit = 1 << (a + 1 + k)
      for (let i = 0; i < tree.keys.length; i++) {
        const key = tree.keys[i]
        const mine = tree.inos[i] as Ino
        // an inode the other tree names too is its file at this path: unchanged, no lookup
        if (key == null || ((masks[mine - fs.firstIno] as number) & otherBit) !== 0) continue
        const j = other.byKey.get(key)
        if (j === undefined) continue
        const theirs = other.inos[j] as Ino
        if (mine === theirs || sameContent(fs, mine, theirs)) continue
        const size = Math.max(tree.sizes[i] as number, other.sizes[j] as number)
        changed.set(key, Math.max(changed.get(key) ?? 0, size))
      }
    })
  })
  const taken = new Set(picked.map((p) => p.key))
  const largest = [...changed]
    .filter(([key]) => !taken.has(key) && !key.startsWith(USR_ETC))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, LARGEST)
  const etc = [...changed.keys()]
    .filter((key) => key.startsWith(USR_ETC))
    .sort()
    .slice(0, ETC)
  return [
    ...picked,
    ...largest.map(([key]) => ({ key, reason: 'largest' as const })),
    ...etc.map((key) => ({ key, reason: 'etc' as const })),
  ]
}

function share(fs: Filesystem, trees: readonly TreeIndex[]): Sharing {
  const hit = sharingMemo.find((s) => sameTrees(s.trees, trees))
  if (hit) return hit
  const { masks, inodes: unionInodes, bytes: unionBytes } = maskOf(fs, trees)
  const bands = pickFiles(fs, trees, masks).map(({ key, reason }) => ({
    key,
    reason,
    at: trees.map((tree) => tree.byKey.get(key)),
  }))
  const drawnInos = new Set<Ino>()
  const drawnPaths = trees.map(() => new Set<number>())
  for (const band of bands) {
    band.at.forEach((i, column) => {
      if (i === undefined) return
      drawnPaths[column]?.add(i)
      drawnInos.add(trees[column]?.inos[i] as Ino)
    })
  }
  const names = new Map<Ino, { column: number; path: string }[]>()
  const dirIndex = new Map<string, DirSummary>()
  const dirOf = (dir: string): DirSummary => {
    let summary = dirIndex.get(dir)
    if (!summary) {
      summary = {
        dir,
        columns: trees.map(() => ({ files: 0, bytes: 0, sharedBytes: 0, uniqueBytes: 0 })),
      }
      dirIndex.set(dir, summary)
    }
    return summary
  }
  const totals = trees.map((tree, column) => {
    const bit = 1 << column
    const total = {
      files: tree.inos.length,
      bytes: 0,
      sharedBytes: 0,
      uniqueBytes: 0,
    }
    const rest = tree.dirs.map((dir) => dirOf(dir).columns[column])
    for (let i = 0; i < tree.inos.length; i++) {
      const ino = tree.inos[i] as Ino
      const size = tree.sizes[i] as number
      const counted = tree.first[i] === 1
      const shared = ((masks[ino - fs.firstIno] as number) & ~bit) !== 0
      if (counted) {
        total.bytes += size
        if (shared) total.sharedBytes += size
        else total.uniqueBytes += size
      }
      if (drawnInos.has(ino)) {
        let list = names.get(ino)
        if (!list) names.set(ino, (list = []))
        list.push({ column, path: tree.paths[i] as string })
      }
      if (drawnPaths[column]?.has(i)) continue
      const dir = rest[tree.top[i] as number]
      if (!dir) continue
      dir.files++
      // a drawn inode's bytes are its band's, whichever of its names is counted first
      if (!counted || drawnInos.has(ino)) continue
      dir.bytes += size
      if (shared) dir.sharedBytes += size
      else dir.uniqueBytes += size
    }
    return total
  })
  const sharing: Sharing = {
    trees,
    totals,
    bands,
    names,
    dirs: [...dirIndex.values()]
      .filter((d) => d.columns.some((c) => c.files > 0))
      .sort((a, b) => (a.dir < b.dir ? -1 : 1)),
    union: { inodes: unionInodes, bytes: unionBytes },
  }
  sharingMemo.unshift(sharing)
  sharingMemo.length = Math.min(sharingMemo.length, SHARINGS)
  return sharing
}

const folderMemo = new WeakMap<DirInode, { inos: Ino[]; sizes: number[] }>()

/**
 * The content objects of one `objects/XX` folder. An object's size never changes for its inode, so
 * this is remembered per folder value: a step that writes no object in a folder reads nothing.
 */
function folderObjects(fs: Filesystem, dir: DirInode): { inos: Ino[]; sizes: number[] } {
  let objects = folderMemo.get(dir)
  if (!objects) {
    objects = { inos: [], sizes: [] }
    for (const name in dir.entries) {
      if (!name.endsWith('.file')) continue
      const ino = dir.entries[name] as Ino
      const inode = inodeOf(fs, ino)
      if (!inode || inode.kind === 'dir') continue
      objects.inos.push(ino)
      objects.sizes.push(inode.kind === 'file' ? inode.size : 0)
    }
    folderMemo.set(dir, objects)
  }
  return objects
}

/** Every content object of the repo, by chunk of the inode table. */
interface ObjectTable {
  folders: DirInode[]
  objects: number
  bytes: number
  /** Chunk number to the objects whose inodes it holds. */
  byChunk: Map<number, { inos: Ino[]; sizes: number[] }>
}

let lastTable: ObjectTable | null = null

function objectTable(fs: Filesystem): ObjectTable | null {
  const objectsIno = inoAt(fs, '/ostree/repo/objects', true)
  const objects = objectsIno === null ? null : inodeOf(fs, objectsIno)
  if (objects?.kind !== 'dir') return null
  const folders: DirInode[] = []
  for (const name in objects.entries) {
    const dir = inodeOf(fs, objects.entries[name] as Ino)
    if (dir?.kind === 'dir') folders.push(dir)
  }
  const same =
    lastTable?.folders.length === folders.length &&
    folders.every((dir, i) => lastTable?.folders[i] === dir)
  if (same && lastTable) return lastTable
  const table: ObjectTable = { folders, objects: 0, bytes: 0, byChunk: new Map() }
  for (const dir of folders) {
    const { inos, sizes } = folderObjects(fs, dir)
    inos.forEach((ino, i) => {
      const chunk = Math.floor((ino - fs.firstIno) / CHUNK)
      let part = table.byChunk.get(chunk)
      if (!part) table.byChunk.set(chunk, (part = { inos: [], sizes: [] }))
      part.inos.push(ino)
      part.sizes.push(sizes[i] as number)
      table.objects++
      table.bytes += sizes[i] as number
    })
  }
  lastTable = table
  return table
}

const unnamedMemo = new WeakMap<
  Filesystem['chunks'][number],
  { table: ObjectTable; count: number; bytes: number }
>()

/**
 * The content objects under `objects/`, each an inode of its own (reference 1.3), and those no
 * checkout links to. Link counts change only in the chunks of the inode table a step copied, so the
 * count is remembered per chunk: a step that links nothing recounts nothing.
 */
export function repoSummary(fs: Filesystem): Omit<RepoSummary, 'delta'> {
  const table = objectTable(fs)
  const summary = { objects: 0, bytes: 0, unnamed: 0, unnamedBytes: 0 }
  if (!table) return summary
  summary.objects = table.objects
  summary.bytes = table.bytes
  for (const [chunk, { inos, sizes }] of table.byChunk) {
    const inodes = fs.chunks[chunk]
    if (!inodes) continue
    let counted = unnamedMemo.get(inodes)
    if (counted?.table !== table) {
      let count = 0
      let bytes = 0
      inos.forEach((ino, i) => {
        const inode = inodes[(ino - fs.firstIno) % CHUNK]
        // the repo's own name is its only one: no checkout links to it
        if (inode && inode.kind !== 'dir' && inode.nlink === 1) {
          count++
          bytes += sizes[i] as number
        }
      })
      counted = { table, count, bytes }
      unnamedMemo.set(inodes, counted)
    }
    summary.unnamed += counted.count
    summary.unnamedBytes += counted.bytes
  }
  return summary
}

function columnKey(d: DeploymentId): string {
  return `${d.stateroot}/${d.checksum}.${d.serial}`
}

/** The listed deployments, then the folders on disk that no list names (being made, or left). */
function foldersOf(machine: Machine): { id: DeploymentId; listed: DeploymentInfo | null }[] {
  const root = machine.filesystems.root
  if (!root) return []
  const listed = listDeployments(machine)
  const keys = new Set(listed.map(columnKey))
  const deploy = inodeOf(root, inoAt(root, '/ostree/deploy', true) ?? -1)
  const stateroots = deploy?.kind === 'dir' ? namesOf(deploy) : []
  const unlisted = stateroots
    .flatMap((stateroot) => deploymentDirs(root, stateroot))
    .filter((d) => !keys.has(columnKey(d)))
    .map((id) => ({ id, listed: null }))
  // a new folder becomes the staged deployment, listed first: it starts on that side
  return [...unlisted, ...listed.map((d) => ({ id: d, listed: d }))]
}

const objectMemo = new Map<string, string | null>()

/** The content object a commit names at `path`; a commit never changes, so this is remembered. */
function objectOf(fs: Filesystem, commit: string, path: string): string | null {
  const key = `${commit}:${path}`
  let sum = objectMemo.get(key)
  if (sum === undefined) {
    sum = contentChecksumAt(fs, commit, path)
    // only a found object is remembered: a repo missing a tree may get it later
    if (sum !== null) objectMemo.set(key, sum)
  }
  return sum
}

/** Link counts before this step, for the inodes it drew: what the step added or removed. */
function changeOf(previous: Filesystem | undefined, ino: Ino, links: number): InodeNode['change'] {
  if (!previous) return null
  const before = inodeOf(previous, ino)
  if (!before || before.kind === 'dir') return { kind: 'new' }
  const delta = links - linkCount(previous, before)
  return delta === 0 ? null : { kind: 'links', delta }
}

/**
 * The model of the panel for `machine`; `previous` is the machine of the step before, to mark
 * what this step added. Empty when the machine has no deployment folder.
 */
export function hardLinksModel(machine: Machine, previous?: Machine): HardLinksModel {
  const root = machine.filesystems.root
  const folders = foldersOf(machine)
  const empty: HardLinksModel = {
    columns: [],
    bands: [],
    dirs: [],
    repo: { objects: 0, bytes: 0, unnamed: 0, unnamedBytes: 0, delta: 0 },
    union: { inodes: 0, bytes: 0 },
  }
  if (!root) return empty
  const withTrees = folders.flatMap((folder) => {
    const usr = inodeOf(root, inoAt(root, `${deployPath(folder.id)}/usr`) ?? -1)
    return usr?.kind === 'dir' ? [{ ...folder, tree: indexTree(root, usr) }] : []
  })
  if (withTrees.length === 0) return empty
  const sharing = share(
    root,
    withTrees.map((f) => f.tree),
  )
  const before = previous?.filesystems.root
  const beforeKeys = new Map(previous ? foldersOf(previous).map((f) => [columnKey(f.id), f]) : [])
  const columns: Column[] = withTrees.map((folder, i) => {
    const key = columnKey(folder.id)
    const was = beforeKeys.get(key)
    return {
      key,
      id: folder.id,
      listed: folder.listed,
      version: folder.listed?.version ?? null,
      ...(sharing.totals[i] as Sharing['totals'][number]),
      change: !previous
        ? null
        : !was
          ? 'new'
          : was.listed === null && folder.listed !== null
            ? 'listed'
            : null,
    }
  })
  const inodeNode = (ino: Ino, column: number, path: string): InodeNode => {
    const inode = inodeOf(root, ino)
    const links = inode ? linkCount(root, inode) : 0
    const commit = columns[column]?.id.checksum ?? ''
    const sum = objectOf(root, commit, path)
    // the object is this very inode when the checkout made a hard link (reference 2.1)
    const object = sum !== null && inoAt(root, objectPath(sum, 'file')) === ino ? sum : null
    return {
      key: `ino:${ino}`,
      ino,
      size: inode?.kind === 'file' ? inode.size : 0,
      links,
      object,
      names: sharing.names.get(ino) ?? [],
      change: changeOf(before, ino, links),
    }
  }
  const bands: FileBand[] = sharing.bands.map(({ key, reason, at }) => {
    const paths: PathNode[] = []
    const inodes = new Map<Ino, InodeNode>()
    at.forEach((i, column) => {
      const tree = withTrees[column]?.tree
      const col = columns[column]
      if (i === undefined || !tree || !col) return
      const ino = tree.inos[i] as Ino
      const path = tree.paths[i] as string
      const node = inodes.get(ino) ?? inodeNode(ino, column, path)
      inodes.set(ino, node)
      paths.push({
        key: `${col.key}:${path}`,
        column,
        path,
        ino,
        links: node.links,
        added: col.change === 'new',
      })
    })
    return { key, reason, paths, inodes: [...inodes.values()] }
  })
  const repo = repoSummary(root)
  const repoBefore = before ? repoSummary(before) : repo
  return {
    columns,
    bands,
    dirs: sharing.dirs,
    repo: { ...repo, delta: repo.objects - repoBefore.objects },
    union: sharing.union,
  }
}
