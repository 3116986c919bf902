/**
 * The terminal's scrollback: what was typed after which prompt, and what the machine answered. It
 * is a record of a session, not of the machine, so it survives stepping back and forth; it is
 * bounded, as a terminal's scrollback is.
 */
import type { ShellNotice } from '../../engine'

/** One command line as the terminal shows it. Plain JSON. */
export interface TranscriptEntry {
  id: number
  /** The prompt shown before the line, `[core@coreos ~]$ `. */
  prompt: string
  /** What was typed (with `^C` when it was abandoned). */
  line: string
  /** The machine's answer, as the terminal prints it. */
  output: string
  /** The simulator's own words, translated when shown, each after `line` lines of `output`. */
  notices?: readonly ShellNotice[]
}

/** Lines of scrollback kept, as a terminal keeps a bounded history (xterm's default is 1024). */
export const SCROLLBACK_LINES = 2000

function linesOf(entry: Omit<TranscriptEntry, 'id'>): number {
  let n = 1 + (entry.notices?.length ?? 0)
  for (const c of entry.output) if (c === '\n') n++
  return n
}

/**
 * `entries` with `entry` appended, dropping the oldest entries beyond `limit` lines; an entry
 * longer than the limit on its own keeps its last lines.
 * @example appendEntry([], { id: 1, prompt: '$ ', line: 'ls', output: 'a\n' }).length // 1
 */
export function appendEntry(
  entries: readonly TranscriptEntry[],
  entry: TranscriptEntry,
  limit = SCROLLBACK_LINES,
): TranscriptEntry[] {
  let own = entry
  if (linesOf(own) > limit) {
    const lines = own.output.split('\n')
    const cut = Math.max(0, lines.length - limit + 1 + (own.notices?.length ?? 0))
    const notices = (own.notices ?? [])
      .filter((n) => n.line >= cut)
      .map((n) => ({ ...n, line: n.line - cut }))
    own = { ...own, output: lines.slice(cut).join('\n'), notices }
  }
  const out = [own]
  let total = linesOf(own)
  for (let i = entries.length - 1; i >= 0; i--) {
    const previous = entries[i] as TranscriptEntry
    total += linesOf(previous)
    if (total > limit) break
    out.push(previous)
  }
  return out.reverse()
}
