import type { Page } from '@playwright/test'
import { expect, open, test } from './fixtures'

async function panelBoxes(page: Page) {
  const panels = page.locator('section.panel')
  await expect(panels.first()).toBeVisible()
  const boxes = []
  for (const panel of await panels.all()) {
    const box = await panel.boundingBox()
    if (box) boxes.push(box)
  }
  return boxes
}

test('panels sit side by side at 1280x800', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  // Late in the tour the machine runs, so every panel has something to show.
  await open(page, '?step=30')
  const boxes = await panelBoxes(page)
  expect(boxes.length).toBeGreaterThanOrEqual(3)
  const top = boxes[0]?.y ?? 0
  const firstRow = boxes.filter((b) => Math.abs(b.y - top) < 2)
  expect(firstRow.length).toBeGreaterThanOrEqual(2)
  expect(firstRow.length).toBeLessThanOrEqual(3)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
})

test('panels stack at 390x844, with nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await open(page, '?step=30')
  const boxes = await panelBoxes(page)
  for (const box of boxes) expect(Math.round(box.width)).toBeLessThanOrEqual(390)
  const xs = new Set(boxes.map((b) => Math.round(b.x)))
  expect(xs.size).toBe(1)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport()
})
