/**
 * Turns a RawObservation (real checksums, real temp paths) into an Observation that is the same on
 * every run and every machine, so that real ostree and the engine can be compared field by field.
 * Pure: no Node APIs, so the engine side can use it in any environment.
 */
import type { Observation, RawObservation } from './types'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/**
 * Lists that are sets: their raw order came from sorting real checksums (or readdir), so they are
 * sorted again once the checksums are renamed.
 */
const SET_FIELDS = new Set(['bootDirs', 'ostreeDirs', 'refs'])

/**
 * `ostree admin config-diff` prints all `M`, then all `D`, then all `A` lines (reference 4), but
 * within a group in readdir order, which is the filesystem's hash order on ext4: sort each group.
 */
function sortConfigDiff(text: string): string {
  const lines = text.split('\n').filter((l) => l !== '')
  const rank = (l: string): number => 'MDA'.indexOf(l.charAt(0))
  lines.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  return lines.map((l) => `${l}\n`).join('')
}

export function normalize(raw: RawObservation): Observation {
  const { commits, bootcsums, tmpdir, ...observation } = raw
  const renames: [string, string][] = []
  // The temp path first: it may contain nothing hex-like, but it must go before anything else.
  if (tmpdir !== undefined && tmpdir !== '') renames.push([tmpdir, '<tmp>'])
  const seen = new Set<string>()
  const add = (list: string[], prefix: string): void => {
    let n = 0
    for (const sum of list) {
      if (seen.has(sum)) continue
      seen.add(sum)
      n++
      renames.push([sum, `${prefix}${n}`])
    }
  }
  add(commits, 'C')
  add(bootcsums, 'K')

  const rename = (s: string): string => {
    let out = s
    for (const [from, to] of renames) out = out.split(from).join(to)
    return out
  }

  const walk = (value: Json, key: string | undefined): Json => {
    if (typeof value === 'string') {
      const s = rename(value)
      return key === 'configDiff' ? sortConfigDiff(s) : s
    }
    if (Array.isArray(value)) {
      const items = value.map((v) => walk(v, undefined))
      if (key !== undefined && SET_FIELDS.has(key) && items.every((i) => typeof i === 'string')) {
        return (items as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      }
      return items
    }
    if (value !== null && typeof value === 'object') {
      const pairs = Object.entries(value).map(([k, v]): [string, Json] => [rename(k), walk(v, k)])
      // A key that held a checksum sorted by the real checksum: sort by the new name instead.
      const renamed = pairs.some(([k], i) => k !== Object.keys(value)[i])
      if (renamed) pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      const out: { [key: string]: Json } = {}
      for (const [k, v] of pairs) out[k] = v
      return out
    }
    return value
  }

  return walk(observation as unknown as Json, undefined) as unknown as Observation
}

/**
 * What may differ between real ostree and the engine: the size in `Freed objects:` (ostree sizes
 * its GVariant objects, the engine its own serialization), and nothing else.
 */
export function comparable(o: Observation): Observation {
  return {
    ...o,
    printed: o.printed.map((p) => p.replace(/^Freed objects: .*$/m, 'Freed objects: <size>')),
  }
}
