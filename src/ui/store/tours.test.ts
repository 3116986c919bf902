import { describe, expect, it } from 'vitest'
import { performAction } from '../../scenarios/run'
import type { MachineAction, TourStep } from '../../scenarios/types'
import { encodeForks } from '../embed/forkCode'
import { createPlayerStore } from './playerStore'
import { openTour, resolveRange, startOf } from './tours'

const step = (chapter?: number): TourStep => ({
  event: { type: 'power/on' },
  caption: { key: 'step.test' },
  touched: [],
  machine: {} as TourStep['machine'],
  ...(chapter === undefined ? {} : { chapter }),
})

describe('startOf', () => {
  const steps = [step(), step(), step(0), step(0), step(1)]

  it('opens at the first step of the story, after the steps that prepare the machine, or the last', () => {
    expect(startOf(undefined, steps)).toBe(2)
    expect(startOf('first', steps)).toBe(2)
    expect(startOf('last', steps)).toBe(4)
  })

  it('opens at the first step of a tour whose story starts with it', () => {
    expect(startOf(undefined, [step(0), step(1)])).toBe(0)
  })
})

describe('resolveRange', () => {
  // two steps that prepare the machine, then chapters 0, 0, 1, 1, 2
  const steps = [step(), step(), step(0), step(0), step(1), step(1), step(2)]
  const ids = ['install', 'stage', 'reboot']

  it('counts steps from the story’s first, as step= does', () => {
    expect(resolveRange({ from: { step: 1 }, to: { step: 3 } }, steps, ids)).toEqual({
      range: { from: 3, to: 5 },
      notice: null,
    })
  })

  it('takes a chapter from its first step, or to its last', () => {
    expect(
      resolveRange({ from: { chapter: 'stage' }, to: { chapter: 'stage' } }, steps, ids),
    ).toEqual({
      range: { from: 4, to: 5 },
      notice: null,
    })
    expect(resolveRange({ from: { chapter: 'stage' }, to: null }, steps, ids).range).toEqual({
      from: 4,
      to: 6,
    })
  })

  it('ends at the last step when `to` is past it', () => {
    expect(resolveRange({ from: null, to: { step: 99 } }, steps, ids).range).toEqual({
      from: 2,
      to: 6,
    })
  })

  it('leaves the tour whole, with a notice, for a chapter it lacks or a range it does not have', () => {
    expect(resolveRange({ from: { chapter: 'nope' }, to: null }, steps, ids)).toEqual({
      range: null,
      notice: { key: 'notice.rangeChapter', params: { value: 'nope' } },
    })
    expect(resolveRange({ from: { step: 4 }, to: { step: 2 } }, steps, ids)).toMatchObject({
      range: null,
      notice: { key: 'notice.rangeEmpty' },
    })
    expect(resolveRange({ from: { step: 40 }, to: null }, steps, ids).range).toBeNull()
  })
})

describe('a link’s actions', () => {
  const upgrade: MachineAction = { type: 'shell', line: 'sudo rpm-ostree upgrade --bypass-driver' }

  /** The sandbox as a person leaves it: upgraded from the terminal, then rebooted. */
  async function acted() {
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox')
    const { actions } = store.getState()
    actions.last()
    actions.act(upgrade, performAction)
    actions.last()
    actions.act({ type: 'reboot' }, performAction)
    return store.getState()
  }

  it('replay on the tour to the same timeline, at its last step', async () => {
    const before = await acted()
    expect(before.forks).toHaveLength(2)
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox', null, await encodeForks(before.forks))
    const after = store.getState()
    expect(after.forks).toEqual(before.forks)
    expect(after.timeline).toEqual(before.timeline)
    expect(after.cursor).toBe(after.timeline.length - 1)
    expect(after.notices).toEqual([])
  }, 60_000)

  it('that cannot be read leave the tour as written, with a notice saying where', async () => {
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox', 0, '1.@@@')
    const state = store.getState()
    expect(state.forks).toEqual([])
    expect(state.cursor).toBe(state.first)
    expect(state.notices.map((n) => n.message)).toEqual([
      { key: 'notice.badActions', params: { where: 'code' } },
    ])
  }, 60_000)

  it('are replayed up to the first that names a step the timeline does not have', async () => {
    const { forks } = await acted()
    const beyond = [...forks, { at: 10_000, action: { type: 'powerLoss' } as const }]
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox', null, await encodeForks(beyond))
    const state = store.getState()
    expect(state.forks).toEqual(forks)
    expect(state.notices.map((n) => n.message.key)).toEqual(['notice.actionsStep'])
    expect(state.notices[0]?.message.params).toMatchObject({ index: 3, value: '10001' })
  }, 60_000)
})
