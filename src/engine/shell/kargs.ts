/**
 * `rpm-ostree kargs --append/--delete/...`: a new deployment of the same commit with other kernel
 * arguments, staged like an upgrade (rpmostreed-transaction-types.cxx, KernelArgTransaction: the
 * upgrader deploys the booted, or pending, commit with the new kargs). The engine has no operation
 * for it; this one is built from its exported pieces, as `upgrade` stages a commit (ops.ts).
 */
import { stageCommit } from '../ops'
import { Recorder } from '../recorder'
import { allDeployments, sameDeployment } from '../sysroot'
import type { DeploymentId, Machine, Step } from '../types'

export interface KargsEdit {
  append: string[]
  delete: string[]
  replace: string[]
  appendIfMissing: string[]
  deleteIfPresent: string[]
}

/** The deployment `rpm-ostree kargs` works on: the pending one if any (staged first), else booted. */
export function kargsBase(m: Machine): { id: DeploymentId; kargs: string[] } | null {
  const booted = m.runtime?.booted
  if (booted == null) return null
  const list = allDeployments(m)
  const at = list.findIndex((d) => sameDeployment(d, booted))
  const pending = list.find((d, i) => i < at && d.stateroot === booted.stateroot)
  const base = pending ?? list[at]
  if (base === undefined) return null
  return {
    id: { stateroot: base.stateroot, checksum: base.checksum, serial: base.serial },
    kargs: base.kargs,
  }
}

interface Karg {
  key: string
  value: string | null
}

function split(arg: string): Karg {
  const eq = arg.indexOf('=')
  return eq < 0 ? { key: arg, value: null } : { key: arg.slice(0, eq), value: arg.slice(eq + 1) }
}

function join(k: Karg): string {
  return k.value === null ? k.key : `${k.key}=${k.value}`
}

/** ostree_kernel_args_delete (ostree-kernel-args.c), with its error messages. */
function remove(list: Karg[], arg: string): string | null {
  const { key, value } = split(arg)
  const same = list.filter((k) => k.key === key)
  if (same.length === 0) return `No key '${key}' found`
  if (same.length === 1) {
    const only = same[0] as Karg
    if (value !== null && only.value !== value) return `No karg '${key}=${value}' found`
    list.splice(list.indexOf(only), 1)
    return null
  }
  const hit = same.find((k) => k.value === value)
  if (hit === undefined)
    return value === null ? `Multiple values for key '${key}' found` : `No karg '${arg}' found`
  list.splice(list.indexOf(hit), 1)
  return null
}

/** ostree_kernel_args_new_replace: `KEY=VALUE`, or `KEY=OLD=NEW` for one of several values. */
function replace(list: Karg[], arg: string): string | null {
  const { key, value } = split(arg)
  const same = list.filter((k) => k.key === key)
  if (same.length === 0) return `No key '${key}' found`
  const eq = value === null ? -1 : value.indexOf('=')
  if (value !== null && eq >= 0) {
    const old = value.slice(0, eq)
    const hit = same.find((k) => k.value === old)
    if (hit === undefined) return `No karg '${key}=${old}' found`
    hit.value = value.slice(eq + 1)
    return null
  }
  if (same.length > 1) return `Multiple values for key '${key}' found`
  ;(same[0] as Karg).value = value
  return null
}

/** The kernel arguments after an edit, in the daemon's order; or the error it reports. */
export function editKargs(
  kargs: string[],
  edit: KargsEdit,
): { kargs: string[]; changed: boolean } | { error: string } {
  const list = kargs.map(split)
  let changed = false
  for (const arg of edit.delete) {
    const error = remove(list, arg)
    if (error !== null) return { error }
    changed = true
  }
  for (const arg of edit.replace) {
    const error = replace(list, arg)
    if (error !== null) return { error }
    changed = true
  }
  for (const arg of edit.append) {
    list.push(split(arg))
    changed = true
  }
  for (const arg of edit.appendIfMissing) {
    if (list.some((k) => k.key === split(arg).key)) continue
    list.push(split(arg))
    changed = true
  }
  for (const arg of edit.deleteIfPresent) {
    if (!list.some((k) => k.key === split(arg).key)) continue
    const error = remove(list, arg)
    if (error !== null) return { error }
    changed = true
  }
  return { kargs: list.map(join), changed }
}

/** Stages the base deployment's commit again with `kargs` (reference 1.2: serial `.1`, `.2`...). */
export function stageKargs(m: Machine, kargs: string[], change: string): Step[] {
  const base = kargsBase(m)
  const booted = m.runtime?.booted
  const root = m.filesystems.root
  if (base === null || booted == null || root === undefined) return []
  const rec = new Recorder(m)
  rec.tick(1)
  rec.step(
    { type: 'kargs/changed', base: base.id, kargs, change },
    { key: 'step.shell.kargs', params: { change } },
  )
  stageCommit(rec, base.id.checksum, false, { from: base.id, kargs })
  return rec.steps
}
