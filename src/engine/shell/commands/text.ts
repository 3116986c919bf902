/**
 * Commands that read files as text: cat, head, tail, wc, grep, sha1sum, sha256sum. Files hold
 * their model text: real text for the files the story reads, a `blob:<hex>` stand-in for the bulk
 * of /usr (whose `size` is the real one), so hashes of bulk files are hashes of the stand-in.
 */
import { sha1 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { Command, Ctx, Io } from '../context'
import { allowed, errText, failed, type Node } from '../fsview'
import { has, value, values } from '../getopt'
import { parseOr } from './basic'

/** How each tool words a file it cannot read. */
type Style = 'plain' | 'open' | 'reading'

/** Reads a file operand (`-` is standard input) as the current user, or reports why not. */
export function readOperand(ctx: Ctx, io: Io, arg: string, style: Style = 'plain'): string | null {
  if (arg === '-') return io.stdin ?? ''
  const node = ctx.sys.resolve(ctx.abs(arg), true, ctx.cred)
  const fail = (text: string): null => {
    if (style === 'open') io.err(`${ctx.name}: cannot open '${arg}' for reading: ${text}\n`)
    else if (style === 'reading') io.err(`${ctx.name}: error reading '${arg}': ${text}\n`)
    else io.err(`${ctx.name}: ${arg}: ${text}\n`)
    return null
  }
  if (failed(node)) return fail(errText(node.error))
  if (node.inode.kind === 'dir') {
    if (style === 'open') {
      io.err(`${ctx.name}: error reading '${arg}': Is a directory\n`)
      return null
    }
    return fail('Is a directory')
  }
  if (!allowed(ctx.cred, node.inode, 4)) return fail('Permission denied')
  return contentOf(node)
}

export function contentOf(node: Node): string {
  return node.inode.kind === 'file' ? node.inode.data : ''
}

/** Splits text into lines, each with its newline (the last may lack one). */
function lines(text: string): string[] {
  if (text === '') return []
  const out = text.split(/(?<=\n)/)
  return out
}

const cat: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'nAbeEstTuv',
    long: { number: { key: 'n', value: false }, 'show-all': { key: 'A', value: false } },
  })
  if (typeof parsed === 'number') return parsed
  const operands = parsed.operands.length === 0 ? ['-'] : parsed.operands
  let status = 0
  let n = 0
  for (const arg of operands) {
    if (io.full()) break
    const text = readOperand(ctx, io, arg)
    if (text === null) {
      status = 1
      continue
    }
    if (has(parsed, 'n')) {
      io.out(
        lines(text)
          .map((l) => `${String(++n).padStart(6, ' ')}\t${l}`)
          .join(''),
      )
    } else io.out(text)
  }
  return status
}

/** `-n N`, `-N`, `-c N` of head and tail (a number, or `+N` for tail). */
function countArgs(args: string[]): string[] {
  return args.map((a, i) =>
    /^-[0-9]+$/.test(a) && !['-n', '-c', '--lines', '--bytes'].includes(args[i - 1] ?? '')
      ? `-n${a.slice(1)}`
      : a,
  )
}

function headTail(tail: boolean): Command {
  return (ctx, rawArgs, io) => {
    const parsed = parseOr(ctx, io, countArgs(rawArgs), {
      short: 'n:c:qvf',
      long: {
        lines: { key: 'n', value: true },
        bytes: { key: 'c', value: true },
        quiet: { key: 'q', value: false },
        follow: { key: 'f', value: false },
      },
    })
    if (typeof parsed === 'number') return parsed
    if (tail && has(parsed, 'f')) {
      ctx.notice('shell.notSimulated.follow', { name: 'tail' })
      return 1
    }
    const bytes = value(parsed, 'c')
    const spec = bytes ?? value(parsed, 'n') ?? '10'
    const plus = spec.startsWith('+')
    // head -n -N: all but the last N.
    const allBut = !tail && spec.startsWith('-')
    const count = Number(spec.replace(/^[+-]/, ''))
    if (!Number.isInteger(count) || count < 0) {
      io.err(
        `${ctx.name}: invalid number of ${bytes === undefined ? 'lines' : 'bytes'}: '${spec}'\n`,
      )
      return 1
    }
    const operands = parsed.operands.length === 0 ? ['-'] : parsed.operands
    let status = 0
    operands.forEach((arg, i) => {
      const text = readOperand(ctx, io, arg, 'open')
      if (text === null) {
        status = 1
        return
      }
      if (operands.length > 1 && !has(parsed, 'q'))
        io.out(`${i > 0 ? '\n' : ''}==> ${arg === '-' ? 'standard input' : arg} <==\n`)
      if (allBut) {
        if (bytes !== undefined) io.out(text.slice(0, Math.max(0, text.length - count)))
        else
          io.out(
            lines(text)
              .slice(0, Math.max(0, lines(text).length - count))
              .join(''),
          )
        return
      }
      if (bytes !== undefined) {
        io.out(
          tail
            ? plus
              ? text.slice(Math.max(0, count - 1))
              : text.slice(-count || text.length)
            : text.slice(0, count),
        )
        return
      }
      const all = lines(text)
      const picked = tail
        ? plus
          ? all.slice(Math.max(0, count - 1))
          : count === 0
            ? []
            : all.slice(-count)
        : all.slice(0, count)
      io.out(picked.join(''))
    })
    return status
  }
}

