/**
 * The player: a timeline of engine steps and a cursor into it, with playback, locale and theme.
 * It holds only what cannot be computed; the step, the machine and everything a panel shows are
 * selectors over it (see selectors.ts).
 */
import { createStore } from 'zustand/vanilla'
import type { ShellState } from '../../engine'
import type { Machine, Message, ProfileId, Step } from '../../engine/types'
import { DEFAULT_LOCALE, type Locale } from '../../i18n'
import { storyStart } from '../../scenarios/registry'
import type { PanelId } from '../../scenarios/focus'
import type { MachineAction, TourStep } from '../../scenarios/types'
import { foldAt, isHidden, positionOf, shownChapterStarts, shownSteps, withFold } from './folds'
import { appendEntry, type TranscriptEntry } from './transcript'

export const THEMES = ['auto', 'light', 'dark', 'projector'] as const
export type Theme = (typeof THEMES)[number]

/** How much of the player a slide shows: all of it, previous/next and the count, or the caption alone. */
export const CONTROLS = ['full', 'minimal', 'none'] as const
export type Controls = (typeof CONTROLS)[number]

/** An end of the steps a slide shows, as a link says it: a step (0-based) or a chapter's id. */
export type RangeEnd = { step: number } | { chapter: string }

/** The steps the player keeps to, as timeline indices, both included; `to` null: to the end. */
export interface Range {
  from: number
  to: number | null
}

/** Playback speeds, slowest first; `-` and `+` move along this list. */
export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const
export type Speed = (typeof SPEEDS)[number]

/** How long one step stays on screen when playing at 1x. */
export const STEP_MS = 2500

/**
 * What a notice's button does, as data (shell/Notices.tsx runs it): open the reader's saved
 * sandbox, or forget it and open the sandbox as written.
 */
export type NoticeAction = 'openSaved' | 'startAfresh'

export interface Notice {
  id: number
  message: Message
  /** The button the notice offers besides Dismiss; absent: none. */
  action?: NoticeAction
}

/**
 * Runs an action on a machine: the engine operation it stands for (`performAction` in
 * scenarios/run.ts, which the panels load with the engine).
 */
export type Perform = (machine: Machine, action: MachineAction) => Step[]

/** An action a person took, and the step whose machine it acted on: enough to replay it. */
export interface Fork {
  at: number
  action: MachineAction
}

export type TimelineStatus =
  { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string }

export interface PlayerState {
  tourId: string
  status: TimelineStatus
  timeline: readonly TourStep[]
  /**
   * The tour's later steps are still being computed: the timeline is its first steps, and grows
   * (`moreSteps`) while the reader reads. Playing waits at the last step known.
   */
  arriving: boolean
  /**
   * The first step of the story: the steps before it prepare the machine (a tour's setup). They
   * stay in the timeline, since panels read the history (the boot that is under way), but the
   * cursor never goes there, and steps are counted from here.
   */
  first: number
  cursor: number
  /**
   * The folds the reader opened (`TourStep.fold`): their steps are all shown. The cursor is never
   * on a step a closed fold hides. A new tour starts with every fold closed.
   */
  opened: readonly number[]
  /**
   * The actions taken on the tour's machines, oldest first; the timeline is the tour's steps
   * forked by each in turn. Empty while the tour plays as written.
   */
  forks: readonly Fork[]
  /**
   * Whose the forks are: a link's (someone else's work, until the reader acts on it, so it is not
   * saved over their own sandbox: embed/savedSandbox.ts) or the reader's.
   */
  forksFrom: 'link' | 'reader'
  playing: boolean
  speed: Speed
  locale: Locale
  theme: Theme
  /** Shown inside another page: no header chrome, never takes focus. */
  embed: boolean
  /** The panels the stage offers, in order (`?panels=`); null: all of them. */
  panels: readonly PanelId[] | null
  /** How much of the player shows (`?controls=`). */
  controls: Controls
  /** The size of the type (`?scale=`), 1 as designed. */
  scale: number
  /**
   * The steps a slide keeps to (`?from=&to=`): the player steps, plays and counts within them.
   * Null: the whole story.
   */
  range: Range | null
  /** The opening view (what CoreOS is, the tours) is open. */
  intro: boolean
  /**
   * The panel a person put in front with its tab, instead of the one the step is about: it stays
   * while they act on the machine (a command, an edit) and goes when they step.
   */
  picked: PanelId | null
  notices: readonly Notice[]
  /** The system a tour that offers a choice runs (`?os=`); other tours keep their own. */
  os: ProfileId
  /**
   * The terminal's shell (working directory, history, variables): it cannot be computed from the
   * machine, so it is kept here. Null: a fresh login, not yet used.
   */
  shell: ShellState | null
  /** The terminal's scrollback, oldest first. */
  transcript: readonly TranscriptEntry[]
  /**
   * The reader's answers to the tour's questions: the index of the choice picked, by the index of
   * the step that asks. Kept while they step back and forth, not in a link; another tour clears it.
   */
  answers: Readonly<Record<number, number>>
}

