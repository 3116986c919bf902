import { describe, expect, it } from 'vitest'
import { listDeployments, loaderState } from '../engine'
import type { Machine } from '../engine/types'
import en from '../i18n/en.json'
import fr from '../i18n/fr.json'
import { atomicUpgrade } from './atomicUpgrade'
import { pullThePlug } from './pullThePlug'
import { findTour, storyStart } from './registry'
import { runTour } from './run'
import type { Tour, TourStep } from './types'

const SCALE = 40

const bootedVersion = (m: Machine | undefined) =>
  m && listDeployments(m).find((d) => d.booted)?.version
const versions = (m: Machine | undefined) => (m ? listDeployments(m).map((d) => d.version) : [])

/** Index of the first step at or after `from` whose event is `type`. */
function indexOf(steps: readonly TourStep[], type: string, from = 0): number {
  const at = steps.findIndex((s, i) => i >= from && s.event.type === type)
  if (at < 0) throw new Error(`no ${type} step after ${from}`)
  return at
}

describe.each([atomicUpgrade, pullThePlug])('$id', (tour: Tour) => {
  const steps = runTour(tour, { scale: SCALE })

  it('is registered, and computes without a refusal', () => {
    expect(findTour(tour.id)).toBe(tour)
    expect(steps.filter((s) => s.event.type === 'command/failed')).toEqual([])
  })

  it('[i18n] has its title and every note in English and French', () => {
    const keys = [tour.titleKey, ...tour.actions.flatMap((a) => (a.notes ?? []).map((n) => n.key))]
    expect(keys.filter((key) => !Object.hasOwn(en, key))).toEqual([])
    expect(keys.filter((key) => !Object.hasOwn(fr, key))).toEqual([])
  })

  it('opens where its story starts: the release on the server, after the machine is prepared', () => {
    const first = storyStart(steps)
    expect(first).toBeGreaterThan(0)
    expect(steps[first]?.event.type).toBe('remote/published')
    expect(steps[first]?.note).toBeDefined()
    expect(steps.slice(0, first).filter((s) => s.chapter !== undefined)).toEqual([])
  })
})

describe('Anatomy of an atomic upgrade', () => {
  const steps = runTour(atomicUpgrade, { scale: SCALE })
  const story = steps.findIndex((s) => s.note !== undefined)
  const staged = indexOf(steps, 'deployment/staged', story)
  const renamed = indexOf(steps, 'bootloader/loaderSwapped', story)

  it('[3.3] lists three deployments while the update is staged, none with a new boot entry', () => {
    const list = listDeployments(steps[staged]!.machine)
    expect(list.map((d) => [d.staged, d.booted, d.rollback])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ])
    expect(list.find((d) => d.isDefault)?.booted).toBe(true)
  })

  it('[3.1] changes what GRUB boots at the rename only: the inactive loader.N fills first', () => {
    const defaults = steps
      .slice(staged, renamed + 1)
      .map((s) => listDeployments(s.machine).find((d) => d.isDefault)?.version)
    const old = defaults[0]
    expect(defaults.slice(0, -1).every((v) => v === old)).toBe(true)
    expect(defaults.at(-1)).not.toBe(old)
    const before = loaderState(steps[renamed - 1]!.machine)
    expect(before?.tmp).not.toBeNull()
    expect(before?.dirs.find((d) => !d.active)?.entries).toHaveLength(2)
  })

  it('[3.3] drops the old rollback at finalization, and boots the new release last', () => {
    const beforeStory = versions(steps[story]?.machine)
    const last = steps.at(-1)?.machine
    expect(beforeStory).toHaveLength(2)
    expect(versions(last)).toHaveLength(2)
    expect(versions(last)).not.toContain(beforeStory[1])
    expect(bootedVersion(last)).toBe(versions(steps[staged]?.machine)[0])
    expect(steps.at(-1)?.event.type).toBe('boot/finished')
  })
})

