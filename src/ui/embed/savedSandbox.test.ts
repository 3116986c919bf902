import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Fork } from '../store/playerStore'
import { encodeForks, parseForks } from './forkCode'
import { MemoryStorage } from './memoryStorage'
import {
  dropSaved,
  loadSaved,
  parseSaved,
  SAVED_KEY,
  saveSandbox,
  savedOs,
  trimTranscript,
  type LoadResult,
  type SavedEntry,
  type SavedSandbox,
} from './savedSandbox'

const FORKS: Fork[] = [
  { at: 40, action: { type: 'shell', line: 'sudo rpm-ostree upgrade', cwd: '/var/home/core' } },
  { at: 52, action: { type: 'reboot' } },
]

const SHELL = {
  cwd: '/var/home/core',
  user: 'core' as const,
  history: ['ls', 'sudo rpm-ostree upgrade'],
  env: { HOME: '/var/home/core', '?': '0' },
}

const TRANSCRIPT: SavedEntry[] = [
  { prompt: '[core@coreos ~]$ ', line: 'ls', output: '' },
  {
    prompt: '[core@coreos ~]$ ',
    line: 'sudo rpm-ostree upgrade',
    output: 'Staging deployment... done\n',
    notices: [{ line: 1, message: { key: 'shell.notice', params: { n: 2, what: 'x' } } }],
  },
]

async function sandbox(step = 13): Promise<SavedSandbox> {
  return { actions: await encodeForks(FORKS), step, shell: SHELL, transcript: TRANSCRIPT }
}

/** A storage holding `value` under the key, as anything may have written it. */
function holding(value: string): MemoryStorage {
  const storage = new MemoryStorage()
  storage.setItem(SAVED_KEY, value)
  return storage
}

/** A valid stored value, as JSON, for corrupting one field at a time. */
async function validFile(): Promise<Record<string, unknown>> {
  return { version: 1, os: 'fcos', sandboxes: { fcos: await sandbox() } }
}

describe('saving and loading the sandbox', () => {
  it('round trip: the actions, the step, the shell and the scrollback come back', async () => {
    const storage = new MemoryStorage()
    expect(saveSandbox(storage, 'fcos', await sandbox())).toBe('saved')
    const result = await loadSaved(storage, 'fcos')
    expect(result).toEqual({
      kind: 'saved',
      sandbox: { forks: FORKS, step: 13, shell: SHELL, transcript: TRANSCRIPT },
    })
  })

  it('each system keeps its own sandbox; the last one used is remembered', async () => {
    const storage = new MemoryStorage()
    saveSandbox(storage, 'fcos', await sandbox(3))
    saveSandbox(storage, 'rhcos', { actions: null, step: 7, shell: SHELL, transcript: [] })
    expect(savedOs(storage)).toBe('rhcos')
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved', sandbox: { step: 3 } })
    expect(await loadSaved(storage, 'rhcos')).toMatchObject({
      kind: 'saved',
      sandbox: { step: 7, forks: [] },
    })
    dropSaved(storage, 'rhcos')
    expect(await loadSaved(storage, 'rhcos')).toEqual({ kind: 'none' })
    expect(await loadSaved(storage, 'fcos')).toMatchObject({ kind: 'saved' })
  })

  it('a sandbox with nothing of the reader in it is not kept', async () => {
    const storage = new MemoryStorage()
    saveSandbox(storage, 'fcos', await sandbox())
    saveSandbox(storage, 'fcos', { actions: null, step: 4, shell: null, transcript: [] })
    expect(storage.getItem(SAVED_KEY)).toBeNull()
    expect(await loadSaved(storage, 'fcos')).toEqual({ kind: 'none' })
  })

  it('the scrollback keeps its newest entries within its budget', () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({
      prompt: '$ ',
      line: `echo ${i}`,
      output: 'x'.repeat(100),
    }))
    const kept = trimTranscript(entries, 1000)
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(50)
    expect(kept.at(-1)).toEqual(entries.at(-1))
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(1000)
  })
})

