import { describe, expect, it } from 'vitest'
import { performAction } from '../../scenarios/run'
import type { MachineAction, TourStep } from '../../scenarios/types'
import { encodeForks } from '../embed/forkCode'
import { createPlayerStore } from './playerStore'
import { openTour, startOf } from './tours'

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
