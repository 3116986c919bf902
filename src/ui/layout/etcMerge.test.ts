import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deployPath, lookupPath, previewEtcMerge } from '../../engine'
import type { Inode } from '../../engine/types'
import { etcMerge } from '../../scenarios/etcMerge'
import { runTour } from '../../scenarios/run'
import {
  applyOrder,
  checkEdit,
  etcRows,
  foldDiff,
  lineDiff,
  linesOf,
  localTrees,
  mergeSource,
  mergeTrees,
  rowPhase,
  visibleRows,
  type EditForm,
  type MergeSource,
} from './etcMerge'

const steps = runTour(etcMerge, { scale: 40 })
const at = (type: string, nth = 0) =>
  steps.map((s, i) => [s, i] as const).filter(([s]) => s.event.type === type)[nth]?.[1] as number

function source(cursor: number): MergeSource {
  const found = mergeSource(steps, cursor)
  if (found === null) throw new Error(`no source at ${cursor}`)
  return found
}

describe('mergeSource: which merge a step is about', () => {
  it('shows the local changes while nothing is staged', () => {
    expect(source(at('etc/edited')).kind).toBe('local')
  })

  it('shows the merge to come once a deployment is staged, and when finalization takes it', () => {
    expect(source(at('deployment/staged'))).toMatchObject({ kind: 'pending', started: false })
    expect(source(at('finalize/started'))).toMatchObject({ kind: 'pending', started: true })
  })

  it('shows a failed merge at its step and through the boot that follows, not once the old system runs', () => {
    const failedAt = at('finalize/failed')
    expect(source(failedAt)).toMatchObject({ kind: 'failed', current: true, step: failedAt })
    expect(source(at('kernel/started', 1))).toMatchObject({ kind: 'failed', current: false })
    expect(source(at('boot/finished', 1)).kind).toBe('local')
  })

  it('shows the merge at its step, then while its deployment runs', () => {
    const mergedAt = at('etc/merged')
    expect(source(mergedAt)).toMatchObject({ kind: 'merged', current: true })
    expect(source(at('power/off', 1))).toMatchObject({ kind: 'merged', current: false })
    expect(source(steps.length - 1)).toMatchObject({
      kind: 'merged',
      current: false,
      step: mergedAt,
    })
  })

  it('has nothing to show before the disk holds a deployment', () => {
    expect(mergeSource(steps, 0)).toBeNull()
  })
})

describe('etcRows: each path in the four trees', () => {
  const merged = source(at('etc/merged'))
  if (merged.kind !== 'merged') throw new Error('a merge step')
  const root = merged.machine.filesystems.root!
  const rows = etcRows(
    mergeTrees(root, merged.merge, merged.target, true),
    merged.outcomes,
    merged.diff,
  )
  const row = (path: string) => rows.find((r) => r.path === path)

  it('[etc-merge] tells which version the result is, and why', () => {
    expect(row('chrony.conf')).toMatchObject({
      localChange: 'content',
      upstreamChange: 'content',
      outcome: 'local',
      rule: 'localHidesUpstream',
      letter: 'M',
    })
    expect(row('motd')).toMatchObject({ localChange: 'same', outcome: 'new', rule: 'default' })
    expect(row('issue')).toMatchObject({ localChange: 'removed', outcome: 'absent', letter: 'D' })
    expect(row('NetworkManager/dispatcher.d/20-coreos-chrony-dhcp')).toMatchObject({
      localChange: 'mode',
      outcome: 'local',
      rule: 'modeOnly',
    })
    expect(row('localtime')).toMatchObject({ localChange: 'target', outcome: 'local' })
    expect(row('myapp.d/10-listen.conf')).toMatchObject({
      localChange: 'added',
      upstreamChange: 'absent',
      outcome: 'local',
      letter: 'A',
    })
    expect(row('sysconfig/crio-network')).toMatchObject({
      upstreamChange: 'removed',
      outcome: 'local',
    })
  })

  it('lists the paths that differ anywhere, or all of them', () => {
    const shown = visibleRows(rows, false).map((r) => r.path)
    expect(shown).toContain('chrony.conf')
    expect(shown).not.toContain('fstab')
    expect(row('fstab')).toMatchObject({ localChange: 'same', outcome: 'both', rule: null })
    expect(visibleRows(rows, true)).toHaveLength(rows.length)
  })

  it('has no result column for local changes alone', () => {
    const local = source(at('deployment/staged') - 1)
    if (local.kind !== 'local') throw new Error('local changes')
    const only = etcRows(localTrees(local.machine.filesystems.root!, local.deployment), null, null)
    expect(only.every((r) => r.outcome === null && r.upstream === null)).toBe(true)
    expect(only.find((r) => r.path === 'hosts')?.localChange).toBe('content')
  })

  it('reads a preview the same way: the failing path has its rule and no result', () => {
    const failed = source(at('finalize/failed'))
    if (failed.kind !== 'failed') throw new Error('a failure')
    const preview = previewEtcMerge(failed.machine, failed.merge, failed.target)!
    const trees = mergeTrees(preview.fs, failed.merge, failed.target, false)
    const clash = etcRows(trees, preview.plan.outcomes, preview.plan.diff).find(
      (r) => r.path === 'containers/registries.conf.d',
    )
    expect(clash).toMatchObject({
      localChange: 'added',
      upstreamChange: 'added',
      outcome: null,
      rule: 'newDefaultIsDirectory',
    })
    expect(lookupPath(preview.fs, `${deployPath(failed.target)}/etc/myapp.conf`)).toBeNull()
  })
})

