import { useEffect } from 'react'
import { STEP_MS } from './playerStore'
import { usePlayer } from './usePlayer'

/** While playing, moves one step forward every `STEP_MS / speed` milliseconds. */
export function usePlayback(): void {
  const playing = usePlayer((s) => s.playing)
  const cursor = usePlayer((s) => s.cursor)
  const speed = usePlayer((s) => s.speed)
  const { tick } = usePlayer((s) => s.actions)
  useEffect(() => {
    if (!playing) return
    // `cursor` restarts the wait after every step, including one taken by hand.
    const timer = setTimeout(tick, STEP_MS / speed)
    return () => clearTimeout(timer)
  }, [playing, cursor, speed, tick])
}
