/**
 * Every event a step can carry: a fact in the past tense, `'domain/happened'`, with the data a
 * panel needs to draw it. `MachineEvent` is their union, so a reader that has checked `type` reads
 * the other fields as the engine wrote them.
 */
import type { CheckoutStats, ListItem } from './deploy'
import type { EtcDiff, MergeOutcome } from './etcMerge'
import type { IgnitionStage } from './firstboot'
import type { GrubSearch } from './grub'
import type { IgnitionAction, IgnitionProblem } from './ignition/types'
import type { StorageAction } from './ignition/storage'
import type { EtcEdit } from './ops'
import type { ObjectType } from './repo'
import type { Deployment } from './sysroot'
import type { DeploymentId, Ino, Message, Mount } from './types'

/** `/boot/loader` names `loader.0` or `loader.1`. */
type Bootversion = 0 | 1

// ---------------------------------------------------------------------------------------------
// Installing the image

/** The image's partition table was written to the disk. */
export interface DiskPartitioned {
  type: 'disk/partitioned'
  /** The GPT names, in order. */
  partitions: string[]
}

/** The image's filesystems were made: `<label> <fstype>` each. */
export interface DiskFormatted {
  type: 'disk/formatted'
  filesystems: string[]
}

/** `ostree admin init-fs`: the empty sysroot and its repo. */
export interface SysrootInitialized {
  type: 'sysroot/initialized'
}

/** `ostree admin os-init`: a stateroot's deploy/ and shared var/. */
export interface StaterootCreated {
  type: 'stateroot/created'
  stateroot: string
}

/** The image's commit was written into the repo. */
export interface RepoObjectsWritten {
  type: 'repo/objectsWritten'
  commit: string
  fetched: Record<ObjectType, number>
  present: number
  bytes: number
  total: number
}

/** The image is complete: the disk is ready for its first boot. */
export interface InstallFinished {
  type: 'install/finished'
  version: string
}

// ---------------------------------------------------------------------------------------------
// Deploying

/** A commit was checked out as hard links into a new deployment folder. */
export interface DeploymentCheckedOut extends CheckoutStats {
  type: 'deployment/checkedOut'
  deployment: DeploymentId
}

/** The stateroot's /var was relabeled for SELinux, once, and stamped. */
export interface VarRelabeled {
  type: 'var/relabeled'
  stateroot: string
  printed: string
}

/** /usr/etc was copied to the new deployment's etc. */
export interface DeploymentEtcCopied {
  type: 'deployment/etcCopied'
  deployment: DeploymentId
  files: number
}

/** The deployment's `.origin` file was written. */
export interface DeploymentOriginWritten {
  type: 'deployment/originWritten'
  deployment: DeploymentId
  text: string
}

/** The three-way /etc merge into the new deployment's etc succeeded. */
export interface EtcMerged {
  type: 'etc/merged'
  deployment: DeploymentId
  merge: DeploymentId
  diff: EtcDiff
  outcomes: MergeOutcome[]
  printed: string
}

/** The deployment folder got its immutable bit. */
export interface DeploymentSealed {
  type: 'deployment/sealed'
  deployment: DeploymentId
}

/** The bootloader files of a bootversion are written, before the swap that makes them count. */
export interface BootloaderSynced {
  type: 'bootloader/synced'
  bootversion: Bootversion
}

/** The inactive `loader.N/entries` was emptied, to be written afresh. */
export interface BootloaderEntriesCleared {
  type: 'bootloader/entriesCleared'
  bootversion: Bootversion
}

/** A BLS entry was written into the inactive `loader.N`, with its kernel when it was new. */
export interface BootloaderEntryWritten {
  type: 'bootloader/entryWritten'
  bootversion: Bootversion
  index: number
  name: string
  text: string
  deployment: ListItem
  kernelCopied: boolean
}

/** A new `/ostree/boot.B.S` tree of bootlinks was made. */
export interface BootloaderBootlinksCreated {
  type: 'bootloader/bootlinksCreated'
  /** `boot.B.S`. */
  dir: string
}

