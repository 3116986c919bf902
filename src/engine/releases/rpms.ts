/**
 * The RPM lists of the Fedora CoreOS releases, decoded from fcosRpms.ts (the real lockfiles).
 */
import { FCOS_RPMS } from './fcosRpms'

export interface Rpm {
  name: string
  /** `[epoch:]version-release`, as rpm-ostree prints it in diffs. */
  evr: string
  arch: string
}

const decoded = new Map<string, readonly Rpm[]>()

/** Decodes every release once: each one is the one before it with its changed lines applied. */
function decodeAll(): void {
  const current = new Map<string, string>()
  for (const { version, rpms } of FCOS_RPMS) {
    for (const line of rpms.split('\n')) {
      if (line.startsWith('-')) current.delete(line.slice(1))
      else {
        const space = line.indexOf(' ')
        current.set(line.slice(0, space), line.slice(space + 1))
      }
    }
    const list: Rpm[] = []
    for (const [name, evra] of [...current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const dot = evra.lastIndexOf('.')
      list.push({ name, evr: evra.slice(0, dot), arch: evra.slice(dot + 1) })
    }
    decoded.set(version, Object.freeze(list))
  }
}

/**
 * Every package of a Fedora CoreOS release, sorted by name, or null for a version the catalogue
 * does not have.
 * @example fcosRpms('39.20231101.3.0')?.length // 431
 */
export function fcosRpms(version: string): readonly Rpm[] | null {
  if (decoded.size === 0) decodeAll()
  return decoded.get(version) ?? null
}
