/**
 * systemd units of the booted system that the boot acts on: the first boot's `preset-all`, which
 * turns Ignition's `enable` presets into enablement links, and the `.mount` units those links pull
 * in, which systemd mounts on every boot.
 *
 * - systemd presets are applied on the first boot only (Ignition docs/getting-started.md: "Presets
 *   are only evaluated on first boot"): PID 1 runs preset-all when /etc/machine-id is not set up
 *   yet, as on a fresh FCOS image. The vendor presets under /usr/lib/systemd/system-preset were
 *   already applied when the image was composed (its /etc holds their links), so the ones that
 *   change anything are those in /etc/systemd/system-preset, where Ignition writes.
 * - systemd.preset(5): files are read in lexical order of their names; the first line that matches
 *   a unit decides; `enable` makes the links of its [Install] section (WantedBy= in X.wants,
 *   RequiredBy= in X.requires), to the unit file's path.
 * - systemd.mount(5): Where= must match the unit name ("Where= setting doesn't match unit name.
 *   Refusing."); What= may be a device path or LABEL=/UUID=...; a device dependency waits up to
 *   90 s; a unit required by local-fs.target that fails stops the boot in emergency mode, one that
 *   is only wanted fails alone.
 */
import { pathUnit } from './disks'
import { lookupPath, readDir, readText, type FsDraft } from './fs'
import type { Filesystem } from './types'

/** A unit file's settings: section, then key, then every value the key was given, in order. */
export type UnitKeys = Map<string, Map<string, string[]>>

/** Reads `Key=Value` lines by section; comments and continuation lines as systemd reads them. */
export function unitKeys(text: string): UnitKeys {
  const out: UnitKeys = new Map()
  let section: Map<string, string[]> | null = null
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').replace(/\r$/, '').trim()
    while (line.endsWith('\\') && i + 1 < lines.length)
      line = line.slice(0, -1) + ' ' + (lines[++i] ?? '').trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const header = /^\[([^\]]+)\]$/.exec(line)
    if (header !== null) {
      const name = header[1] as string
      section = out.get(name) ?? new Map<string, string[]>()
      out.set(name, section)
      continue
    }
    const eq = line.indexOf('=')
    if (section === null || eq <= 0) continue
    const key = line.slice(0, eq).trim()
    section.set(key, [...(section.get(key) ?? []), line.slice(eq + 1).trim()])
  }
  return out
}

/** The last value of a key (systemd's rule for single-valued settings), or undefined. */
export function unitValue(keys: UnitKeys, section: string, key: string): string | undefined {
  return keys.get(section)?.get(key)?.at(-1)
}

/** Every word of a list-valued key (WantedBy=a b, RequiredBy=...). */
function unitWords(keys: UnitKeys, section: string, key: string): string[] {
  return (keys.get(section)?.get(key) ?? []).flatMap((v) => v.split(/\s+/).filter((w) => w !== ''))
}

const UNIT_DIRS = ['/etc/systemd/system', '/usr/lib/systemd/system'] as const

/** A deployment's unit file by name (its template's for an instance), with the path systemd uses. */
function unitFile(
  root: Filesystem,
  deployment: string,
  unit: string,
): { path: string; text: string } | null {
  const template = unit.replace(/@[^.]+(\.[a-z]+)$/, '@$1')
  for (const name of unit === template ? [unit] : [unit, template])
    for (const dir of UNIT_DIRS) {
      const text = readText(root, `${deployment}${dir}/${name}`)
      if (text !== null) return { path: `${dir}/${name}`, text }
    }
  return null
}

/** One enablement link preset-all makes: its path in the deployment's /etc, and its target. */
export interface PresetLink {
  unit: string
  /** `/etc/systemd/system/local-fs.target.requires/var-data.mount`. */
  path: string
  target: string
}

/**
 * `systemctl preset-all` on the first boot, as far as the presets under /etc go: the links to
 * make for each unit an `enable` line names (and that is not enabled already).
 */
