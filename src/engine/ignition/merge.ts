/**
 * The configs a CoreOS initramfs merges under the user's, and the merge itself.
 *
 * Ignition reads "base" configs from /usr/lib/ignition/base.d (and base.platform.d/<platform>) and
 * applies `Merge(base, Merge(systemBase, user))` (coreos/ignition internal/exec/engine.go). On
 * FCOS 39 (fedora-coreos-config at 4408116c):
 * - `00-core.ign` (overlay.d/05core/.../40ignition-conf, shared by FCOS and RHCOS): the `core`
 *   user, gecos "CoreOS Admin", groups adm, sudo, systemd-journal, wheel. So `core` exists on
 *   every machine because Ignition creates it, with a config or without;
 * - `30-afterburn-sshkeys-core.ign` (overlay.d/15fcos/.../50ignition-conf-fcos, FCOS only): enables
 *   afterburn-sshkeys@core.service, which writes cloud SSH keys to
 *   ~core/.ssh/authorized_keys.d/afterburn.
 *
 * Merge rules (config/merge/merge.go): a value the child sets replaces the parent's; lists keyed by
 * name or path merge entry by entry, and the child's new entries come after the parent's; files,
 * directories and links share one key, the path; lists of strings merge as sets.
 */
import type { ProfileId } from '../types'
import { emptyIgnitionConfig, parseIgnition } from './parse'
import type { IgnitionConfig } from './types'

export const BASE_CONFIGS: Record<ProfileId, { path: string; text: string }[]> = {
  fcos: [
    { path: '/usr/lib/ignition/base.d/00-core.ign', text: coreIgn() },
    {
      path: '/usr/lib/ignition/base.d/30-afterburn-sshkeys-core.ign',
      text: JSON.stringify(
        {
          ignition: { version: '3.0.0' },
          systemd: { units: [{ enabled: true, name: 'afterburn-sshkeys@core.service' }] },
        },
        null,
        2,
      ),
    },
  ],
  rhcos: [{ path: '/usr/lib/ignition/base.d/00-core.ign', text: coreIgn() }],
}

function coreIgn(): string {
  return JSON.stringify(
    {
      ignition: { version: '3.0.0' },
      passwd: {
        users: [
          {
            name: 'core',
            gecos: 'CoreOS Admin',
            groups: ['adm', 'sudo', 'systemd-journal', 'wheel'],
          },
        ],
      },
    },
    null,
    2,
  )
}

/**
 * The config Ignition applies on a profile: its base configs, then the user's on top. With no
 * user config, Ignition uses an empty one, so the result is the base configs alone.
 * @example
 * withBaseConfigs('fcos', parseIgnition(EXAMPLE_IGNITION).config!).passwd.users[0].gecos // 'CoreOS Admin'
 */
export function withBaseConfigs(profile: ProfileId, user: IgnitionConfig | null): IgnitionConfig {
  let merged: IgnitionConfig | null = null
  for (const base of BASE_CONFIGS[profile]) {
    const parsed = parseIgnition(base.text).config
    if (parsed === null) continue
    merged = merged === null ? parsed : mergeConfigs(merged, parsed)
  }
  if (merged === null) return user ?? emptyIgnitionConfig()
  return user === null ? merged : mergeConfigs(merged, user)
}

/** Ignition's `Merge(parent, child)`. */
export function mergeConfigs(parent: IgnitionConfig, child: IgnitionConfig): IgnitionConfig {
  const nodes = mergeNodes(parent.storage, child.storage)
  return {
    version: child.version,
    kernelArguments: mergeKargs(parent.kernelArguments, child.kernelArguments),
    storage: {
      disks: byKey(parent.storage.disks, child.storage.disks, (d) => d.device, over),
      raid: byKey(parent.storage.raid, child.storage.raid, (r) => r.name, over),
      filesystems: byKey(
        parent.storage.filesystems,
        child.storage.filesystems,
        (f) => f.device,
        over,
      ),
      luks: byKey(parent.storage.luks, child.storage.luks, (l) => l.name, over),
      ...nodes,
    },
    passwd: {
      users: byKey(
        parent.passwd.users,
        child.passwd.users,
        (u) => u.name,
        (p, c) => ({
          ...over(p, c),
          groups: strings(p.groups, c.groups),
          sshAuthorizedKeys: strings(p.sshAuthorizedKeys, c.sshAuthorizedKeys),
        }),
      ),
      groups: byKey(parent.passwd.groups, child.passwd.groups, (g) => g.name, over),
    },
    systemd: {
      units: byKey(
        parent.systemd.units,
        child.systemd.units,
        (u) => u.name,
        (p, c) => ({
          ...over(p, c),
          dropins: byKey(p.dropins, c.dropins, (d) => d.name, over),
        }),
      ),
    },
  }
}

/** Struct merge: the child's set (non-null) fields win; lists are merged by the caller. */
function over<T extends object>(parent: T, child: T): T {
  const out = { ...parent } as Record<string, unknown>
  for (const [k, v] of Object.entries(child) as [string, unknown][]) {
    if (v === null) continue
    if (Array.isArray(v)) {
      const p = out[k]
      out[k] = Array.isArray(p) ? [...p, ...v.filter((x: unknown) => !p.includes(x))] : v
    } else out[k] = v
  }
  return out as T
}

function byKey<T>(parent: T[], child: T[], key: (t: T) => string, merge: (p: T, c: T) => T): T[] {
  const out = [...parent]
  for (const c of child) {
    const i = out.findIndex((p) => key(p) === key(c))
    if (i === -1) out.push(c)
    else out[i] = merge(out[i] as T, c)
  }
  return out
}

function strings(parent: string[], child: string[]): string[] {
  return [...parent, ...child.filter((c) => !parent.includes(c))]
}

/** shouldExist and shouldNotExist are one keyed list: moving an argument drops it from the other. */
function mergeKargs(
  parent: IgnitionConfig['kernelArguments'],
  child: IgnitionConfig['kernelArguments'],
): IgnitionConfig['kernelArguments'] {
  return {
    shouldExist: strings(
      parent.shouldExist.filter((a) => !child.shouldNotExist.includes(a)),
      child.shouldExist,
    ),
    shouldNotExist: strings(
      parent.shouldNotExist.filter((a) => !child.shouldExist.includes(a)),
      child.shouldNotExist,
    ),
  }
}

/** Files, directories and links keyed by path together: a child entry in another list replaces the parent's. */
function mergeNodes(
  parent: IgnitionConfig['storage'],
  child: IgnitionConfig['storage'],
): Pick<IgnitionConfig['storage'], 'files' | 'directories' | 'links'> {
  const childPaths = (list: 'files' | 'directories' | 'links'): Set<string> =>
    new Set(child[list].map((n) => n.path))
  const others = (list: 'files' | 'directories' | 'links'): Set<string> => {
    const lists = (['files', 'directories', 'links'] as const).filter((l) => l !== list)
    return new Set(lists.flatMap((l) => [...childPaths(l)]))
  }
  return {
    files: byKey(
      parent.files.filter((f) => !others('files').has(f.path)),
      child.files,
      (f) => f.path,
      (p, c) => ({ ...over(p, c), append: [...p.append, ...c.append] }),
    ),
    directories: byKey(
      parent.directories.filter((d) => !others('directories').has(d.path)),
      child.directories,
      (d) => d.path,
      over,
    ),
    links: byKey(
      parent.links.filter((l) => !others('links').has(l.path)),
      child.links,
      (l) => l.path,
      over,
    ),
  }
}
