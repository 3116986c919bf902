import type { Page } from '@playwright/test'
import { expect, open, showStep, stepOf, test } from './fixtures'

// "Pull the plug" computes two releases at real scale.
test.slow()
const COMPUTE_MS = 120_000

/** The step that asks which version boots after the first power cut: the one before the cut. */
const BEFORE_CUT = 21

const caption = (page: Page) => page.getByRole('region', { name: /^(Caption|Légende)$/ })
const question = (page: Page) =>
  caption(page).getByRole('group', { name: /which version boots\?|quelle version démarre/ })

test('a question before the power cut: a wrong pick reveals what the engine booted', async ({
  page,
}) => {
  await open(page, `?tour=pull-the-plug&step=${BEFORE_CUT}`, COMPUTE_MS)
  await expect(question(page)).toBeVisible()
  const running = (
    await page.getByRole('button', { name: /the version running now$/ }).textContent()
  )?.split(',')[0]
  expect(running).toMatch(/^\d+\.\d+\.\d+\.\d+$/)

  // a wrong pick, by keyboard
  const update = question(page).getByRole('button', { name: /the update$/ })
  await update.focus()
  await page.keyboard.press('Enter')
  const reveal = question(page).locator('.predict-reveal')
  await expect(reveal).toContainText('Not quite')
  await expect(reveal).toContainText(`${running} runs again`)
  await expect(reveal).toContainText('Step on to see it happen')
  await expect(reveal).toBeFocused()
  await expect(question(page).getByRole('button')).toHaveCount(0)
  // the pick was not a step: the player stays where it was
  expect(await stepOf(page)).toBe(BEFORE_CUT)

  // the next step cuts the power, and says what boots: the answer of the question
  await page.getByRole('button', { name: 'Next step' }).click()
  await expect(caption(page)).toContainText(`the next boot starts ${running}`)
  await expect(question(page)).toHaveCount(0)

  // back at the question, the answer is still there
  await showStep(page, BEFORE_CUT)
  await expect(reveal).toContainText('Not quite')
})

test('the question in French, and none in an embed', async ({ page }) => {
  await open(page, `?tour=pull-the-plug&step=${BEFORE_CUT}&lang=fr`, COMPUTE_MS)
  await expect(question(page)).toBeVisible()
  await question(page)
    .getByRole('button', { name: /la version qui tourne$/ })
    .click()
  await expect(question(page).locator('.predict-reveal')).toContainText('Exact')

  await open(page, `?tour=pull-the-plug&step=${BEFORE_CUT}&embed=1`, COMPUTE_MS)
  await expect(caption(page)).toContainText('Everything is flushed to disk')
  await expect(page.locator('.predict')).toHaveCount(0)
})