const wc: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'lwcmL',
    long: {
      lines: { key: 'l', value: false },
      words: { key: 'w', value: false },
      bytes: { key: 'c', value: false },
      chars: { key: 'm', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  let want = ['l', 'w', 'm', 'c'].filter((k) => has(parsed, k))
  if (want.length === 0) want = ['l', 'w', 'c']
  const operands = parsed.operands.length === 0 ? ['-'] : parsed.operands
  const rows: { counts: number[]; name: string }[] = []
  let status = 0
  let width = 1
  let anyStdin = false
  const total = [0, 0, 0, 0]
  for (const arg of operands) {
    const node = arg === '-' ? null : ctx.sys.resolve(ctx.abs(arg), true, ctx.cred)
    if (node !== null && !failed(node) && node.inode.kind === 'dir') {
      io.err(`wc: ${arg}: Is a directory\n`)
      status = 1
      rows.push({ counts: want.map(() => 0), name: arg })
      continue
    }
    const text = readOperand(ctx, io, arg)
    if (text === null) {
      status = 1
      continue
    }
    if (arg === '-' && io.stdinIsFile !== true) anyStdin = true
    // Bytes: a regular file's size (the bulk of /usr holds stand-in text, its size is real).
    const size =
      node !== null && !failed(node) && node.inode.kind === 'file' ? node.inode.size : utf8(text)
    const counts = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter((w) => w !== '').length,
      m: [...text].length,
      c: arg === '-' ? utf8(text) : size,
    } as Record<string, number>
    ;['l', 'w', 'm', 'c'].forEach(
      (k, i) => (total[i] = (total[i] as number) + (counts[k] as number)),
    )
    rows.push({
      counts: want.map((k) => counts[k] as number),
      name: arg === '-' && parsed.operands.length === 0 ? '' : arg,
    })
  }
  if (operands.length > 1)
    rows.push({
      counts: want.map((k) => total[['l', 'w', 'm', 'c'].indexOf(k)] as number),
      name: 'total',
    })
  // coreutils: one count alone is not padded; otherwise the width of the largest number, 7 when
  // reading standard input (its size is unknown in advance).
  if (want.length > 1 || rows.length > 1) {
    const largest = Math.max(...rows.flatMap((r) => r.counts), 0)
    width = Math.max(anyStdin ? 7 : 1, String(largest).length)
  }
  for (const row of rows) {
    const cells = row.counts.map((c) => String(c).padStart(width, ' ')).join(' ')
    io.out(row.name === '' ? `${cells}\n` : `${cells} ${row.name}\n`)
  }
  return status
}

export function utf8(text: string): number {
  return utf8ToBytes(text).length
}

