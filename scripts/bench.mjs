// Runs the benchmarks in bench/: the engine with garbage collection exposed, so heap figures are
// after a full GC, then the interface in Chromium.
import { spawnSync } from 'node:child_process'

const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run(['--expose-gc', '--import', 'tsx', 'bench/engine.bench.ts'])
// The Hard links panel's model, laid out from a machine at real scale.
run(['--import', 'tsx', 'bench/hardLinks.bench.ts'])
// The interface in Chromium: frame rate and long tasks at real scale.
run(['bench/ui.bench.mjs'])
