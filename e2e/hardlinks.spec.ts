import { expect, open, showPanel, stepUntil, test } from './fixtures'

// The discover tour runs at real scale (about 20,000 files per deployment): give it time.
test.describe.configure({ timeout: 120_000 })

test('after an upgrade, /usr/bin/ls is one inode with link count 3 in both deployments', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=discover', 120_000)
  await stepUntil(page, /is staged/)
  const panel = await showPanel(page, 'Hard links')
  const ls = panel.getByRole('button', { name: /^\/usr\/bin\/ls in deployment \d: inode \d+/ })
  await expect(ls).toHaveCount(2)
  const labels = await ls.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')))
  const ino = /inode (\d+)/.exec(labels[0] ?? '')?.[1]
  expect(labels).toEqual([
    `/usr/bin/ls in deployment 0: inode ${ino}, 3 links`,
    `/usr/bin/ls in deployment 1: inode ${ino}, 3 links`,
  ])
  // shown as text on both deployments' paths, not by colour alone
  for (const node of await ls.all()) await expect(node).toContainText(`inode ${ino} · 3 links`)

  await panel.getByRole('button', { name: /^\/usr\/bin\/ls in deployment 0/ }).click()
  for (const node of await ls.all()) await expect(node).toHaveAttribute('aria-pressed', 'true')
  await expect(panel.getByText(`Inode ${ino} (`)).toContainText('has 3 names')
  const names = panel.getByRole('listitem').filter({ hasText: '/usr/bin/ls in deployment' })
  await expect(names).toHaveText(['/usr/bin/ls in deployment 0', '/usr/bin/ls in deployment 1'])
  await expect(panel.getByText(/^Link count 3: the repository's object plus 2 paths/)).toBeVisible()

  // the keyboard: Enter on a selected path clears the selection
  await ls.nth(1).focus()
  await page.keyboard.press('Enter')
  for (const node of await ls.all()) await expect(node).toHaveAttribute('aria-pressed', 'false')
})

test('a changed file is two inodes with link count 2 each', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=discover', 120_000)
  await stepUntil(page, /is staged/)
  const panel = await showPanel(page, 'Hard links')
  const bash = panel.getByRole('button', { name: /^\/usr\/bin\/bash in deployment/ })
  const labels = await bash.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')))
  expect(labels).toHaveLength(2)
  const inos = labels.map((label) => /inode (\d+), 2 links$/.exec(label ?? '')?.[1])
  expect(inos.every(Boolean)).toBe(true)
  expect(new Set(inos).size).toBe(2)
})
