/**
 * How an operation produces its steps: it changes a working copy of the machine through drafts, and
 * each call to `step()` seals the changes so far into a new `Machine` and records it. Unchanged
 * filesystem chunks are shared between consecutive machines, so a step costs what it changed.
 */
import { FsDraft } from './fs'
import { shortenChecksums } from './hash'
import type { Filesystem, Machine, MachineEvent, Message, Runtime, Step } from './types'

export class Recorder {
  readonly steps: Step[] = []
  private current: Machine
  private drafts = new Map<string, FsDraft>()

  constructor(machine: Machine) {
    this.current = machine
  }

  /** The machine as it stands, including unsealed changes. */
  get machine(): Machine {
    if (this.drafts.size === 0) return this.current
    const filesystems = { ...this.current.filesystems }
    const volatile = { ...this.current.volatile }
    for (const [key, draft] of this.drafts) {
      if (key in filesystems) filesystems[key] = draft.view()
      else volatile[key] = draft.view()
    }
    return { ...this.current, filesystems, volatile }
  }

  /** A draft of a filesystem ('root', 'boot', or a volatile one such as 'run'). */
  fs(key: string): FsDraft {
    let draft = this.drafts.get(key)
    if (draft === undefined) {
      const base = this.current.filesystems[key] ?? this.current.volatile[key]
      if (base === undefined) throw new Error(`no filesystem '${key}'`)
      draft = new FsDraft(base)
      this.drafts.set(key, draft)
    }
    return draft
  }

  /** A filesystem to read, with unsealed changes. */
  view(key: string): Filesystem {
    const draft = this.drafts.get(key)
    if (draft !== undefined) return draft.view()
    const fs = this.current.filesystems[key] ?? this.current.volatile[key]
    if (fs === undefined) throw new Error(`no filesystem '${key}'`)
    return fs
  }

  /** Changes top-level fields of the machine (power, clock, partitions, runtime...). */
  patch(change: Partial<Machine>): void {
    this.seal()
    this.current = { ...this.current, ...change }
  }

  /** Adds a new filesystem (mkfs) or removes one (`null`). */
  setFilesystem(kind: 'filesystems' | 'volatile', key: string, fs: Filesystem | null): void {
    this.seal()
    const table = { ...this.current[kind] }
    if (fs === null) delete table[key]
    else table[key] = fs
    this.current = { ...this.current, [kind]: table }
  }

  runtime(): Runtime {
    const runtime = this.current.runtime
    if (runtime === null) throw new Error('the machine is not running')
    return runtime
  }

  patchRuntime(change: Partial<Runtime>): void {
    this.patch({ runtime: { ...this.runtime(), ...change } })
  }

  journal(unit: string, message: string, by?: 'systemd'): void {
    const runtime = this.runtime()
    const line = by === undefined ? { unit, message } : { unit, message, by }
    this.patchRuntime({ journal: [...runtime.journal, line] })
  }

  /** Time passes. */
  tick(seconds: number): void {
    this.patch({ clock: this.current.clock + seconds })
  }

  get clock(): number {
    return this.current.clock
  }

  private seal(): void {
    if (this.drafts.size === 0) return
    const filesystems = { ...this.current.filesystems }
    const volatile = { ...this.current.volatile }
    for (const [key, draft] of this.drafts) {
      if (key in filesystems) filesystems[key] = draft.finish()
      else volatile[key] = draft.finish()
    }
    this.drafts.clear()
    this.current = { ...this.current, filesystems, volatile }
  }

  /**
   * Records a step: the changes since the last one, what happened, and how to say it. A caption
   * is read by people: its checksums are shortened (the event and the machine keep them whole).
   */
  step(event: MachineEvent, caption: Message, touched: string[] = []): Step {
    this.seal()
    const step: Step = { event, caption: forPeople(caption), touched, machine: this.current }
    this.steps.push(step)
    return step
  }
}

/** The caption with each full checksum in its parameters shortened (`shortenChecksums`). */
function forPeople(caption: Message): Message {
  const params = caption.params
  if (params === undefined) return caption
  let changed = false
  const short: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(params)) {
    const shown = typeof value === 'string' ? shortenChecksums(value) : value
    if (shown !== value) changed = true
    short[name] = shown
  }
  return changed ? { ...caption, params: short } : caption
}
