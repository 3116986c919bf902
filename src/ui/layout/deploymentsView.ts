/**
 * What the Deployments panel marks as changed at a step: the cards whose flags the step changed or
 * whose folder it wrote, the lines of a status text that differ from the step before, and the
 * parts of /boot's loader the step touched. Pure functions of engine data; no JSX.
 */
import type { DeploymentId, DeploymentInfo } from '../../engine'
import { deployPath } from '../../engine/sysroot'
import type { Step } from '../../engine/types'

/** The badges a card shows, in this order: GRUB's default first, then the tools' own words. */
export const FLAGS = [
  'isDefault',
  'booted',
  'staged',
  'pending',
  'rollback',
  'pinned',
  'locked',
] as const
export type Flag = (typeof FLAGS)[number]

export const cardKey = (d: DeploymentId): string => `${d.stateroot}/${d.checksum}.${d.serial}`

export function flagsOf(d: DeploymentInfo): Flag[] {
  return FLAGS.filter((flag) => d[flag])
}

/**
 * The cards the step changed: a deployment that was not listed before, one whose flags differ
 * from the step before, or one whose folder, origin file or staged state the step wrote.
 * `before` is null at the first step of a timeline, where nothing can have changed.
 */
export function changedCards(
  now: readonly DeploymentInfo[],
  before: readonly DeploymentInfo[] | null,
  touched: readonly string[],
): Set<string> {
  const previous = new Map((before ?? []).map((d) => [cardKey(d), flagsOf(d).join()]))
  const wrote = (d: DeploymentInfo) => {
    const dir = `root:${deployPath(d)}`
    return touched.some(
      (path) =>
        path === dir ||
        path.startsWith(`${dir}/`) ||
        path === `${dir}.origin` ||
        (d.staged && path.startsWith('run:/ostree/staged-deployment')),
    )
  }
  return new Set(
    now
      .filter(
        (d) => (before !== null && previous.get(cardKey(d)) !== flagsOf(d).join()) || wrote(d),
      )
      .map(cardKey),
  )
}

/**
 * For each line of `after`, whether it is new since `before`: the lines outside a longest common
 * subsequence of the two (status texts are a few dozen lines, so the quadratic table is small).
 */
export function changedLines(before: string, after: string): boolean[] {
  const a = before.split('\n')
  const b = after.split('\n')
  const width = b.length + 1
  // lcs[i * width + j]: the longest common subsequence of a[i..] and b[j..]
  const lcs = new Array<number>((a.length + 1) * width).fill(0)
  const at = (i: number, j: number) => lcs[i * width + j] ?? 0
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1))
  const changed = b.map(() => true)
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      changed[j] = false
      i++
      j++
    } else if (at(i + 1, j) >= at(i, j + 1)) i++
    else j++
  }
  return changed
}

/** Whether the step touched `/boot/<name>` or anything under it (`name` without a slash). */
export function touchedBoot(touched: readonly string[], name: string): boolean {
  const path = `boot:/${name}`
  return touched.some((p) => p === path || p.startsWith(`${path}/`))
}

/** What ends a finalization, or the power cycle it ran in: past one, nothing is being finalized. */
const ENDS = new Set<Step['event']['type']>([
  'finalize/failed',
  'power/off',
  'power/lost',
  'power/on',
])

/**
 * The deployment being finalized at `cursor`, and the step before its finalization started:
 * from `finalize/started` (ostree took it out of /run) until the machine goes off. Between the two,
 * no tool lists it (reference 3.3: it is neither staged any more nor in the entries /boot/loader
 * names, until the rename).
 * @example finalizingAt(timeline, cursor) // { deployment, before: 41 } at the /etc merge
 */
export function finalizingAt(
  timeline: readonly Step[],
  cursor: number,
): { deployment: DeploymentId; before: number } | null {
  for (let i = cursor; i >= 0; i--) {
    const event = timeline[i]?.event
    if (event === undefined || ENDS.has(event.type)) return null
    if (event.type === 'finalize/started') return { deployment: event.deployment, before: i - 1 }
  }
  return null
}
