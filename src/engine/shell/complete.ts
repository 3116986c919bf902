/**
 * Tab completion, as bash with bash-completion does the common cases: the first word completes to
 * a command, later words to paths (directories get a trailing slash), and the subcommands of
 * ostree, rpm-ostree and systemctl complete from their lists.
 */
import type { Machine } from '../types'
import { COMMANDS } from './commands'
import { expandText } from './expand'
import { allowed, CORE, failed, joinPath, Sys } from './fsview'
import { tokenize } from './parse'
import type { ShellState } from './types'

const SUBCOMMANDS: Record<string, string[]> = {
  ostree: ['admin', 'log', 'refs'],
  'ostree admin': ['config-diff', 'pin', 'status', 'undeploy'],
  'rpm-ostree': ['cleanup', 'kargs', 'rollback', 'status', 'upgrade'],
  systemctl: ['is-active', 'poweroff', 'reboot', 'status'],
  sudo: [],
}

const MAX_CANDIDATES = 200

export function complete(
  machine: Machine,
  state: ShellState,
  line: string,
  cursor: number,
): { replaceFrom: number; candidates: string[] } {
  try {
    return completeAt(machine, state, line, Math.max(0, Math.min(cursor, line.length)))
  } catch {
    return { replaceFrom: cursor, candidates: [] }
  }
}

function completeAt(
  machine: Machine,
  state: ShellState,
  line: string,
  cursor: number,
): { replaceFrom: number; candidates: string[] } {
  const before = line.slice(0, cursor)
  // The word under the cursor starts after the last unquoted blank or operator.
  let start = cursor
  while (start > 0 && !' \t;&|<>'.includes(before[start - 1] as string)) start--
  const word = before.slice(start)
  const head = before.slice(0, start)
  // Words already typed in this command (after the last operator).
  const segment = head.split(/[;&|]/).pop() ?? ''
  let words: string[]
  try {
    words = tokenize(segment)
      .filter((t) => t.kind === 'word')
      .map((t) =>
        t.kind === 'word' ? expandText(t.word, { vars: state.env, home: () => null }) : '',
      )
  } catch {
    words = segment
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
  }
  if (words[0] === 'sudo') words = words.slice(1)
  if (words.length === 0 && !word.includes('/')) {
    const names = Object.keys(COMMANDS).filter((n) => n.startsWith(word))
    if (head.trim() === '' || head.trim().endsWith('sudo') || /[;&|]\s*$/.test(head))
      return {
        replaceFrom: start,
        candidates: names
          .sort()
          .slice(0, MAX_CANDIDATES)
          .map((n) => `${n} `),
      }
  }
  const key = words.join(' ')
  const subs = SUBCOMMANDS[key]
  if (subs !== undefined && subs.length > 0 && !word.startsWith('-')) {
    const hits = subs.filter((s) => s.startsWith(word))
    if (hits.length > 0) return { replaceFrom: start, candidates: hits.map((s) => `${s} `) }
  }
  return { replaceFrom: start, candidates: completePath(machine, state, word) }
}

function completePath(machine: Machine, state: ShellState, word: string): string[] {
  const sys = new Sys(machine)
  const home = state.env.HOME ?? '/var/home/core'
  const typed = word.startsWith('~') ? home + word.slice(1) : word
  const slash = typed.lastIndexOf('/')
  const dirPart = slash < 0 ? '' : typed.slice(0, slash + 1)
  const prefix = slash < 0 ? typed : typed.slice(slash + 1)
  const dirPath = dirPart === '' ? state.cwd : joinPath(state.cwd, dirPart)
  const dir = sys.resolve(dirPath, true, CORE)
  if (failed(dir) || dir.inode.kind !== 'dir' || !allowed(CORE, dir.inode, 4)) return []
  const shownDir = word.startsWith('~') ? `~${dirPart.slice(home.length)}` : dirPart
  const out: string[] = []
  for (const name of sys.names(dir)) {
    if (!name.startsWith(prefix)) continue
    if (name.startsWith('.') && !prefix.startsWith('.')) continue
    const child = sys.resolve(joinPath(dirPath, name), true, CORE)
    const isDir = !failed(child) && child.inode.kind === 'dir'
    out.push(`${shownDir}${escape(name)}${isDir ? '/' : ' '}`)
    if (out.length >= MAX_CANDIDATES) break
  }
  return out
}

function escape(name: string): string {
  return name.replace(/([\s'"\\$`*?[\]()&;|<>!#~])/g, '\\$1')
}
