/**
 * Engine benchmark at real scale (about 20,000 files per release). Prints medians of several runs:
 * `npm run bench`. Figures, not pass/fail: targets are in bench/README.md.
 */
import {
  boot,
  installImage,
  publishRelease,
  pull,
  reboot,
  upgrade,
  pin,
  shutdown,
} from '../src/engine/index'
import { remoteOf } from '../src/engine/remote'
import { listDeployments } from '../src/engine/status'
import type { Machine } from '../src/engine/types'
import { last, median, RUNS, SCALE, time } from './common'

/** CPU time of this process so far, in milliseconds (the GC's helper threads included). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * Runs `fn` RUNS times and prints the median wall time with its range, and the median CPU time:
 * on a machine shared with other work, the CPU time is what the code costs, the wall time what a
 * person waits.
 */
function bench<T>(name: string, fn: () => T): T {
  const times: number[] = []
  const cpu: number[] = []
  let value: T | undefined
  for (let i = 0; i < RUNS; i++) {
    const c0 = cpuMs()
    const r = time(fn)
    cpu.push(cpuMs() - c0)
    times.push(r.ms)
    value = r.value
  }
  console.log(
    `${name.padEnd(44)} ${median(times).toFixed(1).padStart(7)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; CPU ${median(cpu).toFixed(1)} ms)`,
  )
  return value as T
}

function heapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  return process.memoryUsage().heapUsed / 1024 / 1024
}

console.log(
  `CoreOS Explorer engine benchmark: scale ${SCALE} files per release, median of ${RUNS} runs, Node ${process.version}`,
)
const heap0 = heapMB()
// The catalogue is paid once per profile and scale, each release when first asked for: an install
// needs the first, each publish the next. Built (its tree) and committed (every object hashed).
const remote = remoteOf('fcos', SCALE)
const paid = [0, 1, 2].map((index) => {
  const c0 = cpuMs()
  const built = time(() => remote.release(index))
  const committed = time(() => remote.commitOf(index))
  return { built: built.ms, committed: committed.ms, cpu: cpuMs() - c0 }
})
const files = remote.release(0)!.tree.filter((e) => e.kind === 'file').length
const bytes = remote.release(0)!.tree.reduce((n, e) => n + (e.kind === 'file' ? e.size : 0), 0)
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
console.log(
  `catalogue: ${remote.count} releases of ${files} files (${(bytes / 1e9).toFixed(2)} GB in the first)`,
)
console.log(
  `catalogue first use: ${paid.map((p, i) => `release ${i} ${(p.built + p.committed).toFixed(0)} ms (built ${p.built.toFixed(0)}, committed ${p.committed.toFixed(0)})`).join(', ')}`,
)
console.log(
  `catalogue first use: the first release (what an install needs) ${(paid[0]!.built + paid[0]!.committed).toFixed(0)} ms, the first three ${sum(paid.map((p) => p.built + p.committed)).toFixed(0)} ms (CPU ${sum(paid.map((p) => p.cpu)).toFixed(0)} ms)`,
)
const heapCatalogue = heapMB()

// Heap first, before the timings keep machines alive: a machine with three deployments (the
// first one pinned, two upgrades), nothing else retained but the remote's catalogue and caches.
function threeDeployments(): Machine {
  let m = last(installImage({ profile: 'fcos', scale: SCALE }))
  for (const pinFirst of [false, true]) {
    m = last(boot(m))
    if (pinFirst) m = last(pin(m, 1))
    m = last(publishRelease(m))
    m = last(upgrade(m))
    m = last(shutdown(m, { reboot: false }))
  }
  return last(boot(m))
}
// The machine lives only inside this function, so it can be collected once it returns.
const measureThree = (): number => {
  const three = threeDeployments()
  const heap = heapMB()
  console.log(`deployments on the machine: ${listDeployments(three).length}`)
  return heap
}
const heapThree = measureThree()
const heapWithout = heapMB()
console.log(
  `JS heap with three deployments: ${(heapThree - heap0).toFixed(1)} MB of engine data (the machine ${(heapThree - heapWithout).toFixed(1)} MB, the remote's catalogue ${(heapCatalogue - heap0).toFixed(1)} MB, caches the rest), on top of ${heap0.toFixed(1)} MB for Node, the loader and the code`,
)

const installed = last(
  bench('install the disk image', () => installImage({ profile: 'fcos', scale: SCALE })),
)
const booted = last(bench('boot', () => boot(installed)))
const published = last(publishRelease(booted))
const pulledSteps = bench('pull (new objects only)', () => pull(published))
const upgradeSteps = bench('stage (pull + stage)', () => upgrade(published))
const staged = last(upgradeSteps)
const rebootSteps = bench('finalize + reboot', () => reboot(staged))
const whole = bench('whole upgrade (pull, stage, finalize, boot)', () => {
  const u = upgrade(published)
  return [...u, ...reboot(last(u))]
})
const fetched = pulledSteps.find((step) => step.event.type === 'pull/objectsFetched')?.event
console.log(
  `steps: pull ${pulledSteps.length}, upgrade ${upgradeSteps.length}, finalize + reboot ${rebootSteps.length}, whole upgrade ${whole.length}` +
    (fetched?.type === 'pull/objectsFetched'
      ? `; the pull writes ${fetched.total - fetched.present} new objects of ${fetched.total}`
      : ''),
)

// A machine that has upgraded twice: the next upgrade finalizes a list without the oldest
// deployment (its folder removed at shutdown) after staging has pruned what only the one dropped
// before it reached. What every later upgrade of a machine does.
let steady = booted
for (let i = 0; i < 2; i++) steady = last(reboot(last(upgrade(last(publishRelease(steady))))))
const steadyPublished = last(publishRelease(steady))
bench('whole upgrade, oldest deployment dropped', () => {
  const u = upgrade(steadyPublished)
  return [...u, ...reboot(last(u))]
})

// The cursor: moving it is indexing into the array of steps.
const timeline = [...whole, ...whole, ...whole]
const moves = 1_000_000
let sink = 0
const cursor = time(() => {
  for (let i = 0; i < moves; i++) sink += timeline[(i * 7919) % timeline.length]!.machine.clock & 1
})
console.log(
  `cursor move: ${((cursor.ms * 1e6) / moves).toFixed(1)} ns per move over ${timeline.length} steps (O(1): an array index) [${sink % 2}]`,
)
