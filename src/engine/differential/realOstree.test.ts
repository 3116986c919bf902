/**
 * Runs every scenario through the real `ostree` (Debian's 2022.7 here) and checks the facts that
 * reference Appendix B and sections 1.4-1.6, 3.1, 4, 6 and 7.1 state, so that the golden files the
 * engine is compared with are known to say what the reference says.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalize } from './normalize'
import { ostreeAvailable, runRealOstree } from './realOstree'
import { SCENARIOS } from './scenarios'
import type { DeploymentObservation, EtcEntry, Observation } from './types'

const SR = 'fedora-coreos'
const NBSP = '\u00a0'

const cache = new Map<string, Observation>()
/** Each scenario runs once (about half a second each) and its tests share the observation. */
function observe(name: string): Observation {
  const hit = cache.get(name)
  if (hit !== undefined) return hit
  const scenario = SCENARIOS.find((s) => s.name === name)
  if (scenario === undefined) throw new Error(`no scenario ${name}`)
  const obs = normalize(runRealOstree(scenario))
  cache.set(name, obs)
  return obs
}

function deployment(o: Observation, name: string): DeploymentObservation {
  const d = o.deployments.find((x) => x.name === name)
  if (d === undefined)
    throw new Error(`no deployment ${name} in ${o.deployments.map((x) => x.name)}`)
  return d
}

function etc(o: Observation, name: string, path: string): EtcEntry | undefined {
  return deployment(o, name).etc.find((e) => e.path === path)
}

/** `bootversion: boot.B.S` of each printed deploy/undeploy, in order. */
function printedBootversions(o: Observation): string[] {
  return o.printed.flatMap((p) =>
    [...p.matchAll(/bootversion: (boot\.\d\.\d),/g)].map((m) => m[1] ?? ''),
  )
}

function keysOf(entryText: string): string[] {
  return entryText
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(' ')[0] ?? '')
}

function versionOf(o: Observation, name: string): string {
  const m = new RegExp(`${name.replace('.', '\\.')}\\n    Version: (\\S+)`).exec(o.status)
  if (m?.[1] === undefined) throw new Error(`no version for ${name}`)
  return m[1]
}

