/**
 * Every tour, by id, in the order the tour picker lists them. Tours are small data; their steps
 * are computed on demand (see `run.ts`, loaded with a dynamic import).
 */
import { discover } from './discover'
import { everyBoot } from './everyBoot'
import { firstBoot } from './firstBoot'
import { sandbox } from './sandbox'
import type { Tour } from './types'

export const registry: readonly Tour[] = [discover, firstBoot, everyBoot, sandbox]

export const DEFAULT_TOUR_ID = discover.id

export function findTour(id: string): Tour | undefined {
  return registry.find((tour) => tour.id === id)
}
