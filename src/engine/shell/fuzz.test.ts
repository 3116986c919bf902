/**
 * Fuzzing: random command lines, raw strings mixed with a grammar of real commands, paths, quotes
 * and operators. None may throw, each answers with bounded output and a sane status, and sequences
 * of them keep every invariant of the machine.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkInvariants } from '../invariants'
import { boot, installImage, publishRelease } from '../ops'
import { after, chain, deepFreeze } from '../testkit'
import type { Machine } from '../types'
import { MAX_OUTPUT, MAX_OUTPUT_CHARS } from './context'
import { complete } from './complete'
import { initialShell } from './login'
import { runCommand } from './run'
import type { ShellResult, ShellState } from './types'

const installed = deepFreeze(after(installImage({ profile: 'fcos', scale: 30 })))
const running = deepFreeze(chain(installed, boot, publishRelease).machine)
const rhcos = deepFreeze(
  chain(after(installImage({ profile: 'rhcos', scale: 30 })), boot, publishRelease).machine,
)

const COMMANDS = [
  'ls',
  'ls -l',
  'ls -la',
  'ls -li',
  'ls -R',
  'ls -1',
  'ls -dh',
  'stat',
  'cat',
  'head -n 3',
  'tail -2',
  'grep -n root',
  'grep -ivc a',
  'wc',
  'wc -l',
  'find',
  'find -maxdepth 2 -name "*.conf"',
  'du -sh',
  'df -h',
  'readlink -f',
  'sha1sum',
  'sha256sum',
  'cd',
  'pwd',
  'echo',
  'printf "%s\\n"',
  'touch',
  'mkdir -p',
  'rm',
  'rm -rf',
  'chmod 600',
  'chmod u+x',
  'ln -s',
  'ln',
  'findmnt',
  'findmnt --real',
  'mount',
  'uname -r',
  'hostname',
  'whoami',
  'id',
  'rpm -qa',
  'rpm -q',
  'ostree admin status',
  'ostree admin config-diff',
  'ostree admin pin',
  'ostree admin pin -u',
  'ostree admin undeploy',
  'ostree log',
  'ostree refs',
  'rpm-ostree status',
  'rpm-ostree status -v',
  'rpm-ostree rollback',
  'rpm-ostree cleanup -r',
  'rpm-ostree cleanup -p',
  'rpm-ostree kargs',
  'rpm-ostree kargs --delete',
  'systemctl status',
  'journalctl -b -u',
  'clear',
  'help',
  'history',
  'tee',
  'sh -c',
  'env',
  'export',
  'true',
  'false',
  'foo',
  'vi',
  'exit',
]
/** The commands that build a deployment or boot the machine (a few ms each): picked less often. */
const RARE = [
  'systemctl reboot',
  'systemctl poweroff',
  'rpm-ostree upgrade --bypass-driver',
  'rpm-ostree upgrade --bypass-driver -r',
  'rpm-ostree kargs --append=a=b',
]
const PATHS = [
  '/',
  '/usr',
  '/usr/bin/ls',
  '/etc',
  '/etc/passwd',
  '/etc/os-release',
  '/var',
  '/home/core',
  '~',
  '.',
  '..',
  '/proc/cmdline',
  '/proc',
  '/sysroot',
  '/ostree/deploy',
  '/boot',
  '/tmp/x',
  '/root',
  '/usr/local/bin/x',
  'note',
  'a/b',
  '/ostree/deploy/*/deploy/*/bin/ls',
  '/usr/*/l*',
  '*',
  '.*',
  '/etc/ssh/*',
  '/nope',
  '0',
  '1',
  '2',
  'ostree-remount',
  'fedora:fedora/x86_64/coreos/stable',
  '/dev/null',
  '[a-z]*',
  '$HOME',
  '${PWD}',
  '$?',
  '"a b"',
  "'x y'",
  'x\\ y',
  '-',
  '--',
  '-z',
]
const OPS = [
  ' ; ',
  ' && ',
  ' || ',
  ' | ',
  ' > f ',
  ' >> /tmp/f ',
  ' 2>&1 ',
  ' < /etc/hosts ',
  ' 2>/dev/null ',
  ' & ',
  ' ;; ',
  '|',
  '>',
  '<',
]

