/**
 * Random /etc merge cases for the differential fuzzing: an old /usr/etc, a new one, and the edits
 * made in /etc in between, as a scenario that real ostree and the engine both run. The names are
 * few, so that upstream changes and local edits often meet on one path, and every case of the
 * merge table of reference 4 comes up: local or upstream changes of content, mode, owner and type,
 * deletions, additions (a directory with files in it too), symlinks retargeted or pointing at a
 * directory, and a local file whose new default is a directory.
 */
import fc from 'fast-check'
import { etcMergeScenario } from './scenarios'
import type { Scenario, ScenarioAction, TinyEntry } from './types'

/** Four names at the top of /etc, each with two children, one of which has a child too. */
const PATHS: readonly string[] = ['a', 'b', 'c', 'd'].flatMap((top) => [
  top,
  `${top}/x`,
  `${top}/x/z`,
  `${top}/y`,
])

const DATA = ['', 'x\n', 'y\n', 'x\ny\n']
const FILE_MODES = [0o644, 0o600, 0o755, 0o640, 0o4755, 0o2755]
const DIR_MODES = [0o755, 0o700, 0o750, 0o1777]
/**
 * Relative targets only, so that nothing followed can leave the deployment: a sibling (maybe a
 * directory), a child, a name that does not exist, and a file out of /etc.
 */
const TARGETS = ['x', 'a', 'a/x', 'missing', '../usr/lib/os-release']
/** Owners a chown gives; 0:0 puts back the owner every committed file has. */
const OWNERS: [uid: number, gid: number][] = [
  [1000, 1000],
  [0, 1000],
  [0, 0],
]

/** What one path holds in a tree; null is nothing. */
type Shape =
  | { kind: 'file'; mode: number; data: string }
  | { kind: 'dir'; mode: number }
  | { kind: 'symlink'; target: string }
  | null

const file = fc.record({
  kind: fc.constant('file' as const),
  mode: fc.constantFrom(...FILE_MODES),
  data: fc.constantFrom(...DATA),
})
const dir = fc.record({ kind: fc.constant('dir' as const), mode: fc.constantFrom(...DIR_MODES) })
const symlink = fc.record({
  kind: fc.constant('symlink' as const),
  target: fc.constantFrom(...TARGETS),
})

/** Nothing comes first, so that a counterexample shrinks towards the smallest tree. */
const shape: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: file },
  { weight: 3, arbitrary: dir },
  { weight: 2, arbitrary: symlink },
)

function parentOf(path: string): string | null {
  const cut = path.lastIndexOf('/')
  return cut < 0 ? null : path.slice(0, cut)
}

/**
 * The entries of a tree, given one shape per path of PATHS; a path whose parent is no directory
 * is left out.
 */
function treeOf(shapes: readonly Shape[]): TinyEntry[] {
  const dirs = new Set<string>()
  const out: TinyEntry[] = []
  PATHS.forEach((path, i) => {
    const s = shapes[i] ?? null
    const parent = parentOf(path)
    if (s === null || (parent !== null && !dirs.has(parent))) return
    if (s.kind === 'dir') dirs.add(path)
    out.push({ ...s, path })
  })
  return out
}

/**
 * A local edit as drawn: `pick` chooses its path among those where it makes sense at that point
 * (`localEdits`), so that nearly every drawn edit happens and shrinking goes to the first one.
 */
type RawEdit = { pick: number } & (
  | { op: 'write'; data: string; mode: number | null }
  | { op: 'delete' }
  | { op: 'chmod'; mode: number }
  | { op: 'chown'; owner: [number, number] }
  | { op: 'mkdir'; mode: number }
  | { op: 'symlink'; target: string }
  /** `mkdir` then a file in each child name: a directory added with files inside. */
  | { op: 'mkdirWithFiles'; mode: number; data: string }
)

const pick = fc.nat()
const rawEdit: fc.Arbitrary<RawEdit> = fc.oneof(
  fc.record({
    op: fc.constant('write' as const),
    pick,
    data: fc.constantFrom(...DATA),
    mode: fc.option(fc.constantFrom(...FILE_MODES), { nil: null }),
  }),
  fc.record({ op: fc.constant('delete' as const), pick }),
  fc.record({
    op: fc.constant('chmod' as const),
    pick,
    mode: fc.constantFrom(...FILE_MODES, ...DIR_MODES),
  }),
  fc.record({ op: fc.constant('chown' as const), pick, owner: fc.constantFrom(...OWNERS) }),
  fc.record({ op: fc.constant('mkdir' as const), pick, mode: fc.constantFrom(...DIR_MODES) }),
  fc.record({ op: fc.constant('symlink' as const), pick, target: fc.constantFrom(...TARGETS) }),
  fc.record({
    op: fc.constant('mkdirWithFiles' as const),
    pick,
    mode: fc.constantFrom(...DIR_MODES),
    data: fc.constantFrom(...DATA),
  }),
)

type Kind = 'file' | 'dir' | 'symlink'

