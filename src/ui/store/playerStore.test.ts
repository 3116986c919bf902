import { describe, expect, it } from 'vitest'
import type { Machine, MachineEvent, Step } from '../../engine/types'
import { createPlayerStore } from './playerStore'
import { selectCaption, selectIsFirst, selectIsLast, selectTotal } from './selectors'

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
})
