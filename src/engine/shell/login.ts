/**
 * A shell session before any command runs: the login's state, and why no shell may answer. Kept
 * apart from the commands so the page can show a terminal without loading them.
 */
import type { Machine, Message } from '../types'
import type { ShellState } from './types'

/** The home directory of `core`, the user CoreOS logs in (its homes live under /var). */
export const CORE_HOME = '/var/home/core'

/** A fresh login as core: in the home directory, with the login environment. */
export function initialShell(): ShellState {
  return { cwd: CORE_HOME, user: 'core', history: [], env: loginEnv() }
}

function loginEnv(): Record<string, string> {
  return {
    HOME: CORE_HOME,
    USER: 'core',
    LOGNAME: 'core',
    SHELL: '/bin/bash',
    PATH: `${CORE_HOME}/.local/bin:${CORE_HOME}/bin:/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin`,
    PWD: CORE_HOME,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    '?': '0',
  }
}

/**
 * Why no shell answers (a notice of the simulator), or null when the machine is up.
 * @example shellDown(offMachine) // { key: 'shell.off' }
 */
export function shellDown(m: Machine): Message | null {
  if (m.power !== 'on' || m.runtime === null) return { key: 'shell.off' }
  if (m.runtime.phase === 'shutdown') return { key: 'shell.shuttingDown' }
  if (m.runtime.phase !== 'running')
    return { key: 'shell.booting', params: { phase: m.runtime.phase } }
  if (m.runtime.booted === null) return { key: 'shell.noDeployment' }
  return null
}
