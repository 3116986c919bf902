/**
 * The RPM database of a release, as far as the catalogue knows it.
 *
 * The catalogue (../releases/fcos.ts, rhcos.ts) names the versions of about fifteen packages per
 * release, from the real lockfiles (FCOS) and the article (RHCOS). A package that comes from the
 * same source RPM as a named one has the same version, so the list below adds those subpackages:
 * for FCOS their names and architectures are the ones of coreos/fedora-coreos-config
 * manifest-lock.x86_64.json at stable@4408116c (the 39.20231101.3.0 lockfile); for RHCOS 4.8, the
 * kernel and glibc subpackages the article's `rpm -qa | grep kernel` and `| grep glibc` show.
 * Everything else of the real package set (431 packages in the FCOS lockfile, 503 on the
 * article's RHCOS) is not in the catalogue and is not listed: the list is a true subset.
 */
import { FCOS_SPEC } from '../releases/fcos'
import { RHCOS_SPEC } from '../releases/rhcos'
import type { ProfileId } from '../types'

export interface Rpm {
  name: string
  /** `[epoch:]version-release`, as rpm-ostree prints it in diffs. */
  evr: string
  arch: string
}

/** Subpackages per named package, in the order rpm -qa lists them (dependencies first). */
const SUBPACKAGES: Record<ProfileId, Record<string, [string, string][]>> = {
  // manifest-lock.x86_64.json at stable@4408116c: same source RPM, same EVR.
  fcos: {
    glibc: [
      ['glibc-gconv-extra', 'x86_64'],
      ['glibc-common', 'x86_64'],
      ['glibc-minimal-langpack', 'x86_64'],
      ['glibc', 'x86_64'],
    ],
    bash: [['bash', 'x86_64']],
    coreutils: [
      ['coreutils-common', 'x86_64'],
      ['coreutils', 'x86_64'],
    ],
    systemd: [
      ['systemd-libs', 'x86_64'],
      ['systemd-pam', 'x86_64'],
      ['systemd', 'x86_64'],
      ['systemd-udev', 'x86_64'],
      ['systemd-resolved', 'x86_64'],
      ['systemd-container', 'x86_64'],
    ],
    ostree: [
      ['ostree-libs', 'x86_64'],
      ['ostree', 'x86_64'],
    ],
    'rpm-ostree': [
      ['rpm-ostree-libs', 'x86_64'],
      ['rpm-ostree', 'x86_64'],
    ],
    chrony: [['chrony', 'x86_64']],
    'openssh-server': [
      ['openssh', 'x86_64'],
      ['openssh-clients', 'x86_64'],
      ['openssh-server', 'x86_64'],
    ],
    sudo: [['sudo', 'x86_64']],
    zincati: [['zincati', 'x86_64']],
    ignition: [['ignition', 'x86_64']],
    tzdata: [['tzdata', 'noarch']],
    'selinux-policy-targeted': [
      ['selinux-policy', 'noarch'],
      ['selinux-policy-targeted', 'noarch'],
    ],
    NetworkManager: [
      ['NetworkManager-libnm', 'x86_64'],
      ['NetworkManager', 'x86_64'],
      ['NetworkManager-cloud-setup', 'x86_64'],
      ['NetworkManager-team', 'x86_64'],
      ['NetworkManager-tui', 'x86_64'],
    ],
    'containers-common': [
      ['containers-common', 'noarch'],
      ['containers-common-extra', 'noarch'],
    ],
    kernel: [
      ['kernel-core', 'x86_64'],
      ['kernel-modules-core', 'x86_64'],
      ['kernel-modules', 'x86_64'],
      ['kernel', 'x86_64'],
    ],
  },
  // The article (RHCOS 48.84.202108062347-0): kernel-core, kernel-modules, kernel-modules-extra,
  // kernel; glibc-common, glibc-all-langpacks, glibc. Others: the named package alone.
  rhcos: {
    glibc: [
      ['glibc-common', 'x86_64'],
      ['glibc-all-langpacks', 'x86_64'],
      ['glibc', 'x86_64'],
    ],
    kernel: [
      ['kernel-core', 'x86_64'],
      ['kernel-modules', 'x86_64'],
      ['kernel-modules-extra', 'x86_64'],
      ['kernel', 'x86_64'],
    ],
    tzdata: [['tzdata', 'noarch']],
    'selinux-policy-targeted': [['selinux-policy-targeted', 'noarch']],
  },
}

