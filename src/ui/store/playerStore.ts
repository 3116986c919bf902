/**
 * The player: a timeline of engine steps and a cursor into it, with playback, locale and theme.
 * It holds only what cannot be computed; the step, the machine and everything a panel shows are
 * selectors over it (see selectors.ts).
 */
import { createStore } from 'zustand/vanilla'
import type { Message, Step } from '../../engine/types'
import { DEFAULT_LOCALE, type Locale } from '../../i18n'

export const THEMES = ['auto', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

/** Playback speeds, slowest first; `-` and `+` move along this list. */
export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const
export type Speed = (typeof SPEEDS)[number]

/** How long one step stays on screen when playing at 1x. */
export const STEP_MS = 2500

export interface Notice {
  id: number
  message: Message
}

export type TimelineStatus =
  { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string }

export interface PlayerState {
  tourId: string
  status: TimelineStatus
  timeline: readonly Step[]
  cursor: number
  playing: boolean
  speed: Speed
  locale: Locale
  theme: Theme
  /** Shown inside another page: no header chrome, never takes focus. */
  embed: boolean
  notices: readonly Notice[]
}

export interface PlayerActions {
  /** A tour starts computing: the old timeline goes, the player waits. */
  loadingTour(tourId: string): void
  /** The tour's steps are ready; `cursor` is clamped to them. */
  loadedTour(tourId: string, timeline: readonly Step[], cursor?: number): void
  failedTour(tourId: string, message: string): void
  goTo(index: number): void
  next(): void
  previous(): void
  first(): void
  last(): void
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
  notify(message: Message): void
  dismiss(id: number): void
}

/** State plus its actions, kept under one stable key so a component can select them all at once. */
export type Player = PlayerState & { actions: PlayerActions }
export type PlayerStore = ReturnType<typeof createPlayerStore>

export const initialPlayerState: PlayerState = {
  tourId: '',
  status: { kind: 'loading' },
  timeline: [],
  cursor: 0,
  playing: false,
  speed: 1,
  locale: DEFAULT_LOCALE,
  theme: 'auto',
  embed: false,
  notices: [],
}

function clamp(index: number, length: number): number {
  if (length === 0) return 0
  return Math.min(Math.max(0, Math.trunc(index)), length - 1)
}

export function isSpeed(value: number): value is Speed {
  return (SPEEDS as readonly number[]).includes(value)
}

export function createPlayerStore(initial: Partial<PlayerState> = {}) {
  let nextNoticeId = 1
  return createStore<Player>()((set, get) => {
    /** Moving by hand stops playback: the person has taken over. */
    const moveTo = (index: number) =>
      set((s) => ({ cursor: clamp(index, s.timeline.length), playing: false }))
    const actions: PlayerActions = {
      loadingTour: (tourId) =>
        set({ tourId, status: { kind: 'loading' }, timeline: [], cursor: 0, playing: false }),
      loadedTour: (tourId, timeline, cursor = 0) =>
        set({
          tourId,
          status: { kind: 'ready' },
          timeline,
          cursor: clamp(cursor, timeline.length),
          playing: false,
        }),
      failedTour: (tourId, message) =>
        set({
          tourId,
          status: { kind: 'error', message },
          timeline: [],
          cursor: 0,
          playing: false,
        }),
      goTo: moveTo,
      next: () => moveTo(get().cursor + 1),
      previous: () => moveTo(get().cursor - 1),
      first: () => moveTo(0),
      last: () => moveTo(get().timeline.length - 1),
      play: () =>
        set((s) => {
          if (s.timeline.length < 2) return {}
          // Playing from the last step starts over, as a media player does.
          const atEnd = s.cursor >= s.timeline.length - 1
          return { playing: true, cursor: atEnd ? 0 : s.cursor }
        }),
      pause: () => set({ playing: false }),
      togglePlay: () => (get().playing ? actions.pause() : actions.play()),
      tick: () =>
        set((s) => {
          if (!s.playing) return {}
          const cursor = clamp(s.cursor + 1, s.timeline.length)
          return { cursor, playing: cursor < s.timeline.length - 1 }
        }),
      setSpeed: (speed) => set({ speed }),
      faster: () => set((s) => ({ speed: SPEEDS[SPEEDS.indexOf(s.speed) + 1] ?? s.speed })),
      slower: () => set((s) => ({ speed: SPEEDS[SPEEDS.indexOf(s.speed) - 1] ?? s.speed })),
      setLocale: (locale) => set({ locale }),
      setTheme: (theme) => set({ theme }),
      notify: (message) =>
        set((s) => ({ notices: [...s.notices, { id: nextNoticeId++, message }] })),
      dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    }
    return { ...initialPlayerState, ...initial, actions }
  })
}
