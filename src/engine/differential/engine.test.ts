/**
 * The engine against real libostree, field by field. Every scenario runs on the engine and is
 * compared with what real ostree 2022.7 produced for it: freshly, when `ostree` is installed and we
 * are root (as in CI), and always with the golden file recorded from it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runEngine } from './engineRunner'
import { comparable, normalize } from './normalize'
import { ostreeAvailable, runRealOstree } from './realOstree'
import { SCENARIOS } from './scenarios'
import type { Observation } from './types'

function golden(name: string): Observation {
  return JSON.parse(
    readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8'),
  ) as Observation
}

const real = ostreeAvailable()

describe('engine against real libostree', () => {
  for (const scenario of SCENARIOS) {
    const engine = (): Observation => comparable(normalize(runEngine(scenario)))

    it(`[differential] ${scenario.name}: the engine matches the recorded real ostree output`, () => {
      const e = engine()
      const g = comparable(golden(scenario.name))
      // Field by field first, so a failure names the field.
      for (const key of Object.keys(g) as (keyof Observation)[]) expect(e[key], key).toEqual(g[key])
      expect(e).toEqual(g)
    })

    if (real) {
      it(`[differential] ${scenario.name}: the engine matches real ostree run now`, () => {
        const r = comparable(normalize(runRealOstree(scenario)))
        const e = engine()
        for (const key of Object.keys(r) as (keyof Observation)[])
          expect(e[key], key).toEqual(r[key])
      })
    } else {
      it.skip(`[differential] ${scenario.name}: real ostree not installed, live comparison skipped`, () => {})
    }
  }
})
