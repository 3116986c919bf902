import { describe, expect, it } from 'vitest'
import type { Machine, MachineEvent, Step } from '../../engine/types'
import { createPlayerStore } from './playerStore'
import type { StepQuestion, TourStep } from '../../scenarios/types'
import {
  selectCaption,
  selectIsFirst,
  selectIsLast,
  selectQuestion,
  selectTotal,
} from './selectors'

// Steps built by hand: the player is generic over any timeline.
const machine = { version: 1 } as unknown as Machine
const steps: Step[] = ['a', 'b', 'c', 'd'].map((name) => ({
  event: { type: `test/${name}` } as unknown as MachineEvent,
  caption: { key: `step.test.${name}` },
  touched: [],
  machine,
}))

function loaded(cursor = 0) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('t', steps, cursor)
  return store
}

describe('player store', () => {
  it('steps forward and back within the timeline', () => {
    const store = loaded()
    const { next, previous, last, first } = store.getState().actions
    previous()
    expect(store.getState().cursor).toBe(0)
    next()
    next()
    expect(selectCaption(store.getState())?.key).toBe('step.test.c')
    last()
    next()
    expect(store.getState().cursor).toBe(3)
    expect(selectIsLast(store.getState())).toBe(true)
    first()
    expect(selectIsFirst(store.getState())).toBe(true)
    expect(selectTotal(store.getState())).toBe(4)
  })

  it('clamps a requested cursor to the timeline', () => {
    expect(loaded(99).getState().cursor).toBe(3)
    expect(loaded(-5).getState().cursor).toBe(0)
  })

  it('plays to the end and stops; playing at the end starts over', () => {
    const store = loaded(1)
    const { play, tick } = store.getState().actions
    play()
    expect(store.getState().playing).toBe(true)
    tick()
    tick()
    expect(store.getState().cursor).toBe(3)
    expect(store.getState().playing).toBe(false)
    play()
    expect(store.getState().cursor).toBe(0)
    expect(store.getState().playing).toBe(true)
  })

  it('stops playing when the reader steps by hand', () => {
    const store = loaded()
    store.getState().actions.play()
    store.getState().actions.next()
    expect(store.getState().playing).toBe(false)
  })

  it('moves the speed along its steps, and stops at each end', () => {
    const store = createPlayerStore()
    const { faster, slower } = store.getState().actions
    faster()
    expect(store.getState().speed).toBe(1.5)
    for (let i = 0; i < 10; i++) faster()
    expect(store.getState().speed).toBe(4)
    for (let i = 0; i < 10; i++) slower()
    expect(store.getState().speed).toBe(0.25)
  })

  it('keeps notices until dismissed', () => {
    const store = createPlayerStore()
    store.getState().actions.notify({ key: 'notice.badStep', params: { value: 'abc' } })
    const [notice] = store.getState().notices
    expect(notice?.message.key).toBe('notice.badStep')
    store.getState().actions.dismiss(notice?.id ?? -1)
    expect(store.getState().notices).toEqual([])
  })

  it('does not change the steps it is given', () => {
    const frozen = Object.freeze(steps.map((s) => Object.freeze(s)))
    const store = createPlayerStore()
    store.getState().actions.loadedTour('t', frozen)
    store.getState().actions.last()
    expect(store.getState().timeline).toBe(frozen)
  })

  describe('answers to the questions', () => {
    // step b asks; step d shows what happened
    const question: StepQuestion = {
      question: { key: 'tour.q' },
      choices: [{ key: 'predict.a' }, { key: 'predict.b' }],
      answer: 1,
      outcome: { key: 'predict.o' },
      shownAt: 3,
    }
    const asking: TourStep[] = steps.map((step, i) => (i === 1 ? { ...step, question } : step))
    const load = () => {
      const store = createPlayerStore()
      store.getState().actions.loadedTour('t', asking, 1)
      return store
    }
    const perform = () => [steps[0]!]

    it('keeps the answer when the reader steps away and back; the first pick stands', () => {
      const store = load()
      const { answer, next, previous } = store.getState().actions
      expect(selectQuestion(store.getState())).toBe(question)
      answer(1, 0)
      answer(1, 1)
      next()
      previous()
      expect(store.getState().answers).toEqual({ 1: 0 })
    })

    it('does not stop playback: the question shows, the tour plays on', () => {
      const store = load()
      const { play, answer, tick } = store.getState().actions
      play()
      answer(1, 1)
      expect(store.getState().playing).toBe(true)
      tick()
      expect(store.getState().cursor).toBe(2)
    })

    it('forgets the answers with the tour', () => {
      const store = load()
      store.getState().actions.answer(1, 1)
      store.getState().actions.loadingTour('other')
      expect(store.getState().answers).toEqual({})
    })

    it('drops answers on steps a fork removes, and a question whose outcome it removes', () => {
      const store = load()
      store.getState().actions.answer(1, 1)
      store.getState().actions.goTo(2)
      store.getState().actions.act({ type: 'powerLoss' }, perform)
      expect(store.getState().answers).toEqual({ 1: 1 })
      store.getState().actions.goTo(1)
      // step d, which showed the outcome, is gone
      expect(selectQuestion(store.getState())).toBeUndefined()
      const later = load()
      later.getState().actions.goTo(3)
      later.getState().actions.act({ type: 'powerLoss' }, perform)
      later.getState().actions.goTo(1)
      expect(selectQuestion(later.getState())).toBe(question)
      later.getState().actions.answer(1, 0)
      later.getState().actions.goTo(0)
      later.getState().actions.act({ type: 'powerLoss' }, perform)
      expect(later.getState().answers).toEqual({})
    })
  })
})

