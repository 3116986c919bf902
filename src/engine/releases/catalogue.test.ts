import { describe, expect, it } from 'vitest'
import {
  buildReleases,
  CHURN_MAX,
  CHURN_MIN,
  comparePaths,
  kernelDir,
  PROFILES,
  REAL_SCALE,
  releaseByVersion,
  releasesOf,
  type Release,
  type TreeEntry,
} from './index'

const SCALE = 400
const PROFILE_IDS = ['fcos', 'rhcos'] as const

type FileEntry = Extract<TreeEntry, { kind: 'file' }>

function byPath(r: Release): Map<string, TreeEntry> {
  return new Map(r.tree.map((e) => [e.path, e]))
}

function entry(r: Release, path: string): TreeEntry {
  const e = r.tree.find((x) => x.path === path)
  if (e === undefined) throw new Error(`${r.version}: no ${path}`)
  return e
}

function fileAt(r: Release, path: string): FileEntry {
  const e = entry(r, path)
  if (e.kind !== 'file') throw new Error(`${path} is a ${e.kind}`)
  return e
}

function isBulk(e: TreeEntry): e is FileEntry {
  return e.kind === 'file' && e.data.startsWith('blob:')
}

/** The story files: what a release has at scale 0 (no bulk). */
function storyPaths(r: Release): Set<string> {
  const zero = releaseByVersion(r.profile, 0, r.version)
  return new Set((zero?.tree ?? []).map((e) => e.path))
}

/** Bulk files outside /usr/lib/modules: path -> data. */
function bulkOutsideKernel(r: Release): Map<string, string> {
  const story = storyPaths(r)
  const out = new Map<string, string>()
  for (const e of r.tree) {
    if (isBulk(e) && !e.path.startsWith('/usr/lib/modules/') && !story.has(e.path)) {
      out.set(e.path, e.data)
    }
  }
  return out
}

function changeRate(a: Release, b: Release): { rate: number; added: number; removed: number } {
  const x = bulkOutsideKernel(a)
  const y = bulkOutsideKernel(b)
  let common = 0
  let changed = 0
  for (const [path, data] of x) {
    const d = y.get(path)
    if (d === undefined) continue
    common++
    if (d !== data) changed++
  }
  return { rate: changed / common, added: y.size - common, removed: x.size - common }
}

function totalBytes(r: Release): number {
  let n = 0
  for (const e of r.tree) if (e.kind === 'file') n += e.size
  return n
}

