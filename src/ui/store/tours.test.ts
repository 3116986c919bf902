import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { performAction } from '../../scenarios/run'
import type { MachineAction, TourStep } from '../../scenarios/types'
import { encodeForks } from '../embed/forkCode'
import { MemoryStorage } from '../embed/memoryStorage'
import { loadSaved, SAVED_KEY, saveSandbox, type SavedEntry } from '../embed/savedSandbox'
import { createPlayerStore, type Fork } from './playerStore'
import { openTour, resolveRange, startAfresh, startOf } from './tours'

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

describe('the saved sandbox', () => {
  const upgrade: MachineAction = { type: 'shell', line: 'sudo rpm-ostree upgrade --bypass-driver' }
  const SHELL = { cwd: '/var/home/core', user: 'core' as const, history: ['ls'], env: {} }
  const TRANSCRIPT: SavedEntry[] = [{ prompt: '$ ', line: 'ls', output: 'a\n' }]
  let storage: MemoryStorage
  beforeEach(() => {
    storage = new MemoryStorage()
    vi.stubGlobal('localStorage', storage)
  })
  afterEach(() => vi.unstubAllGlobals())

  /** The sandbox's forks once the reader upgraded from its last step. */
  async function upgraded(): Promise<{ forks: readonly Fork[]; first: number; length: number }> {
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox', null, null, { asWritten: true })
    store.getState().actions.act(upgrade, performAction)
    const { forks, first, timeline } = store.getState()
    return { forks, first, length: timeline.length }
  }

  async function save(forks: readonly Fork[], step: number): Promise<void> {
    const actions = forks.length === 0 ? null : await encodeForks(forks)
    saveSandbox(storage, 'fcos', { actions, step, shell: SHELL, transcript: TRANSCRIPT })
  }

  const keys = (store: ReturnType<typeof createPlayerStore>) =>
    store.getState().notices.map((n) => [n.message.key, n.action])

  it('opening the sandbox without actions restores it, at its step, with its terminal', async () => {
    const { forks, first } = await upgraded()
    await save(forks, 5)
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox')
    const state = store.getState()
    expect(state.forks).toEqual(forks)
    expect(state.forksFrom).toBe('reader')
    expect(state.cursor).toBe(first + 5)
    expect(state.shell).toEqual(SHELL)
    expect(state.transcript.map(({ id: _id, ...entry }) => entry)).toEqual(TRANSCRIPT)
    expect(keys(store)).toEqual([['notice.savedRestored', 'startAfresh']])
    expect(state.notices[0]?.message.params).toEqual({ count: 1 })
  }, 60_000)

  it('a link with actions wins; the reader’s own stays saved, and is offered', async () => {
    const { forks } = await upgraded()
    await save(forks, 5)
    const before = storage.getItem(SAVED_KEY)
    const store = createPlayerStore({ tourId: 'sandbox' })
    const theirs: Fork[] = [{ at: forks[0]?.at ?? 0, action: { type: 'powerLoss' } }]
    await openTour(store, 'sandbox', null, await encodeForks(theirs))
    expect(store.getState().forks).toEqual(theirs)
    expect(store.getState().forksFrom).toBe('link')
    expect(store.getState().transcript).toEqual([])
    expect(keys(store)).toEqual([['notice.savedKept', 'openSaved']])
    expect(storage.getItem(SAVED_KEY)).toBe(before)
  }, 60_000)

  it('a link with the very actions saved is the reader’s own: no notice, their terminal', async () => {
    const { forks, first } = await upgraded()
    await save(forks, 5)
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox', 2, await encodeForks(forks))
    expect(store.getState().forksFrom).toBe('reader')
    expect(store.getState().cursor).toBe(first + 2)
    expect(store.getState().shell).toEqual(SHELL)
    expect(store.getState().notices).toEqual([])
  }, 60_000)

  it('actions that no longer replay reset it: removed, the tour as written, a notice', async () => {
    await save([{ at: 10_000, action: { type: 'powerLoss' } }], 0)
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox')
    const state = store.getState()
    expect(state.forks).toEqual([])
    expect(state.cursor).toBe(state.timeline.length - 1)
    expect(state.shell).toBeNull()
    expect(keys(store)).toEqual([['notice.savedReset', undefined]])
    expect(await loadSaved(storage, 'fcos')).toEqual({ kind: 'none' })
  }, 60_000)

  it('a step the timeline does not have resets it', async () => {
    const { forks, first, length } = await upgraded()
    await save(forks, length - first)
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox')
    expect(store.getState().forks).toEqual([])
    expect(keys(store)).toEqual([['notice.savedReset', undefined]])
    expect(storage.getItem(SAVED_KEY)).toBeNull()
  }, 60_000)

  it('storage that cannot be read resets with a notice; storage that throws is silent', async () => {
    storage.setItem(SAVED_KEY, 'garbage')
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox')
    expect(keys(store)).toEqual([['notice.savedReset', undefined]])
    expect(storage.getItem(SAVED_KEY)).toBeNull()

    storage.denied = true
    const denied = createPlayerStore({ tourId: 'sandbox' })
    await openTour(denied, 'sandbox')
    expect(denied.getState().status).toEqual({ kind: 'ready' })
    expect(denied.getState().notices).toEqual([])
  }, 60_000)

  it('start afresh forgets it and opens the sandbox as written', async () => {
    const { forks } = await upgraded()
    await save(forks, 5)
    const store = createPlayerStore({ tourId: 'sandbox' })
    await openTour(store, 'sandbox')
    await startAfresh(store)
    const state = store.getState()
    expect(state.forks).toEqual([])
    expect(state.cursor).toBe(state.timeline.length - 1)
    expect(state.transcript).toEqual([])
    expect(storage.getItem(SAVED_KEY)).toBeNull()
  }, 60_000)

  it('an embedded sandbox shows its link, never the saved one', async () => {
    const { forks } = await upgraded()
    await save(forks, 5)
    const store = createPlayerStore({ tourId: 'sandbox', embed: true })
    await openTour(store, 'sandbox')
    expect(store.getState().forks).toEqual([])
    expect(store.getState().notices).toEqual([])
  }, 60_000)
})

