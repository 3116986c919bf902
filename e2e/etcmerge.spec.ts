import type { Locator, Page } from '@playwright/test'
import { atStep, expect, open, showPanel, stepOf, stepUntil, test, typeCommand } from './fixtures'

// Screenshots go outside test-results/, which every Playwright run empties.
const SHOTS = process.env.ETC_SHOTS ?? '/tmp/etcmerge-shots'

/**
 * Opens a link to the merge tour. The tour builds three RHEL CoreOS releases at their real size
 * the first time, which takes longer than the other tours: the wait is longer than `open`'s.
 */
/** The tour, its steps all in: this one is long to compute (many edits of /etc). */
const openTour = (page: Page, search: string) => open(page, search, 60_000)

function panelOf(page: Page, name = '/etc merge'): Locator {
  return page.getByRole('region', { name, exact: true })
}

/** The row of a path in the panel's table (its header cell is the path). */
function row(panel: Locator, path: string): Locator {
  return panel
    .getByRole('row')
    .filter({ has: panel.page().getByRole('rowheader', { name: path, exact: true }) })
}

/** The cell of a row under a column (the narrow layout repeats the column's name in each cell). */
function cell(panel: Locator, path: string, column: number): Locator {
  return row(panel, path).getByRole('cell').nth(column)
}

async function terminalRun(page: Page, line: string): Promise<void> {
  await showPanel(page, 'Terminal')
  await typeCommand(page, line)
}

/** Fills the editor and presses one of its buttons; the edit adds a step to the timeline. */
async function edit(
  panel: Locator,
  page: Page,
  fields: { path: string; content?: string; mode?: string; target?: string },
  button: string,
): Promise<void> {
  const before = await stepOf(page)
  await panel.getByRole('textbox', { name: 'Path' }).fill(fields.path)
  await panel.getByRole('textbox', { name: 'Content' }).fill(fields.content ?? '')
  await panel.getByRole('textbox', { name: 'Mode (octal)' }).fill(fields.mode ?? '')
  await panel.getByRole('textbox', { name: 'Symlink target' }).fill(fields.target ?? '')
  await panel.getByRole('group', { name: 'Edits' }).getByRole('button', { name: button }).click()
  await expect.poll(() => stepOf(page)).toBeGreaterThan(before)
}

