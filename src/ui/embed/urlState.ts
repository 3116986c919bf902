/**
 * What a link restores: `?tour=discover&step=3&lang=fr&theme=dark` (and `embed=1`; `os=rhcos`
 * for the sandbox, which runs either system; `actions=` for the actions a person took on the tour). Steps count
 * from 1 in the URL, as people count them. A value that makes no sense falls back to a default and
 * leaves a notice, so a broken link still opens a working page.
 */
import type { Message, ProfileId } from '../../engine/types'
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../i18n'
import { THEMES, type Theme } from '../store/playerStore'

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
  notices: Message[]
}

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
  return { tourId, step, locale, theme, embed, os, actions, notices }
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
