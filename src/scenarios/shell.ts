/**
 * The shell that a tour's typed lines (and the reader's) run in: the engine's largest part, which
 * a tour's first steps never need. It is loaded on demand (`loadShell`) before anything runs a
 * line, so the engine worker can compute and send a tour's first steps while it downloads.
 */
import type { runCommand } from '../engine/shell/run'

export type ShellRunner = typeof runCommand

let runner: ShellRunner | null = null

/** Loads the shell, once; `shellRunner` works from then on. */
export async function loadShell(): Promise<ShellRunner> {
  return (runner ??= (await import('../engine/shell/run')).runCommand)
}

/** The shell, which `loadShell` must have loaded: a line run before is a mistake of the caller. */
export function shellRunner(): ShellRunner {
  if (runner === null) throw new Error('the shell is not loaded yet (loadShell)')
  return runner
}
