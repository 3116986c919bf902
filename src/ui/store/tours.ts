/**
 * Opening a tour: its steps are computed on first use, in a chunk loaded on demand (the engine is
 * not part of the initial JavaScript), and kept for the rest of the visit.
 */
import { REAL_SCALE } from '../../engine/releases/scale'
import type { Message, ProfileId, Step } from '../../engine/types'
import { chaptersOf, findTour, storyStart } from '../../scenarios/registry'
import type { Tour, TourStep } from '../../scenarios/types'
import { decodeForks, ForkCodeError } from '../embed/forkCode'
import { engineClient } from '../worker/client'
import type { Fork, PlayerStore, Range, RangeEnd } from './playerStore'

/**
 * Tours run at the size of a real release (about 20,000 files in `/usr`), so every count and size
 * shown is the real system's; the engine worker keeps the page responsive while they compute.
 */
export const BROWSER_SCALE = REAL_SCALE

const computed = new Map<string, Promise<readonly Step[]>>()

/** The system `tourId` runs: `os` when the tour offers it (the sandbox), else its own. */
export function profileFor(tourId: string, os: ProfileId): ProfileId | undefined {
  const tour = findTour(tourId)
  if (!tour) return undefined
  return tour.profiles?.includes(os) ? os : tour.profile
}

function compute(tourId: string, os: ProfileId): Promise<readonly Step[]> {
  const tour = findTour(tourId)
  if (!tour) return Promise.reject(new Error(`unknown tour ${tourId}`))
  const profile = profileFor(tourId, os) ?? tour.profile
  const key = `${tourId}/${profile}`
  let steps = computed.get(key)
  if (!steps) {
    steps = engineClient().tour(tourId, profile, BROWSER_SCALE)
    // A failure is not kept, so choosing the tour again tries again.
    steps.catch(() => computed.delete(key))
    computed.set(key, steps)
  }
  return steps
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

/**
 * The tour's steps forked by a link's actions (`actions=`, embed/forkCode.ts), each on the step it
 * was taken at, as `act` did when the person took it. A code that cannot be read, or an action on a
 * step the timeline does not have, stops there: what was replayed before it is kept.
 */
async function replay(
  steps: readonly TourStep[],
  code: string,
  stale: () => boolean,
): Promise<Replayed | null> {
  let timeline = steps
  const forks: Fork[] = []
  let wanted: Fork[]
  try {
    wanted = await decodeForks(code)
  } catch (error) {
    const where = error instanceof ForkCodeError ? error.where : 'code'
    return { timeline, forks, failure: { key: 'notice.badActions', params: { where } } }
  }
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
 * Shows `tourId` at `step` (counted from 0 at the story's first step, as links count from 1; null
 * for where the tour starts, its first step of story unless it says otherwise), on the system the store's `os` names if the tour offers a choice, after replaying the
 * link's `actions` if it has any. A step outside the timeline shows the nearest one, with a notice.
 */
export async function openTour(
  store: PlayerStore,
  tourId: string,
  step: number | null = null,
  actions: string | null = null,
  rangeRequest: RangeRequest | null = null,
): Promise<void> {
  store.getState().actions.loadingTour(tourId)
  const os = store.getState().os
  // another tour, or another system, was chosen meanwhile
  const stale = () => store.getState().tourId !== tourId || store.getState().os !== os
  try {
    const steps = await compute(tourId, os)
    if (stale()) return
    const replayed = actions === null ? null : await replay(steps, actions, stale)
    if (stale()) return
    const timeline = replayed?.timeline ?? steps
    const first = storyStart(timeline)
    const tour = findTour(tourId)
    // the range is the tour's, as written: the reader's own steps follow it
    const ranged =
      rangeRequest && (rangeRequest.from || rangeRequest.to)
        ? resolveRange(rangeRequest, steps, tour ? chaptersOf(tour).map((c) => c.id) : [])
        : null
    const range = ranged?.range ?? null
    const wanted =
      step === null
        ? replayed
          ? timeline.length - 1
          : (range?.from ?? startOf(tour?.start, steps))
        : first + step
    store
      .getState()
      .actions.loadedTour(
        tourId,
        timeline,
        wanted,
        replayed?.forks,
        range && replayed?.forks.length ? { from: range.from, to: null } : range,
      )
    if (ranged?.notice) store.getState().actions.notify(ranged.notice)
    if (replayed?.failure) store.getState().actions.notify(replayed.failure)
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
