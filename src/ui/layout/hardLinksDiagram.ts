/**
 * Where the Hard links panel draws things: the paths of each deployment in columns on the sides,
 * the inodes (the repo's objects) in the middle, one band per file that matters. Within a band a
 * path sits level with the inode it names, so an unchanged file reads as two straight links into
 * one inode and a changed file as two inodes, one per side. Plain numbers for React to draw; nodes
 * are keyed by path and inode, so a node moves from step to step instead of being redrawn.
 */
import { interpolateNumber } from 'd3-interpolate'
import { scaleLinear } from 'd3-scale'
import { linkHorizontal } from 'd3-shape'
import type { FileBand, HardLinksModel, InodeNode, PathNode } from './hardLinks'

/** Height of a node (two lines of text), the distance between rows, a line of a band's title. */
export const NODE = 36
export const ROW = 44
export const TITLE = 18
const BAND_GAP = 12
/** One line of a column's header. */
export const HEADER_LINE = 16

export interface PlacedPath {
  key: string
  node: PathNode
  band: string
  /** The inode node this path links to. */
  target: string
  side: 'left' | 'right'
  /** Its side holds several columns: the node says which one it belongs to. */
  marked: boolean
  x: number
  y: number
  width: number
}

export interface PlacedInode {
  /** `<band key>|<inode key>`: an inode drawn in two bands is two nodes. */
  key: string
  node: InodeNode
  /** The link count drawn: the node's, or on its way there while the step eases in. */
  links: number
  x: number
  y: number
  width: number
}

export interface PlacedTitle {
  key: string
  band: FileBand
  x: number
  y: number
  width: number
}

export interface PlacedHeader {
  /** Column indexes of the model, top to bottom. */
  columns: number[]
  side: 'left' | 'right'
  x: number
  width: number
}

export interface HardLinksDiagram {
  width: number
  height: number
  /** Lines of each column's header: two, or up to four when compact. */
  headerLines: number
  /**
   * Too narrow for long lines: an inode's link count goes under its number instead of its object
   * name, and a band's reason under its path.
   */
  compact: boolean
  middle: { x: number; width: number }
  /** Where the first band starts, under the columns' headers. */
  top: number
  headers: PlacedHeader[]
  titles: PlacedTitle[]
  paths: PlacedPath[]
  inodes: PlacedInode[]
}

/** Below this width an inode node keeps to its number and link count, one per line. */
const WIDE_INODE = 150

/**
 * Lays out the bands of `model` in `width` pixels. The first half of the columns (rounded up) is
 * drawn on the left, the rest on the right; with one column the inodes sit on its right.
 */
export function placeHardLinks(model: HardLinksModel, width: number): HardLinksDiagram {
  const n = model.columns.length
  const split = Math.ceil(n / 2)
  const sides = n > 1 ? 2 : 1
  const clamp = (lo: number, v: number, hi: number) => Math.max(lo, Math.min(hi, v))
  const gap = clamp(8, width * 0.035, 90)
  const midWidth = clamp(100, width * 0.28, 240)
  const compact = midWidth < WIDE_INODE
  // narrow: name, version, flags and what the step did, each on its own line
  const headerLines = !compact ? 2 : model.columns.some((c) => c.change) ? 4 : 3
  const titleHeight = (compact ? 2 : 1) * TITLE
  const sideWidth = clamp(80, (width - midWidth - sides * gap) / sides, 320)
  const total = sides * sideWidth + midWidth + sides * gap
  const left = Math.max(0, (width - total) / 2)
  const middleX = left + sideWidth + gap
  const rightX = middleX + midWidth + gap
  const sideOf = (column: number): 'left' | 'right' => (column < split ? 'left' : 'right')
  const headers: PlacedHeader[] = [
    {
      columns: model.columns.slice(0, split).map((_, i) => i),
      side: 'left',
      x: left,
      width: sideWidth,
    },
  ]
  if (sides === 2)
    headers.push({
      columns: model.columns.slice(split).map((_, i) => split + i),
      side: 'right',
      x: rightX,
      width: sideWidth,
    })
  // two lines for the middle's own header
  const lines = Math.max(2, ...headers.map((h) => h.columns.length * headerLines))
  const top = lines * HEADER_LINE + 8

  const titles: PlacedTitle[] = []
  const paths: PlacedPath[] = []
  const inodes: PlacedInode[] = []
  let y = top
  for (const band of model.bands) {
    titles.push({ key: band.key, band, x: left, y, width: total })
    const rowsTop = y + titleHeight
    const rowOf = new Map(band.inodes.map((inode, row) => [inode.ino, row]))
    let rows = band.inodes.length
    for (const side of ['left', 'right'] as const) {
      // each path level with its inode, pushed down where two would share a row
      let next = 0
      const mine = band.paths
        .filter((p) => sideOf(p.column) === side)
        .sort((a, b) => (rowOf.get(a.ino) ?? 0) - (rowOf.get(b.ino) ?? 0) || a.column - b.column)
      for (const node of mine) {
        const row = Math.max(rowOf.get(node.ino) ?? 0, next)
        next = row + 1
        paths.push({
          key: node.key,
          node,
          band: band.key,
          target: `${band.key}|ino:${node.ino}`,
          side,
          marked: (side === 'left' ? split : n - split) > 1,
          x: side === 'left' ? left : rightX,
          y: rowsTop + row * ROW,
          width: sideWidth,
        })
      }
      rows = Math.max(rows, next)
    }
    band.inodes.forEach((node, row) => {
      inodes.push({
        key: `${band.key}|${node.key}`,
        node,
        links: node.links,
        x: middleX,
        y: rowsTop + row * ROW,
        width: midWidth,
      })
    })
    y = rowsTop + rows * ROW - (ROW - NODE) + BAND_GAP
  }
  return {
    width,
    height: y,
    headerLines,
    compact,
    middle: { x: middleX, width: midWidth },
    top,
    headers,
    titles,
    paths,
    inodes,
  }
}

