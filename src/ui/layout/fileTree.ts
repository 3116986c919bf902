/**
 * The rows of a collapsible file tree: d3-hierarchy walks the expanded directories of one
 * filesystem, in `ls` order. Only expanded directories are read, and a long directory lists a
 * page of its entries, so a tree of 20,000 files costs what is on screen.
 */
import { hierarchy, type HierarchyNode } from 'd3-hierarchy'
import { inodeOf } from '../../engine/fs'
import type { DirInode, Filesystem, Ino, Inode } from '../../engine/types'

export interface EntryRow {
  kind: 'entry'
  /** `fsKey:/path`, the form of `Step.touched`; stable across steps, so React keeps the row. */
  key: string
  path: string
  name: string
  depth: number
  ino: Ino
  inode: Inode
  expanded: boolean
  /** This step created, changed or removed this path. */
  touched: boolean
  /** Something below this directory was touched. */
  holdsTouched: boolean
}

/** Stands for the children a long directory does not list. */
export interface MoreRow {
  kind: 'more'
  key: string
  /** The directory whose entries these are. */
  dir: string
  depth: number
  /** How many entries it lists now. */
  shown: number
  count: number
}

export type TreeRow = EntryRow | MoreRow

export interface TouchIndex {
  paths: ReadonlySet<string>
  /** Directories that hold a touched path: these open by themselves. */
  ancestors: ReadonlySet<string>
}

/** How many touched paths open their directories; a step that touches thousands opens a few. */
const OPEN_FOR_TOUCHED = 24

/** Splits `Step.touched` (`fsKey:/path`) down to the paths of one filesystem. */
export function touchIndex(touched: readonly string[], fsKey: string): TouchIndex {
  const paths = new Set<string>()
  const ancestors = new Set<string>()
  const prefix = `${fsKey}:`
  for (const item of touched) {
    if (!item.startsWith(prefix)) continue
    const path = item.slice(prefix.length) || '/'
    paths.add(path)
    if (paths.size > OPEN_FOR_TOUCHED) continue
    const parts = path.split('/').filter(Boolean)
    for (let i = 0; i < parts.length; i++) ancestors.add('/' + parts.slice(0, i).join('/'))
  }
  return { paths, ancestors }
}

interface Datum {
  name: string
  path: string
  ino: Ino
  inode: Inode
  more?: number
  dir?: string
}

export interface TreeOptions {
  fsKey: string
  touched: TouchIndex
  /** Directories the reader opened (true) or closed (false); others follow `touched`. */
  overrides: ReadonlyMap<string, boolean>
  /** Children listed per directory before a "more" row (touched ones are always listed). */
  maxChildren?: number
  /** Directories the reader asked to list further: how many children to list in each. */
  limits?: ReadonlyMap<string, number>
  /** Directories open until the reader closes them (see `landmarks`). */
  openByDefault?: (path: string) => boolean
}

/**
 * The directories worth seeing without a click, by filesystem: on the physical root the repo,
 * the stateroots and their deployments; on /boot the active and inactive `loader.N/entries` and
 * the kernels (reference 1.2, 1.4). Deployment trees themselves stay closed: they are big.
 */
const LANDMARKS: Readonly<Record<string, RegExp>> = {
  root: /^\/ostree(\/repo|\/deploy(\/[^/]+(\/deploy)?)?)?$/,
  boot: /^\/(loader\.[01](\/entries)?|ostree)$/,
}

export function landmarks(fsKey: string): (path: string) => boolean {
  const pattern = LANDMARKS[fsKey]
  return (path) => pattern?.test(path) ?? false
}

/** Children a directory lists before a "more" row, unless the reader asks for more. */
export const PAGE = 60

const sortedNames = new WeakMap<DirInode, readonly string[]>()

/** A directory's names in `ls` order. Cached per directory value: steps share unchanged ones. */
export function namesOf(dir: DirInode): readonly string[] {
  let names = sortedNames.get(dir)
  if (!names) {
    names = Object.keys(dir.entries).sort()
    sortedNames.set(dir, names)
  }
  return names
}

