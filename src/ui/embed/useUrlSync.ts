import { useEffect } from 'react'
import { findTour } from '../../scenarios/registry'
import type { PlayerStore } from '../store/playerStore'
import { buildSearch } from './urlState'

/**
 * Keeps the address bar on the step shown, so reloading or sharing the link shows it again.
 * `replaceState`, not `pushState`: stepping is not navigation, and Back should leave the page.
 */
export function useUrlSync(store: PlayerStore): void {
  useEffect(() => {
    const write = () => {
      const { status, tourId, cursor, locale, theme, os } = store.getState()
      // While a tour computes, the link keeps the step it asked for.
      if (status.kind !== 'ready') return
      // the system, for a tour that lets the reader choose it
      const chosen = findTour(tourId)?.profiles?.includes(os) ? os : undefined
      const search = buildSearch(location.search, { tourId, cursor, locale, theme, os: chosen })
      if (search !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`)
      }
    }
    write()
    return store.subscribe(write)
  }, [store])
}
