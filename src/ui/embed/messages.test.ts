import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventMessage, NAMESPACE, readMessage, readState, type HostState } from './messages'

const METHODS = ['next', 'prev', 'goto', 'chapter', 'play', 'pause', 'setState', 'getState']

describe('readMessage', () => {
  it("reads reveal.js's slide messages, as the plain strings it sends", () => {
    expect(readMessage('slide:start')).toEqual({ kind: 'slide', shown: true })
    expect(readMessage('slide:stop')).toEqual({ kind: 'slide', shown: false })
  })

  it('reads commands as objects and as JSON strings, with or without the namespace', () => {
    const next = { kind: 'command', command: { method: 'next' } }
    expect(readMessage({ method: 'next' })).toEqual(next)
    expect(readMessage('{"method":"next","args":[]}')).toEqual(next)
    expect(readMessage({ namespace: NAMESPACE, method: 'next' })).toEqual(next)
    expect(readMessage({ method: 'goto', args: [7] })).toEqual({
      kind: 'command',
      command: { method: 'goto', step: 7 },
    })
    expect(readMessage({ method: 'chapter', args: ['stage'] })).toMatchObject({
      command: { method: 'chapter', chapter: 'stage' },
    })
    expect(readMessage({ method: 'chapter', args: [2] })).toMatchObject({
      command: { method: 'chapter', chapter: 2 },
    })
  })

  it('ignores what is not for the tour: another namespace, an unknown method, bad arguments', () => {
    for (const data of [
      { namespace: 'reveal', method: 'next' },
      { method: 'explode' },
      { method: 'goto', args: [0] },
      { method: 'goto', args: ['7'] },
      { method: 'goto', args: [1.5] },
      { method: 'goto' },
      { method: 'chapter', args: ['Not An Id'] },
      { method: 'setState', args: ['step=3'] },
      { method: 'toString' },
      { method: '__proto__' },
      '{"method":"next"',
      'next',
      '',
      '[1,2]',
      null,
      undefined,
      42,
      [{ method: 'next' }],
      { eventName: 'slidechanged', namespace: 'reveal' },
    ])
      expect(readMessage(data)).toBeNull()
  })

  it('never throws, whatever comes, and reads only what it knows', () => {
    const anything = fc.oneof(
      fc.anything(),
      fc.json(),
      fc.string(),
      fc.record({ method: fc.string(), args: fc.array(fc.anything()) }),
      fc.record({
        method: fc.constantFrom(...METHODS),
        args: fc.array(fc.anything(), { maxLength: 3 }),
        namespace: fc.option(fc.constantFrom(NAMESPACE, 'reveal', ''), { nil: undefined }),
      }),
    )
    fc.assert(
      fc.property(anything, (data) => {
        const message = readMessage(data)
        if (message === null || message.kind === 'slide') return
        const { command } = message
        expect(METHODS).toContain(command.method)
        if (command.method === 'goto') expect(Number.isSafeInteger(command.step)).toBe(true)
        if (command.method === 'goto') expect(command.step).toBeGreaterThanOrEqual(1)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('readState', () => {
  it('keeps the fields that make sense and leaves the others out', () => {
    expect(
      readState({
        tour: 'atomic-upgrade',
        step: 4,
        playing: 'yes',
        speed: 7,
        lang: 'fr',
        theme: 'neon',
        extra: true,
      }),
    ).toEqual({ tour: 'atomic-upgrade', step: 4, lang: 'fr' })
    expect(readState({ speed: 2, theme: 'dark', playing: false })).toEqual({
      speed: 2,
      theme: 'dark',
      playing: false,
    })
  })

  it('gives only known fields of the right type, for anything', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const state = readState(value)
        for (const key of Object.keys(state))
          expect(['tour', 'step', 'playing', 'speed', 'lang', 'theme']).toContain(key)
      }),
    )
  })
})

describe('eventMessage', () => {
  it("is a JSON string in reveal.js's envelope", () => {
    const state: HostState = {
      tour: 'discover',
      step: 3,
      of: 97,
      position: 3,
      total: 40,
      chapter: 'boot',
      playing: false,
      speed: 1,
      lang: 'en',
      theme: 'auto',
    }
    expect(JSON.parse(eventMessage('callback', state, { command: 'getState' }))).toEqual({
      namespace: 'coreos-explorer',
      eventName: 'callback',
      state,
      command: 'getState',
    })
  })
})
