import { describe, expect, it } from 'vitest'
import { attachDisk, blockDevices, pathUnit, resolveDevice } from './disks'
import { lookupPath, readText } from './fs'
import { EXAMPLE_IGNITION_DATA_DISK, parseIgnition } from './ignition'
import { partitionDisk, unsimulated } from './ignition/storage'
import { boot, installImage, provideIgnition, reboot } from './ops'
import { runCommand, initialShell } from './shell'
import { after, assertInvariants, stageStep, stepsOf } from './testkit'
import type { Disk, Machine, Step } from './types'
import { findmnt } from './vfs'

const GiB = 2 ** 30
const MiB = 2 ** 20
const installed = after(installImage({ profile: 'fcos', scale: 40 }))
const withDisk = after(attachDisk(installed, 10 * GiB))
const given = (m: Machine, config: unknown): Machine =>
  after(provideIgnition(m, typeof config === 'string' ? config : JSON.stringify(config)))
const sh = (m: Machine, line: string): string => runCommand(m, initialShell(), line).output
const blank: Disk = { name: 'vdb', size: 10 * GiB, gpt: null, partitions: [], filesystem: null }
const part = (p: Record<string, unknown>) => ({
  number: 0,
  label: null,
  sizeMiB: null,
  startMiB: null,
  typeGuid: null,
  guid: null,
  wipePartitionEntry: null,
  shouldExist: null,
  resize: null,
  ...p,
})

describe('extra disks', () => {
  it('[disks] the platform attaches blank virtio disks to a machine that is off: vdb, then vdc', () => {
    const two = after(attachDisk(withDisk, 2 * GiB))
    expect(two.disks?.map((d) => [d.name, d.size, d.gpt, d.partitions])).toEqual([
      ['vdb', 10 * GiB, null, []],
      ['vdc', 2 * GiB, null, []],
    ])
    expect(blockDevices(two).map((d) => `${d.path} ${d.major}:${d.minor}`)).toEqual([
      '/dev/vda 252:0',
      '/dev/vda1 252:1',
      '/dev/vda2 252:2',
      '/dev/vda3 252:3',
      '/dev/vda4 252:4',
      '/dev/vdb 252:16',
      '/dev/vdc 252:32',
    ])
    const on = after(boot(installed))
    expect(attachDisk(on, GiB)[0]?.event.type).toBe('command/failed')
  })

  it('[udev] device names: by-partlabel, by-label, by-uuid, LABEL=', () => {
    expect(resolveDevice(installed, '/dev/disk/by-partlabel/root')?.path).toBe('/dev/vda4')
    expect(resolveDevice(installed, '/dev/disk/by-label/boot')?.path).toBe('/dev/vda3')
    expect(resolveDevice(installed, 'LABEL=boot')?.path).toBe('/dev/vda3')
    const uuid = installed.filesystems.root?.uuid ?? ''
    expect(resolveDevice(installed, `/dev/disk/by-uuid/${uuid}`)?.path).toBe('/dev/vda4')
    expect(resolveDevice(installed, '/dev/vdb')).toBeNull()
  })

  it('[systemd] unit names of paths, escaped as systemd-escape --path does', () => {
    expect(pathUnit('/dev/vdb', 'device')).toBe('dev-vdb.device')
    expect(pathUnit('/dev/disk/by-partlabel/data', 'device')).toBe(
      'dev-disk-by\\x2dpartlabel-data.device',
    )
    expect(pathUnit('/var/lib/data', 'mount')).toBe('var-lib-data.mount')
    expect(pathUnit('/', 'mount')).toBe('-.mount')
  })
})

