/**
 * Runs a command line: parse, expand, wire pipes and redirections, run each command with its
 * credentials, and collect what the terminal shows and the steps the machine took.
 */
import type { Machine } from '../types'
import { COMMANDS, BUILTINS } from './commands'
import {
  Ctx,
  MAX_OUTPUT,
  MAX_OUTPUT_CHARS,
  MAX_PIPE_CHARS,
  MAX_PIPE_LINES,
  Sink,
  type Command,
  type Io,
} from './context'
import { expandText, expandWord, globPaths, type ExpandEnv } from './expand'
import { CORE, CORE_HOME, ROOT, allowed, errText, failed, Sys, basenameOf } from './fsview'
import { expandTabs } from './format'
import { getopt, has, value } from './getopt'
import { parse, ParseError, type Pipeline, type SimpleCommand } from './parse'
import { changeFile } from './writes'
import { initialShell, shellDown } from './login'
import type { ShellResult, ShellState } from './types'

const MAX_HISTORY = 1000

/** The prompt bash shows before a command: `[core@coreos ~]$ `. */
export function promptOf(machine: Machine, state: ShellState): string {
  const host = new Sys(machine).hostname().split('.')[0] as string
  const home = state.env.HOME ?? CORE_HOME
  const dir = state.cwd === home ? '~' : state.cwd === '/' ? '/' : basenameOf(state.cwd)
  return `[core@${host} ${dir}]$ `
}

export function runCommand(machine: Machine, state: ShellState, line: string): ShellResult {
  const trimmed = line.trim()
  const history =
    trimmed === ''
      ? state.history
      : [...state.history, line.replace(/\n+$/, '')].slice(-MAX_HISTORY)
  const base: ShellState = { ...state, history }
  try {
    return run(machine, base, line)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return {
      output: '',
      exitCode: 1,
      steps: [],
      machine,
      state: base,
      notices: [{ line: 0, message: { key: 'shell.internalError', params: { message } } }],
    }
  }
}

function run(machine: Machine, state: ShellState, line: string): ShellResult {
  const down = shellDown(machine)
  if (down !== null) {
    const clear = /^\s*clear\s*$/.test(line)
    const quiet = clear || line.trim() === ''
    return {
      output: '',
      exitCode: quiet ? 0 : 255,
      steps: [],
      machine,
      state,
      ...(clear ? { clear: true as const } : {}),
      ...(quiet ? {} : { notices: [{ line: 0, message: down }] }),
    }
  }
  const ctx = new Ctx(machine, state)
  // sshd leaves a login whose home does not exist in /.
  if (ctx.cwd === (ctx.state.env.HOME ?? CORE_HOME)) {
    const home = ctx.sys.resolve(ctx.cwd, true, CORE)
    if (failed(home) || home.inode.kind !== 'dir') ctx.state = { ...ctx.state, cwd: '/' }
  }
  const term = new Sink(MAX_OUTPUT, MAX_OUTPUT_CHARS)
  ctx.terminalLines = () => term.lines
  let status: number
  try {
    status = runScript(ctx, line, { out: term, err: term, tty: true })
  } catch (e) {
    if (!(e instanceof ParseError)) throw e
    term.write(`${e.message}\n`)
    status = 2
    ctx.state.env['?'] = '2'
  }
  const output = expandTabs(term.text())
  if (term.dropped > 0) ctx.notice('shell.outputCut', { count: term.dropped })
  let next: ShellState = ctx.state
  if (ctx.relogin) next = { ...initialShell(), history: ctx.state.history }
  return {
    output,
    exitCode: status,
    steps: ctx.steps,
    machine: ctx.m,
    state: next,
    ...(ctx.clear ? { clear: true as const } : {}),
    ...(ctx.notices.length > 0 ? { notices: ctx.notices } : {}),
  }
}

/** Where a command line's output goes: the terminal, or the buffers of `sh -c`. */
interface Streams {
  out: Sink
  err: Sink
  /** `out` is the terminal. */
  tty: boolean
}

