import { expect, open, test } from './fixtures'

// Screenshots to look at after a change: both themes, both languages, laptop and phone. They go to
// test-results/screens/; with UPDATE_DOCS_SCREENSHOT=1 the README's picture is taken again too.
const sizes = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]

for (const size of sizes) {
  for (const theme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'fr'] as const) {
      test(`screenshot ${size.name} ${theme} ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width: size.width, height: size.height })
        await page.emulateMedia({ reducedMotion: 'reduce' })
        await open(page, `?step=30&lang=${lang}&theme=${theme}`)
        await expect(page.locator('section.panel').first()).toBeVisible()
        await page.screenshot({ path: `test-results/screens/${size.name}-${theme}-${lang}.png` })
      })
    }
  }
}

// Defined only on request, so ordinary runs neither write docs/ nor count a skipped test.
if (process.env.UPDATE_DOCS_SCREENSHOT) {
  test('README screenshot', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' })
    await open(page, '?step=30&lang=en')
    await expect(page.getByRole('region', { name: 'Mounts' })).toBeVisible()
    await page.screenshot({ path: 'docs/screenshot.png' })
  })
}