/**
 * The edits, in order, on /etc as it starts (a copy of `base`), each on a path where it applies
 * given what the edits before it did. Edits never go through a symlink, and chmod and chown only
 * touch files and directories, so that on disk they change nothing but the path they name.
 */
function localEdits(base: TinyEntry[], raw: readonly RawEdit[]): ScenarioAction[] {
  const kinds = new Map<string, Kind>(base.map((e) => [e.path, e.kind]))
  const parentIsDir = (p: string): boolean => {
    const parent = parentOf(p)
    return parent === null || kinds.get(parent) === 'dir'
  }
  /** Where an edit can go: PATHS whose parent is a directory and whose entry passes `ok`. */
  const where = (ok: (kind: Kind | undefined) => boolean): string[] =>
    PATHS.filter((p) => parentIsDir(p) && ok(kinds.get(p)))
  const out: ScenarioAction[] = []
  const write = (p: string, data: string, mode: number | null): void => {
    kinds.set(p, 'file')
    out.push({ type: 'etc/write', path: p, data, ...(mode === null ? {} : { mode }) })
  }
  for (const e of raw) {
    const candidates = where((k) => {
      switch (e.op) {
        case 'write':
          return k === undefined || k === 'file'
        case 'delete':
          return k !== undefined
        case 'chmod':
        case 'chown':
          return k === 'file' || k === 'dir'
        case 'mkdir':
        case 'mkdirWithFiles':
          return k === undefined
        case 'symlink':
          return k !== 'dir'
      }
    })
    const path = candidates[e.pick % candidates.length]
    if (path === undefined) continue
    switch (e.op) {
      case 'write':
        write(path, e.data, e.mode)
        break
      case 'delete':
        for (const p of [...kinds.keys()])
          if (p === path || p.startsWith(`${path}/`)) kinds.delete(p)
        out.push({ type: 'etc/delete', path })
        break
      case 'chmod':
        out.push({ type: 'etc/chmod', path, mode: e.mode })
        break
      case 'chown':
        out.push({ type: 'etc/chown', path, uid: e.owner[0], gid: e.owner[1] })
        break
      case 'mkdir':
      case 'mkdirWithFiles':
        kinds.set(path, 'dir')
        out.push({ type: 'etc/mkdir', path, mode: e.mode })
        if (e.op === 'mkdirWithFiles')
          for (const child of where((k) => k === undefined).filter((p) => parentOf(p) === path))
            write(child, e.data, 0o600)
        break
      case 'symlink':
        kinds.set(path, 'symlink')
        out.push({ type: 'etc/symlink', path, target: e.target })
        break
    }
  }
  return out
}

/** One case: the old /usr/etc, the edits made in /etc, the new /usr/etc. */
export interface EtcMergeCase {
  base: TinyEntry[]
  edits: ScenarioAction[]
  next: TinyEntry[]
}

export const etcMergeCase: fc.Arbitrary<EtcMergeCase> = fc
  .record({
    base: fc.array(shape, { minLength: PATHS.length, maxLength: PATHS.length }),
    // Per path: the old default again (most often), or anything else.
    upstream: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant('same' as const) },
        { weight: 1, arbitrary: shape },
      ),
      { minLength: PATHS.length, maxLength: PATHS.length },
    ),
    edits: fc.array(rawEdit, { maxLength: 8 }),
  })
  .map(({ base, upstream, edits }) => {
    const old = treeOf(base)
    const next = treeOf(upstream.map((u, i) => (u === 'same' ? (base[i] ?? null) : u)))
    return { base: old, edits: localEdits(old, edits), next }
  })

/** Each name of PATHS and its mirror: the order of names reversed at every level. */
const MIRROR: Record<string, string> = { a: 'd', b: 'c', c: 'b', d: 'a', x: 'y', y: 'x' }

/** A path (or symlink target) with its names mirrored; `..`, `missing`, `usr`... stay. */
export function mirrorPath(path: string): string {
  return path
    .split('/')
    .map((name) => MIRROR[name] ?? name)
    .join('/')
}

/**
 * The same case with every name mirrored: the same merge, whose changes the engine replays in
 * the reverse order, since it takes them in name order at every level.
 */
export function mirrorCase(c: EtcMergeCase): EtcMergeCase {
  const entry = (e: TinyEntry): TinyEntry =>
    e.kind === 'symlink'
      ? { ...e, path: mirrorPath(e.path), target: mirrorPath(e.target) }
      : { ...e, path: mirrorPath(e.path) }
  const edit = (a: ScenarioAction): ScenarioAction =>
    a.type === 'etc/symlink'
      ? { ...a, path: mirrorPath(a.path), target: mirrorPath(a.target) }
      : 'path' in a
        ? { ...a, path: mirrorPath(a.path) }
        : a
  return { base: c.base.map(entry), edits: c.edits.map(edit), next: c.next.map(entry) }
}

/** The case as a scenario: commit, deploy, edit, commit, deploy. */
export function scenarioOf(c: EtcMergeCase): Scenario {
  return etcMergeScenario('etc-fuzz', c.base, c.edits, c.next)
}
