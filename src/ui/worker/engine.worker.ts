/**
 * The engine, off the page's thread: it computes tours and actions at the machine's real size
 * (about 20,000 files per release: seconds of work the first time a release is built) while the
 * page stays responsive, and sends the steps back in batches (transfer.ts). The shell and the Hard
 * links model are chunks of their own, fetched once a tour's first steps are sent.
 */
import type { Machine, Step } from '../../engine/types'
import type { ShellResult } from '../../engine'
import { findTour } from '../../scenarios/registry'
import { performAction, tourSteps } from '../../scenarios/run'
import { loadShell } from '../../scenarios/shell'
import type { Request, Response } from './protocol'
import { batches, Packer } from './transfer'

/**
 * Objects per message: the page rebuilds a batch in one task, about 10 ms per 1,000 objects with
 * the garbage collection they cause. A tour keeps arriving while the reader reads its first steps,
 * so a batch stays well under a long task (50 ms) even on a phone four times slower.
 */
const BATCH = 400

const packer = new Packer()
/** The machines the page may name in a request: every one this worker sent. */
const machines = new Map<number, Machine>()

const post = (response: Response) => postMessage(response)

function machineOf(id: number): Machine {
  const machine = machines.get(id)
  if (!machine) throw new Error(`machine ${id} is unknown to the engine`)
  return machine
}

/**
 * Sends `result` (as the answer, or as a tour's part), then remembers the machines it carries so
 * later requests can name them.
 */
function send(
  id: number,
  result: unknown,
  steps: readonly Step[],
  extra: readonly Machine[] = [],
  kind: 'done' | 'part' = 'done',
) {
  const { root, objects } = packer.pack(result)
  for (const batch of batches(objects, BATCH))
    post({ id, kind: 'batch', objects: JSON.stringify(batch) })
  for (const machine of [...steps.map((step) => step.machine), ...extra]) {
    const number = packer.idOf(machine)
    if (number !== undefined) machines.set(number, machine)
  }
  post({ id, kind, root })
}

async function handle(request: Request): Promise<void> {
  switch (request.kind) {
    case 'tour': {
      const tour = findTour(request.tourId)
      if (!tour) throw new Error(`unknown tour ${request.tourId}`)
      // The first steps go as soon as they are known: the page shows them while the rest compute.
      const run = tourSteps(tour, { scale: request.scale, profile: request.profile })
      const typed = tour.actions.some((action) => action.type === 'shell')
      let sent = 0
      for (let next = run.next(); ; next = run.next()) {
        if (next.done) {
          send(request.id, next.value, next.value)
          return
        }
        const added = next.value.slice(sent)
        sent = next.value.length
        send(request.id, added, added, [], 'part')
        // no tour types a line before its first steps: the shell comes while they are read
        if (typed) await loadShell()
      }
    }
    case 'act': {
      if (request.action.type === 'shell') await loadShell()
      const steps = performAction(machineOf(request.machine), request.action)
      send(request.id, steps, steps)
      return
    }
    case 'shell': {
      const runCommand = await loadShell()
      const result: ShellResult = runCommand(
        machineOf(request.machine),
        request.shell,
        request.line,
      )
      send(request.id, result, result.steps, [result.machine])
      return
    }
    case 'hardLinks': {
      // Walking a new deployment's 20,000 paths takes tens of milliseconds: done here, never on
      // the page's thread. Models of consecutive steps share their parts, sent once.
      const { hardLinksModel } = await import('../layout/hardLinks')
      const models = request.steps.map(({ machine, previous }) =>
        hardLinksModel(machineOf(machine), previous === null ? undefined : machineOf(previous)),
      )
      send(request.id, models, [])
      return
    }
  }
}

// Requests are handled one at a time, in order: each may start from a machine the previous sent.
let queue = Promise.resolve()
addEventListener('message', (event: MessageEvent<Request>) => {
  const request = event.data
  queue = queue.then(() =>
    handle(request).catch((error: unknown) =>
      post({
        id: request.id,
        kind: 'error',
        message: error instanceof Error ? error.message : String(error),
      }),
    ),
  )
})
