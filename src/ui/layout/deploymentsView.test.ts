import { describe, expect, it } from 'vitest'
import { deployPath, listDeployments, sameDeployment, type DeploymentInfo } from '../../engine'
import { atomicUpgrade } from '../../scenarios/atomicUpgrade'
import { runTour } from '../../scenarios/run'
import {
  cardKey,
  changedCards,
  changedLines,
  finalizingAt,
  flagsOf,
  touchedBoot,
} from './deploymentsView'

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

describe('finalizingAt', () => {
  const steps = runTour(atomicUpgrade, { scale: 20 })
  const at = (type: string) => steps.findLastIndex((s) => s.event.type === type)

  it('[3.3] names the deployment from its finalization to the power-off, unlisted until the rename', () => {
    const started = at('finalize/started')
    const swapped = at('bootloader/loaderSwapped')
    const found = finalizingAt(steps, started + 1)
    expect(found?.before).toBe(started - 1)
    const listed = (i: number) =>
      listDeployments(steps[i]!.machine).some((d) => sameDeployment(d, found?.deployment))
    // staged before, then no tool lists it until /boot/loader names its entries
    expect(listed(started - 1)).toBe(true)
    for (let i = started; i < swapped; i++) expect(listed(i), `step ${i}`).toBe(false)
    expect(listed(swapped)).toBe(true)
    expect(finalizingAt(steps, swapped)?.deployment).toEqual(found?.deployment)
    expect(finalizingAt(steps, at('power/off'))).toBeNull()
    expect(finalizingAt(steps, started - 1)).toBeNull()
  })
})
