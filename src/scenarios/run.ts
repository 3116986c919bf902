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
import { runProbe } from './probes'
import type {
  MachineAction,
  StepMatch,
  StepQuestion,
  Tour,
  TourAction,
  TourNote,
  TourQuestion,
  TourStep,
} from './types'

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

/** A question and the index, in the tour's steps, of the step that asks it. */
interface Asked {
  at: number
  question: TourQuestion
}

/** Where the action's questions go: each on the first of its steps (from `offset`) it matches. */
function placeQuestions(
  steps: readonly Step[],
  offset: number,
  questions: readonly TourQuestion[] = [],
): Asked[] {
  return questions.map((question) => {
    const at = steps.findIndex((step) => matches(step, question))
    if (at < 0)
      throw new Error(`no step of type ${question.event} for the question ${question.key}`)
    return { at: offset + at, question }
  })
}

/**
 * The question answered by its probe, run on the whole tour: the choice that names what the
 * engine did is the right one. A probe that finds nothing, or an outcome no choice names, is a
 * mistake in the tour.
 */
function answer(steps: readonly Step[], { at, question }: Asked): StepQuestion {
  const found = runProbe(steps, at, question)
  if (found === null) throw new Error(`the question ${question.key} has no outcome in its tour`)
  const right = question.choices.findIndex((choice) => choice.answer === found.answer)
  if (right < 0)
    throw new Error(`the question ${question.key} offers no choice for '${found.answer}'`)
  return {
    question: { key: question.key, params: found.params },
    choices: question.choices.map((choice) => ({ key: choice.key, params: found.params })),
    answer: right,
    outcome: found.outcome,
    ...(found.shownAt === undefined ? {} : { shownAt: found.shownAt }),
  }
}

/**
 * The steps of the tour's fold number `fold`: each belongs to it, and those without a note or a
 * question (at `asks`), the last aside, are hidden while it is closed.
 */
function folded(steps: TourStep[], fold: number, asks: ReadonlySet<number>): TourStep[] {
  return steps.map((step, i) =>
    step.note || asks.has(i) || i === steps.length - 1
      ? { ...step, fold }
      : { ...step, fold, folded: true },
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
  const steps = tourSteps(tour, options)
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/**
 * `runTour`, a piece at a time: after each action it yields the steps known for good so far (the
 * first steps, up to a question that waits for the end of the tour to be answered), whenever they
 * grew, and it returns every step. Each yield holds the one before it, step for step, so a reader
 * can start on the first steps while the rest are computed.
 */
export function* tourSteps(tour: Tour, options: RunOptions): Generator<TourStep[], TourStep[]> {
  const [first, ...rest] = tour.actions
  if (first?.type !== 'install') throw new Error(`tour ${tour.id} must start with install`)
  const profile = options.profile ?? tour.profile
  if (profile !== tour.profile && !tour.profiles?.includes(profile))
    throw new Error(`tour ${tour.id} does not run on ${profile}`)
  let chapter = first.chapter ? 0 : -1
  const inChapter = (steps: TourStep[]) =>
    chapter < 0 ? steps : steps.map((step) => ({ ...step, chapter }))
  const steps = inChapter(annotate(installImage({ profile, scale: options.scale }), first.notes))
  const asked = placeQuestions(steps, 0, first.questions)
  let settled = 0
  /** The steps before the first question, which is answered once the tour is done. */
  function* settle() {
    const upTo = Math.min(steps.length, ...asked.map((question) => question.at))
    if (upTo > settled) yield steps.slice(0, (settled = upTo))
  }
  yield* settle()
  let folds = 0
  for (const action of rest) {
    const machine = steps.at(-1)?.machine
    if (!machine) throw new Error(`tour ${tour.id}: installing gave no step`)
    if (action.chapter) chapter++
    const cutShort = cut(perform(machine, action), action.until)
    const questions = placeQuestions(cutShort, steps.length, action.questions)
    let done = annotate(cutShort, action.notes)
    if (action.fold) {
      // the steps that prepare the machine are never shown: there is nothing to fold
      if (chapter < 0) throw new Error(`tour ${tour.id}: a folded ${action.type} before the story`)
      done = folded(done, folds++, new Set(questions.map((q) => q.at - steps.length)))
    }
    asked.push(...questions)
    steps.push(...inChapter(done))
    yield* settle()
  }
  // answered once every step is known: the outcome comes later in the tour
  for (const question of asked) {
    const at = asked.find((other) => other !== question && other.at === question.at)
    if (at)
      throw new Error(`the questions ${question.question.key} and ${at.question.key} share a step`)
    steps[question.at] = { ...(steps[question.at] as TourStep), question: answer(steps, question) }
  }
  return steps
}
