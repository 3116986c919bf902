import { useEffect } from 'react'
import type { PlayerStore } from '../store/playerStore'
import { commandForKey, ownsKey } from './keyboard'

/**
 * The player's keys. They are read on the document, which receives key events only while the
 * page (or, embedded, its frame) has focus; nothing here ever moves focus.
 */
export function usePlayerKeys(store: PlayerStore): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || ownsKey(event.target, event.key)) return
      const command = commandForKey(event)
      if (!command) return
      event.preventDefault()
      store.getState().actions[command]()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [store])
}
