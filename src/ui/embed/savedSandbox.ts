/**
 * The sandbox as the reader left it, kept in the browser's `localStorage` under one versioned key,
 * so that coming back to it (a reload without the link, the tour menu, the opening view) shows their
 * machine again. One entry per system the sandbox runs (`os`): switching system keeps the other's.
 *
 * What is kept for each system: the actions taken, as a link's code (forkCode.ts: actions, not
 * machines, since replaying them gives the same steps), the step shown (counted from the story's
 * first step, as links count), the terminal's shell (working directory, history, variables) and
 * its scrollback, cut to a budget; and which system was used last.
 *
 * What wins (tours.ts `openTour`):
 * - A link with `actions=` wins: the reader opened someone's link, and sees it. Their own saved
 *   sandbox is kept, and a notice offers to open it, until they act on the link's machine: from
 *   then on the timeline is theirs, and it is saved in its place. A link with the very actions
 *   saved is the reader's own address (a reload): it is theirs at once, with their terminal.
 * - Opening the sandbox without actions in the link (a reload without them, the tour menu, the
 *   opening view, the system menu) restores what is saved, at its step, with a notice that offers
 *   to start afresh; "start afresh" removes the entry and opens the tour as written.
 * - An embedded sandbox (`embed=1`) neither restores nor saves: a slide shows what its link says.
 *
 * Storage is a convenience, never a requirement: absent or refused (private browsing, a sandboxed
 * iframe, whose `localStorage` throws a SecurityError, a file:// page some browsers deny), the site
 * works as before and says nothing; full, it saves without the scrollback, then not at all, with one
 * notice. An entry that cannot be read (not JSON, another shape or version, a code that does not
 * decode; in tours.ts, actions that do not replay or a step the timeline does not have) is removed,
 * and the reader is told: nothing is lost silently.
 */
import type { Message, ProfileId } from '../../engine/types'
import type { ShellState } from '../../engine'
import type { Fork } from '../store/playerStore'
import type { TranscriptEntry } from '../store/transcript'
import { decodeForks, ForkCodeError } from './forkCode'
import { OS_IDS } from './urlState'

/** The only tour saved: the reader's own machine. */
export const SAVED_TOUR_ID = 'sandbox'

/** The key, versioned: a later format takes a new key and reads this one if it can. */
export const SAVED_KEY = 'coreos-explorer:sandbox:v1'
const VERSION = 1

/** Bounds on what an entry may hold, since anything may have written it: a line, a variable... */
const MAX_TEXT = 256 * 1024
/** ...and an actions' code or a command's output. */
const MAX_LONG_TEXT = 1024 * 1024
const MAX_STEP = 1_000_000
const MAX_HISTORY = 1000
const MAX_VARIABLES = 1000
const MAX_ENTRIES = 5000
const MAX_NOTICES = 100
/** The scrollback kept, in characters of JSON: the oldest entries go first beyond it. */
export const TRANSCRIPT_BUDGET = 256 * 1024

/** A terminal entry as saved: its id is given again when it is restored. */
export type SavedEntry = Omit<TranscriptEntry, 'id'>

/** One system's sandbox, as saved. Plain JSON. */
export interface SavedSandbox {
  /** The actions' code (forkCode.ts); null: the tour as written. */
  actions: string | null
  /** The step shown, 0-based from the story's first step. */
  step: number
  shell: ShellState | null
  transcript: readonly SavedEntry[]
}

/** The stored value. */
export interface SavedFile {
  version: typeof VERSION
  /** The system used last, which a visit without `os=` opens on. */
  os: ProfileId
  sandboxes: Partial<Record<ProfileId, SavedSandbox>>
}

/** A saved sandbox ready to replay: its code decoded. */
export interface Restorable extends Omit<SavedSandbox, 'actions'> {
  forks: Fork[]
}

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'saved'; sandbox: Restorable }
  /** The entry could not be read at `where` (a JSON path, or `json`) and was removed. */
  | { kind: 'reset'; where: string }

export type SaveResult = 'saved' | 'absent' | 'refused'

/** The notice for an entry that was removed because it could not be read or replayed. */
export const RESET_NOTICE: Message = { key: 'notice.savedReset' }