/** A POSIX basic (or extended) regular expression as a JavaScript one (GNU grep's dialect). */
export function posixRegExp(pattern: string, extended: boolean, ignoreCase: boolean): RegExp {
  let re = ''
  let atStart = true
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    const startOfGroup = atStart
    atStart = false
    if (c === '\\' && i + 1 < pattern.length) {
      const d = pattern[++i] as string
      if (!extended && '(){}|+?'.includes(d)) {
        re += d
        if (d === '(' || d === '|') atStart = true
      } else if (d === '<' || d === '>') re += '\\b'
      else if ('wWsSbB'.includes(d)) re += `\\${d}`
      else if (/[0-9]/.test(d)) re += `\\${d}`
      else re += escapeRe(d)
      continue
    }
    if (c === '[') {
      let j = i + 1
      let body = ''
      if (pattern[j] === '^') {
        body += '^'
        j++
      }
      if (pattern[j] === ']') {
        body += '\\]'
        j++
      }
      let closed = false
      for (; j < pattern.length; j++) {
        const b = pattern[j] as string
        if (b === ']') {
          closed = true
          break
        }
        const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(j))
        if (cls !== null) {
          body += CLASS[cls[1] as string] ?? ''
          j += cls[0].length - 1
          continue
        }
        body += b === '\\' || b === '[' ? `\\${b}` : b
      }
      if (!closed) throw new SyntaxError('Unmatched [, [^, [:, [., or [=')
      re += `[${body}]`
      i = j
      continue
    }
    if (extended) {
      if (c === '(' || c === '|') atStart = true
      if (c === '{' && !/^\{[0-9]+(,[0-9]*)?\}/.test(pattern.slice(i))) re += '\\{'
      else if (c === '*' && startOfGroup) re += '\\*'
      else re += c
      continue
    }
    if ('(){}|+?'.includes(c)) re += `\\${c}`
    else if (c === '*' && startOfGroup) re += '\\*'
    else if (c === '^' && !startOfGroup) re += '\\^'
    else if (
      c === '$' &&
      !(
        i === pattern.length - 1 ||
        pattern.startsWith('\\)', i + 1) ||
        pattern.startsWith('\\|', i + 1)
      )
    )
      re += '\\$'
    else {
      re += c
      if (c === '^') atStart = true
    }
  }
  try {
    return new RegExp(re, ignoreCase ? 'i' : '')
  } catch {
    throw new SyntaxError(/[()]/.test(re) ? 'Unmatched ( or \\(' : 'Invalid regular expression')
  }
}

const CLASS: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c
}

