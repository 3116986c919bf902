import { describe, expect, it } from 'vitest'
import { buildSearch, parseUrl, preferredLocale } from './urlState'

const defaults = { tourIds: ['discover', 'other'], defaultTourId: 'discover', languages: ['en-US'] }

describe('parseUrl', () => {
  it('reads tour, step (1-based), language, theme and embed', () => {
    expect(parseUrl('?tour=other&step=3&lang=fr&theme=dark&embed=1', defaults)).toEqual({
      tourId: 'other',
      step: 2,
      locale: 'fr',
      theme: 'dark',
      embed: true,
      os: 'fcos',
      actions: null,
      notices: [],
    })
  })

  it('keeps the actions code as given: it is read once the tour is computed', () => {
    expect(parseUrl('?actions=1.q1YqSSxJ', defaults).actions).toBe('1.q1YqSSxJ')
  })

  it('reads the system of the sandbox, and falls back to Fedora CoreOS with a notice', () => {
    expect(parseUrl('?tour=other&os=rhcos', defaults)).toMatchObject({ os: 'rhcos', notices: [] })
    const request = parseUrl('?os=windows', defaults)
    expect(request.os).toBe('fcos')
    expect(request.notices).toEqual([{ key: 'notice.badOs', params: { value: 'windows' } }])
  })

  it('uses defaults for what the link does not say', () => {
    expect(parseUrl('', defaults)).toMatchObject({
      tourId: 'discover',
      step: null,
      locale: 'en',
      theme: 'auto',
      embed: false,
      notices: [],
    })
  })

  it('falls back with a notice for each malformed value', () => {
    const request = parseUrl('?tour=nope&step=abc&lang=xx&theme=neon', defaults)
    expect(request).toMatchObject({ tourId: 'discover', step: null, locale: 'en', theme: 'auto' })
    expect(request.notices.map((n) => n.key)).toEqual([
      'notice.badTour',
      'notice.badStep',
      'notice.badLang',
      'notice.badTheme',
    ])
    expect(request.notices[1]?.params).toEqual({ value: 'abc' })
  })

  it('rejects steps that are not whole positive numbers', () => {
    for (const step of ['-1', '1.5', '', '1e3', '0x10']) {
      expect(parseUrl(`?step=${step}`, defaults).notices).toHaveLength(1)
    }
    // 0 is a number: it is clamped, with a notice, once the tour's length is known.
    expect(parseUrl('?step=0', defaults).step).toBe(-1)
  })

  it('takes the browser’s language when the link has none', () => {
    expect(preferredLocale(['de-DE', 'fr-CA', 'en'])).toBe('fr')
    expect(preferredLocale(['de'])).toBe('en')
    expect(parseUrl('', { ...defaults, languages: ['fr-FR'] }).locale).toBe('fr')
  })
})

describe('buildSearch', () => {
  it('writes the state and keeps parameters it does not own', () => {
    const search = buildSearch('?embed=1&step=9', {
      tourId: 'discover',
      cursor: 4,
      locale: 'fr',
      theme: 'auto',
    })
    expect(search).toBe('?embed=1&step=5&tour=discover&lang=fr')
  })

  it('writes the system only for a tour that offers the choice', () => {
    const state = { tourId: 'other', cursor: 0, locale: 'en', theme: 'auto' } as const
    expect(buildSearch('?os=fcos', { ...state, os: 'rhcos' })).toContain('os=rhcos')
    expect(buildSearch('?os=fcos', state)).not.toContain('os=')
  })

  it('writes the actions code while there are actions, and drops it after', () => {
    const state = { tourId: 'sandbox', cursor: 3, locale: 'en', theme: 'auto' } as const
    const search = buildSearch('', { ...state, actions: '1.abc_-' })
    expect(parseUrl(search, defaults).actions).toBe('1.abc_-')
    expect(buildSearch(search, { ...state, actions: null })).not.toContain('actions=')
  })

  it('round-trips through parseUrl', () => {
    const state = { tourId: 'other', cursor: 7, locale: 'fr', theme: 'light' } as const
    const request = parseUrl(buildSearch('', state), defaults)
    expect(request).toMatchObject({ tourId: 'other', step: 7, locale: 'fr', theme: 'light' })
  })
})
