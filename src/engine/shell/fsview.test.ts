import { describe, expect, it } from 'vitest'
import { boot, installImage } from '../ops'
import { listDeployments } from '../status'
import { deployPath } from '../sysroot'
import { after, deepFreeze } from '../testkit'
import { locate } from '../vfs'
import { CORE, failed, ROOT, sizeOf, Sys } from './fsview'

const m = deepFreeze(after(boot(after(installImage({ profile: 'fcos', scale: 60 })))))
const dir = deployPath(listDeployments(m)[0]!)

describe('the shell’s view of the tree', () => {
  it('[mounts] resolves every path as the engine’s locate does (through mounts, symlinks and ..)', () => {
    const sys = new Sys(m)
    const paths = [
      '/',
      '/bin/ls',
      '/usr/bin/ls',
      '/home/core',
      '/home/..',
      '/usr/local/bin',
      '/ostree/deploy',
      `${dir}/usr/bin/ls`,
      `/sysroot${dir}/etc/os-release`,
      '/etc/os-release',
      '/var/home/../roothome',
      '/boot/loader',
      '/boot/loader/entries',
      '/run/ostree-booted',
      '/sysroot/ostree/deploy/fedora-coreos/var/home',
      '/nope',
      '/etc/passwd/x',
    ]
    for (const path of paths) {
      for (const follow of [true, false]) {
        const a = locate(m, path, follow)
        const b = sys.resolve(path, follow, ROOT)
        if ('error' in a) {
          expect([path, follow, failed(b) ? b.error : 'found']).toEqual([path, follow, a.error])
          continue
        }
        expect(failed(b)).toBe(false)
        if (failed(b)) continue
        expect([path, b.path, b.fsKey, b.fsPath, b.ino]).toEqual([
          path,
          a.path,
          a.fsKey,
          a.fsPath,
          a.ino,
        ])
      }
    }
  })

  it('[permissions] core cannot walk into /var/roothome; root can', () => {
    const sys = new Sys(m)
    expect(sys.resolve('/root/x', true, CORE)).toMatchObject({ error: 'EACCES' })
    expect(sys.resolve('/root', true, ROOT)).toMatchObject({ path: '/var/roothome' })
  })

  it('[sizes] an xfs short-form directory: 6 + (name length + 8) per entry (the article’s /usr is 155)', () => {
    const sys = new Sys(m)
    const usr = sys.resolve('/usr', true)
    expect(failed(usr) ? 0 : sizeOf(usr)).toBe(155)
    const run = sys.resolve('/run', true)
    expect(failed(run) ? 0 : sizeOf(run)).toBe(40 + 20 * (failed(run) ? 0 : sys.names(run).length))
    const boot = sys.resolve('/boot', true)
    expect(failed(boot) ? 0 : sizeOf(boot)).toBe(1024)
  })

  it('[accounts] names come from /etc/passwd, /usr/lib/passwd and the groups files', () => {
    const sys = new Sys(m)
    expect(sys.userName(0)).toBe('root')
    expect(sys.userName(1000)).toBe('core')
    expect(sys.userName(81)).toBe('dbus')
    expect(sys.userName(4242)).toBe('4242')
    expect(sys.groupName(10)).toBe('wheel')
  })
})
