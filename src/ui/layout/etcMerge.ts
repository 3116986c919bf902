/**
 * What the /etc merge panel shows, as plain data: which merge the step at the cursor is about,
 * every path of /etc in the four trees of the merge (base: the old /usr/etc, local: /etc, new: the
 * new /usr/etc, result: the new /etc) with the rule that decided it, the order in which
 * finalization merges them, a line diff of two versions of a file, and the checks of an edit.
 * No JSX; the engine computes the merge, this module only reads it.
 */
import type { EtcDiff, EtcEdit, MergeOutcome, MergeRule } from '../../engine'
import { walkTree } from '../../engine/fs'
import { listDeployments } from '../../engine/status'
import { deployPath, readStaged } from '../../engine/sysroot'
import type { DeploymentId, Filesystem, Inode, Machine, Step } from '../../engine/types'
import type { MessageKey } from '../../i18n'

// ---------------------------------------------------------------------------------------------
// Which merge

/**
 * - merged: an `etc/merged` step: at the cursor (`current`, the files merge one by one), or the
 *   merge that made the deployment being shut down, booted or running now;
 * - failed: finalization stopped on the /etc merge, at the cursor or in the power cycle shown;
 * - pending: a deployment is staged (or finalization has just taken it): the merge shutdown would
 *   do on /etc as it is now;
 * - local: no merge in sight: the local changes of the booted (or default) deployment, as
 *   `ostree admin config-diff` sees them.
 */
export type MergeSource =
  | {
      kind: 'merged'
      step: number
      current: boolean
      machine: Machine
      merge: DeploymentId
      target: DeploymentId
      outcomes: readonly MergeOutcome[]
      diff: EtcDiff
    }
  | {
      kind: 'failed'
      step: number
      current: boolean
      machine: Machine
      merge: DeploymentId
      target: DeploymentId
      /** ostree's error, as finalization logged it. */
      message: string
    }
  | {
      kind: 'pending'
      machine: Machine
      merge: DeploymentId
      target: DeploymentId
      started: boolean
    }
  | { kind: 'local'; machine: Machine; deployment: DeploymentId }

function same(a: DeploymentId | null | undefined, b: DeploymentId | null | undefined): boolean {
  return (
    a != null &&
    b != null &&
    a.stateroot === b.stateroot &&
    a.checksum === b.checksum &&
    a.serial === b.serial
  )
}

/** The merge an `etc/merged` or `finalize/failed` step reports, or null for any other step. */
function reported(step: Step, index: number, current: boolean): MergeSource | null {
  const { event, machine } = step
  switch (event.type) {
    case 'etc/merged':
      return {
        kind: 'merged',
        step: index,
        current,
        machine,
        merge: event.merge,
        target: event.deployment,
        outcomes: event.outcomes,
        diff: event.diff,
      }
    case 'finalize/failed':
      return {
        kind: 'failed',
        step: index,
        current,
        machine,
        merge: event.merge,
        target: event.deployment,
        message: event.message,
      }
  }
  return null
}

/** The deployment whose /etc a person edits now: the booted one, else the default. */
export function localDeployment(machine: Machine): DeploymentId | null {
  const booted = machine.runtime?.booted
  if (booted) return booted
  if (machine.filesystems.root === undefined) return null
  return listDeployments(machine).find((d) => !d.staged) ?? null
}

/**
 * The merge the step at `cursor` is about (see `MergeSource`), or null before any deployment.
 * @example mergeSource(steps, cursor)?.kind // 'pending' once an upgrade is staged
 */
