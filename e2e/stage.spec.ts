import type { Page } from '@playwright/test'
import { atStep, expect, open, test } from './fixtures'

/**
 * The stage: at every step of every tour, the panel the step is about is in front, drawn, in
 * the window without scrolling, the element it is about is ringed and visible, and the player
 * stays in view.
 */

const TOURS = [
  'discover',
  'first-boot',
  'every-boot',
  'atomic-upgrade',
  'pull-the-plug',
  'etc-merge',
]

interface Seen {
  step: number
  problems: string[]
}

/** What is wrong with the step on screen, as a person would see it. */
async function problemsAt(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const vw = innerWidth
    const vh = innerHeight
    const inView = (r: DOMRect) =>
      r.top >= -1 && r.left >= -1 && r.bottom <= vh + 1 && r.right <= vw + 1
    const root = document.scrollingElement ?? document.documentElement
    if (root.scrollHeight > vh + 1) problems.push(`the page scrolls (${root.scrollHeight} px)`)
    const front = document.querySelector<HTMLElement>('.stage-slot[data-front]')
    if (!front) return [...problems, 'no panel in front']
    if (!front.querySelector('section.panel')) problems.push(`${front.dataset.slot} shows nothing`)
    const slot = front.getBoundingClientRect()
    if (!inView(slot)) problems.push(`${front.dataset.slot} is outside the window`)
    if (slot.height < 200)
      problems.push(`${front.dataset.slot} is ${Math.round(slot.height)} px high`)
    const wanted = document.querySelector<HTMLElement>('.stage')?.dataset.element
    const focused = front.querySelector('[data-focused]')
    if (wanted && focused?.getAttribute('data-focus') !== wanted)
      problems.push(`${wanted} is not in ${front.dataset.slot}`)
    if (focused) {
      const box = focused.getBoundingClientRect()
      const top = Math.max(box.top, slot.top)
      const bottom = Math.min(box.bottom, slot.bottom, vh)
      if (bottom - top < Math.min(box.height, 16)) problems.push('the element is not in view')
    }
    const next = [...document.querySelectorAll('button')].find((b) =>
      /Next step|Étape suivante/.test(b.textContent ?? ''),
    )
    if (!next || !inView(next.getBoundingClientRect())) problems.push('the player is out of view')
    return problems
  })
}

/** Steps through the whole tour with the Right key, as a reader does, checking every step. */
async function walk(page: Page, tour: string): Promise<Seen[]> {
  await open(page, `?tour=${tour}`)
  const slider = page.getByRole('slider', { name: /Timeline|Chronologie/ })
  const total = Number(await slider.getAttribute('max'))
  const seen: Seen[] = []
  for (let step = 1; step <= total; step++) {
    if (step > 1) await page.keyboard.press('ArrowRight')
    await atStep(page, step)
    let problems = await problemsAt(page)
    // a panel may draw a moment after the step (a diagram measures itself, a model computes)
    if (problems.length > 0) {
      await page.waitForTimeout(1000)
      problems = await problemsAt(page)
    }
    if (problems.length > 0) seen.push({ step, problems })
  }
  return seen
}

for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  for (const tour of TOURS) {
    test(`${tour} at ${width}x${height}: every step shows what it is about`, async ({ page }) => {
      test.setTimeout(240_000)
      await page.setViewportSize({ width, height })
      // each step as it stands once drawn: the moving pictures have their own tests (motion.spec.ts)
      await page.emulateMedia({ reducedMotion: 'reduce' })
      // the keys go to the page, not to a control
      expect(await walk(page, tour)).toEqual([])
    })
  }
}

test('a phone at 390x844 shows what a step is about', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  for (const [tour, steps] of [
    ['atomic-upgrade', [1, 8, 20, 30, 40]],
    // the slider counts the steps shown: the later boots are folded
    ['discover', [1, 20, 60, 90]],
  ] as const) {
    await open(page, `?tour=${tour}`)
    for (const step of steps) {
      await page.getByRole('slider', { name: /Timeline|Chronologie/ }).fill(String(step))
      await atStep(page, step)
      expect({ tour, step, problems: await problemsAt(page) }).toEqual({ tour, step, problems: [] })
    }
  }
})
