import type { Page } from '@playwright/test'
import { expect, open, pinPanel, stepOf, test, typeCommand } from './fixtures'

function card(page: Page, index: number) {
  return page
    .getByRole('region', { name: 'Deployments' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `Deployment ${index}` }) })
}

test('a link keeps the actions taken: reloading replays the upgrade and the reboot', async ({
  page,
}) => {
  await open(page, '?tour=sandbox')
  for (const line of ['sudo rpm-ostree upgrade --bypass-driver', 'sudo systemctl reboot'])
    await typeCommand(page, line)
  await pinPanel(page, 'Deployments')
  await expect(card(page, 0)).toContainText('booted')
  await expect(card(page, 0)).toContainText('39.20231204.3.3')
  await expect(page).toHaveURL(/[?&]actions=1\.[\w-]+/)
  const step = await stepOf(page)
  const caption = await page.getByRole('region', { name: 'Caption' }).textContent()
  // the address is written once the player settles: the reboot's last step in it
  await expect(page).toHaveURL(new RegExp(`[?&]step=${step}(&|$)`))

  await page.reload()
  await expect(page.getByRole('region', { name: 'Caption' })).toHaveText(caption ?? '')
  expect(await stepOf(page)).toBe(step)
  await pinPanel(page, 'Deployments')
  await expect(card(page, 0)).toContainText('booted')
  await expect(card(page, 0)).toContainText('39.20231204.3.3')
  await expect(card(page, 1)).toContainText('rollback')
  // no notice: every action replayed
  await expect(page.getByRole('button', { name: 'Dismiss' })).toHaveCount(0)
  // The replayed actions are the person's own: the timeline says where they forked the tour.
  await expect(
    page.getByText(/You acted on the machine: from step \d+ on, the steps are yours/),
  ).toBeVisible()
})

test('a link whose actions cannot be read opens the tour as written, and says so', async ({
  page,
}) => {
  await open(page, '?tour=sandbox&step=3&actions=1.not-deflate')
  // the notice (the docked terminal says too that the machine is still off)
  await expect(page.getByRole('status').filter({ hasText: 'this link' })).toContainText(
    'The actions in this link cannot be read (code). Showing the tour without them.',
  )
  expect(await stepOf(page)).toBe(3)
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeEnabled()
  // the link no longer carries what could not be read
  await expect(page).not.toHaveURL(/actions=/)
})
