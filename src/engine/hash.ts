/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes. Committing a release hashes 20,000 short objects
 * and a few megabytes of dirtrees, so this is written for that: one call does the encoding, the
 * padding and the rounds in buffers it keeps, with no object made per call but the result.
 * Lone surrogates are encoded as U+FFFD, as `TextEncoder` does.
 */

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 4.2.2).
const K = Int32Array.from(
  [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ],
  (k) => k | 0,
)
// The first 32 bits of the fractional parts of the square roots of the first 8 primes (5.3.3).
const H0 = Int32Array.from(
  [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  (h) => h | 0,
)
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

const W = new Int32Array(64)
const H = new Int32Array(8)
let bytes = new Uint8Array(1024)

/** The SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  // UTF-8, then a 1 bit, zeros, and the length in bits as 64 bits: a whole number of 64-byte blocks.
  const most = text.length * 3 + 72
  if (bytes.length < most) bytes = new Uint8Array(most * 2)
  const b = bytes
  let n = 0
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) b[n++] = c
    else if (c < 0x800) {
      b[n++] = 0xc0 | (c >> 6)
      b[n++] = 0x80 | (c & 0x3f)
    } else {
      if (c >= 0xd800 && c < 0xe000) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
        if (c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
          i++
          b[n++] = 0xf0 | (c >> 18)
          b[n++] = 0x80 | ((c >> 12) & 0x3f)
          b[n++] = 0x80 | ((c >> 6) & 0x3f)
          b[n++] = 0x80 | (c & 0x3f)
          continue
        }
        c = 0xfffd
      }
      b[n++] = 0xe0 | (c >> 12)
      b[n++] = 0x80 | ((c >> 6) & 0x3f)
      b[n++] = 0x80 | (c & 0x3f)
    }
  }
  const length = n
  b[n++] = 0x80
  while (n % 64 !== 56) b[n++] = 0
  const bits = length * 8
  const high = Math.floor(bits / 0x100000000)
  b[n++] = high >>> 24
  b[n++] = (high >>> 16) & 0xff
  b[n++] = (high >>> 8) & 0xff
  b[n++] = high & 0xff
  b[n++] = bits >>> 24
  b[n++] = (bits >>> 16) & 0xff
  b[n++] = (bits >>> 8) & 0xff
  b[n++] = bits & 0xff

  H.set(H0)
  for (let at = 0; at < n; at += 64) compress(b, at)
  let hex = ''
  for (let i = 0; i < 8; i++) {
    const v = H[i] as number
    hex +=
      (HEX[v >>> 24] as string) +
      (HEX[(v >>> 16) & 0xff] as string) +
      (HEX[(v >>> 8) & 0xff] as string) +
      (HEX[v & 0xff] as string)
  }
  return hex
}

/**
 * A checksum as people read it: its first 7 hex digits, as rpm-ostree prints a commit in its
 * progress output (`Checking out tree %.7s`, rpmostree-sysroot-upgrader.cxx), with an ellipsis to
 * show that it is cut. ostree and rpm-ostree status print checksums whole; captions need not.
 * @example shortChecksum('48fbb33451b6…') // '48fbb33…'
 */
export function shortChecksum(checksum: string): string {
  return `${checksum.slice(0, 7)}…`
}

const FULL_CHECKSUM = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g

/**
 * `text` with every full SHA-256 checksum in it shortened (`shortChecksum`): a deployment name
 * `<checksum>.0` becomes `48fbb33….0`, a path keeps its other parts.
 */
export function shortenChecksums(text: string): string {
  return text.replace(FULL_CHECKSUM, (checksum) => shortChecksum(checksum))
}

/** One 64-byte block at `at` of `b` into the state `H` (FIPS 180-4 6.2.2). */
function compress(b: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++) {
    const j = at + t * 4
    W[t] =
      ((b[j] as number) << 24) |
      ((b[j + 1] as number) << 16) |
      ((b[j + 2] as number) << 8) |
      (b[j + 3] as number)
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15] as number
    const w2 = W[t - 2] as number
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)
    W[t] = ((W[t - 16] as number) + s0 + (W[t - 7] as number) + s1) | 0
  }
  let a = H[0] as number
  let bb = H[1] as number
  let c = H[2] as number
  let d = H[3] as number
  let e = H[4] as number
  let f = H[5] as number
  let g = H[6] as number
  let h = H[7] as number
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + (K[t] as number) + (W[t] as number)) | 0
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (s0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0
    h = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = bb
    bb = a
    a = (t1 + t2) | 0
  }
  H[0] = ((H[0] as number) + a) | 0
  H[1] = ((H[1] as number) + bb) | 0
  H[2] = ((H[2] as number) + c) | 0
  H[3] = ((H[3] as number) + d) | 0
  H[4] = ((H[4] as number) + e) | 0
  H[5] = ((H[5] as number) + f) | 0
  H[6] = ((H[6] as number) + g) | 0
  H[7] = ((H[7] as number) + h) | 0
}
