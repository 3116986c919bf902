import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FrameLocator, Page } from '@playwright/test'
import { violations } from './axe'
import { expect, open, showStep, stepOf, test, typeCommand } from './fixtures'

// The pictures exported are kept to be looked at: Playwright empties test-results/, not reports/.
const OUT = join(process.cwd(), 'reports', 'share')

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
})

type Scope = Page | FrameLocator

const shareButton = (scope: Scope) => scope.getByRole('button', { name: 'Share', exact: true })
const menu = (scope: Scope) => scope.getByRole('group', { name: 'Share' })
/** What the menu says it did: a live region beside the button. */
const said = (scope: Scope) => scope.locator('.share').getByRole('status')
const caption = (scope: Scope) => scope.getByRole('region', { name: 'Caption' })

/** Opens Share and picks `item`, as a person does with the pointer. */
async function share(scope: Scope, item: string): Promise<void> {
  await shareButton(scope).click()
  await menu(scope).getByRole('button', { name: item }).click()
}

const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText())

/** Opens `link` in a page of its own and returns it, once its tour is on screen. */
async function openLink(page: Page, link: string): Promise<Page> {
  const other = await page.context().newPage()
  const url = new URL(link)
  expect(url.origin).toBe(new URL(page.url()).origin)
  await open(other, url.search)
  return other
}

/**
 * A slide of another site holding `code`: a page of another origin (localhost, where the site is
 * 127.0.0.1), so the frame gets the clipboard only if its `allow` grants it.
 */
async function slideWith(page: Page, code: string): Promise<FrameLocator> {
  const slide = await page.context().newPage()
  const elsewhere = new URL('/robots.txt', page.url())
  elsewhere.hostname = 'localhost'
  await slide.goto(elsewhere.href)
  await slide.setContent(`<!DOCTYPE html><title>A slide</title><h1>A slide</h1>${code}`)
  return slide.frameLocator('iframe')
}

test('a copied link opens the step shown, not the one the address bar still holds', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade&step=5')
  await showStep(page, 9)
  // at once, before the address bar settles: the link is made from the player
  await share(page, 'Copy link to this step')
  await expect(said(page)).toHaveText('Link copied.')
  const link = await clipboardText(page)
  expect(link).toMatch(/\/\?tour=atomic-upgrade&step=\d+&lang=en$/)
  const text = await caption(page).textContent()

  const other = await openLink(page, link)
  expect(await stepOf(other)).toBe(9)
  await expect(caption(other)).toHaveText(text ?? '')
  // a page of its own: the header is there
  await expect(other.getByRole('banner')).toBeVisible()
})

test('a link copied in the sandbox carries the actions taken, and reopens on the same step', async ({
  page,
}) => {
  await open(page, '?tour=sandbox')
  await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText(
    'Staging deployment... done',
  )
  const step = await stepOf(page)
  const text = await caption(page).textContent()

  await share(page, 'Copy link to this step')
  await expect(said(page)).toHaveText('Link copied.')
  const link = await clipboardText(page)
  expect(link).toMatch(/[?&]actions=1\.[\w-]+/)
  expect(link).toContain('os=fcos')

  const other = await openLink(page, link)
  await expect(caption(other)).toHaveText(text ?? '')
  expect(await stepOf(other)).toBe(step)
  await expect(
    other.getByText(/You acted on the machine: from step \d+ on, the steps are yours/),
  ).toBeVisible()
})

test('the embed code makes a frame for a slide, whose own Share copies', async ({ page }) => {
  await open(page, '?tour=atomic-upgrade&step=5')
  const text = await caption(page).textContent()
  await share(page, 'Copy embed code for a slide')
  await expect(said(page)).toHaveText('Embed code copied.')
  const code = await clipboardText(page)
  expect(code).toMatch(
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;tour=atomic-upgrade&amp;step=5&amp;lang=en" title="CoreOS Explorer: Anatomy of an atomic upgrade" width="960" height="600" style="border: 0" allow="clipboard-write; fullscreen"><\/iframe>$/,
  )

  const frame = await slideWith(page, code)
  await expect(caption(frame)).toHaveText(text ?? '', { timeout: 30_000 })
  // embedded: no header, and Share is in the player bar
  await expect(frame.getByRole('banner')).toHaveCount(0)
  await share(frame, 'Copy link to this step')
  await expect(said(frame)).toHaveText('Link copied.')
  expect(await clipboardText(page)).toMatch(/\/\?tour=atomic-upgrade&step=5&lang=en$/)
})

