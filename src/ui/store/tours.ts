/**
 * Opening a tour: its steps are computed on first use, in a chunk loaded on demand (the engine is
 * not part of the initial JavaScript), and kept for the rest of the visit.
 */
import { REAL_SCALE } from '../../engine/releases/scale'
import type { Message, ProfileId } from '../../engine/types'
import { chaptersOf, findTour, storyStart } from '../../scenarios/registry'
import type { Tour, TourStep } from '../../scenarios/types'
import { decodeForks, ForkCodeError } from '../embed/forkCode'
import {
  browserStorage,
  dropSaved,
  loadSaved,
  RESET_NOTICE,
  SAVED_TOUR_ID,
  type LoadResult,
  type Restorable,
} from '../embed/savedSandbox'
import { engineClient } from '../worker/client'
import type { Fork, PlayerStore, Range, RangeEnd } from './playerStore'

/**
 * Tours run at the size of a real release (about 20,000 files in `/usr`), so every count and size
 * shown is the real system's; the engine worker keeps the page responsive while they compute.
 */
export const BROWSER_SCALE = REAL_SCALE

/** A tour being computed: its first steps are known before the rest. */
interface Computing {
  /** Every step, once all are known. */
  all: Promise<readonly TourStep[]>
  /** The steps known so far, the start of `all`'s. */
  known: readonly TourStep[]
  /** Who hears `known` grow. */
  listeners: Set<(known: readonly TourStep[]) => void>
}

const computed = new Map<string, Computing>()

/** The system `tourId` runs: `os` when the tour offers it (the sandbox), else its own. */
export function profileFor(tourId: string, os: ProfileId): ProfileId | undefined {
  const tour = findTour(tourId)
  if (!tour) return undefined
  return tour.profiles?.includes(os) ? os : tour.profile
}

function compute(tourId: string, os: ProfileId): Computing {
  const tour = findTour(tourId)
  const profile = profileFor(tourId, os) ?? tour?.profile ?? os
  const key = `${tourId}/${profile}`
  const cached = computed.get(key)
  if (cached) return cached
  const listeners = new Set<(known: readonly TourStep[]) => void>()
  const computing: Computing = {
    all: tour
      ? engineClient().tour(tourId, profile, BROWSER_SCALE, (known) => {
          computing.known = known
          for (const listener of listeners) listener(known)
        })
      : Promise.reject(new Error(`unknown tour ${tourId}`)),
    known: [],
    listeners,
  }
  // A failure is not kept, so choosing the tour again tries again.
  computing.all.catch(() => computed.delete(key))
  computed.set(key, computing)
  return computing
}

/**
 * The steps known once `enough` holds of them, or null if the whole tour is known first (then
 * `computing.all` has it).
 */
function firstSteps(
  computing: Computing,
  enough: (known: readonly TourStep[]) => boolean,
): Promise<readonly TourStep[] | null> {
  if (enough(computing.known)) return Promise.resolve(computing.known)
  return new Promise((resolve, reject) => {
    const listener = (known: readonly TourStep[]) => {
      if (!enough(known)) return
      computing.listeners.delete(listener)
      resolve(known)
    }
    computing.listeners.add(listener)
    computing.all.then(
      () => (computing.listeners.delete(listener), resolve(null)),
      (error: unknown) => (computing.listeners.delete(listener), reject(error)),
    )
  })
}

/** The step a tour opens at when the link names none (`Tour.start`): the story's first, or last. */
export function startOf(start: Tour['start'], steps: readonly TourStep[]): number {
  return start === 'last' ? steps.length - 1 : storyStart(steps)
}

/** The steps a link asks a slide to keep to (`from=`, `to=`), as it says them. */
export interface RangeRequest {
  from: RangeEnd | null
  to: RangeEnd | null
}

/**
 * The timeline indices of a link's range: a step counts from the story's first, as `step=`; a
 * chapter from its first step (`from`) or to its last (`to`). What the tour does not have leaves
 * the range whole, with a notice; `to` past the end is the end.
 */
export function resolveRange(
  request: RangeRequest,
  timeline: readonly TourStep[],
  chapterIds: readonly string[],
): { range: Range | null; notice: Message | null } {
  const first = storyStart(timeline)
  const last = timeline.length - 1
  const chapterAt = (id: string) => chapterIds.indexOf(id)
  const index = (end: RangeEnd, side: 'from' | 'to'): number | Message => {
    if ('step' in end) return first + end.step
    const chapter = chapterAt(end.chapter)
    const steps = timeline.flatMap((step, i) => (step.chapter === chapter ? [i] : []))
    const at = side === 'from' ? steps[0] : steps.at(-1)
    if (chapter < 0 || at === undefined)
      return { key: 'notice.rangeChapter', params: { value: end.chapter } }
    return at
  }
  const from = request.from === null ? first : index(request.from, 'from')
  const to = request.to === null ? last : index(request.to, 'to')
  if (typeof from !== 'number') return { range: null, notice: from }
  if (typeof to !== 'number') return { range: null, notice: to }
  if (from > Math.min(to, last)) {
    const notice: Message = {
      key: 'notice.rangeEmpty',
      params: { from: from - first + 1, to: to - first + 1, total: last - first + 1 },
    }
    return { range: null, notice }
  }
  return { range: { from, to: Math.min(to, last) }, notice: null }
}

