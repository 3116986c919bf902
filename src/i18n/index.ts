/**
 * Translations. `en.json` is the source of truth and ships with the page; other locales load on
 * demand. Keys are flat and dotted (`player.next`); the `step.*` keys hold the engine's captions.
 *
 * Texts take `{name}` parameters and a small ICU subset for plurals:
 * `{count, plural, one {# file} other {# files}}` (`=0`, `=1` ... exact matches are allowed too).
 */
import en from './en.json'

export type MessageKey = keyof typeof en
export type Params = Readonly<Record<string, string | number>>
export type Catalog = Readonly<Record<string, string>>

export const LOCALES = ['en', 'fr'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value)
}

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Catalog }>> = {
  fr: () => import('./fr.json'),
}

const catalogs: Partial<Record<Locale, Catalog>> = { en }

/** Loads a locale's texts once; later calls return at once. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (catalogs[locale]) return
  if (locale === 'en') return
  const module = await loaders[locale]()
  catalogs[locale] = module.default
}

export function isLocaleLoaded(locale: Locale): boolean {
  return catalogs[locale] !== undefined
}

/** The text of `key` in `locale`, falling back to English, then to the key itself. */
export function translate(locale: Locale, key: string, params?: Params): string {
  const text = catalogs[locale]?.[key] ?? (en as Catalog)[key]
  if (text === undefined) return key
  return format(text, locale, params ?? {})
}

/** True when the English catalogue has this key (the engine's captions are plain strings). */
export function hasKey(key: string): boolean {
  return Object.hasOwn(en, key)
}

const numberFormats = new Map<Locale, Intl.NumberFormat>()
const pluralRules = new Map<Locale, Intl.PluralRules>()

function numberFormat(locale: Locale): Intl.NumberFormat {
  let nf = numberFormats.get(locale)
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
    numberFormats.set(locale, nf)
  }
  return nf
}

function pluralRule(locale: Locale): Intl.PluralRules {
  let pr = pluralRules.get(locale)
  if (!pr) {
    pr = new Intl.PluralRules(locale)
    pluralRules.set(locale, pr)
  }
  return pr
}

function show(value: string | number | undefined, locale: Locale): string {
  if (value === undefined) return ''
  return typeof value === 'number' ? numberFormat(locale).format(value) : value
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

const PLURAL = /^\s*(\w+)\s*,\s*plural\s*,/
const SIZE = /^\s*(\w+)\s*,\s*size\s*$/

/** Bytes in decimal units, as GLib and rpm-ostree print them: `1.4 GB`, in French `1,4 Go`. */
export function formatSize(bytes: number, locale: Locale): string {
  const units = locale === 'fr' ? ['o', 'ko', 'Mo', 'Go', 'To'] : ['bytes', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let i = 0
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000
    i++
  }
  return `${sizeFormat(locale, i === 0 ? 0 : 1).format(value)}\u00a0${units[i]}`
}

const sizeFormats = new Map<string, Intl.NumberFormat>()

/** Formats are costly to build and a step shows dozens of sizes: one per locale and precision. */
function sizeFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`
  let format = sizeFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    sizeFormats.set(key, format)
  }
  return format
}

function formatPlural(body: string, name: string, locale: Locale, params: Params): string {
  const value = params[name]
  const n = typeof value === 'number' ? value : Number(value)
  const options = pluralOptions(body)
  const chosen =
    options.get(`=${n}`) ?? options.get(pluralRule(locale).select(n)) ?? options.get('other') ?? ''
  return format(chosen.replaceAll('#', show(n, locale)), locale, params)
}

const parsedPlurals = new Map<string, Map<string, string>>()

/** The cases of a plural's body (`one {…} other {…}`), parsed once per message. */
function pluralOptions(body: string): Map<string, string> {
  const known = parsedPlurals.get(body)
  if (known) return known
  const options = new Map<string, string>()
  const pattern = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y
  let i = 0
  while (i < body.length) {
    pattern.lastIndex = i
    const match = pattern.exec(body)
    if (!match) break
    const open = pattern.lastIndex - 1
    const close = closing(body, open)
    if (close < 0) break
    options.set(match[1] as string, body.slice(open + 1, close))
    i = close + 1
  }
  parsedPlurals.set(body, options)
  return options
}

/** A message cut at its placeholders: literal text, and the inside of each `{…}`. */
type Segment =
  string | { inner: string; plural: RegExpExecArray | null; size: RegExpExecArray | null }

const compiled = new Map<string, readonly Segment[]>()

/** Cuts `text` once; a step draws hundreds of texts, each many times. */
function segmentsOf(text: string): readonly Segment[] {
  const known = compiled.get(text)
  if (known) return known
  const segments: Segment[] = []
  let i = 0
  while (i < text.length) {
    const open = text.indexOf('{', i)
    if (open < 0) break
    const close = closing(text, open)
    if (close < 0) break
    if (open > i) segments.push(text.slice(i, open))
    const inner = text.slice(open + 1, close)
    segments.push({ inner, plural: PLURAL.exec(inner), size: SIZE.exec(inner) })
    i = close + 1
  }
  if (i < text.length) segments.push(text.slice(i))
  compiled.set(text, segments)
  return segments
}

function format(text: string, locale: Locale, params: Params): string {
  if (!text.includes('{')) return text
  let out = ''
  for (const segment of segmentsOf(text)) {
    if (typeof segment === 'string') {
      out += segment
      continue
    }
    const { inner, plural, size } = segment
    out += size
      ? formatSize(Number(params[size[1] as string] ?? 0), locale)
      : plural
        ? formatPlural(inner.slice(plural[0].length), plural[1] as string, locale, params)
        : inner.trim() in params
          ? show(params[inner.trim()], locale)
          : `{${inner}}`
  }
  return out
}