export function mergeSource(steps: readonly Step[], cursor: number): MergeSource | null {
  const step = steps[cursor]
  if (!step) return null
  const machine = step.machine
  const here = reported(step, cursor, true)
  if (here) return here
  const booted = machine.runtime?.booted ?? null
  if (step.event.type === 'finalize/started' && booted !== null)
    return { kind: 'pending', machine, merge: booted, target: step.event.deployment, started: true }
  const staged = readStaged(machine)
  if (staged !== null)
    return { kind: 'pending', machine, merge: staged.merge, target: staged.target, started: false }
  // A merge stays in view while its machine shuts down and boots, and while its deployment runs.
  const running = machine.runtime?.phase === 'running'
  for (let i = cursor - 1; i >= 0; i--) {
    const past = steps[i]
    if (past?.event.type !== 'etc/merged' && past?.event.type !== 'finalize/failed') continue
    const source = reported(past, i, false)
    if (source && (!running || (source.kind === 'merged' && same(source.target, booted))))
      return source
    break
  }
  const deployment = localDeployment(machine)
  return deployment === null ? null : { kind: 'local', machine, deployment }
}

// ---------------------------------------------------------------------------------------------
// The rows

/** How a version of a path differs from the old default (base). */
export type Change =
  'same' | 'absent' | 'added' | 'removed' | 'content' | 'mode' | 'owner' | 'target' | 'kind'

/** Which version the result is: the local one, the new default, both (they agree), or none. */
export type Outcome = 'local' | 'new' | 'both' | 'absent' | 'other'

export interface EtcRow {
  /** Relative to /etc, as config-diff prints it. */
  path: string
  base: Inode | null
  local: Inode | null
  upstream: Inode | null
  result: Inode | null
  localChange: Change
  upstreamChange: Change
  /** Null when there is no result to show (local changes only, or a merge that failed). */
  outcome: Outcome | null
  /** The rule the merge applies; null for a path that differs nowhere, or with no merge. */
  rule: MergeRule | null
  /** `ostree admin config-diff`'s letter for this path. */
  letter: 'M' | 'D' | 'A' | null
}

/** Where the four trees are: directories of `fs`; a null tree is not shown. */
export interface EtcTrees {
  fs: Filesystem
  base: string
  local: string
  upstream: string | null
  result: string | null
}

/** The trees of a merge of `target` against `merge`, in `fs`. */
export function mergeTrees(
  fs: Filesystem,
  merge: DeploymentId,
  target: DeploymentId,
  withResult: boolean,
): EtcTrees {
  return {
    fs,
    base: `${deployPath(merge)}/usr/etc`,
    local: `${deployPath(merge)}/etc`,
    upstream: `${deployPath(target)}/usr/etc`,
    result: withResult ? `${deployPath(target)}/etc` : null,
  }
}

/** The trees config-diff compares: a deployment's /usr/etc and /etc. */
export function localTrees(fs: Filesystem, deployment: DeploymentId): EtcTrees {
  return {
    fs,
    base: `${deployPath(deployment)}/usr/etc`,
    local: `${deployPath(deployment)}/etc`,
    upstream: null,
    result: null,
  }
}

function collect(fs: Filesystem, root: string | null): Map<string, Inode> {
  const out = new Map<string, Inode>()
  if (root !== null) walkTree(fs, root, (path, inode) => out.set(path, inode))
  return out
}

/** The same object for ostree: type, content, mode, owner, symlink target; never times. */
export function sameVersion(a: Inode | null, b: Inode | null): boolean {
  if (a === null || b === null) return a === b
  if (a.kind !== b.kind || a.uid !== b.uid || a.gid !== b.gid) return false
  if (a.kind === 'file' && b.kind === 'file')
    return a.data === b.data && a.size === b.size && a.mode === b.mode
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target
  return a.mode === b.mode
}

/** How `other` differs from `base`; the first difference that matters most. */
export function changeOf(base: Inode | null, other: Inode | null): Change {
  if (base === null) return other === null ? 'absent' : 'added'
  if (other === null) return 'removed'
  if (base.kind !== other.kind) return 'kind'
  if (
    base.kind === 'file' &&
    other.kind === 'file' &&
    (base.data !== other.data || base.size !== other.size)
  )
    return 'content'
  if (base.kind === 'symlink' && other.kind === 'symlink' && base.target !== other.target)
    return 'target'
  if (base.kind !== 'symlink' && base.mode !== other.mode) return 'mode'
  if (base.uid !== other.uid || base.gid !== other.gid) return 'owner'
  return 'same'
}

