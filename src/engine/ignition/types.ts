/**
 * The shapes of Ignition in the simulator: the validated config, the problems found in a config,
 * and the actions the files stage performs. All plain JSON.
 *
 * A field Ignition keeps as a Go pointer (set or not set) is `null` here when the config leaves it
 * out, because merging configs (a base config under the user's) replaces only the fields the child
 * sets (coreos/ignition config/merge/merge.go, rule 3c).
 */
import type { Errno } from '../fs'
import type { Message } from '../types'

/** The spec versions Ignition 2.16 (FCOS 39) accepts as stable. */
export type SpecVersion = '3.0.0' | '3.1.0' | '3.2.0' | '3.3.0' | '3.4.0'

/**
 * - `error`: Ignition rejects the config, and the first boot stops in the emergency shell;
 * - `unsupported`: Ignition accepts it, but the simulator does not model that part (network
 *   sources, gzip, disks, LUKS...): it is checked, reported, and not applied;
 * - `warning`: Ignition accepts it, either with a warning of its own (an unused key) or with a
 *   failure to come in the files stage that the simulator can already see (a file under /usr).
 */
export type ProblemKind = 'error' | 'unsupported' | 'warning'

export interface IgnitionProblem {
  /** Where, as a JSON path: `$`, `$.storage.files[2].mode`, `$.passwd.users[0].name`. */
  path: string
  kind: ProblemKind
  /** A key under `ignition.problem.` and its parameters. */
  message: Message
}

/** Who owns a node: an id, a name looked up in the target's passwd or group, or the default. */
export type IgnitionOwner = { id: number } | { name: string } | null

export interface IgnitionContents {
  /** The URL as written: `data:,...`, `https://...`, or '' for an empty file. */
  source: string
  /** The bytes as text, or null when the simulator cannot read them (a remote URL, gzip). */
  text: string | null
  /** The number of bytes (null with `text`). */
  size: number | null
  compression: 'gzip' | null
  /** `sha256-<hex>` or `sha512-<hex>`. */
  verification: string | null
}

interface NodeBase {
  path: string
  user: IgnitionOwner
  group: IgnitionOwner
  /** Remove whatever is at `path` first. Ignition's default is false. */
  overwrite: boolean | null
}

export interface IgnitionFile extends NodeBase {
  /** Permission bits, given in JSON as a decimal integer: 420 is 0644. */
  mode: number | null
  contents: IgnitionContents | null
  append: IgnitionContents[]
}

export interface IgnitionDirectory extends NodeBase {
  mode: number | null
}

export interface IgnitionLink extends NodeBase {
  target: string | null
  hard: boolean | null
}

export interface IgnitionUser {
  name: string
  uid: number | null
  gecos: string | null
  /** Supplementary groups. */
  groups: string[]
  homeDir: string | null
  noCreateHome: boolean | null
  noUserGroup: boolean | null
  noLogInit: boolean | null
  passwordHash: string | null
  primaryGroup: string | null
  sshAuthorizedKeys: string[]
  shell: string | null
  system: boolean | null
  /** false: delete the user if it exists (spec 3.2.0+). */
  shouldExist: boolean | null
}

export interface IgnitionGroup {
  name: string
  gid: number | null
  passwordHash: string | null
  system: boolean | null
  shouldExist: boolean | null
}

export interface IgnitionDropin {
  name: string
  contents: string | null
}

export interface IgnitionUnit {
  name: string
  enabled: boolean | null
  mask: boolean | null
  contents: string | null
  dropins: IgnitionDropin[]
}

/** Disks, RAID, filesystems and LUKS: validated and kept, not applied by the simulator. */
export interface IgnitionPartition {
  number: number
  label: string | null
  sizeMiB: number | null
  startMiB: number | null
  typeGuid: string | null
  guid: string | null
  wipePartitionEntry: boolean | null
  shouldExist: boolean | null
  resize: boolean | null
}

export interface IgnitionDisk {
  device: string
  wipeTable: boolean | null
  partitions: IgnitionPartition[]
}

export interface IgnitionRaid {
  name: string
  level: string | null
  devices: string[]
  spares: number | null
  options: string[]
}

export interface IgnitionFilesystem {
  device: string
  format: string | null
  path: string | null
  label: string | null
  uuid: string | null
  wipeFilesystem: boolean | null
  options: string[]
  mountOptions: string[]
}