describe('Ignition disks stage: partitions (operator notes, partitions.go)', () => {
  it('[partitions] number, label, sizeMiB, startMiB, typeGuid; start 0 and number 0 take the defaults', () => {
    const r = partitionDisk(
      blank,
      {
        wipeTable: true,
        partitions: [
          part({ label: 'fill', number: 0 }),
          part({ number: 1, label: 'a', sizeMiB: 512, startMiB: 0 }),
          part({
            number: 3,
            label: 'swap',
            sizeMiB: 256,
            startMiB: 1024,
            typeGuid: '0657fd6d-a4ab-43c4-84e5-0933c84b4f4f',
          }),
        ],
      },
      'seed',
    )
    if ('error' in r) throw new Error(r.error)
    const rows = r.disk.partitions.map((p) => [p.number, p.label, p.start, p.size, p.typeGuid])
    expect(rows).toEqual([
      [1, 'a', MiB, 512 * MiB, '0FC63DAF-8483-4772-8E79-3D69D8477DE4'],
      // number 0: the first free number; start and size 0: the largest free block, to its end
      [
        2,
        'fill',
        1280 * MiB,
        10 * GiB - 1280 * MiB - 33 * 512,
        '0FC63DAF-8483-4772-8E79-3D69D8477DE4',
      ],
      [3, 'swap', 1024 * MiB, 256 * MiB, '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F'],
    ])
    expect(r.disk.gpt).toMatch(/^[0-9A-F-]{36}$/)
    expect(r.actions[0]).toEqual({ type: 'table/wiped', device: '/dev/vdb' })
  })

  it('[partitions] an existing partition that matches is kept; one that does not fails unless wipePartitionEntry', () => {
    const first = partitionDisk(
      blank,
      { wipeTable: null, partitions: [part({ number: 1, label: 'data' })] },
      's',
    )
    if ('error' in first) throw new Error(first.error)
    const again = partitionDisk(
      first.disk,
      { wipeTable: null, partitions: [part({ number: 1, label: 'data' })] },
      's',
    )
    expect('disk' in again && again.actions).toEqual([
      { type: 'partition/kept', device: '/dev/vdb1', number: 1 },
    ])
    const other = partitionDisk(
      first.disk,
      { wipeTable: null, partitions: [part({ number: 1, label: 'logs' })] },
      's',
    )
    expect(other).toEqual({
      error: `Partition 1 didn't match: label did not match (specified "logs", got "data")`,
    })
    const wiped = partitionDisk(
      first.disk,
      {
        wipeTable: null,
        partitions: [part({ number: 1, label: 'logs', wipePartitionEntry: true })],
      },
      's',
    )
    expect('disk' in wiped && wiped.disk.partitions.map((p) => p.label)).toEqual(['logs'])
  })

  it('[partitions] shouldExist false: nothing to do when absent; delete needs wipePartitionEntry', () => {
    const absent = partitionDisk(
      blank,
      { wipeTable: null, partitions: [part({ number: 2, shouldExist: false })] },
      's',
    )
    expect('disk' in absent && absent.actions).toEqual([
      { type: 'partition/absent', disk: '/dev/vdb', number: 2 },
    ])
    const made = partitionDisk(
      blank,
      { wipeTable: null, partitions: [part({ number: 1, label: 'x', sizeMiB: 100 })] },
      's',
    )
    if ('error' in made) throw new Error(made.error)
    expect(
      partitionDisk(
        made.disk,
        { wipeTable: null, partitions: [part({ number: 1, shouldExist: false })] },
        's',
      ),
    ).toEqual({
      error: 'partition 1 exists but is specified as nonexistant and wipePartitionEntry is false',
    })
    const gone = partitionDisk(
      made.disk,
      {
        wipeTable: null,
        partitions: [part({ number: 1, shouldExist: false, wipePartitionEntry: true })],
      },
      's',
    )
    expect('disk' in gone && gone.disk.partitions).toEqual([])
  })

  it('[partitions] a partition that does not fit is refused by sgdisk', () => {
    const r = partitionDisk(
      blank,
      { wipeTable: null, partitions: [part({ number: 1, label: 'big', sizeMiB: 20 * 1024 })] },
      's',
    )
    expect('error' in r && r.error).toMatch(
      /^Failed to pretend to create partitions\. .*Could not create partition 1/,
    )
  })
})

