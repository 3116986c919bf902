import { useEffect } from 'react'
import type { ProfileId } from '../../engine/types'
import { findTour } from '../../scenarios/registry'
import type { Fork, PlayerState, PlayerStore } from '../store/playerStore'
import { encodeForks } from './forkCode'
import { browserStorage, SAVED_TOUR_ID, saveSandbox } from './savedSandbox'

/** How long the saved sandbox may lag the page: stepping and typing can be fast. */
const SETTLE_MS = 300

/** The system the sandbox in `s` runs. */
function systemOf(s: PlayerState): ProfileId {
  return findTour(s.tourId)?.profiles?.includes(s.os) ? s.os : (findTour(s.tourId)?.profile ?? s.os)
}

/** The reader's own sandbox is on screen: not a link's, not in a slide, not loading. */
function isOwnSandbox(s: PlayerState): boolean {
  return (
    s.tourId === SAVED_TOUR_ID && !s.embed && s.status.kind === 'ready' && s.forksFrom === 'reader'
  )
}

/** What is saved changed: the actions, the step, the terminal. */
function changed(s: PlayerState, before: PlayerState): boolean {
  return (
    s.forks !== before.forks ||
    s.cursor !== before.cursor ||
    s.shell !== before.shell ||
    s.transcript !== before.transcript ||
    s.forksFrom !== before.forksFrom ||
    s.status !== before.status
  )
}

interface Pending {
  os: ProfileId
  forks: readonly Fork[]
  step: number
  state: PlayerState
}

export interface WatchOptions {
  settleMs?: number
  /** How actions become a code (forkCode.ts `encodeForks`; a test waits on it). */
  encode?: (forks: readonly Fork[]) => Promise<string>
}

/**
 * Saves the reader's sandbox in `storage` (embed/savedSandbox.ts) as it changes, once the player
 * settles for `settleMs`; `flush` writes what is pending at once (the page is going away). The
 * actions' code is computed as soon as they change, since it is asynchronous and a page going away
 * does not wait: a change in its last millisecond may be lost, never a wrong one written.
 * Returns `flush` and `stop`.
 */
export function watchSandbox(
  store: PlayerStore,
  storage: Storage,
  { settleMs = SETTLE_MS, encode: encoder = encodeForks }: WatchOptions = {},
): { flush: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: Pending | null = null
  let warned = false
  // The system of the sandbox that is loaded; null while none of the reader's is. Kept apart from
  // the store's `os`, which changes before the sandbox of the new system loads.
  let system: ProfileId | null = isOwnSandbox(store.getState()) ? systemOf(store.getState()) : null
  const codes = new WeakMap<readonly Fork[], string>()

  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (!pending) return
    const { os, forks, step, state } = pending
    const code = forks.length === 0 ? null : codes.get(forks)
    // still being encoded: written when it is
    if (code === undefined) return
    pending = null
    const result = saveSandbox(storage, os, {
      actions: code,
      step,
      shell: state.shell,
      transcript: state.transcript.map(({ id: _id, ...entry }) => entry),
    })
    if (result === 'refused' && !warned) {
      warned = true
      store.getState().actions.notify({ key: 'notice.savedFailed' })
    }
  }

  const encode = (forks: readonly Fork[]) => {
    if (forks.length === 0 || codes.has(forks)) return
    encoder(forks).then(
      (code) => {
        codes.set(forks, code)
        if (pending?.forks === forks && timer === undefined) flush()
      },
      // without CompressionStream (an old browser) actions are not saved, as links carry none
      () => undefined,
    )
  }

  const stop = store.subscribe((s, before) => {
    if (
      isOwnSandbox(s) &&
      (system === null || (s.os === before.os && s.tourId === before.tourId))
    ) {
      system ??= systemOf(s)
      if (!changed(s, before)) return
      encode(s.forks)
      pending = { os: system, forks: s.forks, step: s.cursor - s.first, state: s }
      timer ??= setTimeout(flush, settleMs)
    } else if (system !== null) {
      // leaving it (another tour, another system, start afresh): what was pending is written now
      flush()
      pending = null
      system = null
    }
  })
  return {
    flush,
    stop: () => {
      stop()
      clearTimeout(timer)
    },
  }
}

/**
 * Keeps the reader's sandbox saved in the browser (see embed/savedSandbox.ts), and writes it before
 * the page goes away. Without storage it does nothing.
 */
export function useSandboxSave(store: PlayerStore): void {
  useEffect(() => {
    const storage = browserStorage()
    if (!storage) return
    const { flush, stop } = watchSandbox(store, storage)
    addEventListener('pagehide', flush)
    return () => {
      removeEventListener('pagehide', flush)
      flush()
      stop()
    }
  }, [store])
}