export interface IgnitionLuks {
  name: string
  device: string | null
  label: string | null
  uuid: string | null
  wipeVolume: boolean | null
  discard: boolean | null
  options: string[]
  openOptions: string[]
  /** The key file's source URL. */
  keyFile: string | null
  clevis: {
    tpm2: boolean | null
    threshold: number | null
    tang: { url: string; thumbprint: string | null; advertisement: string | null }[]
    custom: { pin: string | null; config: string | null; needsNetwork: boolean | null } | null
  } | null
}

/** A validated config, in the shape of its spec version's fields (kernelArguments is 3.3.0+). */
export interface IgnitionConfig {
  version: SpecVersion
  kernelArguments: { shouldExist: string[]; shouldNotExist: string[] }
  storage: {
    disks: IgnitionDisk[]
    raid: IgnitionRaid[]
    filesystems: IgnitionFilesystem[]
    luks: IgnitionLuks[]
    files: IgnitionFile[]
    directories: IgnitionDirectory[]
    links: IgnitionLink[]
  }
  passwd: { users: IgnitionUser[]; groups: IgnitionGroup[] }
  systemd: { units: IgnitionUnit[] }
}

/** Where the files stage writes: the deployment folder and the stateroot's var, in the root filesystem. */
export interface IgnitionTarget {
  /** e.g. `/ostree/deploy/fedora-coreos/deploy/<checksum>.0`. */
  deployment: string
  /** e.g. `/ostree/deploy/fedora-coreos/var`: what ignition-ostree-mount-var binds on /sysroot/var. */
  var: string
}

/**
 * One thing the files stage did, as plain JSON. `path` is the path as the booted system sees it
 * (after symlinks, so `/home/core` is `/var/home/core`); `fsPath` is where it is in the root
 * filesystem, or, with `fs`, in that filesystem (one the mount stage mounted, `vdb1`).
 */
export type IgnitionAction =
  | { type: 'var/created'; path: string; fsPath: string; fs?: string; mode: number }
  | { type: 'group/created'; name: string; gid: number }
  | { type: 'group/deleted'; name: string }
  | { type: 'user/created'; name: string; uid: number; gid: number; home: string }
  | { type: 'user/modified'; name: string; fields: string[] }
  | { type: 'user/deleted'; name: string }
  | { type: 'home/created'; user: string; path: string; fsPath: string; fs?: string; mode: number }
  | {
      type: 'ssh/keysWritten'
      user: string
      path: string
      fsPath: string
      fs?: string
      count: number
    }
  | { type: 'path/removed'; path: string; fsPath: string; fs?: string }
  | { type: 'directory/created'; path: string; fsPath: string; fs?: string; mode: number }
  | {
      type: 'file/written'
      path: string
      fsPath: string
      fs?: string
      mode: number
      uid: number
      gid: number
      size: number
    }
  | { type: 'file/appended'; path: string; fsPath: string; fs?: string; size: number }
  | { type: 'file/skipped'; path: string; reason: 'remote' | 'gzip' }
  | {
      type: 'attrs/set'
      path: string
      fsPath: string
      fs?: string
      mode: number
      uid: number
      gid: number
    }
  | {
      type: 'link/created'
      path: string
      fsPath: string
      fs?: string
      target: string
      hard: boolean
    }
  | { type: 'unit/written'; name: string; path: string; fsPath: string; fs?: string }
  | {
      type: 'dropin/written'
      unit: string
      name: string
      path: string
      fsPath: string
      fs?: string
    }
  | { type: 'unit/masked'; name: string; path: string; fsPath: string; fs?: string }
  | { type: 'unit/unmasked'; name: string; path: string; fsPath: string; fs?: string }
  | { type: 'unit/enabled'; name: string }
  | { type: 'unit/disabled'; name: string; removed: string[] }
  | { type: 'preset/written'; path: string; fsPath: string; fs?: string; lines: string[] }
  | { type: 'result/written'; path: string; fsPath: string; fs?: string }
  | {
      type: 'stage/failed'
      stage: 'files'
      /** The config path of the entry that failed, e.g. `$.storage.files[0]`. */
      at: string
      errno: Errno | null
      /** What Ignition logs, as the journal shows it (system output, not translated). */
      log: string
      message: Message
    }
