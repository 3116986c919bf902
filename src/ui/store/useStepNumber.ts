import { useCallback } from 'react'
import { stepNumber } from './folds'
import { usePlayer } from './usePlayer'

/**
 * The number the player's counter shows for a timeline index, once there (folds.ts
 * `stepNumber`): for the panels' "go to step N" and "at step N".
 */
export function useStepNumber(): (index: number) => number {
  const timeline = usePlayer((s) => s.timeline)
  const first = usePlayer((s) => s.first)
  const opened = usePlayer((s) => s.opened)
  return useCallback(
    (index: number) => stepNumber(timeline, first, opened, index),
    [timeline, first, opened],
  )
}
