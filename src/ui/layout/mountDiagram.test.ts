import { describe, expect, it } from 'vitest'
import { everyBoot } from '../../scenarios/everyBoot'
import { runTour } from '../../scenarios/run'
import {
  BOX,
  diagramLinks,
  fitText,
  INDENT,
  interpolateDiagram,
  mountDiagram,
  ROW,
} from './mountDiagram'

const steps = runTour(everyBoot, { scale: 40 })
const at = (type: string, field?: [string, string]) =>
  steps.findIndex(
    (s) =>
      s.event.type === type &&
      (!field || new Map(Object.entries(s.event)).get(field[0]) === field[1]),
  )
const diagramAt = (index: number, width = 600) => {
  const step = steps[index]
  if (!step?.machine.runtime) throw new Error(`no runtime at ${index}`)
  return mountDiagram(step.machine, step.machine.runtime.mounts, width, step.event)
}
const lines = (index: number) =>
  diagramAt(index).nodes.map((n) => `${'  '.repeat(n.depth)}${n.mount?.target ?? '(initramfs /)'}`)

describe('mount diagram', () => {
  it('[5.2] hangs the initramfs mounts under its own root until switch-root', () => {
    expect(lines(at('mount/bound', ['target', '/sysroot.tmp/usr']))).toEqual([
      '(initramfs /)',
      '  /dev',
      '  /proc',
      '  /sys',
      '  /run',
      '  /sysroot',
      '  /sysroot.tmp',
      '    /sysroot.tmp/etc',
      '    /sysroot.tmp/usr',
    ])
  })

  it('[5.2] moves the physical root under the new root, keeping its id', () => {
    const before = diagramAt(at('mount/moved', ['from', '/sysroot']) - 1)
    const after = diagramAt(at('mount/moved', ['from', '/sysroot']))
    const physical = (d: typeof before) =>
      d.nodes.find((n) => n.mount?.filesystem === 'root' && n.mount.subtree === '/')
    expect(physical(before)?.key).toBe(physical(after)?.key)
    expect(physical(before)?.mount?.target).toBe('/sysroot')
    expect(physical(after)?.mount?.target).toBe('/sysroot.tmp/sysroot')
    expect(physical(after)?.depth).toBe(2)
    expect(physical(after)?.change).toBe('moved')
  })

  it('[5.4] ends as findmnt nests the running system, / on top', () => {
    expect(lines(steps.length - 1)).toEqual([
      '/',
      '  /dev',
      '  /proc',
      '  /sys',
      '  /run',
      '  /sysroot',
      '    /sysroot/ostree/deploy/fedora-coreos/var',
      '  /etc',
      '  /usr',
      '  /tmp',
      '  /var',
      '  /boot',
    ])
    const usr = diagramAt(steps.length - 1).nodes.find((n) => n.mount?.target === '/usr')
    expect(usr?.mount?.readOnly).toBe(true)
    expect(usr?.what).toMatchObject({ key: 'mounts.what.deploymentDir', params: { dir: 'usr' } })
  })

  it('marks the mount the step made, and what it is', () => {
    const d = diagramAt(at('mount/bound', ['target', '/var']))
    const changed = d.nodes.filter((n) => n.change !== null)
    expect(changed.map((n) => [n.mount?.target, n.change])).toEqual([['/var', 'new']])
    expect(changed[0]?.what).toEqual({
      key: 'mounts.what.stateVar',
      params: { stateroot: 'fedora-coreos' },
    })
  })

  it('places boxes in rows, indented by depth, and links each to its parent', () => {
    const d = diagramAt(steps.length - 1, 500)
    d.nodes.forEach((n, i) => {
      expect(n.y).toBe(i * ROW)
      expect(n.x).toBe(n.depth * INDENT)
      expect(n.x + n.width).toBeLessThanOrEqual(500)
    })
    expect(d.height).toBe((d.nodes.length - 1) * ROW + BOX)
    const links = diagramLinks(d.nodes)
    expect(links).toHaveLength(d.nodes.length - 1) // every box but `/`
    expect(links.find((l) => l.key === d.nodes[1]?.key)?.path).toBe(
      `M${INDENT / 2},${BOX}V${ROW + BOX / 2}H${INDENT}`,
    )
  })

  it('shortens a long target to fit a narrow box', () => {
    const narrow = diagramAt(steps.length - 1, 200)
    const deep = narrow.nodes.find((n) => n.mount?.target.startsWith('/sysroot/ostree'))
    expect(deep?.label).toContain('…')
    expect(deep?.label.length).toBeLessThan(deep?.mount?.target.length ?? 0)
  })

  it('tweens a box from its old place to its new one, by key', () => {
    const from = diagramAt(at('mount/moved', ['from', '/sysroot']) - 1)
    const to = diagramAt(at('mount/moved', ['from', '/sysroot']))
    const mid = interpolateDiagram(from, to)(0.5)
    const key = to.nodes.find((n) => n.mount?.target === '/sysroot.tmp/sysroot')?.key
    const y = (d: typeof to) => d.nodes.find((n) => n.key === key)?.y ?? NaN
    expect(y(mid)).toBeGreaterThan(Math.min(y(from), y(to)))
    expect(y(mid)).toBeLessThan(Math.max(y(from), y(to)))
    expect(interpolateDiagram(from, to)(1)).toBe(to)
  })

  it('drops a new mount out of the box it hangs under', () => {
    const index = at('mount/bound', ['target', '/sysroot.tmp/usr'])
    const from = diagramAt(index - 1)
    const to = diagramAt(index)
    const usr = to.nodes.find((n) => n.mount?.target === '/sysroot.tmp/usr')!
    const parent = from.nodes.find((n) => n.key === usr.parent)!
    expect(from.nodes.some((n) => n.key === usr.key)).toBe(false)
    const tween = interpolateDiagram(from, to)
    const y = (t: number) => tween(t).nodes.find((n) => n.key === usr.key)!.y
    expect(y(0)).toBe(parent.y)
    expect(y(0.5)).toBeGreaterThan(y(0))
    expect(y(0.5)).toBeLessThan(usr.y)
  })

  it('turns a remounted mount read-only by degrees', () => {
    const index = at('mount/remounted')
    const from = diagramAt(index - 1)
    const to = diagramAt(index)
    const changed = to.nodes.find((n) => n.change === 'remounted')!
    const before = from.nodes.find((n) => n.key === changed.key)!
    expect([before.ro, changed.ro]).toEqual([0, 1])
    const ro = interpolateDiagram(from, to)(0.5).nodes.find((n) => n.key === changed.key)!.ro
    expect(ro).toBeGreaterThan(0)
    expect(ro).toBeLessThan(1)
  })
})

describe('fitText', () => {
  it('cuts in the middle with an ellipsis', () => {
    expect(fitText('/sysroot/ostree/deploy', 30)).toBe('/sysroot/ostree/deploy')
    expect(fitText('/sysroot/ostree/deploy', 9)).toBe('/sys…ploy')
    expect(fitText('abc', 1)).toBe('…')
  })
})