function outcomeOf(local: Inode | null, upstream: Inode | null, result: Inode | null): Outcome {
  if (result === null) return 'absent'
  const isLocal = sameVersion(local, result)
  const isNew = sameVersion(upstream, result)
  if (isLocal && isNew) return 'both'
  if (isLocal) return 'local'
  return isNew ? 'new' : 'other'
}

/**
 * Every path of the trees, sorted as ostree walks them, with how each version differs and the
 * rule the merge applies to it.
 * @example etcRows(trees, outcomes, diff).find((r) => r.path === 'chrony.conf')?.rule // 'localHidesUpstream'
 */
export function etcRows(
  trees: EtcTrees,
  outcomes: readonly MergeOutcome[] | null,
  diff: EtcDiff | null,
): EtcRow[] {
  const base = collect(trees.fs, trees.base)
  const local = collect(trees.fs, trees.local)
  const upstream = collect(trees.fs, trees.upstream)
  const result = collect(trees.fs, trees.result)
  const rules = new Map((outcomes ?? []).map((o) => [o.path, o.rule]))
  const letters = new Map<string, 'M' | 'D' | 'A'>([
    ...(diff?.modified ?? []).map((p) => [p, 'M'] as const),
    ...(diff?.removed ?? []).map((p) => [p, 'D'] as const),
    ...(diff?.added ?? []).map((p) => [p, 'A'] as const),
  ])
  const paths = new Set([...base.keys(), ...local.keys(), ...upstream.keys(), ...result.keys()])
  return [...paths].sort().map((path) => {
    const b = base.get(path) ?? null
    const l = local.get(path) ?? null
    const u = upstream.get(path) ?? null
    const r = result.get(path) ?? null
    return {
      path,
      base: b,
      local: l,
      upstream: trees.upstream === null ? null : u,
      result: r,
      localChange: changeOf(b, l),
      upstreamChange: trees.upstream === null ? 'same' : changeOf(b, u),
      outcome: trees.result === null ? null : outcomeOf(l, u, r),
      rule: rules.get(path) ?? null,
      letter: letters.get(path) ?? null,
    }
  })
}

const UNCHANGED: ReadonlySet<Change> = new Set(['same', 'absent'])

/** True when some tree differs from the old default at this path (or the merge has a rule for it). */
export function differs(row: EtcRow): boolean {
  return (
    row.rule !== null ||
    row.letter !== null ||
    !UNCHANGED.has(row.localChange) ||
    !UNCHANGED.has(row.upstreamChange)
  )
}

/** The rows to list: those that differ anywhere, or all of them. */
export function visibleRows(rows: readonly EtcRow[], showAll: boolean): EtcRow[] {
  return showAll ? [...rows] : rows.filter(differs)
}

// ---------------------------------------------------------------------------------------------
// One by one

/** The order ostree applies the local changes: removals, then modifications, then additions (reference 4, "Apply"). */
export function applyOrder(diff: EtcDiff): Map<string, number> {
  const order = new Map<string, number>()
  for (const path of [...diff.removed, ...diff.modified, ...diff.added])
    if (!order.has(path)) order.set(path, order.size)
  return order
}

/** The place of `path` in the order: its own, or that of the nearest directory above it (a removed tree goes at once). */
export function orderOf(order: ReadonlyMap<string, number>, path: string): number | null {
  for (let at = path.length; at > 0; at = path.lastIndexOf('/', at - 1)) {
    const index = order.get(path.slice(0, at))
    if (index !== undefined) return index
  }
  return null
}

export type RowPhase = 'waiting' | 'merging' | 'done'

/**
 * Where a row is when `progress` of the local changes have been applied (0 to the count, eased
 * in between). A path the merge does not touch is in the new /etc from the start: the fresh copy
 * of the new defaults.
 */
export function rowPhase(
  order: ReadonlyMap<string, number>,
  path: string,
  progress: number,
): RowPhase {
  const index = orderOf(order, path)
  if (index === null || progress >= index + 1) return 'done'
  return progress > index ? 'merging' : 'waiting'
}

