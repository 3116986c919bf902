import { describe, expect, it } from 'vitest'
import { loaderState } from '../../engine'
import type { Step } from '../../engine/types'
import { atomicUpgrade } from '../../scenarios/atomicUpgrade'
import { runTour } from '../../scenarios/run'
import {
  DIR_HEIGHT,
  interpolateLoader,
  linkArrow,
  loaderDiagram,
  type LoaderDiagram,
} from './loaderDiagram'

const steps: Step[] = runTour(atomicUpgrade, { scale: 20 })
const last = (type: Step['event']['type']) => steps.findLastIndex((s) => s.event.type === type)
const pictureAt = (index: number, before?: LoaderDiagram) => {
  const state = loaderState(steps[index]!.machine)
  if (!state) throw new Error(`no /boot at step ${index}`)
  return loaderDiagram(state, before)
}
const link = (d: LoaderDiagram, name: string) => d.links.find((l) => l.name === name)!
const dir = (d: LoaderDiagram, name: string) => d.dirs.find((l) => l.name === name)!

describe('loader diagram', () => {
  const swap = last('bootloader/loaderSwapped')
  const before = pictureAt(swap - 1)
  const after = pictureAt(swap, before)

  it('[3.3] points /boot/loader and /boot/loader.tmp at the folders they name', () => {
    const { loader, tmp } = loaderState(steps[swap - 1]!.machine)!
    expect(loader).not.toBe(tmp)
    const middleOf = (d: LoaderDiagram, name: string | null) =>
      dir(d, name ?? '').y + DIR_HEIGHT / 2
    expect(link(before, 'loader').to).toBe(middleOf(before, loader))
    expect(link(before, 'loader.tmp').to).toBe(middleOf(before, tmp))
    expect(link(before, 'loader.tmp').present).toBe(1)
    // the rename: /boot/loader names what loader.tmp named, and loader.tmp is gone
    expect(link(after, 'loader').to).toBe(middleOf(after, tmp))
    expect(link(after, 'loader.tmp').present).toBe(0)
  })

  it('swings the arrow through the space between the two folders', () => {
    const tween = interpolateLoader(before, after)
    const [from, to] = [link(before, 'loader').to, link(after, 'loader').to]
    const half = link(tween(0.5), 'loader').to
    expect(half).toBeGreaterThan(Math.min(from, to))
    expect(half).toBeLessThan(Math.max(from, to))
    expect(tween(1)).toBe(after)
    // the arrow is a curve from the name to the folder's side
    expect(linkArrow(link(tween(0.5), 'loader'))).toMatch(/^M[\d.]+,[\d.]+C/)
  })

  it('[3.3] fades the folder cleanup removes, keeping its slot and entry count', () => {
    const removed = last('cleanup/bootversionRemoved')
    const was = pictureAt(removed - 1)
    const now = pictureAt(removed, was)
    const gone = now.dirs.find((d) => d.present === 0)!
    expect(dir(was, gone.name).present).toBe(1)
    expect(gone.entries).toBe(dir(was, gone.name).entries)
    expect(gone.y).toBe(dir(was, gone.name).y)
    const fading = dir(interpolateLoader(was, now)(0.5), gone.name).present
    expect(fading).toBeGreaterThan(0)
    expect(fading).toBeLessThan(1)
  })
})
