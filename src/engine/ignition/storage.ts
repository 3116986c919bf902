/**
 * Ignition's disks stage, and what its mount and umount stages mount, on the machine's extra
 * disks. Learned from coreos/ignition at v2.16.2:
 * - internal/exec/stages/disks/disks.go: partitions, then RAID, then LUKS, then filesystems, each
 *   first waiting for every device it names (internal/systemd/systemd.go `WaitOnDevices`: a start
 *   job on the device unit, which systemd times out after 90 s, DefaultDeviceTimeoutSec);
 * - disks/partitions.go and internal/sgdisk/sgdisk.go: `wipeTable` zaps the table first; number-0
 *   partitions go last; unspecified start and size take the existing partition's, explicit zeros
 *   are resolved with `sgdisk --pretend`; the matrix of docs/operator-notes.md "Partition Reuse
 *   Semantics" decides to keep, create, delete, resize or fail; deletions run before creations;
 * - disks/filesystems.go: an existing filesystem of the right type, label and UUID is kept unless
 *   `wipeFilesystem`; another one fails the stage; else `wipefs -a` and mkfs (`-L`, `-U`/`-m uuid=`);
 * - stages/mount/mount.go and umount/umount.go: filesystems with a `path` are mounted at
 *   /sysroot/<path>, shallowest first, after checking the path holds no symlink, and unmounted
 *   deepest first.
 * sgdisk's geometry (gptfdisk): 512-byte sectors, partitions aligned on 2048 sectors, the backup
 * table in the last 33 sectors; a start of 0 is the first sector of the largest free block, a size
 * of 0 runs to that block's end; the default type is 8300, Linux filesystem data.
 *
 * Not modelled, and reported as such: RAID, LUKS, btrfs and swap, and anything on the boot disk
 * (adding partitions next to root, reprovisioning the root filesystem).
 */
import {
  BOOT_DISK,
  blockDevices,
  devicePath,
  extraDisks,
  guidOf,
  pathUnit,
  resolveDevice,
  SECTOR,
  type BlockDevice,
} from '../disks'
import { emptyFilesystem, FsDraft } from '../fs'
import type { Disk, Filesystem, FsType, Machine, Message, Partition } from '../types'
import type { IgnitionConfig, IgnitionFilesystem, IgnitionPartition } from './types'

/** sgdisk aligns partition starts on 2048 sectors (1 MiB). */
const ALIGN = 2048
/** The primary GPT: protective MBR, header and 32 sectors of entries. */
const FIRST_USABLE = 34
/** The backup GPT at the end: 32 sectors of entries and a header. */
const BACKUP = 33
const MIB_SECTORS = (1024 * 1024) / SECTOR
/** sgdisk's default type code 8300, "Linux filesystem". */
export const LINUX_FILESYSTEM = '0FC63DAF-8483-4772-8E79-3D69D8477DE4'
/** How long systemd waits for a device unit (DefaultDeviceTimeoutSec), in seconds. */
export const DEVICE_TIMEOUT = 90

/** The formats the simulator makes; Ignition also takes btrfs and swap. */
const SIMULATED_FORMATS: readonly string[] = ['ext4', 'xfs', 'vfat', 'none']

/** What the disks stage did, in order; plain JSON for the step's event. */
export type StorageAction =
  | { type: 'table/wiped'; device: string }
  | {
      type: 'partition/created'
      /** The partition's device, `/dev/vdb1`. */
      device: string
      number: number
      label: string
      /** Bytes from the start of the disk. */
      start: number
      size: number
      typeGuid: string
    }
  | { type: 'partition/kept'; device: string; number: number }
  | { type: 'partition/resized'; device: string; number: number; size: number }
  | { type: 'partition/deleted'; device: string; number: number }
  | { type: 'partition/absent'; disk: string; number: number }
  | {
      type: 'filesystem/created'
      device: string
      format: string
      label: string
      uuid: string
    }
  | { type: 'filesystem/kept'; device: string; format: string }
  | { type: 'filesystem/wiped'; device: string }
  | { type: 'storage/notSimulated'; at: string; reason: NotSimulated }

