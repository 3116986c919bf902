/**
 * The player's keys (the conventions of slide decks and VisuAlgo): Right/PageDown next,
 * Left/PageUp back, Space play/pause, `.` or `b` pause, Home/End, `-`/`+` speed; with Shift, the
 * arrows move by chapter. `f` opens the folded steps at the step shown, or folds them again.
 * Keys go to the player only while it has focus, and never while a form field has it.
 */
export type PlayerCommand =
  | 'next'
  | 'previous'
  | 'nextChapter'
  | 'previousChapter'
  | 'togglePlay'
  | 'pause'
  | 'first'
  | 'last'
  | 'slower'
  | 'faster'
  | 'toggleFold'

export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey?: boolean
}

const COMMANDS: Readonly<Record<string, PlayerCommand>> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  PageUp: 'previous',
  ' ': 'togglePlay',
  '.': 'pause',
  b: 'pause',
  B: 'pause',
  Home: 'first',
  End: 'last',
  '-': 'slower',
  _: 'slower',
  '+': 'faster',
  '=': 'faster',
  f: 'toggleFold',
  F: 'toggleFold',
}

const SHIFTED: Readonly<Record<string, PlayerCommand>> = {
  ArrowRight: 'nextChapter',
  ArrowLeft: 'previousChapter',
}

export function commandForKey(event: KeyLike): PlayerCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (event.shiftKey && Object.hasOwn(SHIFTED, event.key)) return SHIFTED[event.key] ?? null
  return Object.hasOwn(COMMANDS, event.key) ? (COMMANDS[event.key] ?? null) : null
}

/** Elements that use these keys themselves: text and range inputs, selects, editable text. */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return true
  // Space and Enter press a button or open a disclosure; arrows still step the player.
  if ((key === ' ' || key === 'Enter') && target.closest('button, summary, a[href]')) return true
  return false
}