describe('release catalogue', () => {
  it('[release] profiles carry the stateroots, remotes and install kargs of the references', () => {
    expect(PROFILES.fcos).toMatchObject({
      id: 'fcos',
      stateroot: 'fedora-coreos',
      remoteName: 'fedora',
      remoteUrl: 'https://ostree.fedoraproject.org',
      ref: 'fedora/x86_64/coreos/stable',
      refspec: 'fedora:fedora/x86_64/coreos/stable',
    })
    expect(PROFILES.fcos.installKargs).toEqual([
      'mitigations=auto,nosmt',
      '$ignition_firstboot',
      'ignition.platform.id=qemu',
      'console=tty0',
      'console=ttyS0,115200n8',
    ])
    expect(PROFILES.rhcos.stateroot).toBe('rhcos')
    expect(PROFILES.rhcos.refspec).toBeNull()
    expect(PROFILES.rhcos.installKargs).toContain('$ignition_firstboot')
  })

  it('[release] is deterministic: the same input gives deep-equal output, and it is memoized', () => {
    for (const p of PROFILE_IDS) {
      const a = buildReleases(p, SCALE)
      const b = buildReleases(p, SCALE)
      expect(a).toEqual(b)
      expect(releasesOf(p, SCALE)).toBe(releasesOf(p, SCALE))
      expect(releasesOf(p, SCALE)).toEqual(a)
    }
    expect(buildReleases('fcos', 50)).not.toEqual(buildReleases('fcos', 60))
  })

  it('[release] rejects a negative or fractional scale', () => {
    expect(() => releasesOf('fcos', -1)).toThrow(RangeError)
    expect(() => releasesOf('fcos', 1.5)).toThrow(RangeError)
  })

  it('[release] has the real FCOS stable versions and kernels, oldest first', () => {
    const rs = releasesOf('fcos', SCALE)
    expect(rs.map((r) => r.version)).toEqual([
      '39.20231101.3.0',
      '39.20231119.3.0',
      '39.20231204.3.3',
      '39.20240104.3.0',
      '39.20240112.3.0',
      '39.20240128.3.0',
      '39.20240210.3.0',
      '39.20240225.3.0',
      '39.20240309.3.0',
      '39.20240322.3.0',
      '39.20240322.3.1',
    ])
    expect(rs[0]?.kernel).toBe('6.5.9-300.fc39.x86_64')
    expect(rs[1]?.kernel).toBe('6.5.11-300.fc39.x86_64')
    expect(rs.every((r) => !r.illustrative && r.profile === 'fcos')).toBe(true)
    // Commit times are later than the snapshot dates and strictly increasing.
    for (let i = 1; i < rs.length; i++) {
      expect((rs[i] as Release).timestamp).toBeGreaterThan((rs[i - 1] as Release).timestamp)
    }
    // 2023-11-20T19:48:35Z, after the 2023-11-01 snapshot.
    expect(rs[0]?.timestamp).toBe(1700509715)
  })

  it('[release] has the article RHCOS builds, with 305.10.2 on 48.84.202108062347-0', () => {
    const rs = releasesOf('rhcos', SCALE)
    expect(rs.map((r) => r.version)).toEqual([
      '48.84.202105281935-0',
      '48.84.202106231817-0',
      '48.84.202108062347-0',
    ])
    expect(rs.map((r) => r.kernel)).toEqual([
      '4.18.0-305.el8.x86_64',
      '4.18.0-305.3.1.el8_4.x86_64',
      '4.18.0-305.10.2.el8_4.x86_64',
    ])
    expect(rs[1]?.illustrativeFields).toEqual(['kernel'])
    // rpm-ostree status of a 4.8 node: "Version: 48.84.202106231817-0 (2021-06-23T18:21:06Z)".
    expect(rs[1]?.timestamp).toBe(1624472466)
    expect(releaseByVersion('rhcos', SCALE, '48.84.202108062347-0')).toBe(rs[2])
  })

  it('[release] trees are sorted by path, unique, with every parent directory first', () => {
    for (const p of PROFILE_IDS) {
      for (const r of releasesOf(p, SCALE)) {
        const seen = new Map<string, TreeEntry>()
        expect(r.tree[0]).toMatchObject({ path: '/', kind: 'dir' })
        for (let i = 0; i < r.tree.length; i++) {
          const e = r.tree[i] as TreeEntry
          if (i > 0) expect(comparePaths((r.tree[i - 1] as TreeEntry).path, e.path)).toBe(-1)
          if (e.path !== '/') {
            expect(e.path.startsWith('/') && !e.path.endsWith('/')).toBe(true)
            const parent = e.path.slice(0, e.path.lastIndexOf('/')) || '/'
            expect(seen.get(parent)?.kind, `${r.version}: parent of ${e.path}`).toBe('dir')
          }
          seen.set(e.path, e)
        }
        // Plain code-unit order is what Array.prototype.sort gives.
        const paths = r.tree.map((e) => e.path)
        expect([...paths].sort()).toEqual(paths)
      }
    }
  })

  it('[release] trees have no /etc, and the reference 1.7 root layout', () => {
    for (const p of PROFILE_IDS) {
      for (const r of releasesOf(p, SCALE)) {
        const m = byPath(r)
        expect(r.tree.some((e) => e.path === '/etc' || e.path.startsWith('/etc/'))).toBe(false)
        const links: Record<string, string> = {
          '/bin': 'usr/bin',
          '/home': 'var/home',
          '/lib': 'usr/lib',
          '/lib64': 'usr/lib64',
          '/sbin': 'usr/sbin',
          '/root': 'var/roothome',
          '/ostree': 'sysroot/ostree',
          '/srv': 'var/srv',
          '/mnt': 'var/mnt',
          '/opt': 'var/opt',
          '/media': 'run/media',
          '/usr/local': '../var/usrlocal',
        }
        for (const [path, target] of Object.entries(links)) {
          expect(m.get(path)).toMatchObject({ kind: 'symlink', target })
        }
        for (const d of ['/dev', '/proc', '/run', '/sys', '/var', '/sysroot', '/usr', '/boot']) {
          expect(m.get(d)?.kind).toBe('dir')
        }
        expect(m.get('/tmp')).toMatchObject({ kind: 'dir', mode: 0o1777 })
        expect(m.get('/usr/etc')?.kind).toBe('dir')
        expect(m.has('/usr/etc/hostname')).toBe(false)
      }
    }
  })

  it('[release] every release is bootable: one kernel directory with vmlinuz and initramfs.img', () => {
    for (const p of PROFILE_IDS) {
      for (const r of releasesOf(p, SCALE)) {
        const k = kernelDir(r)
        const vmlinuz = fileAt(r, `${k}/vmlinuz`)
        const initramfs = fileAt(r, `${k}/initramfs.img`)
        expect(vmlinuz.size).toBeGreaterThan(9_000_000)
        expect(vmlinuz.size).toBeLessThan(16_000_000)
        expect(initramfs.size).toBeGreaterThan(70_000_000)
        expect(initramfs.size).toBeLessThan(100_000_000)
        const kernels = r.tree.filter(
          (e) => e.kind === 'dir' && /^\/usr\/lib\/modules\/[^/]+$/.test(e.path),
        )
        expect(kernels.map((e) => e.path)).toEqual([k])
      }
    }
  })

  it('[release] a new kernel moves the modules subtree; the same kernel shares /boot content', () => {
    const rs = releasesOf('fcos', SCALE)
    const a = rs[0] as Release
    const b = rs[1] as Release
    const modsA = a.tree.filter((e) => isBulk(e) && e.path.startsWith(kernelDir(a) + '/'))
    const modsB = b.tree.filter((e) => isBulk(e) && e.path.startsWith(kernelDir(b) + '/'))
    expect(modsA.length).toBeGreaterThan(0)
    expect(modsB.map((e) => e.path.slice(kernelDir(b).length))).toEqual(
      modsA.map((e) => e.path.slice(kernelDir(a).length)),
    )
    expect(b.tree.some((e) => e.path.startsWith(kernelDir(a)))).toBe(false)
    expect(fileAt(b, `${kernelDir(b)}/vmlinuz`).data).not.toBe(
      fileAt(a, `${kernelDir(a)}/vmlinuz`).data,
    )

    // 39.20240322.3.0 -> 39.20240322.3.1 is an rpm-ostree-only respin: same kernel, same initramfs,
    // same module files (so the deployments share one /boot/ostree/<stateroot>-<bootcsum>).
    const x = rs[9] as Release
    const y = rs[10] as Release
    expect(y.kernel).toBe(x.kernel)
    for (const f of ['vmlinuz', 'initramfs.img']) {
      expect(fileAt(y, `${kernelDir(y)}/${f}`)).toEqual(fileAt(x, `${kernelDir(x)}/${f}`))
    }
    const kx = x.tree.filter((e) => e.path.startsWith(kernelDir(x) + '/'))
    const ky = y.tree.filter((e) => e.path.startsWith(kernelDir(y) + '/'))
    expect(ky).toEqual(kx)
    expect(fileAt(y, '/usr/bin/rpm-ostree').data).not.toBe(fileAt(x, '/usr/bin/rpm-ostree').data)
  })

  it('[release] 5-10 % of the bulk changes between consecutive releases, a few added and removed', () => {
    for (const p of PROFILE_IDS) {
      for (const scale of [SCALE, REAL_SCALE]) {
        const rs = releasesOf(p, scale)
        for (let i = 1; i < rs.length; i++) {
          const { rate, added, removed } = changeRate(rs[i - 1] as Release, rs[i] as Release)
          expect(rate, `${p} ${scale} #${i}`).toBeGreaterThanOrEqual(0.05)
          expect(rate, `${p} ${scale} #${i}`).toBeLessThanOrEqual(0.1)
          expect(added).toBeGreaterThanOrEqual(1)
          expect(removed).toBeGreaterThanOrEqual(1)
          expect(added + removed).toBeLessThan(0.01 * scale + 3)
        }
      }
    }
    expect(CHURN_MIN).toBeGreaterThanOrEqual(0.05)
    expect(CHURN_MAX).toBeLessThanOrEqual(0.1)
  })

  it('[release] the bulk has about `scale` files, ~20 per directory, in realistic places', () => {
    for (const p of PROFILE_IDS) {
      const r = releasesOf(p, REAL_SCALE)[0] as Release
      const bulk = r.tree.filter(isBulk)
      // The story files are blob stand-ins too: a few dozen beyond the bulk.
      expect(bulk.length).toBeGreaterThanOrEqual(REAL_SCALE)
      expect(bulk.length).toBeLessThan(REAL_SCALE + 60)
      const dirs = new Set(bulk.map((e) => e.path.slice(0, e.path.lastIndexOf('/'))))
      const perDir = bulk.length / dirs.size
      expect(perDir).toBeGreaterThan(12)
      expect(perDir).toBeLessThan(40)
      for (const prefix of [
        '/usr/lib64/',
        '/usr/share/locale/',
        '/usr/lib/firmware/',
        `${kernelDir(r)}/kernel/`,
        '/usr/share/zoneinfo/',
      ]) {
        expect(bulk.filter((e) => e.path.startsWith(prefix)).length, prefix).toBeGreaterThan(500)
      }
      // FCOS and RHCOS 4.8 ship no documentation (remove-files / documentation: false).
      expect(r.tree.some((e) => e.path.startsWith('/usr/share/doc/'))).toBe(false)
    }
  })

  it('[release] a release totals about 1.5 GB at real scale', () => {
    for (const p of PROFILE_IDS) {
      for (const r of releasesOf(p, REAL_SCALE)) {
        const gb = totalBytes(r) / 1e9
        expect(gb, `${p} ${r.version}`).toBeGreaterThan(1.35)
        expect(gb, `${p} ${r.version}`).toBeLessThan(1.65)
      }
    }
  })

  it('[release] FCOS os-release is the Fedora CoreOS 39 text with the build version', () => {
    const r = releasesOf('fcos', SCALE)[0] as Release
    const text = fileAt(r, '/usr/lib/os-release').data
    expect(text).toBe(
      [
        'NAME="Fedora Linux"',
        'VERSION="39.20231101.3.0 (CoreOS)"',
        'ID=fedora',
        'VERSION_ID=39',
        'VERSION_CODENAME=""',
        'PLATFORM_ID="platform:f39"',
        'PRETTY_NAME="Fedora CoreOS 39.20231101.3.0"',
        'ANSI_COLOR="0;38;2;60;110;180"',
        'LOGO=fedora-logo-icon',
        'CPE_NAME="cpe:/o:fedoraproject:fedora:39"',
        'HOME_URL="https://fedoraproject.org/coreos/"',
        'DOCUMENTATION_URL="https://docs.fedoraproject.org/en-US/fedora-coreos/"',
        'SUPPORT_URL="https://github.com/coreos/fedora-coreos-tracker/"',
        'BUG_REPORT_URL="https://github.com/coreos/fedora-coreos-tracker/"',
        'REDHAT_BUGZILLA_PRODUCT="Fedora"',
        'REDHAT_BUGZILLA_PRODUCT_VERSION=39',
        'REDHAT_SUPPORT_PRODUCT="Fedora"',
        'REDHAT_SUPPORT_PRODUCT_VERSION=39',
        'SUPPORT_END=2024-11-12',
        'VARIANT="CoreOS"',
        'VARIANT_ID=coreos',
        "OSTREE_VERSION='39.20231101.3.0'",
        '',
      ].join('\n'),
    )
    expect(fileAt(r, '/usr/lib/os-release').size).toBe(text.length)
    expect(entry(r, '/usr/etc/os-release')).toMatchObject({
      kind: 'symlink',
      target: '../usr/lib/os-release',
    })
    for (const later of releasesOf('fcos', SCALE)) {
      const t = fileAt(later, '/usr/lib/os-release').data
      expect(t).toContain(`PRETTY_NAME="Fedora CoreOS ${later.version}"`)
      expect(t).toContain(`OSTREE_VERSION='${later.version}'`)
    }
  })

  it('[release] RHCOS os-release is exactly the article text for 48.84.202108062347-0', () => {
    const rs = releasesOf('rhcos', SCALE)
    const article = `NAME="Red Hat Enterprise Linux CoreOS"
VERSION="48.84.202108062347-0"
ID="rhcos"
ID_LIKE="rhel fedora"
VERSION_ID="4.8"
PLATFORM_ID="platform:el8"
PRETTY_NAME="Red Hat Enterprise Linux CoreOS 48.84.202108062347-0 (Ootpa)"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:redhat:enterprise_linux:8::coreos"
HOME_URL="https://www.redhat.com/"
DOCUMENTATION_URL="https://docs.openshift.com/container-platform/4.8/"
BUG_REPORT_URL="https://bugzilla.redhat.com/"
REDHAT_BUGZILLA_PRODUCT="OpenShift Container Platform"
REDHAT_BUGZILLA_PRODUCT_VERSION="4.8"
REDHAT_SUPPORT_PRODUCT="OpenShift Container Platform"
REDHAT_SUPPORT_PRODUCT_VERSION="4.8"
OPENSHIFT_VERSION="4.8"
RHEL_VERSION="8.4"
OSTREE_VERSION='48.84.202108062347-0'
`
    expect(fileAt(rs[2] as Release, '/usr/lib/os-release').data).toBe(article)
    const first = fileAt(rs[0] as Release, '/usr/lib/os-release').data
    expect(first).toBe(article.replaceAll('48.84.202108062347-0', '48.84.202105281935-0'))
  })

  it('[release] RHCOS has the article glibc and ls, shared by the first two builds', () => {
    const rs = releasesOf('rhcos', SCALE)
    for (const r of rs) {
      expect(entry(r, '/usr/lib64/libc.so.6')).toMatchObject({
        kind: 'symlink',
        target: 'libc-2.28.so',
      })
      expect(fileAt(r, '/usr/lib64/libc-2.28.so').mode).toBe(0o755)
      expect(fileAt(r, '/usr/bin/ls')).toMatchObject({ size: 143368, mode: 0o755 })
    }
    // The article's `ls -li`: one inode (link count 3) in 5aad7b2a... and eb6dd3b8...
    expect(fileAt(rs[1] as Release, '/usr/bin/ls')).toEqual(fileAt(rs[0] as Release, '/usr/bin/ls'))
    expect(entry(rs[0] as Release, '/usr/lib64/libc.so.6').kind).toBe('symlink')
    expect(fileAt(releasesOf('fcos', SCALE)[0] as Release, '/usr/lib64/libc.so.6').mode).toBe(0o755)
  })

  it('[release] /usr/etc defaults are realistic and change between releases', () => {
    const f = releasesOf('fcos', SCALE)
    const first = f[0] as Release
    expect(fileAt(first, '/usr/etc/passwd').data).toBe('root:x:0:0:Super User:/root:/bin/bash\n')
    expect(fileAt(first, '/usr/etc/sudoers').mode).toBe(0o440)
    expect(fileAt(first, '/usr/etc/motd')).toMatchObject({ size: 0, data: '' })
    expect(fileAt(first, '/usr/etc/ssh/sshd_config').data).toContain(
      'Include /etc/ssh/sshd_config.d/*.conf',
    )
    expect(entry(first, '/usr/etc/zincati/config.d').kind).toBe('dir')
    expect(entry(first, '/usr/etc/systemd/system').kind).toBe('dir')
    expect(fileAt(first, '/usr/etc/containers/registries.conf').data).toContain(
      'unqualified-search-registries',
    )
    // CVE-2024-2905: world-readable shadow until the 39.20240322.3.1 respin.
    expect(fileAt(first, '/usr/etc/shadow').mode).toBe(0o644)
    expect(fileAt(f[10] as Release, '/usr/etc/shadow').mode).toBe(0o000)
    expect(fileAt(f[10] as Release, '/usr/etc/gshadow').mode).toBe(0o000)

    const etc = (r: Release): Map<string, string> => {
      const out = new Map<string, string>()
      for (const e of r.tree) {
        if (!e.path.startsWith('/usr/etc/')) continue
        out.set(
          e.path,
          e.kind === 'file'
            ? `${e.mode}:${e.data}`
            : e.kind === 'symlink'
              ? `->${e.target}`
              : `d${e.mode}`,
        )
      }
      return out
    }
    let modified = 0
    let added = 0
    let removed = 0
    for (const rs of [f, releasesOf('rhcos', SCALE)]) {
      for (let i = 1; i < rs.length; i++) {
        const a = etc(rs[i - 1] as Release)
        const b = etc(rs[i] as Release)
        for (const [k, v] of b) {
          if (!a.has(k)) added++
          else if (a.get(k) !== v) modified++
        }
        for (const k of a.keys()) if (!b.has(k)) removed++
      }
    }
    expect(modified).toBeGreaterThan(5)
    expect(added).toBeGreaterThan(1)
    expect(removed).toBeGreaterThan(1)
    // chrony 4.4 -> 4.5 in 39.20240104.3.0; preset links renamed in 39.20240225.3.0.
    expect(fileAt(f[3] as Release, '/usr/etc/chrony.conf').data).not.toBe(
      fileAt(f[2] as Release, '/usr/etc/chrony.conf').data,
    )
    const wants = '/usr/etc/systemd/system/multi-user.target.wants/'
    expect(byPath(f[6] as Release).has(`${wants}coreos-check-cgroups.service`)).toBe(true)
    expect(byPath(f[7] as Release).has(`${wants}coreos-check-cgroups.service`)).toBe(false)
    expect(entry(f[7] as Release, `${wants}coreos-check-cgroups-version.service`)).toMatchObject({
      kind: 'symlink',
      target: '/usr/lib/systemd/system/coreos-check-cgroups-version.service',
    })
    // RHCOS motd embeds the version (openshift/os release-4.8 manifest.yaml).
    const r = releasesOf('rhcos', SCALE)[1] as Release
    expect(fileAt(r, '/usr/etc/motd').data).toContain(
      'Red Hat Enterprise Linux CoreOS 48.84.202106231817-0\n  Part of OpenShift 4.8',
    )
  })

  it('[release] unchanged files keep their bytes, and shared files are shared objects', () => {
    const rs = releasesOf('fcos', SCALE)
    const a = rs[4] as Release
    const b = rs[5] as Release
    // bash 5.2.21 -> 5.2.26 and coreutils 9.3-4 -> 9.3-5 in 39.20240128.3.0; ostree unchanged.
    expect(fileAt(b, '/usr/bin/bash').data).not.toBe(fileAt(a, '/usr/bin/bash').data)
    expect(fileAt(b, '/usr/bin/ls').data).not.toBe(fileAt(a, '/usr/bin/ls').data)
    expect(fileAt(b, '/usr/bin/ostree')).toBe(fileAt(a, '/usr/bin/ostree'))
    expect(fileAt(b, '/usr/bin/sudo').mode).toBe(0o4111)
    const blobs = new Set(r0Files(rs[0] as Release).map((e) => e.data))
    expect(blobs.size).toBe(r0Files(rs[0] as Release).length)
  })
})

function r0Files(r: Release): FileEntry[] {
  return r.tree.filter(isBulk)
}
