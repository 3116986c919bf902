import type { Page } from '@playwright/test'
import { atStep, expect, open, stepOf, test } from './fixtures'

/**
 * Folds: "Discover CoreOS" shows its first boot step by step, and the later boots as the few
 * steps that differ; one click shows the folded steps in place, and a link into a fold opens it.
 * Links count every step of the story (`step=`); the counter and the slider count the steps shown.
 */

const caption = (page: Page) => page.getByRole('region', { name: 'Caption' })
const slider = (page: Page) => page.getByRole('slider', { name: 'Timeline' })
const total = async (page: Page) => Number(await slider(page).getAttribute('max'))

/** The counter, the slider and the address agree on the step shown. */
async function expectStep(page: Page, shown: number, of: number, link: number) {
  await expect(slider(page)).toHaveValue(String(shown))
  await expect(slider(page)).toHaveAttribute('max', String(of))
  await expect(page.locator('.position')).toHaveText(`Step ${shown} of ${of}`)
  await expect(page).toHaveURL(new RegExp(`step=${link}(&|$)`))
}

test('the boot of the new release reads as four steps, and opens in place', async ({ page }) => {
  await open(page, '?tour=discover')
  const folded = await total(page)
  const chapter = page.getByRole('combobox', { name: 'Chapter' })
  await chapter.selectOption('4')
  // the menu keeps the arrows while it has the focus
  await chapter.blur()
  // the chapter opens on GRUB's menu: the power-on and GRUB's first commands are folded into it
  await expect(caption(page)).toContainText('blscfg makes each file of /boot/loader/entries')
  const line = page.locator('.fold-line')
  await expect(line).toContainText('4 steps folded: power-on and GRUB.')
  const start = await stepOf(page)
  await expectStep(page, start, folded, 82)

  // → visits only the steps that say what differs, then the login prompt, then the next chapter
  const seen: string[] = []
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowRight')
    await atStep(page, start + i + 1)
    seen.push((await caption(page).textContent()) ?? '')
  }
  expect(seen[0]).toContain('ostree-prepare-root follows the ostree= link')
  expect(seen[1]).toContain('Its etc is bind-mounted read-write')
  expect(seen[2]).toContain('The system is up: a login prompt.')
  await expectStep(page, start + 3, folded, 98)
  await expect(line).toContainText('10 steps folded: the mounts, switch-root, and systemd’s units.')
  await page.keyboard.press('ArrowRight')
  await expect(chapter).toHaveValue('5')

  // Show them: the same step, now the last of the whole boot; ← visits every step of it
  await page.keyboard.press('ArrowLeft')
  await expectStep(page, start + 3, folded, 98)
  const show = page.getByRole('button', { name: 'Show them' })
  await expect(show).toHaveAttribute('aria-expanded', 'false')
  await show.click()
  await expect(line).toContainText('Every step shown (17 usually folded).')
  await expectStep(page, start + 3 + 17, folded + 17, 98)
  await page.keyboard.press('ArrowLeft')
  await expect(caption(page)).toContainText('systemd-tmpfiles')
  await expectStep(page, start + 19, folded + 17, 97)
  // the chapter now starts where the boot does, at the power-on
  await page.keyboard.press('Shift+ArrowLeft')
  await expect(caption(page)).toContainText('Power on: the firmware starts GRUB')
  await expectStep(page, start, folded + 17, 78)

  // Fold them: on a step the fold hides, the player goes to the step that stands for it
  const fold = page.getByRole('button', { name: 'Fold them' })
  await expect(fold).toHaveAttribute('aria-expanded', 'true')
  await fold.click()
  await expect(caption(page)).toContainText('blscfg makes each file')
  await expectStep(page, start, folded, 82)
})

test('a link to a step inside a fold opens that fold', async ({ page }) => {
  await open(page, '?tour=discover&step=90')
  await expect(page.getByRole('button', { name: 'Fold them' })).toBeVisible()
  // before this fold nothing is folded: the slider and the link count alike
  await expectStep(page, 90, 97 + 17, 90)
  await page.reload()
  await expectStep(page, 90, 97 + 17, 90)

  // a link to a step a closed fold shows keeps it closed
  await open(page, '?tour=discover&step=98')
  await expect(page.getByRole('button', { name: 'Show them' })).toBeVisible()
  await expectStep(page, 81, 97, 98)
})

test('F opens and closes the fold; the boot chain goes to a folded step and opens it', async ({
  page,
}) => {
  await open(page, '?tour=discover&step=98')
  await page.keyboard.press('f')
  await expectStep(page, 98, 97 + 17, 98)
  await page.keyboard.press('f')
  await expectStep(page, 81, 97, 98)

  const boot = page.getByRole('region', { name: 'Boot', exact: true })
  await boot.getByRole('button', { name: /^Power on, done\. Go to step/ }).click()
  await expect(caption(page)).toContainText('Power on: the firmware starts GRUB')
  await expectStep(page, 78, 97 + 17, 78)
})

test('playing plays the steps shown', async ({ page }) => {
  await open(page, '?tour=discover&step=87')
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4')
  await expect(slider(page)).toHaveValue('80')
  await page.getByRole('button', { name: 'Play' }).click()
  // from the /etc bind mount straight to the login prompt: the folded mounts are not played
  await expect(slider(page)).toHaveValue('81', { timeout: 5000 })
  await expect(caption(page)).toContainText('The system is up: a login prompt.')
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(slider(page)).toHaveAttribute('max', '97')
})
