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