test('edits made in the panel go through the merge of an upgrade', async ({ page }) => {
  test.setTimeout(90_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=sandbox&theme=light')
  const panel = await showPanel(page, '/etc merge')
  await expect(panel).toContainText('as ostree admin config-diff lists them')

  await panel.getByRole('button', { name: 'Edit /etc' }).click()
  await expect(panel.getByRole('button', { name: 'Edit /etc' })).toHaveAttribute(
    'aria-expanded',
    'true',
  )
  // A bad path is refused with a message, and no step is added.
  const at = await stepOf(page)
  await panel.getByRole('textbox', { name: 'Path' }).fill('/usr/etc/hosts')
  await panel.getByRole('button', { name: 'Save the file' }).click()
  await expect(panel.getByRole('alert')).toHaveText(
    '/usr/etc/hosts is not under /etc: only /etc is yours to change (/usr is read-only).',
  )
  await expect(panel.getByRole('textbox', { name: 'Path' })).toHaveAttribute('aria-invalid', 'true')
  await expect(panel.getByRole('textbox', { name: 'Path' })).toBeFocused()
  expect(await stepOf(page)).toBe(at)

  await edit(
    panel,
    page,
    { path: '/etc/chrony.conf', content: 'server time.example.com iburst\n' },
    'Save the file',
  )
  await expect(panel.getByRole('alert')).toHaveCount(0)
  await expect(cell(panel, 'chrony.conf', 1)).toHaveText(/edited/)
  await expect(cell(panel, 'chrony.conf', 2)).toHaveText(/M\s*modified/)
  await edit(panel, page, { path: '/etc/motd' }, 'Delete')
  await expect(cell(panel, 'motd', 2)).toHaveText(/D\s*deleted/)
  await edit(panel, page, { path: '/etc/hosts', mode: '600' }, 'Change the mode')
  await expect(cell(panel, 'hosts', 1)).toHaveText(/chmod 600/)
  await edit(panel, page, { path: 'myapp.conf', content: 'color = blue\n' }, 'Save the file')
  await edit(panel, page, { path: '/etc/myapp.d' }, 'Make a directory')
  await edit(
    panel,
    page,
    { path: '/etc/myapp.d/10-listen.conf', content: 'listen = 8080\n' },
    'Save the file',
  )
  await edit(
    panel,
    page,
    { path: '/etc/localtime', target: '../usr/share/zoneinfo/Europe/Paris' },
    'Make a symlink',
  )
  await expect(cell(panel, 'localtime', 1)).toHaveText(/retargeted/)
  await expect(cell(panel, 'myapp.d/10-listen.conf', 2)).toHaveText(/A\s*added/)
  await page.screenshot({ path: `${SHOTS}/edited.png` })

  // Staged: the panel shows what the merge would do at shutdown.
  await terminalRun(page, 'sudo rpm-ostree upgrade --bypass-driver')
  await expect(panel).toContainText('A deployment is staged. Nothing is merged yet')
  await expect(cell(panel, 'chrony.conf', 3)).toHaveText(/local copy/)

  await terminalRun(page, 'sudo systemctl reboot')
  await expect(panel).toContainText('The new deployment’s /etc came from this merge')
  const expected: [string, RegExp, RegExp][] = [
    ['chrony.conf', /local copy/, /local wins/],
    ['motd', /gone/, /stays deleted/],
    ['hosts', /local copy/, /mode only: counts as modified/],
    ['myapp.conf', /local copy/, /added locally: copied/],
    ['myapp.d', /local copy/, /added locally: copied/],
    ['myapp.d/10-listen.conf', /local copy/, /added locally: copied/],
    ['localtime', /local copy/, /symlink retargeted: local wins/],
  ]
  for (const [path, result, rule] of expected) {
    await expect(cell(panel, path, 3), path).toHaveText(result)
    await expect(cell(panel, path, 4), path).toHaveText(rule)
  }

  // The text diff of a file, on demand.
  await row(panel, 'chrony.conf').getByRole('button', { name: 'chrony.conf' }).click()
  const details = panel.getByRole('region', { name: 'Details of chrony.conf' })
  await expect(details).toContainText('Changed locally, not upstream: the local copy is kept.')
  await details.getByRole('button', { name: 'New → result' }).click()
  const diff = details.getByLabel('Text diff, New → result')
  await expect(diff).toContainText('+ server time.example.com iburst')
  await expect(diff).toContainText('- # Use public servers from the pool.ntp.org project.')
  await page.screenshot({ path: `${SHOTS}/merged-sandbox.png` })

  // The files of the new /etc, as the shell reads them.
  const output = page.getByRole('log', { name: 'Terminal output' })
  await terminalRun(page, 'cat /etc/chrony.conf /etc/myapp.d/10-listen.conf')
  await expect(output).toContainText('server time.example.com iburst\nlisten = 8080')
  await terminalRun(page, 'ls -l /etc/hosts /etc/localtime /etc/motd')
  await expect(output).toContainText("ls: cannot access '/etc/motd': No such file or directory")
  await expect(output).toContainText(/-rw-------\. 1 root root \d+ .* \/etc\/hosts/)
  await expect(output).toContainText('/etc/localtime -> ../usr/share/zoneinfo/Europe/Paris')
})

test('the tour "Three-way merge of /etc", in English then in French', async ({ page }) => {
  test.setTimeout(120_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await openTour(page, '?tour=etc-merge&theme=light')
  await expect(page.getByRole('combobox', { name: 'Tour' })).toHaveValue('etc-merge')
  const panel = panelOf(page)

  const failedAt = await stepUntil(page, /^Finalization failed: During \/etc merge/)
  await expect(panel).toContainText(
    "The merge stops: During /etc merge: Modified config file newly defaults to directory 'containers/registries.conf.d', cannot merge.",
  )
  await expect(cell(panel, 'containers/registries.conf.d', 3)).toHaveText(/cannot merge/)
  await expect(cell(panel, 'containers/registries.conf.d', 4)).toHaveText(
    /fails: new default is a directory/,
  )

  const mergedAt = await stepUntil(page, /^The \/etc three-way merge/)
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText(
    'Look at chrony.conf: changed here and upstream, the local file wins whole',
  )
  const cases: [string, RegExp, RegExp][] = [
    ['motd', /new default/, /new default wins/],
    ['chrony.conf', /local copy/, /local wins, upstream change lost/],
    ['sysconfig/crio-network', /local copy/, /local survives removal/],
    ['hosts', /local copy/, /local wins$/],
    ['issue', /gone/, /stays deleted/],
    ['NetworkManager/dispatcher.d/20-coreos-chrony-dhcp', /local copy/, /mode only/],
    ['localtime', /local copy/, /symlink retargeted/],
    ['myapp.conf', /local copy/, /added locally/],
    ['myapp.d/10-listen.conf', /local copy/, /added locally/],
  ]
  for (const [path, result, rule] of cases) {
    await expect(cell(panel, path, 3), path).toHaveText(result)
    await expect(cell(panel, path, 4), path).toHaveText(rule)
  }
  await page.screenshot({ path: `${SHOTS}/tour-merged-en.png` })
  await page.keyboard.press('End')
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText(
    'The new deployment runs on the merged /etc',
  )
  await showPanel(page, '/etc merge')
  await expect(panel).toContainText('The new deployment’s /etc came from this merge')

  // The same steps in French: the language changes on the page, the timeline stays.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
  const slider = page.getByRole('slider', { name: 'Chronologie' })
  await slider.fill(String(failedAt))
  await atStep(page, failedAt)
  const fr = panelOf(page, 'Fusion de /etc')
  await expect(page.getByRole('region', { name: 'Légende' })).toContainText(
    'La fusion s’arrête sur containers/registries.conf.d',
  )
  await expect(cell(fr, 'containers/registries.conf.d', 3)).toHaveText(/fusion impossible/)
  await slider.fill(String(mergedAt))
  await atStep(page, mergedAt)
  await expect(page.getByRole('region', { name: 'Légende' })).toContainText('Regardez chrony.conf')
  await expect(cell(fr, 'chrony.conf', 4)).toHaveText(
    /le local l’emporte, le changement amont est perdu/,
  )
  await expect(cell(fr, 'motd', 3)).toHaveText(/nouveau défaut/)
  await page.screenshot({ path: `${SHOTS}/tour-merged-fr.png` })
  await page.keyboard.press('End')
  await expect(page.getByRole('region', { name: 'Légende' })).toContainText(
    'Le nouveau déploiement tourne sur le /etc fusionné',
  )
})

test('the panel at a phone’s width: each path a card', async ({ page }) => {
  test.setTimeout(90_000)
  await page.setViewportSize({ width: 390, height: 844 })
  await page.emulateMedia({ reducedMotion: 'reduce' })
  // At the end of the tour the panel shows the merge that made the running deployment.
  await openTour(page, '?tour=etc-merge&theme=dark')
  await page.keyboard.press('End')
  const panel = await showPanel(page, '/etc merge')
  await expect(panel).toContainText('The new deployment’s /etc came from this merge')
  const chrony = row(panel, 'chrony.conf')
  await chrony.scrollIntoViewIfNeeded()
  await expect(cell(panel, 'chrony.conf', 3)).toHaveText(/Result\s*local copy/)
  const box = await chrony.boundingBox()
  expect(box?.width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: `${SHOTS}/narrow-end.png` })
})