/** Why an entry of `storage` is left alone. */
export type NotSimulated = 'raid' | 'luks' | 'format' | 'bootDisk' | 'virtualDevice' | 'nested'

/** A stage failure: Ignition's log line (system output), the device it concerns. */
export interface StorageFailure {
  log: string
  /** The config entry that failed, as a JSON path. */
  at: string
  message: Message
  /** Seconds the stage waited before failing (a device that never appears). */
  waited: number
  /** systemd's lines while it waited, for the journal. */
  journal: string[]
}

// ---------------------------------------------------------------------------------------------
// What is not simulated

/** Device names that stand for the boot disk on Fedora CoreOS (80-coreos-boot-disk.rules). */
function onBootDisk(device: string): boolean {
  return (
    device === `/dev/${BOOT_DISK}` ||
    new RegExp(`^/dev/${BOOT_DISK}[0-9]+$`).test(device) ||
    device.startsWith('/dev/disk/by-id/coreos-boot-disk') ||
    /^\/dev\/disk\/by-(part)?label\/(root|boot|EFI-SYSTEM|BIOS-BOOT)$/.test(device)
  )
}

/** Devices made by RAID or LUKS (md, device-mapper), which the simulator does not create. */
function virtualDevice(device: string): boolean {
  return /^\/dev\/(md|mapper|dm-)/.test(device) || device.startsWith('/dev/disk/by-id/dm-')
}

/**
 * The entries of `storage` the simulator leaves alone, by JSON path, with the reason. Shared by
 * the parser (which reports them) and the stages (which skip them): RAID and LUKS; disks and
 * filesystems on the boot disk, or on the partitions a skipped disk entry would make; devices
 * that RAID or LUKS would make; btrfs and swap.
 */
export function unsimulated(config: IgnitionConfig): Map<string, NotSimulated> {
  const out = new Map<string, NotSimulated>()
  const { disks, filesystems, raid, luks } = config.storage
  raid.forEach((_r, i) => out.set(`$.storage.raid[${i}]`, 'raid'))
  luks.forEach((_l, i) => out.set(`$.storage.luks[${i}]`, 'luks'))
  const fromSkipped = new Set<string>()
  disks.forEach((d, i) => {
    if (!onBootDisk(d.device)) return
    out.set(`$.storage.disks[${i}]`, 'bootDisk')
    for (const p of d.partitions) {
      if (p.label !== null) fromSkipped.add(`/dev/disk/by-partlabel/${p.label}`)
      if (p.guid !== null && p.guid !== '')
        fromSkipped.add(`/dev/disk/by-partuuid/${p.guid.toLowerCase()}`)
    }
  })
  filesystems.forEach((f, i) => {
    const at = `$.storage.filesystems[${i}]`
    const device = f.device.replace(
      /^(\/dev\/disk\/by-partuuid\/)(.*)$/,
      (_m, a: string, b: string) => a + b.toLowerCase(),
    )
    if (onBootDisk(f.device) || fromSkipped.has(device)) out.set(at, 'bootDisk')
    else if (virtualDevice(f.device)) out.set(at, 'virtualDevice')
    else if (f.format !== null && f.format !== '' && !SIMULATED_FORMATS.includes(f.format))
      out.set(at, 'format')
  })
  return out
}

// ---------------------------------------------------------------------------------------------
// Geometry

interface Span {
  start: number
  end: number
}

/** The free blocks of a disk's GPT, each start aligned as sgdisk aligns it. */
function freeBlocks(disk: Disk, parts: readonly Partition[]): Span[] {
  const total = disk.size / SECTOR
  const last = total - BACKUP - 1
  const used = parts
    .map((p) => ({ start: (p.start ?? 0) / SECTOR, end: ((p.start ?? 0) + p.size) / SECTOR - 1 }))
    .sort((a, b) => a.start - b.start)
  const out: Span[] = []
  let cursor = FIRST_USABLE
  for (const u of [...used, { start: last + 1, end: last + 1 }]) {
    const start = Math.ceil(cursor / ALIGN) * ALIGN
    if (start <= u.start - 1) out.push({ start, end: u.start - 1 })
    cursor = Math.max(cursor, u.end + 1)
  }
  return out
}

