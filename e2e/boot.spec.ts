import type { Page } from '@playwright/test'
import { atStep, expect, open, showPanel, stepOf, stepUntil, test } from './fixtures'

/** The findmnt table's row for `target` (its first cell ends with it, after the tree drawing). */
function findmntRow(page: Page, target: string) {
  const table = page.getByRole('region', { name: 'Mount table, as findmnt shows it' })
  return table.getByRole('row').filter({
    has: page
      .getByRole('cell')
      .first()
      .filter({ hasText: new RegExp(`(^|-)${target}$`) }),
  })
}

async function cells(page: Page, target: string): Promise<string[]> {
  const row = findmntRow(page, target)
  await expect(row).toHaveCount(1)
  return row.getByRole('cell').allTextContents()
}

test('"Every boot after the first" plays to the end and ends in findmnt’s view', async ({
  page,
}) => {
  await open(page, '?tour=every-boot')
  const total = Number(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max'))
  expect(total).toBeGreaterThan(40)
  const caption = page.getByRole('region', { name: 'Caption' })
  // Every step, one after the other, as a person clicking Next would see them.
  for (let step = 1; step < total; step++) {
    await page.getByRole('button', { name: 'Next step' }).click()
    await atStep(page, step + 1)
  }
  await expect(caption).toContainText('login prompt')
  await expect(caption).toContainText('every boot from now on')
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled()

  await showPanel(page, 'Mounts')
  const root = await cells(page, '/')
  expect(root[1]).toMatch(
    /^\/dev\/vda4\[\/ostree\/deploy\/fedora-coreos\/deploy\/[0-9a-f]{64}\.0\]$/,
  )
  expect(root[2]).toBe('xfs')
  expect(root[3]).toMatch(/^rw\b/)
  const usr = await cells(page, '/usr')
  expect(usr[1]).toBe(`${root[1]?.slice(0, -1)}/usr]`)
  expect(usr[3]).toMatch(/^ro\b/)
  const varRow = await cells(page, '/var')
  expect(varRow[1]).toBe('/dev/vda4[/ostree/deploy/fedora-coreos/var]')
  expect(varRow[3]).toMatch(/^rw\b/)
  const boot = await cells(page, '/boot')
  expect(boot.slice(1, 3)).toEqual(['/dev/vda3', 'ext4'])
  expect(boot[3]).toMatch(/^ro\b/)
  expect(await findmntRow(page, '/boot').getByRole('cell').first().textContent()).toBe('`-/boot')

  // The diagram marks the read-only mounts with the word, not by colour alone.
  const diagram = page.getByRole('img', { name: /mounts, each drawn under/ })
  await expect(diagram).toBeVisible()
  await expect(diagram.locator('g.mount[data-mode="ro"]')).toHaveCount(3) // /sysroot, /usr, /boot
  await expect(diagram.locator('g.mount[data-mode="ro"] text.mount-mode')).toHaveText([
    'ro',
    'ro',
    'ro',
  ])
})

test('the boot chain lights the current unit and jumps to a step', async ({ page }) => {
  await open(page, '?tour=every-boot&step=21')
  await stepUntil(page, /usr is bind-mounted read-only/)
  const boot = await showPanel(page, 'Boot')
  const current = boot.getByRole('button', { name: /ostree-prepare-root\.service, this step/ })
  await expect(current).toHaveAttribute('aria-current', 'step')
  await expect(boot.getByRole('button', { name: /^sysroot\.mount, done/ })).toBeVisible()
  await boot.getByRole('button', { name: /initrd-switch-root\.service, not yet/ }).click()
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('switch-root')
})

test('GRUB’s menu: boot the second entry, and the other deployment is booted', async ({ page }) => {
  // The end of "Discover CoreOS": after an upgrade and a rollback, GRUB lists two entries.
  await open(page, '?tour=discover')
  await page.keyboard.press('End')
  const deployments = page.getByRole('region', { name: 'Deployments' })
  const card = (index: number) =>
    deployments
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `Deployment ${index}` }) })
  await expect(card(0)).toContainText('booted')
  await expect(card(1)).not.toContainText('booted')

  const boot = page.getByRole('region', { name: 'Boot' })
  const opener = boot.getByRole('button', { name: 'Reboot and choose an entry' })
  await opener.click()
  const menu = boot.getByRole('listbox', { name: 'GRUB menu: the entry to boot' })
  await expect(menu).toBeFocused()
  const options = menu.getByRole('option')
  await expect(options).toHaveCount(2)
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true') // the default
  // Escape closes the menu and gives the focus back to the button that opened it.
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(opener).toBeFocused()

  await opener.click()
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  const end = await stepOf(page)
  await page.keyboard.press('Enter')
  // The future is forked: the reboot's first step follows the step acted on.
  await atStep(page, end + 1)
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('systemctl reboot')
  await expect(page.getByRole('button', { name: 'Back to the tour' })).toBeVisible()

  await page.keyboard.press('End')
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('login prompt')
  await expect(card(1)).toContainText('booted')
  await expect(card(0)).not.toContainText('booted')

  // Back to the tour as written.
  await page.getByRole('button', { name: 'Back to the tour' }).click()
  await expect(page.getByRole('button', { name: 'Back to the tour' })).toHaveCount(0)
  await page.keyboard.press('End')
  await expect(card(0)).toContainText('booted')
})

test('a click on an entry powers a stopped machine on with it', async ({ page }) => {
  // Between the two boots of "Every boot after the first", the machine is off.
  await open(page, '?tour=every-boot&step=40')
  const off = await stepUntil(page, /^Power off/)
  const boot = page.getByRole('region', { name: 'Boot' })
  await boot.getByRole('button', { name: 'Power on and choose an entry' }).click()
  await boot.getByRole('option', { name: /Fedora CoreOS 39\.20231101\.3\.0/ }).click()
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('Power on')
  await atStep(page, off + 1)
})
