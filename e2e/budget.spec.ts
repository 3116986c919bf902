import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * The JavaScript a visit fetches before its first step is on screen (the caption and the panel it
 * is about, drawn): every script, the page's and the engine worker's, counted gzipped as a server
 * would send them. Chunks fetched later (other panels, other locales, the shell's commands) do not
 * count. The ceiling keeps what is reached from growing; bench/README.md has the figures.
 */
const CEILING_KB = 300

const DIST = join(process.cwd(), process.env.E2E_DIST ?? 'dist')

/** The scripts `page` fetches until its first step is drawn, by path under the site. */
async function scriptsBeforeFirstStep(page: Page, search: string): Promise<string[]> {
  const scripts = new Set<string>()
  let counting = true
  page.context().on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (counting && path.endsWith('.js')) scripts.add(path.replace(/^\//, ''))
  })
  await page.goto(`./${search}`)
  await expect(page.getByRole('region', { name: 'Caption' })).not.toHaveText(/^\s*$/)
  await expect(
    page.locator('.stage-slot[data-front] > section.panel:not([aria-busy])'),
  ).toBeVisible()
  counting = false
  return [...scripts]
}

for (const [what, search] of [
  ['a link to a tour', '?tour=discover'],
  ['a link deep into a tour', '?tour=atomic-upgrade&step=15'],
] as const) {
  test(`${what}: the JavaScript before the first step stays under ${CEILING_KB} KB gzip`, async ({
    page,
  }) => {
    const scripts = await scriptsBeforeFirstStep(page, search)
    const sizes = scripts.map((file) => ({
      file,
      bytes: gzipSync(readFileSync(join(DIST, file))).length,
    }))
    const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0)
    console.log(
      `${search}: ${sizes.length} scripts, ${(total / 1024).toFixed(1)} KB gzip before the first step: ` +
        sizes
          .sort((a, b) => b.bytes - a.bytes)
          .map(({ file, bytes }) => `${file.replace('assets/', '')} ${(bytes / 1024).toFixed(1)}`)
          .join(', '),
    )
    // the engine worker is one of them: the first step needs it
    expect(scripts.some((file) => /engine\.worker/.test(file))).toBe(true)
    // and the panels it does not show are not
    expect(scripts.filter((file) => /(Terminal|Ignition|EtcMerge)Panel/.test(file))).toEqual([])
    expect(total).toBeLessThan(CEILING_KB * 1024)
  })
}
