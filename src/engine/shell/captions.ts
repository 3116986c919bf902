/**
 * The caption keys of the steps the shell makes itself, with their parameters. Their texts live in
 * the locale files (`step.shell.*`); writes in /etc use `editEtc`'s own `step.etc.*` keys, and the
 * kargs staging reuses the engine's `step.stage.*` and `step.deploy.*` keys.
 */
export const SHELL_CAPTIONS = {
  'step.shell.written': ['path'],
  'step.shell.appended': ['path'],
  'step.shell.created': ['path'],
  'step.shell.touched': ['path'],
  'step.shell.mkdir': ['path'],
  'step.shell.removed': ['path', 'count'],
  'step.shell.chmod': ['path', 'mode'],
  'step.shell.symlink': ['path', 'target'],
  'step.shell.linked': ['path', 'source'],
  'step.shell.kargs': ['change'],
} as const satisfies Record<string, readonly string[]>

export type ShellCaptionKey = keyof typeof SHELL_CAPTIONS

/**
 * The keys of the shell's notices (`ShellNotice`), with their parameters: the simulator speaking
 * for itself in the terminal, in the reader's language. What the real tools print stays in the
 * output, in English, as they print it.
 */
export const SHELL_NOTICES = {
  'shell.off': [],
  'shell.shuttingDown': [],
  'shell.booting': ['phase'],
  'shell.noDeployment': [],
  'shell.internalError': ['message'],
  'shell.outputCut': ['count'],
  'shell.help': [],
  'shell.notSimulated.program': ['prefix', 'name'],
  'shell.notSimulated.command': ['prefix', 'name'],
  'shell.notSimulated.interactive': ['name'],
  'shell.notSimulated.sudoUser': ['command'],
  'shell.notSimulated.sudoShell': [],
  'shell.notSimulated.env': ['command'],
  'shell.notSimulated.hostname': [],
  'shell.notSimulated.follow': ['name'],
  'shell.notSimulated.lnMany': [],
  'shell.notSimulated.mount': [],
  'shell.notSimulated.systemctlStatus': [],
  'shell.notSimulated.systemctlList': [],
  'shell.notSimulated.systemctlVerb': ['verb'],
  'shell.notSimulated.journalMatch': ['match'],
  'shell.notSimulated.rpmOperation': [],
  'shell.notSimulated.rpmQuery': [],
} as const satisfies Record<string, readonly string[]>

export type ShellNoticeKey = keyof typeof SHELL_NOTICES
