import { describe, expect, it } from 'vitest'
import { deployPath, listDeployments, readText } from '../engine'
import en from '../i18n/en.json'
import fr from '../i18n/fr.json'
import { atomicUpgrade } from './atomicUpgrade'
import { discover } from './discover'
import { etcMerge } from './etcMerge'
import { ANSWERS, runProbe } from './probes'
import { pullThePlug } from './pullThePlug'
import { registry } from './registry'
import { runTour } from './run'
import type { Tour, TourAction, TourQuestion, TourStep } from './types'

const SCALE = 50

const run = (tour: Tour) => runTour(tour, { scale: SCALE })
const asked = (steps: readonly TourStep[]) =>
  steps.flatMap((step, at) => (step.question ? [{ at, step, question: step.question }] : []))
/** The step that asks `key`, and its index. */
function askedBy(steps: readonly TourStep[], key: string) {
  const found = asked(steps).find((q) => q.question.question.key === key)
  if (!found) throw new Error(`no question ${key}`)
  return found
}
const rightAnswer = (steps: readonly TourStep[], key: string) => {
  const { question } = askedBy(steps, key)
  return question.choices[question.answer]?.key
}
const bootedVersion = (step: TourStep | undefined) =>
  step && listDeployments(step.machine).find((d) => d.booted)?.version

const pullSteps = run(pullThePlug)
const atomicSteps = run(atomicUpgrade)
const etcSteps = run(etcMerge)
const discoverSteps = run(discover)

describe('questions in the tours', () => {
  for (const tour of registry) {
    const steps = tour === pullThePlug ? pullSteps : run(tour)
    const questions = tour.actions.flatMap((action) => action.questions ?? [])

    it(`${tour.id}: every question is on a step of the story, before what answers it`, () => {
      const found = asked(steps)
      expect(found.map((q) => q.question.question.key)).toEqual(questions.map((q) => q.key))
      for (const { at, step, question } of found) {
        expect(step.chapter, question.question.key).toBeDefined()
        if (question.shownAt !== undefined) expect(question.shownAt).toBeGreaterThan(at)
      }
    })

    it(`[i18n] ${tour.id}: every question, choice and outcome in English and French`, () => {
      const keys = asked(steps).flatMap(({ question }) => [
        question.question.key,
        question.outcome.key,
        ...question.choices.map((choice) => choice.key),
      ])
      const every = [...keys, ...questions.flatMap((q) => q.choices.map((c) => c.key))]
      expect(every.filter((key) => !Object.hasOwn(en, key))).toEqual([])
      expect(every.filter((key) => !Object.hasOwn(fr, key))).toEqual([])
    })
  }

  it('[i18n] every outcome a probe can give has its text', () => {
    const outcomes = [
      ...ANSWERS.nextBoot.map((a) => `predict.nextBoot.${a}`),
      ...ANSWERS.bootAfterPowerLoss.map((a) => `predict.powerLoss.${a}`),
      'predict.powerLoss.runningLost',
      ...ANSWERS.etcFile.map((a) => `predict.etcFile.${a}`),
    ]
    expect(outcomes.filter((key) => !Object.hasOwn(en, key) || !Object.hasOwn(fr, key))).toEqual([])
  })
})

describe('the nextBoot probe', () => {
  it('[3.2] before the rename: the version that was running boots, from its GRUB entry', () => {
    const { at, question } = askedBy(pullSteps, 'tour.pullThePlug.predictBefore')
    const running = bootedVersion(pullSteps[at])
    expect(question.question.params).toMatchObject({ running })
    expect(rightAnswer(pullSteps, 'tour.pullThePlug.predictBefore')).toBe('predict.choice.running')
    const shown = pullSteps[question.shownAt!]
    expect(shown?.event.type).toBe('boot/finished')
    expect(bootedVersion(shown)).toBe(running)
    expect(question.outcome).toEqual({
      key: 'predict.nextBoot.running',
      params: { title: `Fedora CoreOS ${running} (ostree:0)`, version: running, running },
    })
  })

  it('[3.2] after the rename: the update boots, in place of the version that was running', () => {
    const { at, question } = askedBy(pullSteps, 'tour.pullThePlug.predictAfter')
    const { running, other } = question.question.params as Record<string, string>
    expect(running).toBe(bootedVersion(pullSteps[at]))
    expect(other).not.toBe(running)
    expect(rightAnswer(pullSteps, 'tour.pullThePlug.predictAfter')).toBe('predict.choice.update')
    expect(bootedVersion(pullSteps[question.shownAt!])).toBe(other)
    expect(question.outcome.key).toBe('predict.nextBoot.other')
  })

  it('[6] after a rollback: the version before boots', () => {
    const { question } = askedBy(discoverSteps, 'tour.discover.predictRollback')
    expect(rightAnswer(discoverSteps, 'tour.discover.predictRollback')).toBe(
      'predict.choice.previous',
    )
    expect(bootedVersion(discoverSteps[question.shownAt!])).toBe(question.question.params?.other)
  })

  it('finds nothing where no boot follows', () => {
    expect(runProbe(pullSteps, pullSteps.length - 1, { probe: 'nextBoot' })).toBeNull()
  })
})

