import { atStep, expect, open, stepOf, test } from './fixtures'

test('loads with a caption, and takes no focus', async ({ page }) => {
  await open(page)
  await expect(page.getByRole('heading', { level: 1, name: 'CoreOS Explorer' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Caption' })).toHaveAttribute('aria-live', 'polite')
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true)
  expect(await stepOf(page)).toBe(1)
  await expect(page.getByRole('region', { name: 'Disk' })).toBeVisible()
})

test('Next and Previous move the step and the URL', async ({ page }) => {
  await open(page)
  const caption = page.getByRole('region', { name: 'Caption' })
  const first = await caption.textContent()
  await page.getByRole('button', { name: 'Next step' }).click()
  await expect(page).toHaveURL(/step=2/)
  await expect(caption).not.toHaveText(first ?? '')
  await page.getByRole('button', { name: 'Next step' }).click()
  await expect(page).toHaveURL(/step=3/)
  await page.getByRole('button', { name: 'Previous step' }).click()
  await expect(page).toHaveURL(/step=2/)
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue('2')
})

test('keys move the step while the page has focus', async ({ page }) => {
  await open(page)
  await page.keyboard.press('ArrowRight')
  await expect(page).toHaveURL(/step=2/)
  await page.keyboard.press('PageDown')
  await expect(page).toHaveURL(/step=3/)
  await page.keyboard.press('ArrowLeft')
  await expect(page).toHaveURL(/step=2/)
  await page.keyboard.press('End')
  const slider = page.getByRole('slider', { name: 'Timeline' })
  const total = Number(await slider.getAttribute('max'))
  expect(total).toBeGreaterThan(10)
  await expect(slider).toHaveValue(String(total))
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled()
  // the slider counts the steps shown; links count every step of the story, folded ones too
  const linked = () => Number(new URL(page.url()).searchParams.get('step'))
  await expect.poll(linked).toBeGreaterThan(total)
  const last = linked()
  await page.reload()
  await expect(slider).toHaveValue(String(total))
  await expect.poll(linked).toBe(last)
  await page.keyboard.press('Home')
  await expect(page).toHaveURL(/step=1(&|$)/)
  await page.keyboard.press('+')
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('1.5')
  await page.keyboard.press('-')
  await page.keyboard.press('-')
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('0.75')
})

test('reloading shows the same step', async ({ page }) => {
  await open(page, '?tour=discover&step=5')
  const caption = await page.getByRole('region', { name: 'Caption' }).textContent()
  await page.reload()
  await expect(page.getByRole('region', { name: 'Caption' })).toHaveText(caption ?? '')
  expect(await stepOf(page)).toBe(5)
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue('5')
})

test('plays and pauses', async ({ page }) => {
  await open(page)
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4')
  await page.getByRole('button', { name: 'Play' }).click()
  await expect(page).toHaveURL(/step=3/, { timeout: 5000 })
  await page.getByRole('button', { name: 'Pause' }).click()
  const at = await stepOf(page)
  await page.waitForTimeout(1000)
  expect(await stepOf(page)).toBe(at)
})

test('?lang=fr shows French', async ({ page }) => {
  await open(page, '?step=3')
  const english = await page.getByRole('region', { name: 'Caption' }).textContent()
  await open(page, '?step=3&lang=fr')
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  const french = page.getByRole('region', { name: 'Légende' })
  await expect(french).not.toHaveText(english ?? '')
  await expect(french).not.toContainText('step.')
  await expect(page.getByRole('button', { name: 'Étape suivante' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Disque' })).toBeVisible()
})

test('the language picker switches and the URL follows', async ({ page }) => {
  await open(page)
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr')
  await expect(page.getByRole('button', { name: 'Étape suivante' })).toBeVisible()
  await expect(page).toHaveURL(/lang=fr/)
})

test('a malformed step shows a notice and a working page', async ({ page }) => {
  await open(page, '?step=abc')
  await expect(page.getByRole('status').getByText(/step “abc”/)).toBeVisible()
  expect(await stepOf(page)).toBe(1)
  await page.getByRole('button', { name: 'Next step' }).click()
  await expect(page).toHaveURL(/step=2/)
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByText(/step “abc”/)).toHaveCount(0)
})

test('a step past the end shows the last step with a notice', async ({ page }) => {
  await open(page, '?step=9999&tour=nope')
  await expect(page.getByText(/tour “nope”/)).toBeVisible()
  await expect(page.getByText(/asks for step 9999/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled()
})

test('the theme switch changes the colours and the URL', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' })
  await open(page)
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  const light = await background()
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page).toHaveURL(/theme=dark/)
  expect(await background()).not.toBe(light)
  await page.reload()
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark')
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('auto')
  await expect(page).not.toHaveURL(/theme=/)
  expect(await background()).toBe(light)
})

test('embedded: no header, no focus, keys still step once focused', async ({ page }) => {
  await open(page, '?embed=1')
  await expect(page.getByRole('combobox', { name: 'Tour' })).toHaveCount(0)
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true)
  await page.getByRole('region', { name: 'Caption' }).click()
  await page.keyboard.press('ArrowRight')
  await expect(page).toHaveURL(/step=2/)
  await expect(page).toHaveURL(/embed=1/)
})

test('the automatic theme follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await open(page)
  const dark = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor))
    .not.toBe(dark)
})