/** How long the one-by-one merge takes on screen: quick per file, never longer than a step. */
export function mergeDuration(count: number): number {
  return Math.min(2000, 150 * count)
}

// ---------------------------------------------------------------------------------------------
// Text diff

export type DiffLine = { kind: 'same' | 'del' | 'add'; text: string }
export type DiffPiece = DiffLine | { kind: 'skip'; count: number }

/** Past this many cells the diff gives up on the middle and shows it as removed, then added. */
const MAX_CELLS = 1_000_000

/** The lines of a text; a final newline ends the last line rather than starting an empty one. */
export function linesOf(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/**
 * A line diff from `a` to `b`: the common lines, and the lines only in one of them, in order. A
 * longest common subsequence over the lines between the common head and tail.
 * @example lineDiff('a\nb\n', 'a\nc\n') // same a, del b, add c
 */
export function lineDiff(a: string, b: string): DiffLine[] {
  const x = linesOf(a)
  const y = linesOf(b)
  let head = 0
  while (head < x.length && head < y.length && x[head] === y[head]) head++
  let tail = 0
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail]
  )
    tail++
  const xs = x.slice(head, x.length - tail)
  const ys = y.slice(head, y.length - tail)
  const same = (text: string): DiffLine => ({ kind: 'same', text })
  return [...x.slice(0, head).map(same), ...middle(xs, ys), ...x.slice(x.length - tail).map(same)]
}

function middle(xs: string[], ys: string[]): DiffLine[] {
  const n = xs.length
  const m = ys.length
  if (n * m > MAX_CELLS)
    return [
      ...xs.map((text): DiffLine => ({ kind: 'del', text })),
      ...ys.map((text): DiffLine => ({ kind: 'add', text })),
    ]
  // lcs[i][j]: the longest common subsequence of xs[i..] and ys[j..], in one flat array.
  const width = m + 1
  const lcs = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * width + j] =
        xs[i] === ys[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number)
  const out: DiffLine[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (xs[i] === ys[j]) {
      out.push({ kind: 'same', text: xs[i++] as string })
      j++
    } else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))
      out.push({ kind: 'del', text: xs[i++] as string })
    else out.push({ kind: 'add', text: ys[j++] as string })
  }
  while (i < n) out.push({ kind: 'del', text: xs[i++] as string })
  while (j < m) out.push({ kind: 'add', text: ys[j++] as string })
  return out
}

/** The diff with long runs of common lines folded, keeping `context` lines around each change. */
export function foldDiff(lines: readonly DiffLine[], context = 3): DiffPiece[] {
  const changed = lines.map((l) => l.kind !== 'same')
  const near = (i: number): boolean => {
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++)
      if (changed[k]) return true
    return false
  }
  const out: DiffPiece[] = []
  for (const [i, line] of lines.entries()) {
    if (near(i)) out.push(line)
    else {
      const last = out.at(-1)
      if (last?.kind === 'skip') last.count++
      else out.push({ kind: 'skip', count: 1 })
    }
  }
  return out
}

/** The text of a version, or null when it has none to compare (a directory, a symlink, bulk bytes). */
export function textOf(inode: Inode | null): string | null {
  if (inode === null) return ''
  if (inode.kind !== 'file') return null
  // The bulk of a release holds a stand-in, not its bytes (types.ts, FileInode.data).
  return inode.data.startsWith('blob:') ? null : inode.data
}

// ---------------------------------------------------------------------------------------------
// Editing /etc

/** The edits the panel offers (a chown needs users the model does not list). */
export type EditKind = Exclude<EtcEdit['type'], 'chown'>

export interface EditForm {
  path: string
  content: string
  mode: string
  target: string
}

export type EditCheck =
  | { ok: true; edit: EtcEdit }
  | {
      ok: false
      error: MessageKey
      params?: Record<string, string | number>
      field: keyof EditForm
    }