describe('the merge, one path after the other', () => {
  const order = applyOrder({
    removed: ['issue', 'old.d'],
    modified: ['hosts'],
    added: ['new.conf'],
  })

  it('[etc-merge] goes removals, then modifications, then additions (reference 4, "Apply")', () => {
    expect([...order.keys()]).toEqual(['issue', 'old.d', 'hosts', 'new.conf'])
  })

  it('moves each path from waiting to merging to done; a removed tree goes at once', () => {
    expect(rowPhase(order, 'issue', 0)).toBe('waiting')
    expect(rowPhase(order, 'issue', 0.5)).toBe('merging')
    expect(rowPhase(order, 'issue', 1)).toBe('done')
    expect(rowPhase(order, 'old.d/a/b.conf', 1.5)).toBe('merging')
    expect(rowPhase(order, 'new.conf', 3.2)).toBe('merging')
    expect(rowPhase(order, 'new.conf', 4)).toBe('done')
    // The fresh copy of the new defaults is there from the start.
    expect(rowPhase(order, 'motd', 0)).toBe('done')
  })
})

describe('lineDiff', () => {
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('')

  it('keeps the common lines and marks the others', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nx\nc\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'del', text: 'b' },
      { kind: 'add', text: 'x' },
      { kind: 'same', text: 'c' },
    ])
    expect(lineDiff('', 'a\n')).toEqual([{ kind: 'add', text: 'a' }])
    expect(lineDiff('a\n', 'a\n')).toEqual([{ kind: 'same', text: 'a' }])
  })

  it('gives back both texts, with as many common lines as the longest common subsequence', () => {
    const lcs = (x: string[], y: string[]): number => {
      const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0))
      for (let i = x.length - 1; i >= 0; i--)
        for (let j = y.length - 1; j >= 0; j--)
          t[i]![j] = x[i] === y[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!)
      return t[0]![0]!
    }
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', 'server x'), { maxLength: 12 })
    fc.assert(
      fc.property(lines, lines, (x, y) => {
        const diff = lineDiff(text(x), text(y))
        expect(diff.filter((l) => l.kind !== 'add').map((l) => l.text)).toEqual(x)
        expect(diff.filter((l) => l.kind !== 'del').map((l) => l.text)).toEqual(y)
        expect(diff.filter((l) => l.kind === 'same')).toHaveLength(lcs(x, y))
      }),
    )
  })

  it('reads a last line without a newline as a line', () => {
    expect(linesOf('a\nb')).toEqual(['a', 'b'])
    expect(linesOf('')).toEqual([])
  })

  it('folds long runs of common lines around the changes', () => {
    const a = text(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
    const b = text(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'ten'])
    expect(foldDiff(lineDiff(a, b), 2)).toEqual([
      { kind: 'skip', count: 7 },
      { kind: 'same', text: '8' },
      { kind: 'same', text: '9' },
      { kind: 'del', text: '10' },
      { kind: 'add', text: 'ten' },
    ])
  })
})