function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`
}

export function isOpen(path: string, options: TreeOptions): boolean {
  return (
    options.overrides.get(path) ??
    (path === '/' ||
      options.touched.ancestors.has(path) ||
      (options.openByDefault?.(path) ?? false))
  )
}

export function treeRows(fs: Filesystem, options: TreeOptions): TreeRow[] {
  const { fsKey, touched } = options
  const page = options.maxChildren ?? PAGE
  const rootInode = inodeOf(fs, fs.rootIno)
  if (!rootInode) return []

  const children = (datum: Datum): Datum[] | undefined => {
    if (datum.inode.kind !== 'dir' || datum.more !== undefined || !isOpen(datum.path, options))
      return undefined
    const dir = datum.inode
    const maxChildren = options.limits?.get(datum.path) ?? page
    const listed: Datum[] = []
    let hidden = 0
    for (const name of namesOf(dir)) {
      const path = childPath(datum.path, name)
      const keep =
        listed.length < maxChildren || touched.paths.has(path) || touched.ancestors.has(path)
      if (!keep) {
        hidden++
        continue
      }
      const ino = dir.entries[name] as Ino // an own key: it came from Object.keys
      const inode = inodeOf(fs, ino)
      if (inode) listed.push({ name, path, ino, inode })
    }
    if (hidden > 0)
      listed.push({ ...datum, name: '', path: `${datum.path}/…`, more: hidden, dir: datum.path })
    return listed
  }

  const root = hierarchy<Datum>(
    { name: '/', path: '/', ino: fs.rootIno, inode: rootInode },
    children,
  )
  const rows: TreeRow[] = []
  root.eachBefore((node: HierarchyNode<Datum>) => {
    const d = node.data
    if (d.more !== undefined) {
      const shown = (node.parent?.children?.length ?? 1) - 1
      rows.push({
        kind: 'more',
        key: `${fsKey}:${d.path}`,
        dir: d.dir ?? '/',
        depth: node.depth,
        shown,
        count: d.more,
      })
      return
    }
    rows.push({
      kind: 'entry',
      key: `${fsKey}:${d.path}`,
      path: d.path,
      name: d.name,
      depth: node.depth,
      ino: d.ino,
      inode: d.inode,
      expanded: d.inode.kind === 'dir' && isOpen(d.path, options),
      touched: touched.paths.has(d.path),
      holdsTouched: touched.ancestors.has(d.path),
    })
  })
  return rows
}

/** The objects of an ostree repo, counted by type: what `objects/` holds without listing it. */
export interface ObjectCounts {
  /** The two-hex-digit folders (`00` to `ff`). */
  folders: number
  total: number
  /** By file extension: `commit`, `dirtree`, `dirmeta`, `file`. */
  byType: Readonly<Record<string, number>>
}

const folderCounts = new WeakMap<DirInode, Readonly<Record<string, number>>>()

function countByType(dir: DirInode): Readonly<Record<string, number>> {
  let counts = folderCounts.get(dir)
  if (!counts) {
    const tally: Record<string, number> = {}
    for (const name of Object.keys(dir.entries)) {
      const dot = name.lastIndexOf('.')
      const type = dot < 0 ? '' : name.slice(dot + 1)
      tally[type] = (tally[type] ?? 0) + 1
    }
    counts = tally
    folderCounts.set(dir, counts)
  }
  return counts
}

/** A bare repo keeps objects as `objects/<2 hex>/<62 hex>.<type>` (reference 1.3). */
export function isObjectsDir(path: string): boolean {
  return /(^|\/)repo\/objects$/.test(path)
}

/**
 * The objects under an `objects/` directory, by type. Each folder is counted once per value and
 * cached (a folder changes only when an object lands in it), so a new step costs its new folders.
 */
export function objectCounts(fs: Filesystem, objects: DirInode): ObjectCounts {
  const byType: Record<string, number> = {}
  let folders = 0
  let total = 0
  for (const ino of Object.values(objects.entries)) {
    const folder = inodeOf(fs, ino)
    if (folder?.kind !== 'dir') continue
    folders++
    for (const [type, n] of Object.entries(countByType(folder))) {
      byType[type] = (byType[type] ?? 0) + n
      total += n
    }
  }
  return { folders, total, byType }
}
