import type { EtcEdit } from '../engine'
import type { Focus } from './focus'
import type { AnswerOf, ProbeCall, ProbeId } from './probes'
import type { EventOf, MachineEvent, Message, ProfileId, Step } from '../engine/types'

/**
 * Something done to a running (or stopped) machine, as data: a tour lists them, and the site acts
 * with them when a person reboots into another GRUB entry, pulls the plug or types a command.
 * Plain JSON, so the actions taken can be written into a link and replayed (`performAction`).
 */
export type MachineAction =
  /** Power on; `entry` picks a GRUB menu entry (0 is the default). */
  | { type: 'boot'; entry?: number }
  /** `systemctl reboot`, then boot `entry` of the GRUB menu (the default if absent). */
  | { type: 'reboot'; entry?: number }
  /** `systemctl poweroff`. */
  | { type: 'poweroff' }
  /** The plug is pulled: the disk keeps what was written, the running system is gone. */
  | { type: 'powerLoss' }
  /** The update server publishes the catalogue's next release. */
  | { type: 'publish' }
  /** `rpm-ostree upgrade`: pull, then stage. */
  | { type: 'upgrade' }
  | { type: 'rollback' }
  /** The platform is handed an Ignition config (null: none), read on the first boot. */
  | { type: 'provideIgnition'; config: string | null }
  /** The platform attaches a blank disk of `size` bytes (`/dev/vdb`, then `vdc`...); machine off. */
  | { type: 'attachDisk'; size: number }
  /** A change to the booted system's /etc (write, delete, chmod, mkdir, symlink...). */
  | { type: 'editEtc'; edit: EtcEdit }
  /**
   * A command line typed in the terminal. `cwd` and `env` are the shell's when it was typed (absent:
   * a fresh login's), so replaying the line on the same machine takes the same steps.
   */
  | { type: 'shell'; line: string; cwd?: string; env?: Readonly<Record<string, string>> }

/**
 * Values of an event's plain fields to match, `type` aside: `{ stage: 'files' }` for
 * `ignition/stage`. For an event whose shape depends on a field, any one of its shapes.
 */
export type EventWhere<E extends MachineEvent> = E extends MachineEvent
  ? {
      readonly [
        K in Exclude<keyof E, 'type'> as E[K] extends string | number | boolean | undefined
          ? K
          : never
      ]?: E[K]
    }
  : never

/** A step to find, by the type of its event and, with `where`, some of its fields. */
export type StepMatch = {
  [T in MachineEvent['type']]: { event: T; where?: EventWhere<EventOf<T>> }
}[MachineEvent['type']]

/**
 * A tour's own words for one step: the first step of its action whose event has type `event` (and,
 * with `where`, these field values) gets `key` as a note under the engine's caption. The note's
 * parameters are the caption's.
 */
export type TourNote = StepMatch & {
  /** A key of src/i18n/en.json under `tour.`. */
  key: string
  /** What the step is about, when the tour's story differs from the table's (focus.ts). */
  focus?: Focus
}

/** One answer a question offers: what the probe finds when this answer is right, and its words. */
export interface Choice<A extends string> {
  answer: A
  /** A key of src/i18n/en.json; its parameters are the probe's (the versions, the path). */
  key: string
}

/** A probe to run and the choices its answers may prove right, typed per probe. */
type Asked = {
  [P in ProbeId]: Extract<ProbeCall, { probe: P }> & { choices: readonly Choice<AnswerOf<P>>[] }
}[ProbeId]

/**
 * "Predict, then reveal": the first step of its action that matches (as a note does) asks the
 * reader `key` and offers `choices`. Which choice is right is not written here: the probe
 * (probes.ts) finds it in what the engine does in the tour, once the tour has run.
 */
export type TourQuestion = StepMatch &
  Asked & {
    /** A key of src/i18n/en.json under `tour.`; its parameters are the probe's. */
    key: string
  }

/**
 * A question as a step carries it, answered: plain data, computed with the tour's steps.
 */
export interface StepQuestion {
  question: Message
  choices: Message[]
  /** Index into `choices`: the one the engine's outcome proves right. */
  answer: number
  /** What the engine did, in one sentence with the real versions and entries. */
  outcome: Message
  /**
   * The index of the step that shows the outcome. Absent: the tour does not show it (the probe
   * asked the engine what a power cut here would do), and the reader can try it themselves.
   */
  shownAt?: number
}

/**
 * A named part of a tour's story (learnGitBranching's levels, The Secret Lives of Data's chapters):
 * the timeline marks where each starts, and the reader can jump to it.
 */
export interface Chapter {
  /** Stable, for links (`chapter=`): lower-case words joined by hyphens. */
  id: string
  /** Keys of src/i18n/en.json under `tour.`: the chapter's name, and why it matters (a sentence). */
  titleKey: string
  whyKey: string
}

/** One thing that happens to the machine in a tour; `runTour` maps each to an engine operation. */
export type TourAction = ({ type: 'install' } | MachineAction) & {
  /**
   * This action opens a chapter, which runs to the next action that opens one. The actions before
   * the first chapter prepare the machine (install it, boot it, update it once): their steps are
   * computed but not shown, so the tour opens on its story.
   */
  chapter?: Chapter
  notes?: readonly TourNote[]
  questions?: readonly TourQuestion[]
  /**
   * Cut the action short after the first step that matches (as a note does, by event type and
   * fields): what the next action, a `powerLoss`, interrupts. The cut steps never happen.
   */
  until?: StepMatch
  /**
   * Folded: the action repeats what the tour has shown in full (a later boot). Its steps are all
   * computed and kept, but the player shows only those that carry a note (what differs this time)
   * and the last; each run of the others is folded into the shown step after it, until the reader
   * opens the fold. Only for an action of the story (in a chapter); never the boot a tour is about.
   */
  fold?: true
}

/** A guided tour: data only. Its steps are computed by `runTour` on first use. */
export interface Tour {
  id: string
  /** A key of src/i18n/en.json. */
  titleKey: string
  profile: ProfileId
  /** The systems a reader may choose from (`?os=`), `profile` first; absent: `profile` only. */
  profiles?: readonly ProfileId[]
  /** Keys of src/i18n/en.json under `tour.`: what the tour teaches, for the opening view. */
  summaryKey: string
  /**
   * Where a link without a step opens: the first step of the story (the default), or the last (a
   * sandbox, ready for the terminal).
   */
  start?: 'first' | 'last'
  /** Opens with the terminal docked beside the story: a machine to type on. */
  terminal?: true
  /** Starts with `install`; the registered tours open a chapter with at least one action. */
  actions: readonly TourAction[]
}

/**
 * A step of a tour: the engine's step, with the tour's note when it has one, and the chapter it
 * belongs to (an index into `chaptersOf(tour)`). Steps that prepare the machine have no chapter,
 * nor do the steps of an action the reader took.
 */
export interface TourStep extends Step {
  note?: Message
  /** A question to the reader before the steps that answer it (never in an embed). */
  question?: StepQuestion
  chapter?: number
  /** The tour's own focus for this step (its note's); absent: the table's, by event. */
  focus?: Focus
  /** The fold this step belongs to (`TourAction.fold`): the tour's folded actions, counted from 0. */
  fold?: number
  /** A step of a fold that is hidden while the fold is closed: no note, and not its last. */
  folded?: true
}
