// Lighthouse 12 on the built site, opened on the first step of a tour: the performance and
// accessibility scores, the metrics behind the first, the JavaScript the page downloads and the
// three audits Lighthouse says cost the most. Lighthouse's default settings (a mid-range phone,
// simulated throttling), the load awaited until the step is shown (see `audit`). It builds the
// site into dist-bench/ (or takes BENCH_DIST as built), serves it with `vite preview` and writes
// each page's HTML report to reports/lighthouse-<tour>.html.
// Figures, not pass/fail: it fails only when Lighthouse cannot run. The targets are printed next to
// the scores and kept in bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import { navigation } from 'lighthouse'
import puppeteer from 'puppeteer-core'
// The report's own scoring curve, so the costs rank as the HTML report ranks them.
import { Util } from 'lighthouse/shared/util.js'
import { root, serveSite } from './site.mjs'

const PORT = Number(process.env.BENCH_LH_PORT ?? 4198)
/** The tours audited, each opened on its first step; `BENCH_TOUR=id[,id]` audits others. */
const TOURS = (process.env.BENCH_TOUR ?? 'discover,atomic-upgrade').split(',')
/** Lighthouse runs per page, `BENCH_LH_RUNS`; the figures printed are the median run's. */
const RUNS = Number(process.env.BENCH_LH_RUNS ?? 3)
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// Headless and without the sandbox, or Chromium does not start as root and Lighthouse gives up
// after about half a minute ("Unable to connect to Chrome"); the rest keeps Chromium from
// fetching updates and settings from the network in the middle of a measurement.
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const TARGETS = { performance: 0.95, accessibility: 1 }
const MAIN_THREAD = ['mainthread-work-breakdown', 'long-tasks', 'bootup-time']
const METRICS = [
  ['first-contentful-paint', 'First Contentful Paint'],
  ['largest-contentful-paint', 'Largest Contentful Paint'],
  ['total-blocking-time', 'Total Blocking Time'],
  ['cumulative-layout-shift', 'Cumulative Layout Shift'],
  ['speed-index', 'Speed Index'],
  ['interactive', 'Time to Interactive'],
]

const { url, close } = await serveSite(PORT)

