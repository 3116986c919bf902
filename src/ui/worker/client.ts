/**
 * The page's way to the engine's computations: a worker when the browser can start one (the page
 * never freezes while a tour or an upgrade is computed), or the page's own thread when it cannot
 * (a file opened from disk may not start workers). Both give the same steps.
 */
import type { ProfileId, ShellResult, ShellState } from '../../engine'
import type { Machine, Step } from '../../engine/types'
import type { MachineAction, TourStep } from '../../scenarios/types'
import type { HardLinksModel } from '../layout/hardLinks'
import { loadShell } from '../../scenarios/shell'
import type { LocalEngine } from './local'
import type { Request, Response } from './protocol'
import { spawnEngineWorker } from './spawn'
import { Unpacker, type Packed } from './transfer'

type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

export interface EngineClient {
  /**
   * The engine itself, once loaded, when it runs on the page's thread (no worker): callers may
   * then do the work synchronously. Null with a worker.
   */
  readonly sync: LocalEngine | null
  /**
   * Every step of the tour. `onPart`, if given, hears the steps known so far whenever more are
   * (each time a longer start of the whole, see `tourSteps`), before the promise settles.
   */
  tour(
    tourId: string,
    profile: ProfileId,
    scale: number,
    onPart?: (steps: readonly TourStep[]) => void,
  ): Promise<readonly TourStep[]>
  act(machine: Machine, action: MachineAction): Promise<Step[]>
  shell(machine: Machine, shell: ShellState, line: string): Promise<ShellResult>
  /** The Hard links panel's model of each step, given its machine and the one before it. */
  hardLinks(steps: readonly HardLinksStep[]): Promise<HardLinksModel[]>
}

export interface HardLinksStep {
  machine: Machine
  previous: Machine | undefined
}

let loaded: LocalEngine | null = null

/** Loads the engine on the page's thread; `localClient().sync` is then set. */
export async function loadLocalEngine(): Promise<LocalEngine> {
  // tours and actions may type a line: the shell comes with the engine here
  const [{ localEngine }] = await Promise.all([import('./local'), loadShell()])
  return (loaded ??= localEngine)
}

/** The engine on the page's thread, loaded on first use. */
export function localClient(): EngineClient {
  return {
    get sync() {
      return loaded
    },
    async tour(tourId, profile, scale, onPart) {
      const engine = await loadLocalEngine()
      const tour = engine.findTour(tourId)
      if (!tour) throw new Error(`unknown tour ${tourId}`)
      const run = engine.tourSteps(tour, { scale, profile })
      for (;;) {
        const next = run.next()
        if (next.done) return next.value
        onPart?.(next.value)
      }
    },
    async act(machine, action) {
      return (await loadLocalEngine()).performAction(machine, action)
    },
    async shell(machine, shell, line) {
      return (await loadLocalEngine()).runCommand(machine, shell, line)
    },
    async hardLinks(steps) {
      const { hardLinksModel } = await loadLocalEngine()
      return steps.map(({ machine, previous }) => hardLinksModel(machine, previous))
    },
  }
}

interface Pending {
  request: Ask
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  /** A tour's steps so far, and who hears them grow. */
  parts?: { steps: TourStep[]; listener: (steps: readonly TourStep[]) => void }
}

/**
 * The engine in a worker. If the worker fails before it ever answers (no worker support for this
 * page, a script that cannot load), the requests waiting and all later ones go to `fallback`.
 */
export function workerClient(worker: Worker, fallback: () => EngineClient): EngineClient {
  const unpacker = new Unpacker()
  const pending = new Map<number, Pending>()
  let nextId = 1
  let answered = false
  let local: EngineClient | null = null

  const redo = (client: EngineClient, { request, resolve, reject, parts }: Pending) => {
    const done = (promise: Promise<unknown>) => promise.then(resolve, reject)
    if (request.kind === 'tour')
      done(client.tour(request.tourId, request.profile, request.scale, parts?.listener))
    // a machine name only means something to the worker that sent it
    else reject(new Error('the engine stopped before it could answer'))
  }

  worker.addEventListener('message', (event: MessageEvent<Response>) => {
    answered = true
    const response = event.data
    const waiting = pending.get(response.id)
    if (!waiting) return
    if (response.kind === 'batch') unpacker.add(JSON.parse(response.objects) as Packed[])
    else if (response.kind === 'part') {
      const parts = waiting.parts
      if (!parts) return
      parts.steps = [...parts.steps, ...(unpacker.value(response.root) as TourStep[])]
      parts.listener(parts.steps)
    } else {
      pending.delete(response.id)
      if (response.kind === 'done') waiting.resolve(unpacker.value(response.root))
      else waiting.reject(new Error(response.message))
    }
  })
  worker.addEventListener('error', (event) => {
    event.preventDefault()
    if (answered) {
      for (const waiting of pending.values()) waiting.reject(new Error(event.message))
      pending.clear()
      return
    }
    local ??= fallback()
    worker.terminate()
    for (const waiting of pending.values()) redo(local, waiting)
    pending.clear()
  })

  const ask = <T>(request: Ask, onPart?: (steps: readonly TourStep[]) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, {
        request,
        resolve: resolve as (value: unknown) => void,
        reject,
        ...(onPart ? { parts: { steps: [], listener: onPart } } : {}),
      })
      worker.postMessage({ ...request, id })
    })

  const nameOf = (machine: Machine): number => {
    const id = unpacker.idOf(machine)
    if (id === undefined) throw new Error('this machine did not come from the engine worker')
    return id
  }

  return {
    get sync() {
      return local?.sync ?? null
    },
    tour: (tourId, profile, scale, onPart) =>
      local
        ? local.tour(tourId, profile, scale, onPart)
        : ask<readonly TourStep[]>({ kind: 'tour', tourId, profile, scale }, onPart),
    act: (machine, action) =>
      local
        ? local.act(machine, action)
        : ask<Step[]>({ kind: 'act', machine: nameOf(machine), action }),
    shell: (machine, shell, line) =>
      local
        ? local.shell(machine, shell, line)
        : ask<ShellResult>({ kind: 'shell', machine: nameOf(machine), shell, line }),
    // async: a machine the worker never sent rejects rather than throws
    hardLinks: async (steps) =>
      local
        ? local.hardLinks(steps)
        : ask<HardLinksModel[]>({
            kind: 'hardLinks',
            steps: steps.map(({ machine, previous }) => ({
              machine: nameOf(machine),
              previous: previous ? nameOf(previous) : null,
            })),
          }),
  }
}

let client: EngineClient | null = null

/** The one engine the page uses: a worker when it can start one. */
export function engineClient(): EngineClient {
  if (client) return client
  if (typeof Worker === 'undefined') return (client = localClient())
  try {
    client = workerClient(spawnEngineWorker(), localClient)
  } catch {
    client = localClient()
  }
  return client
}