/** The browser's storage, or null where there is none or it may not be touched. */
export function browserStorage(): Storage | null {
  try {
    // the getter itself throws a SecurityError in an iframe sandboxed without allow-same-origin
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

class SavedError extends Error {
  constructor(readonly where: string) {
    super(`the saved sandbox is not valid at ${where}`)
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function isOs(value: unknown): value is ProfileId {
  return (OS_IDS as readonly unknown[]).includes(value)
}

function text(value: unknown, where: string, max = MAX_TEXT): string {
  if (typeof value !== 'string' || value.length > max) throw new SavedError(where)
  return value
}

function integer(value: unknown, where: string, max: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max)
    throw new SavedError(where)
  return value as number
}

/** `value` is an object with no key outside `allowed`. */
function record(
  value: unknown,
  where: string,
  allowed: readonly string[],
): Record<string, unknown> {
  if (!isRecord(value)) throw new SavedError(where)
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new SavedError(`${where}.${key}`)
  }
  return value
}

function list(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) throw new SavedError(where)
  return value
}

function strings(value: unknown, where: string, max: number): Record<string, string> {
  if (!isRecord(value) || Object.keys(value).length > max) throw new SavedError(where)
  const out: Record<string, string> = {}
  for (const [name, v] of Object.entries(value)) out[name] = text(v, `${where}.${name}`)
  return out
}

function parseShell(value: unknown, where: string): ShellState | null {
  if (value === null) return null
  const shell = record(value, where, ['cwd', 'user', 'history', 'env'])
  const cwd = text(shell['cwd'], `${where}.cwd`)
  if (!cwd.startsWith('/')) throw new SavedError(`${where}.cwd`)
  if (shell['user'] !== 'core') throw new SavedError(`${where}.user`)
  const history = list(shell['history'], `${where}.history`, MAX_HISTORY).map((line, i) =>
    text(line, `${where}.history[${i}]`),
  )
  return { cwd, user: 'core', history, env: strings(shell['env'], `${where}.env`, MAX_VARIABLES) }
}

function parseMessage(value: unknown, where: string): Message {
  const message = record(value, where, ['key', 'params'])
  const key = text(message['key'], `${where}.key`, 200)
  if (message['params'] === undefined) return { key }
  const raw = message['params']
  if (!isRecord(raw) || Object.keys(raw).length > MAX_VARIABLES) throw new SavedError(where)
  const params: Record<string, string | number> = {}
  for (const [name, v] of Object.entries(raw)) {
    if (typeof v === 'number' && Number.isFinite(v)) params[name] = v
    else params[name] = text(v, `${where}.params.${name}`)
  }
  return { key, params }
}

function parseEntry(value: unknown, where: string): SavedEntry {
  const entry = record(value, where, ['prompt', 'line', 'output', 'notices'])
  const saved: SavedEntry = {
    prompt: text(entry['prompt'], `${where}.prompt`),
    line: text(entry['line'], `${where}.line`),
    output: text(entry['output'], `${where}.output`, MAX_LONG_TEXT),
  }
  if (entry['notices'] === undefined) return saved
  const notices = list(entry['notices'], `${where}.notices`, MAX_NOTICES).map((n, i) => {
    const at = `${where}.notices[${i}]`
    const notice = record(n, at, ['line', 'message'])
    return {
      line: integer(notice['line'], `${at}.line`, Number.MAX_SAFE_INTEGER),
      message: parseMessage(notice['message'], `${at}.message`),
    }
  })
  return { ...saved, notices }
}

function parseSandbox(value: unknown, where: string): SavedSandbox {
  const sandbox = record(value, where, ['actions', 'step', 'shell', 'transcript'])
  const actions = sandbox['actions']
  return {
    actions: actions === null ? null : text(actions, `${where}.actions`, MAX_LONG_TEXT),
    step: integer(sandbox['step'], `${where}.step`, MAX_STEP),
    shell: parseShell(sandbox['shell'], `${where}.shell`),
    transcript: list(sandbox['transcript'], `${where}.transcript`, MAX_ENTRIES).map((e, i) =>
      parseEntry(e, `${where}.transcript[${i}]`),
    ),
  }
}

/**
 * Checks a stored value field by field; throws `SavedError` at the first fault.
 * @example parseSaved('{"version":1,"os":"fcos","sandboxes":{}}').os // 'fcos'
 */
export function parseSaved(raw: string): SavedFile {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    throw new SavedError('json')
  }
  const file = record(json, 'saved', ['version', 'os', 'sandboxes'])
  if (file['version'] !== VERSION) throw new SavedError('version')
  if (!isOs(file['os'])) throw new SavedError('os')
  const raws = record(file['sandboxes'], 'sandboxes', OS_IDS)
  const sandboxes: Partial<Record<ProfileId, SavedSandbox>> = {}
  for (const os of OS_IDS) {
    if (raws[os] !== undefined) sandboxes[os] = parseSandbox(raws[os], `sandboxes.${os}`)
  }
  return { version: VERSION, os: file['os'], sandboxes }
}