const kib = (bytes) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KiB`
const ms = (x) => `${Math.round(x)} ms`
// a row's url may also be a word, such as "Unattributable"
const file = (address) =>
  URL.canParse(address) ? new URL(address).pathname.split('/').pop() || address : address

/** Bytes on the wire, compressed as the server sends it to a browser. */
const gzipSize = (address) =>
  new Promise((resolve, reject) =>
    get(address, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      let size = 0
      response.on('data', (chunk) => (size += chunk.length))
      response.on('end', () => resolve(size))
    }).on('error', reject),
  )

/**
 * How much an audit's estimated savings would add to the performance score, as the HTML report
 * computes it to sort its diagnostics: each metric's score again at its value minus the savings,
 * weighted as the category weighs it.
 */
function scoreGain(lhr, audit) {
  const refs = lhr.categories.performance.auditRefs
  const total = refs.reduce((sum, ref) => sum + ref.weight, 0)
  let gain = 0
  let linear = 0
  for (const [acronym, savings] of Object.entries(audit.metricSavings ?? {})) {
    const ref = refs.find((r) => r.acronym === acronym)
    const metric = ref && lhr.audits[ref.id]
    if (!metric?.numericValue || !metric.scoringOptions || metric.score === null || !savings)
      continue
    const better = Util.computeLogNormalScore(metric.scoringOptions, metric.numericValue - savings)
    gain += ((better - metric.score) * ref.weight) / total
    linear += ((savings / metric.numericValue) * ref.weight) / total
  }
  return { gain, linear }
}

/** What a row of an audit's table costs, in the unit its audit counts. */
function cost(item) {
  if (item.wastedBytes !== undefined)
    return `${kib(item.wastedBytes)} of ${kib(item.totalBytes)} unused`
  if (item.timing !== undefined) return ms(item.timing)
  if (item.wastedMs !== undefined) return ms(item.wastedMs)
  if (item.total !== undefined) return `${ms(item.total)}, of which scripting ${ms(item.scripting)}`
  if (item.duration !== undefined) return ms(item.duration)
  if (typeof item.score === 'number') return `shift ${item.score.toFixed(3)}`
  return ''
}

/** One row of an audit's table, in a few words: what, and what it costs. */
function describe(item) {
  const what = item.url
    ? file(item.url)
    : (item.node?.selector ?? item.groupLabel ?? item.label ?? item.phase ?? '')
  return `${what} ${cost(item)}`.trim()
}

function rows(details) {
  if (!details) return []
  // a list of tables: the LCP element, then the phases of its time, of which those that took any
  if (details.type === 'list')
    return details.items.flatMap((table) => rows(table).filter((row) => row.timing !== 0))
  return details.items ?? []
}

/** A metric as the report shows it: seconds, milliseconds for the blocking time, CLS bare. */
function metric(id, value) {
  if (id === 'cumulative-layout-shift') return value.toFixed(3)
  if (id === 'total-blocking-time') return ms(value)
  return `${(value / 1000).toFixed(1)} s`
}

/**
 * Prints the figures of the run whose performance score is the median, each with its range over
 * all runs: a page whose work is mostly script varies from run to run on a shared machine, since
 * simulated throttling multiplies the CPU time it observes.
 */
async function report(tour, runs) {
  const lhr = runs[Math.floor(runs.length / 2)]
  const range = (values, format) => {
    const [low, high] = [Math.min(...values), Math.max(...values)].map(format)
    return low === high ? '' : ` (${low} to ${high})`
  }
  const t = lhr.configSettings.throttling
  console.log(
    `\nLighthouse ${lhr.lighthouseVersion}, tour "${tour}" on its first step ` +
      `(${lhr.configSettings.formFactor}, ${lhr.configSettings.throttlingMethod}d throttling: ` +
      `${t.cpuSlowdownMultiplier}x CPU, ${t.rttMs} ms RTT, ${(t.throughputKbps / 1024).toFixed(1)} Mbit/s; ` +
      `this machine's benchmark index ${lhr.environment.benchmarkIndex})` +
      (runs.length > 1
        ? `\n  the run with the median performance score of ${runs.length}; in brackets, the range`
        : ''),
  )
  for (const warning of lhr.runWarnings) console.log(`  warning: ${warning}`)
  const score = (x) => x.toFixed(2)
  for (const [id, target] of Object.entries(TARGETS)) {
    const scores = runs.map((run) => run.categories[id].score ?? 0)
    console.log(
      `  ${`${id} score`.padEnd(26)} ${score(lhr.categories[id].score ?? 0)}` +
        `${range(scores, score)}, target ${score(target)}`,
    )
  }
  for (const [id, name] of METRICS) {
    const format = (x) => metric(id, x)
    const values = runs.map((run) => run.audits[id].numericValue)
    console.log(
      `  ${name.padEnd(26)} ${format(lhr.audits[id].numericValue)}${range(values, format)}`,
    )
  }

  // Scripts only. The engine worker's script comes through the worker's own session, where
  // Lighthouse records its headers but not its body: its size is asked of the server again.
  const scripts = lhr.audits['network-requests'].details.items.filter(
    (r) => r.resourceType === 'Script',
  )
  const page = scripts.filter((r) => r.sessionTargetType !== 'worker')
  const workers = scripts.filter((r) => r.sessionTargetType === 'worker')
  const pageBytes = page.reduce((sum, r) => sum + r.transferSize, 0)
  const workerBytes = await Promise.all(workers.map((r) => gzipSize(r.url)))
  const recorded = workers.reduce((sum, r) => sum + r.transferSize, 0)
  const fetched = workerBytes.reduce((sum, b) => sum + b, 0)
  console.log(
    `  ${'JavaScript transferred'.padEnd(26)} ${kib(pageBytes + fetched)}: ${kib(pageBytes)} ` +
      `in ${page.length} files on the page, ${kib(fetched)} in ${workers.length} for the worker ` +
      `(Lighthouse records ${kib(recorded)} of it; its total byte weight is ` +
      `${lhr.audits['total-byte-weight'].displayValue.replace('Total size was ', '')})`,
  )
  const largest = [...page].sort((a, b) => b.transferSize - a.transferSize).slice(0, 3)
  console.log(
    `    largest on the page: ${largest.map((r) => `${file(r.url)} ${kib(r.transferSize)}`).join(', ')}`,
  )

  // The diagnostics the report lists as not passed (its default view, not the insights one),
  // most costly first. Three of them count the page's thread from different sides, by kind of work,
  // by task and by script, with the same savings: they are printed as one.
  const diagnostics = lhr.categories.performance.auditRefs.filter(
    (ref) => ref.group === 'diagnostics',
  )
  const replaced = new Set(diagnostics.flatMap((ref) => lhr.audits[ref.id].replacesAudits ?? []))
  const costs = new Map()
  for (const entry of diagnostics
    .filter((ref) => !replaced.has(ref.id))
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.scoreDisplayMode === 'informative' || (a.score !== null && a.score < 0.9))
    .map((a) => ({ audit: a, also: [], ...scoreGain(lhr, a) }))
    .filter((c) => c.linear > 0)
    .sort((a, b) => b.gain - a.gain || b.linear - a.linear)) {
    const key = MAIN_THREAD.includes(entry.audit.id) ? 'main thread' : entry.audit.id
    if (costs.has(key)) costs.get(key).also.push(entry.audit)
    else costs.set(key, entry)
  }
  console.log('  what costs most (estimated savings, and what they would add to the score):')
  for (const { audit, gain, also } of [...costs.values()].slice(0, 3)) {
    const savings = Object.entries(audit.metricSavings)
      .filter(([, value]) => value)
      .map(([metric, value]) => `${metric} ${metric === 'CLS' ? value.toFixed(3) : ms(value)}`)
    const bytes = audit.details?.overallSavingsBytes
    if (bytes) savings.push(kib(bytes))
    console.log(
      `    ${audit.title}: ${audit.displayValue ?? ''}; ${savings.join(', ')} (+${gain.toFixed(2)})`,
    )
    if (also.length > 0)
      console.log(`      the same cost as ${also.map((a) => a.title).join(', ')}`)
    // of the page's thread, the script it ran is what says where to look
    const table = [audit, ...also].find((a) => a.id === 'bootup-time') ?? audit
    for (const item of rows(table.details).slice(0, 3)) console.log(`      ${describe(item)}`)
  }

  const failed = lhr.categories.accessibility.auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1)
  for (const audit of failed) {
    console.log(`  accessibility: ${audit.id}, ${audit.title}`)
    for (const item of rows(audit.details).slice(0, 5))
      console.log(`      ${item.node?.selector ?? ''}: ${item.node?.snippet ?? ''}`)
  }
}

