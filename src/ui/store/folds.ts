/**
 * Folds: a boot the tour has already shown in full, shown again as few steps (`TourAction.fold`).
 * The timeline keeps every step; which ones the reader sees depends on the folds they opened.
 * Everything that counts or moves by steps (the player's buttons and keys, the counter, the
 * slider, the chapters) goes through `shownSteps`; links and panels keep timeline indices.
 */
import type { TourStep } from '../../scenarios/types'

/** Hidden from the reader: a step its fold hides, while that fold is closed. */
export function isHidden(step: TourStep | undefined, opened: readonly number[]): boolean {
  return step?.folded === true && step.fold !== undefined && !opened.includes(step.fold)
}

/** Answers per timeline and list of open folds: the player asks again at every render. */
const shownOf = new WeakMap<
  readonly TourStep[],
  WeakMap<readonly number[], { first: number; shown: readonly number[] }>
>()

/**
 * The timeline indices of the steps the reader sees, ascending: from the story's `first` step,
 * all but those of closed folds.
 * @example shownSteps(timeline, 0, []) // [0, 1, ..., 77, 81, 84, 86, 97, ...]
 */
export function shownSteps(
  timeline: readonly TourStep[],
  first: number,
  opened: readonly number[],
): readonly number[] {
  let known = shownOf.get(timeline)
  if (known === undefined) shownOf.set(timeline, (known = new WeakMap()))
  const hit = known.get(opened)
  if (hit?.first === first) return hit.shown
  const shown: number[] = []
  for (let i = first; i < timeline.length; i++) if (!isHidden(timeline[i], opened)) shown.push(i)
  known.set(opened, { first, shown })
  return shown
}

/**
 * How many shown steps come before timeline index `index`: the position of a shown step,
 * counted from 0.
 */
export function positionOf(shown: readonly number[], index: number): number {
  let low = 0
  let high = shown.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((shown[mid] ?? Infinity) < index) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * The hidden steps just before `index`, ascending: those the step at `index` stands for (none
 * when the step before it is shown).
 */
export function foldedBefore(
  timeline: readonly TourStep[],
  opened: readonly number[],
  index: number,
): number[] {
  let start = index
  while (start > 0 && isHidden(timeline[start - 1], opened)) start--
  return Array.from({ length: index - start }, (_, i) => start + i)
}

/**
 * The step shown before `index`, ignoring those a closed fold hides: what the step at `index`
 * changed is what differs from it.
 */
export function shownBefore(
  timeline: readonly TourStep[],
  opened: readonly number[],
  index: number,
): number {
  return index - 1 - foldedBefore(timeline, opened, index).length
}

/**
 * The fold the step at `index` is part of, or else the fold of the hidden steps it stands for
 * (a step the reader added after a fold they had opened); undefined for none.
 */
export function foldAt(
  timeline: readonly TourStep[],
  opened: readonly number[],
  index: number,
): number | undefined {
  const own = timeline[index]?.fold
  if (own !== undefined) return own
  const before = timeline[index - 1]
  return isHidden(before, opened) ? before?.fold : undefined
}

/** The folds opened, with `fold` among them (the same list when it already is). */
export function withFold(opened: readonly number[], fold: number | undefined): readonly number[] {
  return fold === undefined || opened.includes(fold) ? opened : [...opened, fold]
}

/**
 * The number the player shows for timeline index `index` once the reader is there, counted from
 * 1: a step a fold hides is counted with its fold open, since going there opens it.
 */
export function stepNumber(
  timeline: readonly TourStep[],
  first: number,
  opened: readonly number[],
  index: number,
): number {
  const step = timeline[index]
  const open = isHidden(step, opened) ? withFold(opened, step?.fold) : opened
  return positionOf(shownSteps(timeline, first, open), index) + 1
}

const startsOf = new WeakMap<readonly number[], readonly (number | undefined)[]>()

/**
 * Where each chapter starts among the shown steps: `starts[c]` is the timeline index of the
 * first shown step of chapter `c` (undefined for a chapter the timeline no longer has).
 * @example shownChapterStarts(timeline, shown) // [0, 20, 50, 62, 81, 95]
 */
export function shownChapterStarts(
  timeline: readonly TourStep[],
  shown: readonly number[],
): readonly (number | undefined)[] {
  let starts = startsOf.get(shown)
  if (starts === undefined) {
    const found: (number | undefined)[] = []
    for (const i of shown) {
      const chapter = timeline[i]?.chapter
      if (chapter !== undefined && found[chapter] === undefined) found[chapter] = i
    }
    startsOf.set(shown, (starts = found))
  }
  return starts
}

/** What a folded step is part of, to name the steps a fold hides (`player.fold.topic.*`). */
export const FOLD_TOPICS = [
  'shutdown',
  'powerOff',
  'powerOn',
  'grub',
  'kernel',
  'ignition',
  'prepareRoot',
  'mounts',
  'switchRoot',
  'units',
] as const
export type FoldTopic = (typeof FOLD_TOPICS)[number]

/** The topic of one step, by its event (the boot chain's parts, reference 5.1 to 5.3). */
function topicOf(type: string): FoldTopic | null {
  const [domain] = type.split('/')
  switch (domain) {
    case 'shutdown':
    case 'finalize':
      return 'shutdown'
    case 'grub':
      return 'grub'
    case 'kernel':
      return 'kernel'
    case 'ignition':
      return 'ignition'
    case 'prepareRoot':
      return 'prepareRoot'
    case 'mount':
      return 'mounts'
    case 'unit':
    case 'systemd':
      return 'units'
  }
  if (type === 'power/on') return 'powerOn'
  if (type === 'power/off') return 'powerOff'
  if (type === 'boot/switchedRoot') return 'switchRoot'
  return null
}

/**
 * What the steps at `indices` are part of, each named once, in the order they come.
 * @example foldTopics(timeline, [77, 78, 79, 80]) // ['powerOn', 'grub']
 */
export function foldTopics(timeline: readonly TourStep[], indices: readonly number[]): FoldTopic[] {
  const topics: FoldTopic[] = []
  for (const i of indices) {
    const topic = topicOf(timeline[i]?.event.type ?? '')
    if (topic !== null && !topics.includes(topic)) topics.push(topic)
  }
  return topics
}
