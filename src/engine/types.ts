/**
 * The shapes of the machine model. Everything here is plain JSON: no Map, Set, class instance or
 * function, so any machine or step survives `JSON.parse(JSON.stringify(x))` unchanged.
 */
import type { MachineEvent } from './events'

/** An inode number, unique within one filesystem. */
export type Ino = number

interface InodeBase {
  uid: number
  gid: number
  /** Permission bits only (e.g. 0o755, 0o1777); the file type is `kind`. */
  mode: number
  /** Seconds since the epoch. Files checked out of a bare repo have 0 (reference 2.3). */
  mtime: number
  /** `chattr +i`: set on a finished deployment's root directory (reference 2.5). */
  immutable?: true
}

export interface FileInode extends InodeBase {
  kind: 'file'
  /** Hard links: the names that point at this inode. Checked against a recount by `checkInvariants`. */
  nlink: number
  size: number
  /**
   * The bytes. Small text files (os-release, /etc defaults, BLS entries) hold their real text; the
   * bulk of a release holds a stand-in such as `blob:<hex>` whose length need not equal `size`.
   */
  data: string
}

export interface DirInode extends InodeBase {
  kind: 'dir'
  /** Name to inode. Read it with `entryOf` (a name may be `__proto__`). */
  entries: Record<string, Ino>
}

export interface SymlinkInode extends InodeBase {
  kind: 'symlink'
  nlink: number
  target: string
}

export type Inode = FileInode | DirInode | SymlinkInode

export type FsType = 'xfs' | 'ext4' | 'vfat' | 'tmpfs'

/**
 * One filesystem with its own inode table. The table is split in chunks so that a change copies one
 * chunk, and a new machine shares every other chunk with the one before it.
 */
export interface Filesystem {
  label: string
  /** The filesystem UUID mkfs gave it, as `blkid` prints it; absent for tmpfs. */
  uuid?: string
  fstype: FsType
  /** The first inode number of the table (xfs numbers its root 128, ext4 uses 2). */
  firstIno: Ino
  rootIno: Ino
  nextIno: Ino
  /** `chunks[i][j]` is inode `firstIno + i * CHUNK + j`, or null when free. */
  chunks: (Inode | null)[][]
}

export type ProfileId = 'fcos' | 'rhcos'

/** A partition of the machine's disk (reference 1.1), or of an extra disk. */
export interface Partition {
  number: number
  /** The GPT partition name (udev's /dev/disk/by-partlabel/<label>). */
  label: string
  /** Bytes. */
  size: number
  /** Key into `Machine.filesystems`, or null for a raw partition (BIOS-BOOT) or a blank one. */
  filesystem: string | null
  /** Offset from the start of the disk, in bytes (known for partitions sgdisk made here). */
  start?: number
  /** The GPT partition type GUID, upper case as sgdisk prints it. */
  typeGuid?: string
  /** The partition's unique GUID (udev's /dev/disk/by-partuuid/<guid>). */
  guid?: string
}

/**
 * A disk the platform attaches besides the one the image is written to (`/dev/vda`): on QEMU, a
 * second `-drive if=virtio` is `/dev/vdb`. It starts blank; Ignition's disks stage may give it a
 * GPT with partitions and filesystems.
 */
export interface Disk {
  /** The kernel's name: `vdb` is `/dev/vdb`, its partitions `/dev/vdb1`... */
  name: string
  /** Bytes, a whole number of 512-byte sectors. */
  size: number
  /** The GPT's disk GUID once sgdisk wrote one; null: no partition table. */
  gpt: string | null
  partitions: Partition[]
  /** A filesystem made on the whole disk (mkfs on /dev/vdb itself): a key into `filesystems`. */
  filesystem: string | null
}

/** A line of the mount table (what `findmnt` prints), in the order the mounts were made. */
export interface Mount {
  id: number
  target: string
  /** Key into `Machine.filesystems`, or `'tmpfs:run'`-style keys for runtime filesystems. */
  filesystem: string
  /** The subtree of a bind mount, as findmnt shows it in brackets; '/' for a whole filesystem. */
  subtree: string
  fstype: FsType | 'proc' | 'sysfs' | 'devtmpfs'
  options: string[]
  readOnly: boolean
}

