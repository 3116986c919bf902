/**
 * The release catalogue: every build the remote of a profile can publish, oldest first, each with
 * its full tree (reference 1.7 root layout, the story files, /usr/etc defaults and a seeded bulk).
 *
 * Deterministic: the same (profile, scale) always gives deep-equal releases; all randomness comes
 * from mulberry32 seeded by hashes of the profile, the version and the scale. Results are memoized
 * per (profile, scale). Releases and their tree arrays are frozen; entries are shared between
 * releases (an unchanged file is the same object in consecutive trees) and, for speed, not frozen:
 * treat them as read-only.
 */
import type { ProfileId } from '../types'
import { type BulkCategory, drawSize } from './bulk'
import { blobFile, comparePaths, dir, link, parentOf } from './entries'
import { FCOS_SPEC } from './fcos'
import { RHCOS_SPEC } from './rhcos'
import { below, blobFrom, blobOf, hashString, type Rng, rngFor, uniform } from './rng'
import type { PackagedFile, ProfileSpec, ReleaseSpec } from './spec'
import type { Release, TreeEntry } from './types'

export { REAL_SCALE } from './scale'

/** Share of the bulk files (outside the kernel directory) that change between two releases. */
export const CHURN_MIN = 0.055
export const CHURN_MAX = 0.095

const SPECS: Record<ProfileId, ProfileSpec> = { fcos: FCOS_SPEC, rhcos: RHCOS_SPEC }

const cache = new Map<string, Release[]>()

/**
 * All releases of a profile, oldest first, with `scale` bulk files each (about 20,000 at real
 * scale; tests use a few hundred). Memoized: the same arrays are returned for the same arguments.
 */
export function releasesOf(profile: ProfileId, scale: number): Release[] {
  const key = `${profile}:${scale}`
  let releases = cache.get(key)
  if (releases === undefined) {
    releases = []
    for (let i = 0; i < releaseCount(profile); i++)
      releases.push(releaseAt(profile, scale, i) as Release)
    cache.set(key, releases)
  }
  return releases
}

/** The release of a profile with this version, if the catalogue has it. */
export function releaseByVersion(
  profile: ProfileId,
  scale: number,
  version: string,
): Release | undefined {
  return releasesOf(profile, scale).find((r) => r.version === version)
}

/** The directory of a release's kernel, `/usr/lib/modules/<kver>`. */
export function kernelDir(release: Pick<Release, 'kernel'>): string {
  return `/usr/lib/modules/${release.kernel}`
}

// ---------------------------------------------------------------------------------------------

type FileEntry = Extract<TreeEntry, { kind: 'file' }>

/** A bulk file inside the kernel directory, by path relative to it. */
interface KernelBulkFile {
  rel: string
  mode: number
  size: number
  data: string
}

interface PlacedCategory {
  cat: BulkCategory
  dirs: string[]
}

/** Build without the memo (for tests and benchmarks). */
export function buildReleases(profile: ProfileId, scale: number): Release[] {
  return [...generateReleases(profile, scale)]
}

/**
 * The releases one by one: each is derived from the one before it, so a caller that needs only the
 * first few (a machine that upgrades twice) never builds the rest.
 */
