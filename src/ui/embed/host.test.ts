// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import type { TourStep } from '../../scenarios/types'
import { createPlayerStore } from '../store/playerStore'
import { connectHost } from './host'

// the atomic-upgrade tour's chapters, for `chapter`; the steps themselves are made up
const step = (chapter?: number): TourStep => ({
  event: { type: 'power/on' },
  caption: { key: 'step.test' },
  touched: [],
  machine: {} as TourStep['machine'],
  ...(chapter === undefined ? {} : { chapter }),
})
const steps = [step(), step(0), step(0), step(1), step(1), step(2)]

/** A frame in a deck: the deck's window receives what the tour posts. */
function framed(options: { origins?: string[]; autoplay?: boolean } = {}) {
  const listeners = new Set<(event: MessageEvent) => void>()
  const posted: { data: Record<string, unknown>; origin: string }[] = []
  const parent = {
    postMessage: (message: string, origin: string) =>
      posted.push({ data: JSON.parse(message) as Record<string, unknown>, origin }),
    focus: vi.fn(),
  }
  const win = {
    parent,
    document,
    innerWidth: 960,
    innerHeight: 600,
    addEventListener: (_: string, listener: (event: MessageEvent) => void) =>
      listeners.add(listener),
    removeEventListener: (_: string, listener: (event: MessageEvent) => void) =>
      listeners.delete(listener),
  } as unknown as Window
  const store = createPlayerStore({ tourId: 'atomic-upgrade' })
  const host = connectHost(
    store,
    { origins: options.origins ?? null, autoplay: options.autoplay ?? false },
    win,
  )
  const send = (data: unknown, origin = 'https://deck.example', source: unknown = parent) => {
    for (const listener of listeners) listener({ data, origin, source } as MessageEvent)
  }
  const events = () => posted.map((p) => p.data.eventName)
  return { store, host, send, posted, events, parent }
}

describe('the tour in a deck', () => {
  it('says it is ready once the tour is, then each step, and the end', () => {
    const { store, events, posted } = framed()
    store.getState().actions.loadedTour('atomic-upgrade', steps)
    expect(events()).toEqual(['ready'])
    expect(posted[0]?.data.state).toMatchObject({
      tour: 'atomic-upgrade',
      step: 1,
      of: 5,
      total: 5,
    })
    store.getState().actions.next()
    store.getState().actions.last()
    expect(events()).toEqual(['ready', 'stepchanged', 'stepchanged', 'ended'])
    expect(posted.at(-1)?.data.state).toMatchObject({ step: 5, position: 5, chapter: 'switch' })
  })

  it('runs commands and answers each with the state after it', () => {
    const { store, send, posted } = framed()
    store.getState().actions.loadedTour('atomic-upgrade', steps)
    send({ method: 'goto', args: [3] })
    expect(store.getState().cursor).toBe(3)
    send('{"method":"prev"}')
    expect(store.getState().cursor).toBe(2)
    send({ method: 'chapter', args: ['switch'] })
    expect(store.getState().cursor).toBe(5)
    send({ method: 'chapter', args: [2] })
    expect(store.getState().cursor).toBe(3)
    send({ method: 'getState' })
    expect(posted.at(-1)?.data).toMatchObject({
      eventName: 'callback',
      command: 'getState',
      result: { step: 3, chapter: 'stage' },
    })
    send({ method: 'setState', args: [{ step: 2, speed: 2, theme: 'dark', playing: true }] })
    expect(store.getState()).toMatchObject({ cursor: 2, speed: 2, theme: 'dark', playing: true })
    // reveal.js runs the `method` a message names on the deck: no event names one
    expect(posted.filter((p) => 'method' in p.data)).toEqual([])
  })

  it('pauses when the slide is left, and plays when shown if the link asks', () => {
    const quiet = framed()
    quiet.store.getState().actions.loadedTour('atomic-upgrade', steps)
    quiet.send('slide:start')
    expect(quiet.store.getState().playing).toBe(false)

    const { store, send } = framed({ autoplay: true })
    // shown before the tour is computed: it plays once it is
    send('slide:start')
    store.getState().actions.loadedTour('atomic-upgrade', steps)
    expect(store.getState().playing).toBe(true)
    send('slide:stop')
    expect(store.getState().playing).toBe(false)
  })

  it('ignores garbage, other namespaces, other windows and origins not allowed', () => {
    const { store, send, posted } = framed({ origins: ['https://deck.example'] })
    store.getState().actions.loadedTour('atomic-upgrade', steps)
    const before = store.getState()
    for (const data of [
      '{',
      'next',
      42,
      null,
      { method: 'explode' },
      { namespace: 'x', method: 'next' },
    ])
      expect(() => send(data)).not.toThrow()
    send({ method: 'next' }, 'https://evil.example')
    expect(store.getState()).toBe(before)
    expect(posted.map((p) => p.data.eventName)).toEqual(['ready'])
    // an allowed origin drives it, whichever window it speaks from
    send({ method: 'next' }, 'https://deck.example', null)
    expect(store.getState().cursor).toBe(2)
    // with an allow-list, only those origins may read what it says
    expect(new Set(posted.map((p) => p.origin))).toEqual(new Set(['https://deck.example']))
  })

  it('without an allow-list, listens to the page that holds it only', () => {
    const { store, send } = framed()
    store.getState().actions.loadedTour('atomic-upgrade', steps)
    send({ method: 'next' }, 'https://deck.example', {})
    expect(store.getState().cursor).toBe(1)
    send({ method: 'next' })
    expect(store.getState().cursor).toBe(2)
  })

  it('hands the keys back: focus leaves the tour and the key goes to the deck', () => {
    const { host, posted, parent } = framed()
    const button = document.createElement('button')
    document.body.append(button)
    button.focus()
    host.handBack({
      key: 'ArrowRight',
      code: 'ArrowRight',
      keyCode: 39,
      shiftKey: false,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
    })
    expect(document.activeElement).not.toBe(button)
    expect(parent.focus).toHaveBeenCalled()
    expect(posted.at(-1)?.data).toMatchObject({
      eventName: 'keydown',
      key: 'ArrowRight',
      keyCode: 39,
    })
  })
})
