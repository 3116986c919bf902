import { useLayoutEffect, useState, type RefObject } from 'react'

const canObserve = typeof ResizeObserver !== 'undefined'

/** The root font size the diagrams' figures (box heights, font sizes) are drawn for. */
const BASE_FONT = 16

/** Where a diagram is drawn: its width in the diagram's units, and CSS pixels per unit. */
export interface DiagramBox {
  width: number
  zoom: number
}

/**
 * The box a diagram has in an element: the element's width, in units of a 16 px root font, and
 * the zoom that draws them at the element's font size. A larger type (the projector theme, a
 * `scale` in the address) lays the diagram out for fewer units and draws them larger, so its text
 * grows with the page's, its lines with it. Follows the element as it resizes and the root as
 * its theme or size changes. Null until first measured (before the first paint), so a drawing
 * can wait for its real width; `fallback` units at zoom 1 where nothing can measure (jsdom).
 */
export function useDiagramBox(
  ref: RefObject<HTMLElement | null>,
  fallback: number,
): DiagramBox | null {
  const [box, setBox] = useState<DiagramBox | null>(
    canObserve ? null : { width: fallback, zoom: 1 },
  )
  useLayoutEffect(() => {
    const element = ref.current
    if (!element || !canObserve) return
    const measure = () => {
      const zoom = parseFloat(getComputedStyle(element).fontSize) / BASE_FONT || 1
      const pixels = element.getBoundingClientRect().width
      const width = pixels > 0 ? Math.floor(pixels / zoom) : fallback
      setBox((old) => (old?.width === width && old.zoom === zoom ? old : { width, zoom }))
    }
    measure()
    const resized = new ResizeObserver(measure)
    resized.observe(element)
    // a theme or a scale changes the root's font size, not the element's width
    const restyled = new MutationObserver(measure)
    restyled.observe(document.documentElement, { attributes: true })
    return () => {
      resized.disconnect()
      restyled.disconnect()
    }
  }, [ref, fallback])
  return box
}
