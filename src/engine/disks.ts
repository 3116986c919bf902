/**
 * Block devices: the disk the image is written to (`/dev/vda`, virtio on QEMU), the extra disks the
 * platform attaches (`/dev/vdb`...), their partitions, and the names udev gives them under
 * /dev/disk (systemd's 60-persistent-storage.rules: by-label and by-uuid from the filesystem,
 * by-partlabel and by-partuuid from the GPT entry). Paths under /dev/disk/by-id and by-path are
 * not modelled: on QEMU they depend on the drive's serial and PCI slot, which the machine lacks.
 */
import { sha256Hex } from './hash'
import type { Disk, Machine, Partition, Step } from './types'

/** The disk the image is written to. */
export const BOOT_DISK = 'vda'
/** Bytes per logical sector of a virtio disk. */
export const SECTOR = 512
/**
 * virtio-blk's block major (dynamic, 252 on Fedora's kernels); each disk owns 16 minors, its
 * partitions the ones after the disk's (drivers/block/virtio_blk.c PART_BITS 4).
 */
const VIRTIO_MAJOR = 252
const MINORS_PER_DISK = 16

export interface BlockDevice {
  /** `/dev/vdb1`. */
  path: string
  /** The disk it is on: `vdb`. */
  disk: string
  /** The partition, or null for the whole disk. */
  partition: Partition | null
  /** Bytes. */
  size: number
  /** The filesystem on it (a key into `Machine.filesystems`), or null. */
  filesystem: string | null
  major: number
  minor: number
}

/** The extra disks of a machine. */
export function extraDisks(m: Machine): readonly Disk[] {
  return m.disks ?? []
}

/** Every disk, the boot disk first; the boot disk's size is the image's, the end of its last partition. */
export function allDisks(m: Machine): Disk[] {
  const end = m.partitions.reduce((sum, p) => sum + p.size, 0)
  const boot: Disk = {
    name: BOOT_DISK,
    size: end,
    gpt: m.partitions.length > 0 ? guidOf(`${BOOT_DISK}:gpt`) : null,
    partitions: m.partitions,
    filesystem: null,
  }
  return [boot, ...extraDisks(m)]
}

/** `/dev/vdb` for disk `vdb`; `/dev/vdb1` for its first partition. */
export function devicePath(disk: string, partition?: number): string {
  return partition === undefined ? `/dev/${disk}` : `/dev/${disk}${partition}`
}

/** Every block device: each disk, then its partitions by number. */
export function blockDevices(m: Machine): BlockDevice[] {
  const out: BlockDevice[] = []
  allDisks(m).forEach((disk, i) => {
    const minor = i * MINORS_PER_DISK
    out.push({
      path: devicePath(disk.name),
      disk: disk.name,
      partition: null,
      size: disk.size,
      filesystem: disk.filesystem,
      major: VIRTIO_MAJOR,
      minor,
    })
    for (const p of [...disk.partitions].sort((a, b) => a.number - b.number))
      out.push({
        path: devicePath(disk.name, p.number),
        disk: disk.name,
        partition: p,
        size: p.size,
        filesystem: p.filesystem,
        major: VIRTIO_MAJOR,
        minor: minor + p.number,
      })
  })
  return out
}

/** The block device a filesystem lives on, or undefined for one in memory (tmpfs). */
export function deviceOfFilesystem(m: Machine, key: string): BlockDevice | undefined {
  return blockDevices(m).find((d) => d.filesystem === key)
}

/**
 * The device a path names once udev's symlinks are followed, or null when none exists (yet):
 * `/dev/vdb`, `/dev/vdb1`, `/dev/disk/by-partlabel/data`, `/dev/disk/by-label/data`,
 * `/dev/disk/by-uuid/<uuid>`, `/dev/disk/by-partuuid/<guid>`; also fstab's `LABEL=`, `UUID=`,
 * `PARTLABEL=` and `PARTUUID=`. When two devices carry the same name, the first one wins.
 */
