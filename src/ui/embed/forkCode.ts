/**
 * The actions a person took, carried by a link: `actions=1.<code>`, where the code is the list of
 * forks (the step acted on and the action) as JSON, compressed with raw DEFLATE and written in
 * base64url. Actions rather than machines: the engine is deterministic, so replaying them on the
 * tour gives the same steps, and a link stays a few hundred characters. The number before the dot
 * is the encoding's version, so a later encoding can still read the links given out before it.
 */
import type { MachineAction } from '../../scenarios/types'
import type { Fork } from '../store/playerStore'

const VERSION = '1'
/** A link is typed by people and pasted by anyone: bounds on what it may ask the engine to do. */
const MAX_FORKS = 500
const MAX_TEXT = 256 * 1024
const MAX_ENTRY = 99
const MAX_DISK = 2 ** 44
const MAX_ID = 2 ** 32 - 1

/** A link whose actions cannot be read: `where` is the JSON path of the first fault, or the code. */
export class ForkCodeError extends Error {
  constructor(readonly where: string) {
    super(`the actions of the link are not valid at ${where}`)
  }
}

async function pipe(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const body = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)
  return new Uint8Array(await new Response(body).arrayBuffer())
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ForkCodeError('code')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** The link's code for `forks`. */
export async function encodeForks(forks: readonly Fork[]): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(forks))
  return `${VERSION}.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`
}

/** The forks a link's code names, checked; a code that cannot be read throws `ForkCodeError`. */
export async function decodeForks(code: string): Promise<Fork[]> {
  const dot = code.indexOf('.')
  if (dot < 0 || code.slice(0, dot) !== VERSION) throw new ForkCodeError('version')
  let json: unknown
  try {
    const bytes = await pipe(
      fromBase64Url(code.slice(dot + 1)),
      new DecompressionStream('deflate-raw'),
    )
    if (bytes.length > MAX_TEXT * 4) throw new ForkCodeError('code')
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new ForkCodeError('code')
  }
  return parseForks(json)
}

type Check = (value: unknown, where: string) => void

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const integer =
  (min: number, max: number): Check =>
  (value, where) => {
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
      throw new ForkCodeError(where)
  }
const text: Check = (value, where) => {
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw new ForkCodeError(where)
}
const textOrNull: Check = (value, where) => {
  if (value !== null) text(value, where)
}
const mode = integer(0, 0o7777)
const environment: Check = (value, where) => {
  if (!isRecord(value)) throw new ForkCodeError(where)
  for (const [name, v] of Object.entries(value)) text(v, `${where}.${name}`)
}

/** Each action's fields: the check of each, and whether it may be absent. */
type Shape = Readonly<Record<string, readonly [Check, 'required' | 'optional']>>

const ACTIONS: Readonly<Record<MachineAction['type'], Shape>> = {
  boot: { entry: [integer(0, MAX_ENTRY), 'optional'] },
  reboot: { entry: [integer(0, MAX_ENTRY), 'optional'] },
  poweroff: {},
  powerLoss: {},
  publish: {},
  upgrade: {},
  rollback: {},
  provideIgnition: { config: [textOrNull, 'required'] },
  attachDisk: { size: [integer(1, MAX_DISK), 'required'] },
  editEtc: { edit: [(value, where) => checkFields(value, where, EDITS), 'required'] },
  shell: {
    line: [text, 'required'],
    cwd: [text, 'optional'],
    env: [environment, 'optional'],
  },
}

/** The edits of /etc the editor makes (engine/ops.ts, `EtcEdit`). */
const EDITS: Readonly<Record<string, Shape>> = {
  write: { path: [text, 'required'], data: [text, 'required'], mode: [mode, 'optional'] },
  delete: { path: [text, 'required'] },
  chmod: { path: [text, 'required'], mode: [mode, 'required'] },
  chown: {
    path: [text, 'required'],
    uid: [integer(0, MAX_ID), 'required'],
    gid: [integer(0, MAX_ID), 'required'],
  },
  mkdir: { path: [text, 'required'], mode: [mode, 'optional'] },
  symlink: { path: [text, 'required'], target: [text, 'required'] },
}

/** `value` is an object whose `type` names one of `shapes`, with exactly that shape's fields. */
function checkFields(value: unknown, where: string, shapes: Readonly<Record<string, Shape>>): void {
  if (!isRecord(value)) throw new ForkCodeError(where)
  const type = value['type']
  const shape = typeof type === 'string' && Object.hasOwn(shapes, type) ? shapes[type] : undefined
  if (!shape) throw new ForkCodeError(`${where}.type`)
  for (const name of Object.keys(value)) {
    if (name !== 'type' && !Object.hasOwn(shape, name)) throw new ForkCodeError(`${where}.${name}`)
  }
  for (const [name, [check, presence]] of Object.entries(shape)) {
    if (value[name] === undefined) {
      if (presence === 'required') throw new ForkCodeError(`${where}.${name}`)
    } else check(value[name], `${where}.${name}`)
  }
}

/** Checks decoded JSON as a list of forks: steps in order, each action one the engine performs. */
export function parseForks(json: unknown): Fork[] {
  if (!Array.isArray(json) || json.length > MAX_FORKS) throw new ForkCodeError('actions')
  let last = -1
  return json.map((fork: unknown, i) => {
    const where = `actions[${i}]`
    if (!isRecord(fork) || Object.keys(fork).some((key) => key !== 'at' && key !== 'action'))
      throw new ForkCodeError(where)
    // each action acts on a step after the one before it acted on
    integer(last + 1, Number.MAX_SAFE_INTEGER)(fork['at'], `${where}.at`)
    last = fork['at'] as number
    checkFields(fork['action'], `${where}.action`, ACTIONS)
    return { at: last, action: fork['action'] as MachineAction }
  })
}
