/**
 * The shapes of the shell: its state between command lines (plain JSON, kept by the caller) and
 * what one command line gives back.
 */
import type { Machine, Message, Step } from '../types'

/** What the shell remembers between two command lines. Plain JSON. */
export interface ShellState {
  /** The logical working directory, as `pwd` prints it (`/home/core` stays `/home/core`). */
  cwd: string
  user: 'core'
  /** Command lines typed so far, oldest first (bounded). */
  history: string[]
  /** Shell variables (`$HOME`, `$PATH`, `$?`...). */
  env: Record<string, string>
}

export interface ShellResult {
  /** What the terminal prints: stdout and stderr interleaved as a person sees them, bounded. */
  output: string
  exitCode: number
  /** Engine steps the command caused (empty for read-only commands), in order. */
  steps: Step[]
  /** The machine after the command: the last step's, or the input if there is none. */
  machine: Machine
  state: ShellState
  /** `clear` (or Ctrl-L): the terminal wipes its screen. */
  clear?: true
  /**
   * The simulator's own words, not the machine's: what it does not simulate, why no shell answers.
   * The site translates them; each goes after `line` lines of `output`. Absent: none.
   */
  notices?: ShellNotice[]
}

/** A message of the simulator in the terminal, after `line` lines of the output (`SHELL_NOTICES`). */
export interface ShellNotice {
  line: number
  message: Message
}

/** Who runs a command: core, or root through sudo. */
export interface Cred {
  uid: number
  gid: number
  /** Supplementary groups, in the order `id` prints them. */
  groups: number[]
}
