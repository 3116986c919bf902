import { expect, open, showStep, test } from './fixtures'

/*
 * Pictures to look at after a change, taken only on request: `SHOTS=1 npm run e2e -- shots`. They
 * assert nothing a test elsewhere does not (stage.spec.ts: what a step is about is in view at every
 * step; a11y.spec.ts and themes.spec.ts: every theme; layout.spec.ts: the phone), so ordinary runs
 * neither take them nor count them. They go to test-results/screens/; with SHOTS=docs the README's
 * picture is taken again too.
 */
const SHOTS = process.env.SHOTS

const sizes = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]
const themes = ['light', 'dark'] as const

// Each panel on its own, at the steps that matter in "Every boot after the first": GRUB's menu on
// the first boot, /usr bound read-only, the physical root moved under the new root, and the end.
const steps = [
  { name: 'installed', step: 20 },
  { name: 'grub', step: 25 },
  { name: 'usr-bound', step: 35 },
  { name: 'moved', step: 38 },
  { name: 'end', step: 74 },
]
const panels = ['Disk', 'Deployments', 'Boot', 'Mounts']

if (SHOTS) {
  for (const size of sizes) {
    for (const theme of themes) {
      test(`pictures, ${size.name}, ${theme}`, async ({ page }) => {
        test.setTimeout(180_000)
        await page.setViewportSize({ width: size.width, height: size.height })
        await page.emulateMedia({ reducedMotion: 'reduce' })
        const at = `test-results/screens/${size.name}-${theme}`
        for (const lang of ['en', 'fr'] as const) {
          await open(page, `?step=30&lang=${lang}&theme=${theme}`)
          await page.screenshot({ path: `${at}-${lang}.png` })
        }

        await open(page, `?tour=every-boot&theme=${theme}`)
        for (const { name, step } of steps) {
          await showStep(page, step)
          for (const panel of panels) {
            const region = page.getByRole('region', { name: panel, exact: true })
            if ((await region.count()) === 0) continue
            await expect(region).not.toHaveAttribute('aria-busy')
            await region.screenshot({
              // the player is pinned over the bottom of the window: keep it off a panel's picture
              style: '.player { visibility: hidden }',
              path: `${at}-${name}-${panel.toLowerCase()}.png`,
            })
          }
          await page.screenshot({ path: `${at}-${name}-page.png` })
        }

        // GRUB's menu open, then the timeline forked by the entry chosen
        await open(page, `?tour=discover&theme=${theme}`)
        await page.keyboard.press('End')
        const boot = page.getByRole('region', { name: 'Boot', exact: true })
        await boot.getByRole('button', { name: 'Reboot and choose an entry' }).click()
        await page.keyboard.press('ArrowDown')
        await page.screenshot({ path: `${at}-grub-open.png` })
        await page.keyboard.press('Enter')
        await page.screenshot({ path: `${at}-forked.png` })
      })
    }
  }
}

if (SHOTS === 'docs') {
  test('README picture', async ({ page }) => {
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
