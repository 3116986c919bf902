/**
 * The themes' colours, read from the style sheets: every text and the ground it sits on meet
 * WCAG 2 AA (1.4.3: 4.5:1), and what tells a control or a state without words, the focus ring, the
 * edge of a control, a diagram's line, 3:1 (1.4.11), in every theme and with more contrast asked.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const app = read('./app.css')
const etcMerge = read('./panels/etcMerge.css')

/** The custom properties declared in the first block opened by `prelude {` in `css`. */
function properties(css: string, prelude: string): Map<string, string> {
  const start = css.indexOf(`${prelude} {`)
  if (start < 0) throw new Error(`no block ${prelude}`)
  const open = css.indexOf('{', start)
  let depth = 0
  let end = open
  for (; end < css.length; end++) {
    if (css[end] === '{') depth++
    else if (css[end] === '}' && --depth === 0) break
  }
  const body = css.slice(open + 1, end)
  return new Map([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]))
}

const HEX = /^#[0-9a-f]{6}$/i

/** The colours of `layers`, later layers winning, in the light (0) or dark (1) scheme. */
function palette(scheme: 0 | 1, ...layers: Map<string, string>[]): Map<string, string> {
  const colours = new Map<string, string>()
  for (const layer of layers) {
    for (const [name, value] of layer) {
      const pair = /^light-dark\((#\w+),\s*(#\w+)\)$/.exec(value)
      const colour = pair ? pair[scheme + 1] : value
      if (colour && HEX.test(colour)) colours.set(name, colour)
    }
  }
  return colours
}

const channel = (hex: string, at: number) => {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}
/** WCAG 2 relative luminance of `#rrggbb`. */
const luminance = (hex: string) =>
  0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5)
/** WCAG 2 contrast ratio of two colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

const base = properties(app, ':root')
const more = properties(app, '@media (prefers-contrast: more)')
const projector = properties(app, ":root[data-theme='projector']")
const terminal = properties(app, '.terminal')
const diff = properties(etcMerge, '.etc-diff')
const shared = [terminal, diff]

// `auto` is light or dark, as the system is; the projector is light whatever the system.
const THEMES = {
  light: palette(0, base, ...shared),
  dark: palette(1, base, ...shared),
  'light, more contrast': palette(0, base, more, ...shared),
  'dark, more contrast': palette(1, base, more, ...shared),
  projector: palette(0, base, projector, ...shared),
  'projector, more contrast': palette(0, base, more, projector, ...shared),
}

const GROUNDS = ['--bg', '--surface', '--surface-2']
const FLAGS = [
  '--flag-booted',
  '--flag-staged',
  '--flag-pending',
  '--flag-rollback',
  '--flag-pinned',
]
/** [text, ground] pairs that must read as text: 4.5:1. */
const TEXT: [string, string][] = [
  ...['--text', '--muted', '--accent', '--ok', '--bad', ...FLAGS].flatMap((text) =>
    GROUNDS.map((ground): [string, string] => [text, ground]),
  ),
  ['--accent-text', '--accent'],
  ['--touched-text', '--touched-bg'],
  // a changed card keeps its badges' colours; a changed mount names its change in --focus
  ...FLAGS.map((flag): [string, string] => [flag, '--touched-bg']),
  ['--focus', '--surface'],
  ['--focus', '--surface-2'],
  ['--text', '--term-bg'],
  ['--term-prompt', '--term-bg'],
  ['--del-text', '--del-bg'],
  ['--add-text', '--add-bg'],
]
/** [graphic, ground] pairs that must be seen: 3:1. */
const GRAPHICS: [string, string][] = [
  ...['--focus', '--control-border', '--muted'].flatMap((line) =>
    GROUNDS.map((ground): [string, string] => [line, ground]),
  ),
  ['--bar', '--bar-track'],
]

/** The pairs of `pairs` below `minimum` in `colours`, with their ratios: none, in a good theme. */
function below(colours: Map<string, string>, pairs: [string, string][], minimum: number): string[] {
  return pairs.flatMap(([a, b]) => {
    const [x, y] = [colours.get(a), colours.get(b)]
    if (!x || !y) return [`${x ? b : a} is not a colour of this theme`]
    const ratio = contrast(x, y)
    return ratio < minimum ? [`${a} on ${b}: ${ratio.toFixed(2)}`] : []
  })
}

describe.each(Object.entries(THEMES))('the %s theme', (_name, colours) => {
  it('[WCAG 1.4.3] every text reads on its ground at 4.5:1', () => {
    expect(below(colours, TEXT, 4.5)).toEqual([])
  })

  it('[WCAG 1.4.11] the focus ring, the edges of controls and lines are seen at 3:1', () => {
    expect(below(colours, GRAPHICS, 3)).toEqual([])
  })
})

describe('the strong palettes', () => {
  it.each(['projector', 'light, more contrast', 'dark, more contrast'] as const)(
    '%s: no grey text (7:1) and no faint border (3:1)',
    (name) => {
      const colours = THEMES[name]
      const pairs = (text: string) => GROUNDS.map((ground): [string, string] => [text, ground])
      expect(below(colours, pairs('--muted'), 7)).toEqual([])
      expect(below(colours, pairs('--border'), 3)).toEqual([])
    },
  )

  it('every colour of a theme is a #rrggbb (or a pair of them) that this test reads', () => {
    for (const layer of [base, more, projector, ...shared]) {
      const colours = [...layer].filter(([, value]) => /^(#|light-dark\()/.test(value))
      for (const scheme of [0, 1] as const) {
        const read = palette(scheme, new Map(colours))
        expect(colours.filter(([name]) => !read.has(name))).toEqual([])
      }
    }
  })

  it('the ratios are WCAG’s: black on white is 21, a colour on itself 1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#1d5ea8', '#1d5ea8')).toBe(1)
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })
})
