/**
 * /boot's two loader folders and the symlinks that name them, as a small picture: `loader.0` and
 * `loader.1` in fixed slots on the right, `/boot/loader` (what GRUB reads) and, while an update is
 * being written, `/boot/loader.tmp` on the left, each with an arrow to its folder. The slots do not
 * move, so the rename that swaps the bootloader config is an arrow swinging from one folder to the
 * other, and a folder that cleanup removes fades where it stood (reference 3.2, 3.3).
 * Plain numbers for React to draw; `interpolateLoader` eases one step's picture into the next.
 */
import { interpolateNumber } from 'd3-interpolate'
import { linkHorizontal } from 'd3-shape'
import type { LoaderState } from '../../engine'

export const LOADER_DIRS = ['loader.0', 'loader.1'] as const
export const LOADER_LINKS = ['loader', 'loader.tmp'] as const
export type DirName = (typeof LOADER_DIRS)[number]
export type LinkName = (typeof LOADER_LINKS)[number]

/** A box's height, the distance between slots, the picture's width and its columns. */
export const DIR_HEIGHT = 34
const SLOT = 44
export const LOADER_WIDTH = 360
export const LINKS_WIDTH = 136
export const DIRS_X = 218

export interface PlacedDir {
  name: DirName
  y: number
  /** 1: the folder exists; 0: an empty slot, drawn as an outline. In between while it goes. */
  present: number
  /** Its BLS entries, for the box's second line (the last step's while it fades). */
  entries: number
}

export interface PlacedLink {
  name: LinkName
  y: number
  /** The y of the middle of the folder it names: moving, it is the arrow swinging. */
  to: number
  /** 1: the symlink exists; 0: it does not. */
  present: number
}

export interface LoaderDiagram {
  dirs: PlacedDir[]
  links: PlacedLink[]
  height: number
}

const slotY = (index: number) => 4 + index * SLOT
const middle = (index: number) => slotY(index) + DIR_HEIGHT / 2

/**
 * The picture of `state`; a symlink that does not exist keeps the place it would point at in
 * `before` (so it fades where it was rather than jumping).
 * @example loaderDiagram({ loader: 'loader.1', tmp: null, dirs }).links[0].to // middle of slot 1
 */
export function loaderDiagram(state: LoaderState, before?: LoaderDiagram): LoaderDiagram {
  const dirs = LOADER_DIRS.map((name, index): PlacedDir => {
    const dir = state.dirs.find((d) => d.name === name)
    const was = before?.dirs.find((d) => d.name === name)
    return {
      name,
      y: slotY(index),
      present: dir ? 1 : 0,
      entries: dir?.entries.length ?? was?.entries ?? 0,
    }
  })
  const links = LOADER_LINKS.map((name, index): PlacedLink => {
    const target = name === 'loader' ? state.loader : state.tmp
    const slot = LOADER_DIRS.findIndex((dir) => dir === target)
    const was = before?.links.find((l) => l.name === name)
    return {
      name,
      y: middle(index),
      to: slot >= 0 ? middle(slot) : (was?.to ?? middle(index)),
      present: slot >= 0 ? 1 : 0,
    }
  })
  return { dirs, links, height: slotY(LOADER_DIRS.length) - SLOT + DIR_HEIGHT + 8 }
}

const arrow = linkHorizontal<
  { source: [number, number]; target: [number, number] },
  [number, number]
>()

/** The arrow of a symlink, from the end of its name to the left side of its folder. */
export function linkArrow(link: PlacedLink): string {
  return arrow({ source: [LINKS_WIDTH + 6, link.y], target: [DIRS_X - 4, link.to] }) ?? ''
}

/**
 * Eases `from` into `to`: every slot and symlink is in both (they are fixed), so each number
 * moves on its own: an arrow's end swings, a folder fades in or out.
 */
export function interpolateLoader(from: LoaderDiagram, to: LoaderDiagram) {
  const dirs = to.dirs.map((dir, i) => {
    const present = interpolateNumber(from.dirs[i]?.present ?? dir.present, dir.present)
    return (t: number): PlacedDir => ({ ...dir, present: present(t) })
  })
  const links = to.links.map((link, i) => {
    const old = from.links[i] ?? link
    const end = interpolateNumber(old.to, link.to)
    const present = interpolateNumber(old.present, link.present)
    return (t: number): PlacedLink => ({ ...link, to: end(t), present: present(t) })
  })
  return (t: number): LoaderDiagram =>
    t >= 1
      ? to
      : { dirs: dirs.map((dir) => dir(t)), links: links.map((link) => link(t)), height: to.height }
}
