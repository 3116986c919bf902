/**
 * The mount namespace as a diagram: an indented tree of mounts (d3-hierarchy), one box per mount,
 * each under the mount its target sits on, as `findmnt` nests them. Positions are plain numbers for
 * React to draw; boxes are keyed by mount id, so a moved mount slides to its new place.
 */
import { interpolateNumber } from 'd3-interpolate'
import { stratify } from 'd3-hierarchy'
import type { Machine, MachineEvent, Mount } from '../../engine/types'
import { deviceOf, mountSource, parentIndexes } from './mountTree'

/** What is mounted, in words: a key of en.json under `mounts.what.` and its parameters. */
export interface MountWhat {
  key:
    | 'mounts.what.physicalRoot'
    | 'mounts.what.deployment'
    | 'mounts.what.deploymentDir'
    | 'mounts.what.stateVar'
    | 'mounts.what.partition'
    | 'mounts.what.memory'
    | 'mounts.what.subtree'
  params: Record<string, string>
}

/** How the step changed a mount: drawn as a word next to it, not by colour alone. */
export type MountChange = 'new' | 'moved' | 'remounted'

export interface DiagramNode {
  /** `mount:<id>`, or `root` for the initramfs's own root, which is not in the table. */
  key: string
  mount: Mount | null
  /** The key of the box this one hangs under, or null for the top. */
  parent: string | null
  depth: number
  x: number
  y: number
  width: number
  /** The target, shortened to fit the box. */
  label: string
  /** `mountSource`, in full: for a tooltip. */
  source: string
  what: MountWhat | null
  change: MountChange | null
  /** 1: read-only, 0: read-write; in between while a remount turns it read-only. */
  ro: number
}

export interface DiagramLink {
  /** The child's key. */
  key: string
  path: string
}

export interface MountDiagram {
  nodes: DiagramNode[]
  width: number
  height: number
}

export const ROW = 48
export const BOX = 40
export const INDENT = 22
/** Width of one character of the diagram's monospace text, as a fraction of the font size. */
const CHAR = 0.62
export const FONT = 13

/** `text`, cut in the middle with an ellipsis to at most `max` characters. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= 1) return '…'
  const head = Math.ceil((max - 1) / 2)
  const tail = max - 1 - head
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`
}

/** A deployment directory name, its checksum shortened: `a54aa4a4….0`. */
function shortDeploy(name: string): string {
  const match = /^([0-9a-f]{64})\.(\d+)$/.exec(name)
  return match ? `${(match[1] as string).slice(0, 8)}….${match[2] as string}` : name
}

