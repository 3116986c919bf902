import { describe, expect, it } from 'vitest'
import type { TourStep } from '../../scenarios/types'
import { startOf } from './tours'

const step = (note?: string): TourStep => ({
  event: { type: 'test/step' },
  caption: { key: 'step.test' },
  touched: [],
  machine: {} as TourStep['machine'],
  ...(note === undefined ? {} : { note: { key: note } }),
})

describe('startOf', () => {
  const steps = [step(), step(), step('tour.a'), step('tour.b'), step()]

  it('opens at the first step, the last, or the first with a note', () => {
    expect(startOf(undefined, steps)).toBe(0)
    expect(startOf('first', steps)).toBe(0)
    expect(startOf('last', steps)).toBe(4)
    expect(startOf('note', steps)).toBe(2)
  })

  it('opens at the first step of a tour with no note', () => {
    expect(startOf('note', [step(), step()])).toBe(0)
  })
})
