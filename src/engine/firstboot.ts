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
import { readText } from './fs'
import { deployPath } from './sysroot'
import type { DeploymentId, Runtime } from './types'

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
        key: 'step.ignition.kargsChanged',
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

  const storage = config.storage
  const extra =
    storage.disks.length + storage.raid.length + storage.filesystems.length + storage.luks.length
  ran(rec, 'ignition-disks.service')
  rec.step(
    { type: 'ignition/stage', stage: 'disks', sections: extra },
    {
      key: extra === 0 ? 'step.ignition.disksNothing' : 'step.ignition.disksUnsupported',
      params: { count: extra },
    },
  )
  return { outcome: 'continue', config, userConfig: text !== null }
}

/**
 * The stages after ostree-prepare-root: mount, then files into the deployment (through /sysroot,
 * so /etc lands in its etc and /var, /home in the stateroot's var), then umount. Returns false when
 * the files stage failed (the boot then stops).
 */
export function ignitionLate(rec: Recorder, booted: DeploymentId, early: EarlyResult): boolean {
  const config = early.config as IgnitionConfig
  ran(rec, 'ignition-mount.service')
  rec.step({ type: 'ignition/stage', stage: 'mount' }, { key: 'step.ignition.mount' })
  const varPath = `/ostree/deploy/${booted.stateroot}/var`
  const draft = rec.fs('root')
  const actions: IgnitionAction[] = [
    ...populateVar(draft, varPath, rec.clock),
    ...applyFiles(draft, { deployment: deployPath(booted), var: varPath }, config, rec.clock, {
      userConfigProvided: early.userConfig,
    }),
  ]
  const failed = actions.find((a) => a.type === 'stage/failed')
  const touched = actions.flatMap((a) => ('fsPath' in a ? [`root:${a.fsPath}`] : []))
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
  ran(rec, 'ignition-umount.service')
  ran(rec, 'ignition-complete.target')
  rec.step({ type: 'ignition/stage', stage: 'umount' }, { key: 'step.ignition.complete' })
  return true
}