/** `/ostree/boot.B` was pointed at the new bootlinks. */
export interface BootloaderBootlinksSwapped {
  type: 'bootloader/bootlinksSwapped'
  link: string
  target: string
  /** The transaction's message, when only the bootlinks changed. */
  printed?: string
}

/** `/boot/loader.tmp` was made, naming the new `loader.N`. */
export interface BootloaderLoaderTmpCreated {
  type: 'bootloader/loaderTmpCreated'
  target: string
}

/** `loader.tmp` was renamed over `/boot/loader`: the new deployment list counts from now. */
export interface BootloaderLoaderSwapped {
  type: 'bootloader/loaderSwapped'
  from: string
  to: string
  printed: string
}

/** Cleanup removed the other bootversion's loader and bootlinks. */
export interface CleanupBootversionRemoved {
  type: 'cleanup/bootversionRemoved'
  bootversion: Bootversion
}

/** Cleanup removed a deployment folder no entry names. */
export interface CleanupDeploymentRemoved {
  type: 'cleanup/deploymentRemoved'
  deployment: DeploymentId
}

/** Cleanup removed a kernel folder from /boot that no deployment uses. */
export interface CleanupKernelRemoved {
  type: 'cleanup/kernelRemoved'
  dir: string
}

/** The `ostree/B/S/N` refs that keep the deployments' commits from prune were rewritten. */
export interface RepoDeploymentRefsWritten {
  type: 'repo/deploymentRefsWritten'
  refs: string[]
}

/** Prune deleted the objects nothing reaches (possibly none). */
export interface RepoPruned {
  type: 'repo/pruned'
  objects: number
  bytes: number
}

// ---------------------------------------------------------------------------------------------
// Updates

/** The platform was handed an Ignition config (0 bytes: it was taken away). */
export interface IgnitionProvided {
  type: 'ignition/provided'
  bytes: number
}

/** The remote published its next release. */
export interface RemotePublished {
  type: 'remote/published'
  version: string
  commit: string
}

/** A pull of the remote's newest commit began. */
export interface PullStarted {
  type: 'pull/started'
  remote: string
  commit: string
  version: string
}

/** The objects of a commit that the repo lacked were fetched. */
export interface PullObjectsFetched {
  type: 'pull/objectsFetched'
  commit: string
  fetched: Record<ObjectType, number>
  present: number
  bytes: number
  total: number
}

/** The remote ref was moved to the pulled commit. */
export interface PullRefUpdated {
  type: 'pull/refUpdated'
  ref: string
  commit: string
}

/** A staged deployment was dropped from /run before finalization. */
export interface DeploymentUnstaged {
  type: 'deployment/unstaged'
  deployment: DeploymentId
}

/** A deployment was staged, to be finalized at shutdown. */
export interface DeploymentStaged {
  type: 'deployment/staged'
  deployment: DeploymentId
  locked: boolean
  kargs: string[]
}

/** `rpm-ostree kargs` changed the kernel arguments, to be staged on `base`'s commit. */
export interface KargsChanged {
  type: 'kargs/changed'
  base: DeploymentId
  kargs: string[]
  change: string
}

// ---------------------------------------------------------------------------------------------
// Shutdown and power

/** `systemctl reboot` or `poweroff` began stopping the system. */
export interface ShutdownStarted {
  type: 'shutdown/started'
  reboot: boolean
}

/** ostree-finalize-staged found no staged deployment. */
export interface FinalizeNothingStaged {
  type: 'finalize/nothingStaged'
}

/** ostree-finalize-staged left a locked staged deployment alone. */
export interface FinalizeLocked {
  type: 'finalize/locked'
  deployment: DeploymentId
}

/** ostree-finalize-staged took the staged deployment to finalize it. */
export interface FinalizeStarted {
  type: 'finalize/started'
  deployment: DeploymentId
}