function largest(blocks: readonly Span[]): Span | null {
  let best: Span | null = null
  for (const b of blocks) if (best === null || b.end - b.start > best.end - best.start) best = b
  return best
}

/** One `--new` of sgdisk, in sectors; null start or size: sgdisk's default ("0"). */
interface NewPartition {
  number: number
  start: number | null
  size: number | null
  label: string | null
  typeGuid: string | null
  guid: string | null
}

/** sgdisk's message when a `--new` does not fit (gptfdisk gptcl.cc). */
class SgdiskError extends Error {}

/** Deletions, then creations, as sgdisk applies one command line. */
function sgdisk(
  disk: Disk,
  parts: readonly Partition[],
  deletions: readonly number[],
  creations: readonly NewPartition[],
  seed: string,
): Partition[] {
  let table = parts.filter((p) => !deletions.includes(p.number))
  for (const c of creations) {
    let number = c.number
    // partition number 0: the first free number
    if (number === 0) for (number = 1; table.some((p) => p.number === number);) number++
    const blocks = freeBlocks(disk, table)
    const big = largest(blocks)
    const start = c.start !== null && c.start !== 0 ? c.start : (big?.start ?? 0)
    let end: number
    if (c.size !== null && c.size !== 0) end = start + c.size - 1
    else end = big !== null && start >= big.start && start <= big.end ? big.end : -1
    const fits = blocks.some((b) => start >= b.start && end <= b.end && end >= start)
    if (!fits || table.some((p) => p.number === number))
      throw new SgdiskError(`Could not create partition ${number} from ${start} to ${end}`)
    table = [
      ...table,
      {
        number,
        label: c.label ?? '',
        size: (end - start + 1) * SECTOR,
        filesystem: null,
        start: start * SECTOR,
        typeGuid: (c.typeGuid !== null && c.typeGuid !== ''
          ? c.typeGuid
          : LINUX_FILESYSTEM
        ).toUpperCase(),
        guid: (c.guid !== null && c.guid !== ''
          ? c.guid
          : guidOf(`${seed}:${number}:${start}`)
        ).toUpperCase(),
      },
    ]
  }
  return table.sort((a, b) => a.number - b.number)
}

// ---------------------------------------------------------------------------------------------
// Partitions

const sectors = (mib: number | null): number | null => (mib === null ? null : mib * MIB_SECTORS)
const isFalse = (b: boolean | null): boolean => b === false
const isTrue = (b: boolean | null): boolean => b === true

/** partitionMatchesCommon: every given attribute but the size. */
function mismatch(existing: Partition, spec: NewPartition): string | null {
  const start = (existing.start ?? 0) / SECTOR
  if (spec.start !== null && spec.start !== start)
    return `starting sector did not match (specified ${spec.start}, got ${start})`
  if (
    spec.guid !== null &&
    spec.guid !== '' &&
    spec.guid.toLowerCase() !== existing.guid?.toLowerCase()
  )
    return `GUID did not match (specified "${spec.guid}", got "${existing.guid ?? ''}")`
  if (
    spec.typeGuid !== null &&
    spec.typeGuid !== '' &&
    spec.typeGuid.toLowerCase() !== existing.typeGuid?.toLowerCase()
  )
    return `type GUID did not match (specified "${spec.typeGuid}", got "${existing.typeGuid ?? ''}")`
  if (spec.label !== null && spec.label !== existing.label)
    return `label did not match (specified "${spec.label}", got "${existing.label}")`
  return null
}

/**
 * Partitions one disk as `partitionDisk` does. Returns the disk's new partitions and what was
 * done, or Ignition's error.
 */
