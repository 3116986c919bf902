/**
 * Each panel's code is a chunk of its own, loaded the first time a step shows the panel: the page
 * draws its first step with the panels that step is about, not all eight and the engine queries
 * they make.
 */
import { useSyncExternalStore, type ComponentType, type ReactNode } from 'react'
import type { PanelId } from '../../scenarios/focus'
import { Panel } from '../panels/Panel'
import { useT } from '../useT'

const LOADERS: Record<PanelId, () => Promise<ComponentType>> = {
  disk: () => import('../panels/DiskPanel').then((m) => m.DiskPanel),
  hardLinks: () => import('../panels/HardLinksPanel').then((m) => m.HardLinksPanel),
  deployments: () => import('../panels/DeploymentsPanel').then((m) => m.DeploymentsPanel),
  boot: () => import('../panels/BootPanel').then((m) => m.BootPanel),
  mounts: () => import('../panels/MountsPanel').then((m) => m.MountsPanel),
  etcMerge: () => import('../panels/EtcMergePanel').then((m) => m.EtcMergePanel),
  ignition: () => import('../panels/IgnitionPanel').then((m) => m.IgnitionPanel),
  terminal: () => import('../panels/TerminalPanel').then((m) => m.TerminalPanel),
}

type Loaded = { component: ComponentType } | { error: string }

const loaded = new Map<PanelId, Loaded>()
const loading = new Set<PanelId>()
const listeners = new Set<() => void>()

/** Starts loading panel `id`'s code, once. */
export function loadPanel(id: PanelId): void {
  if (loading.has(id) || loaded.has(id)) return
  loading.add(id)
  LOADERS[id]().then(
    (component) => done(id, { component }),
    (error: unknown) => done(id, { error: error instanceof Error ? error.message : String(error) }),
  )
}

function done(id: PanelId, result: Loaded): void {
  loading.delete(id)
  loaded.set(id, result)
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether every panel of `ids` has its code in (or failed to load it: it says so). */
export function usePanelsLoaded(ids: readonly PanelId[]): boolean {
  return useSyncExternalStore(subscribe, () => ids.every((id) => loaded.has(id)))
}

/** Panel `id`, drawn once its code is in; meanwhile its frame and title, empty. */
export function LazyPanel({ id }: { id: PanelId }): ReactNode {
  const t = useT()
  const state = useSyncExternalStore(subscribe, () => loaded.get(id))
  if (state && 'component' in state) return <state.component />
  // as React's `lazy` does: the first render asks for the code, which comes once
  if (!state) loadPanel(id)
  return (
    <Panel title={t(`panel.${id}`)} busy={!state}>
      {state && <p role="alert">{t('status.panelError', { message: state.error })}</p>}
    </Panel>
  )
}
