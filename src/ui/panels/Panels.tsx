import { useDeferredValue, useMemo } from 'react'
import { ShownContext } from '../store/useShown'
import { usePlayer } from '../store/usePlayer'
import { useT } from '../useT'
import { BootPanel } from './BootPanel'
import { DeploymentsPanel } from './DeploymentsPanel'
import { DiskPanel } from './DiskPanel'
import { EtcMergePanel } from './EtcMergePanel'
import { HardLinksPanel } from './HardLinksPanel'
import { IgnitionPanel } from './IgnitionPanel'
import { MountsPanel } from './MountsPanel'
import { TerminalPanel } from './TerminalPanel'

/**
 * The panel area. Each panel shows itself only when the step's machine gives it something to
 * show: no deployments before the image is written, no mounts while the machine is off.
 * A panel that changes the machine (a reboot into another GRUB entry, a command) does it with
 * `useAct()` (store/useAct.ts): the action runs on the machine shown and forks the timeline there.
 */
export default function Panels() {
  const t = useT()
  const timeline = usePlayer((s) => s.timeline)
  const cursor = usePlayer((s) => s.cursor)
  const live = useMemo(() => ({ timeline, cursor }), [timeline, cursor])
  // The panels follow the cursor in a deferred, interruptible render (store/useShown.ts).
  const shown = useDeferredValue(live)
  return (
    <div
      className="panels"
      role="group"
      aria-label={t('panel.area')}
      aria-busy={shown !== live || undefined}
    >
      <ShownContext.Provider value={shown}>{PANELS}</ShownContext.Provider>
    </div>
  )
}

/**
 * One element for every render: React skips panels whose element has not changed, so they render
 * only when the step they show (the context) or their own state does.
 */
const PANELS = (
  <>
    <DiskPanel />
    <HardLinksPanel />
    <DeploymentsPanel />
    <IgnitionPanel />
    <BootPanel />
    <MountsPanel />
    <EtcMergePanel />
    <TerminalPanel />
  </>
)
