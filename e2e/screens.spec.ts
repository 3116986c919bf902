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
    // the new deployment checked out: its hard links in front, the deployments beside them
    await open(page, '?tour=atomic-upgrade&step=5&lang=en')
    const links = page.getByRole('region', { name: 'Hard links' })
    await expect(links.getByRole('button', { name: /^\/usr\/bin\/ls in/ }).first()).toBeVisible()
    await expect(page.getByRole('region', { name: 'Deployments' })).toBeVisible()
    await page.screenshot({ path: 'docs/screenshot.png' })
  })
}
