import { mkdirSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { expect, open, test } from './fixtures'

/*
 * The key moments move, from the machine before the step to the machine after: each test stops
 * the page's clock halfway through a step's animation, checks that what is drawn is between the
 * two machines, takes the middle frame (reports/motion/, to look at), then lets the clock run
 * and checks the end is the engine's figure. Tweens run on the page's one clock
 * (requestAnimationFrame and performance.now, which Playwright's clock drives); CSS animations
 * are set to their middle by hand.
 */

const SHOTS = 'reports/motion'
test.use({ viewport: { width: 1440, height: 900 } })

/** Opens `search` with the page's clock installed, the panels drawn and their models computed. */
async function openStill(page: Page, search: string): Promise<void> {
  await page.clock.install()
  await open(page, search)
  // the Hard links model comes from the worker: let it arrive before time stops
  await expect(page.locator('.stage-panels')).not.toHaveAttribute('aria-busy', 'true')
  await page.waitForTimeout(500)
  await page.clock.pauseAt(Date.now() + 60_000)
}

/**
 * Presses →, waits until the panels have drawn the new step (its tweens start then, at the
 * stopped time), and lets `ms` of the page's time pass.
 */
async function stepAndRun(page: Page, ms: number): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Timeline' })
  const at = Number(await slider.inputValue())
  await page.keyboard.press('ArrowRight')
  await expect(slider).toHaveValue(String(at + 1))
  await expect(page.locator('.stage-panels')).not.toHaveAttribute('aria-busy', 'true')
  await page.clock.runFor(ms)
}

async function middleFrame(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

const numberIn = async (locator: Locator, attribute: string) =>
  Number(await locator.getAttribute(attribute))

test('the rename swings /boot/loader from one folder to the other', async ({ page }) => {
  await openStill(page, '?tour=atomic-upgrade&step=21')
  await expect(page.locator('.stage-panels')).toContainText('/boot/loader.tmp →')
  const arrow = page.locator('.loader-link[data-link="loader"]')
  const slot = (dir: string) => page.locator(`.loader-slot[data-dir="${dir}"]`)
  const middle = async (dir: string) => {
    const y = Number((await slot(dir).getAttribute('transform'))?.match(/,([\d.]+)\)/)?.[1])
    return y + 17
  }
  const from = await numberIn(arrow, 'data-to')
  expect(from).toBe(await middle('loader.0'))
  await stepAndRun(page, 350)
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('one rename()')
  const half = await numberIn(arrow, 'data-to')
  expect(half).toBeGreaterThan(from)
  expect(half).toBeLessThan(await middle('loader.1'))
  await middleFrame(page, 'loader-swing')
  await page.clock.runFor(1000)
  await expect(arrow).toHaveAttribute('data-to', (await middle('loader.1')).toFixed(1))
  // the next step removes the folder GRUB no longer reads: it fades where it stood
  await stepAndRun(page, 350)
  const opacity = Number(await slot('loader.0').getAttribute('opacity'))
  expect(opacity).toBeGreaterThan(0.45)
  expect(opacity).toBeLessThan(1)
  await middleFrame(page, 'loader-removed')
  await page.clock.runFor(1000)
  await expect(slot('loader.0')).not.toHaveAttribute('data-present', '')
  await expect(slot('loader.0')).toContainText('not there')
})

test('a pull counts up to the objects and bytes the engine fetched', async ({ page }) => {
  await openStill(page, '?tour=atomic-upgrade&step=2')
  const counts = page.locator('.pull-counts')
  await expect(counts).toContainText('asks only for the objects the repository lacks')
  await stepAndRun(page, 600)
  const caption = (await page.getByRole('region', { name: 'Caption' }).textContent()) ?? ''
  const fetched = Number(/Pull: ([\d,]+) new/.exec(caption)?.[1]?.replaceAll(',', ''))
  expect(fetched).toBeGreaterThan(1000)
  const half = await numberIn(counts, 'data-fetched')
  expect(half).toBeGreaterThan(0)
  expect(half).toBeLessThan(fetched)
  await expect(page.locator('.pull-wire circle')).toHaveCount(6)
  await middleFrame(page, 'pull')
  await page.clock.runFor(1500)
  await expect(counts).toHaveAttribute('data-fetched', String(fetched))
  await expect(page.locator('.pull-wire circle')).toHaveCount(0)
})

