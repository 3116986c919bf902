/**
 * Links a person hands on: to the step shown, as a page (`?tour=…&step=…`) or as a frame for a
 * slide (`embed=1`, in an `<iframe>` snippet). They are built from the player's state, as
 * `useUrlSync` writes the address bar, and not read from the address bar, which lags the player.
 */
import { findTour } from '../../scenarios/registry'
import type { Fork, PlayerState } from '../store/playerStore'
import { encodeForks } from './forkCode'
import { buildSearch, SLIDE_PARAMS, type UrlState } from './urlState'

/** What a link is made of: the tour, the step, how it reads, and the actions taken on it. */
export type LinkSource = Pick<
  PlayerState,
  'tourId' | 'cursor' | 'first' | 'locale' | 'theme' | 'os' | 'forks'
>

/** The size of the frame a slide gets: 960 × 600 fits a 16:9 or a 4:3 slide with its title. */
export const EMBED_SIZE: Readonly<{ width: number; height: number }> = { width: 960, height: 600 }

/**
 * The address state of the step shown; `actions` is the code of `source.forks` (forkCode.ts).
 * @example urlStateOf({ tourId: 'discover', cursor: 7, first: 3, … }, null) // cursor 4: step=5
 */
export function urlStateOf(source: Omit<LinkSource, 'forks'>, actions: string | null): UrlState {
  // the system, for a tour that lets the reader choose it
  const chosen = findTour(source.tourId)?.profiles?.includes(source.os) ? source.os : undefined
  return {
    tourId: source.tourId,
    // links count steps from the story's first
    cursor: source.cursor - source.first,
    locale: source.locale,
    theme: source.theme,
    os: chosen,
    actions,
  }
}

/** The code of the actions taken, or null: none taken, or a browser without CompressionStream. */
export async function actionsCode(forks: readonly Fork[]): Promise<string | null> {
  if (forks.length === 0) return null
  return encodeForks(forks).catch(() => null)
}

/** `page` (any address of the site) with its query made for `state`; no fragment. */
function withSearch(page: string, search: string): string {
  const url = new URL(page)
  url.search = search
  url.hash = ''
  return url.href
}

/** The link that opens the page on `state`'s step, with its chrome: what a person shares. */
export function pageLink(page: string, state: UrlState): string {
  return withSearch(page, buildSearch('', state))
}

/**
 * The link that shows `state`'s step alone, for a frame in another page (`embed=1`). The way
 * `page` is shown on a slide (its `controls=`, `panels=`, range, scale, speed, autoplay, origins)
 * goes with it: a presenter copies the frame they set up.
 */
export function embedLink(page: string, state: UrlState): string {
  const slide = new URLSearchParams([['embed', '1']])
  for (const [name, value] of new URL(page).searchParams)
    if ((SLIDE_PARAMS as readonly string[]).includes(name)) slide.append(name, value)
  return withSearch(page, buildSearch(`?${slide.toString()}`, state))
}

/** `text` as the value of an HTML attribute in double quotes. */
function attribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/**
 * The `<iframe>` a presenter pastes into a slide (reveal.js, Slidev: raw HTML). `clipboard-write`
 * lets the frame's own Share menu copy; `title` names the frame for assistive technology.
 */
export function embedCode(src: string, title: string, size = EMBED_SIZE): string {
  return (
    `<iframe src="${attribute(src)}" title="${attribute(title)}" ` +
    `width="${size.width}" height="${size.height}" style="border: 0" ` +
    `allow="clipboard-write; fullscreen"></iframe>`
  )
}