/** Finalization stopped on the /etc merge; the old list stays. */
export interface FinalizeFailed {
  type: 'finalize/failed'
  message: string
  deployment: DeploymentId
  merge: DeploymentId
}

/** The machine went off after a shutdown. */
export interface PowerOff {
  type: 'power/off'
}

/** The plug was pulled: what was on disk stays, /run is lost. */
export interface PowerLost {
  type: 'power/lost'
  stagedLost: DeploymentId | null
  /** What the disk will boot next: the first entry of the active loader. */
  nextBoot: Deployment | null
  loader: string
}

// ---------------------------------------------------------------------------------------------
// Administration

/** `rpm-ostree rollback` moved a deployment to the top of the list. */
export interface RollbackStarted {
  type: 'rollback/started'
  deployment: Deployment
  printed: string
}

/** `ostree admin pin` found the deployment already as asked. */
export interface DeploymentPinUnchanged {
  type: 'deployment/pinUnchanged'
  index: number
  printed: string
}

/** `ostree admin pin` pinned a deployment. */
export interface DeploymentPinned {
  type: 'deployment/pinned'
  deployment: Deployment
  index: number
  printed: string
}

/** `ostree admin pin --unpin` unpinned a deployment. */
export interface DeploymentUnpinned {
  type: 'deployment/unpinned'
  deployment: Deployment
  index: number
  printed: string
}

/** `ostree admin undeploy` removed a deployment from the list. */
export interface DeploymentUndeployed {
  type: 'deployment/undeployed'
  deployment: Deployment
  printed: string
}

/** `rpm-ostree cleanup` found nothing to remove. */
export interface CleanupUnchanged {
  type: 'cleanup/unchanged'
  printed: string
}

/** A change was made to a deployment's /etc (`path` relative to /etc). */
export interface EtcEdited {
  type: 'etc/edited'
  edit: EtcEdit
  deployment: DeploymentId
}

/** A command was refused or failed; nothing changed. */
export interface CommandFailed {
  type: 'command/failed'
  command: string
  message: string
  exitCode: number
  /** What a failed /etc merge had printed before the error. */
  printed?: string
}

/** The platform attached a blank disk. */
export interface DiskAttached {
  type: 'disk/attached'
  /** The kernel's name: `vdb`. */
  disk: string
  size: number
}

// ---------------------------------------------------------------------------------------------
// Boot

/** The machine was powered on. */
export interface PowerOn {
  type: 'power/on'
}

/** GRUB found no entry to boot (or not the one picked); the boot stops. */
export interface GrubNoEntry {
  type: 'grub/noEntry'
  entries: number
}

/** GRUB's `search` found the boot filesystem. */
export interface GrubBootFound {
  type: 'grub/bootFound'
  by: GrubSearch['by']
  value: string
  drive: string
  device: string | null
}

/** GRUB's `load_env` read grubenv (or found none). */
export interface GrubEnvLoaded {
  type: 'grub/envLoaded'
  path: string
  variables: Record<string, string>
  found: boolean
}

/** GRUB looked for `/boot/ignition.firstboot`. */
export interface GrubFirstbootChecked {
  type: 'grub/firstbootChecked'
  firstboot: boolean
  /** What `$ignition_firstboot` expands to. */
  value: string
}

/** GRUB showed its menu and booted entry `selected`. */
export interface GrubMenuShown {
  type: 'grub/menu'
  entries: { name: string; title: string }[]
  selected: number
  firstboot: boolean
}

/** The kernel started with this command line. */
export interface KernelStarted {
  type: 'kernel/started'
  cmdline: string
}

/** The kargs stage changed the kernel arguments, and the machine rebooted. */
export interface IgnitionRebooted {
  type: 'ignition/rebooted'
}

/** A filesystem was mounted (by the initramfs, systemd, or a mount unit of /etc). */
export interface MountMounted {
  type: 'mount/mounted'
  target: string
  /** Key into `Machine.filesystems`. */
  source: string
  readOnly?: Mount['readOnly']
  unit?: string
}

