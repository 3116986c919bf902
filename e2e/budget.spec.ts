import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from '@playwright/test'

// The JavaScript a first visit must load before anything shows: the entry script and what it
// preloads. Tours, the engine and other locales load on demand and do not count.
test('initial JavaScript stays under 200 KB gzip', () => {
  const dist = join(process.cwd(), 'dist')
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const scripts = [
    ...html.matchAll(
      /<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.\/([^"]+\.js)"/g,
    ),
  ].map((m) => m[1] as string)
  expect(scripts.length).toBeGreaterThan(0)
  const bytes = scripts.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length,
    0,
  )
  console.log(`initial JavaScript: ${scripts.join(', ')}: ${(bytes / 1024).toFixed(1)} KB gzip`)
  expect(bytes).toBeLessThan(200 * 1024)
})