/** Linux's NAME_MAX and PATH_MAX. */
const NAME_MAX = 255
const PATH_MAX = 4096
/** A config file typed in the browser; larger ones are refused with a message. */
export const MAX_CONTENT = 64 * 1024

/** An octal mode such as `644` or `0600`, or null. */
export function parseMode(text: string): number | null {
  const t = text.trim()
  return /^[0-7]{3,4}$/.test(t) ? parseInt(t, 8) : null
}

/**
 * The edit a form asks for, or why it is refused: a path under /etc (`/etc/x`, or `x` for
 * `/etc/x`) whose folder exists, and what each kind of edit needs. `lookup` reads the /etc being
 * edited, by path relative to it.
 * @example checkEdit('delete', { ...form, path: '/usr/etc/hosts' }, lookup) // { ok: false, error: 'etcEditor.error.outside', ... }
 */
export function checkEdit(
  kind: EditKind,
  form: EditForm,
  lookup: (rel: string) => Inode | null,
): EditCheck {
  const refuse = (
    error: MessageKey,
    field: keyof EditForm,
    params?: Record<string, string | number>,
  ): EditCheck => (params ? { ok: false, error, field, params } : { ok: false, error, field })
  const typed = form.path.trim()
  if (typed === '' || typed === '/etc' || typed === '/etc/')
    return refuse('etcEditor.error.noName', 'path')
  const absolute = typed.startsWith('/') ? typed : `/etc/${typed}`
  if (!absolute.startsWith('/etc/'))
    return refuse('etcEditor.error.outside', 'path', { path: typed })
  const rel = absolute.slice('/etc/'.length).replace(/\/$/, '')
  const parts = rel.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0')))
    return refuse('etcEditor.error.badName', 'path', { path: typed })
  if (absolute.length > PATH_MAX || parts.some((p) => p.length > NAME_MAX))
    return refuse('etcEditor.error.tooLong', 'path', { max: NAME_MAX })
  const path = `/etc/${rel}`
  const parent = parts.slice(0, -1).join('/')
  if (parent !== '' && lookup(parent)?.kind !== 'dir')
    return refuse('etcEditor.error.noFolder', 'path', { folder: `/etc/${parent}` })
  const existing = lookup(rel)
  const mode = parseMode(form.mode)
  const badMode = form.mode.trim() !== '' && mode === null
  switch (kind) {
    case 'write':
      if (existing?.kind === 'dir') return refuse('etcEditor.error.isFolder', 'path', { path })
      if (form.content.length > MAX_CONTENT)
        return refuse('etcEditor.error.tooLarge', 'content', { max: MAX_CONTENT })
      if (badMode) return refuse('etcEditor.error.badMode', 'mode', { mode: form.mode.trim() })
      return {
        ok: true,
        edit:
          mode === null
            ? { type: 'write', path, data: form.content }
            : { type: 'write', path, data: form.content, mode },
      }
    case 'delete':
      if (existing === null) return refuse('etcEditor.error.notFound', 'path', { path })
      return { ok: true, edit: { type: 'delete', path } }
    case 'chmod':
      if (existing === null) return refuse('etcEditor.error.notFound', 'path', { path })
      if (existing.kind === 'symlink')
        return refuse('etcEditor.error.chmodSymlink', 'path', { path })
      if (mode === null)
        return refuse('etcEditor.error.badMode', 'mode', { mode: form.mode.trim() })
      return { ok: true, edit: { type: 'chmod', path, mode } }
    case 'mkdir':
      if (existing !== null) return refuse('etcEditor.error.exists', 'path', { path })
      if (badMode) return refuse('etcEditor.error.badMode', 'mode', { mode: form.mode.trim() })
      return { ok: true, edit: { type: 'mkdir', path, mode: mode ?? 0o755 } }
    case 'symlink':
      if (existing?.kind === 'dir') return refuse('etcEditor.error.isFolder', 'path', { path })
      if (form.target.trim() === '') return refuse('etcEditor.error.noTarget', 'target')
      return { ok: true, edit: { type: 'symlink', path, target: form.target.trim() } }
  }
}