export interface PlayerActions {
  /** A tour starts computing: the old timeline goes, the player waits. */
  loadingTour(tourId: string): void
  /**
   * The tour's steps are ready; `cursor` (absent: the story's first step) is clamped to them.
   * `forks` are the actions a link (or the saved sandbox, `from: 'reader'`) replayed to make
   * `timeline` from the tour's steps (none: the tour as written). `arriving`: these are its first
   * steps, the rest follow (`moreSteps`).
   */
  loadedTour(
    tourId: string,
    timeline: readonly TourStep[],
    cursor?: number,
    forks?: readonly Fork[],
    from?: 'link' | 'reader',
    range?: Range | null,
    arriving?: boolean,
  ): void
  /**
   * More of the tour's steps are known (`complete`: all of them): the timeline grows to `timeline`,
   * which starts with the steps shown. Ignored once the reader forked the timeline, or when
   * another tour is shown.
   */
  moreSteps(timeline: readonly TourStep[], complete: boolean): void
  failedTour(tourId: string, message: string): void
  /**
   * Acts on the machine at the cursor ("fork the future", as RaftScope does): the steps after the
   * cursor are dropped, the action's steps are appended and the cursor moves to the first of them
   * (`land: 'last'`: to the last, where a terminal's next command runs). A refusal (a
   * `command/failed` step) is a step too, so its message shows as the caption. The panel a
   * person picked stays in front. Returns the new steps.
   * @example act({ type: 'reboot', entry: 1 }, performAction)
   */
  act(action: MachineAction, perform: Perform, land?: 'first' | 'last'): readonly Step[]
  /** To timeline index `index`; a step a fold hides opens its fold. */
  goTo(index: number): void
  /** To the next step shown: folded steps are skipped while their fold is closed. */
  next(): void
  previous(): void
  /** To the first step of the next chapter; none after the last. */
  nextChapter(): void
  /** To the start of this chapter, or of the one before when already at its start. */
  previousChapter(): void
  /** To the first step of chapter `index` (an index into the tour's chapters). */
  goToChapter(index: number): void
  first(): void
  last(): void
  /** Shows every step of fold `fold`; the cursor stays. */
  openFold(fold: number): void
  /** Folds `fold` again; on a step it hides, the cursor goes to the step that stands for it. */
  closeFold(fold: number): void
  /** Opens the fold at the cursor (or that its step stands for), or folds it when it is open. */
  toggleFold(): void
  play(): void
  pause(): void
  togglePlay(): void
  /** One step of playback: advance, and stop at the end. */
  tick(): void
  setSpeed(speed: Speed): void
  faster(): void
  slower(): void
  setLocale(locale: Locale): void
  setTheme(theme: Theme): void
  setIntro(open: boolean): void
  /** Puts a panel in front (null: the panel the step is about). */
  pick(panel: PanelId | null): void
  notify(message: Message, action?: NoticeAction): void
  dismiss(id: number): void
  setOs(os: ProfileId): void
  /**
   * A command line ran (or was abandoned): its entry (if any: `clear` leaves none) goes to the
   * scrollback, and the shell after it is kept.
   */
  ranCommand(entry: Omit<TranscriptEntry, 'id'> | null, shell: ShellState): void
  /** `clear` or Ctrl-L: the scrollback is wiped; the shell stays. */
  clearTranscript(): void
  /** The terminal as the saved sandbox left it: its shell, and its scrollback, given new ids. */
  restoredTerminal(
    shell: ShellState | null,
    transcript: readonly Omit<TranscriptEntry, 'id'>[],
  ): void
  /** The reader picks `choice` for the question of step `step`; the first pick stands. */
  answer(step: number, choice: number): void
}

/** State plus its actions, kept under one stable key so a component can select them all at once. */
export type Player = PlayerState & { actions: PlayerActions }
export type PlayerStore = ReturnType<typeof createPlayerStore>

export const initialPlayerState: PlayerState = {
  tourId: '',
  status: { kind: 'loading' },
  timeline: [],
  arriving: false,
  first: 0,
  cursor: 0,
  opened: [],
  forks: [],
  forksFrom: 'reader',
  playing: false,
  speed: 1,
  locale: DEFAULT_LOCALE,
  theme: 'auto',
  embed: false,
  panels: null,
  controls: 'full',
  scale: 1,
  range: null,
  intro: false,
  picked: null,
  notices: [],
  os: 'fcos',
  shell: null,
  transcript: [],
  answers: {},
}

