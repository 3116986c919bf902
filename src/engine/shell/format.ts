/**
 * Text formats shared by the commands: coreutils' mode strings, dates and human sizes, `ls`
 * columns, GLib's `g_format_size`, and the terminal's tab stops.
 */
import { civilFromDays } from '../status'
import type { Inode } from '../types'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']

export function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** Calendar fields of a UTC time (CoreOS ships /etc/localtime -> UTC). */
export function utcFields(seconds: number): {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: string
} {
  const days = Math.floor(seconds / 86400)
  const rest = seconds - days * 86400
  const [year, month, day] = civilFromDays(days)
  return {
    year,
    month,
    day,
    hour: Math.floor(rest / 3600),
    minute: Math.floor((rest % 3600) / 60),
    second: rest % 60,
    weekday: DAYS[((days % 7) + 7) % 7] as string,
  }
}

/** Half a Gregorian year: coreutils' limit for showing the time instead of the year. */
const SIX_MONTHS = 31556952 / 2

/**
 * `ls -l` time in the C locale: `Nov 20 14:31` within the past six months, `Jan  1  1970` otherwise
 * (coreutils ls.c, long_time_format). A file written at this very second counts as recent.
 */
export function lsTime(mtime: number, now: number): string {
  const t = utcFields(mtime)
  const month = MONTHS[t.month - 1] as string
  const day = String(t.day).padStart(2, ' ')
  const recent = now - SIX_MONTHS < mtime && mtime <= now
  return recent ? `${month} ${day} ${pad2(t.hour)}:${pad2(t.minute)}` : `${month} ${day}  ${t.year}`
}

/** `stat`'s `2023-11-21 16:48:35.000000000 +0000`. */
export function statTime(seconds: number): string {
  const t = utcFields(seconds)
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}.000000000 +0000`
}

/** journalctl's short format: `Nov 21 19:48:39`. */
export function journalTime(seconds: number): string {
  const t = utcFields(seconds)
  return `${MONTHS[t.month - 1]} ${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`
}

/** systemctl's `Tue 2023-11-21 19:48:39 UTC`. */
export function systemdTime(seconds: number): string {
  const t = utcFields(seconds)
  return `${t.weekday} ${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} UTC`
}

/** `drwxr-xr-x`, with the setuid, setgid and sticky letters (coreutils filemodestring). */
export function modeString(inode: Inode): string {
  const type = inode.kind === 'dir' ? 'd' : inode.kind === 'symlink' ? 'l' : '-'
  const m = inode.kind === 'symlink' ? 0o777 : inode.mode
  const bit = (mask: number, c: string): string => (m & mask ? c : '-')
  const special = (exec: number, flag: number, on: string, off: string): string =>
    m & flag ? (m & exec ? on : off) : m & exec ? 'x' : '-'
  return (
    type +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(0o100, 0o4000, 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(0o010, 0o2000, 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(0o001, 0o1000, 't', 'T')
  )
}

/**
 * coreutils' human-readable sizes (`ls -h`, `du -h`, `df -h`): powers of 1024, rounded up, one
 * decimal below 10 (`4.0K`, `1.5M`, `13K`); plain bytes below 1024.
 */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(Math.max(0, Math.ceil(bytes)))
  const units = ['K', 'M', 'G', 'T', 'P', 'E']
  let exp = 0
  let scaled = bytes / 1024
  while (scaled >= 1024 && exp < units.length - 1) {
    scaled /= 1024
    exp++
  }
  if (scaled < 10) {
    const tenths = Math.ceil(scaled * 10 - 1e-9)
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${units[exp]}`
    return `10${units[exp]}`
  }
  const whole = Math.ceil(scaled - 1e-9)
  if (whole >= 1024 && exp < units.length - 1) return `1.0${units[exp + 1]}`
  return `${whole}${units[exp]}`
}

/** GLib's `g_format_size`: decimal units with one decimal (`198.3 MB`), `N bytes` below 1000. */
export function gFormatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`
  const units = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB']
  let value = bytes / 1000
  let i = 0
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000
    i++
  }
  return `${value.toFixed(1)} ${units[i]}`
}

/**
 * `ls -C`: names down columns, as many columns as fit in `width` (coreutils ls.c,
 * calculate_columns and print_many_per_line), two spaces at least between columns. Coreutils pads
 * with tabs where they fit; the terminal shows the same columns, which is what this returns.
 */
export function columns(names: string[], width = 80): string {
  const n = names.length
  if (n === 0) return ''
  const lengths = names.map(displayWidth)
  const maxCols = Math.max(1, Math.min(n, Math.floor(width / 3)))
  let cols = 1
  for (let c = maxCols; c >= 1; c--) {
    const rows = Math.ceil(n / c)
    const widths: number[] = []
    let total = 0
    for (let i = 0; i < n; i++) {
      const col = Math.floor(i / rows)
      const w = (lengths[i] as number) + (col === c - 1 ? 0 : 2)
      if ((widths[col] ?? 0) < w) {
        total += w - (widths[col] ?? 0)
        widths[col] = w
      }
    }
    if (total < width || c === 1) {
      cols = c
      break
    }
  }
  const rows = Math.ceil(n / cols)
  const colWidths: number[] = []
  for (let i = 0; i < n; i++) {
    const col = Math.floor(i / rows)
    colWidths[col] = Math.max(colWidths[col] ?? 0, (lengths[i] as number) + 2)
  }
  let out = ''
  for (let r = 0; r < rows; r++) {
    let line = ''
    for (let col = 0; ; col++) {
      const i = col * rows + r
      if (i >= n) break
      const name = names[i] as string
      const next = (col + 1) * rows + r
      line +=
        next < n ? name + ' '.repeat((colWidths[col] as number) - (lengths[i] as number)) : name
    }
    out += line + '\n'
  }
  return out
}

/** Terminal columns a string takes (every code point one column: names here are ASCII). */
export function displayWidth(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** What a terminal shows for tabs: spaces up to the next multiple of eight. */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes('\t')) return line
      let out = ''
      for (const ch of line) {
        if (ch === '\t') out += ' '.repeat(8 - (displayWidth(out) % 8))
        else out += ch
      }
      return out
    })
    .join('\n')
}

/**
 * How `ls` writes a name on a terminal (quoting style shell-escape): names with spaces or shell
 * metacharacters go in single quotes.
 */
export function quoteName(name: string): string {
  if (/^[A-Za-z0-9_@%+=:,./~^-]+$/.test(name)) return name
  if (!name.includes("'")) return `'${name}'`
  return `"${name.replace(/(["\\$`])/g, '\\$1')}"`
}

/** Shell quoting for messages that echo arguments back (`'/usr/foo'` in coreutils errors). */
export function quoteArg(arg: string): string {
  if (!arg.includes("'")) return `'${arg}'`
  return `"${arg.replace(/(["\\$`])/g, '\\$1')}"`
}
