/** Acting on the machine from a panel: the engine (in its worker) performs the action. */
import { useCallback } from 'react'
import type { MachineAction } from '../../scenarios/types'
import { engineClient } from '../worker/client'
import type { PlayerStore } from './playerStore'
import { usePlayerStore } from './usePlayer'

/**
 * Runs `action` on the machine at the cursor and adds its steps (see `PlayerActions.act`): at once
 * when the engine runs on the page's thread, else when the engine worker answers. An answer for a
 * machine no longer at the cursor (the person moved meanwhile, or acted twice) is dropped.
 */
export function actOn(store: PlayerStore, action: MachineAction): void {
  const { actions, timeline, cursor } = store.getState()
  const client = engineClient()
  if (client.sync) {
    actions.act(action, client.sync.performAction)
    return
  }
  const from = timeline[cursor]?.machine
  if (!from) return
  client.act(from, action).then(
    (steps) => store.getState().actions.act(action, (machine) => (machine === from ? steps : [])),
    (error: unknown) =>
      store.getState().actions.notify({
        key: 'status.actionFailed',
        params: { message: error instanceof Error ? error.message : String(error) },
      }),
  )
}

/**
 * `act(action)`: runs the action on the machine shown, dropping the steps after it. Every panel
 * that changes the machine goes through it.
 * @example const act = useAct(); act({ type: 'reboot', entry: 1 })
 */
export function useAct(): (action: MachineAction) => void {
  const store = usePlayerStore()
  return useCallback((action: MachineAction) => actOn(store, action), [store])
}
