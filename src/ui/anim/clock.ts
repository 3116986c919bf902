/**
 * One clock for the whole page: a single requestAnimationFrame loop that runs only while something
 * listens, so every tween on screen advances in the same frame.
 */
type Listener = (now: number) => void

const listeners = new Set<Listener>()
let frame = 0

function tick(now: number): void {
  for (const listener of [...listeners]) listener(now)
  frame = listeners.size > 0 ? requestAnimationFrame(tick) : 0
}

export function subscribeClock(listener: Listener): () => void {
  listeners.add(listener)
  if (frame === 0) frame = requestAnimationFrame(tick)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && frame !== 0) {
      cancelAnimationFrame(frame)
      frame = 0
    }
  }
}

export function clockNow(): number {
  return typeof performance === 'undefined' ? 0 : performance.now()
}
