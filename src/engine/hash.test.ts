import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { sha256Hex, shortChecksum, shortenChecksums } from './hash'

describe('sha256Hex', () => {
  it('[FIPS 180-4] gives the known digests of the standard test strings', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    )
  })

  it('agrees with @noble/hashes over UTF-8 at every length around the block boundaries', () => {
    // ASCII, two-, three- and four-byte characters, and lone surrogates (U+FFFD, as TextEncoder)
    const chars = ['a', 'é', '€', '𝄞', '\ud800', '\udc00', '\n', '\u07ff', '\u0800', '\uffff']
    for (let length = 0; length < 200; length++) {
      for (let k = 0; k < 4; k++) {
        let text = ''
        for (let i = 0; i < length; i++)
          text += k === 0 ? 'x' : chars[(i * 7 + k * 13) % chars.length]
        expect(sha256Hex(text), JSON.stringify(text)).toBe(bytesToHex(sha256(utf8ToBytes(text))))
      }
    }
  })
})

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
