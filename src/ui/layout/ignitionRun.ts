/**
 * What Ignition did in the power cycle at the cursor, read back from the timeline: one entry per
 * stage (fetch-offline, fetch, kargs, disks, mount, files, umount, in the order the initramfs runs
 * them, reference 5.6), with the step that reported it and how it ended. Plain data, no JSX.
 */
import type { EventOf, IgnitionAction, IgnitionProblem, IgnitionStageRan } from '../../engine'
import type { Message, Step } from '../../engine/types'
import { cycleAt } from './bootChain'

export const IGNITION_STAGES = [
  'fetch-offline',
  'fetch',
  'kargs',
  'disks',
  'mount',
  'files',
  'umount',
] as const
export type IgnitionStageName = (typeof IGNITION_STAGES)[number]

/**
 * - done, skipped (fetch, when no network is needed), failed: the stage reported, up to the cursor;
 * - pending: it has not run yet at the cursor, and may still run;
 * - notRun: the boot stopped before it (a failure) or restarted (the kargs reboot).
 */
export type IgnitionStageState = 'done' | 'skipped' | 'failed' | 'pending' | 'notRun'

export interface IgnitionStageView {
  stage: IgnitionStageName
  state: IgnitionStageState
  /** The stage's step is the one at the cursor. */
  current: boolean
  /** Timeline index of the stage's step, or null when it has not reported. */
  step: number | null
  event: IgnitionStageRan | null
  /** When the stage failed: what Ignition logged (system output) and the config's problems. */
  failure: { reason: string; problems: IgnitionProblem[] } | null
}

export type IgnitionOutcome = 'waiting' | 'running' | 'rebooting' | 'failed' | 'complete'

export interface IgnitionRun {
  /** Timeline index of the power-on of this cycle. */
  start: number
  stages: IgnitionStageView[]
  /** Any Ignition step in this cycle up to the cursor. */
  ran: boolean
  /** This cycle follows the kargs stage's reboot: the first boot started over. */
  restarted: boolean
  /**
   * waiting: no stage yet (firmware, GRUB, the kernel); running; rebooting: the kargs stage
   * changed the kernel arguments, and the machine reboots; failed: a stage failed and the boot stopped; complete: umount ran.
   */
  outcome: IgnitionOutcome
}

/** The messages of a stage's event (disks, mount, files, umount); none for the others. */
export function messagesOf(event: IgnitionStageRan | null): Message[] {
  switch (event?.stage) {
    case 'disks':
    case 'mount':
    case 'files':
    case 'umount':
      return event.messages
  }
  return []
}

/** The files stage's actions; none for another stage. */
export function actionsOf(event: IgnitionStageRan | null): IgnitionAction[] {
  return event?.stage === 'files' ? event.actions : []
}

/**
 * Where a files-stage action wrote, for ostree: in the deployment's own `etc` (a local /etc change
 * the /etc merge carries forward), in the stateroot's shared `var`, on a filesystem Ignition
 * mounted (`mounted`), or none of them (a preset line; a user in /etc/passwd is `etc` too, through
 * its fsPath).
 */
export function placeOf(action: IgnitionAction): 'etc' | 'var' | 'mounted' | null {
  if (!('fsPath' in action)) return null
  // on a filesystem the mount stage mounted (an extra disk), not in the ostree deployment
  if (action.fs !== undefined && action.fs !== 'root') return 'mounted'
  if (/^\/ostree\/deploy\/[^/]+\/deploy\/[^/]+\/etc(\/|$)/.test(action.fsPath)) return 'etc'
  if (/^\/ostree\/deploy\/[^/]+\/var(\/|$)/.test(action.fsPath)) return 'var'
  return null
}

/**
 * The Ignition run of the power cycle at `cursor`, or null when the cursor is in no cycle that has
 * begun (before the first power-on, or with the machine off and a boot ahead).
 * @example ignitionRun(steps, cursor)?.stages.find((s) => s.stage === 'kargs')?.state // 'done'
 */
export function ignitionRun(steps: readonly Step[], cursor: number): IgnitionRun | null {
  const cycle = cycleAt(steps, cursor)
  if (!cycle || cycle.upcoming) return null
  const last = Math.min(cursor, cycle.end)
  const reported = new Map<IgnitionStageName, { step: number; event: IgnitionStageRan }>()
  const failures = new Map<IgnitionStageName, { step: number; event: EventOf<'ignition/failed'> }>()
  let ran = false
  let stopped = false
  let rebooted = false
  for (let i = cycle.start; i <= last; i++) {
    const event = steps[i]?.event
    if (!event) continue
    if (event.type === 'ignition/stage') {
      reported.set(event.stage, { step: i, event })
      ran = true
      // changed kernel arguments: coreos-kargs-reboot reboots before the disks stage
      if (event.stage === 'kargs' && event.add.length + event.remove.length > 0) rebooted = true
    } else if (event.type === 'ignition/failed') {
      ran = true
      stopped = true
      failures.set(event.stage, { step: i, event })
    } else if (event.type === 'ignition/rebooted') {
      ran = true
      rebooted = true
    } else if (event.type === 'boot/failed') {
      stopped = true
    }
  }
  const stages = IGNITION_STAGES.map((stage): IgnitionStageView => {
    const report = reported.get(stage)
    const failed = failures.get(stage)
    const step = report?.step ?? failed?.step ?? null
    let state: IgnitionStageState
    if (failed) state = 'failed'
    else if (report)
      state = report.event.stage === 'fetch' && report.event.skipped ? 'skipped' : 'done'
    else state = stopped || rebooted ? 'notRun' : 'pending'
    return {
      stage,
      state,
      current: step === cursor || failed?.step === cursor,
      step,
      event: report?.event ?? null,
      failure: failed ? { reason: failed.event.reason, problems: failed.event.problems } : null,
    }
  })
  const outcome: IgnitionOutcome =
    failures.size > 0 || (stopped && ran)
      ? 'failed'
      : rebooted
        ? 'rebooting'
        : reported.has('umount')
          ? 'complete'
          : ran
            ? 'running'
            : 'waiting'
  return {
    start: cycle.start,
    stages,
    ran,
    restarted: steps[cycle.start - 1]?.event.type === 'ignition/rebooted',
    outcome,
  }
}
