import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MachineAction } from '../../scenarios/types'
import type { Fork } from '../store/playerStore'
import { decodeForks, encodeForks, ForkCodeError, parseForks } from './forkCode'

const FORKS: Fork[] = [
  { at: 3, action: { type: 'upgrade' } },
  { at: 40, action: { type: 'editEtc', edit: { type: 'write', path: 'motd', data: 'hé\n' } } },
  { at: 41, action: { type: 'shell', line: 'sudo systemctl reboot', cwd: '/var/home/core' } },
  { at: 60, action: { type: 'reboot', entry: 1 } },
  { at: 90, action: { type: 'provideIgnition', config: null } },
  { at: 91, action: { type: 'attachDisk', size: 10 * 2 ** 30 } },
  { at: 95, action: { type: 'powerLoss' } },
]

/** The error a code gives, or null when it reads. */
async function faultOf(code: string): Promise<string | null> {
  try {
    await decodeForks(code)
    return null
  } catch (error) {
    return error instanceof ForkCodeError ? error.where : `not a ForkCodeError: ${String(error)}`
  }
}

describe('the actions of a link', () => {
  it('come back as they were taken, in a code that fits a URL', async () => {
    const code = await encodeForks(FORKS)
    expect(code).toMatch(/^1\.[A-Za-z0-9_-]+$/)
    expect(await decodeForks(code)).toEqual(FORKS)
    // compressed: shorter than the JSON it carries
    expect(code.length).toBeLessThan(JSON.stringify(FORKS).length)
  })

  it('round-trip any list of valid forks', async () => {
    const action: fc.Arbitrary<MachineAction> = fc.oneof(
      fc.constantFrom<MachineAction>(
        { type: 'upgrade' },
        { type: 'rollback' },
        { type: 'publish' },
        { type: 'powerLoss' },
        { type: 'poweroff' },
      ),
      fc.record({ type: fc.constant('reboot' as const), entry: fc.nat(9) }),
      fc.record({ type: fc.constant('shell' as const), line: fc.string() }),
      fc.record({
        type: fc.constant('editEtc' as const),
        edit: fc.record({
          type: fc.constant('chmod' as const),
          path: fc.string(),
          mode: fc.nat(0o7777),
        }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(20), action), { maxLength: 12 }), async (list) => {
        let at = -1
        const forks = list.map(([gap, a]) => ({ at: (at += gap + 1), action: a }))
        expect(await decodeForks(await encodeForks(forks))).toEqual(forks)
      }),
      { numRuns: 100 },
    )
  })

  it('say where a code cannot be read', async () => {
    expect(await faultOf('')).toBe('version')
    expect(await faultOf('2.abc')).toBe('version')
    expect(await faultOf('1.not base64!')).toBe('code')
    expect(await faultOf('1.AAAA')).toBe('code') // not DEFLATE
    const json = async (value: unknown) =>
      faultOf(
        await encodeForks(value as Fork[]), // the encoder does not check: what a forged link holds
      )
    expect(await json({})).toBe('actions')
    expect(await json([{ at: 1 }])).toBe('actions[0].action')
    expect(await json([{ at: 1, action: { type: 'format-disk' } }])).toBe('actions[0].action.type')
    expect(await json([{ at: 1, action: { type: 'reboot', entry: -1 } }])).toBe(
      'actions[0].action.entry',
    )
    expect(await json([{ at: 1, action: { type: 'upgrade', extra: 1 } }])).toBe(
      'actions[0].action.extra',
    )
    expect(
      await json([{ at: 1, action: { type: 'editEtc', edit: { type: 'write', path: 'a' } } }]),
    ).toBe('actions[0].action.edit.data')
    expect(await json([{ at: 1, action: { type: 'shell', line: 'ls', env: { A: 1 } } }])).toBe(
      'actions[0].action.env.A',
    )
    // forks act on later and later steps, as acting drops the steps after the cursor
    expect(
      await json([
        { at: 5, action: { type: 'upgrade' } },
        { at: 5, action: { type: 'upgrade' } },
      ]),
    ).toBe('actions[1].at')
  })

  it('refuse garbage of any kind with a ForkCodeError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (garbage) => {
        const where = await faultOf(`1.${garbage}`)
        expect(where === null || !where.startsWith('not a ForkCodeError')).toBe(true)
      }),
      { numRuns: 200 },
    )
    expect(() =>
      parseForks([{ at: 0, action: { type: 'shell', line: 'x'.repeat(300_000) } }]),
    ).toThrow(ForkCodeError)
  })
})
