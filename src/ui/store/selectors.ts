/** Small selectors over the player state. Anything a panel shows is computed from these. */
import type { Machine, MachineEvent, Message } from '../../engine/types'
import type { StepQuestion } from '../../scenarios/types'
import type { PlayerState } from './playerStore'

/** The part of the player a step is read from (the panels read it deferred: useShown.ts). */
type AtCursor = Pick<PlayerState, 'timeline' | 'cursor'>
/** The player's counting: the story starts at `first`. */
type Counted = Pick<PlayerState, 'timeline' | 'cursor' | 'first'>

/** Nothing to start before the image has a /boot; after that GRUB says itself what it finds. */
export const canBoot = (machine: Machine): boolean => machine.filesystems.boot !== undefined

export const selectMachine = (s: AtCursor): Machine | undefined => s.timeline[s.cursor]?.machine
/** The machine of the step before: what a step changed is what differs from it. */
export const selectPrevious = (s: AtCursor): Machine | undefined =>
  s.timeline[s.cursor - 1]?.machine
export const selectEvent = (s: AtCursor): MachineEvent | undefined => s.timeline[s.cursor]?.event
export const selectCaption = (s: AtCursor): Message | undefined => s.timeline[s.cursor]?.caption
/** The tour's own note on this step, shown under the engine's caption. */
export const selectNote = (s: AtCursor): Message | undefined => s.timeline[s.cursor]?.note
export const selectTouched = (s: AtCursor): readonly string[] | undefined =>
  s.timeline[s.cursor]?.touched
/** How many steps the story has (those that prepare the machine are not counted). */
export const selectTotal = (s: Counted): number => s.timeline.length - s.first
/** The step shown, counted from 0 at the story's first step. */
export const selectPosition = (s: Counted): number => s.cursor - s.first
export const selectIsFirst = (s: Counted): boolean => s.cursor <= s.first
export const selectIsLast = (s: AtCursor): boolean => s.cursor >= s.timeline.length - 1
/** A step that reports a refused command: the caption says why. */
export const selectIsFailure = (s: AtCursor): boolean =>
  s.timeline[s.cursor]?.event.type === 'command/failed'
/** The step the person first acted at (0-based), or undefined while the tour plays as written. */
export const selectForkedAt = (s: PlayerState): number | undefined => s.forks[0]?.at
/** The chapter of the step shown (an index into the tour's chapters); none for the reader's own. */
export const selectChapter = (s: AtCursor): number | undefined => s.timeline[s.cursor]?.chapter
/**
 * The question of the step shown, while what answers it is still in the timeline: once the reader
 * acted on the machine before the step that shows the outcome, that step is gone.
 */
export const selectQuestion = (
  s: Pick<PlayerState, 'timeline' | 'cursor' | 'forks'>,
): StepQuestion | undefined => {
  const question = s.timeline[s.cursor]?.question
  const forkedAt = s.forks[0]?.at
  if (!question || forkedAt === undefined || question.shownAt === undefined) return question
  return question.shownAt <= forkedAt ? question : undefined
}
