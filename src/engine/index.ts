/**
 * CoreOS Explorer's engine: a pure model of a Fedora CoreOS / RHEL CoreOS machine as libostree sees
 * it. Every operation takes a `Machine` and returns the `Step`s it takes; every query reads a machine.
 */
export type * from './types'
export type * from './events'
export { EVENT_TYPES, eventsOf } from './events'
export type { Release, Profile, TreeEntry } from './releases/types'
export type { DeploymentInfo, LoaderDir, LoaderState } from './status'
export type { BootEntry, Deployment, StagedState } from './sysroot'
export type { EtcDiff, MergeOutcome, MergeRule } from './etcMerge'
export type { EtcMergePreview } from './etcPreview'
export type { EtcEdit } from './ops'

/**
 * Operations.
 * @example
 * const install = installImage({ profile: 'fcos', scale: 300 })
 * const booted = boot(install.at(-1)!.machine)
 * const published = publishRelease(booted.at(-1)!.machine)
 * const staged = upgrade(published.at(-1)!.machine) // pull + stage: three deployments listed
 */
export {
  blankMachine,
  installImage,
  installing,
  boot,
  publishRelease,
  pull,
  upgrade,
  deploy,
  shutdown,
  reboot,
  powerLoss,
  rollback,
  pin,
  undeploy,
  cleanupDeployments,
  prune,
  editEtc,
  provideIgnition,
} from './ops'

/**
 * Queries.
 * @example
 * listDeployments(machine).find((d) => d.booted)?.version // '39.20231101.3.0'
 * ostreeAdminStatus(machine) // '* fedora-coreos 9f2c….0\n    Version: 39.20231101.3.0\n…'
 * loaderState(machine)?.loader // 'loader.1'
 */
export {
  listDeployments,
  ostreeAdminStatus,
  rpmOstreeStatus,
  configDiff,
  configDiffOf,
  isoTime,
  loaderState,
} from './status'
export { grubMenu } from './grub'
/**
 * The /etc merge a staged deployment will get at shutdown, computed on the machine as it is now.
 * @example previewEtcMerge(m, staged.merge, staged.target)?.error // null, or 'During /etc merge: …'
 */
export { previewEtcMerge } from './etcPreview'
export { findmnt, locate, writeRefusal } from './vfs'
/**
 * Disks: the boot disk and the extra ones the platform attaches, their partitions and devices.
 * @example
 * const attached = attachDisk(machine, 10 * 1024 ** 3).at(-1)!.machine // /dev/vdb, blank
 * blockDevices(attached).map((d) => d.path) // ['/dev/vda', '/dev/vda1', …, '/dev/vdb']
 */
export {
  allDisks,
  attachDisk,
  blockDevices,
  BOOT_DISK,
  deviceOfFilesystem,
  MAX_EXTRA_DISKS,
} from './disks'
export type { BlockDevice } from './disks'
export { checkInvariants } from './invariants'
export {
  CHUNK,
  lookupPath,
  readDir,
  readText,
  readLink,
  inodeOf,
  inoAt,
  linkCount,
  walkTree,
  resolve,
} from './fs'
export {
  deployPath,
  deploymentName,
  readBootversion,
  readStaged,
  sameDeployment,
  versionOf,
} from './sysroot'
/**
 * Hard links: the folders a checkout made, listed or not, and the repo object each file names.
 * @example
 * deploymentDirs(root, 'fedora-coreos') // [{ stateroot: 'fedora-coreos', checksum: '9f2c…', serial: 0 }]
 * objectPath(contentChecksumAt(root, d.checksum, '/usr/bin/ls')!, 'file') // '/ostree/repo/objects/3f/a9….file'
 */
export { deploymentDirs } from './sysroot'
export { contentChecksumAt, objectPath } from './repo'
export { remoteOf } from './remote'
export { PROFILES, releasesOf } from './releases'

/**
 * Ignition: validate a config before the first boot, and the example the site offers.
 * @example
 * parseIgnition('{"ignition":{"version":"3.4.0"}}') // { config: {...}, problems: [] }
 */
export {
  parseIgnition,
  EXAMPLE_IGNITION,
  EXAMPLE_IGNITION_DATA_DISK,
  actionMessage,
} from './ignition'
export type { IgnitionProblem, IgnitionAction, IgnitionConfig } from './ignition'

/**
 * The shell: a command line in, text out, and the engine steps the command caused.
 * @example
 * const result = runCommand(machine, initialShell(), 'ls -li /bin/ls')
 * result.output // '1234 -rwxr-xr-x. 2 root root 143368 Jan  1  1970 /bin/ls'
 */
export type { ShellNotice, ShellState, ShellResult } from './shell'
export {
  runCommand,
  initialShell,
  promptOf,
  shellDown,
  complete,
  MAX_OUTPUT,
  SHELL_CAPTIONS,
  SHELL_NOTICES,
} from './shell'
