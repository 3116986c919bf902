/**
 * Opening a tour: its steps are computed on first use, in a chunk loaded on demand (the engine is
 * not part of the initial JavaScript), and kept for the rest of the visit.
 */
import { REAL_SCALE } from '../../engine/releases/scale'
import type { ProfileId, Step } from '../../engine/types'
import { findTour } from '../../scenarios/registry'
import type { Tour, TourStep } from '../../scenarios/types'
import { engineClient } from '../worker/client'
import type { PlayerStore } from './playerStore'

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

/** The step a tour opens at when the link names none (`Tour.start`). */
export function startOf(start: Tour['start'], steps: readonly TourStep[]): number {
  if (start === 'last') return steps.length - 1
  const noted = steps.findIndex((s) => s.note !== undefined)
  if (start === 'note' && noted >= 0) return noted
  return 0
}

/**
 * Shows `tourId` at `step` (0-based; null for where the tour starts, its first step unless it says
 * otherwise), on the system the store's `os` names if the tour offers a choice. A step outside the
 * tour shows the nearest one, with a notice.
 */
export async function openTour(
  store: PlayerStore,
  tourId: string,
  step: number | null = null,
): Promise<void> {
  store.getState().actions.loadingTour(tourId)
  const os = store.getState().os
  // another tour, or another system, was chosen meanwhile
  const stale = () => store.getState().tourId !== tourId || store.getState().os !== os
  try {
    const steps = await compute(tourId, os)
    if (stale()) return
    const wanted = step ?? startOf(findTour(tourId)?.start, steps)
    store.getState().actions.loadedTour(tourId, steps, wanted)
    const shown = store.getState().cursor
    if (steps.length > 0 && shown !== wanted) {
      store.getState().actions.notify({
        key: 'notice.stepOutOfRange',
        // the link's own number, as typed: not formatted as a quantity
        params: { value: String(wanted + 1), total: steps.length, shown: shown + 1 },
      })
    }
  } catch (error) {
    if (stale()) return
    store
      .getState()
      .actions.failedTour(tourId, error instanceof Error ? error.message : String(error))
  }
}
