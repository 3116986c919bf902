import { describe, expect, it } from 'vitest'
import type { Fork } from '../store/playerStore'
import { decodeForks } from './forkCode'
import { actionsCode, embedCode, embedLink, pageLink, urlStateOf } from './shareLink'
import { buildSearch, parseUrl } from './urlState'

const PAGE = 'https://example.org/coreos/?tour=discover&step=2&embed=1#about'
const upgrade = {
  tourId: 'atomic-upgrade',
  cursor: 7,
  first: 3,
  locale: 'fr',
  theme: 'dark',
  os: 'fcos',
} as const
const forks: Fork[] = [
  { at: 52, action: { type: 'shell', line: 'sudo rpm-ostree upgrade --bypass-driver' } },
]
const defaults = {
  tourIds: ['atomic-upgrade', 'sandbox'],
  defaultTourId: 'atomic-upgrade',
  languages: ['en'],
}

describe('links to the step shown', () => {
  it('[link] counts steps from 1 at the story’s first step, as the address bar does', () => {
    const state = urlStateOf(upgrade, null)
    expect(state.cursor).toBe(4)
    expect(pageLink(PAGE, state)).toBe(
      'https://example.org/coreos/?tour=atomic-upgrade&step=5&lang=fr&theme=dark',
    )
    // what the address bar gets (useUrlSync) is the link's query
    expect(new URL(pageLink(PAGE, state)).search).toBe(buildSearch('', state))
  })

  it('[link] a page link reopens the same tour, step, language and theme, outside a frame', () => {
    const link = new URL(pageLink(PAGE, urlStateOf(upgrade, null)))
    expect(parseUrl(link.search, defaults)).toMatchObject({
      tourId: 'atomic-upgrade',
      step: 4,
      locale: 'fr',
      theme: 'dark',
      embed: false,
      actions: null,
    })
    expect(link.hash).toBe('')
  })

  it('[link] the theme "auto" is left out: the link follows the reader’s system', () => {
    const link = pageLink(PAGE, urlStateOf({ ...upgrade, theme: 'auto' }, null))
    expect(link).not.toContain('theme=')
  })

  it('[link] names the system only for a tour that offers the choice (the sandbox)', () => {
    expect(pageLink(PAGE, urlStateOf({ ...upgrade, os: 'rhcos' }, null))).not.toContain('os=')
    const sandbox = urlStateOf({ ...upgrade, tourId: 'sandbox', os: 'rhcos' }, null)
    expect(pageLink(PAGE, sandbox)).toContain('&os=rhcos')
  })

  it('[link] carries the actions taken, which decode to the same forks', async () => {
    expect(await actionsCode([])).toBeNull()
    const code = await actionsCode(forks)
    expect(code).toMatch(/^1\.[\w-]+$/)
    const link = new URL(pageLink(PAGE, urlStateOf({ ...upgrade, tourId: 'sandbox' }, code)))
    const actions = parseUrl(link.search, defaults).actions
    expect(actions).toBe(code)
    expect(await decodeForks(actions ?? '')).toEqual(forks)
  })

  it('[embed] the frame’s link is the same step with embed=1', () => {
    const state = urlStateOf(upgrade, null)
    const link = new URL(embedLink(PAGE, state))
    expect(parseUrl(link.search, defaults)).toMatchObject({ tourId: 'atomic-upgrade', step: 4 })
    expect(link.searchParams.get('embed')).toBe('1')
    expect(link.origin + link.pathname).toBe('https://example.org/coreos/')
  })

  it('[embed] keeps how the page is shown on a slide, and nothing else of its address', () => {
    const page = `https://example.org/coreos/?tour=discover&step=2&controls=minimal&from=5&to=10&panels=disk&scale=1.2&foo=bar`
    const link = new URL(embedLink(page, urlStateOf(upgrade, null)))
    expect(parseUrl(link.search, defaults)).toMatchObject({
      tourId: 'atomic-upgrade',
      step: 4,
      embed: true,
      controls: 'minimal',
      from: { step: 4 },
      to: { step: 9 },
      panels: ['disk'],
      scale: 1.2,
    })
    expect(link.searchParams.has('foo')).toBe(false)
  })
})

describe('embedCode', () => {
  const src = 'https://example.org/coreos/?embed=1&tour=atomic-upgrade&step=5&lang=en'

  it('[embed] is an iframe of slide size, titled, that may write to the clipboard', () => {
    expect(embedCode(src, 'CoreOS Explorer: Anatomy of an atomic upgrade')).toBe(
      '<iframe src="https://example.org/coreos/?embed=1&amp;tour=atomic-upgrade&amp;step=5&amp;lang=en" ' +
        'title="CoreOS Explorer: Anatomy of an atomic upgrade" width="960" height="600" ' +
        'style="border: 0" allow="clipboard-write; fullscreen"></iframe>',
    )
  })

  it('[embed] escapes what would end an attribute', () => {
    const code = embedCode(src, 'A "quoted" <title> & more', { width: 800, height: 450 })
    expect(code).toContain('title="A &quot;quoted&quot; &lt;title&gt; &amp; more"')
    expect(code).toContain('width="800" height="450"')
  })
})