export function partitionDisk(
  disk: Disk,
  spec: { wipeTable: boolean | null; partitions: readonly IgnitionPartition[] },
  seed: string,
): { disk: Disk; actions: StorageAction[] } | { error: string } {
  const device = devicePath(disk.name)
  const actions: StorageAction[] = []
  let parts = disk.partitions
  if (isTrue(spec.wipeTable)) {
    parts = []
    actions.push({ type: 'table/wiped', device })
  }
  // number 0 last, the others in the config's order (a stable sort)
  const ordered = [
    ...spec.partitions.filter((p) => p.number !== 0),
    ...spec.partitions.filter((p) => p.number === 0),
  ]
  const existing = (n: number): Partition | undefined =>
    n === 0 ? undefined : parts.find((p) => p.number === n)
  const asNew = (p: IgnitionPartition): NewPartition => ({
    number: p.number,
    start: sectors(p.startMiB),
    size: sectors(p.sizeMiB),
    label: p.label,
    typeGuid: p.typeGuid,
    guid: p.guid,
  })

  // getRealStartAndSize: what sgdisk --pretend makes of explicit zeros, if every specified
  // partition were deleted and created again
  let resolved: NewPartition[]
  try {
    const pretendDeletions: number[] = []
    const pretendCreations: NewPartition[] = []
    for (const p of ordered) {
      const n = asNew(p)
      const info = existing(p.number)
      if (info !== undefined) {
        pretendDeletions.push(p.number)
        if (n.start === null && !isTrue(p.wipePartitionEntry)) n.start = (info.start ?? 0) / SECTOR
        if (n.size === null && !isTrue(p.wipePartitionEntry)) n.size = info.size / SECTOR
      }
      if (!isFalse(p.shouldExist)) pretendCreations.push({ ...n, label: null })
    }
    const pretend = sgdisk(disk, parts, pretendDeletions, pretendCreations, seed)
    resolved = ordered.map((p) => {
      const n = asNew(p)
      const info = existing(p.number)
      if (info !== undefined && !isTrue(p.wipePartitionEntry)) {
        n.start ??= (info.start ?? 0) / SECTOR
        n.size ??= info.size / SECTOR
      }
      const inspect = p.number !== 0 && (n.start === 0 || n.size === 0)
      const dims = inspect ? pretend.find((x) => x.number === p.number) : undefined
      if (dims !== undefined) {
        if (n.start === 0) n.start = (dims.start ?? 0) / SECTOR
        if (n.size === 0) n.size = dims.size / SECTOR
      }
      return n
    })
  } catch (e) {
    if (!(e instanceof SgdiskError)) throw e
    return {
      error: `Failed to pretend to create partitions. Err: exit status 4. Stderr: ${e.message}`,
    }
  }

  // the matrix of docs/operator-notes.md
  const deletions: number[] = []
  const creations: NewPartition[] = []
  for (const [i, p] of ordered.entries()) {
    const part = resolved[i] as NewPartition
    const shouldExist = !isFalse(p.shouldExist)
    const info = existing(p.number)
    const dev = devicePath(disk.name, p.number)
    const wipe = isTrue(p.wipePartitionEntry)
    if (info === undefined) {
      if (shouldExist) creations.push(part)
      else actions.push({ type: 'partition/absent', disk: device, number: p.number })
      continue
    }
    const why =
      mismatch(info, part) ??
      (part.size !== null && part.size !== info.size / SECTOR
        ? `size did not match (specified ${part.size}, got ${info.size / SECTOR})`
        : null)
    if (!shouldExist) {
      if (!wipe)
        return {
          error: `partition ${p.number} exists but is specified as nonexistant and wipePartitionEntry is false`,
        }
      deletions.push(p.number)
      actions.push({ type: 'partition/deleted', device: dev, number: p.number })
    } else if (why === null) actions.push({ type: 'partition/kept', device: dev, number: p.number })
    else if (wipe) {
      deletions.push(p.number)
      creations.push(part)
    } else if (isTrue(p.resize) && mismatch(info, part) === null) {
      // resize: the same place, GUID, type and label, a new size
      deletions.push(p.number)
      creations.push({
        ...part,
        number: info.number,
        guid: info.guid ?? null,
        typeGuid: info.typeGuid ?? null,
        label: info.label,
        start: (info.start ?? 0) / SECTOR,
      })
    } else return { error: `Partition ${p.number} didn't match: ${why}` }
  }
  try {
    const table = sgdisk(disk, parts, deletions, creations, seed).map((p) => {
      const before = parts.find((x) => x.number === p.number)
      if (before === p) return p
      const dev = devicePath(disk.name, p.number)
      // a resized partition keeps its place, its GUID and its filesystem
      if (before !== undefined && before.start === p.start && before.guid === p.guid) {
        actions.push({ type: 'partition/resized', device: dev, number: p.number, size: p.size })
        return { ...p, filesystem: before.filesystem }
      }
      actions.push({
        type: 'partition/created',
        device: dev,
        number: p.number,
        label: p.label,
        start: p.start ?? 0,
        size: p.size,
        typeGuid: p.typeGuid ?? LINUX_FILESYSTEM,
      })
      return p
    })
    const gpt = disk.gpt !== null && !isTrue(spec.wipeTable) ? disk.gpt : guidOf(`${seed}:gpt`)
    return { disk: { ...disk, gpt: gpt.toUpperCase(), partitions: table }, actions }
  } catch (e) {
    if (!(e instanceof SgdiskError)) throw e
    return { error: `commit failure: create partitions failed: exit status 4: ${e.message}` }
  }
}

