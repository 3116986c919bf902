import { defineConfig, devices } from '@playwright/test'

// scripts/e2e.mjs finds a Chromium and passes it in CHROMIUM_PATH; Debian's is the fallback.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const PORT = Number(process.env.E2E_PORT ?? 4173)
// The built site to serve (`vite build --outDir <dir>` elsewhere lets two builds coexist).
const DIST = process.env.E2E_DIST ?? 'dist'
// E2E_SERVER=dev runs against the Vite dev server instead of `vite preview` of dist/.
const DEV = process.env.E2E_SERVER === 'dev'

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Tours compute at real scale (about 20,000 files per release) when a page opens: seconds.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  // The JSON report goes to reports/: Playwright empties test-results/ when it starts.
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A trace snapshots the page at every action, which makes the suite two to three times
    // slower; E2E_TRACE=1 keeps one for each failing test.
    trace: process.env.E2E_TRACE === '1' ? 'retain-on-failure' : 'off',
    video: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: DEV
      ? `node_modules/.bin/vite --host 127.0.0.1 --port ${PORT} --strictPort`
      : `node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
