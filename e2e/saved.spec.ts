import type { Page } from '@playwright/test'
import { violations } from './axe'
import { atStep, expect, open, stepOf, terminal, test, typeCommand } from './fixtures'

// Screenshots go outside test-results/, which every Playwright run empties.
const SHOTS = process.env.SAVED_SHOTS ?? '/tmp/saved-shots'
const KEY = 'coreos-explorer:sandbox:v1'

const timeline = (page: Page) => page.getByRole('slider', { name: 'Timeline' })
const notice = (page: Page, text: RegExp) => page.locator('.notice').filter({ hasText: text })
const saved = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY)

/** The saved sandbox, once it holds what the page shows: `count` actions at step `step`. */
async function savedAt(page: Page, step: number): Promise<void> {
  await expect
    .poll(async () => {
      const value = await saved(page)
      return value === null
        ? null
        : (JSON.parse(value) as { sandboxes: { fcos?: { step: number } } })
    })
    .toMatchObject({ sandboxes: { fcos: { step: step - 1 } } })
}

/** In the sandbox, upgrades from the terminal and steps back one: the step and the steps to find again. */
async function upgradeAndStepBack(page: Page): Promise<{ step: number; total: string | null }> {
  await open(page, '?tour=sandbox')
  await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(terminal(page).output).toContainText('Staging deployment... done')
  const end = await stepOf(page)
  await page.getByRole('button', { name: 'Previous step' }).click()
  await atStep(page, end - 1)
  await savedAt(page, end - 1)
  return { step: end - 1, total: await timeline(page).getAttribute('max') }
}

test('the sandbox comes back as it was left, without the link, and can start afresh', async ({
  page,
}) => {
  const { step, total } = await upgradeAndStepBack(page)
  const written = await saved(page)

  // opened again without the actions in the address
  await open(page, '?tour=sandbox')
  const restored = notice(page, /as you left it in this browser \(1 action on the machine\)/)
  await expect(restored).toBeVisible()
  await atStep(page, step)
  await expect(timeline(page)).toHaveAttribute('max', total ?? '')
  await expect(terminal(page).output).toContainText('Staging deployment... done')
  await expect(page).toHaveURL(/actions=1\./)
  expect(await saved(page)).toBe(written)
  await page.screenshot({ path: `${SHOTS}/restored-1440.png` })

  // the tour menu opens it too
  await page.getByRole('combobox', { name: 'Tour' }).selectOption('discover')
  await expect(page.getByRole('combobox', { name: 'Tour' })).toHaveValue('discover')
  await page.getByRole('combobox', { name: 'Tour' }).selectOption('sandbox')
  await atStep(page, step)
  await expect(restored).toHaveCount(2)

  await restored.first().getByRole('button', { name: 'Start afresh' }).click()
  await expect(restored).toHaveCount(1)
  await restored.getByRole('button', { name: 'Dismiss' }).click()
  await expect(restored).toHaveCount(0)
  await expect(terminal(page).output).toBeEmpty()
  await expect(timeline(page)).not.toHaveAttribute('max', total ?? '')
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled()
  await expect(page).not.toHaveURL(/actions=/)
  await expect.poll(() => saved(page)).toBeNull()

  await open(page, '?tour=sandbox')
  await expect(page.locator('.notice')).toHaveCount(0)
  await expect(terminal(page).output).toBeEmpty()
})

test('a link with other actions wins, and the reader’s own sandbox stays one click away', async ({
  page,
}) => {
  await open(page, '?tour=sandbox')
  await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(terminal(page).output).toContainText('Staging deployment... done')
  // the address once the upgrade is in: a link to it
  await expect(page).toHaveURL(/actions=1\./)
  const link = new URL(page.url())
  await typeCommand(page, 'sudo systemctl reboot')
  await expect(terminal(page).output).toContainText('Connection to localhost closed')
  const mine = await stepOf(page)
  await savedAt(page, mine)

  await open(page, link.search)
  const kept = notice(page, /This link opens a sandbox of its own/)
  await expect(kept).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/kept-1280.png` })
  await expect.poll(() => stepOf(page)).toBeLessThan(mine)
  await kept.getByRole('button', { name: 'Open my sandbox' }).click()
  await expect(notice(page, /\(2 actions on the machine\)/)).toBeVisible()
  await atStep(page, mine)
  await expect(terminal(page).output).toContainText('Connection to localhost closed')
})

test('a saved sandbox that cannot be read is reset, with a notice, and the sandbox works', async ({
  page,
}) => {
  await open(page, '?tour=sandbox')
  // A page going away writes what it has pending: the garbage comes after, as the next page
  // starts (once: the test goes on in this tab).
  await page.goto('about:blank')
  await page.addInitScript((key) => {
    if (sessionStorage.getItem('garbage written')) return
    sessionStorage.setItem('garbage written', 'yes')
    localStorage.setItem(key, 'garbage')
  }, KEY)
  await open(page, '?tour=sandbox')
  const reset = notice(page, /could not be read, so it was reset/)
  await expect(reset).toBeVisible()
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled()
  await page.screenshot({ path: `${SHOTS}/reset-1440.png` })
  await page.setViewportSize({ width: 390, height: 844 })
  await reset.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/reset-390.png` })
  await page.setViewportSize({ width: 1280, height: 800 })
  expect(await saved(page)).toBeNull()
  await typeCommand(page, 'rpm-ostree status')
  await expect(terminal(page).output).toContainText('State: idle')

  // a valid entry at a step the sandbox does not have, written where nothing is saved over it
  await open(page, '?tour=discover')
  await page.evaluate(
    (key) =>
      localStorage.setItem(
        key,
        JSON.stringify({
          version: 1,
          os: 'fcos',
          sandboxes: {
            fcos: {
              actions: null,
              step: 99999,
              shell: null,
              transcript: [{ prompt: '$ ', line: 'ls', output: '' }],
            },
          },
        }),
      ),
    KEY,
  )
  await open(page, '?tour=sandbox')
  await expect(reset).toBeVisible()
})

test('a page whose storage throws works as before, without a word', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed', 'SecurityError')
      },
    })
  })
  await open(page, '?tour=sandbox')
  await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(terminal(page).output).toContainText('Staging deployment... done')
  await open(page, '?tour=sandbox')
  await expect(page.locator('.notice')).toHaveCount(0)
  await expect(terminal(page).output).toBeEmpty()
  await typeCommand(page, 'rpm-ostree status')
  await expect(terminal(page).output).toContainText('State: idle')
})

test('the notices at 1440×900 and 390×844', async ({ page }) => {
  await upgradeAndStepBack(page)
  await page.setViewportSize({ width: 1440, height: 900 })
  await open(page, '?tour=sandbox')
  const restored = notice(page, /as you left it/)
  await expect(restored).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/restored-1440x900.png` })
  expect(await violations(page, { include: '.notices' })).toEqual([])
  await page.setViewportSize({ width: 390, height: 844 })
  await restored.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/restored-390x844.png` })
  // French
  await open(page, '?tour=sandbox&lang=fr')
  await expect(notice(page, /tel que vous l’avez laissé/)).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/restored-fr-390x844.png` })
})