// ---------------------------------------------------------------------------------------------
// The disks stage

/** Ignition's ErrBadFilesystem (disks/filesystems.go). */
const ErrBadFilesystem = 'filesystem is not of the correct type'

/** The filesystem key of a block device: `vdb1`, or `vdb` for a whole disk. */
function keyOf(device: BlockDevice): string {
  return device.path.slice('/dev/'.length)
}

/** The machine with the filesystems of deleted or wiped partitions gone. */
function dropOrphans(m: Machine, before: Machine): Machine {
  const kept = new Set(
    blockDevices(m).flatMap((d) => (d.filesystem === null ? [] : [d.filesystem])),
  )
  const filesystems = { ...m.filesystems }
  for (const d of blockDevices(before))
    if (d.disk !== BOOT_DISK && d.filesystem !== null && !kept.has(d.filesystem))
      delete filesystems[d.filesystem]
  return { ...m, filesystems }
}

/**
 * The devices a stage waits for that never appear: Ignition asks systemd to start each one's
 * device unit, which times out (a kola log of a missing disk: "Job
 * dev-disk-by\x2did-….device/start timed out", then Ignition's "device unit … timeout").
 */
function missing(
  m: Machine,
  entries: readonly { device: string; at: string }[],
  what: 'disks' | 'filesystems',
): StorageFailure | null {
  const absent = entries.filter((e) => resolveDevice(m, e.device) === null)
  const first = absent[0]
  if (first === undefined) return null
  const journal = absent.flatMap(({ device }) => {
    const unit = pathUnit(device, 'device')
    return [
      `${unit}: Job ${unit}/start timed out.`,
      `Timed out waiting for device ${unit} - ${device}.`,
    ]
  })
  const step = what === 'disks' ? 'create partitions failed' : 'failed to create filesystems'
  return {
    log: `${step}: failed to wait on ${what} devs: device unit ${pathUnit(first.device, 'device')} timeout`,
    at: `${first.at}.device`,
    message: {
      key: 'ignition.storage.deviceTimeout',
      params: { device: first.device, seconds: DEVICE_TIMEOUT },
    },
    waited: DEVICE_TIMEOUT,
    journal,
  }
}