test('a frame that may not write to the clipboard shows the link selected, to copy by hand', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade&step=5')
  await share(page, 'Copy embed code for a slide')
  await expect(said(page)).toHaveText('Embed code copied.')
  // the same frame without `allow`: the browser refuses it the clipboard
  const code = (await clipboardText(page)).replace(/ allow="[^"]*"/, '')
  const frame = await slideWith(page, code)
  await expect(frame.getByRole('slider', { name: 'Timeline' })).toBeEnabled({ timeout: 30_000 })

  await share(frame, 'Copy link to this step')
  const field = frame.getByRole('textbox', { name: 'Link to this step' })
  await expect(field).toBeFocused()
  const link = await field.inputValue()
  expect(link).toMatch(/\/\?tour=atomic-upgrade&step=5&lang=en$/)
  expect(
    await field.evaluate((e: HTMLTextAreaElement) => [e.selectionStart, e.selectionEnd]),
  ).toEqual([0, link.length])
  await expect(menu(frame)).toContainText('The text is selected: copy it with Ctrl+C')
  await expect(said(frame)).toContainText('This page may not use the clipboard here.')
})

test('the view downloads as a PNG at slide size and as an SVG, dark as on screen', async ({
  page,
}) => {
  mkdirSync(OUT, { recursive: true })
  await open(page, '?tour=atomic-upgrade&step=5&theme=dark')
  // the hard links' diagram is drawn once the engine has counted them
  await expect(page.getByRole('region', { name: 'Hard links' })).toContainText('/usr/bin/ls')
  const words = ((await page.locator('.caption-text').textContent()) ?? '').trim()
  expect(words.length).toBeGreaterThan(20)

  const files: Record<string, string> = {}
  for (const format of ['png', 'svg']) {
    const downloading = page.waitForEvent('download')
    await share(page, `Download picture (${format.toUpperCase()})`)
    const download = await downloading
    const name = `coreos-explorer-atomic-upgrade-step-5.${format}`
    expect(download.suggestedFilename()).toBe(name)
    files[format] = join(OUT, name)
    await download.saveAs(files[format])
    await expect(said(page)).toHaveText(`Picture downloaded: ${name}`)
  }

  // PNG: the signature, then the IHDR chunk's width and height
  const png = readFileSync(files['png'] ?? '')
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR')
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)]
  expect(width).toBeGreaterThanOrEqual(1600)
  expect(height).toBeGreaterThan(width / 3)

  // SVG: well-formed, with the caption's words, the tour and the step, in the dark theme
  const svg = readFileSync(files['svg'] ?? '', 'utf8')
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      text: doc.querySelector('foreignObject')?.textContent ?? '',
    }
  }, svg)
  expect(parsed.error).toBeNull()
  expect(parsed.root).toBe('svg')
  expect(parsed.text).toContain(words)
  expect(parsed.text).toContain('Anatomy of an atomic upgrade')
  expect(parsed.text).toContain('Step 5 of')
  expect(parsed.text).toContain('/usr/bin/ls')
  // the page's dark background, resolved
  expect(svg).toContain('background:rgb(14, 18, 23)')
  // and it draws as an image
  const drawn = await page.evaluate(async (text) => {
    const image = new Image()
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`
    await image.decode()
    return image.naturalWidth
  }, svg)
  expect(drawn).toBeGreaterThan(900)
})

test('the menu works from the keyboard: Enter opens, arrows move, Escape closes', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade&step=5')
  const button = shareButton(page)
  await button.focus()
  await page.keyboard.press('Enter')
  await expect(menu(page)).toBeVisible()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(menu(page).getByRole('button', { name: 'Copy link to this step' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(
    menu(page).getByRole('button', { name: 'Copy embed code for a slide' }),
  ).toBeFocused()
  // End is the list's last item here, not the tour's last step
  await page.keyboard.press('End')
  await expect(menu(page).getByRole('button', { name: 'Download picture (SVG)' })).toBeFocused()
  expect(await stepOf(page)).toBe(5)
  await page.keyboard.press('Escape')
  await expect(menu(page)).toBeHidden()
  await expect(button).toBeFocused()
  await expect(button).toHaveAttribute('aria-expanded', 'false')

  // Space opens it too (and does not play the tour); Tab past its last item closes it
  await page.keyboard.press(' ')
  await expect(menu(page)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible()
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab')
  await expect(menu(page).getByRole('button', { name: 'Download picture (SVG)' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(menu(page)).toBeHidden()
})

test('axe: the open list, a confirmation and the field to copy by hand, in both themes', async ({
  page,
}) => {
  for (const theme of ['light', 'dark']) {
    await open(page, `?tour=atomic-upgrade&step=5&theme=${theme}&embed=1`)
    await shareButton(page).click()
    await expect(menu(page)).toBeVisible()
    const axe = () => violations(page, { include: '.share' })
    expect(await axe()).toEqual([])
    // the clipboard refused: the field shows in the list
    await page.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('no', 'NotAllowedError'))
    })
    await menu(page).getByRole('button', { name: 'Copy link to this step' }).click()
    await expect(menu(page).getByRole('textbox')).toBeFocused()
    expect(await axe()).toEqual([])
    await page.keyboard.press('Escape')
    // the clipboard back as it was
    await page.evaluate(() => {
      delete (navigator.clipboard as { writeText?: unknown }).writeText
    })
    await share(page, 'Copy embed code for a slide')
    await expect(said(page)).toHaveText('Embed code copied.')
    expect(await axe()).toEqual([])
  }
})
