/** Small selectors over the player state. Anything a panel shows is computed from these. */
import type { Machine, MachineEvent, Message } from '../../engine/types'
import type { PlayerState } from './playerStore'

export const selectMachine = (s: PlayerState): Machine | undefined => s.timeline[s.cursor]?.machine
export const selectEvent = (s: PlayerState): MachineEvent | undefined => s.timeline[s.cursor]?.event
export const selectCaption = (s: PlayerState): Message | undefined => s.timeline[s.cursor]?.caption
/** The tour's own note on this step, shown under the engine's caption. */
export const selectNote = (s: PlayerState): Message | undefined => s.timeline[s.cursor]?.note
export const selectTouched = (s: PlayerState): readonly string[] | undefined =>
  s.timeline[s.cursor]?.touched
export const selectTotal = (s: PlayerState): number => s.timeline.length
export const selectIsFirst = (s: PlayerState): boolean => s.cursor <= 0
export const selectIsLast = (s: PlayerState): boolean => s.cursor >= s.timeline.length - 1
/** A step that reports a refused command: the caption says why. */
export const selectIsFailure = (s: PlayerState): boolean =>
  s.timeline[s.cursor]?.event.type === 'command/failed'
/** The step the person first acted at (0-based), or undefined while the tour plays as written. */
export const selectForkedAt = (s: PlayerState): number | undefined => s.forks[0]?.at
