/** Small selectors over the player state. Anything a panel shows is computed from these. */
import type { Machine, MachineEvent, Message } from '../../engine/types'
import type { StepQuestion } from '../../scenarios/types'
import { foldedBefore, positionOf, shownChapterStarts } from './folds'
import { stepsShown, type PlayerState } from './playerStore'

/**
 * The part of the player a step is read from (the panels read it deferred: useShown.ts), with
 * the folds opened: a step stands for the folded steps before it.
 */
type AtCursor = Pick<PlayerState, 'timeline' | 'cursor'> & { opened?: readonly number[] }
/**
 * The player's counting: the story starts at `first`, a slide may keep to a range of it, and
 * closed folds hide some steps.
 */
type Counted = Pick<PlayerState, 'timeline' | 'cursor' | 'first' | 'opened' | 'range'>

const NO_FOLDS: readonly number[] = []
/** The folded steps the step at the cursor stands for, ascending (none, mostly). */
const foldedAtCursor = (s: AtCursor): number[] =>
  foldedBefore(s.timeline, s.opened ?? NO_FOLDS, s.cursor)
const shown = (s: Counted) => stepsShown(s)

/** Nothing to start before the image has a /boot; after that GRUB says itself what it finds. */
export const canBoot = (machine: Machine): boolean => machine.filesystems.boot !== undefined

export const selectMachine = (s: AtCursor): Machine | undefined => s.timeline[s.cursor]?.machine
/**
 * The machine of the step shown before: what a step changed is what differs from it. After
 * folded steps it is the step before them, so what they did is marked as this step's.
 */
export const selectPrevious = (s: AtCursor): Machine | undefined =>
  s.timeline[s.cursor - 1 - foldedAtCursor(s).length]?.machine
export const selectEvent = (s: AtCursor): MachineEvent | undefined => s.timeline[s.cursor]?.event
export const selectCaption = (s: AtCursor): Message | undefined => s.timeline[s.cursor]?.caption
/** The tour's own note on this step, shown under the engine's caption. */
export const selectNote = (s: AtCursor): Message | undefined => s.timeline[s.cursor]?.note
/** What the step changed on disk; after folded steps, what they changed too. */
export const selectTouched = (s: AtCursor): readonly string[] | undefined => {
  const step = s.timeline[s.cursor]
  const folded = foldedAtCursor(s)
  if (step === undefined || folded.length === 0) return step?.touched
  const hit = touchedOf.get(step)
  if (hit && hit.from === folded[0]) return hit.touched
  const paths = [...folded, s.cursor].flatMap((i) => s.timeline[i]?.touched ?? [])
  const touched = [...new Set(paths)]
  touchedOf.set(step, { from: folded[0] ?? s.cursor, touched })
  return touched
}
/** The paths touched since the step shown before, per step: the panels ask at every render. */
const touchedOf = new WeakMap<object, { from: number; touched: readonly string[] }>()
/**
 * How many steps the reader can step through: those of the story (not those that prepare the
 * machine), less those closed folds hide.
 */
export const selectTotal = (s: Counted): number => shown(s).length
/** The step shown, counted from 0 at the story's first step, as `selectTotal` counts. */
export const selectPosition = (s: Counted): number => positionOf(shown(s), s.cursor)
export const selectIsFirst = (s: Counted): boolean => s.cursor <= (shown(s)[0] ?? s.first)
export const selectIsLast = (s: Counted): boolean =>
  s.cursor >= (shown(s).at(-1) ?? s.timeline.length - 1)
/**
 * Where each chapter starts among the steps shown: `starts[c]` is the timeline index of the first
 * shown step of chapter `c`, undefined for a chapter the timeline no longer has (the reader acted
 * before it). Steps a person added by acting have no chapter and start none.
 */
export const selectChapterStarts = (s: Counted): readonly (number | undefined)[] =>
  shownChapterStarts(s.timeline, shown(s))
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
