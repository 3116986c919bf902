/**
 * Differential fuzzing of the /etc merge: random old and new /usr/etc trees and random /etc edits
 * in between, each run through real ostree (Debian's 2022.7, a throwaway sysroot per case) and
 * through the engine. Everything observed must be equal: each deployment's /etc (type, mode,
 * owner, content, symlink target), `ostree admin config-diff`, what the deploys printed, and the
 * error when the merge fails. The seed is fixed so that CI runs the same cases every time;
 * ETC_FUZZ_SEED and ETC_FUZZ_RUNS explore others.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runEngine } from './engineRunner'
import { etcMergeCase, mirrorCase, mirrorPath, scenarioOf, type EtcMergeCase } from './etcFuzz'
import { comparable, normalize } from './normalize'
import {
  makeSysrootTemplate,
  ostreeAvailable,
  runRealOstree,
  type SysrootTemplate,
} from './realOstree'
import { STATEROOT } from './scenarios'
import type { Observation } from './types'

const SEED = Number(process.env.ETC_FUZZ_SEED ?? 20_231_119)
const RUNS = Number(process.env.ETC_FUZZ_RUNS ?? 200)

/** How many cases failed, or kept M, D or A lines: the generator must keep reaching each. */
interface Tally {
  failed: number
  modified: number
  removed: number
  added: number
}

function tally(t: Tally, o: Observation): void {
  if (o.error !== undefined) t.failed++
  const letters = new Set(o.configDiff.split('\n').map((l) => l.charAt(0)))
  if (letters.has('M')) t.modified++
  if (letters.has('D')) t.removed++
  if (letters.has('A')) t.added++
}

/**
 * The engine's observation, with its failure taken as real ostree's when the engine fails that
 * way too with the changes replayed in the other order. ostree replays the local changes in
 * readdir order, which depends on the filesystem, the engine in name order: when two changes
 * would each stop the merge, which one does (and so the message) depends on that order. The
 * mirrored case (a↔d, b↔c, x↔y) is the same merge replayed in reverse; its failure, mirrored
 * back, must be real ostree's. (With three such changes real ostree could pick one that neither
 * order does; no such case has come up.)
 */
function alignFailure(c: EtcMergeCase, real: Observation, engine: Observation): Observation {
  if (real.error === undefined || engine.error === undefined || real.error === engine.error)
    return engine
  const reversed = runEngine(scenarioOf(mirrorCase(c))).error
  const back = reversed?.replace(/'([^']*)'|\(([^)]*)\)/g, (_, quoted?: string, call?: string) =>
    quoted === undefined ? `(${mirrorPath(call ?? '')})` : `'${mirrorPath(quoted)}'`,
  )
  return back === real.error ? { ...engine, error: real.error } : engine
}

if (!ostreeAvailable()) {
  describe('differential fuzzing: /etc merge against real libostree', () => {
    it.skip('real ostree not installed or not root: /etc merge fuzzing skipped', () => {})
  })
} else {
  describe('differential fuzzing: /etc merge against real libostree', () => {
    // Every case starts from a copy of one initialised sysroot: the same files, much faster.
    let template: SysrootTemplate
    beforeAll(() => {
      template = makeSysrootTemplate(STATEROOT)
    })
    afterAll(() => template.dispose())

    it(`[etc-merge] ${RUNS} random upgrades with /etc edits: the engine matches real ostree`, () => {
      const seen: Tally = { failed: 0, modified: 0, removed: 0, added: 0 }
      fc.assert(
        fc.property(etcMergeCase, (c) => {
          const scenario = scenarioOf(c)
          const real = comparable(normalize(runRealOstree(scenario, template)))
          const engine = alignFailure(c, real, comparable(normalize(runEngine(scenario))))
          // Field by field first, so that a failure names the field.
          for (const key of Object.keys(real) as (keyof Observation)[])
            expect(engine[key], key).toEqual(real[key])
          expect(engine).toEqual(real)
          tally(seen, real)
        }),
        { seed: SEED, numRuns: RUNS },
      )
      console.log(`/etc fuzzing, seed ${SEED}: ${RUNS} cases`, seen)
      for (const n of Object.values(seen)) expect(n).toBeGreaterThan(0)
    }, 600_000)
  })
}
