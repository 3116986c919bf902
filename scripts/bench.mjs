// Runs the benchmarks in bench/ with garbage collection exposed, so heap figures are after a full GC.
import { spawnSync } from 'node:child_process'

const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run(['--expose-gc', '--import', 'tsx', 'bench/engine.bench.ts'])
