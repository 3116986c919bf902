import { describe, expect, it } from 'vitest'
import { FCOS_SPEC } from './fcos'
import { FCOS_RPMS } from './fcosRpms'
import { fcosRpms } from './rpms'

const nevra = (r: { name: string; evr: string; arch: string }) => `${r.name}-${r.evr}.${r.arch}`

describe('FCOS RPM lists', () => {
  it('[rpms] every catalogue release has its own lockfile, sizes as the lockfiles count them', () => {
    expect(FCOS_RPMS.map((r) => r.version)).toEqual(FCOS_SPEC.releases.map((r) => r.version))
    expect(FCOS_SPEC.releases.map((r) => fcosRpms(r.version)?.length)).toEqual([
      431, 430, 431, 432, 432, 436, 436, 436, 436, 438, 438,
    ])
    expect(fcosRpms('39.19990101.3.0')).toBeNull()
  })

  it('[rpms] 39.20231101.3.0: the pins of reference 0, overrides laid over the lockfile', () => {
    const list = (fcosRpms('39.20231101.3.0') ?? []).map(nevra)
    for (const p of [
      'ostree-2023.6-1.fc39.x86_64',
      'rpm-ostree-2023.8-2.fc39.x86_64',
      'kernel-6.5.9-300.fc39.x86_64',
      'ignition-2.16.2-2.fc39.x86_64',
      'systemd-254.5-2.fc39.x86_64',
      'bootupd-0.2.11-3.fc39.x86_64',
      // manifest-lock.overrides.yaml: zincati pinned, selinux-policy fast-tracked
      'zincati-0.0.25-6.fc39.x86_64',
      'selinux-policy-targeted-39.1-1.fc39.noarch',
    ])
      expect(list).toContain(p)
    expect(list.some((p) => p.startsWith('composefs-'))).toBe(false)
  })

  it('[rpms] the respin 39.20240322.3.1 changes rpm-ostree and rpm-ostree-libs only', () => {
    const before = new Map((fcosRpms('39.20240322.3.0') ?? []).map((r) => [r.name, nevra(r)]))
    const after = fcosRpms('39.20240322.3.1') ?? []
    expect(after.filter((r) => before.get(r.name) !== nevra(r)).map(nevra)).toEqual([
      'rpm-ostree-2024.4-6.fc39.x86_64',
      'rpm-ostree-libs-2024.4-6.fc39.x86_64',
    ])
  })

  it('[rpms] the catalogue takes its kernel and story versions from the lists', () => {
    for (const release of FCOS_SPEC.releases) {
      const list = fcosRpms(release.version) ?? []
      const kernel = list.find((r) => r.name === 'kernel')
      expect(release.kernel).toBe(`${kernel?.evr}.${kernel?.arch}`)
      for (const [name, evr] of Object.entries(release.packages))
        if (name !== 'kernel') expect(list.find((r) => r.name === name)?.evr).toBe(evr)
    }
  })

  it('[rpms] decoded once, frozen, sorted by name', () => {
    const list = fcosRpms('39.20231119.3.0')
    expect(fcosRpms('39.20231119.3.0')).toBe(list)
    expect(Object.isFrozen(list)).toBe(true)
    const names = (list ?? []).map((r) => r.name)
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })
})
