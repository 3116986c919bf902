import type { Page } from '@playwright/test'
import { violations } from './axe'
import { atStep, expect, open, showPanel, stepUntil, test } from './fixtures'

// Steps of "First boot with Ignition" (1-based, as in links): the image written, the config given,
// the kargs stage (which reboots), the files stage of the second try, and the end (at the browser's
// scale, src/ui/store/tours.ts).
const INSTALLED = 20
const KARGS = 30
const FILES = 52
const END = 62

const panel = (page: Page) => page.getByRole('region', { name: 'Ignition' })
const config = (page: Page) =>
  panel(page).getByRole('textbox', { name: /Ignition config \(JSON\)/ })
const problems = (page: Page) =>
  panel(page).getByRole('list', { name: 'Problems found in the config' }).getByRole('listitem')

// Screenshots for a person to look at: IGN_SHOTS=<folder> to take them.
const SHOTS = process.env.IGN_SHOTS

/** The whole panel, without the player bar that stays over the bottom of the window. */
async function panelShot(page: Page, path: string): Promise<void> {
  const style = await page.addStyleTag({ content: '.player { visibility: hidden; }' })
  await panel(page).screenshot({ path })
  await style.evaluate((element) => (element as Element).remove())
}

test('"First boot with Ignition" plays to the end: the kargs reboot, then the files', async ({
  page,
}) => {
  await open(page, '?tour=first-boot')
  const total = Number(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max'))
  const caption = page.getByRole('region', { name: 'Caption' })
  const next = page.getByRole('button', { name: 'Next step' })
  for (let step = 1; step < total; step++) {
    await next.click()
    await atStep(page, step + 1)
    if (step + 1 === KARGS) {
      await expect(caption).toContainText('stage kargs')
      const kargs = panel(page)
        .getByRole('listitem')
        .filter({ hasText: /^.kargs/ })
      await expect(kargs).toHaveAttribute('aria-current', 'step')
      await expect(kargs).toContainText('zswap.enabled=1')
      await expect(panel(page)).toContainText('the machine reboots and the first boot starts over')
    }
  }
  await expect(caption).toContainText('login prompt')
  await expect(next).toBeDisabled()
  await showPanel(page, 'Ignition')
  await expect(panel(page)).toContainText('Ignition is done')
  const files = panel(page).getByRole('group', { name: /What the files stage did/ })
  const etc = files.getByRole('list', { name: /^In the deployment’s \/etc/ })
  await expect(
    etc.getByRole('listitem').filter({ hasText: 'File /etc/hostname written' }),
  ).toHaveCount(1)
  await expect(
    etc.getByRole('listitem').filter({ hasText: 'Unit hello.service written' }),
  ).toHaveCount(1)
  const inVar = files.getByRole('list', { name: /^In \/var/ })
  await expect(inVar).toContainText('/var/lib/hello/message.txt')
  // A click on a stage goes to its step.
  await panel(page)
    .getByRole('button', { name: /the files stage/ })
    .click()
  await atStep(page, FILES)
  await expect(caption).toContainText('stage files')
})

test('a broken config shows its errors by JSON path', async ({ page }) => {
  await open(page, `?tour=first-boot&step=${INSTALLED}`)
  await showPanel(page, 'Ignition')
  await expect(config(page)).toHaveValue(/"version": "3\.4\.0"/)
  await expect(panel(page).getByRole('status')).toContainText('No problem found')

  await config(page).fill('{"ignition": {"version": "3.4.0"},')
  await expect(problems(page)).toHaveCount(1)
  await expect(problems(page).first()).toContainText('error')
  await expect(problems(page).first()).toContainText('not valid JSON')

  await config(page).fill(
    '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "etc/motd", "mode": 9999}]}}',
  )
  await expect(problems(page)).toHaveCount(2)
  await expect(problems(page).nth(0)).toContainText('$.storage.files[0].path')
  await expect(problems(page).nth(0)).toContainText('is relative')
  await expect(problems(page).nth(1)).toContainText('$.storage.files[0].mode')
  await expect(problems(page).nth(1)).toContainText('out of range')
  await expect(panel(page).getByRole('status')).toContainText('2 errors')
  await expect(panel(page)).toContainText('the first boot will stop in the emergency shell')

  // Anything at all: the page keeps working.
  for (const text of [
    '',
    'null',
    '"text"',
    '[1, 2',
    '{"ignition": {"version": 3}}',
    '\u0000\uffff',
  ]) {
    await config(page).fill(text)
    await expect(problems(page).first()).toContainText('error')
  }
  await panel(page).getByRole('button', { name: 'Use the example', exact: true }).click()
  await expect(panel(page).getByRole('status')).toContainText('No problem found')
})

test('a config can be opened from a file', async ({ page }) => {
  await open(page, `?tour=first-boot&step=${INSTALLED}`)
  await showPanel(page, 'Ignition')
  await panel(page)
    .getByLabel('Open a file (.ign, .json)')
    .setInputFiles({
      name: 'broken.ign',
      mimeType: 'application/json',
      buffer: Buffer.from('{"ignition": {"version": "2.2.0"}}'),
    })
  await expect(config(page)).toHaveValue('{"ignition": {"version": "2.2.0"}}')
  await expect(problems(page).first()).toContainText('$.ignition.version')
})

test('a fresh machine given a broken config stops its first boot in the emergency shell', async ({
  page,
}) => {
  await open(page, `?tour=first-boot&step=${INSTALLED}`)
  await showPanel(page, 'Ignition')
  await config(page).fill(
    '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "x"}]}}',
  )
  await panel(page).getByRole('button', { name: 'Give this config to the machine' }).click()
  await atStep(page, INSTALLED + 1)
  const caption = page.getByRole('region', { name: 'Caption' })
  await expect(caption).toContainText('An Ignition config is handed to the platform')
  await expect(panel(page)).toContainText('the config below')

  const boot = await showPanel(page, 'Boot')
  await boot.getByRole('button', { name: 'Power on and choose an entry' }).click()
  await boot.getByRole('option').first().click()
  // the boot's steps are in once the player is on its first: only then step on
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('Power on')
  await stepUntil(page, /emergency shell/)
  await showPanel(page, 'Boot')
  await expect(boot.getByRole('button', { name: /emergency\.target/ })).toBeVisible()
  await showPanel(page, 'Ignition')
  await expect(panel(page)).toContainText('Ignition failed')
  const stage = panel(page)
    .getByRole('listitem')
    .filter({ hasText: /^.fetch-offline/ })
  await expect(stage).toContainText('failed')
  await expect(stage).toContainText('$.storage.files[0].path')
  expect(await violations(page, { include: 'section.ignition-panel' })).toEqual([])
  if (SHOTS) await panelShot(page, `${SHOTS}/failed-light-desktop-panel.png`)
})

test('an extra disk: Ignition partitions and formats /dev/vdb, and the Disk panel shows it', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await open(page, `?tour=first-boot&step=${INSTALLED}`)
  await showPanel(page, 'Ignition')
  await panel(page).getByRole('button', { name: 'Attach a 10 GiB disk' }).click()
  await atStep(page, INSTALLED + 1)
  const caption = page.getByRole('region', { name: 'Caption' })
  await expect(caption).toContainText('attaches a blank disk, /dev/vdb')
  const disk = await showPanel(page, 'Disk')
  await expect(disk).toContainText('/dev/vdb, 10 GiB: blank, no partition table.')

  await showPanel(page, 'Ignition')
  await panel(page).getByRole('button', { name: 'Use the example with a data disk' }).click()
  await expect(panel(page).getByRole('status')).toContainText('No problem found')
  await panel(page).getByRole('button', { name: 'Give this config to the machine' }).click()
  await atStep(page, INSTALLED + 2)
  const boot = await showPanel(page, 'Boot')
  await boot.getByRole('button', { name: 'Power on and choose an entry' }).click()
  await boot.getByRole('option').first().click()
  // the boot's steps are in once the player is on its first: only then step on
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('Power on')

  await stepUntil(page, /stage disks/)
  await showPanel(page, 'Ignition')
  const disks = panel(page).getByRole('list', { name: 'What the disks stage did' })
  await expect(disks).toContainText('Partition /dev/vdb1 created: “data”')
  await expect(disks).toContainText('xfs filesystem made on /dev/disk/by-partlabel/data')
  await showPanel(page, 'Disk')
  const table = disk.getByRole('table', { name: 'Partitions of /dev/vdb' })
  await expect(table.getByRole('row').filter({ hasText: 'data' })).toContainText('xfs')
  await expect(disk.getByRole('heading', { name: '/dev/vdb, 10 GiB' })).toBeVisible()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/disks-stage.png`, fullPage: true })

  await stepUntil(page, /stage mount/)
  await showPanel(page, 'Ignition')
  await expect(
    panel(page).getByRole('list', { name: 'Mounted under /sysroot for the files stage' }),
  ).toContainText('/dev/vdb1 mounted on /sysroot/var/lib/data')
  await stepUntil(page, /login prompt/)
  const mounts = await showPanel(page, 'Mounts')
  await expect(mounts).toContainText('/var/lib/data')
  await showPanel(page, 'Disk')
  await expect(disk.getByRole('heading', { name: /Files on data/ })).toBeVisible()
  expect(await violations(page, { include: 'section.disk-panel' })).toEqual([])
  await showPanel(page, 'Ignition')
  expect(await violations(page, { include: 'section.ignition-panel' })).toEqual([])
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/disks-end.png`, fullPage: true })
})