const grep: Command = (ctx, args, io) => {
  const parsed = parseOr(
    ctx,
    io,
    args,
    {
      short: 'ivcnEFqlLhHe:rRswx',
      long: {
        'ignore-case': { key: 'i', value: false },
        'invert-match': { key: 'v', value: false },
        count: { key: 'c', value: false },
        'line-number': { key: 'n', value: false },
        'extended-regexp': { key: 'E', value: false },
        'fixed-strings': { key: 'F', value: false },
        quiet: { key: 'q', value: false },
        silent: { key: 'q', value: false },
        'files-with-matches': { key: 'l', value: false },
        'no-filename': { key: 'h', value: false },
        'with-filename': { key: 'H', value: false },
        regexp: { key: 'e', value: true },
        recursive: { key: 'r', value: false },
        'word-regexp': { key: 'w', value: false },
        'line-regexp': { key: 'x', value: false },
        color: { key: 'C', value: 'optional' },
        colour: { key: 'C', value: 'optional' },
      },
    },
    2,
  )
  if (typeof parsed === 'number') return parsed
  const operands = [...parsed.operands]
  const patterns = values(parsed, 'e')
  if (patterns.length === 0) {
    const first = operands.shift()
    if (first === undefined) {
      io.err(
        "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
      )
      return 2
    }
    patterns.push(...first.split('\n'))
  }
  let regexps: RegExp[]
  try {
    regexps = patterns.map((p) => {
      let source = has(parsed, 'F')
        ? p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
        : posixRegExp(p, has(parsed, 'E'), false).source
      if (has(parsed, 'w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`
      if (has(parsed, 'x')) source = `^(?:${source})$`
      return new RegExp(source, has(parsed, 'i') ? 'i' : '')
    })
  } catch (e) {
    io.err(`grep: ${e instanceof Error ? e.message : 'Invalid regular expression'}\n`)
    return 2
  }
  const recursive = has(parsed, 'r') || has(parsed, 'R')
  const files = operands.length === 0 ? [recursive ? '.' : '-'] : operands
  const named = !has(parsed, 'h') && (has(parsed, 'H') || files.length > 1 || recursive)
  let matched = false
  let status = 0
  const search = (shown: string, text: string): void => {
    let count = 0
    const out: string[] = []
    const all = text.split('\n')
    if (all[all.length - 1] === '') all.pop()
    all.forEach((line, i) => {
      const hit = regexps.some((r) => r.test(line)) !== has(parsed, 'v')
      if (!hit) return
      count++
      if (has(parsed, 'c') || has(parsed, 'q') || has(parsed, 'l')) return
      out.push(`${named ? `${shown}:` : ''}${has(parsed, 'n') ? `${i + 1}:` : ''}${line}\n`)
    })
    if (count > 0) matched = true
    if (has(parsed, 'q')) return
    if (has(parsed, 'l')) {
      if (count > 0) io.out(`${shown}\n`)
    } else if (has(parsed, 'c')) io.out(`${named ? `${shown}:` : ''}${count}\n`)
    else io.out(out.join(''))
  }
  for (const file of files) {
    if (io.full() || (matched && has(parsed, 'q'))) break
    if (file === '-') {
      search('(standard input)', io.stdin ?? '')
      continue
    }
    const node = ctx.sys.resolve(ctx.abs(file), true, ctx.cred)
    if (!failed(node) && node.inode.kind === 'dir') {
      if (!recursive) {
        io.err(`grep: ${file}: Is a directory\n`)
        status = 2
        continue
      }
      walkFiles(
        ctx,
        node,
        file,
        (shown, child) => {
          if (!allowed(ctx.cred, child.inode, 4)) {
            io.err(`grep: ${shown}: Permission denied\n`)
            status = 2
            return
          }
          search(shown, contentOf(child))
        },
        (shown) => {
          io.err(`grep: ${shown}: Permission denied\n`)
          status = 2
        },
        io,
      )
      continue
    }
    const text = readOperand(ctx, io, file)
    if (text === null) {
      status = 2
      continue
    }
    search(file, text)
  }
  if (status === 2 && !(matched && has(parsed, 'q'))) return 2
  return matched ? 0 : 1
}

/** Visits the regular files under a directory, names sorted, symlinks not followed. */
export function walkFiles(
  ctx: Ctx,
  dir: Node,
  shown: string,
  visit: (shown: string, node: Node) => void,
  denied: (shown: string) => void,
  io: Io,
  budget = { left: 200_000 },
): void {
  if (!allowed(ctx.cred, dir.inode, 4) || !allowed(ctx.cred, dir.inode, 1)) {
    denied(shown)
    return
  }
  for (const name of ctx.sys.names(dir)) {
    if (--budget.left < 0 || io.full()) return
    const child = ctx.sys.child(dir, name)
    if (child === null) continue
    const path = shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`
    if (child.inode.kind === 'dir') walkFiles(ctx, child, path, visit, denied, io, budget)
    else if (child.inode.kind === 'file') visit(path, child)
  }
}

function digest(hash: (bytes: Uint8Array) => Uint8Array): Command {
  return (ctx, args, io) => {
    const parsed = parseOr(ctx, io, args, {
      short: 'bt',
      long: { binary: { key: 'b', value: false }, text: { key: 't', value: false } },
    })
    if (typeof parsed === 'number') return parsed
    const operands = parsed.operands.length === 0 ? ['-'] : parsed.operands
    let status = 0
    for (const arg of operands) {
      const text = readOperand(ctx, io, arg)
      if (text === null) {
        status = 1
        continue
      }
      io.out(`${bytesToHex(hash(utf8ToBytes(text)))}  ${arg}\n`)
    }
    return status
  }
}

const tee: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'ai',
    long: { append: { key: 'a', value: false } },
  })
  if (typeof parsed === 'number') return parsed
  const text = io.stdin ?? ''
  io.out(text)
  let status = 0
  for (const file of parsed.operands) {
    if (file === '/dev/null') continue
    const result = ctx.change(file, { kind: 'write', data: text, append: has(parsed, 'a') })
    if (result.error !== undefined) {
      io.err(`tee: ${file}: ${errText(result.error.errno)}\n`)
      status = 1
    }
  }
  return status
}

export const TEXT: Record<string, Command> = {
  tee,
  cat,
  head: headTail(false),
  tail: headTail(true),
  wc,
  grep,
  sha1sum: digest(sha1),
  sha256sum: digest(sha256),
}
