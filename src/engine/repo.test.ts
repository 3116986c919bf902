import { describe, expect, it } from 'vitest'
import { inoAt } from './fs'
import { boot, installImage, publishRelease, upgrade } from './ops'
import { contentChecksumAt, objectPath } from './repo'
import { listDeployments } from './status'
import { deployPath } from './sysroot'
import { after, chain, deepFreeze } from './testkit'

const { machine } = chain(
  after(installImage({ profile: 'fcos', scale: 60 })),
  boot,
  publishRelease,
  upgrade,
)
const root = deepFreeze(machine.filesystems.root!)
const [fresh, old] = listDeployments(machine)

describe('contentChecksumAt', () => {
  it('[reference 2.1] names the object a checkout links: the same inode as the deployment path', () => {
    for (const d of [fresh!, old!]) {
      const sum = contentChecksumAt(root, d.checksum, '/usr/bin/ls')
      expect(sum).toMatch(/^[0-9a-f]{64}$/)
      expect(inoAt(root, objectPath(sum!, 'file'))).toBe(inoAt(root, `${deployPath(d)}/usr/bin/ls`))
    }
  })

  it('[reference 1.3] gives one object to an unchanged file and two to a changed one', () => {
    const of = (path: string) =>
      [fresh!, old!].map((d) => contentChecksumAt(root, d.checksum, path))
    const [lsNew, lsOld] = of('/usr/bin/ls')
    expect(lsNew).toBe(lsOld)
    const [bashNew, bashOld] = of('/usr/bin/bash')
    expect(bashNew).not.toBe(bashOld)
  })

  it('is null for a directory, a missing path or an unknown commit', () => {
    expect(contentChecksumAt(root, fresh!.checksum, '/usr/bin')).toBeNull()
    expect(contentChecksumAt(root, fresh!.checksum, '/usr/bin/nope')).toBeNull()
    expect(contentChecksumAt(root, fresh!.checksum, '/nope/ls')).toBeNull()
    expect(contentChecksumAt(root, '0'.repeat(64), '/usr/bin/ls')).toBeNull()
  })
})