describe('Ignition disks, mount, files and umount on an extra disk (reference 5.6)', () => {
  const steps = boot(given(withDisk, EXAMPLE_IGNITION_DATA_DISK))
  const booted = after(steps)

  it('[disks] the example data disk: a GPT partition "data" filling /dev/vdb, and xfs on it', () => {
    assertInvariants(steps)
    const disks = stageStep(steps, 'disks')
    expect(disks?.event.actions).toEqual([
      { type: 'table/wiped', device: '/dev/vdb' },
      expect.objectContaining({
        type: 'partition/created',
        device: '/dev/vdb1',
        number: 1,
        label: 'data',
        start: MiB,
      }),
      expect.objectContaining({
        type: 'filesystem/created',
        device: '/dev/disk/by-partlabel/data',
        format: 'xfs',
        label: 'data',
      }),
    ])
    const disk = booted.disks?.[0]
    expect(disk?.partitions.map((p) => [p.number, p.label, p.filesystem])).toEqual([
      [1, 'data', 'vdb1'],
    ])
    expect(booted.filesystems.vdb1?.fstype).toBe('xfs')
    expect(booted.filesystems.vdb1?.label).toBe('data')
  })

  it('[mount][umount] mounted on /sysroot/var/lib/data for the files stage, unmounted before switch-root', () => {
    const mount = stageStep(steps, 'mount')
    expect(mount?.event.mounted).toEqual(['/sysroot/var/lib/data'])
    const during = mount?.machine.runtime?.mounts.find((x) => x.target === '/sysroot/var/lib/data')
    expect(during).toMatchObject({ filesystem: 'vdb1', fstype: 'xfs', subtree: '/' })
    const files = stageStep(steps, 'files')
    expect(files?.touched).toContain('vdb1:/README')
    expect(readText(booted.filesystems.vdb1!, '/README')).toBe(
      'Written by Ignition on the data disk.\n',
    )
    const umount = stageStep(steps, 'umount')
    expect(umount?.event.unmounted).toEqual(['/sysroot/var/lib/data'])
    expect(umount?.machine.runtime?.mounts.some((x) => x.target.includes('lib/data'))).toBe(false)
  })

  it('[systemd] the first boot applies the preset, and the enabled mount unit mounts the disk on /var/lib/data', () => {
    const presets = stepsOf(steps, 'systemd/presetsApplied')[0]
    expect(presets?.event.units).toEqual(['var-lib-data.mount'])
    expect(
      presets?.touched.some((t) =>
        t.endsWith('/etc/systemd/system/local-fs.target.requires/var-lib-data.mount'),
      ),
    ).toBe(true)
    const mounted = stepsOf(steps, 'mount/mounted').find((s) => s.event.target === '/var/lib/data')
    expect(mounted?.event.unit).toBe('var-lib-data.mount')
    expect(findmnt(booted, { real: true })).toContainEqual({
      target: '/var/lib/data',
      source: '/dev/vdb1',
      fstype: 'xfs',
      options: 'rw,relatime,seclabel,attr2,inode64,logbufs=8,logbsize=32k,noquota',
    })
    expect(sh(booted, 'cat /var/lib/data/README')).toBe('Written by Ignition on the data disk.\n')
  })

  it('[systemd] every later boot mounts it again: findmnt --real lists it', () => {
    const later = reboot(booted)
    assertInvariants(later)
    expect(later.some((s) => s.event.type === 'ignition/stage')).toBe(false)
    const m = after(later)
    expect(sh(m, 'findmnt --real /var/lib/data')).toContain('/dev/vdb1 xfs')
    expect(sh(m, 'df -h /var/lib/data').split('\n')[1]).toMatch(/^\/dev\/vdb1 /)
  })
})

describe('Ignition: a device that does not exist', () => {
  it('[disks] Ignition waits 90 s for /dev/vdb, then the disks stage fails and the boot stops', () => {
    const steps = boot(given(installed, EXAMPLE_IGNITION_DATA_DISK))
    const failed = stepsOf(steps, 'ignition/failed')[0]
    expect(failed?.event.stage).toBe('disks')
    expect(failed?.event.reason).toBe(
      'create partitions failed: failed to wait on disks devs: device unit dev-vdb.device timeout',
    )
    expect(failed?.event.problems).toEqual([
      expect.objectContaining({ path: '$.storage.disks[0].device', kind: 'error' }),
    ])
    expect(steps.at(-1)?.event.type).toBe('boot/failed')
    const rt = after(steps).runtime
    expect(rt?.journal).toContainEqual({
      unit: 'systemd[1]',
      message: 'Timed out waiting for device dev-vdb.device - /dev/vdb.',
    })
    expect(stageStep(steps, 'mount')).toBeUndefined()
  })
})