function mkfs(format: FsType, fs: IgnitionFilesystem, seed: string, mtime: number): Filesystem {
  // the root inode: 128 on a fresh xfs, 2 on ext4, 1 on FAT
  const firstIno = format === 'xfs' ? 128 : format === 'ext4' ? 2 : 1
  // canonicalizeFilesystemUUID: lower case; a FAT volume id is 8 hex digits, printed XXXX-XXXX
  let uuid = (fs.uuid ?? guidOf(`${seed}:${fs.device}:fs`)).toLowerCase()
  if (format === 'vfat') {
    const id = uuid.replace(/-/g, '').slice(0, 8).toUpperCase()
    uuid = `${id.slice(0, 4)}-${id.slice(4)}`
  }
  const made: Filesystem = { ...emptyFilesystem(fs.label ?? '', format, firstIno, mtime), uuid }
  if (format !== 'ext4') return made
  // mke2fs makes lost+found, 0700
  const draft = new FsDraft(made)
  draft.mkdir('/lost+found', { mode: 0o700, mtime })
  return draft.finish()
}

export interface DisksResult {
  machine: Machine
  actions: StorageAction[]
  failure: StorageFailure | null
  /** Filesystem devices the simulator skipped (not simulated), as the config names them. */
  skipped: string[]
}

/**
 * Runs the disks stage on the machine's extra disks: partitions, then filesystems. RAID and LUKS
 * entries, and entries on the boot disk, are skipped and reported.
 */
export function runDisksStage(m0: Machine, config: IgnitionConfig, mtime: number): DisksResult {
  const actions: StorageAction[] = []
  const skipped: string[] = []
  let m = m0
  const done = (failure: StorageFailure | null): DisksResult => ({
    machine: dropOrphans(m, m0),
    actions,
    failure,
    skipped,
  })
  const seed = `${mtime}`
  const storage = config.storage

  const skip = unsimulated(config)
  // createPartitions: wait for every disk, then partition each in turn
  const disks = storage.disks
    .map((d, i) => ({ d, at: `$.storage.disks[${i}]` }))
    .filter(({ at }) => {
      const why = skip.get(at)
      if (why !== undefined) actions.push({ type: 'storage/notSimulated', at, reason: why })
      return why === undefined
    })
  const waitDisks = missing(
    m,
    disks.map(({ d, at }) => ({ device: d.device, at })),
    'disks',
  )
  if (waitDisks !== null) return done(waitDisks)
  for (const { d, at } of disks) {
    const dev = resolveDevice(m, d.device) as BlockDevice
    const disk = extraDisks(m).find((x) => x.name === dev.disk)
    if (disk === undefined || dev.partition !== null) {
      // sgdisk would write a partition table inside a partition: not simulated
      actions.push({ type: 'storage/notSimulated', at, reason: 'nested' })
      continue
    }
    const result = partitionDisk(disk, d, `${seed}:${disk.name}`)
    if ('error' in result)
      return done({
        log: `create partitions failed: ${result.error}`,
        at,
        message: {
          key: 'ignition.storage.partitionFailed',
          params: { device: d.device, reason: result.error },
        },
        waited: 0,
        journal: [],
      })
    actions.push(...result.actions)
    const next = result.disk
    m = { ...m, disks: extraDisks(m).map((x) => (x.name === next.name ? next : x)) }
  }
  // createRaids, createLuks: not simulated
  for (const [at, reason] of skip)
    if (reason === 'raid' || reason === 'luks')
      actions.push({ type: 'storage/notSimulated', at, reason })

  // createFilesystems: wait for every device, then make each filesystem
  const filesystems = storage.filesystems
    .map((f, i) => ({ f, at: `$.storage.filesystems[${i}]` }))
    .filter(({ f, at }) => {
      const why = skip.get(at)
      if (why !== undefined) {
        actions.push({ type: 'storage/notSimulated', at, reason: why })
        skipped.push(f.device)
      }
      return why === undefined
    })
  const waitFs = missing(
    m,
    filesystems.map(({ f, at }) => ({ device: f.device, at })),
    'filesystems',
  )
  if (waitFs !== null) return done(waitFs)
  const errors: { at: string; device: string }[] = []
  for (const { f, at } of filesystems) {
    if (f.format === null || f.format === '') continue
    const dev = resolveDevice(m, f.device) as BlockDevice
    const current = dev.filesystem === null ? undefined : m.filesystems[dev.filesystem]
    const wanted = f.format === 'none' ? '' : f.format
    if (!isTrue(f.wipeFilesystem)) {
      const sameUuid =
        f.uuid === null ||
        current?.uuid?.replace(/-/g, '').toLowerCase() === f.uuid.replace(/-/g, '').toLowerCase()
      const type = current?.fstype ?? ''
      if (type === wanted && (f.label === null || current?.label === f.label) && sameUuid) {
        actions.push({ type: 'filesystem/kept', device: f.device, format: f.format })
        continue
      }
      if (type !== '') {
        errors.push({ at, device: f.device })
        continue
      }
    }
    // wipefs -a, then mkfs (or nothing, for format none)
    const key = keyOf(dev)
    if (current !== undefined) actions.push({ type: 'filesystem/wiped', device: f.device })
    let filesystem: string | null = null
    if (f.format !== 'none') {
      const made = mkfs(f.format as FsType, f, seed, mtime)
      m = { ...m, filesystems: { ...m.filesystems, [key]: made } }
      filesystem = key
      actions.push({
        type: 'filesystem/created',
        device: f.device,
        format: f.format,
        label: made.label,
        uuid: made.uuid ?? '',
      })
    }
    m = withFilesystem(m, dev, filesystem)
  }
  const wrong = errors[0]
  if (wrong !== undefined)
    return done({
      log: `failed to create filesystems: ${errors.map(() => ErrBadFilesystem).join('\n')}`,
      at: wrong.at,
      message: { key: 'ignition.storage.wrongFilesystem', params: { device: wrong.device } },
      waited: 0,
      journal: [],
    })
  return done(null)
}

