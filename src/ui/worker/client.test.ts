import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { findTour } from '../../scenarios/registry'
import { runTour } from '../../scenarios/run'
import { hardLinksModel } from '../layout/hardLinks'
import { localClient, workerClient } from './client'
import type { TourStep } from '../../scenarios/types'
import type { Request, Response } from './protocol'

/**
 * The worker's script run in this process: its `postMessage` and its message listener meet the
 * page's side through structured clones, as they would across threads.
 */
let toWorker: ((event: { data: Request }) => void) | null = null
const pageListeners: ((event: { data: Response }) => void)[] = []
const worker = {
  postMessage: (request: Request) => toWorker?.({ data: structuredClone(request) }),
  addEventListener: (type: string, listener: (event: { data: Response }) => void) => {
    if (type === 'message') pageListeners.push(listener)
  },
  terminate: () => {},
} as unknown as Worker

beforeAll(async () => {
  vi.stubGlobal('addEventListener', (type: string, listener: typeof toWorker) => {
    if (type === 'message') toWorker = listener
  })
  vi.stubGlobal('postMessage', (response: Response) => {
    for (const listener of pageListeners) listener({ data: structuredClone(response) })
  })
  await import('./engine.worker')
})
afterAll(() => vi.unstubAllGlobals())

describe('the engine worker', () => {
  const tour = findTour('atomic-upgrade')!
  const options = { scale: 60, profile: 'fcos' as const }
  // one page, one worker: the worker sends each object once, to the one client that holds them all
  const client = workerClient(worker, localClient)

  it('computes a tour and the Hard links model of every step, as the page would', async () => {
    const steps = await client.tour(tour.id, options.profile, options.scale)
    expect(steps).toEqual(runTour(tour, options))
    const asked = steps.map((step, i) => ({
      machine: step.machine,
      previous: steps[i - 1]?.machine,
    }))
    const models = await client.hardLinks(asked)
    expect(models).toHaveLength(steps.length)
    models.forEach((model, i) => {
      const step = asked[i]!
      expect(model).toEqual(hardLinksModel(step.machine, step.previous))
    })
    // the checkout of the new release draws two deployments sharing `ls`: one inode, three names
    const two = models.find((model) => model.columns.length === 2)!
    const ls = two.bands.find((band) => band.key === '/usr/bin/ls')!
    expect(ls.inodes).toHaveLength(1)
    expect(ls.inodes[0]!.links).toBe(3)
  })

  it('sends the first steps of a tour before the rest, each part the start of the whole', async () => {
    const parts: (readonly TourStep[])[] = []
    const steps = await client.tour(tour.id, options.profile, options.scale, (so) => parts.push(so))
    expect(parts.length).toBeGreaterThan(1)
    expect(parts[0]!.length).toBeLessThan(steps.length)
    for (const part of parts) part.forEach((step, i) => expect(step).toBe(steps[i]))
  })

  it('refuses, without throwing, a machine it never sent', async () => {
    const steps = runTour(tour, options)
    await expect(
      client.hardLinks([{ machine: steps[0]!.machine, previous: undefined }]),
    ).rejects.toThrow(/did not come from the engine worker/)
  })
})
