import { describe, expect, it } from 'vitest'
import { checkInvariants } from '../engine'
import { stepsOf } from '../engine/testkit'
import en from '../i18n/en.json'
import fr from '../i18n/fr.json'
import { registry, storyStart } from './registry'
import type { TourStep } from './types'
import { runTour, tourSteps } from './run'

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
        // A failure is part of the story only where the tour explains it with a note.
        expect(steps.filter((s) => s.event.type.endsWith('/failed') && !s.note)).toEqual([])
      })

      it('comes a piece at a time, each piece the start of the whole, its questions answered', () => {
        const pieces: TourStep[][] = []
        const run = tourSteps(tour, { scale: 40 })
        let next = run.next()
        for (; !next.done; next = run.next()) pieces.push(next.value)
        const whole = next.value
        expect(whole).toEqual(steps)
        expect(pieces.length).toBeGreaterThan(0)
        for (const [i, piece] of pieces.entries()) {
          expect(piece.length).toBeGreaterThan(pieces[i - 1]?.length ?? 0)
          // the very objects of the whole (a question's step with its answer): a page keeps what
          // it drew
          piece.forEach((step, at) => expect(step).toBe(whole[at]))
        }
        // the first piece comes after installing, long before the end
        expect(pieces[0]?.length).toBeLessThan(whole.length)
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

      it('has every caption and note in English and French', () => {
        const keys = [
          ...new Set(
            steps.flatMap((s) => (s.note ? [s.caption.key, s.note.key] : [s.caption.key])),
          ),
        ]
        expect(keys.filter((key) => !has(en, key))).toEqual([])
        expect(keys.filter((key) => !has(fr, key))).toEqual([])
      })

      it('[fold] folds only a boot shown in full before it, down to its notes and last step', () => {
        const start = storyStart(steps)
        const folds = [...new Set(steps.flatMap((s) => (s.fold === undefined ? [] : [s.fold])))]
        for (const fold of folds) {
          const at = steps.findIndex((s) => s.fold === fold)
          const own = steps.filter((s) => s.fold === fold)
          // a boot the reader has already watched, step by step, in this tour's story; what is
          // left shown says what differs (a note) or asks about it (a question)
          const seen = steps.slice(start, at).filter((s) => !s.fold && s.event.type === 'power/on')
          expect(seen.length, `fold ${fold}`).toBeGreaterThan(0)
          expect(own.some((s) => s.event.type === 'power/on')).toBe(true)
          expect(own.filter((s) => !s.folded)).toEqual(
            own.filter(
              (s, i) => s.note !== undefined || s.question !== undefined || i === own.length - 1,
            ),
          )
          expect(own.at(-1)?.folded).toBeUndefined()
          expect(own.every((s) => s.chapter !== undefined)).toBe(true)
        }
      })

      it('puts each of its notes on a step', () => {
        const notes = tour.actions.flatMap((action) => action.notes ?? [])
        expect(steps.filter((s) => s.note).map((s) => s.note?.key)).toEqual(
          notes.map((note) => note.key),
        )
      })
    })
  }
})

describe('every boot after the first', () => {
  const tour = registry.find((t) => t.id === 'every-boot')
  if (!tour) throw new Error('the tour is registered')
  const steps = runTour(tour, { scale: 40 })
  const kernels = stepsOf(steps, 'kernel/started')
  const cmdline = (i: number) => String(kernels[i]?.event.cmdline)

  it('[5.6] boots twice: the first with ignition.firstboot, the second without', () => {
    expect(kernels).toHaveLength(2)
    expect(cmdline(0)).toContain('ignition.firstboot')
    expect(cmdline(1)).not.toContain('ignition.firstboot')
  })

  it('[1.5] finds the root by UUID on the second boot only', () => {
    expect(cmdline(0)).not.toContain('root=UUID=')
    expect(cmdline(1)).toMatch(/root=UUID=[0-9a-f-]+/)
  })

  it('[5.6] ends with /boot/ignition.firstboot gone', () => {
    const removed = steps.findIndex((s) => s.event.type === 'ignition/firstbootCompleted')
    expect(removed).toBeGreaterThan(0)
    expect(steps.at(-1)?.event.type).toBe('boot/finished')
    expect(steps.filter((s) => s.event.type === 'ignition/firstbootCompleted')).toHaveLength(1)
  })
})
