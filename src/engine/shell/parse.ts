/**
 * The command line's grammar, a small part of bash's: words with single and double quotes and
 * backslash escapes, `$VAR` and `${VAR}`, `;`, `&&`, `||`, `|`, redirections (`<`, `>`, `>>`,
 * `2>`, `2>&1`, `&>`), `NAME=value` assignments, `#` comments. Errors carry bash's own message
 * (`bash: syntax error near unexpected token `|'`). Command substitution, subshells, here-documents
 * and background jobs are refused with a message saying so.
 */

/** A piece of a word. `quoted` pieces escape globbing and tilde expansion. */
export type Segment =
  { kind: 'text'; text: string; quoted: boolean } | { kind: 'var'; name: string; quoted: boolean }

export interface Word {
  segments: Segment[]
  /** The word as typed, for messages. */
  raw: string
}

export interface Redirect {
  fd: number
  op: '<' | '>' | '>>' | '>&'
  /** A file name, or for `>&` the descriptor duplicated. */
  target: Word
}

export interface SimpleCommand {
  assigns: { name: string; value: Word }[]
  words: Word[]
  redirects: Redirect[]
}

export interface Pipeline {
  negate: boolean
  commands: SimpleCommand[]
}

export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
}

export type Script = AndOr[]

export class ParseError extends Error {}

type Token =
  { kind: 'word'; word: Word } | { kind: 'op'; op: string; fd?: number } | { kind: 'end' }

const OPERATORS = [
  '&>>',
  '&&',
  '||',
  ';;',
  '>>',
  '>&',
  '<&',
  '>|',
  '&>',
  '<<',
  '|&',
  '|',
  ';',
  '&',
  '<',
  '>',
  '(',
  ')',
]

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

function unexpected(token: string): ParseError {
  return new ParseError(`bash: syntax error near unexpected token \`${token}'`)
}

const END_OF_FILE = 'bash: syntax error: unexpected end of file'