export function* generateReleases(profile: ProfileId, scale: number): Generator<Release> {
  if (!Number.isInteger(scale) || scale < 0) {
    throw new RangeError(`scale must be a non-negative integer, got ${scale}`)
  }
  const spec = SPECS[profile]
  const first = spec.releases[0]
  if (first === undefined) return

  const shared = new Map<string, TreeEntry>()
  const intern = (key: string, make: () => TreeEntry): TreeEntry => {
    let e = shared.get(key)
    if (e === undefined) {
      e = make()
      shared.set(key, e)
    }
    return e
  }

  // Every explicit entry of every release, to keep bulk names off them.
  const explicitPerRelease = spec.releases.map((r, i) => explicitEntries(spec, r, i, intern))
  const taken = new Set<string>()
  for (const list of explicitPerRelease) {
    for (const e of list) {
      for (let p = e.path; p !== '/'; p = parentOf(p)) taken.add(p)
    }
  }

  const seed = `${profile}:${first.version}:${scale}`
  const placed = placeCategories(spec, scale, rngFor(`${seed}:dirs`))
  for (const pc of placed) {
    if (pc.cat.kernel) continue
    for (const d of pc.dirs) for (let p = d; p !== '/'; p = parentOf(p)) taken.add(p)
  }

  // Release 0: the base bulk.
  const counts = apportion(
    placed.map((pc) => pc.cat.weight),
    scale,
  )
  const base = rngFor(`${seed}:bulk`)
  let other: FileEntry[] = []
  let kernelFiles: KernelBulkFile[] = []
  const kernelTaken = new Set<string>()
  placed.forEach((pc, ci) => {
    const n = counts[ci] ?? 0
    for (let j = 0; j < n; j++) {
      const d = pc.dirs[j % pc.dirs.length] ?? ''
      if (pc.cat.kernel) {
        const rel = uniqueName(base, pc.cat, d, kernelTaken)
        kernelTaken.add(rel)
        kernelFiles.push({
          rel,
          mode: pc.cat.mode,
          size: drawSize(base, pc.cat.size),
          data: blobFrom(base),
        })
      } else {
        const path = uniqueName(base, pc.cat, d, taken)
        taken.add(path)
        other.push(bulkFile(path, pc.cat.mode, drawSize(base, pc.cat.size), blobFrom(base)))
      }
    }
  })
  other.sort((a, b) => comparePaths(a.path, b.path))
  kernelFiles.sort((a, b) => comparePaths(a.rel, b.rel))

  const statics = staticDirs(
    placed.filter((pc) => !pc.cat.kernel).flatMap((pc) => pc.dirs),
    intern,
  )
  const kernelDirsRel = placed.filter((pc) => pc.cat.kernel).flatMap((pc) => pc.dirs)
  const growable = placed.filter((pc) => !pc.cat.kernel && pc.dirs.length > 0)

  let prevKernel = ''
  let kernelEntries: FileEntry[] = []
  for (const [i, r] of spec.releases.entries()) {
    if (i > 0) {
      const rng = rngFor(`${profile}:${r.version}:${scale}:churn`)
      other = churn(other, rng, growable, taken)
      if (r.kernel !== prevKernel) kernelFiles = rebuildKernelFiles(kernelFiles, rng)
    }
    if (r.kernel !== prevKernel) {
      const prefix = kernelDir(r) + '/'
      kernelEntries = kernelFiles.map((f) => bulkFile(prefix + f.rel, f.mode, f.size, f.data))
      prevKernel = r.kernel
    }
    const kernelBulkDirs = kernelDirsRel.map((d) => `${kernelDir(r)}/${d}`)
    const explicit = explicitPerRelease[i] ?? []
    const bulk = mergeSorted(other, kernelEntries)
    const tree = assemble(explicit, kernelBulkDirs, statics, bulk, intern)
    yield Object.freeze({
      profile,
      version: r.version,
      timestamp: r.timestamp,
      kernel: r.kernel,
      illustrative: r.illustrative,
      illustrativeFields: Object.freeze([...r.illustrativeFields]) as Release['illustrativeFields'],
      tree: Object.freeze(tree) as TreeEntry[],
    }) as Release
  }
}

/** How many releases a profile's catalogue has, without building any. */
export function releaseCount(profile: ProfileId): number {
  return SPECS[profile].releases.length
}

const lazyCache = new Map<string, { built: Release[]; next: Generator<Release> }>()

/** Release `index` of a profile, building the releases before it on first use (memoized). */
/** Release `index`'s version, without building the release. */
export function releaseVersion(profile: ProfileId, index: number): string | undefined {
  return SPECS[profile].releases[index]?.version
}

export function releaseAt(profile: ProfileId, scale: number, index: number): Release | undefined {
  const key = `${profile}:${scale}`
  const full = cache.get(key)
  if (full !== undefined) return full[index]
  let lazy = lazyCache.get(key)
  if (lazy === undefined)
    lazyCache.set(key, (lazy = { built: [], next: generateReleases(profile, scale) }))
  while (lazy.built.length <= index) {
    const step = lazy.next.next()
    if (step.done === true) break
    lazy.built.push(step.value)
  }
  return lazy.built[index]
}

