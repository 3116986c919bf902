/**
 * Small deterministic helpers for the catalogue: a string hash, a seeded PRNG and a few draws.
 *
 * Only integer operations, `Math.imul`, `Math.floor` and exact powers of two are used, so every
 * JavaScript engine produces the same numbers (no `Math.log`, `Math.exp` or `Math.random`).
 */

/** FNV-1a over the UTF-16 code units of `s`, as an unsigned 32-bit integer. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A second, independent 32-bit hash (different offset basis), for 64-bit stand-in checksums. */
export function hashString2(s: string): number {
  return hashString(s, 0x2f7a3c91)
}

/** A generator of unsigned 32-bit integers. */
export type Rng = () => number

/** mulberry32: a 32-bit state PRNG. Good enough for picking files and sizes. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** A PRNG seeded from a string, e.g. `fcos:39.20231119.3.0:churn`. */
export function rngFor(key: string): Rng {
  return mulberry32(hashString(key))
}

/** A float in [0, 1). */
export function uniform(r: Rng): number {
  return r() / 4294967296
}

/** An integer in [0, n). */
export function below(r: Rng, n: number): number {
  return Math.floor(uniform(r) * n)
}

/** An integer in [lo, hi]. */
export function between(r: Rng, lo: number, hi: number): number {
  return lo + below(r, hi - lo + 1)
}

/** Pick one element of a non-empty list. */
export function pick<T>(r: Rng, list: readonly T[]): T {
  const v = list[below(r, list.length)]
  if (v === undefined) throw new Error('pick from an empty list')
  return v
}

/** ASCII code of a hex digit. */
function hexCode(nibble: number): number {
  return nibble < 10 ? 48 + nibble : 87 + nibble
}

/** Sixteen lowercase hex digits of two unsigned 32-bit integers, built as one flat string. */
export function hex16(a: number, b: number): string {
  return String.fromCharCode(
    hexCode((a >>> 28) & 15),
    hexCode((a >>> 24) & 15),
    hexCode((a >>> 20) & 15),
    hexCode((a >>> 16) & 15),
    hexCode((a >>> 12) & 15),
    hexCode((a >>> 8) & 15),
    hexCode((a >>> 4) & 15),
    hexCode(a & 15),
    hexCode((b >>> 28) & 15),
    hexCode((b >>> 24) & 15),
    hexCode((b >>> 20) & 15),
    hexCode((b >>> 16) & 15),
    hexCode((b >>> 12) & 15),
    hexCode((b >>> 8) & 15),
    hexCode((b >>> 4) & 15),
    hexCode(b & 15),
  )
}

/** A bulk stand-in `blob:<16 hex>` drawn from the generator. */
export function blobFrom(r: Rng): string {
  return 'blob:' + hex16(r(), r())
}

/** A stand-in `blob:<16 hex>` that depends only on `key` (same key, same blob). */
export function blobOf(key: string): string {
  return 'blob:' + hex16(hashString(key), hashString2(key))
}

/** 2^k for integer k in [0, 62], built by doubling so the values are exact everywhere. */
const POW2: number[] = (() => {
  const out: number[] = []
  let v = 1
  for (let k = 0; k <= 62; k++) {
    out.push(v)
    v *= 2
  }
  return out
})()

/**
 * A size in bytes whose base-2 logarithm is roughly triangular on [lo, hi] (the mean of two
 * uniforms), i.e. a bounded, log-normal-looking spread. 2^frac is approximated by 1 + frac, which is
 * exact at the octave boundaries and keeps the arithmetic engine-independent.
 */
export function logSize(r: Rng, lo: number, hi: number): number {
  const e = lo + ((hi - lo) * (uniform(r) + uniform(r))) / 2
  const k = Math.floor(e)
  const base = POW2[k] ?? 1
  return Math.max(1, Math.floor(base * (1 + (e - k))))
}

/**
 * Seconds since the epoch for a UTC calendar time, without `Date` (days-from-civil, proleptic
 * Gregorian calendar).
 */
export function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  const days = era * 146097 + doe - 719468
  return days * 86400 + hour * 3600 + minute * 60 + second
}

/** Length in bytes of `s` encoded as UTF-8. */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