/** What a mount shows, from its filesystem and bind subtree (reference 1.2, 5.2). */
export function describeMount(machine: Machine, mount: Mount): MountWhat {
  const device = deviceOf(machine, mount.filesystem)
  if (!device) return { key: 'mounts.what.memory', params: { fstype: mount.fstype } }
  if (mount.subtree === '/') {
    return mount.filesystem === 'root'
      ? { key: 'mounts.what.physicalRoot', params: { device } }
      : { key: 'mounts.what.partition', params: { device } }
  }
  const deploy = /^\/ostree\/deploy\/([^/]+)\/deploy\/([^/]+)(?:\/(.+))?$/.exec(mount.subtree)
  if (deploy) {
    const name = shortDeploy(deploy[2] as string)
    return deploy[3] === undefined
      ? { key: 'mounts.what.deployment', params: { name } }
      : { key: 'mounts.what.deploymentDir', params: { dir: deploy[3], name } }
  }
  const state = /^\/ostree\/deploy\/([^/]+)\/var$/.exec(mount.subtree)
  if (state) return { key: 'mounts.what.stateVar', params: { stateroot: state[1] as string } }
  return { key: 'mounts.what.subtree', params: { subtree: mount.subtree, device } }
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`)

/** Which mounts the step's event changed, and how. */
export function mountChanges(
  event: MachineEvent | undefined,
): (mount: Mount) => MountChange | null {
  switch (event?.type) {
    case 'mount/mounted':
    case 'mount/bound':
      return (m) => (m.target === event.target ? 'new' : null)
    case 'mount/remounted':
      return (m) => (m.target === event.target ? 'remounted' : null)
    case 'mount/moved':
      return (m) => (under(m.target, event.to) ? 'moved' : null)
    case 'boot/switchedRoot':
      return (m) => (m.target !== '/run' && !under(m.target, '/run') ? 'moved' : null)
  }
  return () => null
}

interface Datum {
  key: string
  parent: string | null
  mount: Mount | null
}

/**
 * Lays out `mounts` (in the order they were made) in a box `width` wide. Before switch-root there
 * is no `/` mount: the mounts of the initramfs then hang under a box for its own root.
 */
export function mountDiagram(
  machine: Machine,
  mounts: readonly Mount[],
  width: number,
  event?: MachineEvent,
): MountDiagram {
  const parents = parentIndexes(mounts.map((m) => m.target))
  const hasRoot = mounts.some((m) => m.target === '/')
  const keyOf = (m: Mount) => `mount:${m.id}`
  const data: Datum[] = mounts.map((mount, i) => {
    const parent = mounts[parents[i] ?? -1]
    return { key: keyOf(mount), parent: parent ? keyOf(parent) : 'root', mount }
  })
  data.unshift({ key: 'root', parent: null, mount: null })
  const root = stratify<Datum>()
    .id((d) => d.key)
    .parentId((d) => d.parent)(data)
  const changeOf = mountChanges(event)
  const nodes: DiagramNode[] = []
  const skip = hasRoot ? 1 : 0 // the `/` mount stands in for the initramfs root once it exists
  root.eachBefore((node) => {
    const { mount } = node.data
    if (hasRoot && !mount) return
    const depth = Math.max(0, node.depth - skip)
    const x = depth * INDENT
    const boxWidth = Math.max(120, width - x - 1)
    const maxChars = Math.floor((boxWidth - 70) / (FONT * CHAR))
    const parent = node.parent?.data.key ?? null
    nodes.push({
      key: node.data.key,
      mount,
      parent: hasRoot && parent === 'root' ? null : parent,
      depth,
      x,
      y: nodes.length * ROW,
      width: boxWidth,
      label: mount ? fitText(mount.target, maxChars) : '/',
      source: mount ? mountSource(machine, mount) : '',
      what: mount ? describeMount(machine, mount) : null,
      change: mount ? changeOf(mount) : null,
      ro: mount?.readOnly ? 1 : 0,
    })
  })
  return { nodes, width, height: nodes.length === 0 ? 0 : nodes.length * ROW - (ROW - BOX) }
}

/** The lines from each box to the box it hangs under. */
export function diagramLinks(nodes: readonly DiagramNode[]): DiagramLink[] {
  const byKey = new Map(nodes.map((n) => [n.key, n]))
  return nodes.flatMap((child) => {
    const parent = child.parent === null ? undefined : byKey.get(child.parent)
    return parent ? [{ key: child.key, path: linkPath(parent, child) }] : []
  })
}

/** An elbow from under the parent's left edge down to the middle of the child's left side. */
export function linkPath(
  parent: Pick<DiagramNode, 'x' | 'y'>,
  child: Pick<DiagramNode, 'x' | 'y'>,
) {
  const x = parent.x + INDENT / 2
  return `M${x},${parent.y + BOX}V${child.y + BOX / 2}H${child.x}`
}

/**
 * Eases one diagram into another: boxes present in both slide and resize; a new mount drops out
 * of the box it hangs under to its place, so the stack is seen being built mount by mount; a
 * remount's read-only hatching and padlock come in by degrees.
 */
export function interpolateDiagram(from: MountDiagram, to: MountDiagram) {
  const before = new Map(from.nodes.map((n) => [n.key, n]))
  const after = new Map(to.nodes.map((n) => [n.key, n]))
  const tracks = to.nodes.map((n) => {
    // new: it starts where its parent stands (or will stand, if the parent is new too)
    const parent = n.parent === null ? undefined : (before.get(n.parent) ?? after.get(n.parent))
    const old = before.get(n.key) ?? (parent ? { ...n, y: parent.y } : n)
    return {
      node: n,
      x: interpolateNumber(old.x, n.x),
      y: interpolateNumber(old.y, n.y),
      width: interpolateNumber(old.width, n.width),
      ro: interpolateNumber(old.ro, n.ro),
    }
  })
  const height = interpolateNumber(from.height, to.height)
  return (t: number): MountDiagram => {
    if (t >= 1) return to
    const nodes = tracks.map(({ node, x, y, width, ro }) => ({
      ...node,
      x: x(t),
      y: y(t),
      width: width(t),
      ro: ro(t),
    }))
    // never shorter than the end, so a box sliding down is not cut off
    return { nodes, width: to.width, height: Math.max(height(t), to.height) }
  }
}