describe('checkEdit: an edit of /etc from the panel', () => {
  const file = { kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, nlink: 1, size: 1, data: 'x' }
  const tree: Record<string, Inode> = {
    hosts: file as Inode,
    'myapp.d': { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0, entries: {} },
    localtime: { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, nlink: 1, target: 'x' },
  }
  const lookup = (rel: string) => tree[rel] ?? null
  const form = (change: Partial<EditForm>): EditForm => ({
    path: '/etc/hosts',
    content: '',
    mode: '',
    target: '',
    ...change,
  })

  it('makes the engine edit from a valid form', () => {
    expect(checkEdit('write', form({ content: 'a\n', mode: '600' }), lookup)).toEqual({
      ok: true,
      edit: { type: 'write', path: '/etc/hosts', data: 'a\n', mode: 0o600 },
    })
    expect(checkEdit('write', form({ path: 'myapp.d/a.conf', content: 'a\n' }), lookup)).toEqual({
      ok: true,
      edit: { type: 'write', path: '/etc/myapp.d/a.conf', data: 'a\n' },
    })
    expect(checkEdit('mkdir', form({ path: '/etc/new.d/' }), lookup)).toEqual({
      ok: true,
      edit: { type: 'mkdir', path: '/etc/new.d', mode: 0o755 },
    })
    expect(
      checkEdit('symlink', form({ path: '/etc/localtime', target: ' ../x ' }), lookup),
    ).toEqual({
      ok: true,
      edit: { type: 'symlink', path: '/etc/localtime', target: '../x' },
    })
  })

  it('refuses what the engine cannot do, with the field to fix', () => {
    const refused = (kind: Parameters<typeof checkEdit>[0], change: Partial<EditForm>) => {
      const check = checkEdit(kind, form(change), lookup)
      return check.ok ? null : [check.error, check.field]
    }
    expect(refused('write', { path: '/usr/etc/hosts' })).toEqual([
      'etcEditor.error.outside',
      'path',
    ])
    expect(refused('write', { path: ' ' })).toEqual(['etcEditor.error.noName', 'path'])
    expect(refused('write', { path: '/etc/' })).toEqual(['etcEditor.error.noName', 'path'])
    expect(refused('write', { path: '/etc/../shadow' })).toEqual([
      'etcEditor.error.badName',
      'path',
    ])
    expect(refused('write', { path: '/etc//x' })).toEqual(['etcEditor.error.badName', 'path'])
    expect(refused('write', { path: `/etc/${'n'.repeat(256)}` })).toEqual([
      'etcEditor.error.tooLong',
      'path',
    ])
    expect(refused('write', { path: '/etc/nope.d/a' })).toEqual([
      'etcEditor.error.noFolder',
      'path',
    ])
    expect(refused('write', { path: '/etc/myapp.d' })).toEqual(['etcEditor.error.isFolder', 'path'])
    expect(refused('write', { mode: '8' })).toEqual(['etcEditor.error.badMode', 'mode'])
    expect(refused('write', { content: 'x'.repeat(64 * 1024 + 1) })).toEqual([
      'etcEditor.error.tooLarge',
      'content',
    ])
    expect(refused('delete', { path: '/etc/gone' })).toEqual(['etcEditor.error.notFound', 'path'])
    expect(refused('chmod', { mode: '' })).toEqual(['etcEditor.error.badMode', 'mode'])
    expect(refused('chmod', { path: '/etc/localtime', mode: '600' })).toEqual([
      'etcEditor.error.chmodSymlink',
      'path',
    ])
    expect(refused('mkdir', { path: '/etc/myapp.d' })).toEqual(['etcEditor.error.exists', 'path'])
    expect(refused('symlink', { target: '' })).toEqual(['etcEditor.error.noTarget', 'target'])
  })
})
