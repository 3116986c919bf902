/**
 * The boot chain of one power cycle, as a timeline: firmware, GRUB, the kernel, the initramfs and
 * its units (Ignition's stages on a first boot, ostree-prepare-root, switch-root), then systemd's
 * units, then shutdown. Each node is a unit or a stage, holding the timeline steps that belong to
 * it; its state says where the cursor is (reference 5.1 to 5.3, 5.6).
 */
import type { Step } from '../../engine/types'

export const CHAIN_GROUPS = [
  'firmware',
  'bootloader',
  'kernel',
  'initramfs',
  'system',
  'shutdown',
] as const
export type ChainGroup = (typeof CHAIN_GROUPS)[number]

/** done: all its steps are past; current: the cursor is on one; active: begun, not finished. */
export type ChainState = 'done' | 'current' | 'active' | 'pending'

/** What a node is: a stage named by a label, or a systemd unit named by `unit`. */
export type ChainKind =
  | 'firmware'
  | 'grubSearch'
  | 'grubEnv'
  | 'grubFirstboot'
  | 'grub'
  | 'presets'
  | 'kernel'
  | 'unit'
  | 'ignition'
  | 'shutdown'
  | 'powerOff'
  | 'powerLost'
  | 'ignitionReboot'

export interface ChainNode {
  /** Stable within a power cycle, so React keeps the node from one step to the next. */
  id: string
  group: ChainGroup
  kind: ChainKind
  /** The systemd unit (`ostree-prepare-root.service`), or null for firmware, GRUB, the kernel... */
  unit: string | null
  /** Ignition's stage (`fetch-offline`, `files`...), for an `ignition` node. */
  stage: string | null
  /** Timeline indices of the steps of this node, ascending. */
  steps: number[]
  state: ChainState
  /** One of its steps up to the cursor reported a failure. */
  failed: boolean
  /** The unit had nothing to do and did not run (Ignition's fetch stage, with no network need). */
  skipped: boolean
}

export interface ChainGroupView {
  group: ChainGroup
  state: ChainState
  nodes: ChainNode[]
}

export interface BootChain {
  /** Timeline indices of the cycle's first and last steps. */
  start: number
  end: number
  /** The cycle lies ahead of the cursor: the machine is off and will be powered on. */
  upcoming: boolean
  nodes: ChainNode[]
  groups: ChainGroupView[]
}

type Placement = Pick<ChainNode, 'group' | 'kind' | 'unit' | 'stage'> & {
  failed?: boolean
  skipped?: boolean
}

const unitNode = (group: ChainGroup, unit: string, failed = false): Placement => ({
  group,
  kind: 'unit',
  unit,
  stage: null,
  failed,
})

/** The mount unit systemd names after a path: `/var` is `var.mount`, `/` is `-.mount`. */
export function mountUnit(target: string): string {
  const path = target.replace(/^\/+|\/+$/g, '')
  return `${path === '' ? '-' : path.replaceAll('-', '\\x2d').replaceAll('/', '-')}.mount`
}

/** Where a step sits in the boot chain, or null for a step that is not part of it (a pull...). */
export function placeStep(step: Step): Placement | null {
  const { event } = step
  const phase = step.machine.runtime?.phase
  const inInitramfs = phase === 'initramfs'
  if (phase === 'shutdown') {
    return event.type === 'shutdown/started'
      ? { group: 'shutdown', kind: 'shutdown', unit: null, stage: null }
      : // what runs while stopping: finalizing a staged deployment, with the bootloader write
        unitNode('shutdown', 'ostree-finalize-staged.service', event.type === 'finalize/failed')
  }
  switch (event.type) {
    case 'power/on':
      return { group: 'firmware', kind: 'firmware', unit: null, stage: null }
    // GRUB's grub.cfg, command by command (reference 5.1): search, load_env, the Ignition glue, blscfg
    case 'grub/bootFound':
      return { group: 'bootloader', kind: 'grubSearch', unit: null, stage: null }
    case 'grub/envLoaded':
      return { group: 'bootloader', kind: 'grubEnv', unit: null, stage: null }
    case 'grub/firstbootChecked':
      return { group: 'bootloader', kind: 'grubFirstboot', unit: null, stage: null }
    case 'grub/menu':
      return { group: 'bootloader', kind: 'grub', unit: null, stage: null }
    case 'grub/noEntry':
      return { group: 'bootloader', kind: 'grub', unit: null, stage: null, failed: true }
    case 'kernel/started':
      return { group: 'kernel', kind: 'kernel', unit: null, stage: null }
    case 'prepareRoot/resolved':
    case 'mount/moved':
    case 'mount/remounted':
      return unitNode('initramfs', 'ostree-prepare-root.service')
    case 'boot/failed':
      // a failed unit starts its OnFailure=emergency.target: in the initramfs (reference 5.2,
      // 5.6), or after switch-root when local-fs.target fails (a required mount)
      return unitNode(inInitramfs ? 'initramfs' : 'system', 'emergency.target', true)
    case 'systemd/presetsApplied':
      // the first boot's `systemctl preset-all`, done by systemd itself as it starts
      return { group: 'system', kind: 'presets', unit: null, stage: null }
    case 'unit/failed':
      return unitNode('system', event.unit, true)
    case 'unit/refused':
    case 'unit/notSimulated':
      return { ...unitNode('system', event.unit), skipped: true }
    case 'mount/mounted':
    case 'mount/bound':
      if (inInitramfs && event.target !== '/sysroot')
        return unitNode('initramfs', 'ostree-prepare-root.service')
      return unitNode(inInitramfs ? 'initramfs' : 'system', mountUnit(event.target))
    case 'boot/entriesPinned':
      return unitNode('initramfs', 'coreos-boot-edit.service')
    case 'boot/switchedRoot':
      return unitNode('initramfs', 'initrd-switch-root.service')
    case 'unit/ran':
      return unitNode(inInitramfs ? 'initramfs' : 'system', event.unit)
    case 'ignition/firstbootCompleted':
      return unitNode('system', 'coreos-ignition-firstboot-complete.service')
    case 'boot/finished':
      return unitNode('system', 'multi-user.target')
    case 'power/off':
      return { group: 'shutdown', kind: 'powerOff', unit: null, stage: null }
    case 'power/lost':
      return { group: 'shutdown', kind: 'powerLost', unit: null, stage: null }
    case 'ignition/rebooted':
      // the kargs stage changed the kernel arguments: the first boot starts over (reference 5.6)
      return { group: 'shutdown', kind: 'ignitionReboot', unit: null, stage: null }
    case 'ignition/provided':
      // a config given while the machine is stopped in the initramfs (its emergency shell)
      return inInitramfs ? unitNode('initramfs', 'ignition') : null
    case 'ignition/stage':
    case 'ignition/failed':
      // Ignition's stages run in the initramfs, one unit each (ignition-fetch.service...).
      if (!inInitramfs) return null
      return {
        group: 'initramfs',
        kind: 'ignition',
        unit: `ignition-${event.stage}.service`,
        stage: event.stage,
        failed: event.type === 'ignition/failed',
        skipped: event.type === 'ignition/stage' && event.stage === 'fetch' && event.skipped,
      }
  }
  return null
}

