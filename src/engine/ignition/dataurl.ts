/**
 * `data:` URLs as Ignition reads them. Ignition validates a source with
 * vincent-petithory/dataurl `DecodeString` (config/v3_4/types/url.go), whose lexer (lex.go) is
 * stricter than browsers: the media type must be text/image/audio/video/application/message/
 * multipart or x-*, plain data may hold only printable ASCII without space, `"`, `#`, `<`, `>`,
 * `{`, `}`, `|`, `\`, `^`, `[`, `]` and backquote (rfc2396.go unescapes `%XX`), and base64 data is
 * decoded with Go's padded standard alphabet (`base64.StdEncoding`).
 */

/** Why a data URL does not decode; each is a message key suffix under `ignition.problem.dataUrl.`. */
export type DataUrlError =
  'noComma' | 'badMediaType' | 'badParameter' | 'badCharacter' | 'badEscape' | 'badBase64'

export function decodeDataUrl(url: string): { bytes: number[] } | { error: DataUrlError } {
  if (!url.startsWith('data:')) return { error: 'badMediaType' }
  const comma = url.indexOf(',')
  if (comma === -1) return { error: 'noComma' }
  const header = url.slice(5, comma)
  const data = url.slice(comma + 1)
  const head = parseHeader(header)
  if (head === null) return { error: header.includes(';') ? 'badParameter' : 'badMediaType' }
  if (head.base64) {
    if (!/^[A-Za-z0-9+/=]*$/.test(data)) return { error: 'badCharacter' }
    const bytes = decodeBase64(data)
    return bytes === null ? { error: 'badBase64' } : { bytes }
  }
  const bytes: number[] = []
  for (let k = 0; k < data.length; k++) {
    const c = data.charCodeAt(k)
    if (!isUrlChar(c)) return { error: 'badCharacter' }
    if (c === 0x25) {
      const hex = data.slice(k + 1, k + 3)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { error: 'badEscape' }
      bytes.push(parseInt(hex, 16))
      k += 2
    } else bytes.push(c)
  }
  return { bytes }
}

const TSPECIALS = '()<>@,;:\\"/[]?='

function isToken(s: string): boolean {
  if (s === '') return false
  for (const ch of s) {
    const c = ch.charCodeAt(0)
    if (c <= 0x20 || c >= 0x7f || TSPECIALS.includes(ch)) return false
  }
  return true
}

/** `[type/subtype][;attr=value]*[;base64]`, as lex.go accepts it. */
function parseHeader(header: string): { base64: boolean } | null {
  const parts = header.split(';')
  const media = parts[0] ?? ''
  if (media !== '') {
    const slash = media.indexOf('/')
    if (slash === -1) return null
    const type = media.slice(0, slash)
    const sub = media.slice(slash + 1)
    if (!isToken(type) || !isToken(sub)) return null
    const known = /^(text|image|audio|video|application|message|multipart)/.test(type)
    if (!known && !/^[xX]-/.test(type)) return null
  }
  let base64 = false
  for (const [k, p] of parts.slice(1).entries()) {
    const eq = p.indexOf('=')
    if (eq === -1) {
      // a bare attribute is only allowed last, and only as "base64"
      if (p !== 'base64' || k !== parts.length - 2) return null
      base64 = true
      continue
    }
    const value = p.slice(eq + 1)
    const quoted = /^"(?:[^"\\]|\\.)*"$/.test(value)
    if (!isToken(p.slice(0, eq)) || (!quoted && !isToken(value))) return null
  }
  return { base64 }
}

function isUrlChar(c: number): boolean {
  if (c <= 0x20 || c >= 0x7f) return false
  return !'<>#"{}|\\^[]`'.includes(String.fromCharCode(c))
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Go's `base64.StdEncoding.DecodeString`: padded to a multiple of four, `=` only at the end. */
export function decodeBase64(s: string): number[] | null {
  if (s.length % 4 !== 0) return null
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  const body = s.slice(0, s.length - pad)
  if (body.includes('=')) return null
  const out: number[] = []
  let acc = 0
  let bits = 0
  for (const ch of body) {
    const v = B64.indexOf(ch)
    if (v === -1) return null
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((acc >> bits) & 0xff)
    }
  }
  return out
}

export function encodeBase64(bytes: readonly number[]): string {
  let out = ''
  for (let k = 0; k < bytes.length; k += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[k], bytes[k + 1], bytes[k + 2]]
    const n = (a << 16) | (b << 8) | c
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!
    out += k + 1 < bytes.length ? B64[(n >> 6) & 63]! : '='
    out += k + 2 < bytes.length ? B64[n & 63]! : '='
  }
  return out
}

/** UTF-8 bytes to text; an invalid sequence becomes U+FFFD and marks the bytes as binary. */
export function decodeUtf8(bytes: readonly number[]): { text: string; binary: boolean } {
  let text = ''
  let binary = false
  for (let k = 0; k < bytes.length;) {
    const b = bytes[k] ?? 0
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1
    let cp = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07
    let ok = need >= 0
    for (let j = 1; ok && j <= need; j++) {
      const c = bytes[k + j]
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false
      else cp = (cp << 6) | (c & 0x3f)
    }
    const min = [0, 0x80, 0x800, 0x10000][need] ?? 0
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
      text += '\ufffd'
      binary = true
      k++
      continue
    }
    text += String.fromCodePoint(cp)
    k += need + 1
  }
  return { text, binary }
}

/** Text to UTF-8 bytes (what a config's inline text becomes on disk). */
export function encodeUtf8(text: string): number[] {
  const out: number[] = []
  for (const ch of text) {
    const raw = ch.codePointAt(0) ?? 0xfffd
    // a lone surrogate: Go's JSON decoder turns it into U+FFFD
    const cp = raw >= 0xd800 && raw < 0xe000 ? 0xfffd : raw
    if (cp < 0x80) out.push(cp)
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      )
  }
  return out
}
