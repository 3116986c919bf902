/**
 * What a command runs with: the machine as it stands (commands that change it add steps), the
 * shell's state, the credentials (core, or root under sudo), and its standard streams.
 */
import type { Machine, Step } from '../types'
import type { ShellNoticeKey } from './captions'
import { CORE, ROOT, Sys, joinPath } from './fsview'
import { changeFile, type ChangeResult, type FileChange } from './writes'
import type { Cred, ShellNotice, ShellState } from './types'

/** Lines the terminal shows for one command line at most; the rest is cut with a notice. */
export const MAX_OUTPUT = 5000
/** Characters of terminal output at most (a few very long lines count too). */
export const MAX_OUTPUT_CHARS = 400_000
/** What a pipe holds at most between two commands. */
export const MAX_PIPE_LINES = 250_000
export const MAX_PIPE_CHARS = 16_000_000

/** Where a stream's text goes, bounded. */
export class Sink {
  private parts: string[] = []
  lines = 0
  chars = 0
  dropped = 0
  private cut = false

  constructor(
    private readonly maxLines: number,
    private readonly maxChars: number,
  ) {}

  get full(): boolean {
    return this.cut
  }

  write(text: string): void {
    if (text === '') return
    if (this.cut) {
      this.dropped += countLines(text)
      return
    }
    const newlines = countNewlines(text)
    if (this.lines + newlines < this.maxLines && this.chars + text.length <= this.maxChars) {
      this.parts.push(text)
      this.lines += newlines
      this.chars += text.length
      return
    }
    // Keep what fits, line by line.
    let kept = 0
    let at = 0
    while (at < text.length && this.lines < this.maxLines) {
      const nl = text.indexOf('\n', at)
      const end = nl < 0 ? text.length : nl + 1
      if (this.chars + (end - at) > this.maxChars) break
      this.chars += end - at
      if (nl >= 0) this.lines++
      kept = end
      at = end
    }
    if (kept > 0) this.parts.push(text.slice(0, kept))
    this.dropped += countLines(text.slice(kept))
    this.cut = true
  }

  text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')]
    return this.parts[0] ?? ''
  }
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}

function countLines(text: string): number {
  if (text === '') return 0
  return countNewlines(text) + (text.endsWith('\n') ? 0 : 1)
}

/** A command's standard streams. */
export interface Io {
  /** Standard input: piped or redirected text, or null for the terminal (nothing typed ahead). */
  stdin: string | null
  /** Standard input is a regular file (`< file`), whose size is known in advance. */
  stdinIsFile?: boolean
  out(text: string): void
  err(text: string): void
  /** Standard output is the terminal (ls prints columns, not one name per line). */
  tty: boolean
  /** Standard output can take no more: long-running commands stop early. */
  full(): boolean
}

export type Command = (ctx: Ctx, args: string[], io: Io) => number

/** The shell session while one command line runs. */
export class Ctx {
  m: Machine
  sys: Sys
  readonly steps: Step[] = []
  state: ShellState
  cred: Cred = CORE
  /** Who the shell itself runs as: core, or root inside `sudo sh -c`. Redirections open as it. */
  shellCred: Cred = CORE
  /** The name the command was called by, for messages (`ls: cannot access ...`). */
  name = ''
  clear = false
  /** The SSH session is gone (reboot, poweroff, logout): nothing more runs. */
  ended = false
  /** Set by a command that ran in a new boot: the next prompt is a fresh login. */
  relogin = false
  /** How deep in `sh -c` the command runs. */
  depth = 0
  /** `exit` ran inside `sh -c`: that shell stops, the session goes on. */
  subshellExit = false
  /** The simulator's own words for this command line, in order (`notice`). */
  readonly notices: ShellNotice[] = []
  /** Lines the terminal has shown so far in this command line: where a notice goes. */
  terminalLines: () => number = () => 0

  constructor(m: Machine, state: ShellState) {
    this.m = m
    this.sys = new Sys(m)
    this.state = { ...state, env: { ...state.env }, history: state.history }
  }

  /**
   * The simulator speaks for itself (what it does not simulate): a message the site translates,
   * shown in the terminal where the command's output has got to. It goes past redirections and
   * pipes, which carry only what the machine prints.
   */
  notice(key: ShellNoticeKey, params?: Record<string, string | number>): void {
    const message = params === undefined ? { key } : { key, params }
    this.notices.push({ line: this.terminalLines(), message })
  }

  get isRoot(): boolean {
    return this.cred.uid === 0
  }

  get cwd(): string {
    return this.state.cwd
  }

  /** An argument as an absolute path, relative ones from the working directory. */
  abs(path: string): string {
    return joinPath(this.state.cwd, path)
  }

  /** Records engine steps: the machine moves on to the last one's. */
  apply(steps: Step[]): void {
    const kept = steps.filter(
      (s) => s.event.type !== 'command/failed' && s.event.type !== 'deployment/pinUnchanged',
    )
    if (kept.length === 0) return
    this.steps.push(...kept)
    this.m = (kept[kept.length - 1] as Step).machine
    this.sys = new Sys(this.m)
  }

  /** A file change as the current user; its steps are recorded, a refusal returned. */
  change(path: string, change: FileChange, cred: Cred = this.cred): ChangeResult {
    const result = changeFile(this.m, cred, this.abs(path), change)
    this.apply(result.steps)
    return result
  }

  asRoot<T>(run: () => T): T {
    const saved = this.cred
    this.cred = ROOT
    try {
      return run()
    } finally {
      this.cred = saved
    }
  }
}
