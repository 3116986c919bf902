/**
 * What a link restores: `?tour=discover&step=3&lang=fr&theme=dark` (and `embed=1`; `os=rhcos`
 * for the sandbox, which runs either system; `actions=` for the actions a person took on the tour). Steps count
 * from 1 in the URL, as people count them. A value that makes no sense falls back to a default and
 * leaves a notice, so a broken link still opens a working page.
 *
 * A slide that embeds a tour says how it shows (README, "Embedding"): `panels=` which panels and in
 * what order, `controls=full|minimal|none`, `autoplay`, `speed=`, `from=`/`to=` a range of steps
 * (a number, or a chapter's id: from its first step, to its last; `chapter=` for both), `scale=` the size of the type,
 * and `origins=` the pages that may drive it by message.
 */
import type { Message, ProfileId } from '../../engine/types'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n'
import { PANEL_IDS, type PanelId } from '../../scenarios/panels'
import {
  CONTROLS,
  isSpeed,
  THEMES,
  type Controls,
  type RangeEnd,
  type Speed,
  type Theme,
} from '../store/playerStore'

export interface UrlRequest {
  tourId: string
  /** The requested step, 0-based, or null for the first. Checked against the tour once it is computed. */
  step: number | null
  locale: Locale
  theme: Theme
  embed: boolean
  /** The system a tour that offers a choice runs (the sandbox). */
  os: ProfileId
  /** The actions a person took on the tour, encoded (forkCode.ts); read once the tour is computed. */
  actions: string | null
  /** The panels a slide shows, in order; null: all of them. */
  panels: readonly PanelId[] | null
  controls: Controls
  /** Play once the tour is on screen (in a slide: once the slide is shown). */
  autoplay: boolean
  speed: Speed
  /** The steps a slide shows; read once the tour is computed. */
  from: RangeEnd | null
  to: RangeEnd | null
  /** The size of the type, 1 as designed. */
  scale: number
  /** The pages that may drive the tour by message; null: the page that holds it, whatever its origin. */
  origins: readonly string[] | null
  notices: Message[]
}

/** The parameters that say how a slide shows a tour (not which step): an embed code keeps them. */
export const SLIDE_PARAMS = [
  'panels',
  'controls',
  'autoplay',
  'speed',
  'from',
  'to',
  'chapter',
  'scale',
  'origins',
] as const

/** The smallest and largest `scale=`: beyond them the page no longer lays out. */
export const SCALE_LIMITS = [0.5, 3] as const

/** The systems a link may name, the default first. */
export const OS_IDS = ['fcos', 'rhcos'] as const satisfies readonly ProfileId[]

function isOs(value: string): value is ProfileId {
  return (OS_IDS as readonly string[]).includes(value)
}

export interface UrlDefaults {
  tourIds: readonly string[]
  defaultTourId: string
  /** The browser's preferred languages, most preferred first. */
  languages: readonly string[]
}

function isTheme(value: string): value is Theme {
  return (THEMES as readonly string[]).includes(value)
}

