/**
 * The step the panels draw, one render behind the player. A key press moves the cursor at once
 * (the timeline, the caption, the slider answer in the same frame); the panels then follow in a
 * deferred render that React splits into short slices, so drawing 20,000 files' worth of panels
 * never holds the page for a long task. Until that render is done they keep the step before.
 */
import { createContext, useContext } from 'react'
import type { PlayerState } from './playerStore'
import { usePlayer } from './usePlayer'

/**
 * What the panels read of the player: the timeline and the cursor into it, and the folds opened
 * (a step stands for the folded steps before it: the panels mark what they changed too).
 */
export type Shown = Pick<PlayerState, 'timeline' | 'cursor' | 'opened'>

/** The deferred timeline and cursor; `null` outside `<Panels>`, where panels read the player. */
export const ShownContext = createContext<Shown | null>(null)

const nothing = () => undefined

/**
 * Reads one slice of the step the panels show. Inside `<Panels>` it is the deferred step; a panel
 * rendered on its own (a unit test) reads the player directly.
 */
export function useShown<T>(selector: (shown: Shown) => T): T {
  const shown = useContext(ShownContext)
  const live = usePlayer(shown ? nothing : selector)
  return shown ? selector(shown) : (live as T)
}
