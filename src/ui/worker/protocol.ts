/**
 * What the page asks the engine worker, and what it answers. A machine is named by the number the
 * worker gave it when it sent it (see transfer.ts), so a request stays a few bytes.
 */
import type { ProfileId, ShellState } from '../../engine'
import type { MachineAction } from '../../scenarios/types'
import type { Wire } from './transfer'

export type Request = { id: number } & (
  | { kind: 'tour'; tourId: string; profile: ProfileId; scale: number }
  | { kind: 'act'; machine: number; action: MachineAction }
  | { kind: 'shell'; machine: number; shell: ShellState; line: string }
  /** The Hard links panel's model of each step: a machine and the one of the step before. */
  | { kind: 'hardLinks'; steps: { machine: number; previous: number | null }[] }
)

export type Response = { id: number } &
  /** Objects the page has not seen yet, children first, `Packed[]` as JSON; more may follow. */
  (
    | { kind: 'batch'; objects: string }
    /** A tour's next steps, computed before the rest: they follow those of the parts before. */
    | { kind: 'part'; root: Wire }
    /** The answer, once every object it names has been sent. */
    | { kind: 'done'; root: Wire }
    | { kind: 'error'; message: string }
  )
