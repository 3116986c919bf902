import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, open, showStep, test } from './fixtures'

/*
 * What each theme must show, measured on the page, with a screenshot of it in reports/themes/ for
 * people to look at: the projector in a slide (960x600, as reveal.js embeds it, and 1024x768, the
 * beamer), on a desktop and a phone; forced colours; more contrast.
 */
const SHOTS = 'reports/themes'

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  // the slider moved by the test keeps the keyboard's ring otherwise
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

/** Shows `step` and waits until the panels have drawn it (a model may come from the worker). */
async function settle(page: Page, step: number): Promise<void> {
  await showStep(page, step)
  await expect(page.locator('.stage-panels')).not.toHaveAttribute('aria-busy', 'true')
}

/** What the room reads, in CSS pixels, and where the ringed element is. */
function measure(page: Page) {
  return page.evaluate(() => {
    const one = (selector: string) => {
      const element = document.querySelector(selector)
      if (!element) throw new Error(`nothing matches ${selector}`)
      return element
    }
    const font = (selector: string) => parseFloat(getComputedStyle(one(selector)).fontSize)
    const box = (selector: string) => one(selector).getBoundingClientRect()
    const ring = box('[data-focused]')
    const slot = box('.stage-slot[data-front]')
    return {
      caption: font('.caption-text'),
      note: font('.caption-note'),
      position: font('.controls .position'),
      tab: font('.stage-tab'),
      ringWidth: parseFloat(getComputedStyle(one('[data-focused]')).outlineWidth),
      ringInSlot: ring.top >= slot.top - 1 && ring.bottom <= slot.bottom + 1,
      player: box('footer.player').height,
      controls: box('.controls').height,
      slot: slot.height,
      scrollWidth: document.documentElement.scrollWidth,
    }
  })
}

/** The hard links diagram as drawn: its smallest text and its links' stroke, in CSS pixels. */
function diagram(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('.hl-diagram svg')
    const link = document.querySelector('.hl-links path')
    const line2 = document.querySelector('.hl-line2')
    if (!svg || !link || !line2) throw new Error('no hard links diagram')
    const zoom = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
    // a stroke's width computes as calc(<n>px)
    const stroke = Number(/[\d.]+/.exec(getComputedStyle(link).strokeWidth)?.[0])
    return {
      text: parseFloat(getComputedStyle(line2).fontSize) * zoom,
      stroke: stroke * zoom,
    }
  })
}

test('the projector in a slide, 1024x768 and 960x600: large type, thick lines, the ringed element in view', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=atomic-upgrade&embed=1&step=5&theme=projector', 120_000)
  await expect(page.locator('.stage-panels')).not.toHaveAttribute('aria-busy', 'true')
  // the checkout: the new inode ringed in the hard links; then /boot/loader's rename
  for (const step of [5, 22]) {
    await settle(page, step)
    const ringed = page.locator('[data-focused]')
    for (const [width, height] of [
      [1024, 768],
      [960, 600],
    ] as const) {
      await page.setViewportSize({ width, height })
      await expect(ringed).toBeInViewport({ ratio: 1 })
      const at = `step ${step}, ${width}x${height}`
      const seen = await measure(page)
      // about twice what the deck's 42 px body text is on the beamer, at 1/1.07 of it
      expect(seen.caption, at).toBeGreaterThanOrEqual(22)
      expect(seen.note, at).toBeGreaterThanOrEqual(18)
      expect(seen.position, at).toBeGreaterThanOrEqual(18)
      expect(seen.tab, at).toBeGreaterThanOrEqual(17)
      expect(seen.ringWidth, at).toBeGreaterThanOrEqual(5)
      expect(seen.ringInSlot, at).toBe(true)
      // the panel the step is about keeps most of the frame; the player what it needs
      expect(seen.player, at).toBeLessThanOrEqual(height * (height < 700 ? 0.45 : 0.3))
      expect(seen.slot, at).toBeGreaterThanOrEqual(height * 0.45)
      expect(seen.scrollWidth, at).toBe(width)
      // the controls keep to one row, the chapter's menu beside them
      expect(seen.controls, at).toBeLessThanOrEqual(3 * seen.position)
      if (step === 5) {
        const drawn = await diagram(page)
        expect(drawn.text, at).toBeGreaterThanOrEqual(13.5)
        expect(drawn.stroke, at).toBeGreaterThanOrEqual(2.4)
      }
      await shoot(page, `projector-embedded-step${step}-${width}x${height}`)
    }
  }
})

