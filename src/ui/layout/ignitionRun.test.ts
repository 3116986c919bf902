import { describe, expect, it } from 'vitest'
import { firstBoot } from '../../scenarios/firstBoot'
import { runTour } from '../../scenarios/run'
import type { Tour } from '../../scenarios/types'
import { EXAMPLE_IGNITION_DATA_DISK, type IgnitionStageRan } from '../../engine'
import { actionsOf, ignitionRun, messagesOf, placeOf } from './ignitionRun'

const steps = runTour(firstBoot, { scale: 30 })
const at = (type: string, stage?: string, from = 0) =>
  steps.findIndex(
    (s, i) =>
      i >= from &&
      s.event.type === type &&
      (stage === undefined || ('stage' in s.event && s.event.stage === stage)),
  )
const states = (cursor: number) =>
  Object.fromEntries(ignitionRun(steps, cursor)?.stages.map((s) => [s.stage, s.state]) ?? [])

describe('ignitionRun', () => {
  it('is null before the first power-on', () => {
    expect(ignitionRun(steps, at('ignition/provided'))).toBeNull()
  })

  it('[5.6] waits while firmware, GRUB and the kernel come first', () => {
    const run = ignitionRun(steps, at('kernel/started'))
    expect(run).toMatchObject({ ran: false, outcome: 'waiting', restarted: false })
    expect(Object.values(states(at('kernel/started')))).toEqual(Array(7).fill('pending'))
  })

  it('[5.6] the kargs stage reboots: the later stages do not run in this boot', () => {
    const kargs = at('ignition/stage', 'kargs')
    expect(states(kargs)).toEqual({
      'fetch-offline': 'done',
      fetch: 'skipped',
      kargs: 'done',
      disks: 'notRun',
      mount: 'notRun',
      files: 'notRun',
      umount: 'notRun',
    })
    expect(ignitionRun(steps, kargs)?.outcome).toBe('rebooting')
    expect(ignitionRun(steps, kargs)?.stages.find((s) => s.stage === 'kargs')?.current).toBe(true)
    const rebooted = at('ignition/rebooted')
    expect(ignitionRun(steps, rebooted)?.outcome).toBe('rebooting')
    expect(states(rebooted).disks).toBe('notRun')
  })

  it('[5.6] the boot after the kargs reboot is a first boot again, and completes', () => {
    const second = at('power/on', undefined, at('ignition/rebooted'))
    expect(ignitionRun(steps, second)).toMatchObject({ restarted: true, outcome: 'waiting' })
    const end = steps.length - 1
    const run = ignitionRun(steps, end)
    expect(run?.outcome).toBe('complete')
    expect(Object.values(states(end))).toEqual([
      'done',
      'skipped',
      'done',
      'done',
      'done',
      'done',
      'done',
    ])
    // the second kargs stage found the argument there
    expect(run?.stages.find((s) => s.stage === 'kargs')?.event).toMatchObject({ add: [] })
  })

  it('[5.6] files land in the deployment’s /etc and the stateroot’s /var', () => {
    const files = ignitionRun(steps, steps.length - 1)?.stages.find((s) => s.stage === 'files')
    const actions = actionsOf(files?.event ?? null)
    const where = (path: string) => placeOf(actions.find((a) => 'path' in a && a.path === path)!)
    expect(where('/etc/hostname')).toBe('etc')
    expect(where('/etc/systemd/system/hello.service')).toBe('etc')
    expect(where('/var/lib/hello/message.txt')).toBe('var')
    expect(placeOf({ type: 'unit/enabled', name: 'hello.service' })).toBeNull()
  })

  it('[5.6] an extra disk: the disks and mount stages say what they did; its files are "mounted"', () => {
    const withDisk: Tour = {
      ...firstBoot,
      actions: [
        { type: 'install' },
        { type: 'attachDisk', size: 2 ** 30 },
        { type: 'provideIgnition', config: EXAMPLE_IGNITION_DATA_DISK },
        { type: 'boot' },
      ],
    }
    const done = runTour(withDisk, { scale: 30 })
    const run = ignitionRun(done, done.length - 1)
    const stage = (name: string) => run?.stages.find((s) => s.stage === name)
    expect(messagesOf(stage('disks')?.event ?? null).map((m) => m.key)).toEqual([
      'ignition.storage.tableWiped',
      'ignition.storage.partitionCreated',
      'ignition.storage.filesystemCreated',
    ])
    expect(messagesOf(stage('mount')?.event ?? null)).toEqual([
      {
        key: 'ignition.storage.mounted',
        params: { device: '/dev/vdb1', target: '/sysroot/var/lib/data', format: 'xfs' },
      },
    ])
    const actions = actionsOf(stage('files')?.event ?? null)
    const readme = actions.find((a) => 'path' in a && a.path === '/var/lib/data/README')
    expect(readme && placeOf(readme)).toBe('mounted')
    // an event of no stage has no messages, whatever it carries
    const stageless = { type: 'x', messages: [1, { key: 2 }, null] } as unknown as IgnitionStageRan
    expect(messagesOf(stageless)).toEqual([])
  })

  it('[5.6] a broken config fails fetch-offline with its problems; later stages do not run', () => {
    const broken: Tour = {
      ...firstBoot,
      actions: [
        { type: 'install' },
        { type: 'provideIgnition', config: '{"ignition": {"version": "3.4.0"},' },
        { type: 'boot' },
      ],
    }
    const failed = runTour(broken, { scale: 30 })
    const run = ignitionRun(failed, failed.length - 1)
    expect(run?.outcome).toBe('failed')
    const fetch = run?.stages[0]
    expect(fetch?.state).toBe('failed')
    expect(fetch?.failure?.problems[0]).toMatchObject({ path: '$', kind: 'error' })
    expect(run?.stages.slice(1).map((s) => s.state)).toEqual(Array(6).fill('notRun'))
  })
})
