/**
 * Probes: what the engine did after a step, read from a tour's own timeline, so that the answer
 * to a tour's question comes from the machine and never from the tour's author. Each probe is a
 * pure function of the steps and the index of the question's step. `ANSWERS` lists what each can
 * find, so a tour can only offer choices that a probe is able to prove right.
 */
import { boot, deployPath, listDeployments, lookupPath, powerLoss, versionOf } from '../engine'
import type { Inode, Machine, Message, Step } from '../engine/types'

/** A probe and its arguments, as a tour names it. */
export type ProbeCall =
  /** Which version the next boot after the step starts. */
  | { probe: 'nextBoot' }
  /**
   * Which version would boot if the plug were pulled at the step: the engine cuts the power on
   * the step's machine and boots it. The tour does not show it; the reader can, by pulling it.
   */
  | { probe: 'bootAfterPowerLoss' }
  /** What the next /etc merge after the step makes of `/etc/<path>`. */
  | { probe: 'etcFile'; path: string }

export type ProbeId = ProbeCall['probe']

/**
 * What each probe can find. A boot starts the version that was running, the other one (the
 * update, or the rollback), or none. A file after the merge is the reader's copy, the new
 * release's default, something else, or gone; or the merge stopped and the update never booted.
 */
export const ANSWERS = {
  nextBoot: ['running', 'other', 'none'],
  bootAfterPowerLoss: ['running', 'other', 'none'],
  etcFile: ['yours', 'release', 'mixed', 'gone', 'stopped'],
} as const satisfies Record<ProbeId, readonly string[]>

export type AnswerOf<P extends ProbeId> = (typeof ANSWERS)[P][number]

/** What a probe found after the step. */
export interface Finding {
  answer: string
  /** What the reader knows at the step (the versions, the path), for the question and its choices. */
  params: Record<string, string>
  /** The engine's outcome, in a sentence. */
  outcome: Message
  /** The step that shows the outcome; absent when the tour does not show it. */
  shownAt?: number
}

/**
 * Runs the probe `call` names on the steps, for the question on step `at`. Null: nothing after
 * the step answers it (no boot, no merge), which makes the question a tour's mistake.
 * @example runProbe(steps, at, { probe: 'nextBoot' })?.answer // 'running': the old version boots
 */
export function runProbe(steps: readonly Step[], at: number, call: ProbeCall): Finding | null {
  switch (call.probe) {
    case 'nextBoot':
      return nextBoot(steps, at)
    case 'bootAfterPowerLoss':
      return bootAfterPowerLoss(steps, at)
    case 'etcFile':
      return etcFile(steps, at, call.path)
  }
}

/** The two versions a boot can start: the one running at the step, and the other one. */
interface Versions {
  running: string
  other: string
}

/**
 * The version running at step `at`, and the other candidate: the update under way since the last
 * boot (the deployment ostree-finalize-staged took, which left the list then, reference 3.3; the
 * commit being pulled and staged; the release just published), else the first other deployment
 * listed (the rollback).
 */
function versionsAt(steps: readonly Step[], at: number): Versions | null {
  const machine = steps[at]?.machine
  if (machine === undefined) return null
  const list = listDeployments(machine)
  const running = list.find((d) => d.booted)?.version
  if (!running) return null
  const other =
    updateSinceBoot(steps, at, running) ??
    list.find((d) => !d.booted && d.version !== running)?.version
  return other ? { running, other } : null
}

/** The version of the latest update under way at step `at` since the last boot, if any. */
function updateSinceBoot(steps: readonly Step[], at: number, running: string): string | null {
  for (let i = at; i >= 0; i--) {
    const { event, machine } = steps[i] as Step
    if (event.type === 'boot/finished') return null
    const version =
      event.type === 'finalize/started'
        ? versionIn(machine, event.deployment)
        : event.type === 'pull/started' || event.type === 'remote/published'
          ? event.version
          : null
    if (version !== null && version !== running) return version
  }
  return null
}

function versionIn(machine: Machine, deployment: { checksum: string }): string | null {
  const root = machine.filesystems.root
  return root ? versionOf(root, deployment.checksum) : null
}

/** The first boot after step `from`: where it ended, GRUB's entry, and the version it started. */
interface Booted {
  index: number
  /** Null: the boot stopped before the system ran. */
  version: string | null
  title: string
}

