import { describe, expect, it } from 'vitest'
import type { Machine, Mount } from '../../engine/types'
import { findmntRows, mountOptions, mountSource } from './mountTree'

// A machine by hand: only the fields the mount table reads.
const machine = {
  partitions: [
    { number: 3, label: 'boot', size: 384 << 20, filesystem: 'boot' },
    { number: 4, label: 'root', size: 10 << 30, filesystem: 'root' },
  ],
} as unknown as Machine

let id = 0
const mount = (target: string, filesystem: string, subtree: string, readOnly: boolean): Mount => ({
  id: ++id,
  target,
  filesystem,
  subtree,
  fstype: filesystem === 'run' ? 'tmpfs' : filesystem === 'boot' ? 'ext4' : 'xfs',
  options: [readOnly ? 'ro' : 'rw'],
  readOnly,
})

const deploy = '/ostree/deploy/fedora-coreos/deploy/abc.0'
// The findmnt --real listing of FCOSDOCS storage.adoc (reference 5.4), as a mount table.
const table = [
  mount('/', 'root', deploy, false),
  mount('/sysroot', 'root', '/', true),
  mount('/etc', 'root', `${deploy}/etc`, false),
  mount('/usr', 'root', `${deploy}/usr`, true),
  mount('/var', 'root', '/ostree/deploy/fedora-coreos/var', false),
  mount('/boot', 'boot', '/', true),
]

describe('findmnt layout', () => {
  it('[5.4] draws the FCOS mount tree as findmnt does', () => {
    const lines = findmntRows(machine, table).map(
      (r) => `${r.prefix}${r.mount.target} ${r.source} ${r.mount.fstype} ${mountOptions(r.mount)}`,
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

  it('puts mounts made before switch-root under the new /', () => {
    const rows = findmntRows(machine, [
      mount('/run', 'run', '/', false),
      mount('/sysroot', 'root', '/', true),
      mount('/', 'root', deploy, false),
      mount(
        '/sysroot/ostree/deploy/fedora-coreos/var',
        'root',
        '/ostree/deploy/fedora-coreos/var',
        false,
      ),
      mount('/var', 'root', '/ostree/deploy/fedora-coreos/var', false),
    ])
    expect(rows.map((r) => r.prefix + r.mount.target)).toEqual([
      '/',
      '|-/run',
      '|-/sysroot',
      '| `-/sysroot/ostree/deploy/fedora-coreos/var',
      '`-/var',
    ])
  })

  it('nests a mount under the deepest mount that covers it', () => {
    const rows = findmntRows(machine, [
      mount('/', 'root', '/', false),
      mount('/run', 'run', '/', false),
      mount('/run/media', 'run', '/', false),
      mount('/sysroot', 'root', '/', true),
    ])
    expect(rows.map((r) => r.prefix + r.mount.target)).toEqual([
      '/',
      '|-/run',
      '| `-/run/media',
      '`-/sysroot',
    ])
  })

  it('names a runtime filesystem by its type', () => {
    expect(mountSource(machine, mount('/run', 'run', '/', false))).toBe('tmpfs')
  })

  it('starts OPTIONS with ro or rw', () => {
    expect(mountOptions({ ...mount('/x', 'root', '/', true), options: ['relatime'] })).toBe(
      'ro,relatime',
    )
  })
})
