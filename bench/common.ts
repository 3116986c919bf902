/** What every Node benchmark here shares: the scale, the number of runs, medians and timing. */
import { performance } from 'node:perf_hooks'
import type { Machine, Step } from '../src/engine/types'

/** Bulk files per release: real scale unless BENCH_SCALE says otherwise. */
export const SCALE = Number(process.env.BENCH_SCALE ?? 20_000)
export const RUNS = Number(process.env.BENCH_RUNS ?? 7)

export function last(steps: Step[]): Machine {
  const m = steps.at(-1)?.machine
  if (m === undefined) throw new Error('no steps')
  return m
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = fn()
  return { ms: performance.now() - t0, value }
}