/** Splits a line into words and operators. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const n = line.length
  while (i < n) {
    const c = line[i] as string
    if (c === ' ' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: ';' })
      i++
      continue
    }
    if (c === '#') break
    const op = OPERATORS.find((o) => line.startsWith(o, i))
    if (op !== undefined) {
      tokens.push({ kind: 'op', op })
      i += op.length
      continue
    }
    // A word, up to an unquoted blank or operator character.
    const start = i
    const segments: Segment[] = []
    let text = ''
    const flush = (quoted: boolean): void => {
      if (text !== '') segments.push({ kind: 'text', text, quoted })
      text = ''
    }
    const readVar = (quoted: boolean): boolean => {
      // At a `$`: returns true if it started an expansion.
      const next = line[i + 1]
      if (next === '{') {
        const close = line.indexOf('}', i + 2)
        if (close < 0) throw new ParseError("bash: unexpected EOF while looking for matching `}'")
        const inner = line.slice(i + 2, close)
        if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#!*@-])$/.test(inner))
          throw new ParseError(`bash: \${${inner}}: bad substitution`)
        flush(quoted)
        segments.push({ kind: 'var', name: inner, quoted })
        i = close + 1
        return true
      }
      if (next === '(')
        throw new ParseError('bash: command substitution $(...) is not supported here')
      if (next !== undefined && /[0-9?$#!*@-]/.test(next)) {
        flush(quoted)
        segments.push({ kind: 'var', name: next, quoted })
        i += 2
        return true
      }
      const name = NAME.exec(line.slice(i + 1))
      if (name !== null) {
        flush(quoted)
        segments.push({ kind: 'var', name: name[0], quoted })
        i += 1 + name[0].length
        return true
      }
      return false
    }
    while (i < n) {
      const ch = line[i] as string
      if (' \t\r\n;&|<>()'.includes(ch)) break
      if (ch === '\\') {
        flush(false)
        if (i + 1 < n) {
          text = line[i + 1] as string
          flush(true)
          i += 2
        } else {
          text = '\\'
          flush(true)
          i++
        }
        continue
      }
      if (ch === "'") {
        const close = line.indexOf("'", i + 1)
        if (close < 0) throw new ParseError("bash: unexpected EOF while looking for matching `''")
        flush(false)
        text = line.slice(i + 1, close)
        segments.push({ kind: 'text', text, quoted: true })
        text = ''
        i = close + 1
        continue
      }
      if (ch === '"') {
        flush(false)
        i++
        let closed = false
        // An empty "" still makes a (quoted, empty) word.
        segments.push({ kind: 'text', text: '', quoted: true })
        while (i < n) {
          const d = line[i] as string
          if (d === '"') {
            closed = true
            i++
            break
          }
          if (d === '\\' && i + 1 < n && '$`"\\'.includes(line[i + 1] as string)) {
            text += line[i + 1]
            i += 2
            continue
          }
          if (d === '`')
            throw new ParseError('bash: command substitution `...` is not supported here')
          if (d === '$' && readVar(true)) continue
          text += d
          i++
        }
        if (!closed) throw new ParseError('bash: unexpected EOF while looking for matching `"\'')
        flush(true)
        continue
      }
      if (ch === '`') throw new ParseError('bash: command substitution `...` is not supported here')
      if (ch === '$' && readVar(false)) continue
      text += ch
      i++
    }
    flush(false)
    const raw = line.slice(start, i)
    // `2>` and `2>>`: a number right before a redirection operator is the descriptor.
    if (/^[0-9]+$/.test(raw) && (line[i] === '>' || line[i] === '<')) {
      const opHere = OPERATORS.find((o) => line.startsWith(o, i)) as string
      tokens.push({ kind: 'op', op: opHere, fd: Number(raw) })
      i += opHere.length
      continue
    }
    tokens.push({ kind: 'word', word: { segments, raw } })
  }
  tokens.push({ kind: 'end' })
  return tokens
}

/** Parses a command line. Throws `ParseError` with bash's message. */
export function parse(line: string): Script {
  const tokens = tokenize(line)
  let pos = 0
  const peek = (): Token => tokens[pos] as Token
  const take = (): Token => tokens[pos++] as Token
  const isOp = (t: Token, ...ops: string[]): boolean => t.kind === 'op' && ops.includes(t.op)
  const describe = (t: Token): string =>
    t.kind === 'op' ? t.op : t.kind === 'word' ? t.word.raw : 'newline'

  const command = (): SimpleCommand => {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] }
    for (;;) {
      const t = peek()
      if (t.kind === 'word') {
        take()
        const eq = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.word.raw)
        if (cmd.words.length === 0 && eq !== null && wordStartsPlain(t.word, eq[0].length)) {
          cmd.assigns.push({ name: eq[1] as string, value: dropPrefix(t.word, eq[0].length) })
        } else cmd.words.push(t.word)
        continue
      }
      if (t.kind === 'op' && ['<', '>', '>>', '>|', '>&', '&>', '&>>', '<&'].includes(t.op)) {
        take()
        const target = peek()
        if (target.kind !== 'word') throw unexpected(describe(target))
        take()
        const fd = t.fd ?? (t.op.startsWith('<') ? 0 : 1)
        if (t.op === '&>' || t.op === '&>>') {
          cmd.redirects.push({ fd: 1, op: t.op === '&>' ? '>' : '>>', target: target.word })
          cmd.redirects.push({ fd: 2, op: '>&', target: literalWord('1') })
        } else if (t.op === '<&') {
          cmd.redirects.push({ fd, op: '<', target: target.word })
        } else {
          const op = t.op === '>|' ? '>' : (t.op as Redirect['op'])
          cmd.redirects.push({ fd, op, target: target.word })
        }
        continue
      }
      if (t.kind === 'op' && t.op === '<<')
        throw new ParseError('bash: here-documents (<<) are not supported here')
      break
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      const t = peek()
      if (t.kind === 'end') throw new ParseError(END_OF_FILE)
      throw unexpected(describe(t))
    }
    return cmd
  }

  const pipeline = (): Pipeline => {
    let negate = false
    const first = peek()
    if (
      first.kind === 'word' &&
      first.word.raw === '!' &&
      first.word.segments.every((s) => !s.quoted)
    ) {
      take()
      negate = true
    }
    const commands = [command()]
    while (isOp(peek(), '|', '|&')) {
      const op = take()
      if (op.kind === 'op' && op.op === '|&')
        commands[commands.length - 1]?.redirects.push({ fd: 2, op: '>&', target: literalWord('1') })
      if (peek().kind === 'end') throw new ParseError(END_OF_FILE)
      commands.push(command())
    }
    return { negate, commands }
  }

  const andOr = (): AndOr => {
    const first = pipeline()
    const rest: AndOr['rest'] = []
    while (isOp(peek(), '&&', '||')) {
      const op = take() as { kind: 'op'; op: '&&' | '||' }
      if (peek().kind === 'end') throw new ParseError(END_OF_FILE)
      rest.push({ op: op.op, pipeline: pipeline() })
    }
    return { first, rest }
  }

  const script: Script = []
  while (peek().kind !== 'end') {
    const t = peek()
    if (
      t.kind === 'op' &&
      t.op !== '!' &&
      !['<', '>', '>>', '>|', '>&', '&>', '&>>', '<&', '<<'].includes(t.op)
    )
      throw unexpected(t.op)
    script.push(andOr())
    const sep = peek()
    if (sep.kind === 'end') break
    if (isOp(sep, ';')) {
      take()
      continue
    }
    if (isOp(sep, '&')) {
      take()
      if (isOp(peek(), ';', '&')) throw unexpected((peek() as { op: string }).op)
      throw new ParseError('bash: background jobs (&) are not supported here')
    }
    if (sep.kind === 'op' && (sep.op === '(' || sep.op === ')')) throw unexpected(sep.op)
    throw unexpected(describe(sep))
  }
  return script
}

function literalWord(text: string): Word {
  return { segments: [{ kind: 'text', text, quoted: true }], raw: text }
}

/** True when the first `length` characters of the word are plain, unquoted text (`NAME=`). */
function wordStartsPlain(word: Word, length: number): boolean {
  const first = word.segments[0]
  return first?.kind === 'text' && !first.quoted && first.text.length >= length
}

function dropPrefix(word: Word, length: number): Word {
  const [first, ...rest] = word.segments
  if (first?.kind !== 'text') return word
  const text = first.text.slice(length)
  return {
    segments: text === '' ? rest : [{ ...first, text }, ...rest],
    raw: word.raw.slice(length),
  }
}