test('the projector on a desktop and on a phone: one row of header, nothing wider than the screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=atomic-upgrade&step=22&theme=projector')
  const header = page.locator('header.header')
  expect((await header.boundingBox())?.height).toBeLessThanOrEqual(80)
  await expect(page.locator('[data-focused]')).toBeInViewport()
  await shoot(page, 'projector-1440x900')
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport()
  await expect(page.locator('[data-focused]')).toBeInViewport()
  expect((await measure(page)).scrollWidth).toBe(390)
  await shoot(page, 'projector-390x844')
})

/** The colours the system gives to `names` (Canvas, Mark…), as computed styles write them. */
function systemColours(page: Page, names: string[]) {
  return page.evaluate((names) => {
    const probe = document.createElement('div')
    document.body.append(probe)
    const colours = Object.fromEntries(
      names.map((name) => {
        probe.style.color = name
        return [name, getComputedStyle(probe).color]
      }),
    )
    probe.remove()
    return colours
  }, names)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`forced colours, ${scheme}: what changed, what is pressed and the diagrams keep the system's colours`, async ({
    page,
  }) => {
    await page.emulateMedia({
      reducedMotion: 'reduce',
      forcedColors: 'active',
      colorScheme: scheme,
    })
    await open(page, `?tour=atomic-upgrade&step=5&theme=${scheme}`)
    await expect(page.locator('.stage-panels')).not.toHaveAttribute('aria-busy', 'true')
    const system = await systemColours(page, [
      'Canvas',
      'CanvasText',
      'Mark',
      'MarkText',
      'Highlight',
      'HighlightText',
    ])
    const style = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property)
    // the diagram: its text and lines in CanvasText, what the step added on Mark
    expect(await style('.hl-links path', 'stroke')).toBe(system.CanvasText)
    expect(await style('.hl-path:not([data-added]) .hl-line1', 'fill')).toBe(system.CanvasText)
    expect(await style('.hl-path[data-added] .hl-box', 'fill')).toBe(system.Mark)
    expect(await style('.hl-path[data-added] .hl-line1', 'fill')).toBe(system.MarkText)
    // the ring, and the pressed tab of the panel in front
    expect(await style('[data-focused]', 'outline-color')).toBe(system.Highlight)
    const pressed = '.stage-tab[aria-pressed="true"]'
    expect(await style(pressed, 'background-color')).toBe(system.Highlight)
    expect(await style(pressed, 'color')).toBe(system.HighlightText)
    await shoot(page, `forced-colours-${scheme}-step5`)

    // the rename: the changed deployments' cards on Mark, their words and flags in MarkText
    await settle(page, 22)
    expect(await style('.card.touched', 'background-color')).toBe(system.Mark)
    expect(await style('.card.touched h3', 'color')).toBe(system.MarkText)
    expect(await style('.card.touched .badge', 'color')).toBe(system.MarkText)
    await shoot(page, `forced-colours-${scheme}-step22`)
  })
}

/** WCAG 2 contrast of two computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).map((c) => {
      const v = Number(c) / 255
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

for (const scheme of ['light', 'dark'] as const) {
  test(`more contrast, ${scheme}: no muted grey, controls edged as strongly as text`, async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce', contrast: 'more', colorScheme: scheme })
    await open(page, '?tour=atomic-upgrade&step=5')
    await expect(page.locator('.hl-diagram svg')).toBeVisible()
    const colours = await page.evaluate(() => {
      const style = (selector: string) => {
        const element = document.querySelector(selector)
        if (!element) throw new Error(`nothing matches ${selector}`)
        return getComputedStyle(element)
      }
      return {
        note: style('.caption-note').color,
        player: style('footer.player').backgroundColor,
        button: style('.buttons button').borderTopColor,
        panel: style('section.panel').borderTopColor,
        surface: style('section.panel').backgroundColor,
      }
    })
    expect(contrast(colours.note, colours.player)).toBeGreaterThanOrEqual(7)
    expect(contrast(colours.button, colours.player)).toBeGreaterThanOrEqual(7)
    expect(contrast(colours.panel, colours.surface)).toBeGreaterThanOrEqual(3)
    await shoot(page, `more-contrast-${scheme}`)
  })
}
