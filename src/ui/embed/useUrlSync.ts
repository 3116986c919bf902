import { useEffect } from 'react'
import type { Fork, PlayerStore } from '../store/playerStore'
import { encodeForks } from './forkCode'
import { urlStateOf } from './shareLink'
import { buildSearch } from './urlState'

/** How long the address bar may lag the step: changing it is slow, and stepping can be fast. */
const SETTLE_MS = 200

/**
 * Keeps the address bar on the step shown, so reloading or sharing the link shows it again.
 * `replaceState`, not `pushState`: stepping is not navigation, and Back should leave the page.
 * The address is written once the player settles (a step a key press, a tour playing at 4x), and
 * before the page goes away. Actions a person took (forks) go in as a code that replays them.
 */
export function useUrlSync(store: PlayerStore): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    // The actions' code, for the forks it encodes: encoding is asynchronous, and done once.
    let coded: { forks: readonly Fork[]; code: string | null } = { forks: [], code: null }
    const write = () => {
      clearTimeout(timer)
      timer = undefined
      const { status, forks } = store.getState()
      // While a tour computes, the link keeps the step and the actions it asked for.
      if (status.kind !== 'ready') return
      if (coded.forks !== forks && forks.length === 0) coded = { forks, code: null }
      else if (coded.forks !== forks) {
        encodeForks(forks).then((code) => {
          if (store.getState().forks !== forks) return
          coded = { forks, code }
          write()
        }, noEncoder)
        return
      }
      const search = buildSearch(location.search, urlStateOf(store.getState(), coded.code))
      if (search !== location.search) {
        history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`)
      }
    }
    // Without CompressionStream (an old browser) links carry no actions; the page still works.
    const noEncoder = () => {
      coded = { forks: store.getState().forks, code: null }
      write()
    }
    const later = () => {
      timer ??= setTimeout(write, SETTLE_MS)
    }
    write()
    const unsubscribe = store.subscribe(later)
    addEventListener('pagehide', write)
    return () => {
      unsubscribe()
      removeEventListener('pagehide', write)
      clearTimeout(timer)
    }
  }, [store])
}
