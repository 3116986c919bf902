/**
 * Word expansion, in bash's order: tilde, variables (unquoted results split on blanks), then
 * pathname expansion against the simulated tree, then quote removal. A pattern that matches
 * nothing stays as typed (bash's default); `.*` skips `.` and `..` (bash 5.2 globskipdots).
 */
import { allowed, failed, joinPath, type Node, type Sys } from './fsview'
import type { Segment, Word } from './parse'
import type { Cred } from './types'

/** A character of a word after expansion, and whether quoting protects it. */
interface Char {
  ch: string
  quoted: boolean
}

export interface ExpandEnv {
  vars: Record<string, string>
  home: (user: string) => string | null
}

/** Most names a pattern may produce, and most directories it may list on the way. */
const MAX_MATCHES = 20_000

function fieldsOf(word: Word, env: ExpandEnv): { chars: Char[]; keep: boolean }[] {
  const fields: { chars: Char[]; keep: boolean }[] = [{ chars: [], keep: false }]
  const current = (): { chars: Char[]; keep: boolean } =>
    fields[fields.length - 1] as { chars: Char[]; keep: boolean }
  word.segments.forEach((segment: Segment, index) => {
    if (segment.kind === 'text') {
      let text = segment.text
      if (index === 0 && !segment.quoted && text.startsWith('~')) {
        const slash = text.indexOf('/')
        const prefix = slash < 0 ? text : text.slice(0, slash)
        const user = prefix.slice(1)
        const home =
          user === ''
            ? (env.vars.HOME ?? null)
            : user === '+'
              ? (env.vars.PWD ?? null)
              : user === '-'
                ? (env.vars.OLDPWD ?? null)
                : env.home(user)
        if (home !== null) {
          for (const ch of home) current().chars.push({ ch, quoted: true })
          current().keep = true
          text = text.slice(prefix.length)
        }
      }
      if (segment.quoted) current().keep = true
      for (const ch of text) current().chars.push({ ch, quoted: segment.quoted })
      return
    }
    const value = env.vars[segment.name] ?? ''
    if (segment.quoted) {
      current().keep = true
      for (const ch of value) current().chars.push({ ch, quoted: true })
      return
    }
    // Unquoted: split on blanks (IFS), each piece still subject to globbing.
    const pieces = value.split(/[ \t\n]+/)
    pieces.forEach((piece, i) => {
      if (i > 0) fields.push({ chars: [], keep: false })
      for (const ch of piece) current().chars.push({ ch, quoted: false })
    })
  })
  return fields.filter((f) => f.chars.length > 0 || f.keep)
}

function hasGlob(chars: Char[]): boolean {
  return chars.some((c) => !c.quoted && (c.ch === '*' || c.ch === '?' || c.ch === '['))
}

/** The pattern text with quoted special characters escaped by a backslash. */
function patternOf(chars: Char[]): string {
  return chars.map((c) => (c.quoted && '*?[]\\'.includes(c.ch) ? `\\${c.ch}` : c.ch)).join('')
}

/** Expands a word to its fields. */
export function expandWord(
  word: Word,
  env: ExpandEnv,
  glob: ((pattern: string) => string[] | null) | null,
): string[] {
  const out: string[] = []
  for (const field of fieldsOf(word, env)) {
    const text = field.chars.map((c) => c.ch).join('')
    if (glob !== null && hasGlob(field.chars)) {
      const matches = glob(patternOf(field.chars))
      if (matches !== null && matches.length > 0) {
        out.push(...matches)
        continue
      }
    }
    out.push(text)
  }
  return out
}

/** Expands a word without globbing, joined: for redirection targets and assignments. */
export function expandText(word: Word, env: ExpandEnv): string {
  return fieldsOf(word, env)
    .map((f) => f.chars.map((c) => c.ch).join(''))
    .join(' ')
}

/** True if a pattern component has an unescaped `*`, `?` or `[`. */
function isPattern(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    const c = component[i]
    if (c === '\\') i++
    else if (c === '*' || c === '?' || c === '[') return true
  }
  return false
}

function unescape(component: string): string {
  return component.replace(/\\(.)/g, '$1')
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
}

