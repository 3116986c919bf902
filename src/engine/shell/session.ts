/**
 * Runs command lines one after the other, as a person types them in one terminal session, for tests
 * and examples: each line starts from the machine and shell state the previous one left.
 */
import { initialShell } from './login'
import { runCommand } from './run'
import type { ShellResult, ShellState } from './types'
import type { Machine, Step } from '../types'

export function session(
  start: Machine,
  ...lines: string[]
): ShellResult & { all: string; allSteps: Step[] } {
  let machine = start
  let state: ShellState = initialShell()
  let last: ShellResult | null = null
  let all = ''
  const allSteps: Step[] = []
  for (const line of lines) {
    last = runCommand(machine, state, line)
    all += last.output
    allSteps.push(...last.steps)
    machine = last.machine
    state = last.state
  }
  return { ...(last as ShellResult), all, allSteps }
}