test('a config naming a disk the machine lacks: Ignition waits for it, then the boot stops', async ({
  page,
}) => {
  await open(page, `?tour=first-boot&step=${INSTALLED}`)
  await showPanel(page, 'Ignition')
  await panel(page).getByRole('button', { name: 'Use the example with a data disk' }).click()
  await panel(page).getByRole('button', { name: 'Give this config to the machine' }).click()
  await atStep(page, INSTALLED + 1)
  const boot = await showPanel(page, 'Boot')
  await boot.getByRole('button', { name: 'Power on and choose an entry' }).click()
  await boot.getByRole('option').first().click()
  // the boot's steps are in once the player is on its first: only then step on
  await expect(page.getByRole('region', { name: 'Caption' })).toContainText('Power on')
  await stepUntil(page, /disks stage failed/)
  await showPanel(page, 'Ignition')
  const stage = panel(page)
    .getByRole('listitem')
    .filter({ hasText: /^.disks/ })
  await expect(stage).toContainText('failed')
  await expect(stage).toContainText('device unit dev-vdb.device timeout')
  await expect(stage).toContainText('$.storage.disks[0].device')
  await expect(stage).toContainText('/dev/vdb never appeared')
})

test('axe: the Ignition panel before, during and after the first boot, in both themes', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  for (const theme of ['light', 'dark']) {
    for (const step of [INSTALLED, KARGS, FILES, END]) {
      await open(page, `?tour=first-boot&step=${step}&theme=${theme}`)
      await showPanel(page, 'Ignition')
      expect(
        await violations(page, { include: 'section.ignition-panel' }),
        `${theme} ${step}`,
      ).toEqual([])
    }
    await open(page, `?tour=first-boot&step=${INSTALLED}&theme=${theme}&lang=fr`)
    await showPanel(page, 'Ignition')
    await panel(page)
      .getByRole('textbox', { name: /Configuration Ignition/ })
      .fill(
        '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "x", "mode": 9999}]}}',
      )
    await expect(
      panel(page)
        .getByRole('list', { name: 'Problèmes trouvés dans la configuration' })
        .getByRole('listitem'),
    ).toHaveCount(2)
    expect(
      await violations(page, { include: 'section.ignition-panel' }),
      `${theme} problems`,
    ).toEqual([])
  }
})