/** A glob pattern (one path component) as a regular expression (fnmatch without FNM_PATHNAME). */
export function patternRegExp(pattern: string): RegExp {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i] as string)
    } else if (c === '*') re += '.*'
    else if (c === '?') re += '.'
    else if (c === '[') {
      const end = bracketEnd(pattern, i)
      if (end < 0) {
        re += '\\['
        continue
      }
      let body = pattern.slice(i + 1, end)
      let negate = false
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true
        body = body.slice(1)
      }
      let cls = ''
      for (let j = 0; j < body.length; j++) {
        const b = body[j] as string
        const named = /^\[:([a-z]+):\]/.exec(body.slice(j))
        if (named !== null) {
          cls += CLASSES[named[1] as string] ?? ''
          j += named[0].length - 1
        } else if (b === '\\' && j + 1 < body.length) cls += escapeClass(body[++j] as string)
        else if (b === '-' && j > 0 && j < body.length - 1) cls += '-'
        else cls += escapeClass(b)
      }
      re += cls === '' ? (negate ? '.' : '(?!)') : `[${negate ? '^' : ''}${cls}]`
      i = end
    } else re += escapeRe(c)
  }
  try {
    return new RegExp(re + '$', 's')
  } catch {
    return /(?!)/
  }
}

function bracketEnd(pattern: string, open: number): number {
  let j = open + 1
  if (pattern[j] === '!' || pattern[j] === '^') j++
  if (pattern[j] === ']') j++
  for (; j < pattern.length; j++) {
    if (pattern[j] === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2)
      if (close > 0) j = close + 1
      continue
    }
    if (pattern[j] === ']') return j
  }
  return -1
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c
}

function escapeClass(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c
}

/**
 * Pathname expansion over the machine's tree, through the mount table and symlinks, as `cred`
 * sees it (a directory it may not read lists nothing). Returns the matches sorted, or null.
 */
export function globPaths(sys: Sys, cred: Cred, cwd: string, pattern: string): string[] | null {
  const absolute = pattern.startsWith('/')
  const dirOnly = pattern.endsWith('/')
  const components = pattern.split('/').filter((c) => c !== '')
  const start = sys.resolve(absolute ? '/' : cwd, true, cred)
  if (failed(start)) return null
  /** A name reached so far: as shown, its absolute path, and its node (not followed). */
  let entries: { shown: string; abs: string; node: Node }[] = [
    { shown: absolute ? '/' : '', abs: absolute ? '/' : cwd, node: start },
  ]
  let listed = 0
  let globbed = false
  /** The directory a name leads to, following a symlink, and searchable. */
  const dirOf = (e: { abs: string; node: Node }): Node | null => {
    const node = e.node.inode.kind === 'symlink' ? sys.resolve(e.abs, true, cred) : e.node
    if (failed(node) || node.inode.kind !== 'dir' || !allowed(cred, node.inode, 1)) return null
    return node
  }
  for (const component of components) {
    const next: { shown: string; abs: string; node: Node }[] = []
    if (!isPattern(component)) {
      const name = unescape(component)
      for (const e of entries) {
        const dir = dirOf(e)
        if (dir === null) continue
        const node =
          name === '..'
            ? sys.resolve(joinPath(e.abs, '..'), true, cred)
            : name === '.'
              ? dir
              : sys.child(dir, name)
        if (node === null || failed(node)) continue
        next.push({ shown: joinShown(e.shown, name), abs: joinPath(e.abs, name), node })
      }
    } else {
      globbed = true
      const re = patternRegExp(component)
      const dotOk = component.startsWith('.') || component.startsWith('\\.')
      for (const e of entries) {
        if (++listed > MAX_MATCHES) break
        const dir = dirOf(e)
        if (dir === null || !allowed(cred, dir.inode, 4)) continue
        for (const name of sys.names(dir)) {
          if (name.startsWith('.') && !dotOk) continue
          if (!re.test(name)) continue
          const node = sys.child(dir, name)
          if (node === null) continue
          next.push({ shown: joinShown(e.shown, name), abs: joinPath(e.abs, name), node })
          if (next.length > MAX_MATCHES) break
        }
      }
    }
    entries = next
    if (entries.length === 0) return null
  }
  if (!globbed) return null
  const out: string[] = []
  for (const e of entries) {
    if (dirOnly) {
      if (dirOf(e) === null) continue
      out.push(e.shown.endsWith('/') ? e.shown : `${e.shown}/`)
    } else out.push(e.shown)
  }
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return out.length === 0 ? null : out
}

function joinShown(prefix: string, name: string): string {
  if (prefix === '') return name
  return prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`
}