/** The packages of the release with this version, or null when the catalogue does not have it. */
export function packagesOf(profile: ProfileId, version: string): Rpm[] | null {
  const spec = profile === 'fcos' ? FCOS_SPEC : RHCOS_SPEC
  const release = spec.releases.find((r) => r.version === version)
  if (release === undefined) return null
  const out: Rpm[] = []
  for (const [name, evr] of Object.entries(release.packages)) {
    // The catalogue writes the kernel with its architecture (`6.5.9-300.fc39.x86_64`).
    const clean = name === 'kernel' ? evr.replace(/\.x86_64$/, '') : evr
    const subs = SUBPACKAGES[profile][name] ?? [[name, 'x86_64']]
    for (const [sub, arch] of subs) out.push({ name: sub, evr: clean, arch })
  }
  return out
}

/** `name-version-release.arch`, rpm's default query format (no epoch). */
export function nevra(p: Rpm): string {
  return `${p.name}-${p.evr.replace(/^[0-9]+:/, '')}.${p.arch}`
}

/** rpmvercmp: compares version strings segment by segment, digits as numbers. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0
  const sa = a.match(/[0-9]+|[A-Za-z]+|~/g) ?? []
  const sb = b.match(/[0-9]+|[A-Za-z]+|~/g) ?? []
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = sa[i]
    const y = sb[i]
    if (x === '~' || y === '~') {
      if (x !== y) return x === '~' ? -1 : 1
      continue
    }
    if (x === undefined) return -1
    if (y === undefined) return 1
    const xd = /^[0-9]/.test(x)
    const yd = /^[0-9]/.test(y)
    if (xd !== yd) return xd ? 1 : -1
    if (xd) {
      const d = Number(x) - Number(y)
      if (d !== 0) return d < 0 ? -1 : 1
    } else if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Compares two EVRs: epoch, then version, then release. */
export function compareEvr(a: string, b: string): number {
  const split = (evr: string): [number, string, string] => {
    const m = /^(?:([0-9]+):)?(.*?)(?:-([^-]*))?$/.exec(evr)
    return [Number(m?.[1] ?? 0), m?.[2] ?? '', m?.[3] ?? '']
  }
  const [ea, va, ra] = split(a)
  const [eb, vb, rb] = split(b)
  if (ea !== eb) return ea < eb ? -1 : 1
  return rpmvercmp(va, vb) || rpmvercmp(ra, rb)
}

/**
 * rpm-ostree's package diff between two releases, FULL_MULTILINE format (rpmostree-util.cxx,
 * rpmostree_diff_print_formatted): Upgraded, Downgraded, Removed, Added, names sorted.
 */
export function packageDiff(from: Rpm[], to: Rpm[]): string {
  const byName = (list: Rpm[]): Map<string, Rpm> => new Map(list.map((p) => [p.name, p]))
  const a = byName(from)
  const b = byName(to)
  const names = [...new Set([...a.keys(), ...b.keys()])].sort()
  const upgraded: string[] = []
  const downgraded: string[] = []
  const removed: string[] = []
  const added: string[] = []
  for (const name of names) {
    const x = a.get(name)
    const y = b.get(name)
    if (x !== undefined && y !== undefined) {
      const c = compareEvr(x.evr, y.evr)
      if (c < 0) upgraded.push(`  ${name} ${x.evr} -> ${y.evr}\n`)
      else if (c > 0) downgraded.push(`  ${name} ${x.evr} -> ${y.evr}\n`)
    } else if (x !== undefined) removed.push(`  ${nevra(x)}\n`)
    else if (y !== undefined) added.push(`  ${nevra(y)}\n`)
  }
  let out = ''
  if (upgraded.length > 0) out += `Upgraded:\n${upgraded.join('')}`
  if (downgraded.length > 0) out += `Downgraded:\n${downgraded.join('')}`
  if (removed.length > 0) out += `Removed:\n${removed.join('')}`
  if (added.length > 0) out += `Added:\n${added.join('')}`
  return out
}