describe('storage that is absent or refuses', () => {
  it('no storage: nothing is saved and nothing loads, without a word', async () => {
    expect(saveSandbox(null, 'fcos', await sandbox())).toBe('absent')
    expect(await loadSaved(null, 'fcos')).toEqual({ kind: 'none' })
    expect(savedOs(null)).toBeNull()
    expect(() => dropSaved(null, 'fcos')).not.toThrow()
  })

  it('storage that throws on every access (a sandboxed iframe) reads as none', async () => {
    const storage = new MemoryStorage()
    saveSandbox(storage, 'fcos', await sandbox())
    storage.denied = true
    expect(await loadSaved(storage, 'fcos')).toEqual({ kind: 'none' })
    expect(savedOs(storage)).toBeNull()
    expect(saveSandbox(storage, 'fcos', await sandbox())).toBe('refused')
    expect(() => dropSaved(storage, 'fcos')).not.toThrow()
  })

  it('a full storage keeps the actions and drops the scrollback, then refuses', async () => {
    const storage = new MemoryStorage()
    const full = await sandbox()
    const withoutScrollback = JSON.stringify({
      version: 1,
      os: 'fcos',
      sandboxes: { fcos: { ...full, transcript: [] } },
    }).length
    storage.quota = withoutScrollback
    expect(saveSandbox(storage, 'fcos', full)).toBe('saved')
    expect(await loadSaved(storage, 'fcos')).toMatchObject({
      kind: 'saved',
      sandbox: { forks: FORKS, transcript: [] },
    })
    storage.quota = 10
    expect(saveSandbox(storage, 'fcos', full)).toBe('refused')
  })
})

