/**
 * Ignition's stages in the initramfs of a first boot (reference 5.6): fetch-offline, fetch, kargs
 * and disks before the root is mounted; mount, files and umount after ostree-prepare-root has made
 * the deployment the future root. Each stage is a step; a failing stage stops the boot in the
 * emergency shell, as `OnFailure=emergency.target` does.
 */
import {
  actionMessage,
  applyFiles,
  kargsAfter,
  kargsChange,
  parseIgnition,
  populateVar,
  withBaseConfigs,
  type IgnitionAction,
  type IgnitionConfig,
  type IgnitionProblem,
} from './ignition'
import type { Recorder } from './recorder'
import { resolveDevice } from './disks'
import { readText } from './fs'
import {
  mountOptions,
  mountPlan,
  runDisksStage,
  storageMessage,
  type StorageAction,
} from './ignition/storage'
import { StageError, Sysroot, type SysrootMount } from './ignition/sysroot'
import { deployPath } from './sysroot'
import type { DeploymentId, Machine, Message, Runtime } from './types'

export type IgnitionStage =
  'fetch-offline' | 'fetch' | 'kargs' | 'disks' | 'mount' | 'files' | 'umount'

function ran(
  rec: Recorder,
  unit: string,
  result: 'success' | 'failed' | 'skipped' = 'success',
): void {
  const rt: Runtime = rec.runtime()
  rec.patchRuntime({ units: [...rt.units, { name: unit, result }] })
}

function fail(
  rec: Recorder,
  stage: IgnitionStage,
  reason: string,
  problems: IgnitionProblem[] = [],
): void {
  ran(rec, `ignition-${stage}.service`, 'failed')
  rec.journal(`ignition-${stage}.service`, reason)
  rec.step(
    { type: 'ignition/failed', stage, reason, problems },
    { key: 'step.ignition.failed', params: { stage } },
  )
  rec.step({ type: 'boot/failed', reason }, { key: 'step.boot.emergency' })
}

export interface EarlyResult {
  outcome: 'continue' | 'reboot' | 'failed'
  config: IgnitionConfig | null
  userConfig: boolean
}

/**
 * The stages before `sysroot.mount`. `entryPath` is the BLS entry being booted, which the kargs
 * stage edits when the config asks for other kernel arguments (then the machine reboots).
 */
export function ignitionEarly(rec: Recorder, entryPath: string): EarlyResult {
  const m = rec.machine
  const text = m.provider.ignition
  // fetch-offline: on QEMU the config comes from fw_cfg, no network needed.
  let user: IgnitionConfig | null = null
  if (text !== null) {
    const parsed = parseIgnition(text)
    const errors = parsed.problems.filter((p) => p.kind === 'error')
    if (parsed.config === null || errors.length > 0) {
      fail(rec, 'fetch-offline', 'failed to parse config', parsed.problems)
      return { outcome: 'failed', config: null, userConfig: true }
    }
    user = parsed.config
  }
  const config = withBaseConfigs(m.profile, user)
  ran(rec, 'ignition-fetch-offline.service')
  rec.journal(
    'ignition-fetch-offline.service',
    text === null ? 'no config provided' : 'fetched config from fw_cfg',
  )
  rec.step(
    { type: 'ignition/stage', stage: 'fetch-offline', provided: text !== null },
    { key: text === null ? 'step.ignition.fetchOfflineNone' : 'step.ignition.fetchOffline' },
  )
  // fetch runs only when fetch-offline asked for the network (/run/ignition/neednet).
  ran(rec, 'ignition-fetch.service', 'skipped')
  rec.step(
    { type: 'ignition/stage', stage: 'fetch', skipped: true },
    { key: 'step.ignition.fetchSkipped' },
  )

  // The kargs stage edits the options of the entry being booted (rdcore kargs), then
  // coreos-kargs-reboot reboots the machine if anything changed.
  const bls = readText(rec.view('boot'), entryPath) ?? ''
  const kargs = (/^options (.*)$/m.exec(bls)?.[1] ?? '').split(' ').filter((a) => a !== '')
  const change = kargsChange(config, kargs)
  ran(rec, 'ignition-kargs.service')
  if (change.add.length > 0 || change.remove.length > 0) {
    const next = kargsAfter(config, kargs)
    rec.fs('boot').writeFile(entryPath, bls.replace(/^options .*$/m, `options ${next.join(' ')}`), {
      mtime: rec.clock,
    })
    rec.step(
      { type: 'ignition/stage', stage: 'kargs', add: change.add, remove: change.remove },
      {
        // said as it is: arguments added, removed, or both
        key:
          change.remove.length === 0
            ? 'step.ignition.kargsAdded'
            : change.add.length === 0
              ? 'step.ignition.kargsRemoved'
              : 'step.ignition.kargsChanged',
        params: { add: change.add.join(' '), remove: change.remove.join(' ') },
      },
      [`boot:${entryPath}`],
    )
    return { outcome: 'reboot', config, userConfig: text !== null }
  }
  rec.step(
    { type: 'ignition/stage', stage: 'kargs', add: [], remove: [] },
    { key: 'step.ignition.kargsUnchanged' },
  )

  if (!disksStage(rec, config)) return { outcome: 'failed', config, userConfig: text !== null }
  return { outcome: 'continue', config, userConfig: text !== null }
}

