/**
 * The messages a page that holds a tour (a reveal.js or Slidev deck) exchanges with it, in the
 * envelope reveal.js uses for its own `postMessage` API, so a deck's author recognises it.
 *
 * In (host → tour), a JSON string or an object:
 * - `'slide:start'` and `'slide:stop'`, the plain strings reveal.js sends to the frames of a slide
 *   when it is shown and when it is left;
 * - `{ method, args }` commands: `next`, `prev`, `goto` (a step, counted from 1 as `step=` counts),
 *   `chapter` (a number from 1, or a chapter's id), `play`, `pause`, `getState`, `setState` (what
 *   `getState` answered, or part of it). A `namespace`, if any, must be `coreos-explorer`.
 *
 * Out (tour → host), as JSON strings: `{ namespace: 'coreos-explorer', eventName, state }` with
 * `ready`, `stepchanged`, `ended`, `resize` (with the page's `width` and `height`), `keydown` (a
 * key handed back: its `key`, `code`, `keyCode` and modifiers) and `callback` (the answer to a
 * command: the `command` and its `result`; not `method`, which reveal.js would run on the deck).
 *
 * Anything else is not for the tour: `readMessage` returns null and the tour does nothing. A known
 * command whose arguments make no sense is ignored whole; a state's field that makes no sense is
 * left out, and the others apply.
 */
import { isLocale, type Locale } from '../../i18n'
import { isSpeed, THEMES, type Speed, type Theme } from '../store/playerStore'

export const NAMESPACE = 'coreos-explorer'

/** What a host may set with `setState`: every field optional. */
export interface StatePatch {
  tour?: string
  /** Counted from 1 at the story's first step, as links count. */
  step?: number
  playing?: boolean
  speed?: Speed
  lang?: Locale
  theme?: Theme
}

export type Command =
  | { method: 'next' | 'prev' | 'play' | 'pause' | 'getState' }
  | { method: 'goto'; step: number }
  | { method: 'chapter'; chapter: number | string }
  | { method: 'setState'; state: StatePatch }

export type Inbound = { kind: 'slide'; shown: boolean } | { kind: 'command'; command: Command }

/** The longest message read: a state is a few hundred characters. */
const MAX_TEXT = 64 * 1024

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A step or chapter number as a host writes it: a whole number from 1. */
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1

const isId = (value: unknown): value is string =>
  typeof value === 'string' && /^[a-z][a-z0-9-]{0,63}$/.test(value)

/** The fields of `value` that make sense as a state; the others are left out. */
export function readState(value: unknown): StatePatch {
  if (!isRecord(value)) return {}
  const state: StatePatch = {}
  if (isId(value.tour)) state.tour = value.tour
  if (isCount(value.step)) state.step = value.step
  if (typeof value.playing === 'boolean') state.playing = value.playing
  if (typeof value.speed === 'number' && isSpeed(value.speed)) state.speed = value.speed
  if (typeof value.lang === 'string' && isLocale(value.lang)) state.lang = value.lang
  if (typeof value.theme === 'string' && (THEMES as readonly string[]).includes(value.theme))
    state.theme = value.theme as Theme
  return state
}

function readCommand(value: Record<string, unknown>): Command | null {
  if (value.namespace !== undefined && value.namespace !== NAMESPACE) return null
  const args = Array.isArray(value.args) ? (value.args as unknown[]) : []
  const [first] = args
  switch (value.method) {
    case 'next':
    case 'prev':
    case 'play':
    case 'pause':
    case 'getState':
      return { method: value.method }
    case 'goto':
      return isCount(first) ? { method: 'goto', step: first } : null
    case 'chapter':
      return isCount(first) || isId(first) ? { method: 'chapter', chapter: first } : null
    case 'setState':
      return isRecord(first) ? { method: 'setState', state: readState(first) } : null
    default:
      return null
  }
}

/** What a message asks of the tour, or null for one that is not for it. Never throws. */
export function readMessage(data: unknown): Inbound | null {
  let value = data
  if (typeof data === 'string') {
    if (data === 'slide:start' || data === 'slide:stop')
      return { kind: 'slide', shown: data === 'slide:start' }
    if (data.length > MAX_TEXT || !data.trimStart().startsWith('{')) return null
    try {
      value = JSON.parse(data)
    } catch {
      return null
    }
  }
  if (!isRecord(value)) return null
  const command = readCommand(value)
  return command && { kind: 'command', command }
}

/** What the tour tells its host of where it is: every event carries it. */
export interface HostState {
  tour: string
  /** The step shown, counted from 1 at the story's first step, as `step=` counts. */
  step: number
  /** How many steps the story has, counted as `step` is. */
  of: number
  /** The step's place among those the player steps through (a range, folds closed), from 1. */
  position: number
  /** How many steps the player steps through. */
  total: number
  /** The chapter's id; null for a step of the reader's own. */
  chapter: string | null
  playing: boolean
  speed: Speed
  lang: Locale
  theme: Theme
}

export type EventName = 'ready' | 'stepchanged' | 'ended' | 'resize' | 'keydown' | 'callback'

/** An event for the host, in reveal.js's envelope, as the JSON string it posts. */
export function eventMessage(
  eventName: EventName,
  state: HostState,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({ namespace: NAMESPACE, eventName, state, ...extra })
}
