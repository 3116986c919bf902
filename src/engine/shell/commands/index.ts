/** Every command the shell knows, by name. */
import type { Command } from '../context'
import { BASIC, BUILTIN_NAMES } from './basic'
import { EDIT } from './edit'
import { FILES } from './files'
import { OSTREE } from './ostree'
import { SYSTEM } from './system'
import { TEXT } from './text'

export const COMMANDS: Record<string, Command> = {
  ...BASIC,
  ...FILES,
  ...TEXT,
  ...EDIT,
  ...SYSTEM,
  ...OSTREE,
}

/** Bash builtins: not programs, so `sudo` cannot run them. */
export const BUILTINS: ReadonlySet<string> = BUILTIN_NAMES