/**
 * The disks stage, on the extra disks (ignition/storage.ts). Returns false when it failed (a
 * device that never appeared, a partition that does not match...): the boot then stops.
 */
function disksStage(rec: Recorder, config: IgnitionConfig): boolean {
  const storage = config.storage
  const sections =
    storage.disks.length + storage.raid.length + storage.filesystems.length + storage.luks.length
  if (sections === 0) {
    ran(rec, 'ignition-disks.service')
    rec.step(
      { type: 'ignition/stage', stage: 'disks', sections, actions: [], messages: [] },
      { key: 'step.ignition.disksNothing' },
    )
    return true
  }
  const before = rec.machine
  const result = runDisksStage(before, config, rec.clock)
  const touched = applyStorage(rec, before, result.machine)
  if (result.skipped.length > 0)
    rec.patch({
      unsimulatedDevices: [...new Set([...(before.unsimulatedDevices ?? []), ...result.skipped])],
    })
  const actions = result.actions
  const messages = actions.map(storageMessage)
  const count = (type: StorageAction['type']): number =>
    actions.filter((a) => a.type === type).length
  const failure = result.failure
  if (failure !== null) {
    rec.tick(failure.waited)
    for (const line of failure.journal) rec.journal('systemd[1]', line)
    if (actions.length > 0)
      rec.step(
        { type: 'ignition/stage', stage: 'disks', sections, actions, messages },
        { key: 'step.ignition.disksPartial', params: { count: actions.length } },
        touched,
      )
    fail(rec, 'disks', failure.log, [{ path: failure.at, kind: 'error', message: failure.message }])
    return false
  }
  ran(rec, 'ignition-disks.service')
  rec.step(
    { type: 'ignition/stage', stage: 'disks', sections, actions, messages },
    {
      key: 'step.ignition.disks',
      params: {
        partitions: count('partition/created'),
        filesystems: count('filesystem/created'),
        skipped: count('storage/notSimulated'),
      },
    },
    touched,
  )
  return true
}

/** Carries the disks stage's result into the recorder: the disks, new and dropped filesystems. */
function applyStorage(rec: Recorder, before: Machine, after: Machine): string[] {
  const touched: string[] = []
  for (const [key, fs] of Object.entries(after.filesystems))
    if (before.filesystems[key] !== fs) {
      rec.setFilesystem('filesystems', key, fs)
      touched.push(`${key}:/`)
    }
  for (const key of Object.keys(before.filesystems))
    if (!(key in after.filesystems)) rec.setFilesystem('filesystems', key, null)
  if (after.disks !== before.disks) rec.patch({ disks: after.disks ?? [] })
  return touched
}

/**
 * The stages after ostree-prepare-root: mount, then files into the deployment (through /sysroot,
 * so /etc lands in its etc and /var, /home in the stateroot's var), then umount. Returns false when
 * the files stage failed (the boot then stops).
 */
export function ignitionLate(rec: Recorder, booted: DeploymentId, early: EarlyResult): boolean {
  const config = early.config as IgnitionConfig
  const varPath = `/ostree/deploy/${booted.stateroot}/var`
  const target = { deployment: deployPath(booted), var: varPath }
  const mounted = mountStage(rec, config, target)
  if (mounted === null) return false

  const draft = rec.fs('root')
  const mounts: SysrootMount[] = mounted.map((m) => ({ ...m, draft: rec.fs(m.key) }))
  const actions: IgnitionAction[] = [
    ...populateVar(draft, varPath, rec.clock),
    ...applyFiles(draft, target, config, rec.clock, {
      userConfigProvided: early.userConfig,
      mounts,
    }),
  ]
  const failed = actions.find((a) => a.type === 'stage/failed')
  const touched = actions.flatMap((a) => ('fsPath' in a ? [`${a.fs ?? 'root'}:${a.fsPath}`] : []))
  if (failed !== undefined && failed.type === 'stage/failed') {
    rec.step(
      { type: 'ignition/stage', stage: 'files', actions, messages: actions.map(actionMessage) },
      { key: 'step.ignition.filesPartial', params: { count: actions.length - 1 } },
      touched,
    )
    fail(rec, 'files', failed.log)
    return false
  }
  ran(rec, 'ignition-files.service')
  rec.step(
    { type: 'ignition/stage', stage: 'files', actions, messages: actions.map(actionMessage) },
    { key: 'step.ignition.files', params: { count: actions.length } },
    touched,
  )

  // umount: ignition-mount.service's ExecStop, deepest first
  const targets = mounted.map((m) => `/sysroot${m.path}`).reverse()
  const rt = rec.runtime()
  rec.patchRuntime({ mounts: rt.mounts.filter((x) => !targets.includes(x.target)) })
  ran(rec, 'ignition-umount.service')
  ran(rec, 'ignition-complete.target')
  rec.step(
    {
      type: 'ignition/stage',
      stage: 'umount',
      unmounted: targets,
      messages: targets.map((t) => ({ key: 'ignition.storage.unmounted', params: { target: t } })),
    },
    targets.length === 0
      ? { key: 'step.ignition.complete' }
      : { key: 'step.ignition.unmounted', params: { count: targets.length } },
  )
  return true
}

