import { useEffect } from 'react'
import type { PlayerStore } from '../store/playerStore'
import { buildSearch } from './urlState'

/**
 * Keeps the address bar on the step shown, so reloading or sharing the link shows it again.
 * `replaceState`, not `pushState`: stepping is not navigation, and Back should leave the page.
 */
export function useUrlSync(store: PlayerStore): void {
  useEffect(() => {
    const write = () => {
      const { status, tourId, cursor, locale, theme } = store.getState()
      // While a tour computes, the link keeps the step it asked for.
      if (status.kind !== 'ready') return
      const search = buildSearch(location.search, { tourId, cursor, locale, theme })
      if (search !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`)
      }
    }
    write()
    return store.subscribe(write)
  }, [store])
}