describe('the bootAfterPowerLoss probe', () => {
  it('[3.3] while the update is staged: the running version boots; the tour does not show it', () => {
    const { question } = askedBy(atomicSteps, 'tour.atomicUpgrade.predictStaging')
    expect(rightAnswer(atomicSteps, 'tour.atomicUpgrade.predictStaging')).toBe(
      'predict.choice.running',
    )
    expect(question.shownAt).toBeUndefined()
    expect(question.outcome.params?.version).toBe(question.question.params?.running)
  })

  it('[3.2] right after the rename: the update boots', () => {
    const { question } = askedBy(atomicSteps, 'tour.atomicUpgrade.predictRenamed')
    expect(rightAnswer(atomicSteps, 'tour.atomicUpgrade.predictRenamed')).toBe(
      'predict.choice.update',
    )
    expect(question.outcome.params?.version).toBe(question.question.params?.other)
  })

  it('[3.3] once staged, the update is said lost with /run', () => {
    const staged = atomicSteps.findIndex(
      (s, i) => i > 0 && s.event.type === 'deployment/staged' && s.chapter !== undefined,
    )
    const found = runProbe(atomicSteps, staged, { probe: 'bootAfterPowerLoss' })
    expect(found?.answer).toBe('running')
    expect(found?.outcome).toMatchObject({
      key: 'predict.powerLoss.runningLost',
      params: { lost: found?.params.other },
    })
  })

  it('agrees with the power cuts the tour "Pull the plug" makes, at both of them', () => {
    for (const key of ['tour.pullThePlug.predictBefore', 'tour.pullThePlug.predictAfter']) {
      const { at, question } = askedBy(pullSteps, key)
      const cut = runProbe(pullSteps, at, { probe: 'bootAfterPowerLoss' })
      expect(cut?.answer, key).toBe(runProbe(pullSteps, at, { probe: 'nextBoot' })?.answer)
      expect(cut?.outcome.params?.version).toBe(question.outcome.params?.version)
    }
  })
})