function bulkFile(path: string, mode: number, size: number, data: string): FileEntry {
  return { path, kind: 'file', mode, uid: 0, gid: 0, size, data }
}

/** Split `total` into integer parts proportional to `weights` (largest remainder). */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * total : 0))
  const out = exact.map((x) => Math.floor(x))
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    out[i] = (out[i] ?? 0) + 1
    left--
  }
  return out
}

/** Choose, per category, the directories its files go to (about `perDir` files each). */
function placeCategories(spec: ProfileSpec, scale: number, r: Rng): PlacedCategory[] {
  const cats = spec.bulk.categories
  const counts = apportion(
    cats.map((c) => c.weight),
    scale,
  )
  return cats.map((cat, i) => {
    const n = counts[i] ?? 0
    if (n === 0) return { cat, dirs: [] }
    const want = Math.min(cat.dirs.length, Math.max(1, Math.round(n / cat.perDir)))
    const pool = [...cat.dirs]
    for (let k = 0; k < want; k++) {
      const j = k + below(r, pool.length - k)
      const t = pool[k] as string
      pool[k] = pool[j] as string
      pool[j] = t
    }
    return { cat, dirs: pool.slice(0, want).sort(comparePaths) }
  })
}

/** A file name in `dir` that is not in `taken`; returns the full path (relative for kernel dirs). */
function uniqueName(r: Rng, cat: BulkCategory, d: string, taken: ReadonlySet<string>): string {
  const prefix = d + '/'
  for (let attempt = 0; attempt < 12; attempt++) {
    const path = prefix + cat.name(r, d)
    if (!taken.has(path)) return path
  }
  const stem = prefix + cat.name(r, d)
  for (let n = 2; ; n++) {
    const path = `${stem}.${n}`
    if (!taken.has(path)) return path
  }
}

/**
 * One release step of the bulk outside the kernel directory: 5.5-9.5 % of the files get new bytes
 * (and often a slightly different size), ~0.2 % are removed and ~0.25 % added.
 */
function churn(
  prev: readonly FileEntry[],
  r: Rng,
  growable: readonly PlacedCategory[],
  taken: Set<string>,
): FileEntry[] {
  const m = prev.length
  if (m === 0) return []
  const rate = CHURN_MIN + (CHURN_MAX - CHURN_MIN) * uniform(r)
  const changed = Math.min(m, Math.round(rate * m))
  const removed = Math.min(m - changed, Math.max(1, Math.round(0.002 * m)))
  const added = Math.max(1, Math.round(0.0025 * m))

  // Partial Fisher-Yates over the indices: the first `changed` are modified, the next removed.
  const idx = new Int32Array(m)
  for (let i = 0; i < m; i++) idx[i] = i
  const action = new Uint8Array(m) // 0 keep, 1 change, 2 remove
  for (let k = 0; k < changed + removed; k++) {
    const j = k + below(r, m - k)
    const t = idx[k] as number
    idx[k] = idx[j] as number
    idx[j] = t
    action[idx[k] as number] = k < changed ? 1 : 2
  }

  const kept: FileEntry[] = []
  for (let i = 0; i < m; i++) {
    const e = prev[i] as FileEntry
    const a = action[i]
    if (a === 0) kept.push(e)
    else if (a === 1) {
      let size = e.size
      if (uniform(r) < 0.6) size = Math.max(1, size + Math.round(size * (uniform(r) * 0.06 - 0.03)))
      kept.push(bulkFile(e.path, e.mode, size, blobFrom(r)))
    } else taken.delete(e.path)
  }

  const fresh: FileEntry[] = []
  const totalWeight = growable.reduce((a, pc) => a + pc.cat.weight, 0)
  for (let k = 0; k < added && growable.length > 0; k++) {
    let x = uniform(r) * totalWeight
    let pc = growable[growable.length - 1] as PlacedCategory
    for (const g of growable) {
      x -= g.cat.weight
      if (x < 0) {
        pc = g
        break
      }
    }
    const d = pc.dirs[below(r, pc.dirs.length)] as string
    const path = uniqueName(r, pc.cat, d, taken)
    taken.add(path)
    fresh.push(bulkFile(path, pc.cat.mode, drawSize(r, pc.cat.size), blobFrom(r)))
  }
  fresh.sort((a, b) => comparePaths(a.path, b.path))
  return mergeSorted(kept, fresh)
}

