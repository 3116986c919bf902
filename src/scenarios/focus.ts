/**
 * What a step is about: the panel (or two) that shows it, and the element in it. One table, keyed
 * by the step's event type, says it for every event the engine emits; a tour's note may say
 * otherwise for its step (`TourNote.focus`). The stage puts the first panel in front and points at
 * the element.
 */
import { grubMenu, listDeployments } from '../engine'
import type { EventOf, Machine, MachineEvent } from '../engine/types'
import { PANEL_IDS, type PanelId } from './panels'
import type { TourStep } from './types'

export { PANEL_IDS, type PanelId }

/**
 * The panels a step is about, most important first, and the element to point at: the value of a
 * `data-focus` attribute in the first panel. Without one, the stage points at what the step
 * changed there (the panels mark it: a touched row, a changed card, the current boot node).
 */
export interface Focus {
  panels: readonly [PanelId, ...PanelId[]]
  element?: string
}

type Rule<T extends MachineEvent['type'] = MachineEvent['type']> = (event: EventOf<T>) => Focus

const on =
  (...panels: [PanelId, ...PanelId[]]) =>
  (): Focus => ({ panels })

/** A deployment that has a card (listed by `ostree admin status`) at this step. */
const deploymentCard = (event: { deployment: { checksum: string; serial: number } }): Focus => ({
  panels: ['deployments'],
  element: `deployment:${event.deployment.checksum}.${event.deployment.serial}`,
})

const mount = (event: { target: string }): Focus => ({
  panels: ['mounts'],
  element: `mount:${event.target}`,
})

/**
 * Where each event is shown: one line per event type of the engine's union, so a new event
 * without a line here does not compile.
 */
