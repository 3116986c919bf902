import { describe, expect, it } from 'vitest'
import {
  deployPath,
  inoAt,
  inodeOf,
  linkCount,
  listDeployments,
  objectPath,
  walkTree,
} from '../../engine'
import type { Machine, Step } from '../../engine/types'
import { discover } from '../../scenarios/discover'
import { runTour } from '../../scenarios/run'
import { hardLinksModel, type HardLinksModel } from './hardLinks'

const steps: Step[] = runTour(discover, { scale: 120 })
const at = (type: string, from = 0) => steps.findIndex((s, i) => i >= from && s.event.type === type)
const machine = (i: number) => steps[i]?.machine as Machine
const modelAt = (i: number) => hardLinksModel(machine(i), steps[i - 1]?.machine)
const staged = at('deployment/staged')
const firstCheckout = at('deployment/checkedOut')
const secondCheckout = at('deployment/checkedOut', firstCheckout + 1)
const pulled = at('pull/objectsFetched')

function band(model: HardLinksModel, key: string) {
  const found = model.bands.find((b) => b.key === key)
  if (!found) throw new Error(`no band ${key}`)
  return found
}

/** The whole /usr of a deployment, walked apart from the model: names, and each inode once. */
function wholeTree(m: Machine, path: string) {
  const root = m.filesystems.root
  if (!root) throw new Error('no root')
  const sizes = new Map<number, number>()
  let names = 0
  walkTree(root, `${path}/usr`, (_rel, inode, ino) => {
    if (inode.kind === 'dir') return
    names++
    sizes.set(ino, inode.kind === 'file' ? inode.size : 0)
  })
  return { names, sizes }
}

const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0)

