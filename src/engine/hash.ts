import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/** The SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)))
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
