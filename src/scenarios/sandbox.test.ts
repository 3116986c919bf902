import { describe, expect, it } from 'vitest'
import { checkInvariants, listDeployments } from '../engine'
import { performAction, runTour } from './run'
import { sandbox } from './sandbox'

describe('the sandbox', () => {
  for (const profile of ['fcos', 'rhcos'] as const) {
    it(`${profile}: booted once, one deployment, and an upgrade the shell finds`, () => {
      const steps = runTour(sandbox, { scale: 30, profile })
      const machine = steps.at(-1)?.machine
      if (!machine) throw new Error('the sandbox has steps')
      expect(machine.profile).toBe(profile)
      expect(checkInvariants(machine)).toEqual([])
      expect(listDeployments(machine)).toHaveLength(1)
      const upgraded = performAction(machine, {
        type: 'shell',
        line: 'sudo rpm-ostree upgrade --bypass-driver',
      })
      expect(upgraded.some((s) => s.event.type === 'deployment/staged')).toBe(true)
      expect(listDeployments(upgraded.at(-1)?.machine ?? machine)).toHaveLength(2)
    })
  }

  it('refuses a system the tour does not offer', () => {
    expect(() =>
      runTour({ ...sandbox, profiles: ['fcos'] }, { scale: 30, profile: 'rhcos' }),
    ).toThrow()
  })
})