/** Which deployment, by its directory name `<checksum>.<serial>` in a stateroot. */
export interface DeploymentId {
  stateroot: string
  checksum: string
  serial: number
}

/** What exists only while the machine runs; lost with power (reference 3.3: /run is a tmpfs). */
export interface Runtime {
  /** Where the boot has got to. */
  phase: 'firmware' | 'bootloader' | 'initramfs' | 'running' | 'shutdown'
  /** The deployment `/` comes from, once ostree-prepare-root has resolved it. */
  booted: DeploymentId | null
  /** The kernel command line, as /proc/cmdline shows it. */
  cmdline: string
  mounts: Mount[]
  nextMountId: number
  /** Units that ran this boot, in order, with their result. */
  units: { name: string; result: 'success' | 'failed' | 'skipped' }[]
  /** Journal lines of this boot, `unit: message`. */
  journal: JournalLine[]
}

/** A journal line: the unit it concerns, and who wrote it (systemd's own lines about the unit). */
export interface JournalLine {
  unit: string
  message: string
  /** `systemd`: systemd wrote it about `unit` (`Failed with result ...`); absent: the unit did. */
  by?: 'systemd'
}

/**
 * A boot that ended, as the persistent journal (/var/log/journal) keeps it: what
 * `journalctl -b -1` prints and rpm-ostree reads to report a failed finalization.
 */
export interface PastBoot {
  /** Seconds since the epoch when it started, and when the machine went off. */
  start: number
  end: number
  units: Runtime['units']
  journal: JournalLine[]
}

/** Where the remote stands: how many of the catalogue's releases it has published. */
export interface RemoteState {
  name: string
  url: string
  /** Index into the catalogue of the newest release the remote serves. */
  published: number
}

export interface Machine {
  /** Schema version of this JSON, for saved links and state. */
  version: 1
  profile: ProfileId
  /** Bulk files per release: about 20,000 at real scale, a few hundred in tests. */
  scale: number
  /** Seconds since the epoch; every operation advances it. The only clock the engine has. */
  clock: number
  power: 'on' | 'off'
  /** The partitions of the disk the image is written to (`/dev/vda`). */
  partitions: Partition[]
  /** Extra disks (`/dev/vdb`...), in the order the platform attached them; absent: none. */
  disks?: Disk[]
  /**
   * Devices a real first boot would have made that the simulator did not (a filesystem on a new
   * partition of the boot disk, on RAID or on LUKS), as the Ignition config names them: a later
   * boot reports a mount of one as not simulated instead of waiting for it.
   */
  unsimulatedDevices?: string[]
  /** Persistent filesystems by key: 'root' (xfs, /sysroot), 'boot' (ext4), 'efi' (vfat). */
  filesystems: Record<string, Filesystem>
  /** Runtime filesystems by key (for example 'run', the tmpfs on /run); empty when off. */
  volatile: Record<string, Filesystem>
  runtime: Runtime | null
  remote: RemoteState
  /**
   * What the platform hands the machine at boot: the Ignition config text (on QEMU, through
   * fw_cfg), or null for none. Ignition reads it on the first boot only (reference 5.6).
   */
  provider: { ignition: string | null }
  /** The boot before this one (absent: none has ended yet). */
  previousBoot?: PastBoot
}

/** Translatable text: a key of src/i18n/en.json under `step.` and its parameters. Never prose. */
export interface Message {
  key: string
  params?: Record<string, string | number>
}

/** What a step did: a union discriminated by `type` (events.ts lists every one). */
export type { MachineEvent, EventOf } from './events'
export { EVENT_TYPES } from './events'

/** One visible step of an operation: what happened, how to say it, and the machine after it. */
export interface Step {
  event: MachineEvent
  caption: Message
  /** Paths this step created, changed or removed, as `fsKey:/path` (`root:/ostree/repo/config`). */
  touched: string[]
  machine: Machine
}
