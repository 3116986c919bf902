import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FrameLocator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * A reveal.js deck (e2e/deck/index.html, reveal.js from node_modules) holds a tour in an iframe on
 * its second slide, as a presenter's deck does, and is driven by the keys a clicker sends. The deck
 * is served from another origin than the site (localhost, not 127.0.0.1), as a deck usually is.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
let server: Server
let deck: string

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://deck').pathname
    const [, asset] = path.split('/reveal/')
    if (asset !== undefined && /^[\w./-]+$/.test(asset) && !asset.includes('..')) {
      const type = asset.endsWith('.css') ? 'text/css' : 'text/javascript'
      response.writeHead(200, { 'content-type': type })
      response.end(readFileSync(join(root, 'node_modules/reveal.js/dist', asset)))
      return
    }
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(readFileSync(join(root, 'e2e/deck/index.html')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  deck = `http://localhost:${(server.address() as AddressInfo).port}/deck/`
})

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test.use({ viewport: { width: 1024, height: 768 } })

interface TourEvent {
  eventName: string
  state: { step: number; playing: boolean; tour: string }
  key?: string
  command?: string
}

const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { tourEvents: TourEvent[] }).tourEvents)
const lastStep = async (page: Page) => (await events(page)).at(-1)?.state.step

/** Opens the deck on slide `slide` (from 0) with the tour at `tour` (a query string) on slide 1. */
async function openDeck(
  page: Page,
  tour: string,
  slide = 1,
  load: 'lazy' | 'eager' = 'lazy',
): Promise<FrameLocator> {
  const src = new URL(`./${tour}`, test.info().project.use.baseURL).href
  await page.goto(`${deck}?src=${encodeURIComponent(src)}&load=${load}#/${slide}`)
  return page.frameLocator('#tour')
}

/** Posts `message` from the deck to the tour, as a deck's script does. */
function post(page: Page, message: unknown) {
  return page.evaluate((data) => {
    const frame = document.getElementById('tour') as HTMLIFrameElement
    frame.contentWindow?.postMessage(data, '*')
  }, message)
}

/** The deck's slide, from 0. */
const slide = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h,
  )

test('the deck keeps the keys when it loads, and the tour says it is ready', async ({ page }) => {
  await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5')
  await expect.poll(() => events(page).then((e) => e.map((x) => x.eventName))).toContain('ready')
  expect((await events(page)).find((e) => e.eventName === 'ready')?.state).toMatchObject({
    tour: 'atomic-upgrade',
    step: 5,
    playing: false,
  })
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY')
  // the clicker still moves the deck
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => slide(page)).toBe(2)
})

test('a command from the deck steps the tour, and the tour says where it is', async ({ page }) => {
  const frame = await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5')
  // sent while the tour computes: it runs once the tour is ready
  await post(page, JSON.stringify({ method: 'next' }))
  await expect
    .poll(() =>
      events(page).then((e) => e.some((x) => x.eventName === 'stepchanged' && x.state.step === 6)),
    )
    .toBe(true)
  await post(page, { method: 'goto', args: [9] })
  await expect(frame.locator('.position')).toHaveText(/^Step 9 of/)
  await post(page, { method: 'getState' })
  await expect
    .poll(async () => (await events(page)).at(-1))
    .toMatchObject({
      eventName: 'callback',
      command: 'getState',
      state: { step: 9 },
    })
})

test('slide:start plays a tour that asks to, and slide:stop pauses it', async ({ page }) => {
  // the deck opens on the slide before; the tour's frame loads when its slide is shown
  const frame = await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5&autoplay=1&speed=4', 0)
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => slide(page)).toBe(1)
  await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible()
  await expect.poll(() => lastStep(page)).toBeGreaterThan(5)
  await post(page, 'slide:stop')
  await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible()
  const stopped = await lastStep(page)
  await page.waitForTimeout(1200)
  expect(await lastStep(page)).toBe(stopped)
  // a tour that does not ask to play stays still when its slide is shown
  const still = await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5', 0)
  await page.keyboard.press('ArrowRight')
  await expect(still.locator('.position')).toHaveText(/^Step 5 of/)
  await post(page, 'slide:start')
  await page.waitForTimeout(1200)
  await expect(still.getByRole('button', { name: 'Play' })).toBeVisible()
})

test('a frame loaded with the deck does not play before its slide is shown', async ({ page }) => {
  // a pasted embed code: src, so the frame loads while the slide before is shown
  const frame = await openDeck(
    page,
    '?tour=atomic-upgrade&embed=1&step=5&autoplay=1&speed=4',
    0,
    'eager',
  )
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  await page.waitForTimeout(2000)
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible()
  await page.keyboard.press('ArrowRight')
  await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible()
  await expect.poll(() => lastStep(page)).toBeGreaterThan(5)
  // leaving the slide pauses it; the frame stays loaded
  await page.keyboard.press('ArrowRight')
  await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible()
})

test('after a click into the tour, its keys step it; Escape gives them back to the deck', async ({
  page,
}) => {
  const frame = await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5')
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  await frame.getByRole('region', { name: 'Caption' }).click()
  await page.keyboard.press('ArrowRight')
  await expect(frame.locator('.position')).toHaveText(/^Step 6 of/)
  await page.keyboard.press('PageDown')
  await expect(frame.locator('.position')).toHaveText(/^Step 7 of/)
  expect(await slide(page)).toBe(1)
  await page.keyboard.press('Escape')
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('BODY')
  // Escape itself does nothing to the deck (reveal's overview stays closed)
  expect(await page.locator('.reveal.overview').count()).toBe(0)
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => slide(page)).toBe(2)
})