interface Replayed {
  timeline: readonly TourStep[]
  forks: Fork[]
  /** Why the link's actions were not all replayed. */
  failure: Message | null
}

/** `replay` of a link's code (`actions=`, embed/forkCode.ts); a code that cannot be read, none. */
async function replayCode(
  steps: readonly TourStep[],
  code: string,
  stale: () => boolean,
): Promise<Replayed | null> {
  try {
    return await replay(steps, await decodeForks(code), stale)
  } catch (error) {
    const where = error instanceof ForkCodeError ? error.where : 'code'
    return { timeline: steps, forks: [], failure: { key: 'notice.badActions', params: { where } } }
  }
}

/**
 * The tour's steps forked by `wanted` (a link's actions or the saved sandbox's), each on the step
 * it was taken at, as `act` did when the person took it. An action on a step the timeline does not
 * have, or that the engine fails to perform, stops there: what was replayed before it is kept.
 */
async function replay(
  steps: readonly TourStep[],
  wanted: readonly Fork[],
  stale: () => boolean,
): Promise<Replayed | null> {
  let timeline = steps
  const forks: Fork[] = []
  for (const [i, fork] of wanted.entries()) {
    const machine = timeline[fork.at]?.machine
    if (!machine) {
      const failure: Message = {
        key: 'notice.actionsStep',
        params: { index: i + 1, value: String(fork.at + 1), total: timeline.length },
      }
      return { timeline, forks, failure }
    }
    try {
      const added = await engineClient().act(machine, fork.action)
      if (stale()) return null
      if (added.length === 0) continue
      timeline = [...timeline.slice(0, fork.at + 1), ...added]
      forks.push(fork)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return {
        timeline,
        forks,
        failure: { key: 'notice.actionsFailed', params: { index: i + 1, message } },
      }
    }
  }
  return { timeline, forks, failure: null }
}

/**
 * Shows the tour as soon as its first steps hold the step wanted, before the rest are computed,
 * and lets it grow as they come (`arriving`). Only a tour as written, opened at a step counted from
 * its start: a link's actions, the reader's saved sandbox, a slide's range and a tour that opens
 * at its end all need every step first. True if it showed the tour.
 */
async function showEarly(
  store: PlayerStore,
  computing: Computing,
  tourId: string,
  step: number | null,
  actions: string | null,
  range: RangeRequest | null,
  stale: () => boolean,
): Promise<boolean> {
  const tour = findTour(tourId)
  if (
    !tour ||
    tour.start === 'last' ||
    actions !== null ||
    tourId === SAVED_TOUR_ID ||
    (range !== null && (range.from !== null || range.to !== null))
  )
    return false
  // without chapters the whole tour is story; with them, it starts at the first chapter's step
  const hasStory = tour.actions.some((action) => action.chapter)
  const wanted = (known: readonly TourStep[]) => storyStart(known) + (step ?? 0)
  const enough = (known: readonly TourStep[]) =>
    (!hasStory || known.some((s) => s.chapter !== undefined)) && wanted(known) < known.length
  const known = await firstSteps(computing, enough)
  if (known === null || stale()) return stale()
  const { loadedTour, moreSteps } = store.getState().actions
  loadedTour(tourId, known, wanted(known), [], 'reader', null, true)
  const follow = (more: readonly TourStep[]) => moreSteps(more, false)
  computing.listeners.add(follow)
  computing.all.then(
    (all) => {
      computing.listeners.delete(follow)
      moreSteps(all, true)
    },
    (error: unknown) => {
      computing.listeners.delete(follow)
      const s = store.getState()
      if (!s.arriving || s.tourId !== tourId) return
      // the steps shown stay: only the rest is missing
      s.actions.moreSteps(s.timeline, true)
      const message = error instanceof Error ? error.message : String(error)
      s.actions.notify({ key: 'status.error', params: { message } })
    },
  )
  return true
}

export interface OpenOptions {
  /** The tour as written, even when the reader saved a sandbox of it (start afresh). */
  asWritten?: boolean
  /** The steps a slide keeps to, as its link says them. */
  range?: RangeRequest | null
}

/**
 * Shows `tourId` at `step` (counted from 0 at the story's first step, as links count from 1; null
 * for where the tour starts, its first step of story unless it says otherwise), on the system the
 * store's `os` names if the tour offers a choice, after replaying the link's `actions` if it has
 * any. A step outside the timeline shows the nearest one, with a notice.
 *
 * The sandbox, opened without actions, is the reader's saved one if they have one (at its own step,
 * with its terminal), unless `asWritten`; see embed/savedSandbox.ts for what wins.
 */
