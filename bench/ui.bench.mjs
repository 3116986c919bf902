// The interface at real scale, measured in Chromium: the frame rate while a tour plays, and the
// long tasks (over 50 ms, as the Long Tasks API counts them) that follow a key press. It builds the
// site into dist-bench/ (or takes BENCH_DIST as built), serves it with `vite preview` and drives it
// with Playwright.
// Figures, not pass/fail: the targets are in bench/README.md.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { DIST, root, serveSite } from './site.mjs'

const require = createRequire(import.meta.url)
const { chromium } = require('@playwright/test')

const PORT = Number(process.env.BENCH_PORT ?? 4199)
/** The tours of the transactional upgrade; `BENCH_TOUR=id[,id]` measures others. */
const TOURS = (process.env.BENCH_TOUR ?? 'atomic-upgrade,pull-the-plug').split(',')
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const { url, close } = await serveSite(PORT)

async function measure(tour) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  // Long tasks and frames, recorded from the start of the page.
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window)
    w.__longTasks = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__longTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
    w.__frames = []
    const frame = (time) => {
      w.__frames.push(time)
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
    // How long the panels take to follow a key press: the panel area is aria-busy meanwhile.
    w.__follow = []
    addEventListener('keydown', () => (w.__keyAt = performance.now()), true)
    new MutationObserver((records) => {
      for (const { target } of records)
        if (target instanceof Element && !target.hasAttribute('aria-busy') && w.__keyAt)
          w.__follow.push(performance.now() - w.__keyAt)
    }).observe(document, { subtree: true, attributeFilter: ['aria-busy'] })
  })

  const started = Date.now()
  await page.goto(`${url}?tour=${tour}`)
  const slider = page.getByRole('slider', { name: 'Timeline' })
  await slider.waitFor()
  // every step in: the first show before the rest are computed
  await page.waitForFunction(
    () =>
      !document.querySelector('.stage-message') && !document.querySelector('.app[data-arriving]'),
    null,
    { timeout: 120_000 },
  )
  const loadMs = Date.now() - started
  // the slider counts the steps of the story shown (a folded boot counts its few steps), from 1
  const steps = Number(await slider.getAttribute('max'))

  // Key presses: Right arrow, one step each, a quarter of a second apart, through the whole tour.
  const presses = []
  await page.locator('body').click({ position: { x: 1, y: 1 } })
  for (let i = 0; i < steps - 1; i++) {
    const at = await page.evaluate(() => performance.now())
    await page.keyboard.press('ArrowRight')
    await page.waitForTimeout(250)
    presses.push({ at, caption: await page.getByRole('region', { name: 'Caption' }).innerText() })
  }
  const afterKeys = await page.evaluate(
    (presses) =>
      /** @type {any} */ (window).__longTasks.flatMap((task) =>
        presses
          .filter(({ at }) => task.start >= at && task.start < at + 250)
          .map(({ caption }) => ({ ...task, caption })),
      ),
    presses,
  )
  const follow = await page.evaluate(() => /** @type {any} */ (window).__follow.slice())
  follow.sort((a, b) => a - b)

  // Playing: from the first step to the end at the fastest speed, counting frames meanwhile.
  await page.keyboard.press('Home')
  for (let i = 0; i < 4; i++) await page.keyboard.press('+')
  const from = await page.evaluate(() => performance.now())
  await page.keyboard.press(' ')
  await page.waitForFunction(
    () => {
      const timeline = document.querySelector('input[type="range"]')
      return timeline !== null && timeline.value === timeline.max
    },
    null,
    { timeout: 300_000 },
  )
  const to = await page.evaluate(() => performance.now())
  const playing = await page.evaluate(
    ([from, to]) => {
      const w = /** @type {any} */ (window)
      const frames = w.__frames.filter((t) => t >= from && t <= to)
      const gaps = frames.slice(1).map((t, i) => t - frames[i])
      gaps.sort((a, b) => a - b)
      const tasks = w.__longTasks.filter((task) => task.start >= from && task.start <= to)
      return {
        fps: (frames.length - 1) / ((to - from) / 1000),
        p95Frame: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
        worstFrame: gaps.at(-1) ?? 0,
        longTasks: tasks.length,
        worstTask: Math.max(0, ...tasks.map((task) => task.duration)),
      }
    },
    [from, to],
  )

  const ms = (x) => `${x.toFixed(0)} ms`
  console.log(`\nInterface at real scale, tour "${tour}" (${steps} steps), Chromium headless`)
  console.log(`  the whole tour computed and shown after ${ms(loadMs)} (in the engine worker)`)
  console.log(
    `  ${presses.length} Right-arrow presses (every step): ${afterKeys.length} long tasks over 50 ms` +
      (afterKeys.length ? `, worst ${ms(Math.max(...afterKeys.map((t) => t.duration)))}` : ''),
  )
  console.log(
    `  the panels follow a key press after ${ms(follow[Math.floor(follow.length / 2)] ?? 0)} ` +
      `(median), 95th percentile ${ms(follow[Math.floor(follow.length * 0.95)] ?? 0)}, ` +
      `worst ${ms(follow.at(-1) ?? 0)}`,
  )
  for (const task of afterKeys)
    console.log(
      `    ${ms(task.duration)} on the step "${task.caption.split('\n')[0].slice(0, 90)}"`,
    )
  console.log(
    `  playing at 4x: ${playing.fps.toFixed(1)} frames per second, 95th percentile frame ` +
      `${ms(playing.p95Frame)}, worst ${ms(playing.worstFrame)}; ${playing.longTasks} long tasks` +
      (playing.longTasks ? `, worst ${ms(playing.worstTask)}` : ''),
  )
  await page.close()
}

