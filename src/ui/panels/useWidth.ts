import { useLayoutEffect, useState, type RefObject } from 'react'

const canObserve = typeof ResizeObserver !== 'undefined'

/**
 * The width of an element in CSS pixels, following it as it resizes. Null until it is first
 * measured (before the first paint), so a drawing can wait for its real width; `fallback` where
 * nothing can measure it (jsdom has no ResizeObserver).
 */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback: number): number | null {
  const [width, setWidth] = useState<number | null>(canObserve ? null : fallback)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element || !canObserve) return
    const measure = () => {
      const next = Math.floor(element.getBoundingClientRect().width)
      setWidth(next > 0 ? next : fallback)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, fallback])
  return width
}
