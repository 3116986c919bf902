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

/**
 * What a key does in a tour embedded in a slide: a command for the player, and whether the keys go
 * back to the host page (with the key, so the deck acts on it: the next clicker press moves the
 * deck). Escape gives them back; so does a key the player does not use, and moving on past the
 * last step or back before the first. `.` and `b` (a clicker's "blank" button) pause the tour and
 * blank the deck too. `f` is the deck's (full screen), not the folds'. Tab, Shift and the like,
 * and the browser's own shortcuts, stay where they are.
 */
export function embeddedKey(
  event: KeyLike,
  at: { first: boolean; last: boolean },
): { command: PlayerCommand | null; handBack: boolean } {
  const stay = { command: null, handBack: false }
  if (event.key === 'Escape') return { command: null, handBack: true }
  if (event.ctrlKey || event.metaKey || event.altKey) return stay
  if (KEEP.has(event.key)) return stay
  const command = commandForKey(event)
  switch (command) {
    case null:
    case 'toggleFold':
      return { command: null, handBack: true }
    case 'pause':
      return { command, handBack: true }
    case 'next':
    case 'nextChapter':
      return at.last ? { command: null, handBack: true } : { command, handBack: false }
    case 'previous':
    case 'previousChapter':
      return at.first ? { command: null, handBack: true } : { command, handBack: false }
    default:
      return { command, handBack: false }
  }
}

/** Keys that move focus or only modify another: they never leave the tour. */
const KEEP = new Set([
  'Tab',
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'Enter',
  'ArrowUp',
  'ArrowDown',
  'Unidentified',
  'Dead',
])

export function commandForKey(event: KeyLike): PlayerCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null
  if (event.shiftKey && Object.hasOwn(SHIFTED, event.key)) return SHIFTED[event.key] ?? null
  return Object.hasOwn(COMMANDS, event.key) ? (COMMANDS[event.key] ?? null) : null
}

/** Where a person types: a text field, a text area, editable text (a terminal's line). */
export function typesText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  const field = target.closest('input, textarea, [contenteditable=""], [contenteditable="true"]')
  if (field === null) return false
  return !(field instanceof HTMLInputElement) || TEXT_INPUTS.has(field.type)
}

const TEXT_INPUTS = new Set(['text', 'search', 'url', 'email', 'password', 'tel', 'number'])

/** Elements that use these keys themselves: text and range inputs, selects, editable text. */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return true
  // Space and Enter press a button or open a disclosure; arrows still step the player.
  if ((key === ' ' || key === 'Enter') && target.closest('button, summary, a[href]')) return true
  return false
}
