import { describe, expect, it } from 'vitest'
import { deployPath, type DeploymentInfo } from '../../engine'
import { cardKey, changedCards, changedLines, flagsOf, touchedBoot } from './deploymentsView'

const info = (checksum: string, flags: Partial<DeploymentInfo> = {}): DeploymentInfo => ({
  stateroot: 'fedora-coreos',
  checksum,
  serial: 0,
  index: 0,
  bootcsum: 'b'.repeat(64),
  bootserial: 0,
  kargs: [],
  staged: false,
  entry: null,
  version: '1',
  timestamp: null,
  booted: false,
  pending: false,
  rollback: false,
  pinned: false,
  isDefault: false,
  refspec: null,
  locked: false,
  ...flags,
})

describe('changedLines', () => {
  it('marks the lines that are not in a longest common subsequence with the text before', () => {
    expect(changedLines('a\nb\nc\n', 'a\nx\nb\nc\n')).toEqual([false, true, false, false, false])
    // a swap keeps one line of the two, whichever it is
    expect(changedLines('a\nb\n', 'b\na\n').filter(Boolean)).toHaveLength(1)
  })

  it('marks nothing when the text is the same, everything when all of it is new', () => {
    expect(changedLines('a\nb', 'a\nb')).toEqual([false, false])
    expect(changedLines('', 'a\nb')).toEqual([true, true])
  })
})

describe('changedCards', () => {
  const booted = info('a'.repeat(64), { booted: true, isDefault: true })
  const staged = info('c'.repeat(64), { staged: true })

  it('marks a deployment that is new, or whose flags changed, and nothing at a first step', () => {
    const before = [booted]
    const now = [staged, { ...booted, isDefault: false }]
    expect(changedCards(now, before, [])).toEqual(new Set([cardKey(staged), cardKey(booted)]))
    expect(changedCards(now, null, [])).toEqual(new Set())
    expect(changedCards([booted], [booted], [])).toEqual(new Set())
  })

  it('marks a deployment whose folder, origin or staged state the step wrote', () => {
    const dir = `root:${deployPath(booted)}`
    expect(changedCards([booted], [booted], [`${dir}/etc`])).toEqual(new Set([cardKey(booted)]))
    expect(changedCards([booted], [booted], [`${dir}.origin`])).toEqual(new Set([cardKey(booted)]))
    expect(changedCards([booted], [booted], [`${dir}0/etc`])).toEqual(new Set())
    expect(changedCards([staged], [staged], ['run:/ostree/staged-deployment'])).toEqual(
      new Set([cardKey(staged)]),
    )
  })
})

describe('flagsOf and touchedBoot', () => {
  it('lists the flags in the badges’ order', () => {
    expect(flagsOf(info('a', { rollback: true, isDefault: true, pinned: true }))).toEqual([
      'isDefault',
      'rollback',
      'pinned',
    ])
  })

  it('tells /boot/loader from /boot/loader.0 and finds paths under a folder', () => {
    expect(touchedBoot(['boot:/loader'], 'loader')).toBe(true)
    expect(touchedBoot(['boot:/loader.0/entries'], 'loader')).toBe(false)
    expect(touchedBoot(['boot:/loader.0/entries/x.conf'], 'loader.0')).toBe(true)
    expect(touchedBoot(['root:/loader.0'], 'loader.0')).toBe(false)
  })
})
