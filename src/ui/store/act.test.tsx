// @vitest-environment jsdom
import { act as actInReact, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { beforeAll, describe, expect, it } from 'vitest'
import { stepsOf } from '../../engine/testkit'
import type { Machine, MachineEvent, Step } from '../../engine/types'
import { everyBoot } from '../../scenarios/everyBoot'
import { runTour } from '../../scenarios/run'
import type { MachineAction } from '../../scenarios/types'
import { createPlayerStore, type Perform } from './playerStore'
import { selectCaption, selectForkedAt, selectIsFailure, selectMachine } from './selectors'
import { useAct } from './useAct'
import { PlayerContext } from './usePlayer'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

// A machine is just a value the fake engine threads through: `clock` counts the steps taken.
const machine = (clock: number) => ({ version: 1, clock }) as unknown as Machine
// An event is a label the store never reads.
const step = (type: string, clock: number): Step => ({
  event: { type } as unknown as MachineEvent,
  caption: { key: `step.test.${type}` },
  touched: [],
  machine: machine(clock),
})
const tour = ['a', 'b', 'c', 'd', 'e'].map((name, i) => step(name, i))

/** A fake engine: every action takes two steps from the machine it is given. */
const perform: Perform = (m, action) => [
  step(`${action.type}1`, m.clock + 100),
  step(`${action.type}2`, m.clock + 200),
]

function loaded(cursor: number) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('t', tour, cursor)
  return store
}

describe('act: fork the future', () => {
  it('runs the action on the machine at the cursor, drops the later steps and appends its own', () => {
    const store = loaded(1)
    const seen: Machine[] = []
    const spy: Perform = (m, a) => (seen.push(m), perform(m, a))
    const added = store.getState().actions.act({ type: 'reboot' }, spy)
    expect(seen).toEqual([machine(1)])
    expect(added).toHaveLength(2)
    const { timeline, cursor } = store.getState()
    expect(timeline.map((s) => s.event.type)).toEqual(['a', 'b', 'reboot1', 'reboot2'])
    expect(cursor).toBe(2) // the first new step
    expect(selectMachine(store.getState())?.clock).toBe(101)
  })

  it('keeps the steps it acted on untouched, and stops playback', () => {
    const store = loaded(2)
    store.getState().actions.play()
    store.getState().actions.act({ type: 'boot', entry: 1 }, perform)
    expect(store.getState().timeline.slice(0, 3)).toEqual(tour.slice(0, 3))
    expect(store.getState().playing).toBe(false)
  })

  it('appends at the end of the timeline too', () => {
    const store = loaded(4)
    store.getState().actions.act({ type: 'upgrade' }, perform)
    expect(store.getState().timeline).toHaveLength(7)
    expect(store.getState().cursor).toBe(5)
  })

  it('logs the actions taken, forgetting one whose steps a later fork dropped', () => {
    const store = loaded(1)
    const { act, goTo } = store.getState().actions
    act({ type: 'reboot' }, perform) // steps 2 and 3 are the reboot's
    act({ type: 'rollback' }, perform) // at 2: forks inside the reboot
    expect(store.getState().forks).toEqual([
      { at: 1, action: { type: 'reboot' } },
      { at: 2, action: { type: 'rollback' } },
    ])
    goTo(1)
    act({ type: 'publish' }, perform) // at 1 again: both earlier actions are gone
    expect(store.getState().forks).toEqual([{ at: 1, action: { type: 'publish' } }])
    expect(selectForkedAt(store.getState())).toBe(1)
  })

  it('shows a refusal as the caption of the step it adds', () => {
    const store = loaded(0)
    const refuse: Perform = (m) => [
      {
        event: { type: 'command/failed', command: 'power on', message: 'already on', exitCode: 1 },
        caption: { key: 'step.command.failed', params: { command: 'power on', message: 'x' } },
        touched: [],
        machine: m,
      },
    ]
    store.getState().actions.act({ type: 'boot' }, refuse)
    expect(selectIsFailure(store.getState())).toBe(true)
    expect(selectCaption(store.getState())?.key).toBe('step.command.failed')
  })

  it('does nothing without a machine, or when the action takes no step', () => {
    const empty = createPlayerStore()
    expect(empty.getState().actions.act({ type: 'boot' }, perform)).toEqual([])
    const store = loaded(2)
    store.getState().actions.act({ type: 'boot' }, () => [])
    expect(store.getState().timeline).toBe(tour)
    expect(store.getState().forks).toEqual([])
  })

  it('starts a new tour with no fork', () => {
    const store = loaded(1)
    store.getState().actions.act({ type: 'reboot' }, perform)
    store.getState().actions.loadedTour('t', tour, 0)
    expect(store.getState().forks).toEqual([])
  })
})

describe('useAct', () => {
  it('acts with the real engine: a reboot into GRUB’s second entry forks the tour', () => {
    const steps = runTour(everyBoot, { scale: 30 })
    const store = createPlayerStore()
    const finished = steps.findIndex((s) => s.event.type === 'boot/finished')
    store.getState().actions.loadedTour('every-boot', steps, finished)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PlayerContext.Provider value={store}>{children}</PlayerContext.Provider>
    )
    const { result } = renderHook(() => useAct(), { wrapper })
    const action: MachineAction = { type: 'reboot', entry: 0 }
    actInReact(() => result.current(action))
    const { timeline, cursor, forks } = store.getState()
    expect(cursor).toBe(finished + 1)
    expect(timeline[cursor]?.event.type).toBe('shutdown/started')
    expect(timeline.at(-1)?.event.type).toBe('boot/finished')
    expect(forks).toEqual([{ at: finished, action }])
    // GRUB's menu in the new boot shows the entry chosen
    const menu = stepsOf(timeline.slice(finished + 1), 'grub/menu')[0]
    expect(menu?.event.selected).toBe(0)
  })
})
