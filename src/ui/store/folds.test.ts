import { describe, expect, it } from 'vitest'
import type { Machine, MachineEvent } from '../../engine/types'
import type { TourStep } from '../../scenarios/types'
import { foldedBefore, foldTopics, shownSteps, stepNumber } from './folds'
import { createPlayerStore } from './playerStore'
import {
  selectChapterStarts,
  selectIsFirst,
  selectIsLast,
  selectPosition,
  selectPrevious,
  selectTotal,
  selectTouched,
} from './selectors'

// A timeline built by hand: a setup step, a chapter shown in full, then two folds.
//  index  0      1  2    3        4         5     6          7            8         9      10
//  chapter -     0  0    1        1         1     1          1            2         2      2
//  fold    -     -  -    0 hidden 0 hidden  0     0 hidden   0 (its last) 1 hidden  1 last -
type Spec = [type: string, chapter?: number, fold?: number, folded?: boolean, note?: boolean]
const specs: Spec[] = [
  ['test/setup'],
  ['test/a', 0],
  ['test/b', 0],
  ['power/on', 1, 0, true],
  ['grub/menu', 1, 0, true],
  ['prepareRoot/resolved', 1, 0, false, true],
  ['mount/bound', 1, 0, true],
  ['boot/finished', 1, 0],
  ['unit/ran', 2, 1, true],
  ['boot/finished', 2, 1],
  ['test/end', 2],
]
const timeline: TourStep[] = specs.map(([type, chapter, fold, folded, note], i) => ({
  event: { type } as unknown as MachineEvent,
  caption: { key: `step.test.${i}` },
  touched: [`root:/file${i}`],
  machine: { version: 1, clock: i } as unknown as Machine,
  ...(chapter === undefined ? {} : { chapter }),
  ...(fold === undefined ? {} : { fold }),
  ...(folded ? { folded: true as const } : {}),
  ...(note ? { note: { key: 'tour.note' } } : {}),
}))

function loaded(cursor?: number) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('t', timeline, cursor)
  return store
}
const at = (store: ReturnType<typeof loaded>) => store.getState().cursor