const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PATHS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"', "'", '\\', '$', '${', '`', '(', ')', '#', '~', '*', '[', '!'),
  },
)
const simple = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      { weight: 60, arbitrary: fc.constantFrom(...COMMANDS) },
      { weight: 1, arbitrary: fc.constantFrom(...RARE) },
    ),
    fc.array(word, { maxLength: 3 }),
  )
  .map(([sudo, cmd, args]) => `${sudo ? 'sudo ' : ''}${cmd} ${args.join(' ')}`)
const grammarLine = fc
  .tuple(simple, fc.array(fc.tuple(fc.constantFrom(...OPS), simple), { maxLength: 2 }))
  .map(([first, rest]) => first + rest.map(([op, s]) => op + s).join(''))
const line = fc.oneof(
  { weight: 6, arbitrary: grammarLine },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...OPS, ...PATHS, ' ', 'ls', 'sudo'), { maxLength: 8 })
      .map((p) => p.join('')),
  },
)

/** What every answer must be; plain checks (not `expect`) so that 100,000 runs stay cheap. */
function checkResult(r: ShellResult, text: string): void {
  const problems: string[] = []
  if (typeof r.output !== 'string') problems.push('output is not a string')
  else {
    if (r.output.length > MAX_OUTPUT_CHARS + 200)
      problems.push(`output of ${r.output.length} chars`)
    let lines = 0
    for (let i = r.output.indexOf('\n'); i >= 0; i = r.output.indexOf('\n', i + 1)) lines++
    if (lines > MAX_OUTPUT + 1) problems.push(`output of ${lines} lines`)
    if (r.output.includes('internal error')) problems.push(r.output)
  }
  if (!Number.isInteger(r.exitCode) || r.exitCode < 0 || r.exitCode > 255)
    problems.push(`status ${r.exitCode}`)
  if (!Array.isArray(r.steps) || r.machine === undefined) problems.push('no steps or machine')
  if (r.state.history.length > 1000) problems.push('history unbounded')
  if (problems.length > 0) throw new Error(`${JSON.stringify(text)}: ${problems.join('; ')}`)
}

const RUNS = Number(process.env.RUNS ?? 100_000)

describe('fuzzing the shell', () => {
  it(`[fuzz] ${RUNS} random command lines: no exception, bounded output, a status in 0..255`, () => {
    let state: ShellState = initialShell()
    let n = 0
    fc.assert(
      fc.property(line, fc.nat(19), (text, pick) => {
        const machine: Machine = pick === 0 ? installed : pick === 1 ? rhcos : running
        const r = runCommand(machine, state, text)
        checkResult(r, text)
        // Keep a little state across runs (cwd, variables), not the machine.
        if (++n % 50 === 0) state = initialShell()
        else state = { ...r.state, history: r.state.history.slice(-20) }
        // Completion on every fifth line, at a cursor anywhere in it.
        if (n % 5 === 0) {
          const c = complete(machine, state, text, pick % Math.max(1, text.length + 1))
          if (c.replaceFrom < 0 || c.candidates.length > 200) throw new Error(`complete ${text}`)
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.SEED ?? 20260105) },
    )
  }, 120_000)

  it('[fuzz] sequences of commands as root keep every invariant of the machine, and steps survive JSON', () => {
    const script = fc.array(
      fc.constantFrom(
        'sudo rpm-ostree upgrade --bypass-driver',
        'sudo systemctl reboot',
        'sudo rpm-ostree rollback',
        'sudo rpm-ostree cleanup -r',
        'sudo rpm-ostree cleanup -p',
        'sudo rpm-ostree kargs --append=x=1',
        'sudo rpm-ostree kargs --delete=x=1',
        'sudo ostree admin pin 1',
        'sudo ostree admin pin -u 1',
        'sudo ostree admin undeploy 1',
        'sudo touch /etc/local.conf',
        'echo x | sudo tee -a /etc/motd',
        'sudo rm -rf /etc/ssh',
        'mkdir -p d/e && echo y > d/e/f && ln -s d/e/f s',
        'rm -r d s',
        'sudo systemctl poweroff',
      ),
      { minLength: 1, maxLength: 10 },
    )
    fc.assert(
      fc.property(script, (lines) => {
        let machine: Machine = running
        let state: ShellState = initialShell()
        for (const text of lines) {
          const r = runCommand(machine, state, text)
          checkResult(r, text)
          for (const step of r.steps) expect(checkInvariants(step.machine)).toEqual([])
          expect(JSON.parse(JSON.stringify(r.steps.at(-1) ?? null))).toEqual(r.steps.at(-1) ?? null)
          machine = r.machine
          state = r.state
        }
      }),
      { numRuns: 80, seed: 7 },
    )
  }, 60_000)
})