const isPowerOn = (step: Step | undefined) => step?.event.type === 'power/on'
const POWER_DOWN = new Set(['power/off', 'power/lost', 'ignition/rebooted'])
const isPowerDown = (step: Step | undefined) => POWER_DOWN.has(step?.event.type ?? '')

/**
 * The power cycle to show at `cursor`: the one running (or stopping) at the cursor; when the
 * machine is off, the next one in the timeline, else the last one before it.
 */
export function cycleAt(
  steps: readonly Step[],
  cursor: number,
): { start: number; end: number; upcoming: boolean } | null {
  const endOf = (start: number) => {
    let end = start
    while (end < steps.length - 1 && !isPowerDown(steps[end])) end++
    return end
  }
  for (let i = Math.min(cursor, steps.length - 1); i >= 0; i--) {
    if (isPowerOn(steps[i])) return { start: i, end: endOf(i), upcoming: false }
    // The step that powers the machine down belongs to the cycle it ends.
    if (isPowerDown(steps[i]) && i < cursor) break
  }
  for (let i = cursor + 1; i < steps.length; i++) {
    if (isPowerOn(steps[i])) return { start: i, end: endOf(i), upcoming: true }
  }
  for (let i = Math.min(cursor, steps.length - 1); i >= 0; i--) {
    if (isPowerOn(steps[i])) return { start: i, end: endOf(i), upcoming: false }
  }
  return null
}

function stateOf(indices: readonly number[], cursor: number): ChainState {
  if (indices.includes(cursor)) return 'current'
  const first = Math.min(...indices)
  const last = Math.max(...indices)
  if (last < cursor) return 'done'
  if (first > cursor) return 'pending'
  return 'active'
}

/** The boot chain around `cursor`, or null when the timeline has no power cycle. */
export function bootChain(steps: readonly Step[], cursor: number): BootChain | null {
  const cycle = cycleAt(steps, cursor)
  if (!cycle) return null
  const byId = new Map<string, ChainNode>()
  const failures = new Map<string, number[]>()
  for (let i = cycle.start; i <= cycle.end; i++) {
    const step = steps[i]
    const place = step && placeStep(step)
    if (!place) continue
    // Steps of one unit form one node, even when another unit's step comes in between.
    const id = `${place.group}:${place.kind}:${place.unit ?? ''}`
    let node = byId.get(id)
    if (!node) {
      node = {
        id,
        group: place.group,
        kind: place.kind,
        unit: place.unit,
        stage: place.stage,
        steps: [],
        state: 'pending',
        failed: false,
        skipped: place.skipped === true,
      }
      byId.set(id, node)
    }
    node.steps.push(i)
    if (place.failed) failures.set(id, [...(failures.get(id) ?? []), i])
  }
  const nodes = [...byId.values()]
  for (const node of nodes) {
    node.state = stateOf(node.steps, cursor)
    node.failed = (failures.get(node.id) ?? []).some((i) => i <= cursor)
  }
  const groups = CHAIN_GROUPS.flatMap((group): ChainGroupView[] => {
    const members = nodes.filter((node) => node.group === group)
    if (members.length === 0) return []
    return [
      {
        group,
        nodes: members,
        state: stateOf(
          members.flatMap((n) => n.steps),
          cursor,
        ),
      },
    ]
  })
  return { ...cycle, nodes, groups }
}