/**
 * The first step painted (the caption and the panel it is about, drawn) after navigation, in a
 * fresh context (a cold cache), and the JavaScript fetched until then, gzipped, the engine
 * worker's included. Also when the whole tour is in (it keeps arriving while the reader reads).
 */
async function firstStep(search) {
  const times = []
  let scripts = new Set()
  let whole = []
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const fetched = new Set()
    let counting = true
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (counting && path.endsWith('.js')) fetched.add(path.replace(/^\//, ''))
    })
    await page.goto(`${url}${search}`)
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-label="Caption"]')?.textContent?.trim() &&
        document.querySelector('.stage-slot[data-front] > section.panel:not([aria-busy])'),
      null,
      { timeout: 60_000, polling: 'raf' },
    )
    counting = false
    const [painted, all] = await page.evaluate(async () => {
      const at = performance.now()
      while (document.querySelector('.app[data-arriving]'))
        await new Promise((resolve) => setTimeout(resolve, 10))
      return [at, performance.now()]
    })
    times.push(painted)
    whole.push(all)
    scripts = fetched
    await context.close()
  }
  const { gzipSync } = await import('node:zlib')
  const { readFileSync } = await import('node:fs')
  const bytes = [...scripts].reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(root, DIST, file))).length,
    0,
  )
  const sorted = (xs) => [...xs].sort((a, b) => a - b)
  const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)]
  console.log(`\nFirst step of ${search}, cold cache, 5 visits, Chromium headless`)
  console.log(
    `  painted after ${median(times).toFixed(0)} ms median (${sorted(times)
      .map((t) => t.toFixed(0))
      .join(', ')}); the whole tour in after ${median(whole).toFixed(0)} ms median`,
  )
  console.log(
    `  JavaScript fetched before it: ${(bytes / 1024).toFixed(1)} KB gzip in ${scripts.size} scripts`,
  )
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
try {
  for (const search of ['?tour=discover', '?tour=atomic-upgrade&step=15']) await firstStep(search)
  for (const tour of TOURS) await measure(tour)
} finally {
  await browser.close()
  close()
}
