/**
 * The shell: a small POSIX-like shell over the same machine every panel shows. A command line goes
 * in; the terminal's text, the exit status, and the engine steps the command caused come out.
 */
export type { ShellNotice, ShellResult, ShellState } from './types'

/**
 * Runs one command line as core (`sudo` for root) on the running machine.
 * @example
 * const r = runCommand(machine, initialShell(), 'ls -li /ostree/deploy/*\/deploy/*\/bin/ls')
 * r.output // '176 -rwxr-xr-x. 3 root root 143368 Jan  1  1970 /ostree/deploy/rhcos/deploy/…/bin/ls\n…'
 * r.steps // [] for a read-only command; `sudo rpm-ostree upgrade` returns the pull and stage steps
 */
export { promptOf, runCommand } from './run'
export { initialShell, shellDown } from './login'

/**
 * Tab completion of commands, subcommands and paths.
 * @example
 * complete(machine, state, 'ls /usr/bi', 10) // { replaceFrom: 3, candidates: ['/usr/bin/'] }
 */
export { complete } from './complete'

/**
 * Lines of terminal output one command line shows at most, the caption keys (with their
 * parameters) of the steps the shell makes itself, and the keys of its notices.
 * @example
 * Object.keys(SHELL_CAPTIONS) // ['step.shell.written', 'step.shell.appended', …]
 * Object.keys(SHELL_NOTICES) // ['shell.off', 'shell.shuttingDown', …]
 */
export { MAX_OUTPUT } from './context'
export { SHELL_CAPTIONS, SHELL_NOTICES } from './captions'
