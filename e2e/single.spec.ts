import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect, test } from './fixtures'

// `npm run build:single` (run by `npm run e2e` before the specs): the whole site in one file.
const FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist-single', 'index.html')

test.describe('the one-file site, opened from the disk', () => {
  test.skip(!existsSync(FILE), 'dist-single/index.html is built by `npm run build:single`')

  test('plays a tour and runs commands with no server', async ({ page }) => {
    await page.goto(`${pathToFileURL(FILE).href}?tour=sandbox`)
    const input = page.getByRole('textbox', { name: 'Terminal input' })
    await expect(input).toBeVisible({ timeout: 60_000 })
    await input.fill('sudo rpm-ostree upgrade --bypass-driver')
    await input.press('Enter')
    const output = page.getByRole('log', { name: 'Terminal output' })
    await expect(output).toContainText('Run "systemctl reboot" to start a reboot', {
      timeout: 30_000,
    })
    await page.getByRole('button', { name: 'Next step' }).isVisible()
    await expect(page.getByRole('slider', { name: 'Timeline' })).toBeEnabled()
  })
})
