// Runs the benchmarks in bench/: the engine with garbage collection exposed, so heap figures are
// after a full GC, then the interface in Chromium, then Lighthouse on the built site.
// `BENCH_ONLY=name[,name]` runs only those named: engine, hardLinks, ui, lighthouse.
import { spawnSync } from 'node:child_process'

const NAMES = ['engine', 'hardLinks', 'ui', 'lighthouse']
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
const unknown = only?.filter((name) => !NAMES.includes(name)) ?? []
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: no benchmark named ${unknown.join(', ')} (${NAMES.join(', ')})`)
  process.exit(2)
}
const ran = new Set()

const run = (name, args, env = {}) => {
  if (only && !only.includes(name)) return
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
  ran.add(name)
}
run('engine', ['--expose-gc', '--import', 'tsx', 'bench/engine.bench.ts'])
// The Hard links panel's model, laid out from a machine at real scale.
run('hardLinks', ['--import', 'tsx', 'bench/hardLinks.bench.ts'])
// The interface in Chromium: frame rate and long tasks at real scale.
run('ui', ['bench/ui.bench.mjs'])
// Lighthouse on the first step of two tours, on the site the interface benchmark has just built.
run(
  'lighthouse',
  ['bench/lighthouse.bench.mjs'],
  ran.has('ui') ? { BENCH_DIST: process.env.BENCH_DIST ?? 'dist-bench' } : {},
)
