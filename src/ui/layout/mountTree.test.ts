import { describe, expect, it } from 'vitest'
import type { Machine, Mount } from '../../engine/types'
import { findmntTree, mountSource, parentIndexes } from './mountTree'

// A machine by hand: only the fields the mount table reads.
const machine = {
  partitions: [
    { number: 3, label: 'boot', size: 384 << 20, filesystem: 'boot' },
    { number: 4, label: 'root', size: 10 << 30, filesystem: 'root' },
  ],
} as unknown as Machine

const deploy = '/ostree/deploy/fedora-coreos/deploy/abc.0'
const row = (target: string, source: string, fstype: string, options: string) => ({
  target,
  source,
  fstype,
  options,
})

describe('findmnt tree', () => {
  it('[5.4] draws the FCOS mount tree as findmnt --real does', () => {
    // The rows as the engine's findmnt returns them: `/` first, then in mount order.
    const rows = [
      row('/', `/dev/vda4[${deploy}]`, 'xfs', 'rw'),
      row('/sysroot', '/dev/vda4', 'xfs', 'ro'),
      row('/etc', `/dev/vda4[${deploy}/etc]`, 'xfs', 'rw'),
      row('/usr', `/dev/vda4[${deploy}/usr]`, 'xfs', 'ro'),
      row('/var', '/dev/vda4[/ostree/deploy/fedora-coreos/var]', 'xfs', 'rw'),
      row('/boot', '/dev/vda3', 'ext4', 'ro'),
    ]
    const lines = findmntTree(rows).map(
      (r) => `${r.prefix}${r.target} ${r.source} ${r.fstype} ${r.options}`,
    )
    expect(lines).toEqual([
      `/ /dev/vda4[${deploy}] xfs rw`,
      '|-/sysroot /dev/vda4 xfs ro',
      `|-/etc /dev/vda4[${deploy}/etc] xfs rw`,
      `|-/usr /dev/vda4[${deploy}/usr] xfs ro`,
      '|-/var /dev/vda4[/ostree/deploy/fedora-coreos/var] xfs rw',
      '`-/boot /dev/vda3 ext4 ro',
    ])
  })

  it('nests a mount under the deepest mount that covers it, with findmnt’s | and ` rails', () => {
    const rows = ['/', '/run', '/run/media', '/sysroot', '/sysroot/ostree/deploy/x/var', '/var']
    expect(findmntTree(rows.map((target) => ({ target }))).map((r) => r.prefix + r.target)).toEqual(
      ['/', '|-/run', '| `-/run/media', '|-/sysroot', '| `-/sysroot/ostree/deploy/x/var', '`-/var'],
    )
  })

  it('lists the mounts of the initramfs, which has no / mount, as several trees', () => {
    const rows = ['/sysroot', '/sysroot.tmp', '/sysroot.tmp/etc', '/sysroot.tmp/usr']
    expect(findmntTree(rows.map((target) => ({ target }))).map((r) => r.prefix + r.target)).toEqual(
      ['/sysroot', '/sysroot.tmp', '|-/sysroot.tmp/etc', '`-/sysroot.tmp/usr'],
    )
  })
})

describe('parentIndexes', () => {
  it('puts mounts made before switch-root under the / made after them', () => {
    expect(parentIndexes(['/run', '/sysroot', '/', '/var'])).toEqual([2, 2, -1, 2])
  })

  it('puts a mount over an earlier one on the same target under it, never above', () => {
    expect(parentIndexes(['/', '/boot', '/boot'])).toEqual([-1, 0, 1])
  })
})

describe('mountSource', () => {
  const mount = (filesystem: string, subtree: string): Mount => ({
    id: 1,
    target: '/x',
    filesystem,
    subtree,
    fstype: filesystem === 'run' ? 'tmpfs' : 'xfs',
    options: ['rw'],
    readOnly: false,
  })

  it('[5.4] names the partition, with a bind mount’s subtree in brackets', () => {
    expect(mountSource(machine, mount('root', '/'))).toBe('/dev/vda4')
    expect(mountSource(machine, mount('root', deploy))).toBe(`/dev/vda4[${deploy}]`)
  })

  it('names a filesystem in memory by its type', () => {
    expect(mountSource(machine, mount('run', '/'))).toBe('tmpfs')
  })
})