/** The first of the browser's languages this site has, or English. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0] ?? ''
    if (isLocale(base)) return base
  }
  return DEFAULT_LOCALE
}

export function parseUrl(search: string, defaults: UrlDefaults): UrlRequest {
  const params = new URLSearchParams(search)
  const notices: Message[] = []

  let tourId = defaults.defaultTourId
  const tour = params.get('tour')
  if (tour !== null) {
    if (defaults.tourIds.includes(tour)) tourId = tour
    else notices.push({ key: 'notice.badTour', params: { value: tour } })
  }

  let step: number | null = null
  const rawStep = params.get('step')
  if (rawStep !== null) {
    if (/^\d{1,9}$/.test(rawStep.trim())) step = Number(rawStep.trim()) - 1
    else notices.push({ key: 'notice.badStep', params: { value: rawStep } })
  }

  let locale = preferredLocale(defaults.languages)
  const lang = params.get('lang')
  if (lang !== null) {
    if (isLocale(lang)) locale = lang
    else {
      locale = DEFAULT_LOCALE
      notices.push({ key: 'notice.badLang', params: { value: lang } })
    }
  }

  let theme: Theme = 'auto'
  const rawTheme = params.get('theme')
  if (rawTheme !== null) {
    if (isTheme(rawTheme)) theme = rawTheme
    else notices.push({ key: 'notice.badTheme', params: { value: rawTheme } })
  }

  const embed = params.get('embed') === '1'
  let os: ProfileId = OS_IDS[0]
  const rawOs = params.get('os')
  if (rawOs !== null) {
    if (isOs(rawOs)) os = rawOs
    else notices.push({ key: 'notice.badOs', params: { value: rawOs } })
  }
  const actions = params.get('actions')

  let panels: PanelId[] | null = null
  const rawPanels = params.get('panels')
  if (rawPanels !== null) {
    const names = rawPanels.split(',').map((name) => name.trim())
    const known = names.filter(isPanel)
    const unknown = names.filter((name) => !isPanel(name))
    if (known.length > 0) panels = [...new Set(known)]
    if (unknown.length > 0)
      notices.push({ key: 'notice.badPanels', params: { value: unknown.join(',') } })
  }

  let controls: Controls = 'full'
  const rawControls = params.get('controls')
  if (rawControls !== null) {
    if ((CONTROLS as readonly string[]).includes(rawControls)) controls = rawControls as Controls
    else notices.push({ key: 'notice.badControls', params: { value: rawControls } })
  }

  // `autoplay` alone, `autoplay=1` or `autoplay=true` ask for it
  const rawAutoplay = params.get('autoplay')
  const autoplay = rawAutoplay !== null && ['', '1', 'true'].includes(rawAutoplay)

  let speed: Speed = 1
  const rawSpeed = params.get('speed')
  if (rawSpeed !== null) {
    const value = Number(rawSpeed.replace(/x$/i, ''))
    if (rawSpeed.trim() !== '' && isSpeed(value)) speed = value
    else notices.push({ key: 'notice.badSpeed', params: { value: rawSpeed } })
  }

  // `chapter=` is a range of one chapter
  const chapter = params.get('chapter')
  const from = rangeEnd(params.get('from') ?? chapter, 'from', notices)
  const to = rangeEnd(params.get('to') ?? (params.has('from') ? null : chapter), 'to', notices)

  let scale = 1
  const rawScale = params.get('scale')
  if (rawScale !== null) {
    const value = Number(rawScale)
    const [low, high] = SCALE_LIMITS
    if (rawScale.trim() !== '' && Number.isFinite(value) && value >= low && value <= high)
      scale = value
    else notices.push({ key: 'notice.badScale', params: { value: rawScale, low, high } })
  }

  let origins: string[] | null = null
  const rawOrigins = params.get('origins')
  if (rawOrigins !== null) {
    const named = rawOrigins.split(/[\s,]+/).filter((value) => value !== '')
    origins = named.flatMap((value) => {
      const origin = originOf(value)
      if (origin === null) notices.push({ key: 'notice.badOrigin', params: { value } })
      return origin === null ? [] : [origin]
    })
  }

  return {
    tourId,
    step,
    locale,
    theme,
    embed,
    os,
    actions,
    panels,
    controls,
    autoplay,
    speed,
    from,
    to,
    scale,
    origins,
    notices,
  }
}

function isPanel(name: string): name is PanelId {
  return (PANEL_IDS as readonly string[]).includes(name)
}

/** `from=`/`to=`: a step number (from 1, as `step=`), or the id of a chapter. */
function rangeEnd(raw: string | null, name: 'from' | 'to', notices: Message[]): RangeEnd | null {
  if (raw === null) return null
  const value = raw.trim()
  if (/^\d{1,9}$/.test(value) && Number(value) >= 1) return { step: Number(value) - 1 }
  if (/^[a-z][a-z0-9-]{0,63}$/.test(value)) return { chapter: value }
  notices.push({ key: 'notice.badRange', params: { name, value: raw } })
  return null
}

/** The origin of a page address (`https://slides.example.org`), or null for what is not one. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    return url.origin
  } catch {
    return null
  }
}

export interface UrlState {
  tourId: string
  /** 0-based; written 1-based. */
  cursor: number
  locale: Locale
  theme: Theme
  /** Written for a tour that offers a choice of system; absent, the parameter goes. */
  os?: ProfileId | undefined
  /** The encoded actions taken on the tour (forkCode.ts); null or absent, the parameter goes. */
  actions?: string | null | undefined
}

/** The query string for `state`, keeping any parameter this module does not own. */
export function buildSearch(search: string, state: UrlState): string {
  const params = new URLSearchParams(search)
  params.set('tour', state.tourId)
  params.set('step', String(state.cursor + 1))
  params.set('lang', state.locale)
  if (state.theme === 'auto') params.delete('theme')
  else params.set('theme', state.theme)
  if (state.os === undefined) params.delete('os')
  else params.set('os', state.os)
  if (state.actions == null) params.delete('actions')
  else params.set('actions', state.actions)
  return `?${params.toString()}`
}
