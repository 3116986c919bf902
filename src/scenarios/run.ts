/**
 * Running a tour: each action becomes an engine operation that starts from the machine of the
 * last step, and the tour is the concatenation of their steps. This module imports the engine, so
 * the site loads it on demand.
 */
import {
  attachDisk,
  boot,
  editEtc,
  initialShell,
  installImage,
  powerLoss,
  provideIgnition,
  publishRelease,
  reboot,
  rollback,
  runCommand,
  shutdown,
  upgrade,
} from '../engine'
import type { ProfileId, ShellState } from '../engine'
import type { Machine, Step } from '../engine/types'
import type { MachineAction, StepMatch, Tour, TourAction, TourNote, TourStep } from './types'

export interface RunOptions {
  /** Bulk files per release: about 20,000 at real scale; a few hundred keeps a browser quick. */
  scale: number
  /** The system to install, for a tour that offers a choice (`Tour.profiles`); else the tour's. */
  profile?: ProfileId
}

const entryOf = (action: { entry?: number }) =>
  action.entry === undefined ? {} : { entry: action.entry }

/**
 * The engine operation an action stands for, run on `machine`. Pure: the same machine and action
 * always give the same steps, so a list of actions is enough to rebuild a timeline.
 * @example performAction(machine, { type: 'reboot', entry: 1 }) // shutdown, then boot GRUB's 2nd entry
 */
export function performAction(machine: Machine, action: MachineAction): Step[] {
  switch (action.type) {
    case 'boot':
      return boot(machine, entryOf(action))
    case 'reboot':
      return reboot(machine, entryOf(action))
    case 'poweroff':
      return shutdown(machine, { reboot: false })
    case 'powerLoss':
      return powerLoss(machine)
    case 'publish':
      return publishRelease(machine)
    case 'upgrade':
      return upgrade(machine)
    case 'rollback':
      return rollback(machine)
    case 'provideIgnition':
      return provideIgnition(machine, action.config)
    case 'attachDisk':
      return attachDisk(machine, action.size)
    case 'editEtc':
      return editEtc(machine, action.edit)
    case 'shell': {
      const login = initialShell()
      const shell: ShellState = {
        ...login,
        cwd: action.cwd ?? login.cwd,
        env: action.env ? { ...action.env } : login.env,
      }
      return runCommand(machine, shell, action.line).steps
    }
  }
}

/**
 * The action that replays `line` typed in a shell in `state`: only what differs from a fresh
 * login is kept, so the action stays small.
 * @example shellAction('touch x', { ...initialShell(), cwd: '/etc' }) // { type: 'shell', line: 'touch x', cwd: '/etc' }
 */
export function shellAction(line: string, state: ShellState): MachineAction {
  const login = initialShell()
  const sameEnv = JSON.stringify(state.env) === JSON.stringify(login.env)
  return {
    type: 'shell',
    line,
    ...(state.cwd === login.cwd ? {} : { cwd: state.cwd }),
    ...(sameEnv ? {} : { env: state.env }),
  }
}

function matches(step: Step, match: StepMatch): boolean {
  if (step.event.type !== match.event) return false
  const fields = new Map(Object.entries(step.event))
  return Object.entries(match.where ?? {}).every(([field, value]) => fields.get(field) === value)
}

/** The steps up to and including the first that matches `until` (all of them without it). */
function cut(steps: Step[], until: StepMatch | undefined): Step[] {
  if (until === undefined) return steps
  const at = steps.findIndex((step) => matches(step, until))
  if (at < 0) throw new Error(`no step of type ${until.event} to stop after`)
  return steps.slice(0, at + 1)
}

/** The action's steps, with each of its notes on the first step it matches. */
function annotate(steps: Step[], notes: readonly TourNote[] = []): TourStep[] {
  const out: TourStep[] = [...steps]
  for (const note of notes) {
    const at = out.findIndex((step) => matches(step, note))
    if (at < 0) throw new Error(`no step of type ${note.event} for the note ${note.key}`)
    const step = out[at] as TourStep
    const params = step.caption.params
    out[at] = {
      ...step,
      note: params ? { key: note.key, params } : { key: note.key },
      ...(note.focus ? { focus: note.focus } : {}),
    }
  }
  return out
}

/**
 * The steps of the tour's fold number `fold`: each belongs to it, and those without a note, the
 * last aside, are hidden while it is closed.
 */
function folded(steps: TourStep[], fold: number): TourStep[] {
  return steps.map((step, i) =>
    step.note || i === steps.length - 1 ? { ...step, fold } : { ...step, fold, folded: true },
  )
}

function perform(machine: Machine, action: TourAction): Step[] {
  if (action.type === 'install')
    throw new Error('install starts a tour: it makes a machine from a blank disk')
  return performAction(machine, action)
}

/**
 * Every step of the tour, those that prepare the machine first (they have no `chapter`). A tour
 * without chapters is all story. The steps of a folded action carry its fold, and those hidden
 * while it is closed are marked `folded`.
 */
export function runTour(tour: Tour, options: RunOptions): TourStep[] {
  const [first, ...rest] = tour.actions
  if (first?.type !== 'install') throw new Error(`tour ${tour.id} must start with install`)
  const profile = options.profile ?? tour.profile
  if (profile !== tour.profile && !tour.profiles?.includes(profile))
    throw new Error(`tour ${tour.id} does not run on ${profile}`)
  let chapter = first.chapter ? 0 : -1
  const inChapter = (steps: TourStep[]) =>
    chapter < 0 ? steps : steps.map((step) => ({ ...step, chapter }))
  const steps = inChapter(annotate(installImage({ profile, scale: options.scale }), first.notes))
  let folds = 0
  for (const action of rest) {
    const machine = steps.at(-1)?.machine
    if (!machine) throw new Error(`tour ${tour.id}: installing gave no step`)
    if (action.chapter) chapter++
    let done = annotate(cut(perform(machine, action), action.until), action.notes)
    if (action.fold) {
      // the steps that prepare the machine are never shown: there is nothing to fold
      if (chapter < 0) throw new Error(`tour ${tour.id}: a folded ${action.type} before the story`)
      done = folded(done, folds++)
    }
    steps.push(...inChapter(done))
  }
  return steps
}