describe('hard links model', () => {
  it('[reference 2.2] an unchanged file shared by two deployments is one inode with link count 3', () => {
    const model = modelAt(staged)
    expect(model.columns.map((c) => c.listed?.index)).toEqual([0, 1])
    const ls = band(model, '/usr/bin/ls')
    expect(ls.paths.map((p) => [p.column, p.path])).toEqual([
      [0, '/usr/bin/ls'],
      [1, '/usr/bin/ls'],
    ])
    expect(ls.inodes).toHaveLength(1)
    const [inode] = ls.inodes
    expect(inode?.links).toBe(3)
    expect(ls.paths.map((p) => p.links)).toEqual([3, 3])
    // the repo's object plus one name per deployment
    expect(inode?.names).toHaveLength(2)
    const root = machine(staged).filesystems.root!
    expect(inoAt(root, objectPath(inode?.object ?? '', 'file'))).toBe(inode?.ino)
    expect(linkCount(root, inodeOf(root, inode?.ino ?? -1)!)).toBe(3)
  })

  it('[reference 2.2] a changed file is two inodes with link count 2 each', () => {
    const bash = band(modelAt(staged), '/usr/bin/bash')
    expect(bash.inodes).toHaveLength(2)
    expect(bash.inodes.map((i) => i.links)).toEqual([2, 2])
    expect(bash.inodes.map((i) => i.names.map((n) => n.column))).toEqual([[0], [1]])
    expect(new Set(bash.inodes.map((i) => i.object)).size).toBe(2)
  })

  it('[reference 1.4] draws the kernel and initramfs of each deployment, whatever their version', () => {
    const model = modelAt(staged)
    for (const key of ['/usr/lib/modules/*/vmlinuz', '/usr/lib/modules/*/initramfs.img']) {
      const kernel = band(model, key)
      expect(kernel.reason).toBe('kernel')
      expect(kernel.paths).toHaveLength(2)
      // the upgrade brings a new kernel: another folder under /usr/lib/modules, another inode
      expect(new Set(kernel.paths.map((p) => p.path)).size).toBe(2)
      expect(kernel.inodes.map((i) => i.links)).toEqual([2, 2])
    }
  })

  it('[du] totals come from the whole tree, each inode counted once', () => {
    const model = modelAt(staged)
    const m = machine(staged)
    const trees = model.columns.map((c) => wholeTree(m, deployPath(c.id)))
    model.columns.forEach((column, i) => {
      const tree = trees[i]!
      expect(column.files).toBe(tree.names)
      expect(column.bytes).toBe(sum(tree.sizes.values()))
      expect(column.sharedBytes + column.uniqueBytes).toBe(column.bytes)
      const others = trees.filter((_, j) => j !== i)
      const shared = [...tree.sizes].filter(([ino]) => others.some((o) => o.sizes.has(ino)))
      expect(column.sharedBytes).toBe(sum(shared.map(([, size]) => size)))
      // the files drawn and the directories summed make up the whole tree
      const drawn = model.bands.flatMap((b) => b.paths).filter((p) => p.column === i)
      const drawnInodes = new Map(
        model.bands
          .flatMap((b) => b.inodes)
          .filter((n) => n.names.some((name) => name.column === i))
          .map((n) => [n.ino, n.size]),
      )
      expect(sum(model.dirs.map((d) => d.columns[i]!.files)) + drawn.length).toBe(tree.names)
      expect(sum(model.dirs.map((d) => d.columns[i]!.bytes)) + sum(drawnInodes.values())).toBe(
        column.bytes,
      )
    })
    const union = new Map(trees.flatMap((tree) => [...tree.sizes]))
    expect(model.union).toEqual({ inodes: union.size, bytes: sum(union.values()) })
  })

  it('[reference 2.1] every drawn inode that is not an empty file is its commit’s object', () => {
    const model = modelAt(staged)
    const root = machine(staged).filesystems.root!
    for (const inode of model.bands.flatMap((b) => b.inodes)) {
      expect(inode.object).not.toBeNull()
      expect(inoAt(root, objectPath(inode.object!, 'file'))).toBe(inode.ino)
      expect(inode.links).toBe(inode.names.length + 1)
    }
  })

  it('shows a folder being checked out before any list names it, and marks what the step added', () => {
    const model = modelAt(secondCheckout)
    const [fresh, booted] = model.columns
    expect(fresh?.listed).toBeNull()
    expect(fresh?.change).toBe('new')
    expect(booted?.listed?.booted).toBe(true)
    expect(booted?.change).toBeNull()
    const ls = band(model, '/usr/bin/ls')
    expect(ls.paths.map((p) => p.added)).toEqual([true, false])
    expect(ls.inodes[0]?.change).toEqual({ kind: 'links', delta: 1 })
    // staging names the folder in /run: the same column, now listed
    expect(modelAt(staged).columns[0]?.change).toBe('listed')
    expect(modelAt(staged).columns[0]?.key).toBe(fresh?.key)
  })

  it('[reference 3] a pull writes objects that no deployment names yet: link count 1', () => {
    const model = modelAt(pulled)
    expect(model.repo.delta).toBeGreaterThan(0)
    expect(model.repo.unnamed).toBeGreaterThanOrEqual(model.repo.delta)
    // the checkout links them: only objects no tree uses (an empty file's) stay unnamed
    const after = modelAt(secondCheckout).repo
    expect(after.unnamed).toBeLessThan(model.repo.unnamed)
    expect(after.objects).toBe(model.repo.objects)
  })

  it('draws nothing before the first checkout', () => {
    expect(modelAt(0).columns).toEqual([])
    expect(modelAt(firstCheckout).columns).toHaveLength(1)
  })

  it('picks at most the two programs, the kernel pair and three changed files of each kind', () => {
    for (const i of [firstCheckout, staged, steps.length - 1]) {
      const model = modelAt(i)
      expect(model.bands.length).toBeLessThanOrEqual(10)
      expect(model.bands.filter((b) => b.reason === 'largest').length).toBeLessThanOrEqual(3)
      expect(new Set(model.bands.map((b) => b.key)).size).toBe(model.bands.length)
    }
    // one deployment: nothing differs, so nothing is drawn for having changed
    expect(modelAt(firstCheckout).bands.map((b) => b.reason)).toEqual([
      'article',
      'program',
      'kernel',
      'kernel',
    ])
  })

  it('walks the trees once: a step that makes no deployment reuses the last sharing', () => {
    const boot = at('power/on', staged)
    const a = modelAt(boot)
    const b = modelAt(boot + 1)
    expect(b.dirs).toBe(a.dirs)
    expect(listDeployments(machine(boot + 1))).toHaveLength(2)
  })
})