/**
 * One Lighthouse run on a tour's first step. Lighthouse ends a page load once the network and the
 * page's thread have been quiet for a second, and the engine worker computes the first step
 * without either: on a busy machine it measured the "Loading" message instead. So the navigation
 * is ours: open the page, wait for the panels to show the step, then two seconds, as long as
 * Lighthouse waits after a load (a pause, then a quiet second). A browser context of its own per
 * run gives the empty cache and storage Lighthouse gives a page it opens itself.
 */
async function audit(browser, address) {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  try {
    return await navigation(
      page,
      async () => {
        await page.goto(address)
        await page.waitForFunction(
          () => document.querySelector('.stage .stage-panels:not([aria-busy])') !== null,
          { timeout: 120_000 },
        )
        await new Promise((resolve) => setTimeout(resolve, 2000))
      },
      {
        flags: {
          output: 'html',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        },
      },
    )
  } finally {
    await context.close()
  }
}

/** @type {import('chrome-launcher').LaunchedChrome | undefined} */
let chrome
/** @type {import('puppeteer-core').Browser | undefined} */
let browser
try {
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags })
  browser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${chrome.port}`,
    defaultViewport: null,
  })
  console.log(`\n${await browser.version()}, ${chromePath}`)
  mkdirSync(join(root, 'reports'), { recursive: true })
  for (const tour of TOURS) {
    const runs = []
    for (let i = 0; i < RUNS; i++) {
      const result = await audit(browser, `${url}?tour=${tour}`)
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}?tour=${tour}`)
      // A page that failed to load still gives a report, with every figure missing.
      if (result.lhr.runtimeError)
        throw new Error(`Lighthouse on ${tour}: ${result.lhr.runtimeError.message}`)
      runs.push(result)
    }
    runs.sort(
      (a, b) =>
        (a.lhr.categories.performance.score ?? 0) - (b.lhr.categories.performance.score ?? 0),
    )
    const path = join('reports', `lighthouse-${tour}.html`)
    writeFileSync(join(root, path), runs[Math.floor(runs.length / 2)].report)
    await report(
      tour,
      runs.map((run) => run.lhr),
    )
    console.log(`  report (the median run): ${path}`)
  }
} finally {
  await browser?.disconnect()
  await chrome?.kill()
  close()
}