/** A new kernel: every module file is rebuilt (new bytes, size within ±2 %). */
function rebuildKernelFiles(prev: readonly KernelBulkFile[], r: Rng): KernelBulkFile[] {
  return prev.map((f) => ({
    rel: f.rel,
    mode: f.mode,
    size: Math.max(1, f.size + Math.round(f.size * (uniform(r) * 0.04 - 0.02))),
    data: blobFrom(r),
  }))
}

/** First index in `a[from..]` whose path is >= `path` (binary search). */
function lowerBound<T extends { path: string }>(
  a: readonly T[],
  path: string,
  from: number,
): number {
  let lo = from
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((a[mid] as T).path < path) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Merge two arrays sorted by path; equal paths are a bug in the catalogue. The shorter side is
 * placed into the longer one: each element first checks the next slot (runs, like a kernel
 * directory's block of files, cost one comparison each) and otherwise binary-searches.
 */
function mergeSorted<T extends { path: string }>(a: readonly T[], b: readonly T[]): T[] {
  const [large, small] = a.length >= b.length ? [a, b] : [b, a]
  const out = new Array<T>(a.length + b.length)
  let k = 0
  let at = 0
  for (const x of small) {
    const next = large[at]
    const pos = next === undefined || x.path < next.path ? at : lowerBound(large, x.path, at)
    if (pos < large.length && (large[pos] as T).path === x.path) {
      throw new Error(`duplicate path in release tree: ${x.path}`)
    }
    while (at < pos) out[k++] = large[at++] as T
    out[k++] = x
  }
  while (at < large.length) out[k++] = large[at++] as T
  return out
}

type Intern = (key: string, make: () => TreeEntry) => TreeEntry

/** The explicit (non-bulk) entries of a release: root layout, story files, extras. */
function explicitEntries(
  spec: ProfileSpec,
  r: ReleaseSpec,
  index: number,
  intern: Intern,
): TreeEntry[] {
  const out: TreeEntry[] = []
  const k = kernelDir(r)
  // Reference 1.7 (rpm-ostree composepost.rs) and the article's `ls -l /`: the root of a
  // deployment. /tmp is a real directory with mode 1777 (`tmp-is-dir: true`); proc and sys are
  // dr-xr-xr-x as in the article. No /etc: its defaults live in /usr/etc (reference 2.4).
  const rootDirs: [string, number][] = [
    ['/', 0o755],
    ['/boot', 0o755],
    ['/dev', 0o755],
    ['/proc', 0o555],
    ['/run', 0o755],
    ['/sys', 0o555],
    ['/sysroot', 0o755],
    ['/tmp', 0o1777],
    ['/usr', 0o755],
    ['/var', 0o755],
    // The article's `ls -l /` shows usr with 12 links, i.e. ten subdirectories: Fedora's
    // filesystem layout (UNCONFIRMED exact list).
    ['/usr/bin', 0o755],
    ['/usr/etc', 0o755],
    ['/usr/games', 0o755],
    ['/usr/include', 0o755],
    ['/usr/lib', 0o755],
    ['/usr/lib64', 0o755],
    ['/usr/libexec', 0o755],
    ['/usr/sbin', 0o755],
    ['/usr/share', 0o755],
    ['/usr/src', 0o755],
    ['/usr/lib/modules', 0o755],
    [k, 0o755],
  ]
  for (const [path, mode] of rootDirs) out.push(intern(`d:${path}:${mode}`, () => dir(path, mode)))
  const links: [string, string][] = [
    ['/bin', 'usr/bin'],
    ['/home', 'var/home'],
    ['/lib', 'usr/lib'],
    ['/lib64', 'usr/lib64'],
    ['/media', 'run/media'],
    ['/mnt', 'var/mnt'],
    ['/opt', 'var/opt'],
    ['/ostree', 'sysroot/ostree'],
    ['/root', 'var/roothome'],
    ['/sbin', 'usr/sbin'],
    ['/srv', 'var/srv'],
    ['/usr/local', '../var/usrlocal'],
    // Fedora's filesystem package (UNCONFIRMED for these trees).
    ['/usr/tmp', '../var/tmp'],
  ]
  for (const [path, target] of links)
    out.push(intern(`l:${path}:${target}`, () => link(path, target)))

  for (const pf of spec.usrFiles) out.push(packaged(pf, r, '', intern))
  for (const pf of spec.kernelFiles) out.push(packaged(pf, r, k + '/', intern))
  for (const e of spec.extra(r, index)) {
    out.push(intern(`x:${JSON.stringify(e)}`, () => e))
  }
  return out
}

/** A story file whose bytes follow the versions of the packages it comes from. */
function packaged(pf: PackagedFile, r: ReleaseSpec, prefix: string, intern: Intern): TreeEntry {
  const key = pf.from
    .map((p) => {
      if (p === '@version') return r.version
      const v = r.packages[p]
      if (v === undefined) throw new Error(`${r.version}: no version for package ${p} (${pf.path})`)
      return `${p}-${v}`
    })
    .join(' ')
  const path = prefix + pf.path
  return intern(`p:${path}|${key}`, () => {
    const h = hashString(`${pf.path}|${key}`)
    const size = pf.exact
      ? pf.size
      : pf.size + Math.round((pf.size * ((h % 3001) - 1500)) / 100_000)
    return blobFile(path, pf.mode, size, blobOf(`${pf.path}|${key}`))
  })
}

/** The directories of the bulk outside the kernel directory, with their parents, sorted. */
interface StaticDirs {
  sorted: TreeEntry[]
  paths: ReadonlySet<string>
}

function staticDirs(bulkDirs: readonly string[], intern: Intern): StaticDirs {
  const map = new Map<string, TreeEntry>()
  for (const d of bulkDirs) {
    for (let p = d; !map.has(p); p = parentOf(p)) {
      map.set(
        p,
        intern(`d:${p}:${0o755}`, () => dir(p, 0o755)),
      )
      if (p === '/') break
    }
  }
  const sorted = [...map.values()].sort((a, b) => comparePaths(a.path, b.path))
  return { sorted, paths: new Set(map.keys()) }
}

/**
 * Sort the explicit entries and the kernel's bulk directories, add missing parents, then merge in
 * the static bulk directories and the bulk files. An explicit directory replaces a static one.
 */
function assemble(
  explicit: readonly TreeEntry[],
  kernelBulkDirs: readonly string[],
  statics: StaticDirs,
  bulkFiles: readonly FileEntry[],
  intern: Intern,
): TreeEntry[] {
  const dirs = new Map<string, TreeEntry>()
  const rest: TreeEntry[] = []
  for (const e of explicit) {
    if (e.kind === 'dir') {
      if (dirs.has(e.path)) throw new Error(`directory listed twice: ${e.path}`)
      dirs.set(e.path, e)
    } else rest.push(e)
  }
  const ensure = (start: string): void => {
    for (let p = start; !dirs.has(p) && !statics.paths.has(p); p = parentOf(p)) {
      dirs.set(
        p,
        intern(`d:${p}:${0o755}`, () => dir(p, 0o755)),
      )
      if (p === '/') break
    }
  }
  for (const e of explicit) if (e.path !== '/') ensure(parentOf(e.path))
  for (const d of kernelBulkDirs) ensure(d)
  const small = [...dirs.values(), ...rest].sort((a, b) => comparePaths(a.path, b.path))
  for (let i = 1; i < small.length; i++) {
    if ((small[i - 1] as TreeEntry).path === (small[i] as TreeEntry).path) {
      throw new Error(`duplicate path in release tree: ${(small[i] as TreeEntry).path}`)
    }
  }
  const keptStatics = statics.sorted.filter((e) => !dirs.has(e.path))
  return mergeSorted<TreeEntry>(mergeSorted<TreeEntry>(keptStatics, small), bulkFiles)
}
