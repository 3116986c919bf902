import { describe, expect, it } from 'vitest'
import type { Step } from '../../engine/types'
import { discover } from '../../scenarios/discover'
import { runTour } from '../../scenarios/run'
import { hardLinksModel } from './hardLinks'
import {
  interpolateHardLinks,
  linkPath,
  NODE,
  pathLabel,
  placeHardLinks,
  type HardLinksDiagram,
} from './hardLinksDiagram'

const steps: Step[] = runTour(discover, { scale: 60 })
const staged = steps.findIndex((s) => s.event.type === 'deployment/staged')
const model = hardLinksModel(steps[staged]!.machine)
const single = hardLinksModel(steps.find((s) => s.event.type === 'deployment/checkedOut')!.machine)

const inBand = (d: HardLinksDiagram, band: string) => ({
  paths: d.paths.filter((p) => p.band === band),
  inodes: d.inodes.filter((n) => n.key.startsWith(`${band}|`)),
})

describe('hard links diagram', () => {
  it('draws a shared inode level with both its paths, between the two columns', () => {
    const d = placeHardLinks(model, 900)
    const { paths, inodes } = inBand(d, '/usr/bin/ls')
    expect(inodes).toHaveLength(1)
    expect(paths.map((p) => p.side)).toEqual(['left', 'right'])
    expect(paths.map((p) => p.y)).toEqual([inodes[0]!.y, inodes[0]!.y])
    expect(paths[0]!.x + paths[0]!.width).toBeLessThan(inodes[0]!.x)
    expect(inodes[0]!.x + inodes[0]!.width).toBeLessThan(paths[1]!.x)
  })

  it('draws a changed file as two inodes, each level with the path naming it', () => {
    const d = placeHardLinks(model, 900)
    const { paths, inodes } = inBand(d, '/usr/bin/bash')
    expect(inodes).toHaveLength(2)
    for (const path of paths) {
      const target = inodes.find((n) => n.key === path.target)
      expect(target?.y).toBe(path.y)
      expect(linkPath(path, target!)).toMatch(/^M/)
    }
    expect(inodes[1]!.y - inodes[0]!.y).toBeGreaterThanOrEqual(NODE)
  })

  it('keeps every node inside the width, and no two nodes of a column on top of each other', () => {
    for (const width of [320, 600, 1240]) {
      const d = placeHardLinks(model, width)
      for (const n of [...d.paths, ...d.inodes]) {
        expect(n.x).toBeGreaterThanOrEqual(0)
        expect(n.x + n.width).toBeLessThanOrEqual(width)
      }
      for (const x of new Set([...d.paths, ...d.inodes].map((n) => n.x))) {
        const ys = [...d.paths, ...d.inodes]
          .filter((n) => n.x === x)
          .map((n) => n.y)
          .sort((a, b) => a - b)
        ys.slice(1).forEach((y, i) => expect(y - ys[i]!).toBeGreaterThanOrEqual(NODE))
      }
      expect(d.height).toBeGreaterThan(Math.max(...d.paths.map((p) => p.y)))
    }
    expect(placeHardLinks(model, 320).compact).toBe(true)
    expect(placeHardLinks(model, 1240).compact).toBe(false)
  })

  it('puts the inodes on the right of a single deployment', () => {
    const d = placeHardLinks(single, 900)
    expect(new Set(d.paths.map((p) => p.side))).toEqual(new Set(['left']))
    expect(d.headers).toHaveLength(1)
  })

  it('eases from one step to the next and ends exactly on the target', () => {
    const a = placeHardLinks(single, 900)
    const b = placeHardLinks(model, 900)
    const tween = interpolateHardLinks(a, b)
    expect(tween(1)).toBe(b)
    const half = tween(0.5)
    const moved = half.paths.find((p) => a.paths.some((q) => q.key === p.key))
    expect(moved).toBeDefined()
    expect(half.height).toBeGreaterThanOrEqual(b.height)
  })

  it('grows a new hard link out of its inode while the link count rises', () => {
    // the upgrade's checkout: the last one before the update is staged
    const upgrade = steps.findLastIndex(
      (s, i) => i < staged && s.event.type === 'deployment/checkedOut',
    )
    const a = placeHardLinks(hardLinksModel(steps[upgrade - 1]!.machine), 900)
    const b = placeHardLinks(hardLinksModel(steps[upgrade]!.machine), 900)
    const ls = (d: HardLinksDiagram) => inBand(d, '/usr/bin/ls')
    const [lsBefore] = ls(a).inodes
    const [lsAfter] = ls(b).inodes
    expect(lsAfter!.links).toBe(lsBefore!.links + 1)
    const added = ls(b).paths.find((p) => !ls(a).paths.some((q) => q.key === p.key))!
    const tween = interpolateHardLinks(a, b)
    const at = (t: number) => ({
      path: ls(tween(t)).paths.find((p) => p.key === added.key)!,
      links: ls(tween(t)).inodes[0]!.links,
    })
    // it starts as a box of no width at the inode, and ends at its column
    expect(at(0).path.width).toBe(0)
    expect(at(0.25).path.width).toBeGreaterThan(0)
    expect(at(0.25).path.width).toBeLessThan(added.width)
    expect(at(1).path).toEqual(added)
    expect(at(0.1).links).toBe(lsBefore!.links)
    expect(at(0.9).links).toBe(lsAfter!.links)
  })

  it('labels a path by its name, or by the kernel version on when it varies', () => {
    expect(pathLabel('/usr/bin/ls', '/usr/bin/ls', false)).toBe('ls')
    const vmlinuz = '/usr/lib/modules/6.5.9-300.fc39.x86_64/vmlinuz'
    expect(pathLabel('/usr/lib/modules/*/vmlinuz', vmlinuz, false)).toBe(
      '6.5.9-300.fc39.x86_64/vmlinuz',
    )
    expect(pathLabel('/usr/lib/modules/*/vmlinuz', vmlinuz, true)).toBe('vmlinuz')
  })
})