export async function openTour(
  store: PlayerStore,
  tourId: string,
  step: number | null = null,
  actions: string | null = null,
  { asWritten = false, range: rangeRequest = null }: OpenOptions = {},
): Promise<void> {
  store.getState().actions.loadingTour(tourId)
  const { os, embed } = store.getState()
  const { notify } = store.getState().actions
  // another tour, or another system, was chosen meanwhile
  const stale = () => store.getState().tourId !== tourId || store.getState().os !== os
  try {
    const computing = compute(tourId, os)
    if (await showEarly(store, computing, tourId, step, actions, rangeRequest, stale)) return
    const steps = await computing.all
    if (stale()) return
    const storage = browserStorage()
    const profile = profileFor(tourId, os) ?? os
    // read even when a link's actions win, to say that the reader's own is kept
    const saved: LoadResult =
      tourId === SAVED_TOUR_ID && !embed && !asWritten
        ? await loadSaved(storage, profile)
        : { kind: 'none' }
    if (stale()) return
    if (saved.kind === 'reset') notify(RESET_NOTICE)
    let restored: Restorable | null =
      actions === null && saved.kind === 'saved' ? saved.sandbox : null
    let replayed =
      actions !== null
        ? await replayCode(steps, actions, stale)
        : restored
          ? await replay(steps, restored.forks, stale)
          : null
    if (stale()) return
    if (restored && replayed) {
      const end = replayed.timeline.length - storyStart(replayed.timeline)
      // the saved sandbox no longer replays (or the site changed under it): the tour as written
      if (replayed.failure !== null || restored.step >= end) {
        dropSaved(storage, profile)
        notify(RESET_NOTICE)
        restored = null
        replayed = null
      }
    }
    const timeline = replayed?.timeline ?? steps
    const first = storyStart(timeline)
    const tour = findTour(tourId)
    // the range is the tour's, as written: the reader's own steps follow it
    const ranged =
      rangeRequest && (rangeRequest.from || rangeRequest.to)
        ? resolveRange(rangeRequest, steps, tour ? chaptersOf(tour).map((c) => c.id) : [])
        : null
    const range = ranged?.range ?? null
    const wanted = restored
      ? first + restored.step
      : step === null
        ? replayed
          ? timeline.length - 1
          : (range?.from ?? startOf(tour?.start, steps))
        : first + step
    // A link with the very actions saved is the reader's own address (a reload): their terminal
    // comes back with it, and it goes on being saved.
    const own =
      actions !== null &&
      saved.kind === 'saved' &&
      !replayed?.failure &&
      JSON.stringify(replayed?.forks) === JSON.stringify(saved.sandbox.forks)
    const { loadedTour, restoredTerminal } = store.getState().actions
    loadedTour(
      tourId,
      timeline,
      wanted,
      replayed?.forks,
      actions === null || own ? 'reader' : 'link',
      range,
    )
    if (ranged?.notice) notify(ranged.notice)
    if (replayed?.failure) notify(replayed.failure)
    if (restored) {
      restoredTerminal(restored.shell, restored.transcript)
      notify(
        { key: 'notice.savedRestored', params: { count: restored.forks.length } },
        'startAfresh',
      )
    } else if (own) {
      restoredTerminal(saved.sandbox.shell, saved.sandbox.transcript)
    } else if (actions !== null && saved.kind === 'saved') {
      notify({ key: 'notice.savedKept' }, 'openSaved')
    }
    const shown = store.getState().cursor
    if (timeline.length > 0 && shown !== wanted) {
      store.getState().actions.notify({
        key: 'notice.stepOutOfRange',
        // the link's own number, as typed: not formatted as a quantity
        params: {
          value: String(wanted - first + 1),
          total: timeline.length - first,
          shown: shown - first + 1,
        },
      })
    }
  } catch (error) {
    if (stale()) return
    store
      .getState()
      .actions.failedTour(tourId, error instanceof Error ? error.message : String(error))
  }
}

/** Opens the reader's saved sandbox (a notice offers it while a link's sandbox is shown). */
export function openSaved(store: PlayerStore): Promise<void> {
  return openTour(store, SAVED_TOUR_ID)
}

/** Forgets the reader's saved sandbox, on the system chosen, and opens the sandbox as written. */
export function startAfresh(store: PlayerStore): Promise<void> {
  const profile = profileFor(SAVED_TOUR_ID, store.getState().os) ?? store.getState().os
  const opening = openTour(store, SAVED_TOUR_ID, null, null, { asWritten: true })
  // after the tour started loading, which saved whatever was pending (useSandboxSave): it goes too
  dropSaved(browserStorage(), profile)
  return opening
}
