import type { Page } from '@playwright/test'
import { expect, open, test } from './fixtures'

async function panelBoxes(page: Page) {
  // panels that left the stage stay in the page, hidden, with their state
  const panels = page.locator('section.panel:visible')
  await expect(panels.first()).toBeVisible()
  const boxes = []
  for (const panel of await panels.all()) {
    const box = await panel.boundingBox()
    if (box) boxes.push(box)
  }
  return boxes
}

const scrollSize = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return { width: root.scrollWidth, height: root.scrollHeight }
  })

// The checkout of the new deployment is about two panels: its hard links, then the deployments.
const TWO_PANELS = '?tour=atomic-upgrade&step=5'

test('a step about two panels shows them side by side at 1280x800, in the window', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await open(page, TWO_PANELS)
  await expect(page.getByRole('region', { name: 'Deployments' })).toBeVisible()
  const boxes = await panelBoxes(page)
  expect(boxes).toHaveLength(2)
  expect(Math.abs((boxes[0]?.y ?? 0) - (boxes[1]?.y ?? 1))).toBeLessThan(2)
  expect(await page.getByRole('region', { name: 'Hard links' }).boundingBox()).toMatchObject({
    x: boxes[0]?.x,
  })
  expect(await scrollSize(page)).toEqual({ width: 1280, height: 800 })
})

test('one panel at a time at 390x844, with nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await open(page, TWO_PANELS)
  const boxes = await panelBoxes(page)
  expect(boxes).toHaveLength(1)
  expect(Math.round(boxes[0]?.width ?? 999)).toBeLessThanOrEqual(390)
  await expect(page.getByRole('region', { name: 'Hard links' })).toBeVisible()
  expect(await scrollSize(page)).toEqual({ width: 390, height: 844 })
  await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport()
  // the terminal's button stays in view while the panels' tabs scroll sideways
  await expect(page.getByRole('button', { name: 'Terminal' })).toBeInViewport()
})

test('a tab puts another panel in front until the reader steps', async ({ page }) => {
  await open(page, TWO_PANELS)
  await expect(page.getByRole('region', { name: 'Mounts' })).toHaveCount(0)
  const tabs = page.getByRole('toolbar', { name: 'Panels' })
  await tabs.getByRole('button', { name: 'Mounts' }).click()
  await expect(page.getByRole('region', { name: 'Mounts' })).toBeVisible()
  await expect(tabs.getByRole('button', { name: 'Mounts' })).toHaveAttribute('aria-pressed', 'true')
  await page.getByRole('button', { name: 'Next step' }).click()
  await expect(page.getByRole('region', { name: 'Mounts' })).toHaveCount(0)
})

test('the terminal docks beside the story and stays at every step; off, it offers power', async ({
  page,
}) => {
  await open(page, '?tour=every-boot&step=53')
  await page.getByRole('button', { name: 'Terminal' }).click()
  const terminal = page.getByRole('region', { name: 'Terminal' })
  await expect(terminal).toBeVisible()
  await expect(terminal.getByRole('status')).toContainText('The machine is powered off')
  await expect(terminal.getByRole('textbox', { name: 'Terminal input' })).toHaveCount(0)
  await terminal.getByRole('button', { name: 'Power on' }).click()
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('Power on')
  await page.keyboard.press('End')
  await expect(terminal.getByRole('textbox', { name: 'Terminal input' })).toBeVisible()
})

test('the Terminal button hands the keys to the terminal: typing goes to the machine', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade&step=48')
  const speed = page.getByRole('combobox', { name: 'Speed' })
  const before = await speed.inputValue()
  await page.getByRole('button', { name: 'Terminal' }).click()
  const input = page
    .getByRole('region', { name: 'Terminal' })
    .getByRole('textbox', { name: 'Terminal input' })
  await expect(input).toBeFocused()
  // "-" and Space are the player's keys elsewhere: here they are part of the command
  await page.keyboard.type('rpm-ostree status')
  await expect(input).toHaveValue('rpm-ostree status')
  await expect(speed).toHaveValue(before)
})