describe('a saved sandbox that cannot be read', () => {
  /** Loads `value` as stored; the result, and what is left under the key. */
  async function load(value: string): Promise<{ result: LoadResult; left: string | null }> {
    const storage = holding(value)
    const result = await loadSaved(storage, 'fcos')
    return { result, left: storage.getItem(SAVED_KEY) }
  }

  /** A valid file with `change` made to its fcos sandbox. */
  async function corrupt(change: (s: Record<string, unknown>) => void): Promise<string> {
    const file = await validFile()
    change((file['sandboxes'] as Record<string, Record<string, unknown>>)['fcos'] ?? {})
    return JSON.stringify(file)
  }

  it.each([
    ['not JSON', 'garbage', 'json'],
    ['JSON, not an object', '[1,2]', 'saved'],
    ['another version', '{"version":2,"os":"fcos","sandboxes":{}}', 'version'],
    ['a system the site does not have', '{"version":1,"os":"win","sandboxes":{}}', 'os'],
    ['a field it does not know', '{"version":1,"os":"fcos","sandboxes":{},"x":1}', 'saved.x'],
    ['no sandboxes', '{"version":1,"os":"fcos"}', 'sandboxes'],
  ])('%s: removed, and the result says where', async (_what, value, where) => {
    expect(await load(value)).toEqual({ result: { kind: 'reset', where }, left: null })
  })

  it.each([
    ['a step that is not a count', (s: Record<string, unknown>) => (s['step'] = -1), 'step'],
    ['a fractional step', (s: Record<string, unknown>) => (s['step'] = 1.5), 'step'],
    ['actions that are not text', (s: Record<string, unknown>) => (s['actions'] = 5), 'actions'],
    [
      'a shell of another user',
      (s: Record<string, unknown>) => (s['shell'] = { ...SHELL, user: 'root' }),
      'shell.user',
    ],
    [
      'a relative working directory',
      (s: Record<string, unknown>) => (s['shell'] = { ...SHELL, cwd: 'home' }),
      'shell.cwd',
    ],
    [
      'a variable that is not text',
      (s: Record<string, unknown>) => (s['shell'] = { ...SHELL, env: { A: 1 } }),
      'shell.env.A',
    ],
    [
      'an entry without output',
      (s: Record<string, unknown>) => (s['transcript'] = [{ prompt: '$ ', line: 'ls' }]),
      'transcript[0].output',
    ],
    [
      'a notice with an object for a parameter',
      (s: Record<string, unknown>) =>
        (s['transcript'] = [
          { ...TRANSCRIPT[0], notices: [{ line: 0, message: { key: 'k', params: { a: {} } } }] },
        ]),
      'transcript[0].notices[0].message.params.a',
    ],
  ])('%s: removed, and the result says where', async (_what, change, where) => {
    expect(await load(await corrupt(change))).toEqual({
      result: { kind: 'reset', where: `sandboxes.fcos.${where}` },
      left: null,
    })
  })

  it('a code that does not decode: that system’s sandbox goes, the other stays', async () => {
    const storage = new MemoryStorage()
    saveSandbox(storage, 'rhcos', await sandbox(2))
    saveSandbox(storage, 'fcos', { ...(await sandbox()), actions: '1.@@@' })
    const result = await loadSaved(storage, 'fcos')
    expect(result).toEqual({ kind: 'reset', where: 'sandboxes.fcos.actions: code' })
    expect(await loadSaved(storage, 'fcos')).toEqual({ kind: 'none' })
    expect(await loadSaved(storage, 'rhcos')).toMatchObject({ kind: 'saved' })
  })

  it('a code of another version resets', async () => {
    const value = await corrupt((s) => (s['actions'] = '9.abc'))
    expect(await load(value)).toEqual({
      result: { kind: 'reset', where: 'sandboxes.fcos.actions: version' },
      left: null,
    })
  })

  /** What a result may be: a valid sandbox, none, or a reset that removed the entry. */
  function expectSound({ result, left }: { result: LoadResult; left: string | null }): void {
    if (result.kind === 'reset') {
      expect(left).toBeNull()
      expect(typeof result.where).toBe('string')
    } else if (result.kind === 'saved') {
      const { forks, step, shell, transcript } = result.sandbox
      expect(parseForks(JSON.parse(JSON.stringify(forks)))).toEqual(forks)
      expect(Number.isSafeInteger(step) && step >= 0).toBe(true)
      expect(shell === null || shell.user === 'core').toBe(true)
      expect(Array.isArray(transcript)).toBe(true)
      // what loads is what a save writes: stored again, it reads the same
      expect(() => parseSaved(left ?? '')).not.toThrow()
    }
  }

  it('any text at all: the loader never throws, and resets what it cannot read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (value) => {
        expectSound(await load(value))
      }),
      { numRuns: 300 },
    )
  })

  it('any JSON at all: the loader never throws, and resets what it cannot read', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expectSound(await load(JSON.stringify(value)))
      }),
      { numRuns: 300 },
    )
  })

  it('a valid entry with any field replaced by any JSON: sound either way', async () => {
    const base = await validFile()
    const paths: (readonly string[])[] = [
      ['version'],
      ['os'],
      ['sandboxes'],
      ['sandboxes', 'fcos'],
      ['sandboxes', 'rhcos'],
      ['sandboxes', 'fcos', 'actions'],
      ['sandboxes', 'fcos', 'step'],
      ['sandboxes', 'fcos', 'shell'],
      ['sandboxes', 'fcos', 'shell', 'history'],
      ['sandboxes', 'fcos', 'shell', 'env'],
      ['sandboxes', 'fcos', 'transcript'],
      ['sandboxes', 'fcos', 'transcript', '1'],
      ['sandboxes', 'fcos', 'transcript', '1', 'notices'],
    ]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const file = structuredClone(base)
        let at: Record<string, unknown> = file
        for (const name of path.slice(0, -1)) at = at[name] as Record<string, unknown>
        at[path.at(-1) as string] = value
        expectSound(await load(JSON.stringify(file)))
      }),
      { numRuns: 400 },
    )
  })
})
