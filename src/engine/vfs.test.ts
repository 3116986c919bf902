import { describe, expect, it } from 'vitest'
import { boot, installImage } from './ops'
import { listDeployments } from './status'
import { deployPath } from './sysroot'
import { after } from './testkit'
import { findmnt, locate, writeRefusal } from './vfs'

const m = after(boot(after(installImage({ profile: 'fcos', scale: 60 }))))
const dir = deployPath(listDeployments(m)[0]!)

describe('paths through the mount table', () => {
  it("[mounts] /bin/ls is the deployment's usr/bin/ls, through the bin symlink and the /usr bind mount", () => {
    const found = locate(m, '/bin/ls')
    expect(found).toMatchObject({ path: '/usr/bin/ls', fsKey: 'root', fsPath: `${dir}/usr/bin/ls` })
  })

  it('[mounts] /ostree/deploy reaches the physical root through /ostree -> sysroot/ostree', () => {
    expect(locate(m, '/ostree/deploy')).toMatchObject({ fsKey: 'root', fsPath: '/ostree/deploy' })
  })

  it('[mounts] /home/.. and /home resolve into the shared /var', () => {
    expect(locate(m, '/home')).toMatchObject({
      path: '/var/home',
      fsPath: '/ostree/deploy/fedora-coreos/var/home',
    })
  })

  it('[readonly] writing under /usr is refused as a read-only file system (reference 5.5)', () => {
    expect(writeRefusal(m, '/usr/foo')).toBe('EROFS')
    expect(writeRefusal(m, '/usr/bin/ls')).toBe('EROFS')
  })

  it('[readonly] mkdir /foo is refused with EPERM: the deployment root is immutable (reference 5.5)', () => {
    expect(writeRefusal(m, '/foo')).toBe('EPERM')
  })

  it('[readonly] /sysroot is read-only; /etc, /var and /usr/local (into /var) are writable (reference 5.5)', () => {
    expect(writeRefusal(m, '/sysroot/foo')).toBe('EROFS')
    expect(writeRefusal(m, '/etc/foo')).toBeNull()
    expect(writeRefusal(m, '/var/foo')).toBeNull()
    expect(writeRefusal(m, '/usr/local/bin/foo')).toBeNull()
    expect(writeRefusal(m, '/boot/foo')).toBe('EROFS')
  })

  it('[mounts] findmnt --real lists /, /sysroot, /etc, /usr, /var and /boot as reference 5.4 does', () => {
    const rows = findmnt(m, { real: true })
    const byTarget = Object.fromEntries(rows.map((r) => [r.target, r]))
    expect(byTarget['/']).toMatchObject({ source: `/dev/vda4[${dir}]`, fstype: 'xfs' })
    expect(byTarget['/sysroot']).toMatchObject({ source: '/dev/vda4', fstype: 'xfs' })
    expect(byTarget['/sysroot']!.options.split(',')[0]).toBe('ro')
    expect(byTarget['/etc']).toMatchObject({ source: `/dev/vda4[${dir}/etc]` })
    expect(byTarget['/usr']!.options.split(',')[0]).toBe('ro')
    expect(byTarget['/var']).toMatchObject({
      source: '/dev/vda4[/ostree/deploy/fedora-coreos/var]',
    })
    expect(byTarget['/boot']).toMatchObject({ source: '/dev/vda3', fstype: 'ext4' })
    expect(rows[0]!.target).toBe('/')
  })
})
