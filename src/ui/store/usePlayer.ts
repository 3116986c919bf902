/** The React side of the player store: a context that carries the store, and a selector hook. */
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { Player, PlayerStore } from './playerStore'

export const PlayerContext = createContext<PlayerStore | null>(null)

export function usePlayerStore(): PlayerStore {
  const store = useContext(PlayerContext)
  if (!store) throw new Error('usePlayer must be used inside <PlayerContext.Provider>')
  return store
}

/** Reads one small slice of the player; wrap array-building selectors in `useShallow`. */
export function usePlayer<T>(selector: (state: Player) => T): T {
  return useStore(usePlayerStore(), selector)
}
