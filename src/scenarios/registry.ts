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
import type { Tour } from './types'

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
