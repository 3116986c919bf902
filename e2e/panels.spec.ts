import { expect, open, showStep, test } from './fixtures'

// Each panel on its own, at the steps that matter in "Every boot after the first": GRUB's menu on
// the first boot, /usr bound read-only, the physical root moved under the new root, and the end.
// Both themes, laptop and phone. They go to test-results/screens/panels/ to be looked at.
const steps = [
  { name: 'installed', step: 20 },
  { name: 'grub', step: 25 },
  { name: 'usr-bound', step: 35 },
  { name: 'moved', step: 38 },
  { name: 'end', step: 74 },
]
const sizes = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]
const panels = ['Disk', 'Deployments', 'Boot', 'Mounts']

for (const size of sizes) {
  for (const theme of ['light', 'dark'] as const) {
    test(`panel screenshots ${size.name} ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height })
      await page.emulateMedia({ reducedMotion: 'reduce' })
      await open(page, `?tour=every-boot&theme=${theme}`)
      for (const { name, step } of steps) {
        await showStep(page, step)
        for (const panel of panels) {
          const region = page.getByRole('region', { name: panel, exact: true })
          if ((await region.count()) === 0) continue
          await expect(region).toBeVisible()
          await expect(region).not.toHaveAttribute('aria-busy')
          await region.screenshot({
            // the player is pinned over the bottom of the window: keep it off a panel's picture
            style: '.player { visibility: hidden }',
            path: `test-results/screens/panels/${size.name}-${theme}-${name}-${panel.toLowerCase()}.png`,
          })
        }
        await page.screenshot({
          path: `test-results/screens/panels/${size.name}-${theme}-${name}-page.png`,
        })
      }
    })
  }
}

for (const size of sizes) {
  for (const theme of ['light', 'dark'] as const) {
    test(`GRUB menu and a forked timeline screenshots ${size.name} ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height })
      await page.emulateMedia({ reducedMotion: 'reduce' })
      await open(page, `?tour=discover&theme=${theme}`)
      await page.keyboard.press('End')
      const boot = page.getByRole('region', { name: 'Boot', exact: true })
      await boot.getByRole('button', { name: 'Reboot and choose an entry' }).click()
      await page.keyboard.press('ArrowDown')
      const path = `test-results/screens/panels/${size.name}-${theme}`
      await boot.screenshot({
        path: `${path}-grub-open-boot.png`,
        style: '.player { visibility: hidden }',
      })
      await page.keyboard.press('Enter')
      await page.screenshot({ path: `${path}-forked-page.png` })
    })
  }
}
