import { describe, expect, it } from 'vitest'
import { checkInvariants } from '../engine'
import en from '../i18n/en.json'
import fr from '../i18n/fr.json'
import { registry } from './registry'
import { runTour } from './run'

const has = (catalog: object, key: string) => Object.hasOwn(catalog, key)

describe('tours', () => {
  it('have unique ids and titles in both languages', () => {
    const ids = registry.map((tour) => tour.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const tour of registry) {
      expect(has(en, tour.titleKey), tour.titleKey).toBe(true)
      expect(has(fr, tour.titleKey), tour.titleKey).toBe(true)
    }
  })

  for (const tour of registry) {
    describe(tour.id, () => {
      const steps = runTour(tour, { scale: 40 })

      it('runs to the end', () => {
        expect(steps.length).toBeGreaterThan(tour.actions.length)
        expect(steps.filter((s) => s.event.type.endsWith('/failed'))).toEqual([])
      })

      it('keeps the machine consistent at every step', () => {
        const problems = steps.flatMap((s, i) =>
          checkInvariants(s.machine).map((p) => `step ${i + 1}: ${p}`),
        )
        expect(problems).toEqual([])
      })

      it('survives a JSON round trip at every step', () => {
        for (const step of steps) expect(JSON.parse(JSON.stringify(step))).toEqual(step)
      })

      it('has every caption in English and French', () => {
        const keys = [...new Set(steps.map((s) => s.caption.key))]
        expect(keys.filter((key) => !has(en, key))).toEqual([])
        expect(keys.filter((key) => !has(fr, key))).toEqual([])
      })
    })
  }
})
