import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, open, test } from './fixtures'

const cases = [
  { name: 'light, English, first step', search: '?theme=light' },
  { name: 'dark, English, a running machine', search: '?theme=dark&step=30' },
  { name: 'light, French, a running machine', search: '?theme=light&lang=fr&step=30' },
  { name: 'with a notice', search: '?step=abc&theme=dark' },
]

async function violations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa'])
  if (include) builder.include(include)
  const results = await builder.analyze()
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}

for (const { name, search } of cases) {
  test(`axe finds no WCAG 2 A/AA violation: ${name}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await open(page, search)
    await expect(page.locator('section.panel').first()).toBeVisible()
    expect(await violations(page)).toEqual([])
  })
}

// Each panel on its own, at the steps of "Every boot after the first" that draw the most: GRUB's
// menu, the mounts of the initramfs, a machine that is off, and the running system.
const panels = ['disk', 'deployments', 'boot', 'mounts']
const steps = [
  { name: 'GRUB', step: 22 },
  { name: 'initramfs mounts', step: 35 },
  { name: 'powered off', step: 50 },
  { name: 'running', step: 68 },
]
for (const theme of ['light', 'dark'] as const) {
  for (const { name, step } of steps) {
    test(`axe: each panel, ${theme}, ${name}`, async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' })
      await open(page, `?tour=every-boot&step=${step}&theme=${theme}`)
      for (const panel of panels) {
        const selector = `section.${panel}-panel`
        if ((await page.locator(selector).count()) === 0) continue
        expect(await violations(page, selector), panel).toEqual([])
      }
    })
  }
}

test('axe: the open GRUB menu, in both themes', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  for (const theme of ['light', 'dark']) {
    await open(page, `?tour=discover&theme=${theme}&lang=fr`)
    await page.keyboard.press('End')
    await page.getByRole('button', { name: 'Redémarrer et choisir une entrée' }).click()
    await expect(page.getByRole('listbox')).toBeFocused()
    expect(await violations(page, 'section.boot-panel')).toEqual([])
  }
})
