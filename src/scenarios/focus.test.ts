import { describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../engine'
import { FOCUS, focusOf, panelShows } from './focus'
import { chaptersOf, registry, storyStart } from './registry'
import { runTour } from './run'
import type { TourStep } from './types'

const tours = registry.map((tour) => ({ tour, steps: runTour(tour, { scale: 30 }) }))

describe('focus', () => {
  it('has a line for every event type of the engine, and for no other', () => {
    expect(Object.keys(FOCUS).sort()).toEqual([...EVENT_TYPES].sort())
    const emitted = new Set(tours.flatMap(({ steps }) => steps.map((s) => s.event.type)))
    expect([...emitted].filter((type) => !Object.hasOwn(FOCUS, type))).toEqual([])
  })

  it('names each panel once, only panels that have something to draw at the step', () => {
    for (const { steps } of tours)
      for (const step of steps) {
        const focus = focusOf(step)
        expect(focus.panels.every((panel) => panelShows(panel, step.machine))).toBe(true)
        expect(new Set(focus.panels).size).toBe(focus.panels.length)
      }
  })

  it('points at the deployment a step names, and at /boot/loader when it is renamed', () => {
    const atomic = tours.find(({ tour }) => tour.id === 'atomic-upgrade')?.steps ?? []
    const staged = atomic.find((s) => s.event.type === 'deployment/staged')
    expect(staged && focusOf(staged).element).toMatch(/^deployment:[0-9a-f]{64}\.\d+$/)
    const renamed = atomic.find((s) => s.event.type === 'bootloader/loaderSwapped')
    expect(renamed && focusOf(renamed)).toEqual({
      panels: ['deployments', 'disk'],
      element: 'loader',
    })
  })

  it('lets a tour say what its step is about', () => {
    const step = tours[0]?.steps[0] as TourStep
    expect(focusOf({ ...step, focus: { panels: ['terminal'] } })).toEqual({ panels: ['terminal'] })
  })
})

describe('chapters', () => {
  for (const { tour, steps } of tours) {
    it(`${tour.id}: cover every step of its story, in order`, () => {
      const chapters = chaptersOf(tour)
      expect(chapters.length).toBeGreaterThan(0)
      const story = steps.slice(storyStart(steps))
      expect(story.length).toBeGreaterThan(0)
      expect(story.every((s) => s.chapter !== undefined)).toBe(true)
      const seen = story.map((s) => s.chapter ?? -1)
      expect(seen[0]).toBe(0)
      expect(
        seen.every((c, i) => i === 0 || c === seen[i - 1] || c === (seen[i - 1] ?? 0) + 1),
      ).toBe(true)
      expect(seen.at(-1)).toBe(chapters.length - 1)
      expect(new Set(chapters.map((c) => c.id)).size).toBe(chapters.length)
    })
  }
})