/**
 * The mount stage: each filesystem with a `path` is mounted at /sysroot + path, shallowest first,
 * its mount point made if missing (mount/mount.go). Returns what it mounted, or null when it failed.
 */
function mountStage(
  rec: Recorder,
  config: IgnitionConfig,
  target: { deployment: string; var: string },
): { path: string; key: string }[] | null {
  const mounted: { path: string; key: string }[] = []
  const messages: Message[] = []
  const created: string[] = []
  const failWith = (log: string, at: string, message: Message): null => {
    // what was mounted before the failure stays mounted, for the emergency shell to look at
    if (mounted.length > 0)
      rec.step(
        {
          type: 'ignition/stage',
          stage: 'mount',
          mounted: mounted.map((m) => `/sysroot${m.path}`),
          messages,
        },
        { key: 'step.ignition.mounted', params: { count: mounted.length } },
        created,
      )
    fail(rec, 'mount', log, [{ path: at, kind: 'error', message }])
    return null
  }
  for (const plan of mountPlan(config)) {
    const where = `/sysroot${plan.path}`
    const sysroot = new Sysroot(rec.fs('root'), target, rec.clock)
    // checkForNonDirectories: every component that exists must be a folder, not a link
    const parts = plan.path.split('/').filter((x) => x !== '')
    let missingDir = false
    for (let i = 1; i <= parts.length && !missingDir; i++) {
      const prefix = '/' + parts.slice(0, i).join('/')
      const inode = sysroot.lstat(prefix)
      if (inode === null) missingDir = true
      else if (inode.kind !== 'dir')
        return failWith(
          `mount path "${where}" contains non-directory component "/sysroot${prefix}"`,
          `${plan.at}.path`,
          {
            key: 'ignition.storage.mountNotDirectory',
            params: { target: where, path: `/sysroot${prefix}` },
          },
        )
    }
    if (missingDir) {
      try {
        for (const dir of sysroot.mkdirAll(plan.path, 0o755))
          created.push(`root:${sysroot.fsPath(dir)}`)
      } catch (e) {
        if (!(e instanceof StageError)) throw e
        return failWith(e.log, `${plan.at}.path`, {
          key: 'ignition.storage.mountPointFailed',
          params: { target: where, errno: e.errno ?? '' },
        })
      }
    }
    const dev = resolveDevice(rec.machine, plan.device)
    const key = dev?.filesystem ?? null
    if (dev === null || key === null || rec.machine.filesystems[key]?.fstype !== plan.format) {
      rec.journal(
        'ignition-mount.service',
        `mount: ${where}: wrong fs type, bad option, bad superblock on ${dev?.path ?? plan.device}, missing codepage or helper program, or other error.`,
      )
      return failWith('exit status 32', `${plan.at}.format`, {
        key: 'ignition.storage.mountWrongType',
        params: { target: where, device: dev?.path ?? plan.device, format: plan.format },
      })
    }
    const options = mountOptions(plan.format, plan.mountOptions)
    const rt = rec.runtime()
    rec.patchRuntime({
      mounts: [
        ...rt.mounts,
        {
          id: rt.nextMountId,
          target: where,
          filesystem: key,
          subtree: '/',
          fstype: plan.format,
          options,
          readOnly: options.includes('ro'),
        },
      ],
      nextMountId: rt.nextMountId + 1,
    })
    rec.journal(
      'ignition-mount.service',
      `mounting "${plan.device}" at "${where}" with type "${plan.format}" and options "${plan.mountOptions.join(',')}"`,
    )
    mounted.push({ path: plan.path, key })
    messages.push({
      key: 'ignition.storage.mounted',
      params: { device: dev.path, target: where, format: plan.format },
    })
  }
  ran(rec, 'ignition-mount.service')
  rec.step(
    {
      type: 'ignition/stage',
      stage: 'mount',
      mounted: mounted.map((m) => `/sysroot${m.path}`),
      messages,
    },
    mounted.length === 0
      ? { key: 'step.ignition.mount' }
      : { key: 'step.ignition.mounted', params: { count: mounted.length } },
    created,
  )
  return mounted
}
