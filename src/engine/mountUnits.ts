/**
 * The `.mount` units of the booted system's /etc that systemd starts for local-fs.target, after
 * /var and /boot: a filesystem Ignition made on an extra disk is mounted on every later boot when
 * the config ships an enabled mount unit for it (units.ts says which units, and how each fails).
 */
import { pathUnit, resolveDevice } from './disks'
import { DEVICE_TIMEOUT, mountOptions } from './ignition/storage'
import type { Recorder } from './recorder'
import type { Runtime } from './types'
import { enabledMounts, type MountUnit } from './units'
import { locate } from './vfs'

function ran(rec: Recorder, unit: string, result: 'success' | 'failed' | 'skipped'): void {
  const rt: Runtime = rec.runtime()
  rec.patchRuntime({ units: [...rt.units, { name: unit, result }] })
}

/**
 * Makes the folders of `path` that are missing, as systemd does for a mount point
 * (mkdir_p_label). False when one cannot be made (under the immutable deployment root, or a
 * read-only mount).
 */
function mountPoint(rec: Recorder, path: string): boolean {
  const parts = path.split('/').filter((p) => p !== '')
  for (let i = 1; i <= parts.length; i++) {
    const here = '/' + parts.slice(0, i).join('/')
    const found = locate(rec.machine, here)
    if (!('error' in found)) {
      if (found.inode.kind !== 'dir') return false
      continue
    }
    const parent = locate(rec.machine, '/' + parts.slice(0, i - 1).join('/'))
    if ('error' in parent || parent.inode.kind !== 'dir') return false
    if (parent.mount.readOnly || parent.inode.immutable === true) return false
    const at = parent.fsPath === '/' ? `/${parts[i - 1]}` : `${parent.fsPath}/${parts[i - 1]}`
    rec.fs(parent.fsKey).mkdir(at, { mode: 0o755, mtime: rec.clock })
  }
  return true
}

/**
 * Starts every enabled mount unit of the deployment at `deployment`, one step each. Returns false
 * when one that local-fs.target requires failed: the boot then stops in emergency mode.
 */
export function mountUnits(rec: Recorder, deployment: string): boolean {
  for (const u of enabledMounts(rec.view('root'), deployment)) {
    if (!mountUnit(rec, u)) {
      ran(rec, 'local-fs.target', 'failed')
      rec.journal('systemd[1]', 'Dependency failed for local-fs.target - Local File Systems.')
      rec.step(
        { type: 'boot/failed', reason: `${u.unit} failed`, unit: u.unit },
        { key: 'step.boot.localFsFailed', params: { unit: u.unit } },
      )
      return false
    }
  }
  return true
}

/** One mount unit; false when it failed and local-fs.target requires it. */
function mountUnit(rec: Recorder, u: MountUnit): boolean {
  const failed = (
    reason: string,
    key: string,
    params: Record<string, string | number>,
  ): boolean => {
    ran(rec, u.unit, 'failed')
    rec.journal(u.unit, reason)
    rec.step(
      { type: 'unit/failed', unit: u.unit, reason, required: u.required },
      { key, params: { unit: u.unit, ...params } },
    )
    return !u.required
  }
  if (u.refused) {
    ran(rec, u.unit, 'skipped')
    rec.journal(u.unit, "Where= setting doesn't match unit name. Refusing.")
    rec.step(
      { type: 'unit/refused', unit: u.unit, where: u.where },
      { key: 'step.boot.mountUnitRefused', params: { unit: u.unit, where: u.where } },
    )
    return true
  }
  if ((rec.machine.unsimulatedDevices ?? []).includes(u.what)) {
    ran(rec, u.unit, 'skipped')
    rec.step(
      { type: 'unit/notSimulated', unit: u.unit, what: u.what },
      { key: 'step.boot.mountUnitNotSimulated', params: { unit: u.unit, device: u.what } },
    )
    return true
  }
  const dev = resolveDevice(rec.machine, u.what)
  if (dev === null) {
    // BindsTo= the device unit: its start job times out, and the mount's fails with "dependency"
    rec.tick(DEVICE_TIMEOUT)
    const device = pathUnit(
      u.what.replace(
        /^(LABEL|UUID|PARTLABEL|PARTUUID)=/,
        (_m, tag: string) => `/dev/disk/by-${tag.toLowerCase()}/`,
      ),
      'device',
    )
    rec.journal('systemd[1]', `Timed out waiting for device ${device} - ${u.what}.`)
    return failed(
      `Dependency failed for ${u.unit} - ${u.description}.`,
      'step.boot.mountUnitNoDevice',
      {
        device: u.what,
        seconds: DEVICE_TIMEOUT,
      },
    )
  }
  const key = dev.filesystem
  const fs = key === null ? undefined : rec.machine.filesystems[key]
  const type = fs?.fstype
  if (
    key === null ||
    (type !== 'ext4' && type !== 'xfs' && type !== 'vfat') ||
    (u.type !== null && u.type !== 'auto' && u.type !== type)
  )
    return failed(
      `mount: ${u.where}: wrong fs type, bad option, bad superblock on ${dev.path}, missing codepage or helper program, or other error.`,
      'step.boot.mountUnitWrongType',
      { device: dev.path },
    )
  if (!mountPoint(rec, u.where))
    return failed(`mount: ${u.where}: mount point does not exist.`, 'step.boot.mountUnitNoPoint', {
      where: u.where,
    })
  const options = mountOptions(type, u.options)
  const rt = rec.runtime()
  rec.patchRuntime({
    mounts: [
      ...rt.mounts,
      {
        id: rt.nextMountId,
        target: u.where,
        filesystem: key,
        subtree: '/',
        fstype: type,
        options,
        readOnly: options.includes('ro'),
      },
    ],
    nextMountId: rt.nextMountId + 1,
  })
  ran(rec, u.unit, 'success')
  rec.step(
    {
      type: 'mount/mounted',
      target: u.where,
      source: key,
      readOnly: options.includes('ro'),
      unit: u.unit,
    },
    { key: 'step.boot.mountUnit', params: { unit: u.unit, device: dev.path, target: u.where } },
  )
  return true
}
