/**
 * Opening a tour: its steps are computed on first use, in a chunk loaded on demand (the engine is
 * not part of the initial JavaScript), and kept for the rest of the visit.
 */
import type { Step } from '../../engine/types'
import { findTour } from '../../scenarios/registry'
import type { PlayerStore } from './playerStore'

/** Tours run small in the browser for now; the engine's real scale is about 20,000 files. */
export const BROWSER_SCALE = 300

const computed = new Map<string, Promise<readonly Step[]>>()

function compute(tourId: string): Promise<readonly Step[]> {
  let steps = computed.get(tourId)
  if (!steps) {
    const tour = findTour(tourId)
    if (!tour) return Promise.reject(new Error(`unknown tour ${tourId}`))
    steps = import('../../scenarios/run').then(({ runTour }) =>
      runTour(tour, { scale: BROWSER_SCALE }),
    )
    // A failure is not kept, so choosing the tour again tries again.
    steps.catch(() => computed.delete(tourId))
    computed.set(tourId, steps)
  }
  return steps
}

/**
 * Shows `tourId` at `step` (0-based; null for the first step). A step outside the tour shows the
 * nearest one, with a notice.
 */
export async function openTour(
  store: PlayerStore,
  tourId: string,
  step: number | null = null,
): Promise<void> {
  store.getState().actions.loadingTour(tourId)
  try {
    const steps = await compute(tourId)
    if (store.getState().tourId !== tourId) return // another tour was chosen meanwhile
    const wanted = step ?? 0
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
    if (store.getState().tourId !== tourId) return
    store
      .getState()
      .actions.failedTour(tourId, error instanceof Error ? error.message : String(error))
  }
}
