import { test as base, expect, type Locator, type Page } from '@playwright/test'

/** Every test fails on a console error or an uncaught exception in the page. */
export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await use(errors)
      expect(errors, 'console errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/**
 * Opens the site and waits until a tour is on screen, its panels drawn, and all its steps in (the
 * first show before the rest are computed); `timeout` (ms) for a tour that takes longer than usual
 * to compute.
 */
export async function open(page: Page, search = '', timeout?: number): Promise<void> {
  await page.goto(`./${search}`)
  await expect(page.getByRole('region', { name: /Caption|Légende/ })).not.toHaveText(
    /^\s*$/,
    timeout === undefined ? {} : { timeout },
  )
  await expect(page.getByRole('slider', { name: /Timeline|Chronologie/ })).toBeEnabled()
  await expect(page.locator('.app')).not.toHaveAttribute(
    'data-arriving',
    /.*/,
    timeout === undefined ? {} : { timeout },
  )
  // A visit without a link opens on what CoreOS is: closed here as a person does, with Escape.
  const intro = page.getByRole('dialog', { name: /What is CoreOS\?|Qu’est-ce que CoreOS/ })
  if (await intro.isVisible()) {
    await page.keyboard.press('Escape')
    await expect(intro).toBeHidden()
  }
  await expect(page.locator('section.panel').first()).toBeVisible()
}

/** The step shown, counted from 1 as the Timeline slider and the address count it. */
export async function stepOf(page: Page): Promise<number> {
  return Number(await page.getByRole('slider', { name: /Timeline|Chronologie/ }).inputValue())
}

/**
 * Waits until the step shown is `step` (counted from 1) and the panels have drawn it. A locator
 * assertion: it looks again within milliseconds, where `expect.poll` waits 100 ms and more.
 */
export async function atStep(page: Page, step: number): Promise<void> {
  await expect(page.getByRole('slider', { name: /Timeline|Chronologie/ })).toHaveValue(String(step))
  // the panels follow the cursor a render later (store/useShown.ts): busy until they have drawn it
  await page.locator('.stage-panels:not([aria-busy])').waitFor()
}

/** Goes to the last step with the End key and waits until the panels have drawn it. */
export async function toEnd(page: Page): Promise<void> {
  const slider = page.getByRole('slider', { name: /Timeline|Chronologie/ })
  await page.keyboard.press('End')
  await atStep(page, Number(await slider.getAttribute('max')))
}

/** Steps forward with the Next button until the caption matches `pattern`; returns the step. */
export async function stepUntil(page: Page, pattern: RegExp, max = 200): Promise<number> {
  const caption = page.getByRole('region', { name: /Caption|Légende/ })
  const next = page.getByRole('button', { name: /Next step|Étape suivante/ })
  for (let i = 0; i < max; i++) {
    if (pattern.test((await caption.textContent()) ?? '')) return stepOf(page)
    const at = await stepOf(page)
    await next.click()
    await atStep(page, at + 1)
  }
  throw new Error(`no caption matched ${pattern} within ${max} steps`)
}

/**
 * Shows step `step` (counted from 1, as in the address) by moving the Timeline slider, as a person
 * scrubbing does: no reload, so the tour is not computed again.
 */
export async function showStep(page: Page, step: number): Promise<void> {
  await page.getByRole('slider', { name: /Timeline|Chronologie/ }).fill(String(step))
  // drawn, a panel shown for the first time after it has loaded its code
  await atStep(page, step)
}

/**
 * The panel named `name` as a person brings it up: in front already (the step is about it), or
 * one click on its tab. A tab holds while the machine is acted on, until the reader steps: call
 * it again after stepping.
 */
export async function showPanel(page: Page, name: string, pin = false): Promise<Locator> {
  const region = page.getByRole('region', { name, exact: true })
  if (pin || !(await region.isVisible())) {
    const tabs = page.getByRole('toolbar', { name: /^(Panels|Panneaux)$/ })
    await tabs.getByRole('button', { name: new RegExp(`^(⌨ )?${escape(name)}$`) }).click()
  }
  await expect(region).toBeVisible()
  // drawn, not the empty frame shown while its code loads
  await expect(region).not.toHaveAttribute('aria-busy')
  return region
}

/** The panel `name` put in front with its tab, where it stays while the machine is acted on. */
export const pinPanel = (page: Page, name: string): Promise<Locator> => showPanel(page, name, true)

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** The terminal panel, its input and its output. */
export function terminal(page: Page) {
  const panel = page.getByRole('region', { name: /^(Terminal)$/ })
  return {
    panel,
    input: panel.getByRole('textbox', { name: 'Terminal input' }),
    output: panel.getByRole('log', { name: 'Terminal output' }),
  }
}

/** Types a line in the terminal as a person does, presses Enter, and waits for the prompt. */
export async function typeCommand(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Terminal input' })
  await input.click()
  await input.pressSequentially(line)
  await page.keyboard.press('Enter')
  await expect(input).toHaveValue('')
}
