/**
 * The keys of each object of an Ignition config, and the spec version each appeared in. Read from
 * coreos/ignition `config/v3_{0..4}/types/schema.go` at tag v2.16.2 (the Ignition of FCOS 39):
 * - 3.1.0 added `ignition.proxy`, `httpHeaders` on every resource, `compression` on config and CA
 *   references (3.0.0 had separate `ConfigReference`/`CaReference` types without it), and
 *   `storage.filesystems[].mountOptions`;
 * - 3.2.0 added `storage.luks` (with `clevis`, `tang`), `partitions[].resize`, and `shouldExist` on
 *   users and groups;
 * - 3.3.0 added `kernelArguments`;
 * - 3.4.0 added `luks[].discard`, `luks[].openOptions` and `tang[].advertisement`.
 */

/** The minor number of a 3.x spec version. */
export type Minor = 0 | 1 | 2 | 3 | 4

export type ObjectType =
  | 'Config'
  | 'Ignition'
  | 'IgnitionConfig'
  | 'Security'
  | 'TLS'
  | 'Timeouts'
  | 'Proxy'
  | 'Resource'
  | 'ConfigRef'
  | 'HTTPHeader'
  | 'Verification'
  | 'KernelArguments'
  | 'Passwd'
  | 'PasswdUser'
  | 'PasswdGroup'
  | 'Storage'
  | 'Disk'
  | 'Partition'
  | 'Filesystem'
  | 'Raid'
  | 'Luks'
  | 'Clevis'
  | 'ClevisCustom'
  | 'Tang'
  | 'File'
  | 'Directory'
  | 'Link'
  | 'NodeOwner'
  | 'Systemd'
  | 'Unit'
  | 'Dropin'

/** Each key of an object type, with the minor version it appeared in. */
const NODE = { path: 0, user: 0, group: 0, overwrite: 0 } as const
const RESOURCE = { source: 0, compression: 0, verification: 0, httpHeaders: 1 } as const

export const SCHEMA: Record<ObjectType, Record<string, Minor>> = {
  Config: { ignition: 0, passwd: 0, storage: 0, systemd: 0, kernelArguments: 3 },
  Ignition: { version: 0, config: 0, security: 0, timeouts: 0, proxy: 1 },
  IgnitionConfig: { merge: 0, replace: 0 },
  Security: { tls: 0 },
  TLS: { certificateAuthorities: 0 },
  Timeouts: { httpResponseHeaders: 0, httpTotal: 0 },
  Proxy: { httpProxy: 1, httpsProxy: 1, noProxy: 1 },
  Resource: RESOURCE,
  // 3.0.0 ConfigReference / CaReference: source and verification only.
  ConfigRef: { ...RESOURCE, compression: 1 },
  HTTPHeader: { name: 1, value: 1 },
  Verification: { hash: 0 },
  KernelArguments: { shouldExist: 3, shouldNotExist: 3 },
  Passwd: { users: 0, groups: 0 },
  PasswdUser: {
    name: 0,
    uid: 0,
    gecos: 0,
    groups: 0,
    homeDir: 0,
    noCreateHome: 0,
    noLogInit: 0,
    noUserGroup: 0,
    passwordHash: 0,
    primaryGroup: 0,
    sshAuthorizedKeys: 0,
    shell: 0,
    system: 0,
    shouldExist: 2,
  },
  PasswdGroup: { name: 0, gid: 0, passwordHash: 0, system: 0, shouldExist: 2 },
  Storage: {
    disks: 0,
    raid: 0,
    filesystems: 0,
    files: 0,
    directories: 0,
    links: 0,
    luks: 2,
  },
  Disk: { device: 0, partitions: 0, wipeTable: 0 },
  Partition: {
    number: 0,
    label: 0,
    guid: 0,
    typeGuid: 0,
    sizeMiB: 0,
    startMiB: 0,
    shouldExist: 0,
    wipePartitionEntry: 0,
    resize: 2,
  },
  Filesystem: {
    device: 0,
    format: 0,
    label: 0,
    options: 0,
    path: 0,
    uuid: 0,
    wipeFilesystem: 0,
    mountOptions: 1,
  },
  Raid: { name: 0, level: 0, devices: 0, spares: 0, options: 0 },
  Luks: {
    name: 2,
    device: 2,
    keyFile: 2,
    label: 2,
    options: 2,
    uuid: 2,
    wipeVolume: 2,
    clevis: 2,
    discard: 4,
    openOptions: 4,
  },
  Clevis: { custom: 2, tang: 2, threshold: 2, tpm2: 2 },
  ClevisCustom: { config: 2, needsNetwork: 2, pin: 2 },
  Tang: { url: 2, thumbprint: 2, advertisement: 4 },
  File: { ...NODE, contents: 0, append: 0, mode: 0 },
  Directory: { ...NODE, mode: 0 },
  Link: { ...NODE, target: 0, hard: 0 },
  NodeOwner: { id: 0, name: 0 },
  Systemd: { units: 0 },
  Unit: { name: 0, enabled: 0, mask: 0, contents: 0, dropins: 0 },
  Dropin: { name: 0, contents: 0 },
}