describe('a tour as written', () => {
  /** What the store held each time the tour it shows changed: its length, and if more was coming. */
  function watch(store: ReturnType<typeof createPlayerStore>) {
    const seen: { length: number; arriving: boolean; cursor: number }[] = []
    store.subscribe((s, before) => {
      if (s.status.kind === 'ready' && s.timeline !== before.timeline)
        seen.push({ length: s.timeline.length, arriving: s.arriving, cursor: s.cursor })
    })
    return seen
  }

  it('shows its first steps before the rest are computed, then grows to the whole tour', async () => {
    const store = createPlayerStore({ tourId: 'first-boot' })
    const seen = watch(store)
    await openTour(store, 'first-boot')
    await vi.waitFor(() => expect(store.getState().arriving).toBe(false))
    const whole = store.getState().timeline.length
    expect(seen.length).toBeGreaterThan(1)
    expect(seen[0]).toMatchObject({ arriving: true, cursor: 0 })
    expect(seen[0]!.length).toBeLessThan(whole)
    expect(seen.at(-1)).toEqual({ length: whole, arriving: false, cursor: 0 })
    // it only grows, and the reader stays where they are
    seen.forEach((s, i) => expect(s.length).toBeGreaterThanOrEqual(seen[i - 1]?.length ?? 0))
  }, 60_000)

  it('shows a link deep into the tour once its step is in', async () => {
    const store = createPlayerStore({ tourId: 'atomic-upgrade' })
    const seen = watch(store)
    await openTour(store, 'atomic-upgrade', 14)
    await vi.waitFor(() => expect(store.getState().arriving).toBe(false))
    const { first, cursor } = store.getState()
    expect(cursor).toBe(first + 14)
    expect(seen[0]!.length).toBeGreaterThan(first + 14)
    expect(seen.every((s) => s.cursor === first + 14)).toBe(true)
    expect(store.getState().notices).toEqual([])
  }, 60_000)
})