describe('what is not simulated is reported, never dropped', () => {
  it('[parse] the boot disk, RAID, LUKS, btrfs: each entry by its JSON path', () => {
    const text = JSON.stringify({
      ignition: { version: '3.4.0' },
      storage: {
        disks: [
          {
            device: '/dev/disk/by-id/coreos-boot-disk',
            partitions: [{ number: 5, label: 'var', sizeMiB: 1000 }],
          },
        ],
        filesystems: [
          { device: '/dev/disk/by-partlabel/var', format: 'xfs', path: '/var' },
          { device: '/dev/vdc', format: 'btrfs' },
          { device: '/dev/md/data', format: 'ext4' },
        ],
        raid: [{ name: 'data', level: 'raid1', devices: ['/dev/vdc', '/dev/vdd'] }],
      },
    })
    const { config, problems } = parseIgnition(text)
    expect(
      problems.filter((p) => p.kind === 'unsupported').map((p) => [p.path, p.message.key]),
    ).toEqual([
      ['$.storage.raid', 'ignition.problem.unsupportedField'],
      ['$.storage.disks[0]', 'ignition.problem.storageNotSimulated.bootDisk'],
      ['$.storage.filesystems[0]', 'ignition.problem.storageNotSimulated.bootDisk'],
      ['$.storage.filesystems[1]', 'ignition.problem.storageNotSimulated.format'],
      ['$.storage.filesystems[2]', 'ignition.problem.storageNotSimulated.virtualDevice'],
    ])
    expect(config && [...unsimulated(config).keys()]).toContain('$.storage.raid[0]')
  })

  it('[disks] the stage skips them with a report, and a later boot does not wait for their devices', () => {
    const config = {
      ignition: { version: '3.4.0' },
      storage: {
        disks: [
          { device: '/dev/disk/by-id/coreos-boot-disk', partitions: [{ number: 5, label: 'var' }] },
        ],
        filesystems: [{ device: '/dev/disk/by-partlabel/var', format: 'xfs', path: '/var/srv' }],
      },
      systemd: {
        units: [
          {
            name: 'var-srv.mount',
            enabled: true,
            contents:
              '[Mount]\nWhat=/dev/disk/by-partlabel/var\nWhere=/var/srv\nType=xfs\n[Install]\nRequiredBy=local-fs.target\n',
          },
        ],
      },
    }
    const steps = boot(given(installed, config))
    const disks = stageStep(steps, 'disks')
    expect(disks?.event.actions).toEqual([
      { type: 'storage/notSimulated', at: '$.storage.disks[0]', reason: 'bootDisk' },
      { type: 'storage/notSimulated', at: '$.storage.filesystems[0]', reason: 'bootDisk' },
    ])
    expect(stageStep(steps, 'mount')?.event.mounted).toEqual([])
    expect(stepsOf(steps, 'unit/notSimulated')[0]?.event.unit).toBe('var-srv.mount')
    expect(after(steps).runtime?.phase).toBe('running')
  })
})