/** The machine with `filesystem` on a device (a partition or a whole extra disk). */
function withFilesystem(m: Machine, dev: BlockDevice, filesystem: string | null): Machine {
  const disks = extraDisks(m).map((d) => {
    if (d.name !== dev.disk) return d
    if (dev.partition === null) return { ...d, filesystem }
    return {
      ...d,
      partitions: d.partitions.map((p) =>
        p.number === dev.partition?.number ? { ...p, filesystem } : p,
      ),
    }
  })
  return { ...m, disks }
}

// ---------------------------------------------------------------------------------------------
// The mount and umount stages

/** A filesystem the mount stage mounts. */
export interface PlannedMount {
  /** The path in the config (`/var/lib/data`); mounted at /sysroot + path. */
  path: string
  device: string
  format: 'ext4' | 'xfs' | 'vfat'
  mountOptions: string[]
  at: string
}

/** Mount options the kernel shows for each type mounted with none (SELinux on: seclabel). */
export const DEFAULT_MOUNT_OPTIONS: Record<'ext4' | 'xfs' | 'vfat', string[]> = {
  ext4: ['rw', 'relatime', 'seclabel'],
  xfs: ['rw', 'relatime', 'seclabel', 'attr2', 'inode64', 'logbufs=8', 'logbsize=32k', 'noquota'],
  vfat: [
    'rw',
    'relatime',
    'fmask=0022',
    'dmask=0022',
    'codepage=437',
    'iocharset=ascii',
    'shortname=mixed',
    'errors=remount-ro',
  ],
}

/** The options a mount shows: the defaults, with `ro`/`rw` and others given on top. */
export function mountOptions(format: 'ext4' | 'xfs' | 'vfat', given: readonly string[]): string[] {
  const extra = given.flatMap((o) => o.split(',')).filter((o) => o !== '' && o !== 'defaults')
  const ro = extra.includes('ro')
  const base = DEFAULT_MOUNT_OPTIONS[format].map((o) => (o === 'rw' && ro ? 'ro' : o))
  return [...base, ...extra.filter((o) => o !== 'ro' && o !== 'rw' && !base.includes(o))]
}

