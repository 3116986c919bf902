import { describe, expect, it } from 'vitest'
import type { Step } from '../../engine/types'
import { atomicUpgrade } from '../../scenarios/atomicUpgrade'
import { runTour } from '../../scenarios/run'
import { pullAt } from './pull'

const steps: Step[] = runTour(atomicUpgrade, { scale: 20 })
const at = (type: Step['event']['type']) => steps.findLastIndex((s) => s.event.type === type)

describe('pullAt', () => {
  it('[3.1] follows a pull from its start to the moved ref, with the engine figures', () => {
    const started = pullAt(steps, at('pull/started'))
    expect(started).toMatchObject({ phase: 'started', fetched: 0, ref: null })
    expect(started?.version).toMatch(/^\d+\./)
    const step = steps[at('pull/objectsFetched')]!
    const fetched = pullAt(steps, at('pull/objectsFetched'))
    if (step.event.type !== 'pull/objectsFetched') throw new Error('not a fetch')
    expect(fetched).toMatchObject({
      phase: 'fetched',
      version: started?.version,
      fetched: step.event.total - step.event.present,
      present: step.event.present,
      bytes: step.event.bytes,
    })
    expect(fetched!.fetched).toBeGreaterThan(0)
    expect(fetched!.present).toBeGreaterThan(0)
    const ref = pullAt(steps, at('pull/refUpdated'))
    expect(ref).toMatchObject({ phase: 'ref', fetched: fetched!.fetched })
    expect(ref?.ref).toContain('coreos/stable')
  })

  it('is null away from a pull', () => {
    expect(pullAt(steps, at('deployment/staged'))).toBeNull()
    expect(pullAt(steps, steps.length + 3)).toBeNull()
  })
})
