/**
 * Acting on the machine from a panel. This module brings the engine (through `performAction`),
 * so only the panels, which load lazily with it, import it.
 */
import { useCallback } from 'react'
import { performAction } from '../../scenarios/run'
import type { MachineAction } from '../../scenarios/types'
import { usePlayerStore } from './usePlayer'

/**
 * `act(action)`: runs the action on the machine shown, dropping the steps after it (see
 * `PlayerActions.act`). Every panel that changes the machine goes through it.
 * @example const act = useAct(); act({ type: 'reboot', entry: 1 })
 */
export function useAct(): (action: MachineAction) => void {
  const store = usePlayerStore()
  return useCallback(
    (action: MachineAction) => void store.getState().actions.act(action, performAction),
    [store],
  )
}
