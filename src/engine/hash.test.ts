import { describe, expect, it } from 'vitest'
import { sha256Hex, shortChecksum, shortenChecksums } from './hash'

describe('checksums for people', () => {
  const csum = sha256Hex('ls')

  it('[rpm-ostree] keeps the first 7 hex digits, as `Checking out tree %.7s` prints a commit', () => {
    expect(shortChecksum(csum)).toBe(`${csum.slice(0, 7)}…`)
  })

  it('shortens every full checksum in a text and leaves the rest as it is', () => {
    const short = csum.slice(0, 7)
    expect(shortenChecksums(`${csum}.0`)).toBe(`${short}….0`)
    expect(shortenChecksums(`/ostree/deploy/fedora-coreos/deploy/${csum}.1/usr`)).toBe(
      `/ostree/deploy/fedora-coreos/deploy/${short}….1/usr`,
    )
    expect(shortenChecksums(`fedora-coreos-${csum}`)).toBe(`fedora-coreos-${short}…`)
    // not a SHA-256: too short, too long, or upper case
    for (const text of ['48fbb33451b6', `${csum}0`, csum.toUpperCase(), 'loader.1'])
      expect(shortenChecksums(text)).toBe(text)
  })
})
