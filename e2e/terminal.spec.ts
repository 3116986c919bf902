import type { Page } from '@playwright/test'
import { violations } from './axe'
import { atStep, expect, open, pinPanel, stepOf, terminal, test, typeCommand } from './fixtures'

// Screenshots go outside test-results/, which every Playwright run empties.
const SHOTS = process.env.TERMINAL_SHOTS ?? '/tmp/terminal-shots'

function card(page: Page, index: number) {
  return page
    .getByRole('region', { name: 'Deployments' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `Deployment ${index}` }) })
}

test('the sandbox: upgrade, reboot and roll back from the terminal', async ({ page }) => {
  await open(page, '?tour=sandbox')
  await expect(page.getByRole('combobox', { name: 'Tour' })).toHaveValue('sandbox')
  await expect(page.getByRole('combobox', { name: 'System' })).toHaveValue('fcos')
  await expect(page).toHaveURL(/os=fcos/)
  const { input, output } = terminal(page)
  // Nothing takes the focus by itself.
  await expect(input).not.toBeFocused()
  // the Deployments panel stays in front while the commands act on the machine
  await pinPanel(page, 'Deployments')
  await expect(card(page, 0)).toContainText('39.20231101.3.0')
  await expect(card(page, 1)).toHaveCount(0)

  const before = await stepOf(page)
  await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(output).toContainText('Staging deployment... done')
  await expect(output).toContainText('Run "systemctl reboot" to start a reboot')
  // The command's steps joined the timeline, and the player shows the last of them.
  await expect.poll(() => stepOf(page)).toBeGreaterThan(before)
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled()
  await expect(card(page, 0)).toContainText('staged')
  await expect(card(page, 0)).toContainText('39.20231204.3.3')
  await expect(card(page, 1)).toContainText('booted')

  await typeCommand(page, 'sudo systemctl reboot')
  await expect(output).toContainText('Connection to localhost closed by remote host.')
  await expect(card(page, 0)).toContainText('booted')
  await expect(card(page, 0)).toContainText('39.20231204.3.3')
  await expect(card(page, 1)).toContainText('rollback')

  await typeCommand(page, 'sudo rpm-ostree rollback')
  await expect(output).toContainText(/Moving '[0-9a-f]{64}\.0' to be first deployment/)
  await expect(output).toContainText('Changes queued for next boot')
  await typeCommand(page, 'rpm-ostree status')
  await expect(output).toContainText('State: idle')
  await expect(output).toContainText(/Deployments:\n {2}fedora:fedora\/x86_64\/coreos\/stable/)
  await expect(card(page, 0)).toContainText('39.20231101.3.0')
  await expect(card(page, 1)).toContainText('booted')
  await expect(card(page, 1)).toContainText('39.20231204.3.3')

  // The player can step back into the steps the commands took.
  const end = await stepOf(page)
  await page.getByRole('button', { name: 'Previous step' }).click()
  await atStep(page, end - 1)
})

test('/usr is read-only', async ({ page }) => {
  await open(page, '?tour=sandbox')
  await typeCommand(page, 'touch /usr/x')
  await expect(terminal(page).output).toContainText(
    "touch: cannot touch '/usr/x': Read-only file system",
  )
})

test('RHCOS: after an upgrade, both deployments’ ls are one inode', async ({ page }) => {
  await open(page, '?tour=sandbox&os=rhcos')
  await expect(page.getByRole('combobox', { name: 'System' })).toHaveValue('rhcos')
  await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(terminal(page).output).toContainText('Staging deployment... done')
  await typeCommand(page, 'ls -li /ostree/deploy/*/deploy/*/bin/ls')
  const text = (await terminal(page).output.textContent()) ?? ''
  const lines = text
    .split('\n')
    .filter((line) => /\/ostree\/deploy\/rhcos\/deploy\/.*\/bin\/ls$/.test(line))
  expect(lines).toHaveLength(2)
  const inodes = lines.map((line) => line.trim().split(/\s+/)[0])
  expect(inodes[0]).toMatch(/^\d+$/)
  expect(inodes[1]).toBe(inodes[0])
})

test('a system the link does not know falls back to Fedora CoreOS with a notice', async ({
  page,
}) => {
  await open(page, '?tour=sandbox&os=windows')
  await expect(page.getByRole('status').filter({ hasText: 'system' })).toContainText('“windows”')
  await expect(page.getByRole('combobox', { name: 'System' })).toHaveValue('fcos')
  await expect(page).toHaveURL(/os=fcos/)
  await expect(terminal(page).input).toBeVisible()
  await expect(page.getByRole('region', { name: 'Deployments' })).toContainText('39.20231101.3.0')
})

test('keys: the player’s keys stay out of the input; Escape hands them back', async ({ page }) => {
  await open(page, '?tour=sandbox')
  const { input, output } = terminal(page)
  const at = await stepOf(page)
  await input.click()
  await expect(input).toBeFocused()
  await page.keyboard.type('echo a b')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Home')
  await page.keyboard.press('End')
  expect(await stepOf(page)).toBe(at)
  await page.keyboard.press('Enter')
  await expect(output).toContainText('a b')
  // history, completion and Ctrl-C
  await page.keyboard.press('ArrowUp')
  await expect(input).toHaveValue('echo a b')
  await input.fill('rpm-ostree st')
  await page.keyboard.press('Tab')
  await expect(input).toHaveValue('rpm-ostree status ')
  await expect(input).toBeFocused()
  await page.keyboard.press('Control+C')
  await expect(input).toHaveValue('')
  await expect(output).toContainText('rpm-ostree status ^C')
  await page.keyboard.press('Escape')
  await expect(input).not.toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await atStep(page, at - 1)
  // Typing in the past forks the future, like any act.
  await typeCommand(page, 'sudo touch /var/x')
  await expect(page.getByRole('button', { name: 'Back to the tour' })).toBeVisible()
})

test('axe: the sandbox with its terminal, in both themes', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  for (const theme of ['light', 'dark']) {
    await open(page, `?tour=sandbox&theme=${theme}`)
    await typeCommand(page, 'ls -l /')
    await typeCommand(page, 'ls /usr/l')
    // The terminal, and the header with the system picker; the other panels have their own scans.
    expect(await violations(page, { include: ['section.terminal-panel', 'header'] })).toEqual([])
  }
})

const sizes = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]
for (const size of sizes) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot of the terminal, ${size.name}, ${theme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height })
      await page.emulateMedia({ reducedMotion: 'reduce' })
      await open(page, `?tour=sandbox&theme=${theme}`)
      await page.screenshot({ path: `${SHOTS}/${size.name}-${theme}-top.png` })
      await typeCommand(page, 'sudo ostree admin status')
      await typeCommand(page, 'sudo rpm-ostree upgrade --bypass-driver')
      await typeCommand(page, 'touch /usr/x')
      await terminal(page).input.fill('ls /usr/l')
      await terminal(page).panel.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/${size.name}-${theme}.png` })
      await terminal(page).panel.screenshot({ path: `${SHOTS}/${size.name}-${theme}-panel.png` })
    })
  }
}