function runScript(ctx: Ctx, line: string, streams: Streams): number {
  let status = Number(ctx.state.env['?'] ?? '0') || 0
  for (const andOr of parse(line)) {
    status = runPipeline(ctx, andOr.first, streams)
    ctx.state.env['?'] = String(status)
    for (const { op, pipeline } of andOr.rest) {
      if (ctx.ended) break
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue
      status = runPipeline(ctx, pipeline, streams)
      ctx.state.env['?'] = String(status)
    }
    if (ctx.ended) break
  }
  return status
}

function runPipeline(ctx: Ctx, pipeline: Pipeline, streams: Streams): number {
  let input: string | null = null
  let status = 0
  pipeline.commands.forEach((cmd, i) => {
    if (ctx.ended) return
    const last = i === pipeline.commands.length - 1
    const pipe = last ? null : new Sink(MAX_PIPE_LINES, MAX_PIPE_CHARS)
    status = runSimple(ctx, cmd, input, pipe, streams)
    input = pipe === null ? null : pipe.text()
  })
  return pipeline.negate ? (status === 0 ? 1 : 0) : status
}

function expandEnv(ctx: Ctx): ExpandEnv {
  return {
    vars: { ...ctx.state.env, PWD: ctx.cwd },
    home: (user) => {
      if (user === 'root') return '/root'
      return ctx.sys.users().find((u) => u.name === user)?.home ?? null
    },
  }
}

type Target =
  | { kind: 'sink'; sink: Sink }
  | { kind: 'file'; path: string; sink: Sink; append: boolean }
  | { kind: 'null' }

function runSimple(
  ctx: Ctx,
  cmd: SimpleCommand,
  stdin: string | null,
  pipe: Sink | null,
  streams: Streams,
): number {
  const term = streams.err
  const shell = ctx.shellCred
  ctx.cred = shell
  const env = expandEnv(ctx)
  const glob = (pattern: string): string[] | null => globPaths(ctx.sys, shell, ctx.cwd, pattern)
  const args: string[] = []
  for (const word of cmd.words) args.push(...expandWord(word, env, glob))

  // Redirections, in order, opened by the shell itself (as core, even before sudo).
  const fds = new Map<number, Target>([
    [1, { kind: 'sink', sink: pipe ?? streams.out }],
    [2, { kind: 'sink', sink: streams.err }],
  ])
  const files: Extract<Target, { kind: 'file' }>[] = []
  let input = stdin
  let inputIsFile = false
  for (const r of cmd.redirects) {
    const target = expandText(r.target, env)
    if (r.op === '>&') {
      if (target === '-') {
        fds.set(r.fd, { kind: 'null' })
        continue
      }
      const from = /^[0-9]+$/.test(target) ? fds.get(Number(target)) : undefined
      if (from === undefined) {
        term.write(`bash: ${target}: Bad file descriptor\n`)
        return 1
      }
      fds.set(r.fd, from)
      continue
    }
    if (target === '') {
      term.write(`bash: ${r.target.raw}: ambiguous redirect\n`)
      return 1
    }
    if (r.op === '<') {
      if (target === '/dev/null') {
        input = ''
        continue
      }
      const node = ctx.sys.resolve(ctx.abs(target), true, shell)
      if (failed(node)) {
        term.write(`bash: ${target}: ${errText(node.error)}\n`)
        return 1
      }
      if (node.inode.kind === 'dir') {
        term.write(`bash: ${target}: Is a directory\n`)
        return 1
      }
      if (!allowed(shell, node.inode, 4)) {
        term.write(`bash: ${target}: Permission denied\n`)
        return 1
      }
      input = node.inode.kind === 'file' ? node.inode.data : ''
      inputIsFile = true
      continue
    }
    if (target === '/dev/null') {
      fds.set(r.fd, { kind: 'null' })
      continue
    }
    // Would opening it for writing work? (The change is pure: try it and keep only the verdict.)
    const trial = openRefusal(ctx, target)
    if (trial !== null) {
      term.write(`bash: ${target}: ${trial}\n`)
      return 1
    }
    const file = {
      kind: 'file' as const,
      path: target,
      sink: new Sink(MAX_PIPE_LINES, MAX_PIPE_CHARS),
      append: r.op === '>>',
    }
    files.push(file)
    fds.set(r.fd, file)
  }

  if (args.length === 0) {
    for (const { name, value: word } of cmd.assigns) ctx.state.env[name] = expandText(word, env)
    return flushFiles(ctx, files, term, 0)
  }

  const sinkOf = (fd: number): ((text: string) => void) => {
    const t = fds.get(fd)
    if (t === undefined || t.kind === 'null') return () => undefined
    return (text) => t.sink.write(text)
  }
  const outTarget = fds.get(1)
  const io: Io = {
    stdin: input,
    stdinIsFile: inputIsFile,
    out: sinkOf(1),
    err: sinkOf(2),
    tty: streams.tty && outTarget?.kind === 'sink' && outTarget.sink === streams.out,
    full: () => outTarget !== undefined && outTarget.kind !== 'null' && outTarget.sink.full,
  }
  const status = exec(ctx, args, io)
  return flushFiles(ctx, files, term, status)
}

