/**
 * The Hard links panel's model of the step shown. The engine worker computes the models of every
 * step of the timeline as soon as it is known, so the page's thread never walks a deployment's
 * 20,000 paths; until a step's model arrives, the panel keeps the one it drew. Without a worker
 * (a test, a browser that cannot start one) the model is computed here, when it is shown.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Machine } from '../../engine/types'
import type { HardLinksModel } from '../layout/hardLinks'
import { engineClient, localClient, type HardLinksStep } from '../worker/client'

/** Each machine's model, with the machine of the step before that it was computed against. */
const models = new WeakMap<Machine, { previous: Machine | undefined; model: HardLinksModel }>()
/** Steps asked for and not answered yet: each is asked once. */
const asked = new WeakMap<Machine, Machine | undefined>()

let version = 0
const listeners = new Set<() => void>()
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
const getVersion = () => version

function cached(machine: Machine, previous: Machine | undefined): HardLinksModel | undefined {
  const hit = models.get(machine)
  return hit && hit.previous === previous ? hit.model : undefined
}

function remember(steps: readonly HardLinksStep[], answers: readonly HardLinksModel[]): void {
  steps.forEach(({ machine, previous }, i) => {
    const model = answers[i]
    if (model) models.set(machine, { previous, model })
  })
  version++
  for (const listener of listeners) listener()
}

/** Asks for the models of the steps not known or asked yet. */
function request(steps: readonly HardLinksStep[]): void {
  const wanted = steps.filter(
    ({ machine, previous }) =>
      !cached(machine, previous) && !(asked.has(machine) && asked.get(machine) === previous),
  )
  if (wanted.length === 0) return
  for (const { machine, previous } of wanted) asked.set(machine, previous)
  engineClient()
    .hardLinks(wanted)
    // a machine the worker does not know (it stopped and the page computes alone): here, then
    .catch(() => localClient().hardLinks(wanted))
    .then((answers) => remember(wanted, answers))
    .finally(() => {
      for (const { machine } of wanted) asked.delete(machine)
    })
}

/**
 * The model for `machine` (the step shown) and `previous` (the step before it), or the last model
 * drawn while it is computed. `timeline` is every step's machine: all are asked for at once.
 */
export function useHardLinksModel(
  machine: Machine | undefined,
  previous: Machine | undefined,
  timeline: readonly { machine: Machine }[],
): HardLinksModel | null {
  useSyncExternalStore(subscribe, getVersion, getVersion)
  const local = engineClient().sync
  useEffect(() => {
    if (local) return
    request(
      timeline.map((step, i) => ({ machine: step.machine, previous: timeline[i - 1]?.machine })),
    )
  }, [timeline, local])
  useEffect(() => {
    if (!local && machine) request([{ machine, previous }])
  }, [machine, previous, local])

  let model = machine ? cached(machine, previous) : undefined
  if (!model && machine && local) {
    model = local.hardLinksModel(machine, previous)
    models.set(machine, { previous, model })
  }
  const [drawn, setDrawn] = useState<HardLinksModel | null>(model ?? null)
  // Following a value computed during render, as React's docs do for state derived from props.
  if (model && model !== drawn) setDrawn(model)
  return model ?? (machine ? drawn : null)
}