export const FOCUS: { readonly [T in MachineEvent['type']]: Rule<T> } = {
  // the image on the disk
  'disk/partitioned': on('disk'),
  'disk/formatted': on('disk'),
  'stateroot/created': on('disk'),
  'sysroot/initialized': on('disk'),
  'repo/objectsWritten': on('disk', 'hardLinks'),
  'repo/deploymentRefsWritten': on('disk'),
  'install/finished': on('disk', 'deployments'),
  // the update server and the pull
  'remote/published': on('deployments'),
  'pull/started': () => ({ panels: ['disk'], element: 'pull' }),
  'pull/objectsFetched': () => ({ panels: ['disk', 'hardLinks'], element: 'pull' }),
  'pull/refUpdated': () => ({ panels: ['disk'], element: 'pull' }),
  // a deployment: checkout, /etc, origin, staging, cleanup
  'deployment/checkedOut': on('hardLinks', 'deployments'),
  'deployment/etcCopied': on('etcMerge', 'disk'),
  'deployment/originWritten': on('disk', 'deployments'),
  'deployment/staged': deploymentCard,
  'deployment/pinUnchanged': on('deployments'),
  'deployment/pinned': deploymentCard,
  'deployment/unpinned': deploymentCard,
  // while the staged deployment is finalized at shutdown, the Deployments panel has no card for it
  'deployment/unstaged': on('deployments'),
  'deployment/sealed': on('deployments', 'disk'),
  'deployment/undeployed': on('deployments', 'disk'),
  'rollback/started': on('deployments'),
  'shutdown/started': on('deployments'),
  'finalize/started': on('deployments', 'etcMerge'),
  'finalize/locked': on('deployments'),
  'finalize/nothingStaged': on('deployments'),
  'finalize/failed': on('etcMerge', 'deployments'),
  'etc/merged': on('etcMerge', 'deployments'),
  'etc/edited': on('etcMerge'),
  // the bootloader, written beside the one GRUB reads, then swapped
  'bootloader/entriesCleared': on('deployments', 'disk'),
  'bootloader/entryWritten': on('deployments', 'disk'),
  'bootloader/bootlinksCreated': on('disk', 'deployments'),
  'bootloader/bootlinksSwapped': on('disk', 'deployments'),
  'bootloader/synced': on('deployments', 'disk'),
  'bootloader/loaderTmpCreated': () => ({ panels: ['deployments', 'disk'], element: 'loader' }),
  'bootloader/loaderSwapped': () => ({ panels: ['deployments', 'disk'], element: 'loader' }),
  'cleanup/bootversionRemoved': () => ({ panels: ['deployments', 'disk'], element: 'loader' }),
  'cleanup/deploymentRemoved': on('deployments', 'hardLinks'),
  'cleanup/kernelRemoved': on('disk'),
  'cleanup/unchanged': on('deployments'),
  'repo/pruned': on('hardLinks', 'disk'),
  // power and the boot chain
  'power/on': on('boot'),
  'power/off': on('boot'),
  'power/lost': on('deployments', 'boot'),
  'grub/bootFound': on('boot'),
  'grub/envLoaded': on('boot'),
  'grub/firstbootChecked': on('boot'),
  'grub/menu': () => ({ panels: ['boot'], element: 'grub-menu' }),
  'grub/noEntry': on('boot'),
  'kernel/started': on('boot'),
  'prepareRoot/resolved': on('boot', 'mounts'),
  'boot/switchedRoot': on('boot', 'mounts'),
  'boot/entriesPinned': on('boot', 'disk'),
  'boot/finished': on('boot', 'deployments'),
  'boot/failed': on('boot'),
  'unit/ran': on('boot'),
  'unit/failed': on('boot'),
  'var/relabeled': on('boot'),
  'systemd/presetsApplied': on('boot'),
  // the mount table, mount by mount
  'mount/mounted': mount,
  'mount/bound': mount,
  'mount/moved': (event) => ({ panels: ['mounts'], element: `mount:${event.to}` }),
  'mount/remounted': mount,
  // Ignition's first boot
  'ignition/provided': on('ignition'),
  'ignition/stage': (event) => ({ panels: ['ignition'], element: `ignition:${event.stage}` }),
  'ignition/failed': on('ignition'),
  'ignition/rebooted': on('ignition', 'boot'),
  'ignition/firstbootCompleted': on('boot', 'disk'),
  'disk/attached': on('ignition', 'disk'),
  'unit/notSimulated': on('ignition'),
  // the terminal: what a command did
  'command/failed': on('terminal'),
  'file/touched': on('terminal', 'disk'),
  'file/written': on('terminal', 'disk'),
  'file/removed': on('terminal', 'disk'),
  'file/linked': on('terminal', 'hardLinks'),
  'file/modeChanged': on('terminal', 'disk'),
  'directory/created': on('terminal', 'disk'),
  'symlink/created': on('terminal', 'disk'),
  'kargs/changed': on('terminal', 'deployments'),
  'unit/refused': on('terminal'),
}

/**
 * Whether `panel` has something to draw for `machine`: no deployment is listed while the image is
 * still being written, nothing is mounted while the machine is off, no boot before the image has a
 * boot entry. The Disk panel always has the
 * partitions; the terminal says when the machine is off.
 */
export function panelShows(panel: PanelId, machine: Machine): boolean {
  switch (panel) {
    case 'deployments':
    case 'etcMerge':
    case 'hardLinks':
      return listDeployments(machine).length > 0
    case 'boot':
      // off, it still has GRUB's menu to power on with
      return machine.runtime !== null || grubMenu(machine).length > 0
    case 'mounts':
      return machine.runtime !== null && machine.runtime.mounts.length > 0
    case 'disk':
    case 'ignition':
    case 'terminal':
      return true
  }
}

/**
 * What `step` is about: its tour note's focus if the tour gives one, else the table's, less the
 * panels that have nothing to draw at this step (the Disk panel then, which always has).
 * @example focusOf(step) // { panels: ['deployments', 'disk'], element: 'loader' } at the rename
 */
export function focusOf(step: TourStep): Focus {
  if (step.focus) return step.focus
  const focus = (FOCUS[step.event.type] as Rule)(step.event)
  const [first, ...rest] = focus.panels.filter((panel) => panelShows(panel, step.machine))
  if (first === undefined) return { panels: ['disk'] }
  // the element belongs to the first panel the table named
  const element = first === focus.panels[0] ? focus.element : undefined
  return element === undefined
    ? { panels: [first, ...rest] }
    : { panels: [first, ...rest], element }
}
