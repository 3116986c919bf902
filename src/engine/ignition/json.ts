/**
 * A small JSON reader that keeps what `JSON.parse` throws away and Ignition's checks need: the raw
 * text of numbers (Go's decoder refuses `1e2` or `420.0` for an `int` field), every key in order
 * including repeated ones, and the line and column of a syntax error, the same in every browser.
 */

export type JsonNode =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'num'; raw: string; v: number }
  | { t: 'str'; v: string }
  | { t: 'arr'; items: JsonNode[] }
  | { t: 'obj'; entries: { key: string; value: JsonNode }[] }

export interface JsonSyntaxError {
  /** 0-based offset in UTF-16 code units. */
  offset: number
  line: number
  column: number
  /** What was found there: a character, or '' at the end of the input. */
  found: string
}

/** Go's encoding/json nests at most 10000 levels; a browser stack is happier with fewer. */
const MAX_DEPTH = 1000

class Fail {
  constructor(readonly offset: number) {}
}

export function readJson(text: string): { value: JsonNode } | { error: JsonSyntaxError } {
  let i = 0
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++
      else break
    }
  }
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new Fail(i)
    ws()
    const c = text[i]
    if (c === '{') return object(depth)
    if (c === '[') return array(depth)
    if (c === '"') return { t: 'str', v: string() }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    if (text.startsWith('true', i)) return ((i += 4), { t: 'bool', v: true })
    if (text.startsWith('false', i)) return ((i += 5), { t: 'bool', v: false })
    if (text.startsWith('null', i)) return ((i += 4), { t: 'null' })
    throw new Fail(i)
  }
  const object = (depth: number): JsonNode => {
    i++ // {
    const entries: { key: string; value: JsonNode }[] = []
    ws()
    if (text[i] === '}') return (i++, { t: 'obj', entries })
    for (;;) {
      ws()
      if (text[i] !== '"') throw new Fail(i)
      const key = string()
      ws()
      if (text[i] !== ':') throw new Fail(i)
      i++
      entries.push({ key, value: value(depth + 1) })
      ws()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '}') return (i++, { t: 'obj', entries })
      throw new Fail(i)
    }
  }
  const array = (depth: number): JsonNode => {
    i++ // [
    const items: JsonNode[] = []
    ws()
    if (text[i] === ']') return (i++, { t: 'arr', items })
    for (;;) {
      items.push(value(depth + 1))
      ws()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === ']') return (i++, { t: 'arr', items })
      throw new Fail(i)
    }
  }
  const string = (): string => {
    i++ // opening quote
    let out = ''
    for (;;) {
      const c = text.charCodeAt(i)
      if (i >= text.length || c < 0x20) throw new Fail(i)
      if (c === 0x22) {
        i++
        return out
      }
      if (c !== 0x5c) {
        out += text[i]
        i++
        continue
      }
      const e = text[i + 1]
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      }
      if (e !== undefined && e in simple) {
        out += simple[e]
        i += 2
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
        i += 6
      } else throw new Fail(i + 1)
    }
  }
  const number = (): JsonNode => {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400))
    if (m === null) throw new Fail(text[i] === '-' ? i + 1 : i)
    i += m[0].length
    return { t: 'num', raw: m[0], v: Number(m[0]) }
  }
  try {
    const v = value(0)
    ws()
    if (i < text.length) throw new Fail(i)
    return { value: v }
  } catch (e) {
    if (!(e instanceof Fail)) throw e
    return { error: position(text, Math.min(e.offset, text.length)) }
  }
}

function position(text: string, offset: number): JsonSyntaxError {
  let line = 1
  let start = 0
  for (let k = 0; k < offset; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++
      start = k + 1
    }
  }
  return { offset, line, column: offset - start + 1, found: text.slice(offset, offset + 1) }
}
