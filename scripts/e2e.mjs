#!/usr/bin/env node
// `npm run e2e`: builds the site (and its one-file form, dist-single/), then runs the Playwright
// specs in e2e/ against `vite preview` (and the one file from file://).
// Chromium: $CHROMIUM_PATH, else Playwright's own browser if one was downloaded, else Debian's
// /usr/bin/chromium. With none, as root with apt-get, it installs Debian's `chromium`; otherwise it
// stops and says how to get one. It never passes by skipping the tests.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const DEBIAN_CHROMIUM = '/usr/bin/chromium'

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env })
  if (result.error) console.error(`${command}: ${result.error.message}`)
  return result.status ?? 1
}

async function playwrightsOwnChromium() {
  try {
    const { chromium } = await import('playwright-core')
    const path = chromium.executablePath()
    return path && existsSync(path) ? path : null
  } catch {
    return null
  }
}

async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    console.error(`CHROMIUM_PATH is ${fromEnv}, which does not exist.`)
    process.exit(1)
  }
  return (await playwrightsOwnChromium()) ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null)
}

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
}

let chromium = await findChromium()
if (!chromium) {
  if (process.getuid?.() === 0 && hasAptGet()) {
    console.log('No Chromium found: installing Debian’s chromium package...')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    if (
      run('apt-get', ['update', '-qq'], env) !== 0 ||
      run('apt-get', ['install', '-y', '-qq', 'chromium'], env) !== 0
    ) {
      console.error('Installing chromium with apt-get failed.')
      process.exit(1)
    }
    chromium = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null
  }
  if (!chromium) {
    console.error(
      [
        'The e2e tests need Chromium, and none was found.',
        'Get one of these, then run npm test again:',
        '  - on Debian or Ubuntu: sudo apt-get install chromium',
        '  - anywhere with network access: npx playwright install chromium',
        '  - or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      ].join('\n'),
    )
    process.exit(1)
  }
}
console.log(`Chromium: ${chromium}`)

if (run(bin('vite'), ['build', '--logLevel', 'warn']) !== 0) process.exit(1)
if (run(bin('vite'), ['build', '-c', 'vite.single.config.ts', '--logLevel', 'warn']) !== 0)
  process.exit(1)
process.exit(
  run(bin('playwright'), ['test', ...process.argv.slice(2)], {
    ...process.env,
    CHROMIUM_PATH: chromium,
  }),
)
