/**
 * Every tour, by id, in the order the tour picker lists them. Tours are small data; their steps
 * are computed on demand (see `run.ts`, loaded with a dynamic import).
 */
import { atomicUpgrade } from './atomicUpgrade'
import { discover } from './discover'
import { etcMerge } from './etcMerge'
import { everyBoot } from './everyBoot'
import { firstBoot } from './firstBoot'
import { pullThePlug } from './pullThePlug'
import { sandbox } from './sandbox'
import type { Chapter, Tour, TourStep } from './types'

export const registry: readonly Tour[] = [
  discover,
  firstBoot,
  everyBoot,
  atomicUpgrade,
  pullThePlug,
  etcMerge,
  sandbox,
]

export const DEFAULT_TOUR_ID = discover.id

export function findTour(id: string): Tour | undefined {
  return registry.find((tour) => tour.id === id)
}

/** The tour's chapters, in order: `TourStep.chapter` indexes this list. */
export function chaptersOf(tour: Tour): Chapter[] {
  return tour.actions.flatMap((action) => (action.chapter ? [action.chapter] : []))
}

/**
 * The index of the first step of the story: the steps before it prepare the machine.
 * @example storyStart(steps) // 0 for a tour whose first chapter starts with the install
 */
export function storyStart(steps: readonly TourStep[]): number {
  const at = steps.findIndex((step) => step.chapter !== undefined)
  return at < 0 ? 0 : at
}