describe('a slide’s range of steps', () => {
  const ranged = (cursor?: number) => {
    const store = createPlayerStore()
    store.getState().actions.loadedTour('t', steps, cursor, [], 'reader', { from: 1, to: 2 })
    return store
  }

  it('opens within the range and steps, plays and counts within it', () => {
    const store = ranged(0)
    const { next, previous, last, first, play, tick } = store.getState().actions
    expect(store.getState().cursor).toBe(1)
    expect(selectTotal(store.getState())).toBe(2)
    expect(selectIsFirst(store.getState())).toBe(true)
    previous()
    expect(store.getState().cursor).toBe(1)
    next()
    next()
    expect(store.getState().cursor).toBe(2)
    expect(selectIsLast(store.getState())).toBe(true)
    first()
    expect(store.getState().cursor).toBe(1)
    last()
    expect(store.getState().cursor).toBe(2)
    play()
    expect(store.getState().cursor).toBe(1)
    tick()
    tick()
    expect(store.getState()).toMatchObject({ cursor: 2, playing: false })
  })

  it('clamps a step outside the range to it, and a jump too', () => {
    expect(ranged(3).getState().cursor).toBe(2)
    const store = ranged()
    store.getState().actions.goTo(0)
    expect(store.getState().cursor).toBe(1)
    store.getState().actions.goTo(3)
    expect(store.getState().cursor).toBe(2)
  })

  it('runs on to the reader’s own steps once they act on the machine', () => {
    const store = ranged(2)
    const perform = () => [steps[3] as Step, steps[3] as Step]
    store.getState().actions.act({ type: 'reboot' }, perform)
    expect(store.getState().range).toEqual({ from: 1, to: null })
    store.getState().actions.last()
    expect(store.getState().cursor).toBe(4)
  })
})

describe('a link’s forks and the reader’s', () => {
  const perform = () => [steps[0] as Step]

  it('acting on a link’s machine makes the timeline the reader’s, and withdraws the offer of their own', () => {
    const store = createPlayerStore()
    const { loadedTour, notify, act } = store.getState().actions
    loadedTour('sandbox', steps, 3, [{ at: 2, action: { type: 'powerLoss' } }], 'link')
    notify({ key: 'notice.savedKept' }, 'openSaved')
    notify({ key: 'notice.badStep' })
    expect(store.getState().forksFrom).toBe('link')
    act({ type: 'reboot' }, perform)
    expect(store.getState().forksFrom).toBe('reader')
    expect(store.getState().notices.map((n) => n.message.key)).toEqual(['notice.badStep'])
  })

  it('the restored terminal’s entries get ids of their own', () => {
    const store = createPlayerStore()
    const shell = { cwd: '/', user: 'core' as const, history: [], env: {} }
    store.getState().actions.ranCommand({ prompt: '$ ', line: 'a', output: '' }, shell)
    const entry = { prompt: '$ ', line: 'ls', output: '' }
    store.getState().actions.restoredTerminal(shell, [entry, entry])
    store.getState().actions.ranCommand({ prompt: '$ ', line: 'b', output: '' }, shell)
    const ids = store.getState().transcript.map((e) => e.id)
    expect(new Set(ids).size).toBe(3)
    expect(store.getState().transcript.map((e) => e.line)).toEqual(['ls', 'ls', 'b'])
  })
})

describe('a tour whose later steps are still arriving', () => {
  const steps = ['a', 'b', 'c', 'd', 'e'].map((type): TourStep => ({
    event: { type } as unknown as TourStep['event'],
    caption: { key: `step.test.${type}` },
    touched: [],
    machine: {} as TourStep['machine'],
  }))

  function arriving() {
    const store = createPlayerStore()
    store.getState().actions.loadedTour('t', steps.slice(0, 2), 0, [], 'reader', null, true)
    return store
  }

  it('grows with the steps that follow those shown, and is whole when they are all in', () => {
    const store = arriving()
    store.getState().actions.moreSteps(steps.slice(0, 4), false)
    expect(store.getState()).toMatchObject({ arriving: true, cursor: 0 })
    expect(store.getState().timeline).toHaveLength(4)
    store.getState().actions.moreSteps(steps, true)
    expect(store.getState().arriving).toBe(false)
    expect(store.getState().timeline).toBe(steps)
  })

  it('plays on at the last step known, waiting for the next', () => {
    const store = arriving()
    const { play, tick, moreSteps } = store.getState().actions
    play()
    tick()
    expect(store.getState()).toMatchObject({ cursor: 1, playing: true })
    tick()
    expect(store.getState()).toMatchObject({ cursor: 1, playing: true })
    moreSteps(steps, true)
    tick()
    expect(store.getState()).toMatchObject({ cursor: 2, playing: true })
  })

  it('stops growing once the reader acts: the future is theirs', () => {
    const store = arriving()
    const { act, moreSteps } = store.getState().actions
    act({ type: 'reboot' }, () => [steps[4]!])
    expect(store.getState().arriving).toBe(false)
    moreSteps(steps, true)
    expect(store.getState().timeline.map((s) => s.event.type)).toEqual(['a', 'e'])
  })

  it('ignores steps of another tour', () => {
    const store = arriving()
    const other = steps.map((s) => ({ ...s }))
    store.getState().actions.moreSteps(other, true)
    expect(store.getState().timeline).toHaveLength(2)
    expect(store.getState().arriving).toBe(true)
  })
})