test('a visit without a link opens on what CoreOS is, and on the tours', async ({ page }) => {
  await page.goto('./')
  const intro = page.getByRole('dialog', { name: 'What is CoreOS?' })
  await expect(intro).toBeVisible()
  await expect(intro).toContainText('NIST Special Publication 800-190')
  await expect(intro.getByRole('button', { name: 'Discover CoreOS' })).toBeVisible()
  await intro.getByRole('button', { name: 'Anatomy of an atomic upgrade' }).click()
  await expect(intro).toBeHidden()
  await expect(page.getByRole('combobox', { name: 'Tour' })).toHaveValue('atomic-upgrade')
  await atStep(page, 1)
  await page.getByRole('button', { name: 'About and tours' }).click()
  await expect(intro).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(intro).toBeHidden()
})

test('chapters: the menu jumps to one, Shift with the arrows moves by chapter', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade')
  const chapter = page.getByRole('combobox', { name: 'Chapter' })
  await expect(chapter).toHaveValue('0')
  // the first step of a chapter says why it matters
  await expect(page.getByText(/a third one comes out/)).toBeVisible()
  await page.keyboard.press('Shift+ArrowRight')
  await expect(chapter).toHaveValue('1')
  const second = await stepOf(page)
  expect(second).toBeGreaterThan(1)
  await chapter.selectOption('2')
  await expect(chapter).toHaveValue('2')
  expect(await stepOf(page)).toBeGreaterThan(second)
  // the menu keeps the arrows while it has the focus
  await chapter.blur()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Shift+ArrowLeft')
  await expect.poll(() => stepOf(page)).toBeGreaterThan(second)
  await expect(chapter).toHaveValue('2')
  await page.keyboard.press('Shift+ArrowLeft')
  await atStep(page, second)
})

test('a word of the glossary in a caption explains itself, until the next step', async ({
  page,
}) => {
  await open(page, '?tour=atomic-upgrade&step=5')
  const caption = page.getByRole('region', { name: 'Caption' })
  const word = caption.getByRole('button', { name: 'Deployment', exact: true })
  await expect(word).toHaveAttribute('aria-expanded', 'false')
  await word.click()
  await expect(word).toHaveAttribute('aria-expanded', 'true')
  await expect(caption).toContainText('A complete root filesystem of one commit')
  // a term is linked once per step, where the caption first names it
  await expect(caption.getByRole('button', { name: /^deployments?$/i })).toHaveCount(1)
  await page.getByRole('button', { name: 'Next step' }).click()
  await expect(caption).not.toContainText('A complete root filesystem of one commit')
})