export function resolveDevice(m: Machine, name: string): BlockDevice | null {
  const tag = /^(LABEL|UUID|PARTLABEL|PARTUUID)=(.*)$/.exec(name)
  const path =
    tag === null ? name : `/dev/disk/by-${(tag[1] as string).toLowerCase()}/${tag[2] as string}`
  const devices = blockDevices(m)
  const direct = devices.find((d) => d.path === path)
  if (direct !== undefined) return direct
  const link = /^\/dev\/disk\/by-(label|uuid|partlabel|partuuid)\/([^/]+)$/.exec(path)
  if (link === null) return null
  const [, kind, value] = link as unknown as [string, string, string]
  // udev escapes characters of a label that a file name cannot hold as \xNN (blkid_encode_string)
  const wanted = value.replace(/\\x([0-9a-f]{2})/gi, (_x, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
  return (
    devices.find((d) => {
      const fs = d.filesystem === null ? undefined : m.filesystems[d.filesystem]
      switch (kind) {
        case 'label':
          return fs?.label === wanted
        case 'uuid':
          return fs?.uuid !== undefined && fs.uuid.toLowerCase() === wanted.toLowerCase()
        case 'partlabel':
          return d.partition?.label === wanted
        default:
          return d.partition?.guid?.toLowerCase() === wanted.toLowerCase()
      }
    }) ?? null
  )
}

/**
 * systemd's unit name for a path (`systemd-escape --path --suffix=...`): `/dev/vdb` is
 * `dev-vdb.device`, `/var/lib/data` is `var-lib-data.mount`, `/dev/disk/by-partlabel/x` is
 * `dev-disk-by\x2dpartlabel-x.device`.
 */
export function pathUnit(path: string, suffix: 'device' | 'mount'): string {
  const trimmed = path.replace(/\/+/g, '/').replace(/^\/|\/$/g, '')
  if (trimmed === '') return `-.${suffix}`
  const escaped = [...trimmed]
    .map((ch, i) =>
      ch === '/' ? '-' : (i === 0 && ch === '.') || !/[A-Za-z0-9:_.]/.test(ch) ? hexEscape(ch) : ch,
    )
    .join('')
  return `${escaped}.${suffix}`
}

/** Each byte of a character's UTF-8 encoding as `\xNN`, lower case (systemd's do_escape_char). */
function hexEscape(ch: string): string {
  let encoded: string
  try {
    encoded = encodeURIComponent(ch)
  } catch {
    encoded = '%EF%BF%BD' // a lone surrogate: Go's JSON decoder makes it U+FFFD
  }
  if (!encoded.startsWith('%')) encoded = `%${ch.charCodeAt(0).toString(16)}`
  return encoded.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => `\\x${hex.toLowerCase()}`)
}

/**
 * A GUID in the format sgdisk and mkfs print, derived from a seed: the real tools draw one at
 * random, and the engine has no randomness (a version-4 layout, as `uuid_generate_random`).
 */
export function guidOf(seed: string): string {
  const h = sha256Hex(seed)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** Disk names in the order the kernel gives them to virtio disks: vdb, vdc, ... vdz. */
const NAMES = 'bcdefghijklmnopqrstuvwxyz'

/** At most this many extra disks: enough for any lesson, few enough to draw. */
export const MAX_EXTRA_DISKS = 4

/**
 * The platform attaches an empty disk of `size` bytes to a machine that is off (QEMU
 * `-drive if=virtio,file=data.qcow2`): the next virtio name, no partition table, no filesystem.
 * @example attachDisk(machine, 10 * 1024 ** 3) // one step: /dev/vdb, 10 GiB
 */
export function attachDisk(m: Machine, size: number): Step[] {
  const disks = extraDisks(m)
  const refuse = (message: string): Step[] => [
    {
      event: { type: 'command/failed', command: 'attach disk', message, exitCode: 1 },
      caption: { key: 'step.command.failed', params: { command: 'attach disk', message } },
      touched: [],
      machine: m,
    },
  ]
  if (m.power !== 'off') return refuse('The machine must be off to attach a disk')
  if (disks.length >= MAX_EXTRA_DISKS) return refuse('No free slot for another disk')
  if (!Number.isSafeInteger(size) || size < 1024 * 1024 || size % SECTOR !== 0)
    return refuse('A disk is a whole number of sectors, 1 MiB at least')
  const name = `vd${NAMES[disks.length] as string}`
  const disk: Disk = { name, size, gpt: null, partitions: [], filesystem: null }
  return [
    {
      event: { type: 'disk/attached', disk: name, size },
      caption: { key: 'step.disk.attached', params: { device: devicePath(name), size } },
      touched: [],
      machine: { ...m, disks: [...disks, disk] },
    },
  ]
}