/** Why the shell could not open `target` for writing, or null: a pure trial of the write. */
function openRefusal(ctx: Ctx, target: string): string | null {
  const path = ctx.abs(target)
  const node = ctx.sys.resolve(path, true, ctx.shellCred)
  if (!failed(node) && node.inode.kind === 'dir') return 'Is a directory'
  const probe = changeFile(ctx.m, ctx.shellCred, path, { kind: 'write', data: '', append: true })
  return probe.error === undefined ? null : errText(probe.error.errno)
}

function flushFiles(
  ctx: Ctx,
  files: Extract<Target, { kind: 'file' }>[],
  term: Sink,
  status: number,
): number {
  for (const file of files) {
    if (ctx.ended) break
    const data = file.sink.text()
    if (file.append && data === '') {
      const exists = ctx.sys.resolve(ctx.abs(file.path), true, ctx.shellCred)
      if (!failed(exists)) continue
    }
    const result = ctx.change(
      file.path,
      { kind: 'write', data, append: file.append },
      ctx.shellCred,
    )
    if (result.error !== undefined) {
      term.write(`bash: ${file.path}: ${errText(result.error.errno)}\n`)
      status = 1
    }
  }
  return status
}

/** Nesting of `sh -c` inside `sh -c`, at most. */
const MAX_DEPTH = 8

/**
 * `sh -c 'command line'` and `bash -c ...`: the line runs in a child shell with the same
 * credentials as the caller (so `sudo sh -c 'echo x > /etc/f'` writes as root). Variables and `cd`
 * do not come back; output goes where the caller's goes.
 */
function subshell(ctx: Ctx, name: string, args: string[], io: Io): number {
  if (args[0] !== '-c') {
    ctx.notice('shell.notSimulated.interactive', { name })
    return 1
  }
  const line = args[1]
  if (line === undefined) {
    io.err(`${name}: -c: option requires an argument\n`)
    return 2
  }
  if (ctx.depth >= MAX_DEPTH) {
    io.err(`${name}: too many nested shells\n`)
    return 1
  }
  const saved = ctx.state
  ctx.state = { ...saved, env: { ...saved.env } }
  const streams: Streams = {
    out: new Sink(MAX_PIPE_LINES, MAX_PIPE_CHARS),
    err: new Sink(MAX_PIPE_LINES, MAX_PIPE_CHARS),
    tty: io.tty,
  }
  ctx.depth++
  let status: number
  try {
    status = runScript(ctx, line, streams)
  } catch (e) {
    if (!(e instanceof ParseError)) throw e
    streams.err.write(`${e.message.replace(/^bash:/, `${name}: -c: line 1:`)}\n`)
    status = 2
  } finally {
    ctx.depth--
    ctx.state = saved
    if (ctx.subshellExit) {
      ctx.subshellExit = false
      ctx.ended = false
    }
  }
  io.err(streams.err.text())
  io.out(streams.out.text())
  return status
}

const SUDO_USAGE = [
  'usage: sudo -h | -K | -k | -V',
  'usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]',
  'usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]',
  'usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]',
  'usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...',
  '',
].join('\n')

/** Runs one command (after expansion and redirection). */
export function exec(ctx: Ctx, args: string[], io: Io): number {
  const [name, ...rest] = args as [string, ...string[]]
  if (name === 'sudo') return sudo(ctx, rest, io)
  if (name === 'sh' || name === 'bash') return subshell(ctx, name, rest, io)
  const fn = lookup(ctx, name, io, false)
  if (typeof fn === 'number') return fn
  ctx.name = baseName(name)
  return fn(ctx, rest, io)
}