describe('Pull the plug', () => {
  const steps = runTour(pullThePlug, { scale: SCALE })
  const firstCut = indexOf(steps, 'power/lost')
  const secondCut = indexOf(steps, 'power/lost', firstCut + 1)
  const firstUp = indexOf(steps, 'boot/finished', firstCut)
  const oldVersion = bootedVersion(steps[firstCut - 1]?.machine)
  const newVersion = versions(steps[indexOf(steps, 'deployment/staged')]?.machine)[0]

  it('[3.2] cuts the power one step before the rename, then one step after it', () => {
    expect(steps[firstCut - 1]?.event.type).toBe('bootloader/synced')
    expect(steps[secondCut - 1]?.event.type).toBe('bootloader/loaderSwapped')
  })

  it('[3.2] before the rename: the old deployment boots and the update is gone', () => {
    expect(newVersion).not.toBe(oldVersion)
    expect(steps[firstCut]?.caption.params?.version).toBe(oldVersion)
    const up = steps[firstUp]?.machine
    expect(bootedVersion(up)).toBe(oldVersion)
    expect(versions(up)).toEqual([oldVersion])
  })

  it('[3.2] after the rename: the new deployment boots, the old one is its rollback', () => {
    expect(steps[secondCut]?.caption.params?.version).toBe(newVersion)
    const last = steps.at(-1)?.machine
    expect(bootedVersion(last)).toBe(newVersion)
    expect(listDeployments(last!).map((d) => [d.version, d.booted, d.rollback])).toEqual([
      [newVersion, true, false],
      [oldVersion, false, true],
    ])
  })

  it('[3.1 step 2] the next staging removes the folder the power cut left behind', () => {
    const removed = steps.filter(
      (s, i) => i > firstUp && s.event.type === 'cleanup/deploymentRemoved',
    )
    const retried = steps.find((s, i) => i > firstUp && s.event.type === 'deployment/checkedOut')
    expect(removed).toHaveLength(1)
    expect(String(removed[0]?.caption.params?.name)).toMatch(/\.0$/)
    expect(String(retried?.caption.params?.name)).toMatch(/\.1$/)
  })
})

const chapter = { id: 'all', titleKey: 'tour.x', whyKey: 'tour.y' }

describe('until', () => {
  it('cuts an action after the step it names; a step it never reaches is an error', () => {
    const tour: Tour = {
      id: 'cut',
      titleKey: 'tour.pullThePlug.title',
      summaryKey: 'tour.pullThePlug.summary',
      profile: 'fcos',
      actions: [
        { type: 'install', chapter },
        { type: 'boot', until: { event: 'grub/menu' } },
      ],
    }
    expect(runTour(tour, { scale: SCALE }).at(-1)?.event.type).toBe('grub/menu')
    const never = {
      ...tour,
      actions: [
        { type: 'install', chapter },
        { type: 'boot', until: { event: 'no/such' } },
      ],
    }
    // an event the engine never emits is no Tour's: forced through, it throws
    expect(() => runTour(never as unknown as Tour, { scale: SCALE })).toThrow(/no\/such/)
  })
})

describe('fold', () => {
  const tour: Tour = {
    id: 'fold',
    titleKey: 'tour.pullThePlug.title',
    summaryKey: 'tour.pullThePlug.summary',
    profile: 'fcos',
    actions: [
      { type: 'install', chapter },
      { type: 'boot' },
      {
        type: 'reboot',
        fold: true,
        notes: [{ event: 'grub/menu', key: 'tour.discover.newEntry' }],
      },
    ],
  }

  it('[fold] keeps every step of a folded action, and hides all but its notes and last step', () => {
    const steps = runTour(tour, { scale: SCALE })
    const plain = runTour({ ...tour, actions: tour.actions.slice(0, 2) }, { scale: SCALE })
    const own = steps.slice(plain.length)
    expect(own.length).toBeGreaterThan(10)
    expect(own.every((s) => s.fold === 0)).toBe(true)
    expect(own.filter((s) => !s.folded).map((s) => s.event.type)).toEqual([
      'grub/menu',
      'boot/finished',
    ])
    // nothing before the fold is marked
    expect(plain.every((s) => s.fold === undefined && s.folded === undefined)).toBe(true)
  })

  it('[fold] refuses to fold an action that prepares the machine', () => {
    const hidden: Tour = {
      ...tour,
      actions: [{ type: 'install' }, { type: 'boot', fold: true }, { type: 'reboot', chapter }],
    }
    expect(() => runTour(hidden, { scale: SCALE })).toThrow(/before the story/)
  })
})