/** The boot stopped in emergency mode. */
export interface BootFailed {
  type: 'boot/failed'
  reason: string
  /** The mount unit that local-fs.target required. */
  unit?: string
}

/** ostree-prepare-root resolved the `ostree=` argument to a deployment. */
export interface PrepareRootResolved {
  type: 'prepareRoot/resolved'
  deployment: DeploymentId
  path: string
}

/** A bind mount was made. */
export interface MountBound {
  type: 'mount/bound'
  target: string
  subtree: string
  readOnly: Mount['readOnly']
}

/** Every mount at or under `from` was moved to `to`. */
export interface MountMoved {
  type: 'mount/moved'
  from: string
  to: string
}

/** A mount was remounted. */
export interface MountRemounted {
  type: 'mount/remounted'
  target: string
  readOnly: Mount['readOnly']
}

/** coreos-boot-edit pinned the root and boot filesystems by UUID in the BLS entries. */
export interface BootEntriesPinned {
  type: 'boot/entriesPinned'
  kargs: string[]
}

/** switch-root made /sysroot `/`. */
export interface BootSwitchedRoot {
  type: 'boot/switchedRoot'
}

/** systemd applied the presets on the first boot. */
export interface SystemdPresetsApplied {
  type: 'systemd/presetsApplied'
  units: string[]
  links: string[]
}

/** A unit ran. */
export interface UnitRan {
  type: 'unit/ran'
  unit: string
  /** systemd-tmpfiles: how many /var folders it made. */
  created?: number
}

/** coreos-ignition-firstboot-complete removed the first-boot flag. */
export interface IgnitionFirstbootCompleted {
  type: 'ignition/firstbootCompleted'
}

/** The boot reached multi-user.target. */
export interface BootFinished {
  type: 'boot/finished'
  deployment: DeploymentId
}

/** ostree-boot-complete failed with the error of the finalization that failed at the last shutdown. */
export interface BootCompleteFailed {
  type: 'unit/failed'
  unit: 'ostree-boot-complete.service'
  message: string
}

/** A mount unit of /etc failed; `required`: local-fs.target needs it. */
export interface MountUnitFailed {
  type: 'unit/failed'
  unit: string
  reason: string
  required: boolean
}

/** A unit of this boot failed. */
export type UnitFailed = BootCompleteFailed | MountUnitFailed

/** systemd refused a mount unit whose `Where=` does not match its name. */
export interface UnitRefused {
  type: 'unit/refused'
  unit: string
  where: string
}

/** A mount unit was skipped: its device is one the simulator did not make. */
export interface UnitNotSimulated {
  type: 'unit/notSimulated'
  unit: string
  what: string
}

// ---------------------------------------------------------------------------------------------
// Ignition

/** An Ignition stage failed; the boot stops. */
export interface IgnitionFailed {
  type: 'ignition/failed'
  stage: IgnitionStage
  reason: string
  problems: IgnitionProblem[]
}

/** fetch-offline read the config (or found none). */
export interface IgnitionFetchOfflineStage {
  type: 'ignition/stage'
  stage: 'fetch-offline'
  provided: boolean
}

/** fetch was skipped: no network needed. */
export interface IgnitionFetchStage {
  type: 'ignition/stage'
  stage: 'fetch'
  skipped: true
}

/** kargs compared the kernel arguments with the config's (a change reboots the machine). */
export interface IgnitionKargsStage {
  type: 'ignition/stage'
  stage: 'kargs'
  add: string[]
  remove: string[]
}

/** disks partitioned and formatted the extra disks (or all it did before failing). */
export interface IgnitionDisksStage {
  type: 'ignition/stage'
  stage: 'disks'
  /** How many entries of disks, raid, filesystems and luks the config has. */
  sections: number
  actions: StorageAction[]
  messages: Message[]
}

/** mount mounted the config's filesystems under /sysroot (or those before failing). */
export interface IgnitionMountStage {
  type: 'ignition/stage'
  stage: 'mount'
  mounted: string[]
  messages: Message[]
}