function clamp(index: number, length: number, first = 0, last = length - 1): number {
  if (length === 0) return 0
  return Math.min(Math.max(first, Math.trunc(index)), last, length - 1)
}

/** A slide's range once the reader acted: their own steps come after its last, and it runs on to them. */
function withOwnSteps(range: Range | null, forks: readonly unknown[]): Range | null {
  return range && forks.length > 0 ? { from: range.from, to: null } : range
}

/**
 * The steps the reader steps through: those of the story (a slide's range of them), less those
 * closed folds hide. Every count and move of the player is over these.
 */
export function stepsShown(
  s: Pick<PlayerState, 'timeline' | 'first' | 'opened' | 'range'>,
): readonly number[] {
  const all = shownSteps(s.timeline, s.first, s.opened)
  if (s.range === null) return all
  const { from, to } = s.range
  return withinRange(all, from, to)
}

const ranged = new WeakMap<
  readonly number[],
  { from: number; to: number | null; steps: number[] }
>()
/** `shown` cut to `from`…`to`, kept while they stay: selectors ask at every render. */
function withinRange(shown: readonly number[], from: number, to: number | null): readonly number[] {
  const hit = ranged.get(shown)
  if (hit && hit.from === from && hit.to === to) return hit.steps
  const steps = shown.filter((i) => i >= from && (to === null || i <= to))
  ranged.set(shown, { from, to, steps })
  return steps
}

export function isSpeed(value: number): value is Speed {
  return (SPEEDS as readonly number[]).includes(value)
}

