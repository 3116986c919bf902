/**
 * Helpers for tests of the engine: deep-freezing inputs (so a hidden mutation throws), chaining
 * operations, and checking every step.
 */
import type { EventOf, IgnitionStageRan } from './events'
import { checkInvariants } from './invariants'
import type { Machine, MachineEvent, Step } from './types'

/** Freezes a value and everything it reaches (tldraw's devFreeze). Returns it. */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<object>()
  const freeze = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return
    seen.add(v)
    Object.freeze(v)
    for (const child of Object.values(v)) freeze(child)
  }
  freeze(value)
  return value
}

/** The machine after the last step (or `m` when there are none). */
export function after(steps: Step[], m?: Machine): Machine {
  const last = steps.at(-1)?.machine ?? m
  if (last === undefined) throw new Error('no steps and no machine')
  return last
}

/** Runs operations one after the other, each on the machine the previous one left. */
export function chain(
  start: Machine,
  ...ops: ((m: Machine) => Step[])[]
): { steps: Step[]; machine: Machine } {
  const steps: Step[] = []
  let machine = start
  for (const op of ops) {
    const out = op(machine)
    steps.push(...out)
    machine = after(out, machine)
  }
  return { steps, machine }
}

/** Throws with the list of problems if any step breaks an invariant. */
export function assertInvariants(steps: Step[]): void {
  for (const [i, step] of steps.entries()) {
    const problems = checkInvariants(step.machine)
    if (problems.length > 0)
      throw new Error(`step ${i} (${step.event.type}): ${problems.slice(0, 5).join('; ')}`)
  }
}

/** A step whose event is `E` (a tour's step keeps its note). */
export type StepWith<E extends MachineEvent, S extends Step = Step> = S & { event: E }

/** The steps whose event has type `type`, their events' fields typed. */
export function stepsOf<T extends MachineEvent['type'], S extends Step>(
  steps: readonly S[],
  type: T,
): StepWith<EventOf<T>, S>[] {
  return steps.filter((s): s is StepWith<EventOf<T>, S> => s.event.type === type)
}

/** The step of Ignition's stage `name`, its fields typed. */
export function stageStep<N extends IgnitionStageRan['stage'], S extends Step>(
  steps: readonly S[],
  name: N,
): StepWith<Extract<IgnitionStageRan, { stage: N }>, S> | undefined {
  return steps.find(
    (s): s is StepWith<Extract<IgnitionStageRan, { stage: N }>, S> =>
      s.event.type === 'ignition/stage' && s.event.stage === name,
  )
}