/** files wrote the config's files, users and units (or all it did before failing). */
export interface IgnitionFilesStage {
  type: 'ignition/stage'
  stage: 'files'
  actions: IgnitionAction[]
  messages: Message[]
}

/** umount unmounted what the mount stage mounted. */
export interface IgnitionUmountStage {
  type: 'ignition/stage'
  stage: 'umount'
  unmounted: string[]
  messages: Message[]
}

/** An Ignition stage ran; `stage` says which, and what it reports. */
export type IgnitionStageRan =
  | IgnitionFetchOfflineStage
  | IgnitionFetchStage
  | IgnitionKargsStage
  | IgnitionDisksStage
  | IgnitionMountStage
  | IgnitionFilesStage
  | IgnitionUmountStage

// ---------------------------------------------------------------------------------------------
// The shell's own changes (outside /etc, which `etc/edited` reports)

/** A directory was made. */
export interface DirectoryCreated {
  type: 'directory/created'
  path: string
  mode: number
}

/** A symbolic link was made. */
export interface SymlinkCreated {
  type: 'symlink/created'
  path: string
  target: string
}

/** A file's permission bits were changed. */
export interface FileModeChanged {
  type: 'file/modeChanged'
  path: string
  mode: number
}

/** `path` became a second name (a hard link) of `source`. */
export interface FileLinked {
  type: 'file/linked'
  path: string
  source: string
  ino: Ino
}

/** A file's time was updated. */
export interface FileTouched {
  type: 'file/touched'
  path: string
}

/** A file was written, made, or appended to. */
export interface FileWritten {
  type: 'file/written'
  path: string
  bytes: number
  created: boolean
  append: boolean
}

/** A name was removed, with everything under it (`entries` names in all). */
export interface FileRemoved {
  type: 'file/removed'
  path: string
  entries: number
}

/** What happened in one step. */
export type MachineEvent =
  | DiskPartitioned
  | DiskFormatted
  | SysrootInitialized
  | StaterootCreated
  | RepoObjectsWritten
  | InstallFinished
  | DeploymentCheckedOut
  | VarRelabeled
  | DeploymentEtcCopied
  | DeploymentOriginWritten
  | EtcMerged
  | DeploymentSealed
  | BootloaderSynced
  | BootloaderEntriesCleared
  | BootloaderEntryWritten
  | BootloaderBootlinksCreated
  | BootloaderBootlinksSwapped
  | BootloaderLoaderTmpCreated
  | BootloaderLoaderSwapped
  | CleanupBootversionRemoved
  | CleanupDeploymentRemoved
  | CleanupKernelRemoved
  | RepoDeploymentRefsWritten
  | RepoPruned
  | IgnitionProvided
  | RemotePublished
  | PullStarted
  | PullObjectsFetched
  | PullRefUpdated
  | DeploymentUnstaged
  | DeploymentStaged
  | KargsChanged
  | ShutdownStarted
  | FinalizeNothingStaged
  | FinalizeLocked
  | FinalizeStarted
  | FinalizeFailed
  | PowerOff
  | PowerLost
  | RollbackStarted
  | DeploymentPinUnchanged
  | DeploymentPinned
  | DeploymentUnpinned
  | DeploymentUndeployed
  | CleanupUnchanged
  | EtcEdited
  | CommandFailed
  | DiskAttached
  | PowerOn
  | GrubNoEntry
  | GrubBootFound
  | GrubEnvLoaded
  | GrubFirstbootChecked
  | GrubMenuShown
  | KernelStarted
  | IgnitionRebooted
  | MountMounted
  | BootFailed
  | PrepareRootResolved
  | MountBound
  | MountMoved
  | MountRemounted
  | BootEntriesPinned
  | BootSwitchedRoot
  | SystemdPresetsApplied
  | UnitRan
  | IgnitionFirstbootCompleted
  | BootFinished
  | UnitFailed
  | UnitRefused
  | UnitNotSimulated
  | IgnitionFailed
  | IgnitionStageRan
  | DirectoryCreated
  | SymlinkCreated
  | FileModeChanged
  | FileLinked
  | FileTouched
  | FileWritten
  | FileRemoved

