import { useEffect } from 'react'
import type { PlayerStore } from '../store/playerStore'
import { selectIsFirst, selectIsLast } from '../store/selectors'
import type { Host, KeyReport } from './host'
import { commandForKey, embeddedKey, ownsKey, typesText } from './keyboard'

function report(event: KeyboardEvent): KeyReport {
  const { key, code, keyCode, shiftKey, altKey, ctrlKey, metaKey } = event
  return { key, code, keyCode, shiftKey, altKey, ctrlKey, metaKey }
}

/**
 * The player's keys. They are read on the document, which receives key events only while the
 * page (or, embedded, its frame) has focus; nothing here takes focus. Embedded, the keys the tour
 * does not use go back to the host page (keyboard.ts, `embeddedKey`), and Escape gives them back
 * from anywhere in the tour, a field included.
 */
export function usePlayerKeys(store: PlayerStore, host: Host | null): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      const s = store.getState()
      const embedded = s.embed && host !== null
      // a clicker's keys step the tour even from its menus and slider: only text takes them,
      // and a button Space or Enter presses
      const activates = event.key === ' ' || event.key === 'Enter'
      if (
        embedded &&
        event.key !== 'Escape' &&
        (typesText(event.target) || (activates && ownsKey(event.target, event.key)))
      )
        return
      if (!embedded) {
        if (ownsKey(event.target, event.key)) return
        const command = commandForKey(event)
        if (!command) return
        event.preventDefault()
        s.actions[command]()
        return
      }
      // while the tour computes there are no steps to be past the end of
      const ready = s.status.kind === 'ready'
      const { command, handBack } = embeddedKey(event, {
        first: ready && selectIsFirst(s),
        // a tour still arriving has more steps than the last known: the deck keeps its key
        last: ready && selectIsLast(s) && !s.arriving,
      })
      if (command) s.actions[command]()
      if (command || handBack) event.preventDefault()
      if (handBack) host.handBack(report(event))
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [store, host])
}
