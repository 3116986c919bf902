/**
 * Running a tour: each action becomes an engine operation that starts from the machine of the
 * last step, and the tour is the concatenation of their steps. This module imports the engine, so
 * the site loads it on demand.
 */
import { boot, installImage, publishRelease, reboot, rollback, upgrade } from '../engine'
import type { Machine, Step } from '../engine/types'
import type { Tour, TourAction } from './types'

export interface RunOptions {
  /** Bulk files per release: about 20,000 at real scale; a few hundred keeps a browser quick. */
  scale: number
}

function perform(machine: Machine, action: TourAction): Step[] {
  switch (action.type) {
    case 'install':
      throw new Error('install starts a tour: it makes a machine from a blank disk')
    case 'boot':
      return boot(machine, action.entry === undefined ? {} : { entry: action.entry })
    case 'publish':
      return publishRelease(machine)
    case 'upgrade':
      return upgrade(machine)
    case 'reboot':
      return reboot(machine)
    case 'rollback':
      return rollback(machine)
  }
}

export function runTour(tour: Tour, options: RunOptions): Step[] {
  const [first, ...rest] = tour.actions
  if (first?.type !== 'install') throw new Error(`tour ${tour.id} must start with install`)
  const steps: Step[] = installImage({ profile: tour.profile, scale: options.scale })
  for (const action of rest) {
    const machine = steps.at(-1)?.machine
    if (!machine) throw new Error(`tour ${tour.id}: installing gave no step`)
    steps.push(...perform(machine, action))
  }
  return steps
}