const link = linkHorizontal<
  { source: [number, number]; target: [number, number] },
  [number, number]
>()

/** The curve from a path's inner edge to the facing edge of its inode. */
export function linkPath(path: PlacedPath, inode: PlacedInode): string {
  const from: [number, number] =
    path.side === 'left' ? [path.x + path.width, path.y + NODE / 2] : [path.x, path.y + NODE / 2]
  const to: [number, number] =
    path.side === 'left'
      ? [inode.x, inode.y + NODE / 2]
      : [inode.x + inode.width, inode.y + NODE / 2]
  return link({ source: from, target: to }) ?? ''
}

/**
 * What a path node says on its first line: the file name, or from the kernel version on when the
 * band stands for several paths (`6.5.11-300.fc39.x86_64/vmlinuz`) and there is room for it.
 */
export function pathLabel(bandKey: string, path: string, compact: boolean): string {
  if (bandKey === path || compact) return path.slice(path.lastIndexOf('/') + 1)
  const star = bandKey.indexOf('*')
  return star < 0 ? path : path.slice(star)
}

interface Box {
  x: number
  y: number
  width: number
}

/** A box's place from `from` to `to`, as a function of time. */
function easeBox(from: Box, to: Box): (t: number) => Box {
  const x = interpolateNumber(from.x, to.x)
  const y = interpolateNumber(from.y, to.y)
  const width = interpolateNumber(from.width, to.width)
  return (t) => ({ x: x(t), y: y(t), width: width(t) })
}

/**
 * Eases one diagram into the next: nodes in both slide and resize; a path new at this step grows
 * out of its inode's side to its column, as the checkout's hard link is made, while the inode's
 * link count counts up to its new value; the height never shrinks below the end's while things
 * slide.
 */
export function interpolateHardLinks(from: HardLinksDiagram, to: HardLinksDiagram) {
  // the headers are drawn where they end: what was under them starts as far below them
  const shift = to.top - from.top
  const was = <T extends Box & { key: string }>(before: readonly T[]) => {
    const byKey = new Map(before.map((n) => [n.key, n]))
    return (key: string): T | undefined => {
      const old = byKey.get(key)
      return old && { ...old, y: old.y + shift }
    }
  }
  const inodeAt = new Map(to.inodes.map((n) => [n.key, n]))
  const oldPath = was(from.paths)
  const paths = to.paths.map((n) => {
    const inode = inodeAt.get(n.target)
    // new: a box of no width at the inode's facing edge
    const edge = inode ? (n.side === 'left' ? inode.x : inode.x + inode.width) : n.x
    const box = easeBox(oldPath(n.key) ?? { x: edge, y: n.y, width: inode ? 0 : n.width }, n)
    return (t: number): PlacedPath => ({ ...n, ...box(t) })
  })
  const oldInode = was(from.inodes)
  const inodes = to.inodes.map((n) => {
    const old = oldInode(n.key) ?? n
    const box = easeBox(old, n)
    const links = interpolateNumber(old.links, n.links)
    return (t: number): PlacedInode => ({ ...n, ...box(t), links: Math.round(links(t)) })
  })
  const oldTitle = was(from.titles)
  const titles = to.titles.map((n) => {
    const box = easeBox(oldTitle(n.key) ?? n, n)
    return (t: number): PlacedTitle => ({ ...n, ...box(t) })
  })
  const height = interpolateNumber(from.height + shift, to.height)
  return (t: number): HardLinksDiagram =>
    t >= 1
      ? to
      : {
          ...to,
          paths: paths.map((p) => p(t)),
          inodes: inodes.map((n) => n(t)),
          titles: titles.map((n) => n(t)),
          height: Math.max(height(t), to.height),
        }
}

/** The bars of bytes shared and unique: one scale for every column, so lengths compare. */
export function spaceScale(model: HardLinksModel): (bytes: number) => number {
  const most = Math.max(1, ...model.columns.map((c) => c.bytes))
  return scaleLinear().domain([0, most]).range([0, 100]).clamp(true)
}
