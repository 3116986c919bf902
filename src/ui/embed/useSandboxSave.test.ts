import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Machine, MachineEvent, Step } from '../../engine/types'
import type { MachineAction } from '../../scenarios/types'
import { createPlayerStore, type Fork, type PlayerStore } from '../store/playerStore'
import { encodeForks } from './forkCode'
import { MemoryStorage } from './memoryStorage'
import { loadSaved, SAVED_KEY } from './savedSandbox'
import { watchSandbox } from './useSandboxSave'

// Steps built by hand: the saver looks at the player, not at the machine.
const machine = { version: 1 } as unknown as Machine
const step = (name: string): Step => ({
  event: { type: `test/${name}` } as unknown as MachineEvent,
  caption: { key: `step.test.${name}` },
  touched: [],
  machine,
})
const steps = ['a', 'b', 'c', 'd'].map(step)
const reboot: MachineAction = { type: 'reboot' }
const SHELL = { cwd: '/var/home/core', user: 'core' as const, history: ['ls'], env: {} }

/** The sandbox, loaded as `openTour` leaves it. */
function sandbox(from: 'link' | 'reader' = 'reader', os: 'fcos' | 'rhcos' = 'fcos') {
  const store = createPlayerStore({ tourId: 'sandbox', os })
  store.getState().actions.loadingTour('sandbox')
  store.getState().actions.loadedTour('sandbox', steps, 3, [], from)
  return store
}

/** Acts on the machine at the cursor, adding one step. */
const act = (store: PlayerStore) =>
  store.getState().actions.act(reboot, () => [step('rebooted')], 'last')

/** The actions' codes being computed, so a test can wait for them. */
let encoding: Promise<string>[] = []
const encode = (forks: readonly Fork[]) => {
  const code = encodeForks(forks)
  encoding.push(code)
  return code
}

/** Waits until the actions' codes are computed, the player not yet settled. */
async function encoded(): Promise<void> {
  await Promise.all(encoding)
}

/** Lets the actions' code be computed, then the saver settle. */
async function settle(): Promise<void> {
  await encoded()
  await vi.advanceTimersByTimeAsync(400)
}

const watch = (store: PlayerStore, storage: Storage) => watchSandbox(store, storage, { encode })

describe('saving the sandbox as it changes', () => {
  let storage: MemoryStorage
  beforeEach(() => {
    vi.useFakeTimers()
    storage = new MemoryStorage()
    encoding = []
  })
  afterEach(() => vi.useRealTimers())

  it('an action, a command typed and the step shown are saved once the player settles', async () => {
    const store = sandbox()
    const { stop } = watch(store, storage)
    act(store)
    store.getState().actions.ranCommand({ prompt: '$ ', line: 'ls', output: 'a\n' }, SHELL)
    expect(storage.getItem(SAVED_KEY)).toBeNull()
    await settle()
    expect(await loadSaved(storage, 'fcos')).toEqual({
      kind: 'saved',
      sandbox: {
        forks: [{ at: 3, action: reboot }],
        step: 4,
        shell: SHELL,
        transcript: [{ prompt: '$ ', line: 'ls', output: 'a\n' }],
      },
    })
    store.getState().actions.previous()
    await settle()
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ sandbox: { step: 3 } })
    stop()
  })

  it('a link’s sandbox is not saved over the reader’s own until they act on it', async () => {
    const store = sandbox('link')
    const { stop } = watch(store, storage)
    store.getState().actions.previous()
    store.getState().actions.ranCommand({ prompt: '$ ', line: 'ls', output: '' }, SHELL)
    await settle()
    expect(storage.getItem(SAVED_KEY)).toBeNull()
    act(store)
    await settle()
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved' })
    stop()
  })

  it('another tour is not saved, and the sandbox left is saved at once', async () => {
    const store = sandbox()
    const { stop } = watch(store, storage)
    act(store)
    // the actions' code is computed, the player not yet settled
    await encoded()
    store.getState().actions.loadingTour('discover')
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved', sandbox: { step: 4 } })
    store.getState().actions.loadedTour('discover', steps, 0)
    store.getState().actions.next()
    await settle()
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved', sandbox: { step: 4 } })
    stop()
  })

  it('switching system saves the sandbox under the system it ran, not the new one', async () => {
    const store = sandbox()
    const { stop } = watch(store, storage)
    act(store)
    await encoded()
    // as the System menu does: the choice first, then the other system's sandbox loads
    store.getState().actions.setOs('rhcos')
    store.getState().actions.loadingTour('sandbox')
    store.getState().actions.loadedTour('sandbox', steps, 2)
    await settle()
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved', sandbox: { step: 4 } })
    expect(await loadSaved(storage, 'rhcos')).toEqual({ kind: 'none' })
    stop()
  })

  it('an embedded sandbox is never saved', async () => {
    const store = sandbox()
    store.setState({ embed: true })
    const { stop } = watch(store, storage)
    act(store)
    await settle()
    expect(storage.getItem(SAVED_KEY)).toBeNull()
    stop()
  })

  it('storage that refuses: one notice for the visit, and the page goes on', async () => {
    storage.quota = 0
    const store = sandbox()
    const { stop } = watch(store, storage)
    act(store)
    await settle()
    act(store)
    await settle()
    expect(store.getState().notices.map((n) => n.message.key)).toEqual(['notice.savedFailed'])
    stop()
  })

  it('flush writes what is pending at once (the page is going away)', async () => {
    const store = sandbox()
    const { flush, stop } = watch(store, storage)
    act(store)
    await encoded()
    flush()
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved' })
    stop()
  })
})
