/**
 * The rows of a collapsible file tree: d3-hierarchy walks the expanded directories of one
 * filesystem, in `ls` order. Only expanded directories are read, so a tree of 20,000 files costs
 * what is on screen.
 */
import { hierarchy, type HierarchyNode } from 'd3-hierarchy'
import { inodeOf } from '../../engine'
import type { Filesystem, Ino, Inode } from '../../engine/types'

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
  depth: number
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
}

export interface TreeOptions {
  fsKey: string
  touched: TouchIndex
  /** Directories the reader opened (true) or closed (false); others follow `touched`. */
  overrides: ReadonlyMap<string, boolean>
  /** Children listed per directory before a "more" row (touched ones are always listed). */
  maxChildren?: number
}

function childPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`
}

export function isOpen(path: string, options: TreeOptions): boolean {
  return options.overrides.get(path) ?? (path === '/' || options.touched.ancestors.has(path))
}

export function treeRows(fs: Filesystem, options: TreeOptions): TreeRow[] {
  const { fsKey, touched } = options
  const maxChildren = options.maxChildren ?? 60
  const rootInode = inodeOf(fs, fs.rootIno)
  if (!rootInode) return []

  const children = (datum: Datum): Datum[] | undefined => {
    if (datum.inode.kind !== 'dir' || datum.more !== undefined || !isOpen(datum.path, options))
      return undefined
    const dir = datum.inode
    const listed: Datum[] = []
    let hidden = 0
    for (const name of Object.keys(dir.entries).sort()) {
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
    if (hidden > 0) listed.push({ ...datum, name: '', path: `${datum.path}/…`, more: hidden })
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
      rows.push({ kind: 'more', key: `${fsKey}:${d.path}`, depth: node.depth, count: d.more })
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