describe('Ignition validation of disks and filesystems (config/v3_4/types)', () => {
  const keys = (storage: unknown, version = '3.4.0') =>
    parseIgnition(JSON.stringify({ ignition: { version }, storage }))
      .problems.filter((p) => p.kind === 'error')
      .map((p) => [p.path, p.message.key.replace('ignition.problem.', '')])

  it('[validate] disks and partitions', () => {
    expect(keys({ disks: [{ partitions: [] }] })).toEqual([
      ['$.storage.disks[0].device', 'diskDeviceRequired'],
    ])
    expect(
      keys({
        disks: [
          {
            device: '/dev/vdb',
            partitions: [
              { number: 1, label: 'a', startMiB: 1, sizeMiB: 100 },
              { number: 1, label: 'b:c', startMiB: 50, sizeMiB: 10 },
              { label: 'a' },
              { number: 4, shouldExist: false, sizeMiB: 3 },
              { number: 5, guid: 'nope' },
            ],
          },
        ],
      }),
    ).toEqual([
      ['$.storage.disks[0].partitions[1]', 'partitionNumbersCollide'],
      ['$.storage.disks[0].partitions[1]', 'partitionsOverlap'],
      ['$.storage.disks[0].partitions', 'zeroesWithShouldNotExist'],
      ['$.storage.disks[0].partitions[1].label', 'partitionLabelColon'],
      ['$.storage.disks[0].partitions[2]', 'partitionLabelsCollide'],
      ['$.storage.disks[0].partitions[3]', 'shouldNotExistWithOthers'],
      ['$.storage.disks[0].partitions[4].guid', 'guidInvalid'],
      // and ValidateDups, on the partitions' keys
      ['$.storage.disks[0].partitions[1]', 'duplicate'],
    ])
  })

  it('[validate] filesystems: format, label length, relative paths; "none" from spec 3.2.0', () => {
    expect(
      keys({
        filesystems: [
          { device: 'vdb', format: 'zfs' },
          { device: '/dev/vdc', label: 'x', path: '/srv' },
          { device: '/dev/vdd', format: 'xfs', label: 'a-very-long-label' },
        ],
      }),
    ).toEqual([
      ['$.storage.filesystems[0].device', 'pathRelative'],
      ['$.storage.filesystems[0].format', 'filesystemFormatInvalid'],
      ['$.storage.filesystems[1].format', 'formatNilWithOthers'],
      ['$.storage.filesystems[1].label', 'labelNeedsFormat'],
      ['$.storage.filesystems[2].label', 'filesystemLabelTooLong'],
    ])
    expect(keys({ filesystems: [{ device: '/dev/vdb', format: 'none' }] }, '3.1.0')).toEqual([
      ['$.storage.filesystems[0].format', 'filesystemFormatInvalid'],
    ])
    expect(keys({ filesystems: [{ device: '/dev/vdb', format: 'none' }] }, '3.2.0')).toEqual([])
  })

  it('[validate] the data disk example validates with no problem', () => {
    expect(parseIgnition(EXAMPLE_IGNITION_DATA_DISK).problems).toEqual([])
  })
})

describe('GRUB, command by command (reference 5.1)', () => {
  const first = boot(installed)
  const types = (steps: Step[]) =>
    steps.map((s) => s.event.type).filter((t) => t.startsWith('grub/'))

  it('[grub] search, load_env, the Ignition glue, then blscfg: each its own step', () => {
    expect(types(first)).toEqual([
      'grub/bootFound',
      'grub/envLoaded',
      'grub/firstbootChecked',
      'grub/menu',
    ])
    const found = first.find((s) => s.event.type === 'grub/bootFound')
    expect(found?.event).toMatchObject({
      by: 'label',
      value: 'boot',
      drive: '(hd0,gpt3)',
      device: '/dev/vda3',
    })
    expect(first.find((s) => s.event.type === 'grub/envLoaded')?.event).toMatchObject({
      found: true,
      variables: {},
    })
    expect(first.find((s) => s.event.type === 'grub/firstbootChecked')?.event).toMatchObject({
      firstboot: true,
      value: 'ignition.firstboot ',
    })
    expect(after(first).runtime?.cmdline).toMatch(/^BOOT_IMAGE=\(hd0,gpt3\)\/ostree\//)
  })

  it('[grub] the first boot writes bootuuid.cfg: later boots search the boot filesystem by UUID', () => {
    const m = after(first)
    const uuid = m.filesystems.boot?.uuid ?? ''
    expect(readText(m.filesystems.boot!, '/grub2/bootuuid.cfg')).toBe(`set BOOT_UUID="${uuid}"\n`)
    expect(lookupPath(m.filesystems.efi!, '/EFI/fedora/bootuuid.cfg')?.kind).toBe('file')
    const later = reboot(m)
    expect(later.find((s) => s.event.type === 'grub/bootFound')?.event).toMatchObject({
      by: 'uuid',
      value: uuid,
    })
    expect(later.find((s) => s.event.type === 'grub/firstbootChecked')?.event).toMatchObject({
      firstboot: false,
      value: '',
    })
  })

  it('[grub] the image carries coreos-assembler’s grub.cfg and an empty environment block', () => {
    const cfg = readText(installed.filesystems.boot!, '/grub2/grub.cfg') ?? ''
    expect(cfg).toContain('search --label boot --set boot --no-floppy')
    expect(cfg).toContain('load_env -f ${config_directory}/grubenv')
    expect(cfg.trimEnd().endsWith('blscfg')).toBe(true)
    expect(readText(installed.filesystems.boot!, '/grub2/grubenv')).toHaveLength(1024)
  })
})
