/**
 * Running a tour: each action becomes an engine operation that starts from the machine of the
 * last step, and the tour is the concatenation of their steps. This module imports the engine, so
 * the site loads it on demand; a line typed in a shell needs the shell loaded first (shell.ts).
 */
import {
  attachDisk,
  boot,
  editEtc,
  initialShell,
  installing,
  powerLoss,
  provideIgnition,
  publishRelease,
  reboot,
  rollback,
  shutdown,
  upgrade,
} from '../engine'
import type { ProfileId, ShellState } from '../engine'
import type { Machine, Step } from '../engine/types'
import { runProbe } from './probes'
import { shellRunner } from './shell'
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
 * always give the same steps, so a list of actions is enough to rebuild a timeline. A `shell`
 * action needs the shell loaded (`loadShell`).
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
      return shellRunner()(machine, shell, action.line).steps
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

/**
 * Puts each of an action's notes on the first of its steps that matches, as the steps come (one
 * piece or several): `place` returns the step as the tour shows it. `done` checks every note found
 * its step.
 */
function notesPlacer(notes: readonly TourNote[] = []) {
  const left = [...notes]
  return {
    place(step: Step): TourStep {
      const at = left.findIndex((note) => matches(step, note))
      if (at < 0) return step
      const [note] = left.splice(at, 1) as [TourNote]
      const params = step.caption.params
      return {
        ...step,
        note: params ? { key: note.key, params } : { key: note.key },
        ...(note.focus ? { focus: note.focus } : {}),
      }
    },
    done() {
      const [note] = left
      if (note) throw new Error(`no step of type ${note.event} for the note ${note.key}`)
    },
  }
}

/** A question and the index, in the tour's steps, of the step that asks it. */
interface Asked {
  at: number
  question: TourQuestion
}

/**
 * Where an action's questions go: each on the first of its steps that matches, as the steps come.
 * `place` takes the steps added at `offset` and returns the questions they ask; `done` checks
 * every question found its step.
 */
function questionsPlacer(questions: readonly TourQuestion[] = []) {
  let left = [...questions]
  return {
    place(steps: readonly Step[], offset: number): Asked[] {
      const asked: Asked[] = []
      left = left.filter((question) => {
        const at = steps.findIndex((step) => matches(step, question))
        if (at >= 0) asked.push({ at: offset + at, question })
        return at < 0
      })
      return asked
    },
    done() {
      const [question] = left
      if (question)
        throw new Error(`no step of type ${question.event} for the question ${question.key}`)
    },
  }
}

/**
 * The question answered by its probe on the steps known so far, or null while none of them shows
 * the outcome: the choice that names what the engine did is the right one. A probe reads the first
 * boot or merge after the question, so once one is known, later steps change nothing. An outcome
 * no choice names is a mistake in the tour.
 */
function answer(steps: readonly Step[], { at, question }: Asked): StepQuestion | null {
  const found = runProbe(steps, at, question)
  if (found === null) return null
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

/**
 * The steps of an action on the tour's machine (none yet for the install, which makes it), in
 * pieces: the install's first steps come before its long part; any other action is one piece.
 */
function* piecesOf(
  action: TourAction,
  machine: Machine | undefined,
  install: { profile: ProfileId; scale: number },
): Generator<Step[], void> {
  if (action.type === 'install') {
    if (machine) throw new Error('install starts a tour: it makes a machine from a blank disk')
    const run = installing(install)
    let sent = 0
    for (;;) {
      const next = run.next()
      const steps = next.value
      yield steps.slice(sent)
      sent = steps.length
      if (next.done) return
    }
  }
  if (!machine) throw new Error('a tour starts with install')
  yield cut(performAction(machine, action), action.until)
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
 * `runTour`, a piece at a time: as it goes it yields the steps known for good so far (up to a
 * question whose outcome is still to come), whenever they grew, and it returns every step. Each
 * yield holds the one before it, step for step, so a reader can start on the first steps while the
 * rest are computed.
 */
export function* tourSteps(tour: Tour, options: RunOptions): Generator<TourStep[], TourStep[]> {
  if (tour.actions[0]?.type !== 'install')
    throw new Error(`tour ${tour.id} must start with install`)
  const profile = options.profile ?? tour.profile
  if (profile !== tour.profile && !tour.profiles?.includes(profile))
    throw new Error(`tour ${tour.id} does not run on ${profile}`)
  const steps: TourStep[] = []
  /** The questions whose outcome is not known yet. */
  let waiting: Asked[] = []
  let settled = 0
  /** Answers what the steps so far can, and yields the steps before the first still waiting. */
  function* settle() {
    waiting = waiting.filter((asked) => {
      const found = answer(steps, asked)
      if (found) steps[asked.at] = { ...(steps[asked.at] as TourStep), question: found }
      return found === null
    })
    const upTo = Math.min(steps.length, ...waiting.map((asked) => asked.at))
    if (upTo > settled) yield steps.slice(0, (settled = upTo))
  }
  let chapter = -1
  let folds = 0
  for (const action of tour.actions) {
    if (action.chapter) chapter++
    const inChapter = (step: TourStep): TourStep => (chapter < 0 ? step : { ...step, chapter })
    // the steps that prepare the machine are never shown: there is nothing to fold
    if (action.fold && chapter < 0)
      throw new Error(`tour ${tour.id}: a folded ${action.type} before the story`)
    const notes = notesPlacer(action.notes)
    const questions = questionsPlacer(action.questions)
    for (const piece of piecesOf(action, steps.at(-1)?.machine, {
      profile,
      scale: options.scale,
    })) {
      const offset = steps.length
      const asked = questions.place(piece, offset)
      let done = piece.map((step) => notes.place(step))
      // a folded action is one piece: its last step is the action's
      if (action.fold)
        done = folded(done, folds++, new Set(asked.map((question) => question.at - offset)))
      steps.push(...done.map(inChapter))
      for (const question of asked) {
        const other = waiting.find((earlier) => earlier.at === question.at)
        if (other)
          throw new Error(
            `the questions ${question.question.key} and ${other.question.key} share a step`,
          )
        waiting.push(question)
      }
      yield* settle()
    }
    notes.done()
    questions.done()
  }
  const [unanswered] = waiting
  if (unanswered)
    throw new Error(`the question ${unanswered.question.key} has no outcome in its tour`)
  return steps
}
