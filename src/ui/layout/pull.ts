/**
 * The pull the step is part of, from its events: what `rpm-ostree upgrade` asked the update
 * server for, what travelled and what the repository already had (reference 3.1: a pull fetches
 * only the objects the repo lacks). Pure: the timeline in, plain values out.
 */
import type { EventOf, Step } from '../../engine/types'

export interface PullView {
  /** Where the step is: asking, objects fetched, or the ref moved to the new commit. */
  phase: 'started' | 'fetched' | 'ref'
  remote: string
  commit: string
  version: string
  /** Once fetched: the objects and bytes that travelled, and those the repo already had. */
  fetched: number
  bytes: number
  present: number
  total: number
  /** Once the ref moved: its name. */
  ref: string | null
}

const PHASES = {
  'pull/started': 'started',
  'pull/objectsFetched': 'fetched',
  'pull/refUpdated': 'ref',
} as const

type PullEvent = EventOf<keyof typeof PHASES>

const isPull = (step: Step | undefined): step is Step & { event: PullEvent } =>
  step !== undefined && step.event.type in PHASES

/**
 * The pull at `cursor`, or null when its step is not one of a pull's.
 * @example pullAt(timeline, fetchedStep) // { phase: 'fetched', fetched: 5622, present: 15436, ... }
 */
export function pullAt(timeline: readonly Step[], cursor: number): PullView | null {
  const here = timeline[cursor]
  if (!isPull(here)) return null
  // back to the pull's first step: its start, or the first of its steps
  let start = cursor
  while (timeline[start]?.event.type !== 'pull/started' && isPull(timeline[start - 1])) start--
  const view: PullView = {
    phase: PHASES[here.event.type],
    remote: '',
    commit: '',
    version: '',
    fetched: 0,
    bytes: 0,
    present: 0,
    total: 0,
    ref: null,
  }
  for (let i = start; i <= cursor; i++) {
    const event = timeline[i]?.event
    if (event?.type === 'pull/started')
      Object.assign(view, { remote: event.remote, commit: event.commit, version: event.version })
    else if (event?.type === 'pull/objectsFetched')
      Object.assign(view, {
        commit: event.commit,
        fetched: event.total - event.present,
        bytes: event.bytes,
        present: event.present,
        total: event.total,
      })
    else if (event?.type === 'pull/refUpdated') view.ref = event.ref
  }
  return view
}