function baseName(path: string): string {
  const parts = path.split('/').filter((p) => p !== '')
  return parts[parts.length - 1] ?? path
}

/** The command a name runs, or the status of the error already printed. */
function lookup(ctx: Ctx, name: string, io: Io, viaSudo: boolean): Command | number {
  const prefix = viaSudo ? 'sudo' : 'bash'
  if (name.includes('/')) {
    const node = ctx.sys.resolve(ctx.abs(name), true, ctx.cred)
    if (failed(node)) {
      io.err(
        viaSudo ? `sudo: ${name}: command not found\n` : `bash: ${name}: ${errText(node.error)}\n`,
      )
      return viaSudo ? 1 : 127
    }
    if (node.inode.kind === 'dir') {
      io.err(`${prefix}: ${name}: Is a directory\n`)
      return viaSudo ? 1 : 126
    }
    if (!allowed(ctx.cred, node.inode, 1)) {
      io.err(`${prefix}: ${name}: Permission denied\n`)
      return viaSudo ? 1 : 126
    }
    const fn = COMMANDS[baseName(name)]
    if (fn === undefined || BUILTINS.has(baseName(name))) {
      ctx.notice('shell.notSimulated.program', { prefix, name })
      return 126
    }
    return fn
  }
  const fn = commandOf(name)
  if (fn === undefined && NOT_SIMULATED.has(name)) {
    ctx.notice('shell.notSimulated.command', { prefix, name })
    return viaSudo ? 1 : 127
  }
  if (fn === undefined || (viaSudo && BUILTINS.has(name))) {
    io.err(`${prefix}: ${name}: command not found\n`)
    return viaSudo ? 1 : 127
  }
  return fn
}

/** Programs a CoreOS machine has that the shell does not simulate: said so, not "not found". */
const NOT_SIMULATED = new Set(
  (
    'vi vim nano less more sed awk gawk sort uniq cut tr xargs cp mv dd diff cmp tar gzip xz ' +
    'zcat which file chown chgrp date sleep free ps top kill pkill ip ss ping curl wget ssh scp ' +
    'podman skopeo toolbox crictl hostnamectl timedatectl localectl loginctl systemd-analyze ' +
    'lsblk blkid lsattr chattr umount dmesg coreos-installer ignition zincati bootupctl ' +
    'rdcore nmcli su passwd useradd usermod groupadd dnf yum'
  ).split(' '),
)

function commandOf(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
}

function sudo(ctx: Ctx, args: string[], io: Io): number {
  const parsed = getopt('sudo', args, {
    short: 'u:isEHnkSbAPl',
    long: {
      user: { key: 'u', value: true },
      login: { key: 'i', value: false },
      shell: { key: 's', value: false },
      'preserve-env': { key: 'E', value: false },
      'non-interactive': { key: 'n', value: false },
    },
    stopAtOperand: true,
  })
  if ('error' in parsed) {
    io.err(`${parsed.error}\n${SUDO_USAGE}`)
    return 1
  }
  const user = value(parsed, 'u')
  if (user !== undefined && user !== 'root' && user !== '#0') {
    ctx.notice('shell.notSimulated.sudoUser', { command: parsed.operands.join(' ') })
    return 1
  }
  if (has(parsed, 'i') || has(parsed, 's')) {
    ctx.notice('shell.notSimulated.sudoShell')
    return 1
  }
  if (parsed.operands.length === 0) {
    io.err(SUDO_USAGE)
    return 1
  }
  const [name, ...rest] = parsed.operands as [string, ...string[]]
  if (name === 'sudo') return sudo(ctx, rest, io)
  if (name === 'sh' || name === 'bash') {
    const savedShell = ctx.shellCred
    ctx.shellCred = ROOT
    try {
      return subshell(ctx, name, rest, io)
    } finally {
      ctx.shellCred = savedShell
      ctx.cred = savedShell
    }
  }
  const saved = ctx.cred
  ctx.cred = ROOT
  try {
    const fn = lookup(ctx, name, io, true)
    if (typeof fn === 'number') return fn
    ctx.name = baseName(name)
    return fn(ctx, rest, io)
  } finally {
    ctx.cred = saved
  }
}
