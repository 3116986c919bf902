import type { Page } from '@playwright/test'
import { violations } from './axe'
import { expect, open, showPanel, showStep, stepUntil, test } from './fixtures'

const cases = [
  { name: 'light, English, first step', search: '?theme=light' },
  { name: 'dark, English, a running machine', search: '?theme=dark&step=30' },
  { name: 'light, French, a running machine', search: '?theme=light&lang=fr&step=30' },
  { name: 'with a notice', search: '?step=abc&theme=dark' },
  // a step of a later boot, standing for the steps folded before it
  { name: 'dark, English, folded steps', search: '?theme=dark&step=98' },
  { name: 'light, French, folded steps', search: '?theme=light&lang=fr&step=98' },
]

// The scans below pass only if a scan can fail: an image without a text is found, in the page and
// in the part scanned, and not outside it.
test('axe finds a violation where there is one, and only where it looks', async ({ page }) => {
  await open(page, '?theme=light')
  await page.evaluate(() => {
    const image = document.createElement('img')
    image.id = 'no-text'
    image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='
    document.querySelector('footer.player')?.append(image)
  })
  expect(await violations(page)).toContain('image-alt: #no-text')
  expect(await violations(page, { include: 'footer.player', rules: ['image-alt'] })).toEqual([
    'image-alt: #no-text',
  ])
  expect(await violations(page, { include: 'header' })).toEqual([])
})