describe('the etcFile probe', () => {
  const merged = etcSteps.findIndex((s) => s.event.type === 'etc/merged')
  const newEtc = (path: string) => {
    const event = etcSteps[merged]!.event
    if (event.type !== 'etc/merged') throw new Error('not a merge')
    return readText(
      etcSteps[merged]!.machine.filesystems.root!,
      `${deployPath(event.deployment)}/etc/${path}`,
    )
  }

  it('[etc-merge] a file changed here and upstream: your copy, whole', () => {
    const { question } = askedBy(etcSteps, 'tour.etcMerge.predictChrony')
    expect(rightAnswer(etcSteps, 'tour.etcMerge.predictChrony')).toBe('predict.choice.yours')
    expect(question.shownAt).toBe(merged)
    expect(newEtc('chrony.conf')).toMatch(/^server clock\.redhat\.com iburst\n/)
    expect(question.outcome.params).toMatchObject({
      path: '/etc/chrony.conf',
      version: '48.84.202108062347-0',
    })
  })

  it('[etc-merge] a file left alone that upstream changed: the new release’s file', () => {
    expect(rightAnswer(etcSteps, 'tour.etcMerge.predictMotd')).toBe('predict.choice.release')
    expect(newEtc('motd')).toContain('48.84.202108062347-0')
  })

  it('[etc-merge] a file changed here that upstream removed: your copy survives', () => {
    expect(rightAnswer(etcSteps, 'tour.etcMerge.predictRemoved')).toBe('predict.choice.yours')
  })

  it('[etc-merge] a local file where the new default is a directory: the merge stops', () => {
    const { question } = askedBy(etcSteps, 'tour.etcMerge.predictClash')
    expect(rightAnswer(etcSteps, 'tour.etcMerge.predictClash')).toBe('predict.choice.stopped')
    expect(etcSteps[question.shownAt!]?.event.type).toBe('finalize/failed')
    expect(question.outcome.params).toMatchObject({
      version: '48.84.202105281935-0',
      other: '48.84.202106231817-0',
    })
  })

  it('[etc-merge] a file deleted here is gone; one changed here and not upstream is yours', () => {
    const at = askedBy(etcSteps, 'tour.etcMerge.predictChrony').at
    expect(runProbe(etcSteps, at, { probe: 'etcFile', path: 'issue' })?.answer).toBe('gone')
    expect(runProbe(etcSteps, at, { probe: 'etcFile', path: 'hosts' })?.answer).toBe('yours')
  })

  it('[4] a line appended locally: the local file wins whole, no line-level merge', () => {
    expect(rightAnswer(discoverSteps, 'tour.discover.predictChrony')).toBe('predict.choice.yours')
  })
})

/** The tour with `change` applied to each of its actions. */
const changed = (tour: Tour, change: (action: TourAction) => TourAction | null): Tour => ({
  ...tour,
  actions: tour.actions.flatMap((action) => {
    const next = change(action)
    return next ? [next] : []
  }),
})

describe('answers computed from the tour', () => {
  it('a power cut moved after the rename turns the answer to the update', () => {
    // the first cut and the boot after it: the rest of the tour retells the second cut
    const firstCut = { ...pullThePlug, actions: pullThePlug.actions.slice(0, 7) }
    expect(firstCut.actions.at(-1)?.type).toBe('boot')
    const later = changed(firstCut, (action) =>
      action.until?.event === 'bootloader/synced'
        ? { ...action, until: { event: 'bootloader/loaderSwapped' } }
        : action,
    )
    const steps = run(later)
    expect(rightAnswer(steps, 'tour.pullThePlug.predictBefore')).toBe('predict.choice.update')
    expect(rightAnswer(pullSteps, 'tour.pullThePlug.predictBefore')).toBe('predict.choice.running')
  })

  it('without the local edit of chrony.conf, the merge gives the new release’s file', () => {
    const untouched = changed(etcMerge, (action) =>
      action.type === 'editEtc' && action.edit.path === '/etc/chrony.conf'
        ? { type: 'editEtc', edit: { type: 'write', path: '/etc/myapp.conf', data: 'x\n' } }
        : action,
    )
    const steps = run(untouched)
    expect(rightAnswer(steps, 'tour.etcMerge.predictChrony')).toBe('predict.choice.release')
  })

  const chapter = { id: 'all', titleKey: 'tour.x', whyKey: 'tour.y' }
  const rollback: TourQuestion = {
    event: 'boot/finished',
    key: 'tour.discover.predictRollback',
    probe: 'nextBoot',
    choices: [{ answer: 'running', key: 'predict.choice.running' }],
  }

  it('a question nothing answers, or whose outcome no choice names, stops the tour', () => {
    const base: Tour = {
      id: 'q',
      titleKey: 'tour.pullThePlug.title',
      summaryKey: 'tour.pullThePlug.summary',
      profile: 'fcos',
      actions: [
        { type: 'install', chapter },
        { type: 'boot', questions: [rollback] },
      ],
    }
    expect(() => run(base)).toThrow(/has no outcome/)
    const offered: Tour = {
      ...base,
      actions: [
        { type: 'install', chapter },
        { type: 'boot' },
        { type: 'publish' },
        { type: 'upgrade', questions: [{ ...rollback, event: 'deployment/staged' }] },
        { type: 'reboot' },
      ],
    }
    expect(() => run(offered)).toThrow(/no choice for 'other'/)
  })
})