function nextBootAfter(steps: readonly Step[], from: number): Booted | null {
  let title = ''
  for (let i = from + 1; i < steps.length; i++) {
    const { event, machine } = steps[i] as Step
    if (event.type === 'grub/menu') title = event.entries[event.selected]?.title ?? ''
    if (event.type === 'grub/noEntry' || event.type === 'boot/failed')
      return { index: i, version: null, title }
    if (event.type === 'boot/finished')
      return { index: i, version: versionIn(machine, event.deployment), title }
  }
  return null
}

function whichBoots(booted: Booted, versions: Versions): AnswerOf<'nextBoot'> | null {
  if (booted.version === null) return 'none'
  if (booted.version === versions.running) return 'running'
  if (booted.version === versions.other) return 'other'
  return null
}

/** Which version the next boot starts, and the GRUB entry it starts it from. */
function nextBoot(steps: readonly Step[], at: number): Finding | null {
  const versions = versionsAt(steps, at)
  const booted = nextBootAfter(steps, at)
  if (!versions || !booted) return null
  const answer = whichBoots(booted, versions)
  if (answer === null) return null
  return {
    answer,
    params: { ...versions },
    outcome: {
      key: `predict.nextBoot.${answer}`,
      params: { title: booted.title, version: booted.version ?? '', running: versions.running },
    },
    shownAt: booted.index,
  }
}

/**
 * What a power cut at step `at` would boot: the engine pulls the plug on the step's machine and
 * powers it on again, as the reader does with the power button.
 */
function bootAfterPowerLoss(steps: readonly Step[], at: number): Finding | null {
  const step = steps[at]
  const versions = versionsAt(steps, at)
  if (!step || !versions || step.machine.power !== 'on') return null
  const cut = powerLoss(step.machine)
  const off = cut.at(-1)
  if (off?.event.type !== 'power/lost') return null
  const booted = nextBootAfter([step, ...cut, ...boot(off.machine)], 0)
  const answer = booted && whichBoots(booted, versions)
  if (!booted || !answer) return null
  const lost = off.event.stagedLost && versionIn(step.machine, off.event.stagedLost)
  return {
    answer,
    params: { ...versions },
    outcome: {
      key: `predict.powerLoss.${answer === 'running' && lost ? 'runningLost' : answer}`,
      params: { title: booted.title, version: booted.version ?? '', lost: lost ?? '' },
    },
  }
}

/** The same file, link or directory: kind, content or target, and permission bits. */
function same(a: Inode | null, b: Inode | null): boolean {
  if (a === null || b === null) return a === b
  if (a.kind !== b.kind || a.mode !== b.mode) return false
  if (a.kind === 'file' && b.kind === 'file') return a.data === b.data
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target
  return true
}

/**
 * What the next /etc merge after step `at` makes of `/etc/<path>` in the new deployment: the
 * result compared with the merge deployment's /etc (the reader's) and the new /usr/etc (the new
 * release's default), read on the machine right after the merge. A merge that stops: the update
 * never boots.
 */
function etcFile(steps: readonly Step[], at: number, path: string): Finding | null {
  const versions = versionsAt(steps, at)
  if (!versions) return null
  const params = { ...versions, path: `/etc/${path}` }
  for (let i = at + 1; i < steps.length; i++) {
    const { event, machine } = steps[i] as Step
    if (event.type === 'finalize/failed') {
      const booted = nextBootAfter(steps, i)
      if (!booted?.version) return null
      return {
        answer: 'stopped',
        params,
        outcome: { key: 'predict.etcFile.stopped', params: { ...params, version: booted.version } },
        shownAt: i,
      }
    }
    if (event.type !== 'etc/merged') continue
    const root = machine.filesystems.root
    if (!root) return null
    const find = (tree: string) => lookupPath(root, `${tree}/${path}`)
    const result = find(`${deployPath(event.deployment)}/etc`)
    const yours = find(`${deployPath(event.merge)}/etc`)
    const release = find(`${deployPath(event.deployment)}/usr/etc`)
    const answer: AnswerOf<'etcFile'> =
      result === null
        ? 'gone'
        : same(result, yours) && !same(yours, release)
          ? 'yours'
          : same(result, release)
            ? 'release'
            : 'mixed'
    const version = versionIn(machine, event.deployment) ?? ''
    return {
      answer,
      params,
      outcome: { key: `predict.etcFile.${answer}`, params: { ...params, version } },
      shownAt: i,
    }
  }
  return null
}