describe('folds', () => {
  it('[fold] shows the story less the steps of closed folds', () => {
    expect(shownSteps(timeline, 1, [])).toEqual([1, 2, 5, 7, 9, 10])
    expect(shownSteps(timeline, 1, [0])).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 10])
    expect(shownSteps(timeline, 1, [0, 1])).toHaveLength(10)
    // the same answer for the same folds, so a selector over it stays stable
    const opened = [0]
    expect(shownSteps(timeline, 1, opened)).toBe(shownSteps(timeline, 1, opened))
    expect(foldedBefore(timeline, [], 5)).toEqual([3, 4])
    expect(foldedBefore(timeline, [0], 5)).toEqual([])
    expect(foldTopics(timeline, [3, 4])).toEqual(['powerOn', 'grub'])
  })

  it('[fold] Next, Previous, Home and End move over the steps shown', () => {
    const store = loaded()
    const { next, previous, first, last } = store.getState().actions
    expect(at(store)).toBe(1)
    next()
    next()
    expect(at(store)).toBe(5)
    next()
    expect(at(store)).toBe(7)
    previous()
    expect(at(store)).toBe(5)
    last()
    expect(at(store)).toBe(10)
    expect(selectIsLast(store.getState())).toBe(true)
    first()
    expect(at(store)).toBe(1)
    expect(selectIsFirst(store.getState())).toBe(true)
    expect(store.getState().opened).toEqual([])
  })

  it('[fold] "Step X of N" counts the steps shown', () => {
    const store = loaded(7)
    expect(selectTotal(store.getState())).toBe(6)
    expect(selectPosition(store.getState())).toBe(3)
    store.getState().actions.openFold(0)
    expect(at(store)).toBe(7)
    expect(selectTotal(store.getState())).toBe(9)
    expect(selectPosition(store.getState())).toBe(6)
  })

  it('[fold] opens in place: the cursor stays, and →/← then visit every step', () => {
    const store = loaded(5)
    const { openFold, next, previous } = store.getState().actions
    openFold(0)
    expect(at(store)).toBe(5)
    previous()
    expect(at(store)).toBe(4)
    previous()
    expect(at(store)).toBe(3)
    next()
    next()
    next()
    expect(at(store)).toBe(6)
  })

  it('[fold] folding again on a step it hides goes to the step that stands for it', () => {
    const store = loaded(5)
    store.getState().actions.openFold(0)
    store.getState().actions.next()
    expect(at(store)).toBe(6)
    store.getState().actions.closeFold(0)
    expect(store.getState().opened).toEqual([])
    expect(at(store)).toBe(7)
    // on a step the fold shows, the cursor stays
    store.getState().actions.openFold(0)
    store.getState().actions.closeFold(0)
    expect(at(store)).toBe(7)
  })

  it('[fold] the key toggles the fold at the cursor, and does nothing elsewhere', () => {
    const store = loaded(2)
    const { toggleFold, goTo } = store.getState().actions
    toggleFold()
    expect(store.getState().opened).toEqual([])
    goTo(5)
    toggleFold()
    expect(store.getState().opened).toEqual([0])
    toggleFold()
    expect(store.getState().opened).toEqual([])
    goTo(9)
    toggleFold()
    expect(store.getState().opened).toEqual([1])
  })

  it('[fold] going to a folded step opens its fold (a panel button, the slider)', () => {
    const store = loaded(1)
    store.getState().actions.goTo(4)
    expect(at(store)).toBe(4)
    expect(store.getState().opened).toEqual([0])
  })

  it('[fold] chapter jumps land on the first step shown of each chapter', () => {
    const store = loaded()
    const { nextChapter, previousChapter, goToChapter, openFold } = store.getState().actions
    expect(selectChapterStarts(store.getState())).toEqual([1, 5, 9])
    nextChapter()
    expect(at(store)).toBe(5)
    nextChapter()
    expect(at(store)).toBe(9)
    previousChapter()
    expect(at(store)).toBe(5)
    goToChapter(2)
    expect(at(store)).toBe(9)
    openFold(1)
    goToChapter(2)
    expect(at(store)).toBe(8)
    previousChapter()
    expect(at(store)).toBe(5)
  })

  it('[fold] plays the steps shown, and stops at the last', () => {
    const store = loaded(2)
    const { play, tick } = store.getState().actions
    play()
    const seen = []
    for (let i = 0; i < 6; i++) {
      tick()
      seen.push(at(store))
    }
    expect(seen).toEqual([5, 7, 9, 10, 10, 10])
    expect(store.getState().playing).toBe(false)
  })

  it('[fold] a link counts every story step, and a link into a fold opens it', () => {
    // openTour asks for `first + step`: the 8th step of the story is timeline index 8
    const store = loaded(8)
    expect(at(store)).toBe(8)
    expect(store.getState().opened).toEqual([1])
    // the address keeps counting every step, whatever the folds
    expect(store.getState().cursor - store.getState().first + 1).toBe(8)
    expect(loaded(7).getState().opened).toEqual([])
    // another tour: every fold closed again
    store.getState().actions.loadingTour('u')
    expect(store.getState().opened).toEqual([])
  })

  it('[fold] numbers a step as the counter will once there', () => {
    expect(stepNumber(timeline, 1, [], 7)).toBe(4)
    // a folded step: counted with its fold open, since going there opens it
    expect(stepNumber(timeline, 1, [], 4)).toBe(4)
    expect(stepNumber(timeline, 1, [0], 7)).toBe(7)
  })

  it('[fold] a step after folded steps compares with the step shown before them', () => {
    const store = loaded(5)
    expect(selectPrevious(store.getState())).toBe(timeline[2]?.machine)
    expect(selectTouched(store.getState())).toEqual(['root:/file3', 'root:/file4', 'root:/file5'])
    // the same list at every render
    expect(selectTouched(store.getState())).toBe(selectTouched(store.getState()))
    store.getState().actions.openFold(0)
    expect(selectPrevious(store.getState())).toBe(timeline[4]?.machine)
    expect(selectTouched(store.getState())).toEqual(['root:/file5'])
  })

  it('[fold] the steps a reader adds by acting are never folded', () => {
    const store = loaded(5)
    const added = [timeline[1], timeline[2]].map((step) => ({ ...step, machine: step?.machine }))
    const steps = store
      .getState()
      .actions.act({ type: 'poweroff' }, () => added as unknown as TourStep[])
    expect(steps).toHaveLength(2)
    const s = store.getState()
    expect(s.timeline).toHaveLength(8)
    expect(shownSteps(s.timeline, s.first, s.opened)).toEqual([1, 2, 5, 6, 7])
    expect(at(store)).toBe(6)
  })
})
