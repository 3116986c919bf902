/**
 * CoreOS Explorer's engine: a pure model of a Fedora CoreOS / RHEL CoreOS machine as libostree sees
 * it. Every operation takes a `Machine` and returns the `Step`s it takes; every query reads a machine.
 */
export type * from './types'
export type { Release, Profile, TreeEntry } from './releases/types'
export type { DeploymentInfo } from './status'
export type { Deployment, StagedState } from './sysroot'
export type { EtcDiff, MergeOutcome, MergeRule } from './etcMerge'
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
 */
export {
  listDeployments,
  ostreeAdminStatus,
  rpmOstreeStatus,
  configDiff,
  configDiffOf,
  isoTime,
} from './status'
export { grubMenu } from './boot'
export { findmnt, locate, writeRefusal } from './vfs'
export { checkInvariants } from './invariants'
export {
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
export { deployPath, deploymentName, readBootversion, readStaged } from './sysroot'
export { remoteOf } from './remote'
export { PROFILES, releasesOf } from './releases'

/**
 * Ignition: validate a config before the first boot, and the example the site offers.
 * @example
 * parseIgnition('{"ignition":{"version":"3.4.0"}}') // { config: {...}, problems: [] }
 */
export { parseIgnition, EXAMPLE_IGNITION, actionMessage } from './ignition'
export type { IgnitionProblem, IgnitionAction, IgnitionConfig } from './ignition'

/**
 * The shell: a command line in, text out, and the engine steps the command caused.
 * @example
 * const result = runCommand(machine, initialShell(), 'ls -li /bin/ls')
 * result.output // '1234 -rwxr-xr-x. 2 root root 143368 Jan  1  1970 /bin/ls'
 */
export type { ShellState, ShellResult } from './shell'
export { runCommand, initialShell, promptOf, complete, MAX_OUTPUT, SHELL_CAPTIONS } from './shell'