for (const { name, search } of cases) {
  test(`axe finds no WCAG 2 A/AA violation: ${name}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await open(page, search)
    await expect(page.locator('section.panel').first()).toBeVisible()
    expect(await violations(page)).toEqual([])
  })
}

// Each panel on its own, at the steps of "Every boot after the first" that draw the most: GRUB's
// menu, the mounts of the initramfs, a machine that is off, and the running system.
const panels = [
  { name: 'Disk', selector: 'section.disk-panel' },
  { name: 'Deployments', selector: 'section.deployments-panel' },
  { name: 'Hard links', selector: 'section.hardlinks-panel' },
  { name: 'Boot', selector: 'section.boot-panel' },
  { name: 'Mounts', selector: 'section.mounts-panel' },
  { name: '/etc merge', selector: 'section.etc-panel' },
]
const steps = [
  { name: 'GRUB', step: 25 },
  { name: 'initramfs mounts', step: 38 },
  { name: 'powered off', step: 53 },
  { name: 'running', step: 74 },
]
// One page per theme, the tour computed once: the steps are shown with the timeline.
for (const theme of ['light', 'dark'] as const) {
  test(`axe: each panel, ${theme}, at ${steps.map((s) => s.name).join(', ')}`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await open(page, `?tour=every-boot&step=${steps[0]!.step}&theme=${theme}`)
    for (const { name: at, step } of steps) {
      await showStep(page, step)
      let checked = 0
      for (const { name, selector } of panels) {
        const tabs = page.getByRole('toolbar', { name: 'Panels' })
        await tabs.getByRole('button', { name, exact: true }).click()
        // a panel with nothing to draw at this step leaves its place empty, and says so
        await expect(
          page.locator(`${selector}, .stage-slot:empty`).locator('visible=true').first(),
        ).toBeVisible()
        if ((await page.locator(`${selector}:visible`).count()) === 0) continue
        checked++
        expect.soft(await violations(page, { include: selector }), `${at}, ${name}`).toEqual([])
      }
      expect(checked, at).toBeGreaterThanOrEqual(2)
    }
  })
}

test('axe: the open GRUB menu, in both themes', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  for (const theme of ['light', 'dark']) {
    await open(page, `?tour=discover&theme=${theme}&lang=fr`)
    await page.keyboard.press('End')
    await page.getByRole('button', { name: 'Redémarrer et choisir une entrée' }).click()
    await expect(page.getByRole('listbox')).toBeFocused()
    expect(await violations(page, { include: 'section.boot-panel' })).toEqual([])
  }
})

// The Deployments panel's three views and the player's power button, at a step of the upgrade
// where every view has something marked as changed, then with the machine off.
test('axe: the Deployments views and the power button, in both themes', async ({ page }) => {
  test.slow()
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=atomic-upgrade&theme=light', 120_000)
  await stepUntil(page, /is written for deployment 1, in the inactive directory/)
  const panel = await showPanel(page, 'Deployments')
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme)
    for (const view of ['rpm-ostree status', 'ostree admin status', 'Boot entries']) {
      await panel.getByRole('tab', { name: new RegExp(`^${view}`) }).click()
      expect(
        await violations(page, { include: 'section.deployments-panel' }),
        `${theme}, ${view}`,
      ).toEqual([])
    }
    expect(await violations(page, { include: 'footer.player' }), `${theme}, power on`).toEqual([])
  }
  await page.getByRole('button', { name: 'Pull the plug', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Power on', exact: true })).toBeVisible()
  expect(await violations(page, { include: 'footer.player' }), 'power off').toEqual([])
})

test('axe: the Hard links panel after an upgrade, a path selected, in both themes', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=discover&theme=light', 120_000)
  await stepUntil(page, /is staged/)
  const panel = await showPanel(page, 'Hard links')
  await panel.getByRole('button', { name: /^\/usr\/bin\/ls in deployment 0/ }).click()
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme)
    expect(await violations(page, { include: 'section.hardlinks-panel' }), theme).toEqual([])
  }
})

// The /etc merge panel where it draws the most: at the end of its tour, the merge with a path's
// details, its text diff and the editor (a refused edit showing its message); then, in the
// sandbox, a merge to come that will fail (a default directory replaced by a file).
test('axe: the /etc merge panel, its details, diff and editor, in both themes', async ({
  page,
}) => {
  test.setTimeout(150_000)
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await open(page, '?tour=etc-merge&theme=light', 120_000)
  await page.keyboard.press('End')
  let panel = await showPanel(page, '/etc merge')
  await panel.getByRole('button', { name: 'chrony.conf', exact: true }).click()
  await panel.getByRole('button', { name: 'New → result' }).click()
  await panel.getByRole('button', { name: 'Edit this path' }).click()
  await panel.getByRole('textbox', { name: 'Mode (octal)' }).fill('9')
  await panel.getByRole('button', { name: 'Change the mode' }).click()
  await expect(panel.getByRole('alert')).toBeVisible()
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme)
    expect(await violations(page, { include: 'section.etc-panel' }), `${theme}, merged`).toEqual([])
  }

  await open(page, '?tour=sandbox&theme=light', 120_000)
  panel = await showPanel(page, '/etc merge')
  await panel.getByRole('button', { name: 'Edit /etc' }).click()
  const path = panel.getByRole('textbox', { name: 'Path' })
  await path.fill('/etc/motd.d')
  await panel.getByRole('button', { name: 'Delete' }).click()
  await expect(panel.getByRole('rowheader', { name: 'motd.d', exact: true })).toBeVisible()
  await panel.getByRole('button', { name: 'Save the file' }).click()
  await expect(panel.getByRole('cell', { name: /type changed/ })).toBeVisible()
  await showPanel(page, 'Terminal')
  const input = page.getByRole('textbox', { name: 'Terminal input' })
  await input.fill('sudo rpm-ostree upgrade --bypass-driver')
  await input.press('Enter')
  await expect(page.getByText(/The command added \d+ steps? to the timeline/)).toBeVisible()
  panel = await showPanel(page, '/etc merge')
  await expect(panel).toContainText('If the machine shut down now, the merge would fail')
  await panel.getByRole('button', { name: 'motd.d', exact: true }).click()
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme)
    expect(await violations(page, { include: 'section.etc-panel' }), `${theme}, failing`).toEqual(
      [],
    )
  }
})

/*
 * Every theme, as a person gets it: the theme picked (light, dark, projector), with more contrast
 * asked of the system, and with the system's forced colours, light and dark. (The projector's
 * palette is the same with more contrast asked: theme.test.ts checks it.) Each page is opened
 * once per tour, which computes for seconds; the theme and the media change in place.
 */
type Media = Parameters<Page['emulateMedia']>[0]
const NO_PREFERENCE: Media = {
  reducedMotion: 'reduce',
  colorScheme: 'light',
  contrast: 'no-preference',
  forcedColors: 'none',
}
const FORCED: Media = { forcedColors: 'active' }
const variants: { name: string; theme: string; media?: Media }[] = [
  { name: 'light', theme: 'light' },
  { name: 'dark', theme: 'dark' },
  { name: 'projector', theme: 'projector' },
  { name: 'light, more contrast', theme: 'light', media: { contrast: 'more' } },
  { name: 'dark, more contrast', theme: 'dark', media: { contrast: 'more', colorScheme: 'dark' } },
  { name: 'forced colours, light', theme: 'light', media: FORCED },
  { name: 'forced colours, dark', theme: 'dark', media: { ...FORCED, colorScheme: 'dark' } },
]

/** The rules a theme's colours can break; its structure is the same in every theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

/** Shows `step` and waits until the panels have drawn it (a model may come from the worker). */
async function settle(page: Page, step: number): Promise<void> {
  await showStep(page, step)
  await expect(page.locator('.stage-panels')).not.toHaveAttribute('aria-busy', 'true')
}

// Steps that draw the most: the pull, hard links and the deployments, /boot/loader's rename;
// GRUB and the boot chain, the /etc merge, the mounts and Ignition's files.
const tours = [
  { tour: 'atomic-upgrade', steps: [5, 22], embedded: [2, 22] },
  { tour: 'discover', steps: [25, 65], embedded: [38, 41] },
]

for (const { tour, steps } of tours) {
  test(`axe: every theme, more contrast, forced colours: ${tour}, steps ${steps.join(', ')}`, async ({
    page,
  }) => {
    test.setTimeout(180_000)
    await page.emulateMedia(NO_PREFERENCE)
    await open(page, `?tour=${tour}&theme=light`, 120_000)
    for (const step of steps) {
      await settle(page, step)
      for (const [i, { name, theme, media }] of variants.entries()) {
        await page.getByLabel('Theme').selectOption(theme)
        await page.emulateMedia({ ...NO_PREFERENCE, ...media })
        // every rule in the first theme; in the others, the rules their colours can break
        const found = await violations(page, { rules: i === 0 ? undefined : COLOUR_RULES })
        expect.soft(found, `step ${step}, ${name}`).toEqual([])
      }
    }
  })
}

// Embedded in a slide at 960x600: the projector, alone and in forced colours, at each step; the
// dark theme a dark deck asks for at the first.
const embeddedRuns = [
  { theme: 'projector', media: [{}, FORCED], steps: (all: number[]) => all },
  { theme: 'dark', media: [{}], steps: (all: number[]) => all.slice(0, 1) },
]
for (const { tour, embedded } of tours) {
  test(`axe: embedded, projector and dark: ${tour}, steps ${embedded.join(', ')}`, async ({
    page,
  }) => {
    test.setTimeout(180_000)
    await page.setViewportSize({ width: 960, height: 600 })
    for (const { theme, media, steps } of embeddedRuns) {
      await page.emulateMedia(NO_PREFERENCE)
      await open(page, `?tour=${tour}&embed=1&theme=${theme}`, 120_000)
      for (const step of steps(embedded)) {
        await settle(page, step)
        for (const more of media) {
          await page.emulateMedia({ ...NO_PREFERENCE, ...more })
          const forced = more === FORCED
          const name = `step ${step}, ${theme}${forced ? ', forced colours' : ''}`
          expect
            .soft(await violations(page, { rules: forced ? COLOUR_RULES : undefined }), name)
            .toEqual([])
        }
      }
    }
  })
}
