import AxeBuilder from '@axe-core/playwright'
import { expect, open, test } from './fixtures'

const cases = [
  { name: 'light, English, first step', search: '?theme=light' },
  { name: 'dark, English, a running machine', search: '?theme=dark&step=30' },
  { name: 'light, French, a running machine', search: '?theme=light&lang=fr&step=30' },
  { name: 'with a notice', search: '?step=abc&theme=dark' },
]

for (const { name, search } of cases) {
  test(`axe finds no WCAG 2 A/AA violation: ${name}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await open(page, search)
    await expect(page.locator('section.panel').first()).toBeVisible()
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
    expect(summary).toEqual([])
  })
}