test('nothing takes the focus when the panel appears', async ({ page }) => {
  // the config handed to the platform: the step is about the Ignition panel, in front by itself
  await open(page, `?tour=first-boot&step=${INSTALLED + 1}`)
  await expect(config(page)).toBeVisible()
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY')
})

test('screenshots of the Ignition panel', async ({ page }) => {
  test.skip(!SHOTS, 'set IGN_SHOTS to a folder to take them')
  test.setTimeout(180_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  const sizes = [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]
  const moments = [
    { name: 'before', step: INSTALLED },
    { name: 'during', step: KARGS },
    { name: 'files', step: FILES },
    { name: 'after', step: END },
  ]
  for (const size of sizes) {
    await page.setViewportSize(size)
    for (const theme of ['light', 'dark']) {
      for (const moment of moments) {
        await open(page, `?tour=first-boot&step=${moment.step}&theme=${theme}`)
        const name = `${SHOTS}/${moment.name}-${theme}-${size.name}`
        await page.screenshot({ path: `${name}.png` })
        await page.screenshot({ path: `${name}-page.png`, fullPage: true })
        await panelShot(page, `${name}-panel.png`)
      }
      await open(page, `?tour=first-boot&step=${INSTALLED}&theme=${theme}`)
      await config(page).fill(
        '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "etc/motd", "mode": 9999}]}}',
      )
      await panelShot(page, `${SHOTS}/problems-${theme}-${size.name}-panel.png`)
    }
  }
})