if (!ostreeAvailable()) {
  describe('differential: real libostree', () => {
    it.skip('real ostree not installed: differential tests skipped', () => {})
  })
} else {
  describe('differential: real libostree', () => {
    describe('upgrade with local /etc edits (upgrade-etc-merge)', () => {
      const o = (): Observation => observe('upgrade-etc-merge')
      const NEW = 'C2.0'
      const OLD = 'C1.0'

      it('[etc-merge] an unmodified file changed upstream takes the new default', () => {
        expect(etc(o(), NEW, 'chrony.conf')?.data).toBe(
          'pool 2.fedora.pool.ntp.org iburst\nmakestep 1.0 3\n',
        )
      })
      it('[etc-merge] a file modified locally and unchanged upstream keeps the local copy', () => {
        expect(etc(o(), NEW, 'ssh/sshd_config')?.data).toBe('PermitRootLogin no\n')
      })
      it('[etc-merge] a file changed locally and upstream keeps the local copy', () => {
        // The upstream chrony user is lost: no line merge (reference 4).
        expect(etc(o(), NEW, 'passwd')?.data).toBe(
          'root:x:0:0:root:/root:/bin/bash\ncore:x:1000:1000::/var/home/core:/bin/bash\n',
        )
      })
      it('[etc-merge] a file modified locally and deleted upstream survives', () => {
        expect(etc(o(), NEW, 'dnsmasq.conf')?.data).toBe('interface=eth0\n')
      })
      it('[etc-merge] a file deleted locally stays deleted', () => {
        expect(etc(o(), NEW, 'motd')).toBeUndefined()
      })
      it('[etc-merge] a file deleted locally and changed upstream stays deleted', () => {
        expect(etc(o(), NEW, 'issue')).toBeUndefined()
      })
      it('[etc-merge] a file added locally is carried over', () => {
        expect(etc(o(), NEW, 'hostname')).toEqual({
          path: 'hostname',
          kind: 'file',
          mode: 0o644,
          data: 'node1\n',
          mtimeSharedWith: [OLD],
        })
      })
      it('[etc-merge] a directory added locally is copied with its files and modes', () => {
        const added = deployment(o(), NEW).etc.filter((e) => e.path.startsWith('myapp.d'))
        expect(added.map((e) => [e.path, e.kind, e.mode, e.data])).toEqual([
          ['myapp.d', 'dir', 0o755, undefined],
          ['myapp.d/10-a.conf', 'file', 0o644, 'a=1\n'],
          ['myapp.d/sub', 'dir', 0o700, undefined],
          ['myapp.d/sub/20-b.conf', 'file', 0o600, 'b=2\n'],
        ])
      })
      it('[etc-merge] a chmod alone counts as a modification and keeps the local mode', () => {
        expect(etc(o(), NEW, 'locale.conf')).toMatchObject({ mode: 0o600, data: 'LANG=C.UTF-8\n' })
      })
      it('[etc-merge] a chmod on a file changed upstream keeps the local content and mode', () => {
        expect(etc(o(), NEW, 'vconsole.conf')).toMatchObject({ mode: 0o600, data: 'KEYMAP=us\n' })
      })
      it('[etc-merge] a retargeted symlink keeps the local target', () => {
        expect(etc(o(), NEW, 'localtime')?.target).toBe('../usr/share/zoneinfo/Europe/Paris')
      })
      it('[etc-merge] an untouched symlink is the new default', () => {
        expect(etc(o(), NEW, 'os-release')?.target).toBe('../usr/lib/os-release')
      })
      it('[etc-merge] a file deleted upstream and untouched locally is gone', () => {
        expect(etc(o(), NEW, 'old.conf')).toBeUndefined()
      })
      it('[etc-merge] a file new upstream appears', () => {
        expect(etc(o(), NEW, 'newdefault.conf')?.data).toBe('added=upstream\n')
      })
      it('[etc-merge] a directory whose mode alone changed gets the default mode back', () => {
        // Reference 4 marks this UNCONFIRMED: the modified directory entry is skipped.
        expect(etc(o(), OLD, 'sudoers.d')?.mode).toBe(0o700)
        expect(etc(o(), NEW, 'sudoers.d')?.mode).toBe(0o750)
      })
      it('[etc-merge] a directory holding a modified file keeps its local mode', () => {
        expect(etc(o(), NEW, 'security')?.mode).toBe(0o700)
        expect(etc(o(), NEW, 'security/limits.conf')?.data).toBe('# limits\n* soft nofile 4096\n')
      })
      it("[etc-merge] the old deployment's /etc is left as it was", () => {
        expect(etc(o(), OLD, 'old.conf')?.data).toBe('obsolete=1\n')
        expect(etc(o(), OLD, 'chrony.conf')?.data).toBe('pool 2.fedora.pool.ntp.org iburst\n')
        expect(etc(o(), OLD, 'newdefault.conf')).toBeUndefined()
      })
      it('[etc-merge] the deploy prints the modified, removed and added counts', () => {
        // Directories count: sudoers.d and security are among the 9 modified, and myapp.d and
        // myapp.d/sub among the 5 added.
        expect(o().printed[1]).toBe(
          'Copying /etc changes: 9 modified, 2 removed, 5 added\n' +
            'Bootloader updated; bootconfig swap: yes; bootversion: boot.0.1, deployment count change: 1\n',
        )
      })
      it('[mtime] merged files keep their mtime; fresh defaults, directories and symlinks do not', () => {
        const kept = deployment(o(), NEW)
          .etc.filter((e) => e.mtimeSharedWith !== undefined)
          .map((e) => e.path)
        expect(kept).toEqual([
          'dnsmasq.conf',
          'hostname',
          'locale.conf',
          'myapp.d/10-a.conf',
          'myapp.d/sub/20-b.conf',
          'passwd',
          'security/limits.conf',
          'ssh/sshd_config',
          'vconsole.conf',
        ])
      })
      it('[mtime] /usr files and directories have mtime 0', () => {
        for (const d of o().deployments) expect(d.usrMtimeZero).toBe(true)
      })
      it('[hardlinks] an unchanged /usr file is one inode in both deployments, a changed one two', () => {
        for (const name of [NEW, OLD]) {
          const links = deployment(o(), name).usrLinks
          expect(links['usr/bin/ls']).toBe(3)
          expect(links['usr/bin/bash']).toBe(2)
          // /boot is another filesystem (reference 1.4): kernels there are copies, not links.
          expect(links['usr/lib/modules/5.14.0/vmlinuz']).toBe(2)
          // Symlinks are repo objects too in a bare repo.
          expect(links['usr/local']).toBe(3)
        }
        const bin = deployment(o(), NEW).root.find((e) => e.path === 'bin')
        expect(bin).toEqual({
          path: 'bin',
          kind: 'symlink',
          mode: 0o777,
          target: 'usr/bin',
          nlink: 3,
        })
      })
      it('[deploy] deployment roots are immutable and hold the FCOS root symlinks', () => {
        for (const d of o().deployments) {
          expect(d.immutable).toBe(true)
          const root = Object.fromEntries(d.root.map((e) => [e.path, e.target ?? e.mode]))
          expect(root).toMatchObject({ home: 'var/home', ostree: 'sysroot/ostree', tmp: 0o1777 })
          expect(root.etc).toBe(0o755)
        }
      })
      it('[deploy] the first deploy relabels /var and prints the bootversion', () => {
        expect(o().printed[0]).toBe(
          "Relabeling /var (no stamp file 'var/.ostree-selabeled' found)\n" +
            'Bootloader updated; bootconfig swap: yes; bootversion: boot.1.1, deployment count change: 1\n',
        )
      })
      it('[config-diff] lists M, then D, then A: a letter, four spaces, the path under /etc', () => {
        // Against the merge deployment C2.0: sudoers.d got its default mode back, dnsmasq.conf is no
        // longer a default (so it is added), old.conf is no longer a default (so not removed).
        expect(o().configDiff).toBe(
          [
            'M    locale.conf',
            'M    localtime',
            'M    passwd',
            'M    security',
            'M    security/limits.conf',
            'M    ssh/sshd_config',
            'M    vconsole.conf',
            'D    issue',
            'D    motd',
            'A    dnsmasq.conf',
            'A    hostname',
            'A    myapp.d',
            'A    myapp.d/10-a.conf',
            'A    myapp.d/sub',
            'A    myapp.d/sub/20-b.conf',
            '',
          ].join('\n'),
        )
      })
      it('[status] lists the new deployment first, with Version and origin refspec', () => {
        expect(o().status).toBe(
          [
            `  ${SR} C2.0`,
            '    Version: 39.20231119.3.0',
            '    origin refspec: fedora/x86_64/coreos/stable',
            `  ${SR} C1.0`,
            '    Version: 39.20231101.3.0',
            '    origin refspec: fedora/x86_64/coreos/stable',
            '',
          ].join('\n'),
        )
      })
      it('[origin] a fresh deploy writes only [origin] refspec=', () => {
        for (const d of o().deployments) {
          expect(d.origin).toBe('[origin]\nrefspec=fedora/x86_64/coreos/stable\n')
        }
      })
      it('[bls] entries are ostree-<N>-<stateroot>.conf with title, version, options, linux, initrd', () => {
        expect(o().entries).toEqual({
          'ostree-1-fedora-coreos.conf': [
            'title Fedora CoreOS 39.20231101.3.0 (ostree:1)',
            'version 1',
            'options mitigations=auto,nosmt console=tty0 root=LABEL=root rw ostree=/ostree/boot.0/fedora-coreos/K1/0',
            'linux /ostree/fedora-coreos-K1/vmlinuz-5.14.0',
            'initrd /ostree/fedora-coreos-K1/initramfs-5.14.0.img',
            '',
          ].join('\n'),
          'ostree-2-fedora-coreos.conf': [
            'title Fedora CoreOS 39.20231119.3.0 (ostree:0)',
            'version 2',
            'options mitigations=auto,nosmt console=tty0 root=LABEL=root rw ostree=/ostree/boot.0/fedora-coreos/K2/0',
            'linux /ostree/fedora-coreos-K2/vmlinuz-5.14.0',
            'initrd /ostree/fedora-coreos-K2/initramfs-5.14.0.img',
            '',
          ].join('\n'),
        })
      })
      it('[loader] the second deploy flips /boot/loader from loader.1 to loader.0', () => {
        expect(printedBootversions(o())).toEqual(['boot.1.1', 'boot.0.1'])
        expect(o().loader).toBe('loader.0')
        expect(o().bootDirs.filter((n) => n.startsWith('loader'))).toEqual(['loader', 'loader.0'])
        expect(o().bootlinks).toEqual({ 'boot.0': 'boot.0.1' })
      })
      it('[deployserial] two different commits both get serial 0', () => {
        expect(o().deployments.map((d) => d.name)).toEqual([NEW, OLD])
      })
      it('[refs] the branch and one ostree/B/S/<index> ref per deployment', () => {
        expect(o().refs).toEqual(['fedora/x86_64/coreos/stable', 'ostree/0/1/0', 'ostree/0/1/1'])
      })
    })

    describe('redeploying the same commit (redeploy-same-commit)', () => {
      const o = (): Observation => observe('redeploy-same-commit')

      it('[deployserial] the same commit deployed again gets serial .1, then .2', () => {
        expect(o().deployments.map((d) => d.name)).toEqual(['C1.2', 'C1.1'])
      })
      it('[deployserial] the .0 deployment, neither merge nor pinned, is deleted', () => {
        expect(o().ostreeDirs.filter((n) => n.includes('/deploy/C1.0'))).toEqual([])
      })
      it('[kargs] --karg replaces an argument with the same key in place and appends a new one', () => {
        const opts = o().entries['ostree-1-fedora-coreos.conf']?.split('\n')[2]
        expect(opts).toBe(
          'options mitigations=auto,nosmt console=ttyS0,115200n8 root=LABEL=root rw ostree=/ostree/boot.1/fedora-coreos/K1/1 quiet',
        )
      })
      it('[kargs] a deploy without --karg takes the merge deployment options', () => {
        const opts = o().entries['ostree-2-fedora-coreos.conf']?.split('\n')[2]
        expect(opts).toBe(
          'options mitigations=auto,nosmt console=ttyS0,115200n8 root=LABEL=root rw ostree=/ostree/boot.1/fedora-coreos/K1/0 quiet',
        )
      })
      it('[bootserial] two deployments of one commit get bootserials 0 and 1', () => {
        expect(o().bootlinkTargets).toEqual({
          'boot.1.1/fedora-coreos/K1/0': '../../../deploy/fedora-coreos/deploy/C1.2',
          'boot.1.1/fedora-coreos/K1/1': '../../../deploy/fedora-coreos/deploy/C1.1',
        })
      })
      it('[loader] each deploy flips the bootversion, even when the count stays', () => {
        expect(printedBootversions(o())).toEqual(['boot.1.1', 'boot.0.1', 'boot.1.1'])
        expect(o().printed[2]).toContain('deployment count change: 0')
        expect(o().loader).toBe('loader.1')
      })
    })

    describe('two deployments sharing one kernel (shared-kernel)', () => {
      const o = (): Observation => observe('shared-kernel')

      it('[bootserial] the two deployments get bootserials 0 and 1 under one bootcsum', () => {
        expect(o().bootlinkTargets).toEqual({
          'boot.0.1/fedora-coreos/K1/0': '../../../deploy/fedora-coreos/deploy/C2.0',
          'boot.0.1/fedora-coreos/K1/1': '../../../deploy/fedora-coreos/deploy/C1.0',
        })
      })
      it('[bootserial] one /boot/ostree directory holds the shared kernel', () => {
        expect(o().bootDirs.filter((n) => n.startsWith('ostree/'))).toEqual([
          'ostree/fedora-coreos-K1',
          'ostree/fedora-coreos-K1/initramfs-5.14.0.img',
          'ostree/fedora-coreos-K1/vmlinuz-5.14.0',
        ])
      })
      it('[bls] the rollback entry points at bootserial 1', () => {
        expect(o().entries['ostree-1-fedora-coreos.conf']).toContain(
          'ostree=/ostree/boot.0/fedora-coreos/K1/1\n',
        )
      })
    })

    describe('two deployments with different kernels (two-kernels)', () => {
      const o = (): Observation => observe('two-kernels')

      it('[bootserial] each kernel has its own bootcsum, each with bootserial 0', () => {
        expect(o().bootlinkTargets).toEqual({
          'boot.1.1/fedora-coreos/K2/0': '../../../deploy/fedora-coreos/deploy/C2.0',
          'boot.1.1/fedora-coreos/K3/0': '../../../deploy/fedora-coreos/deploy/C3.0',
        })
      })
      it('[bootserial] the kernel of the dropped deployment leaves /boot/ostree', () => {
        expect(o().bootDirs.filter((n) => /^ostree\/[^/]+$/.test(n))).toEqual([
          'ostree/fedora-coreos-K2',
          'ostree/fedora-coreos-K3',
        ])
      })
      it('[loader] a third deploy flips back to loader.1 and prunes the dropped commit', () => {
        expect(printedBootversions(o())).toEqual(['boot.1.1', 'boot.0.1', 'boot.1.1'])
        expect(o().printed[2]).toBe(
          'Copying /etc changes: 0 modified, 0 removed, 0 added\n' +
            'Bootloader updated; bootconfig swap: yes; bootversion: boot.1.1, deployment count change: 0\n' +
            `Freed objects: 2.5${NBSP}kB\n`,
        )
      })
    })

    describe('pin and unpin (pin-unpin, pinned-survives)', () => {
      const o = (): Observation => observe('pin-unpin')
      const p = (): Observation => observe('pinned-survives')

      it('[pin] pin and unpin print what they did, or that it was already so', () => {
        expect(o().printed.filter((t) => t.startsWith('Deployment'))).toEqual([
          'Deployment 1 is now pinned\n',
          'Deployment 1 is already pinned\n',
          'Deployment 2 is now unpinned\n',
          'Deployment 2 is already unpinned\n',
          'Deployment 0 is now pinned\n',
          'Deployment 1 is now unpinned\n',
        ])
      })
      it('[pin] a pinned deployment survives a deploy that would otherwise drop it', () => {
        expect(o().printed[4]).toContain('deployment count change: 1\n')
        expect(p().deployments.map((d) => d.name)).toEqual(['C4.0', 'C3.0', 'C1.0'])
      })
      it('[pin] once unpinned, a deployment is dropped like any other', () => {
        expect(o().deployments.map((d) => d.name)).toEqual(['C4.0', 'C3.0'])
        expect(o().printed[8]).toBe(
          'Copying /etc changes: 0 modified, 0 removed, 0 added\n' +
            'Bootloader updated; bootconfig swap: yes; bootversion: boot.0.1, deployment count change: -1\n' +
            `Freed objects: 4.8${NBSP}kB\n`,
        )
      })
      it('[pin] pinning adds [libostree-transient] pinned=true to the origin', () => {
        expect(deployment(p(), 'C1.0').origin).toBe(
          '[origin]\nrefspec=fedora/x86_64/coreos/stable\n\n[libostree-transient]\npinned=true\n',
        )
      })
      it('[pin] unpinning leaves an empty [libostree-transient] group', () => {
        expect(deployment(o(), 'C3.0').origin).toBe(
          '[origin]\nrefspec=fedora/x86_64/coreos/stable\n\n[libostree-transient]\n',
        )
      })
      it('[pin] a deployment made from a pinned merge deployment is not pinned', () => {
        expect(deployment(o(), 'C4.0').origin).toBe(
          '[origin]\nrefspec=fedora/x86_64/coreos/stable\n',
        )
      })
      it('[status] a pinned deployment shows Pinned: yes between Version and origin refspec', () => {
        expect(p().status).toContain(
          `  ${SR} C1.0\n    Version: 39.20231101.3.0\n    Pinned: yes\n    origin refspec: fedora/x86_64/coreos/stable\n`,
        )
        expect(o().status).not.toContain('Pinned')
      })
      it('[bls] three deployments give versions 3, 2, 1 and titles ostree:0, 1, 2', () => {
        expect(Object.keys(p().entries)).toEqual([
          'ostree-1-fedora-coreos.conf',
          'ostree-2-fedora-coreos.conf',
          'ostree-3-fedora-coreos.conf',
        ])
        expect(p().entries['ostree-1-fedora-coreos.conf']).toContain(
          'title Fedora CoreOS 39.20231101.3.0 (ostree:2)\nversion 1\n',
        )
      })
      it('[bootserial] the pinned deployment shares its kernel with index 1 and gets bootserial 1', () => {
        expect(p().bootlinkTargets).toEqual({
          'boot.0.1/fedora-coreos/K1/0': '../../../deploy/fedora-coreos/deploy/C3.0',
          'boot.0.1/fedora-coreos/K1/1': '../../../deploy/fedora-coreos/deploy/C1.0',
          'boot.0.1/fedora-coreos/K2/0': '../../../deploy/fedora-coreos/deploy/C4.0',
        })
      })
      it('[pin] pinning rewrites no boot configuration', () => {
        // Pinning only edits the origin: the bootversion printed by the last deploy is still active.
        expect(printedBootversions(o()).at(-1)).toBe('boot.0.1')
        expect(o().loader).toBe('loader.0')
      })
    })

    describe('undeploy of index 1 (undeploy)', () => {
      const o = (): Observation => observe('undeploy')

      it('[undeploy] prints the bootloader line, the freed space, then the deleted deployment', () => {
        expect(o().printed[2]).toBe(
          'Bootloader updated; bootconfig swap: yes; bootversion: boot.1.1, deployment count change: -1\n' +
            `Freed objects: 2.5${NBSP}kB\n` +
            'Deleted deployment C1.0\n',
        )
      })
      it('[undeploy] the deployment, its origin, its kernel and its ref are gone', () => {
        expect(o().deployments.map((d) => d.name)).toEqual(['C2.0'])
        expect(o().ostreeDirs.filter((n) => n.startsWith('deploy/'))).toEqual([
          'deploy/fedora-coreos/deploy/C2.0',
          'deploy/fedora-coreos/deploy/C2.0.origin',
        ])
        expect(o().bootDirs.filter((n) => /^ostree\/[^/]+$/.test(n))).toEqual([
          'ostree/fedora-coreos-K2',
        ])
        expect(o().refs).toEqual(['fedora/x86_64/coreos/stable', 'ostree/1/1/0'])
      })
      it('[bls] the one remaining entry is ostree-1 with version 1 and ostree:0', () => {
        expect(Object.keys(o().entries)).toEqual(['ostree-1-fedora-coreos.conf'])
        expect(o().entries['ostree-1-fedora-coreos.conf']).toContain(
          'title Fedora CoreOS 39.20231119.3.0 (ostree:0)\nversion 1\n',
        )
      })
      it('[loader] undeploy is a bootversion swap too', () => {
        expect(printedBootversions(o())).toEqual(['boot.1.1', 'boot.0.1', 'boot.1.1'])
        expect(o().loader).toBe('loader.1')
      })
    })

    describe('every scenario', () => {
      for (const s of SCENARIOS) {
        it(`[bls] ${s.name}: one entry per deployment, keys in order, title and ostree= match`, () => {
          const o = observe(s.name)
          const n = o.deployments.length
          expect(Object.keys(o.entries)).toHaveLength(n)
          o.deployments.forEach((d, i) => {
            const text = o.entries[`ostree-${n - i}-${s.stateroot}.conf`] ?? ''
            expect(keysOf(text)).toEqual(['title', 'version', 'options', 'linux', 'initrd'])
            expect(text).toContain(`title Fedora CoreOS ${versionOf(o, d.name)} (ostree:${i})\n`)
            expect(text).toContain(`\nversion ${n - i}\n`)
            // ostree=/ostree/boot.B/<stateroot>/<bootcsum>/<bootserial> resolves to the deployment.
            const m = /ostree=\/ostree\/(boot\.\d)\/([^/]+)\/(K\d+)\/(\d+)/.exec(text)
            expect(m).not.toBeNull()
            const [, bootN = '', sr = '', k = '', serial = ''] = m ?? []
            expect(sr).toBe(s.stateroot)
            expect(bootN).toBe(`boot.${o.loader.slice(-1)}`)
            const linkDir = o.bootlinks[bootN] ?? ''
            expect(o.bootlinkTargets[`${linkDir}/${sr}/${k}/${serial}`]).toBe(
              `../../../deploy/${sr}/deploy/${d.name}`,
            )
            expect(text).toContain(`\nlinux /ostree/${sr}-${k}/vmlinuz-5.14.0\n`)
            expect(text).toContain(`\ninitrd /ostree/${sr}-${k}/initramfs-5.14.0.img\n`)
          })
        })
        it(`[loader] ${s.name}: a swap flips the bootversion (subbootversion 1), no swap flips only the subbootversion`, () => {
          const o = observe(s.name)
          const seen = printedBootversions(o)
          const swaps = o.printed.join('').match(/bootconfig swap: (yes|no)/g) ?? []
          let b = 0
          let sub = 0
          seen.forEach((got, i) => {
            if (swaps[i] === 'bootconfig swap: yes') {
              b = 1 - b
              sub = 1
            } else sub = 1 - sub
            expect(got).toBe(`boot.${b}.${sub}`)
          })
          expect(o.loader).toBe(`loader.${seen.at(-1)?.charAt(5)}`)
          expect(o.bootDirs.filter((x) => /^loader\.\d$/.test(x))).toEqual([o.loader])
        })
        it(`[golden] ${s.name}: real ostree still produces the saved golden file`, () => {
          const file = new URL(`./golden/${s.name}.json`, import.meta.url)
          expect(existsSync(file), 'run `npx tsx scripts/golden.ts`').toBe(true)
          expect(observe(s.name)).toEqual(JSON.parse(readFileSync(file, 'utf8')))
        })
      }
    })
  })
}