export function createPlayerStore(initial: Partial<PlayerState> = {}) {
  let nextNoticeId = 1
  let nextEntryId = 1
  return createStore<Player>()((set, get) => {
    /**
     * Moving by hand stops playback, and the story's panel comes back in front. A step a closed
     * fold hides opens the fold: the reader asked for that very step.
     */
    const moveTo = (index: number) =>
      set((s) => {
        const low = Math.max(s.first, s.range?.from ?? 0)
        const cursor = clamp(index, s.timeline.length, low, s.range?.to ?? undefined)
        const step = s.timeline[cursor]
        const opened = isHidden(step, s.opened) ? withFold(s.opened, step?.fold) : s.opened
        return { cursor, opened, playing: false, picked: null }
      })
    /** The steps the reader sees, and where chapters start among them. */
    const shown = (s: PlayerState = get()) => stepsShown(s)
    const starts = () => {
      const s = get()
      return shownChapterStarts(s.timeline, shown(s)).filter((at) => at !== undefined)
    }
    const setFolds = (opened: readonly number[]) =>
      set((s) => {
        if (!isHidden(s.timeline[s.cursor], opened)) return { opened }
        // the cursor was on a step the fold hides: to the shown step that stands for it
        const now = stepsShown({ ...s, opened })
        return { opened, cursor: now[positionOf(now, s.cursor)] ?? now.at(-1) ?? s.cursor }
      })
    const actions: PlayerActions = {
      loadingTour: (tourId) =>
        set({
          tourId,
          status: { kind: 'loading' },
          timeline: [],
          arriving: false,
          first: 0,
          cursor: 0,
          opened: [],
          forks: [],
          range: null,
          forksFrom: 'reader',
          playing: false,
          picked: null,
          // another machine: a new login
          shell: null,
          transcript: [],
          answers: {},
        }),
      loadedTour: (
        tourId,
        timeline,
        cursor,
        forks = [],
        from = 'reader',
        range = null,
        arriving = false,
      ) => {
        const first = storyStart(timeline)
        const low = Math.max(first, range?.from ?? 0)
        const at = clamp(cursor ?? low, timeline.length, low, range?.to ?? undefined)
        const step = timeline[at]
        set({
          tourId,
          status: { kind: 'ready' },
          timeline,
          arriving,
          first,
          cursor: at,
          // folds start closed, but a link to a step inside one opens it
          opened: isHidden(step, []) && step?.fold !== undefined ? [step.fold] : [],
          forks,
          range: withOwnSteps(range, forks),
          forksFrom: from,
          playing: false,
        })
      },
      moreSteps: (timeline, complete) =>
        set((s) => {
          const known = s.timeline.length
          // the reader's own steps, or another tour's, are not the start of these
          if (
            !s.arriving ||
            timeline.length < known ||
            timeline[known - 1] !== s.timeline[known - 1]
          )
            return {}
          return { timeline, arriving: !complete }
        }),
      failedTour: (tourId, message) =>
        set({
          tourId,
          status: { kind: 'error', message },
          timeline: [],
          arriving: false,
          first: 0,
          cursor: 0,
          opened: [],
          forks: [],
          range: null,
          forksFrom: 'reader',
          playing: false,
        }),
      act: (action, perform, land = 'first') => {
        const { timeline, cursor, forks, range } = get()
        const machine = timeline[cursor]?.machine
        if (!machine) return []
        const steps = perform(machine, action)
        if (steps.length === 0) return steps
        set({
          // Steps share structure with the machine they started from: the copy is of references.
          timeline: [...timeline.slice(0, cursor + 1), ...steps],
          // the tour's own later steps, still arriving, are not the reader's future any more
          arriving: false,
          cursor: land === 'last' ? cursor + steps.length : cursor + 1,
          // An earlier action whose steps were all after the cursor is gone with them.
          forks: [...forks.filter((fork) => fork.at < cursor), { at: cursor, action }],
          range: withOwnSteps(range, [action]),
          // acting on a link's machine makes the timeline the reader's own, saved over the
          // sandbox they had: the notice that offered to open that one no longer holds
          forksFrom: 'reader',
          notices: get().notices.filter((notice) => notice.action !== 'openSaved'),
          playing: false,
          // so are the answers given on those steps
          answers: Object.fromEntries(
            Object.entries(get().answers).filter(([step]) => Number(step) <= cursor),
          ),
        })
        return steps
      },
      goTo: moveTo,
      next: () => {
        const { cursor } = get()
        const steps = shown()
        moveTo(steps[positionOf(steps, cursor + 1)] ?? cursor)
      },
      nextChapter: () => {
        const { cursor } = get()
        const start = starts().find((at) => at > cursor)
        if (start !== undefined) moveTo(start)
      },
      previousChapter: () => {
        const { cursor } = get()
        const start = starts().findLast((at) => at < cursor)
        if (start !== undefined) moveTo(start)
      },
      goToChapter: (index) => {
        const s = get()
        const start = shownChapterStarts(s.timeline, shown(s))[index]
        if (start !== undefined) moveTo(start)
      },
      previous: () => {
        const { cursor } = get()
        const steps = shown()
        moveTo(steps[positionOf(steps, cursor) - 1] ?? cursor)
      },
      first: () => moveTo(shown()[0] ?? get().first),
      last: () => moveTo(shown().at(-1) ?? get().timeline.length - 1),
      openFold: (fold) => setFolds(withFold(get().opened, fold)),
      closeFold: (fold) => setFolds(get().opened.filter((open) => open !== fold)),
      toggleFold: () => {
        const { timeline, opened, cursor } = get()
        const fold = foldAt(timeline, opened, cursor)
        if (fold === undefined) return
        if (opened.includes(fold)) actions.closeFold(fold)
        else actions.openFold(fold)
      },
      play: () =>
        set((s) => {
          const steps = shown(s)
          if (steps.length < 2) return {}
          // Playing from the last step starts the story over, as a media player does.
          const atEnd = !s.arriving && s.cursor >= (steps.at(-1) ?? 0)
          return { playing: true, cursor: atEnd ? (steps[0] ?? s.first) : s.cursor }
        }),
      pause: () => set({ playing: false }),
      togglePlay: () => (get().playing ? actions.pause() : actions.play()),
      tick: () =>
        set((s) => {
          if (!s.playing) return {}
          // it plays the steps shown: a closed fold plays as its few steps
          const steps = shown(s)
          const cursor = steps[positionOf(steps, s.cursor + 1)] ?? s.cursor
          // at the last step known, it waits for the next rather than stop
          return { cursor, playing: s.arriving || cursor < (steps.at(-1) ?? 0), picked: null }
        }),
      setSpeed: (speed) => set({ speed }),
      faster: () => set((s) => ({ speed: SPEEDS[SPEEDS.indexOf(s.speed) + 1] ?? s.speed })),
      slower: () => set((s) => ({ speed: SPEEDS[SPEEDS.indexOf(s.speed) - 1] ?? s.speed })),
      setLocale: (locale) => set({ locale }),
      setTheme: (theme) => set({ theme }),
      setIntro: (intro) => set({ intro, playing: false }),
      pick: (picked) => set({ picked }),
      notify: (message, action) =>
        set((s) => ({
          notices: [
            ...s.notices,
            { id: nextNoticeId++, message, ...(action === undefined ? {} : { action }) },
          ],
        })),
      dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
      setOs: (os) => set({ os }),
      ranCommand: (entry, shell) =>
        set((s) => ({
          shell,
          transcript: entry
            ? appendEntry(s.transcript, { ...entry, id: nextEntryId++ })
            : s.transcript,
        })),
      clearTranscript: () => set({ transcript: [] }),
      restoredTerminal: (shell, transcript) =>
        set({ shell, transcript: transcript.map((entry) => ({ ...entry, id: nextEntryId++ })) }),
      answer: (step, choice) =>
        set((s) => (step in s.answers ? {} : { answers: { ...s.answers, [step]: choice } })),
    }
    return { ...initialPlayerState, ...initial, actions }
  })
}
