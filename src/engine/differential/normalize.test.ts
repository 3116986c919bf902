import { describe, expect, it } from 'vitest'
import { normalize } from './normalize'
import type { RawObservation } from './types'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)
const K = 'f'.repeat(64)
const Z = '0'.repeat(64)

function raw(over: Partial<RawObservation> = {}): RawObservation {
  return {
    deployments: [],
    loader: 'loader.1',
    entries: {},
    bootlinks: {},
    bootlinkTargets: {},
    bootDirs: [],
    ostreeDirs: [],
    status: '',
    configDiff: '',
    printed: [],
    refs: [],
    commits: [B, A],
    bootcsums: [K, K],
    ...over,
  }
}

describe('normalize', () => {
  it('[normalize] renames commits C1, C2 by commit order and bootcsums K1 in strings and keys', () => {
    const out = normalize(
      raw({
        status: `  fcos ${A}.0\n  fcos ${B}.0\n`,
        bootlinkTargets: { [`boot.1.1/fcos/${K}/0`]: `../../../deploy/fcos/deploy/${A}.0` },
        printed: [`Deleted deployment ${B}.0\n`],
      }),
    )
    expect(out.status).toBe('  fcos C2.0\n  fcos C1.0\n')
    expect(out.bootlinkTargets).toEqual({
      'boot.1.1/fcos/K1/0': '../../../deploy/fcos/deploy/C2.0',
    })
    expect(out.printed).toEqual(['Deleted deployment C1.0\n'])
    expect(out).not.toHaveProperty('commits')
    expect(out).not.toHaveProperty('bootcsums')
  })
  it('[normalize] sorts the keys of a record by their new names', () => {
    const out = normalize(
      raw({
        commits: [B, A, Z],
        bootlinkTargets: { [`x/${Z}`]: '3', [`x/${A}`]: '2', [`x/${B}`]: '1' },
      }),
    )
    expect(Object.keys(out.bootlinkTargets)).toEqual(['x/C1', 'x/C2', 'x/C3'])
  })
  it('[normalize] sorts set-like lists again, but keeps ordered lists', () => {
    const out = normalize(
      raw({
        ostreeDirs: [`deploy/fcos/deploy/${A}.0`, `deploy/fcos/deploy/${B}.0`],
        printed: [`${A}`, `${B}`],
      }),
    )
    expect(out.ostreeDirs).toEqual(['deploy/fcos/deploy/C1.0', 'deploy/fcos/deploy/C2.0'])
    expect(out.printed).toEqual(['C2', 'C1'])
  })
  it('[normalize] sorts config-diff lines within the M, D, A groups', () => {
    const out = normalize(raw({ configDiff: 'M    z\nM    a\nD    y\nD    b\nA    x\nA    c\n' }))
    expect(out.configDiff).toBe('M    a\nM    z\nD    b\nD    y\nA    c\nA    x\n')
  })
  it('[normalize] replaces the temporary folder', () => {
    const out = normalize(
      raw({ tmpdir: '/tmp/ostree-diff-x1', printed: ['/tmp/ostree-diff-x1/s'] }),
    )
    expect(out.printed).toEqual(['<tmp>/s'])
    expect(out).not.toHaveProperty('tmpdir')
  })
})
