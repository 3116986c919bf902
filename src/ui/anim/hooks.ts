/**
 * Tweens between two steps: `useTween` eases a value from what is on screen to its new target,
 * driven by the page's one clock (`useClock`). With `prefers-reduced-motion: reduce` the value
 * jumps at once.
 */
import { interpolateNumber } from 'd3-interpolate'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { clockNow, subscribeClock } from './clock'

const REDUCE = '(prefers-reduced-motion: reduce)'

/** One query for the page (every tween asks it on every render), asked again if matchMedia changes. */
let reduceQuery: { from: typeof matchMedia; query: MediaQueryList } | undefined
function reduceMotionQuery(): MediaQueryList | null {
  if (typeof matchMedia !== 'function') return null
  if (reduceQuery?.from !== matchMedia)
    reduceQuery = { from: matchMedia, query: matchMedia(REDUCE) }
  return reduceQuery.query
}

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = reduceMotionQuery()
  query?.addEventListener('change', onChange)
  return () => query?.removeEventListener('change', onChange)
}

function prefersReducedMotion(): boolean {
  return reduceMotionQuery()?.matches ?? false
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribeReducedMotion, prefersReducedMotion, () => false)
}

/** The time of the current frame, re-rendering on every frame while `running`. */
export function useClock(running: boolean): number {
  const [now, setNow] = useState(clockNow)
  useEffect(() => (running ? subscribeClock(setNow) : undefined), [running])
  return now
}

export type Interpolate<T> = (from: T, to: T) => (t: number) => T

interface Tween<T> {
  from: T
  to: T
  start: number
}

/** d3's cubic in-out, written out to keep d3-ease out of the bundle for one curve. */
function easeCubicInOut(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2
}

function sample<T>(tween: Tween<T>, interpolate: Interpolate<T>, now: number, ms: number): T {
  const k = Math.min(1, Math.max(0, (now - tween.start) / ms))
  return k >= 1 ? tween.to : interpolate(tween.from, tween.to)(easeCubicInOut(k))
}

/**
 * `target`, eased over `ms` each time it changes. Pass a memoised target when it is an object.
 * @example const width = useTween(usedBytes / size) // a number eases by default
 */
export function useTween<T = number>(
  target: T,
  ms = 400,
  interpolate: Interpolate<T> = interpolateNumber as unknown as Interpolate<T>,
): T {
  const reduced = useReducedMotion()
  const [tween, setTween] = useState<Tween<T>>(() => ({ from: target, to: target, start: -ms }))
  let current = tween
  if (!Object.is(tween.to, target)) {
    // The target changed: ease from what is on screen now. Adjusting state while rendering is
    // what React's docs recommend over an effect for state that follows a prop.
    const now = clockNow()
    current = {
      from: reduced ? target : sample(tween, interpolate, now, ms),
      to: target,
      start: now,
    }
    setTween(current)
  }
  // Once the tween's time is over the value is the target, whatever frame was drawn last.
  const running = !reduced && clockNow() < current.start + ms
  const now = useClock(running)
  return running ? sample(current, interpolate, now, ms) : target
}
