/**
 * A line typed in the terminal, as an action a link can replay: it needs only the shell's starting
 * state, not the engine, so the terminal's panel can make one without loading the engine.
 */
import { initialShell } from '../engine/shell/login'
import type { ShellState } from '../engine/shell/types'
import type { MachineAction } from './types'

/**
 * The action that replays `line` typed in a shell in `state`: only what differs from a fresh
 * login is kept, so the action stays small.
 * @example shellAction('touch x', { ...initialShell(), cwd: '/etc' }) // { type: 'shell', line: 'touch x', cwd: '/etc' }
 */
export function shellAction(line: string, state: ShellState): MachineAction {
  const login = initialShell()
  const sameEnv = JSON.stringify(state.env) === JSON.stringify(login.env)
  return {
    type: 'shell',
    line,
    ...(state.cwd === login.cwd ? {} : { cwd: state.cwd }),
    ...(sameEnv ? {} : { env: state.env }),
  }
}
