/** Small selectors over the player state. Anything a panel shows is computed from these. */
import type { Machine, Message } from '../../engine/types'
import type { PlayerState } from './playerStore'

export const selectMachine = (s: PlayerState): Machine | undefined => s.timeline[s.cursor]?.machine
export const selectCaption = (s: PlayerState): Message | undefined => s.timeline[s.cursor]?.caption
export const selectTouched = (s: PlayerState): readonly string[] | undefined =>
  s.timeline[s.cursor]?.touched
export const selectTotal = (s: PlayerState): number => s.timeline.length
export const selectIsFirst = (s: PlayerState): boolean => s.cursor <= 0
export const selectIsLast = (s: PlayerState): boolean => s.cursor >= s.timeline.length - 1