test('a checkout grows hard links out of their inodes, link counts rising', async ({ page }) => {
  // the Hard links panel is beside the pull, then in front at the checkout
  await openStill(page, '?tour=atomic-upgrade&step=3')
  const ls = page.locator('.hl-inode').first()
  const links = async () =>
    Number(/^Inode \d+, (\d+) links?/.exec((await ls.locator('title').textContent()) ?? '')?.[1])
  const before = await links()
  expect(before).toBeGreaterThan(1)
  await stepAndRun(page, 1000) // the ref moves: Disk only
  await stepAndRun(page, 200)
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('is checked out')
  const added = page.locator('.hl-path[data-added] rect.hl-box').first()
  const half = await numberIn(added, 'width')
  await middleFrame(page, 'checkout')
  await page.clock.runFor(1000)
  const full = await numberIn(added, 'width')
  expect(half).toBeGreaterThanOrEqual(0)
  expect(half).toBeLessThan(full)
  // the new deployment's /usr/bin/ls is one more name for the same inode
  expect(await links()).toBe(before + 1)
})

test('prepare-root builds the mount stack mount by mount', async ({ page }) => {
  await openStill(page, '?tour=every-boot&step=34')
  const usr = page.locator('[data-focus="mount:/sysroot.tmp/usr"]')
  await expect(usr).toHaveCount(0)
  await stepAndRun(page, 225)
  const y = async () =>
    Number((await usr.getAttribute('transform'))?.match(/,([\d.]+)\)/)?.[1] ?? NaN)
  const half = await y()
  await middleFrame(page, 'mount-stack')
  await page.clock.runFor(1000)
  expect(half).toBeLessThan(await y())
  // the physical root is remounted read-only: the hatching comes in by degrees
  for (let i = 0; i < 3; i++) await stepAndRun(page, 1000)
  await stepAndRun(page, 225)
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('read-only')
  const hatch = page.locator('.mount[data-change="remounted"] .mount-hatch')
  const opacity = await numberIn(hatch, 'opacity')
  expect(opacity).toBeGreaterThan(0)
  expect(opacity).toBeLessThan(1)
  await middleFrame(page, 'mount-read-only')
  await page.clock.runFor(1000)
  await expect(hatch).toHaveAttribute('opacity', '1')
})

test('the /etc merge applies the local changes one by one', async ({ page }) => {
  await openStill(page, '?tour=etc-merge&step=107')
  await stepAndRun(page, 300)
  const rows = page.locator('.etc-panel tr[data-phase]')
  const phases = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-phase')))
  expect(new Set(phases).size).toBeGreaterThan(1)
  await middleFrame(page, 'etc-merge')
  await page.clock.runFor(2500)
  const after = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-phase')))
  expect(new Set(after)).toEqual(new Set(['done']))
})

test('a power cut goes dark; what the disk kept stays lit', async ({ page }) => {
  await open(page, '?tour=pull-the-plug&step=21')
  await page.keyboard.press('ArrowRight')
  const stage = page.locator('.stage-panels')
  await expect(stage).toHaveAttribute('data-power-cut', '')
  // the CSS animations, stopped halfway
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      animation.pause()
      animation.currentTime = 450
    }
  })
  await middleFrame(page, 'power-cut')
  await expect(page.locator('.loader-row')).toHaveAttribute('data-survives', '')
  await expect(page.locator('.card[data-survives]')).not.toHaveCount(0)
  await expect(page.locator('.boot-panel [data-survives]')).toHaveCount(0)
  // the boot after it has the lights on again
  await page.keyboard.press('ArrowRight')
  await expect(stage).not.toHaveAttribute('data-power-cut', '')
})
