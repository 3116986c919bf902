/**
 * Every tour, by id, in the order the tour picker lists them. Tours are small data; their steps
 * are computed on demand (see `run.ts`, loaded with a dynamic import).
 */
import { discover } from './discover'
import { everyBoot } from './everyBoot'
import type { Tour } from './types'

export const registry: readonly Tour[] = [
  discover,
  // "First boot with Ignition" goes here, before everyBoot: install, `{ type: 'provideIgnition',
  // config }`, then boot. The Boot panel already draws the `ignition/stage` steps of a first boot.
  everyBoot,
]

export const DEFAULT_TOUR_ID = discover.id

export function findTour(id: string): Tour | undefined {
  return registry.find((tour) => tour.id === id)
}
