/**
 * The RPM database of a release.
 *
 * Fedora CoreOS: the full list of each release of the catalogue, from its real lockfiles
 * (../releases/fcosRpms.ts, 431 to 438 packages).
 * RHEL CoreOS: no public lockfile exists for the article's 4.8 builds. The catalogue names about
 * fifteen packages per release (../releases/rhcos.ts) and the list below adds the subpackages that
 * come from the same source RPM, so share its version: the kernel and glibc subpackages the
 * article's `rpm -qa | grep kernel` and `| grep glibc` show. Everything else of the article's RHCOS
 * (503 packages) is not listed: the list is a true subset.
 */
import { fcosRpms, type Rpm } from '../releases/rpms'
import { RHCOS_SPEC } from '../releases/rhcos'
import type { ProfileId } from '../types'

export type { Rpm }

/**
 * RHCOS subpackages per named package, in the order the article's `rpm -qa` lists them. The
 * article (RHCOS 48.84.202108062347-0): kernel-core, kernel-modules, kernel-modules-extra,
 * kernel; glibc-common, glibc-all-langpacks, glibc. Others: the named package alone.
 */
const RHCOS_SUBPACKAGES: Record<string, [string, string][]> = {
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
}

/** The packages of the release with this version, or null when the catalogue does not have it. */
export function packagesOf(profile: ProfileId, version: string): readonly Rpm[] | null {
  if (profile === 'fcos') return fcosRpms(version)
  const release = RHCOS_SPEC.releases.find((r) => r.version === version)
  if (release === undefined) return null
  const out: Rpm[] = []
  for (const [name, evr] of Object.entries(release.packages)) {
    // The catalogue writes the kernel with its architecture (`4.18.0-305.el8.x86_64`).
    const clean = name === 'kernel' ? evr.replace(/\.x86_64$/, '') : evr
    const subs = RHCOS_SUBPACKAGES[name] ?? [[name, 'x86_64']]
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
export function packageDiff(from: readonly Rpm[], to: readonly Rpm[]): string {
  const byName = (list: readonly Rpm[]): Map<string, Rpm> => new Map(list.map((p) => [p.name, p]))
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
