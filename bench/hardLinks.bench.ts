/**
 * The Hard links panel's model at real scale (about 20,000 files per release): how long a step
 * takes to lay out, from a machine never drawn before to a step whose deployments were already
 * walked. Prints medians of several runs (`npm run bench`), wall-clock: a busy machine shows it.
 * Figures, not pass/fail.
 */
import { boot, installImage, publishRelease, reboot, upgrade } from '../src/engine/index'
import type { Machine } from '../src/engine/types'
import { last, median, RUNS, SCALE, time } from './common'
import { hardLinksModel } from '../src/ui/layout/hardLinks'

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] as number
}

const cold: number[] = []
const checkout: number[] = []
const warm: number[] = []
const warm95: number[] = []
let shape = ''
for (let run = 0; run < RUNS; run++) {
  // A fresh machine each run: its inodes are new values, so nothing is remembered from the last.
  const booted = last(boot(last(installImage({ profile: 'fcos', scale: SCALE }))))
  const upgradeSteps = upgrade(last(publishRelease(booted)))
  const staged = last(upgradeSteps)
  const rebootSteps = reboot(staged)
  // The step that checks the new deployment out: its tree walked, the sharing computed again.
  const at = upgradeSteps.findIndex((s) => s.event.type === 'deployment/checkedOut')
  const before = upgradeSteps[at - 1]?.machine ?? booted
  hardLinksModel(before)
  checkout.push(time(() => hardLinksModel(upgradeSteps[at]?.machine as Machine, before)).ms)
  // Every step of finalization and boot: the same two trees, only link counts and the repo read.
  const times = rebootSteps.map(
    (step, i) =>
      time(() => hardLinksModel(step.machine, (rebootSteps[i - 1] ?? upgradeSteps.at(-1))?.machine))
        .ms,
  )
  warm.push(median(times))
  warm95.push(percentile(times, 0.95))
  // The first drawing of a page opened at this step: a copy has none of the values walked above.
  const copy = structuredClone(staged)
  cold.push(time(() => hardLinksModel(copy)).ms)
  const model = hardLinksModel(last(rebootSteps))
  shape = `${model.columns.length} deployments of ${model.columns.map((c) => c.files).join(' and ')} paths, ${model.bands.length} files drawn, ${model.dirs.length} directories summed, ${model.repo.objects} repo objects, ${rebootSteps.length} steps of finalization and boot`
}

const row = (name: string, xs: number[]) =>
  console.log(
    `${name.padEnd(52)} ${median(xs).toFixed(2).padStart(8)} ms  (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`,
  )
console.log(
  `Hard links panel model: scale ${SCALE} files per release, median of ${RUNS} runs, Node ${process.version}`,
)
console.log(shape)
row('the checkout step (one tree walked, sharing again)', checkout)
row('a later step, median (trees remembered)', warm)
row('a later step, 95th percentile', warm95)
row('first drawing of two deployments (cold)', cold)