/** The raw stored value; null when there is none or the storage cannot be read. */
function readRaw(storage: Storage | null): string | null {
  try {
    return storage?.getItem(SAVED_KEY) ?? null
  } catch {
    return null
  }
}

function remove(storage: Storage | null): void {
  try {
    storage?.removeItem(SAVED_KEY)
  } catch {
    // a storage that refuses to remove also refuses to be read: nothing more to do
  }
}

/**
 * The stored entry, checked: null when there is none, where it fails when it cannot be read. Only
 * `loadSaved` removes a bad entry, since it is the one that tells the reader.
 */
function readFile(storage: Storage | null): SavedFile | { where: string } | null {
  const raw = readRaw(storage)
  if (raw === null) return null
  try {
    return parseSaved(raw)
  } catch (error) {
    return { where: error instanceof SavedError ? error.where : 'json' }
  }
}

/** The system used last, for a visit whose link names none; null without a readable entry. */
export function savedOs(storage: Storage | null): ProfileId | null {
  const file = readFile(storage)
  return file && 'os' in file ? file.os : null
}

/** A sandbox with nothing of the reader in it: no action, no command typed, nothing printed. */
function isEmpty(sandbox: SavedSandbox): boolean {
  return (
    sandbox.actions === null &&
    sandbox.transcript.length === 0 &&
    (sandbox.shell?.history.length ?? 0) === 0
  )
}

/**
 * The sandbox saved for system `os`, its actions decoded. Never throws: an entry that cannot be
 * read is removed (the whole entry for a fault in its JSON, this system's part for a code that
 * does not decode) and the result says where it failed.
 * @example await loadSaved(localStorage, 'fcos') // { kind: 'saved', sandbox: { forks, step, … } }
 */
export async function loadSaved(storage: Storage | null, os: ProfileId): Promise<LoadResult> {
  const file = readFile(storage)
  if (file === null) return { kind: 'none' }
  if (!('os' in file)) {
    remove(storage)
    return { kind: 'reset', where: file.where }
  }
  const sandbox = file.sandboxes[os]
  if (!sandbox || isEmpty(sandbox)) return { kind: 'none' }
  const { actions, ...rest } = sandbox
  try {
    const forks = actions === null ? [] : await decodeForks(actions)
    return { kind: 'saved', sandbox: { ...rest, forks } }
  } catch (error) {
    dropSaved(storage, os)
    const where = error instanceof ForkCodeError ? error.where : 'code'
    return { kind: 'reset', where: `sandboxes.${os}.actions: ${where}` }
  }
}

/** The newest entries that fit in `budget` characters of JSON, oldest first. */
export function trimTranscript(
  entries: readonly SavedEntry[],
  budget = TRANSCRIPT_BUDGET,
): SavedEntry[] {
  const kept: SavedEntry[] = []
  let size = 0
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as SavedEntry
    size += JSON.stringify(entry).length + 1
    if (size > budget) break
    kept.push(entry)
  }
  return kept.reverse()
}

function write(storage: Storage, file: SavedFile): boolean {
  try {
    if (Object.keys(file.sandboxes).length === 0) storage.removeItem(SAVED_KEY)
    else storage.setItem(SAVED_KEY, JSON.stringify(file))
    return true
  } catch {
    return false
  }
}

/**
 * Saves system `os`'s sandbox, keeping the other system's; a sandbox with nothing of the reader in
 * it removes that system's part instead. When the storage is full, the scrollback goes first.
 */
export function saveSandbox(
  storage: Storage | null,
  os: ProfileId,
  sandbox: SavedSandbox,
): SaveResult {
  if (!storage) return 'absent'
  const before = readFile(storage)
  const sandboxes = { ...(before && 'os' in before ? before.sandboxes : {}) }
  const own = { ...sandbox, transcript: trimTranscript(sandbox.transcript) }
  if (isEmpty(own)) delete sandboxes[os]
  else sandboxes[os] = own
  if (write(storage, { version: VERSION, os, sandboxes })) return 'saved'
  // full: the actions matter more than what the terminal printed
  sandboxes[os] = { ...own, transcript: [] }
  if (write(storage, { version: VERSION, os, sandboxes })) return 'saved'
  return 'refused'
}

/** Forgets system `os`'s sandbox (the reader starts afresh, or it could not be replayed). */
export function dropSaved(storage: Storage | null, os: ProfileId): void {
  if (!storage) return
  const before = readFile(storage)
  if (before === null || !('os' in before)) return
  const sandboxes = { ...before.sandboxes }
  delete sandboxes[os]
  write(storage, { ...before, sandboxes })
}