/** What the mount stage mounts, shallowest first (umount takes them in reverse). */
export function mountPlan(config: IgnitionConfig): PlannedMount[] {
  const depth = (p: string): number => p.split('/').filter((x) => x !== '').length
  const skip = unsimulated(config)
  return config.storage.filesystems
    .map((f, i) => ({ f, at: `$.storage.filesystems[${i}]` }))
    .filter(
      ({ f, at }) =>
        f.path !== null &&
        f.path !== '' &&
        (f.format === 'ext4' || f.format === 'xfs' || f.format === 'vfat') &&
        !skip.has(at),
    )
    .map(({ f, at }) => ({
      path: f.path as string,
      device: f.device,
      format: f.format as 'ext4' | 'xfs' | 'vfat',
      mountOptions: f.mountOptions,
      at,
    }))
    .sort((a, b) => depth(a.path) - depth(b.path))
}

/** How to say each storage action (keys under `ignition.storage.`). */
export function storageMessage(a: StorageAction): Message {
  switch (a.type) {
    case 'table/wiped':
      return { key: 'ignition.storage.tableWiped', params: { device: a.device } }
    case 'partition/created':
      return {
        key: 'ignition.storage.partitionCreated',
        params: {
          device: a.device,
          label: a.label === '' ? '—' : a.label,
          size: a.size,
          start: a.start,
        },
      }
    case 'partition/kept':
      return { key: 'ignition.storage.partitionKept', params: { device: a.device } }
    case 'partition/resized':
      return {
        key: 'ignition.storage.partitionResized',
        params: { device: a.device, size: a.size },
      }
    case 'partition/deleted':
      return { key: 'ignition.storage.partitionDeleted', params: { device: a.device } }
    case 'partition/absent':
      return {
        key: 'ignition.storage.partitionAbsent',
        params: { number: a.number, device: a.disk },
      }
    case 'filesystem/created':
      return {
        key: 'ignition.storage.filesystemCreated',
        params: {
          device: a.device,
          format: a.format,
          label: a.label === '' ? '—' : a.label,
          uuid: a.uuid,
        },
      }
    case 'filesystem/kept':
      return {
        key: 'ignition.storage.filesystemKept',
        params: { device: a.device, format: a.format },
      }
    case 'filesystem/wiped':
      return { key: 'ignition.storage.filesystemWiped', params: { device: a.device } }
    case 'storage/notSimulated':
      return { key: `ignition.storage.notSimulated.${a.reason}`, params: { at: a.at } }
  }
}

/** Every key `storageMessage` and the stages' failures can produce, for the locale test. */
export const STORAGE_MESSAGE_KEYS: readonly string[] = [
  'ignition.storage.tableWiped',
  'ignition.storage.partitionCreated',
  'ignition.storage.partitionKept',
  'ignition.storage.partitionResized',
  'ignition.storage.partitionDeleted',
  'ignition.storage.partitionAbsent',
  'ignition.storage.filesystemCreated',
  'ignition.storage.filesystemKept',
  'ignition.storage.filesystemWiped',
  'ignition.storage.notSimulated.raid',
  'ignition.storage.notSimulated.luks',
  'ignition.storage.notSimulated.format',
  'ignition.storage.notSimulated.bootDisk',
  'ignition.storage.notSimulated.virtualDevice',
  'ignition.storage.notSimulated.nested',
  'ignition.storage.deviceTimeout',
  'ignition.storage.partitionFailed',
  'ignition.storage.wrongFilesystem',
  'ignition.storage.mounted',
  'ignition.storage.unmounted',
  'ignition.storage.mountNotDirectory',
  'ignition.storage.mountPointFailed',
  'ignition.storage.mountWrongType',
]