/**
 * The event of type `T`.
 * @example const menu: EventOf<'grub/menu'> = { type: 'grub/menu', entries: [], selected: 0, firstboot: false }
 */
export type EventOf<T extends MachineEvent['type']> = Extract<MachineEvent, { type: T }>

/**
 * The events of `type` among `steps`, in order.
 * @example eventsOf(steps, 'repo/pruned').reduce((sum, e) => sum + e.bytes, 0) // bytes freed
 */
export function eventsOf<T extends MachineEvent['type']>(
  steps: readonly { event: MachineEvent }[],
  type: T,
): EventOf<T>[] {
  return steps.map((s) => s.event).filter((e): e is EventOf<T> => e.type === type)
}

/** Every event type once; an event missing here, or one that is not in the union, fails to compile. */
const EVENT_TYPE_SET = {
  'disk/partitioned': true,
  'disk/formatted': true,
  'sysroot/initialized': true,
  'stateroot/created': true,
  'repo/objectsWritten': true,
  'install/finished': true,
  'deployment/checkedOut': true,
  'var/relabeled': true,
  'deployment/etcCopied': true,
  'deployment/originWritten': true,
  'etc/merged': true,
  'deployment/sealed': true,
  'bootloader/synced': true,
  'bootloader/entriesCleared': true,
  'bootloader/entryWritten': true,
  'bootloader/bootlinksCreated': true,
  'bootloader/bootlinksSwapped': true,
  'bootloader/loaderTmpCreated': true,
  'bootloader/loaderSwapped': true,
  'cleanup/bootversionRemoved': true,
  'cleanup/deploymentRemoved': true,
  'cleanup/kernelRemoved': true,
  'repo/deploymentRefsWritten': true,
  'repo/pruned': true,
  'ignition/provided': true,
  'remote/published': true,
  'pull/started': true,
  'pull/objectsFetched': true,
  'pull/refUpdated': true,
  'deployment/unstaged': true,
  'deployment/staged': true,
  'kargs/changed': true,
  'shutdown/started': true,
  'finalize/nothingStaged': true,
  'finalize/locked': true,
  'finalize/started': true,
  'finalize/failed': true,
  'power/off': true,
  'power/lost': true,
  'rollback/started': true,
  'deployment/pinUnchanged': true,
  'deployment/pinned': true,
  'deployment/unpinned': true,
  'deployment/undeployed': true,
  'cleanup/unchanged': true,
  'etc/edited': true,
  'command/failed': true,
  'disk/attached': true,
  'power/on': true,
  'grub/noEntry': true,
  'grub/bootFound': true,
  'grub/envLoaded': true,
  'grub/firstbootChecked': true,
  'grub/menu': true,
  'kernel/started': true,
  'ignition/rebooted': true,
  'mount/mounted': true,
  'boot/failed': true,
  'prepareRoot/resolved': true,
  'mount/bound': true,
  'mount/moved': true,
  'mount/remounted': true,
  'boot/entriesPinned': true,
  'boot/switchedRoot': true,
  'systemd/presetsApplied': true,
  'unit/ran': true,
  'ignition/firstbootCompleted': true,
  'boot/finished': true,
  'unit/failed': true,
  'unit/refused': true,
  'unit/notSimulated': true,
  'ignition/failed': true,
  'ignition/stage': true,
  'directory/created': true,
  'symlink/created': true,
  'file/modeChanged': true,
  'file/linked': true,
  'file/touched': true,
  'file/written': true,
  'file/removed': true,
} as const satisfies Record<MachineEvent['type'], true>

/**
 * The type of every event the engine emits, in the order events.ts declares them.
 * @example EVENT_TYPES.includes('grub/menu') // true
 */
export const EVENT_TYPES = Object.keys(EVENT_TYPE_SET) as readonly MachineEvent['type'][]
