import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PANEL_IDS } from '../../scenarios/panels'
import { SPEEDS, THEMES } from '../store/playerStore'
import { buildSearch, originOf, parseUrl, preferredLocale, SLIDE_PARAMS } from './urlState'

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
      panels: null,
      controls: 'full',
      autoplay: false,
      speed: 1,
      from: null,
      to: null,
      scale: 1,
      origins: null,
      notices: [],
    })
  })

  it('reads the projector theme, and writes it back', () => {
    const request = parseUrl('?tour=other&embed=1&step=5&theme=projector', defaults)
    expect(request).toMatchObject({ theme: 'projector', embed: true, notices: [] })
    const state = { tourId: 'other', cursor: 4, locale: 'en', theme: 'projector' } as const
    expect(buildSearch('?embed=1', state)).toBe(
      '?embed=1&tour=other&step=5&lang=en&theme=projector',
    )
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

describe('parseUrl, for a slide', () => {
  it('reads panels, controls, autoplay, speed, a range, the scale and the origins', () => {
    const request = parseUrl(
      '?embed=1&panels=deployments,terminal&controls=minimal&autoplay&speed=2&from=3&to=stage' +
        '&scale=1.5&origins=https://slides.example.org/deck/,http://localhost:8000',
      defaults,
    )
    expect(request).toMatchObject({
      panels: ['deployments', 'terminal'],
      controls: 'minimal',
      autoplay: true,
      speed: 2,
      from: { step: 2 },
      to: { chapter: 'stage' },
      scale: 1.5,
      origins: ['https://slides.example.org', 'http://localhost:8000'],
      notices: [],
    })
  })

  it('reads chapter= as a range of one chapter', () => {
    expect(parseUrl('?chapter=merge', defaults)).toMatchObject({
      from: { chapter: 'merge' },
      to: { chapter: 'merge' },
    })
    expect(parseUrl('?chapter=merge&from=2', defaults)).toMatchObject({
      from: { step: 1 },
      to: null,
    })
  })

  it('accepts autoplay=1 and autoplay=true, and nothing else', () => {
    for (const value of ['1', 'true', ''])
      expect(parseUrl(`?autoplay=${value}`, defaults).autoplay).toBe(true)
    for (const value of ['0', 'false', 'no'])
      expect(parseUrl(`?autoplay=${value}`, defaults).autoplay).toBe(false)
  })

  it('falls back with a notice for each value that makes no sense', () => {
    const request = parseUrl(
      '?panels=disk,nope&controls=some&speed=5&from=-2&to=Chapter%201&scale=9&origins=javascript:alert(1)',
      defaults,
    )
    expect(request).toMatchObject({
      panels: ['disk'],
      controls: 'full',
      speed: 1,
      from: null,
      to: null,
      scale: 1,
      origins: [],
    })
    expect(request.notices.map((n) => n.key)).toEqual([
      'notice.badPanels',
      'notice.badControls',
      'notice.badSpeed',
      'notice.badRange',
      'notice.badRange',
      'notice.badScale',
      'notice.badOrigin',
    ])
  })

  it('never throws, and keeps every value in its domain, whatever the link says', () => {
    const names = [...SLIDE_PARAMS, 'step', 'theme']
    const link = fc.array(fc.tuple(fc.constantFrom(...names), fc.string()), { maxLength: 8 })
    fc.assert(
      fc.property(link, (pairs) => {
        const request = parseUrl(`?${new URLSearchParams(pairs).toString()}`, defaults)
        for (const panel of request.panels ?? []) expect(PANEL_IDS).toContain(panel)
        expect(['full', 'minimal', 'none']).toContain(request.controls)
        expect(SPEEDS).toContain(request.speed)
        expect(THEMES).toContain(request.theme)
        expect(request.scale).toBeGreaterThanOrEqual(0.5)
        expect(request.scale).toBeLessThanOrEqual(3)
        for (const origin of request.origins ?? []) expect(originOf(origin)).toBe(origin)
      }),
    )
  })
})

describe('buildSearch', () => {
  it('keeps the parameters of a slide when it writes the step', () => {
    const slide =
      '?embed=1&panels=disk,boot&controls=none&autoplay=1&speed=2&from=3&to=9&scale=1.5&origins=https%3A%2F%2Fa.example'
    const search = buildSearch(slide, { tourId: 'other', cursor: 4, locale: 'en', theme: 'dark' })
    expect(parseUrl(search, defaults)).toEqual({
      ...parseUrl(slide, defaults),
      tourId: 'other',
      step: 4,
      locale: 'en',
      theme: 'dark',
    })
  })

  it('round-trips any state through parseUrl', () => {
    const state = fc.record({
      tourId: fc.constantFrom(...defaults.tourIds),
      cursor: fc.nat({ max: 10_000 }),
      locale: fc.constantFrom('en', 'fr'),
      theme: fc.constantFrom(...THEMES),
      os: fc.constantFrom('fcos', 'rhcos', undefined),
      actions: fc.option(fc.stringMatching(/^1\.[A-Za-z0-9_-]{1,40}$/)),
    })
    fc.assert(
      fc.property(state, (s) => {
        const request = parseUrl(buildSearch('?embed=1', s), defaults)
        expect(request).toMatchObject({
          tourId: s.tourId,
          step: s.cursor,
          locale: s.locale,
          theme: s.theme,
          os: s.os ?? 'fcos',
          actions: s.actions,
          embed: true,
          notices: [],
        })
      }),
    )
  })

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