test('Right at the last step moves the deck on, and Left at the first moves it back', async ({
  page,
}) => {
  const frame = await openDeck(page, '?tour=atomic-upgrade&embed=1&from=5&to=6&step=6')
  await expect(frame.locator('.position')).toHaveText(/^Step 2 of 2/)
  await frame.getByRole('region', { name: 'Caption' }).click()
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => slide(page)).toBe(2)
  expect((await events(page)).at(-1)).toMatchObject({ eventName: 'keydown', key: 'ArrowRight' })
  // the next press is the deck's
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => slide(page)).toBe(1)

  const back = await openDeck(page, '?tour=atomic-upgrade&embed=1&from=5&to=6&step=5')
  await expect(back.locator('.position')).toHaveText(/^Step 1 of 2/)
  await back.getByRole('region', { name: 'Caption' }).click()
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => slide(page)).toBe(0)
})

test('keys the tour does not use go to the deck: the clicker’s blank button pauses and blanks', async ({
  page,
}) => {
  const frame = await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5')
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  await frame.getByRole('button', { name: 'Play' }).click()
  await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible()
  await page.keyboard.press('b')
  await expect(frame.getByRole('button', { name: 'Play' })).toBeVisible()
  await expect(page.locator('.reveal.paused')).toHaveCount(1)
})

test('garbage and unknown messages change nothing and throw nothing', async ({ page, errors }) => {
  const frame = await openDeck(page, '?tour=atomic-upgrade&embed=1&step=5')
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  const garbage = [
    '{"method":',
    'slide:starts',
    { method: 'explode' },
    { method: 'goto', args: ['nine'] },
    { method: 'goto', args: [-1] },
    { namespace: 'reveal', method: 'next' },
    { method: 'setState', args: [{ step: 'x', theme: 'neon', speed: 99 }] },
    [1, 2, 3],
    42,
    null,
  ]
  for (const message of garbage) await post(page, message)
  await post(page, { method: 'getState' })
  await expect.poll(async () => (await events(page)).at(-1)?.eventName).toBe('callback')
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  expect((await events(page)).filter((e) => e.eventName === 'stepchanged')).toEqual([])
  expect(errors).toEqual([])
})

test('a page the link does not allow cannot drive the tour, nor hear it', async ({ page }) => {
  const frame = await openDeck(
    page,
    '?tour=atomic-upgrade&embed=1&step=5&origins=https://slides.example.org',
  )
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  await post(page, { method: 'next' })
  await post(page, { method: 'goto', args: [12] })
  await page.waitForTimeout(500)
  await expect(frame.locator('.position')).toHaveText(/^Step 5 of/)
  expect(await events(page)).toEqual([])
})

test('the link says how the slide shows: panels, controls, range, scale and speed', async ({
  page,
}) => {
  await page.goto(
    './?tour=atomic-upgrade&embed=1&step=5&panels=deployments&controls=none&scale=1.5',
  )
  await expect(page.locator('[data-slot="deployments"]')).toBeVisible()
  // one panel: no tabs to choose from; no player: the caption alone
  await expect(page.getByRole('toolbar', { name: 'Panels' })).toBeHidden()
  await expect(page.getByRole('button', { name: 'Next' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('checked out')
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
    '24px',
  )
  // the keys still step it once it has focus
  await page.getByRole('region', { name: 'Caption' }).click()
  await page.keyboard.press('ArrowRight')
  await expect(page).toHaveURL(/step=6/)

  await page.goto('./?tour=atomic-upgrade&embed=1&chapter=switch&controls=minimal&speed=4')
  await expect(page.locator('.position')).toHaveText(/^Step 1 of \d+$/)
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible()
  const total = Number((await page.locator('.position').textContent())?.match(/of (\d+)/)?.[1])
  await page.locator('.caption').click()
  await page.keyboard.press('End')
  await expect(page.locator('.position')).toHaveText(`Step ${total} of ${total}`)

  await page.goto('./?tour=atomic-upgrade&embed=1&panels=disk,nope&speed=9&to=nowhere-chapter')
  // what makes no sense is said, and the rest works
  const notices = page.getByRole('status').filter({ hasText: 'nope' })
  await expect(notices).toContainText('“9”')
  await expect(notices).toContainText('nowhere-chapter')
  await expect(page.locator('.position')).toHaveText(/^Step 1 of \d+$/)
  await expect(page.getByRole('toolbar', { name: 'Panels' })).toBeHidden()
})

test('in the projector theme the back row reads it: large type, the ringed element in view', async ({
  page,
}) => {
  const frame = await openDeck(
    page,
    '?tour=atomic-upgrade&embed=1&step=22&theme=projector&controls=minimal',
  )
  const ringed = frame.locator('[data-focused]')
  await expect(ringed).toBeVisible()
  await expect(frame.locator('.position')).toHaveText('Step 22 of 48')
  const size = await frame
    .locator('.caption-text')
    .evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
  expect(size).toBeGreaterThanOrEqual(22)
  // what the step is about is inside the frame, not scrolled away
  const box = await ringed.boundingBox()
  const view = await page.locator('#tour').boundingBox()
  expect(box && view).toBeTruthy()
  if (box && view) {
    expect(box.y).toBeGreaterThanOrEqual(view.y)
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height)
  }
  await page.screenshot({ path: 'reports/deck/projector-1024x768.png' })
})