export function presetLinks(root: Filesystem, deployment: string): PresetLink[] {
  const dir = `${deployment}/etc/systemd/system-preset`
  const files = readDir(root, dir)
    .filter(([name, , inode]) => name.endsWith('.preset') && inode.kind === 'file')
    .map(([name]) => name)
    .sort()
  const decided = new Set<string>()
  const links: PresetLink[] = []
  for (const name of files)
    for (const raw of (readText(root, `${dir}/${name}`) ?? '').split('\n')) {
      const words = raw.trim().split(/\s+/)
      const [verb, pattern, ...instances] = words
      if (pattern === undefined || (verb !== 'enable' && verb !== 'disable')) continue
      const units =
        instances.length > 0 && pattern.includes('@.')
          ? instances.map((i) => pattern.replace('@.', `@${i}.`))
          : [pattern]
      for (const unit of units) {
        if (decided.has(unit) || unit.includes('*')) continue
        decided.add(unit)
        if (verb !== 'enable') continue
        const file = unitFile(root, deployment, unit)
        if (file === null) continue
        const keys = unitKeys(file.text)
        const wants = [
          ...unitWords(keys, 'Install', 'WantedBy').map((t) => `${t}.wants`),
          ...unitWords(keys, 'Install', 'RequiredBy').map((t) => `${t}.requires`),
        ]
        for (const folder of wants) {
          const path = `/etc/systemd/system/${folder}/${unit}`
          if (lookupPath(root, `${deployment}${path}`) !== null) continue
          links.push({ unit, path, target: file.path })
        }
      }
    }
  return links
}

/** Makes the links of `presetLinks` in the root filesystem's draft; returns the paths made there. */
export function applyPresetLinks(
  draft: FsDraft,
  deployment: string,
  links: readonly PresetLink[],
  mtime: number,
): string[] {
  const made: string[] = []
  for (const link of links) {
    const at = `${deployment}${link.path}`
    if (draft.exists(at)) continue
    draft.mkdirp(at.slice(0, at.lastIndexOf('/')), { mtime })
    draft.symlink(at, link.target, { mtime })
    made.push(at)
  }
  return made
}

/** An enabled `.mount` unit, as its file describes it. */
export interface MountUnit {
  unit: string
  description: string
  what: string
  where: string
  type: string | null
  options: string[]
  /** Pulled in by a `.requires` link (RequiredBy=): its failure fails the target, not just itself. */
  required: boolean
  /** Where= does not match the unit's name: systemd refuses to load it. */
  refused: boolean
}

/** The `.mount` units the deployment's /etc enables, in name order. */
export function enabledMounts(root: Filesystem, deployment: string): MountUnit[] {
  const base = `${deployment}/etc/systemd/system`
  const required = new Map<string, boolean>()
  for (const [folder, , inode] of readDir(root, base, false)) {
    const kind = /\.(wants|requires)$/.exec(folder)?.[1]
    if (kind === undefined || inode.kind !== 'dir') continue
    for (const [unit] of readDir(root, `${base}/${folder}`, false))
      if (unit.endsWith('.mount'))
        required.set(unit, (required.get(unit) ?? false) || kind === 'requires')
  }
  const out: MountUnit[] = []
  for (const unit of [...required.keys()].sort()) {
    const file = unitFile(root, deployment, unit)
    if (file === null) continue
    const keys = unitKeys(file.text)
    const where = unitValue(keys, 'Mount', 'Where') ?? ''
    out.push({
      unit,
      description: unitValue(keys, 'Unit', 'Description') ?? where,
      what: unitValue(keys, 'Mount', 'What') ?? '',
      where,
      type: unitValue(keys, 'Mount', 'Type') ?? null,
      options: (unitValue(keys, 'Mount', 'Options') ?? '').split(',').filter((o) => o !== ''),
      required: required.get(unit) === true,
      refused: where === '' || pathUnit(where, 'mount') !== unit,
    })
  }
  return out
}
