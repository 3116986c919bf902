import type { Page } from '@playwright/test'
import { atStep, expect, open, stepOf, stepUntil, test, toEnd } from './fixtures'

// The upgrade tours compute four releases at real scale, and a power cut recomputes a boot.
test.slow()

/** Four releases at real scale: longer to compute than the other tours, on a busy machine. */
const COMPUTE_MS = 120_000

const deployments = (page: Page) => page.getByRole('region', { name: 'Deployments' })
const caption = (page: Page) => page.getByRole('region', { name: /^(Caption|Légende)$/ })

/** The version on the card that carries the badge `flag` (booted, staged, rollback…). */
async function versionOf(page: Page, flag: string): Promise<string> {
  await page.locator('.stage-panels:not([aria-busy])').waitFor()
  const card = deployments(page)
    .getByRole('listitem')
    .filter({ has: page.getByText(flag, { exact: true }) })
  await expect(card).toHaveCount(1)
  const text = (await card.textContent()) ?? ''
  return /Version\s*([0-9][0-9.]+[0-9])/.exec(text)?.[1] ?? ''
}

/** The version of the release the tour's first noted step publishes. */
async function publishedVersion(page: Page): Promise<string> {
  const text = (await caption(page).textContent()) ?? ''
  const version = /publishes ([0-9.]+[0-9])/.exec(text)?.[1]
  expect(version, text).toBeTruthy()
  return version ?? ''
}

/** Pulls the plug, checks the caption names `next`, powers on and goes to the login prompt. */
async function pullPlugAndBoot(page: Page, next: string): Promise<void> {
  const at = await stepOf(page)
  await page.getByRole('button', { name: 'Pull the plug', exact: true }).click()
  await atStep(page, at + 1)
  await expect(caption(page)).toContainText('The power is cut')
  await expect(caption(page)).toContainText(`the next boot starts ${next}`)
  await page.getByRole('button', { name: 'Power on', exact: true }).click()
  await atStep(page, at + 2)
  await expect(caption(page)).toContainText('Power on')
  await page.keyboard.press('End')
  await expect(caption(page)).toContainText('login prompt')
}

test('"Anatomy of an atomic upgrade" plays to the end and boots the new release', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade', COMPUTE_MS)
  // It opens where the story starts: the machine is already prepared, and step 1 is the release.
  expect(await stepOf(page)).toBe(1)
  const next = await publishedVersion(page)
  const before = await versionOf(page, 'booted')
  expect(before).not.toBe(next)

  await page.getByLabel('Speed').selectOption('4')
  await page.getByRole('button', { name: 'Play' }).click()
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled({ timeout: 90_000 })
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible()
  await expect(caption(page)).toContainText('login prompt')

  expect(await versionOf(page, 'booted')).toBe(next)
  expect(await versionOf(page, 'rollback')).toBe(before)
  await expect(
    deployments(page)
      .getByRole('listitem')
      .filter({ hasText: /^Deployment/ }),
  ).toHaveCount(2)
})

test('pulling the plug one step before the rename boots the old release', async ({ page }) => {
  await open(page, '?tour=atomic-upgrade', COMPUTE_MS)
  await stepUntil(page, /Everything is flushed to disk/)
  const old = await versionOf(page, 'booted')
  await expect(deployments(page)).toContainText('/boot/loader.tmp →')

  await pullPlugAndBoot(page, old)
  expect(await versionOf(page, 'booted')).toBe(old)
  await expect(deployments(page).getByText('staged', { exact: true })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Back to the tour' })).toBeVisible()
})

test('pulling the plug one step after the rename boots the new release', async ({ page }) => {
  await open(page, '?tour=atomic-upgrade', COMPUTE_MS)
  const next = await publishedVersion(page)
  await stepUntil(page, /The atomic moment/)
  await expect(deployments(page)).toContainText(`Boots without input${next}`)

  await pullPlugAndBoot(page, next)
  expect(await versionOf(page, 'booted')).toBe(next)
})

test('"Pull the plug" plays its two power cuts: the old release, then the new one', async ({
  page,
}) => {
  await open(page, '?tour=pull-the-plug', COMPUTE_MS)
  const next = await publishedVersion(page)
  await stepUntil(page, /The power is cut/)
  const old = /the next boot starts ([0-9.]+[0-9])/.exec((await caption(page).textContent()) ?? '')
  expect(old?.[1]).not.toBe(next)
  await stepUntil(page, /login prompt/)
  expect(await versionOf(page, 'booted')).toBe(old?.[1])
  await toEnd(page)
  await expect(caption(page)).toContainText('login prompt')
  expect(await versionOf(page, 'booted')).toBe(next)
  expect(await versionOf(page, 'rollback')).toBe(old?.[1])
})

test('the Deployments panel shows rpm-ostree status, ostree admin status and the boot entries', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade', COMPUTE_MS)
  await stepUntil(page, /is staged/)
  const panel = deployments(page)
  await expect(panel).toContainText('GRUB reads/boot/loader → loader.')

  const tabs = panel.getByRole('tablist', { name: 'Views of the deployments' })
  const rpm = tabs.getByRole('tab', { name: /^rpm-ostree status/ })
  await expect(rpm).toHaveAttribute('aria-selected', 'true')
  const view = panel.getByRole('tabpanel')
  await expect(view).toContainText('State: idle')
  await expect(view).toContainText('● fedora:fedora/x86_64/coreos/stable')
  // three deployments while staged: the new one, the booted one (●), the old rollback
  await expect(view).toContainText(/Deployments:\n(.*\n){3}\n● /)

  // ← → move between the tabs, and the player stays on its step
  const step = await stepOf(page)
  await rpm.focus()
  await page.keyboard.press('ArrowRight')
  const ostree = tabs.getByRole('tab', { name: /^ostree admin status/ })
  await expect(ostree).toBeFocused()
  await expect(ostree).toHaveAttribute('aria-selected', 'true')
  await expect(view).toContainText(/\(staged\)\n/)
  await expect(view).toContainText(/\(rollback\)\n/)
  await page.keyboard.press('ArrowRight')
  await expect(view).toContainText('/boot/loader.0: read by GRUB')
  expect(await stepOf(page)).toBe(step)

  // during finalization the inactive loader.N fills; the rename switches which one GRUB reads
  await stepUntil(page, /is written for deployment 1, in the inactive directory/)
  await expect(view).toContainText('/boot/loader.1: not read by GRUB')
  await expect(view.getByRole('group').filter({ hasText: 'changed' })).toHaveCount(1)
  await stepUntil(page, /The atomic moment/)
  await expect(view).toContainText('/boot/loader.1: read by GRUB')
  await expect(panel).toContainText('GRUB reads/boot/loader → loader.1')
  await expect(
    tabs.getByRole('tab', { name: /^Boot entries\W+changed at this step$/ }),
  ).toBeVisible()
})

test('the power button is there in French too, and powers a machine that is off back on', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade&lang=fr', COMPUTE_MS)
  await page.getByRole('button', { name: 'Débrancher la prise', exact: true }).click()
  await expect(caption(page)).toContainText('Le courant est coupé')
  await page.getByRole('button', { name: 'Allumer', exact: true }).click()
  await expect(caption(page)).toContainText('Mise sous tension')
})
