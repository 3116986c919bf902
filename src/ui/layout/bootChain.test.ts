import { describe, expect, it } from 'vitest'
import type { IgnitionStageRan } from '../../engine'
import type { Machine, Step } from '../../engine/types'
import { everyBoot } from '../../scenarios/everyBoot'
import { runTour } from '../../scenarios/run'
import { bootChain, cycleAt, mountUnit, placeStep } from './bootChain'

const steps = runTour(everyBoot, { scale: 40 })
const indexOf = (type: string, from = 0) =>
  steps.findIndex((s, i) => i >= from && s.event.type === type)
const firstOn = indexOf('power/on')
const firstOff = indexOf('power/off')
const secondOn = indexOf('power/on', firstOn + 1)

const units = (cursor: number) => bootChain(steps, cursor)?.nodes.map((n) => n.unit ?? n.kind) ?? []
/** The chain without Ignition's stages, which the first boot has and the others lack. */
const withoutIgnition = (list: string[]) => list.filter((u) => !u.startsWith('ignition-'))

describe('boot chain', () => {
  it('[5.1-5.3] orders a boot as firmware, GRUB, kernel, initramfs units, then systemd units', () => {
    const chain = bootChain(steps, firstOn)
    expect(chain?.groups.map((g) => g.group)).toEqual([
      'firmware',
      'bootloader',
      'kernel',
      'initramfs',
      'system',
      'shutdown',
    ])
    expect(withoutIgnition(units(firstOn))).toEqual([
      'firmware',
      // grub.cfg, command by command: search, load_env, the Ignition glue, blscfg
      'grubSearch',
      'grubEnv',
      'grubFirstboot',
      'grub',
      'kernel',
      'sysroot.mount',
      'ostree-prepare-root.service',
      'coreos-boot-edit.service',
      'initrd-switch-root.service',
      'var.mount',
      'boot.mount',
      'ostree-remount.service',
      'systemd-tmpfiles-setup.service',
      'coreos-ignition-firstboot-complete.service',
      'multi-user.target',
      'shutdown',
      'ostree-finalize-staged.service',
      'powerOff',
    ])
  })

  it('[5.6] runs Ignition’s stages in the initramfs on the first boot', () => {
    const stages = bootChain(steps, firstOn)?.nodes.filter((n) => n.kind === 'ignition') ?? []
    expect(stages.map((n) => n.stage)).toEqual(
      expect.arrayContaining(['fetch-offline', 'disks', 'files']),
    )
    expect(
      stages.every((n) => n.group === 'initramfs' && n.unit === `ignition-${n.stage}.service`),
    ).toBe(true)
  })

  it('[5.6] has no first-boot unit on a later boot', () => {
    const later = units(secondOn)
    expect(later.filter((u) => u.startsWith('ignition-'))).toEqual([])
    expect(later).not.toContain('coreos-boot-edit.service')
    expect(later).not.toContain('coreos-ignition-firstboot-complete.service')
    expect(later).toContain('ostree-prepare-root.service')
  })

  it('lights the node of the step at the cursor, with the past done and the rest pending', () => {
    const at = steps.findIndex(
      (s) => s.event.type === 'mount/bound' && s.event.target === '/sysroot.tmp/usr',
    )
    const chain = bootChain(steps, at)
    const state = (unit: string) => chain?.nodes.find((n) => (n.unit ?? n.kind) === unit)?.state
    expect(state('kernel')).toBe('done')
    expect(state('sysroot.mount')).toBe('done')
    expect(state('ostree-prepare-root.service')).toBe('current')
    expect(state('initrd-switch-root.service')).toBe('pending')
    expect(chain?.groups.find((g) => g.group === 'initramfs')?.state).toBe('current')
    expect(chain?.groups.find((g) => g.group === 'system')?.state).toBe('pending')
  })

  it('keeps one node per unit, lit while its steps play', () => {
    const at = indexOf('mount/moved')
    const chain = bootChain(steps, at)
    const prepare = chain?.nodes.find((n) => n.unit === 'ostree-prepare-root.service')
    expect(['current', 'active']).toContain(prepare?.state)
    expect(chain?.nodes.filter((n) => n.unit === 'ostree-prepare-root.service')).toHaveLength(1)
  })

  it('shows the boot ahead while the machine is off, and the last one once it has run', () => {
    expect(cycleAt(steps, 0)).toMatchObject({ start: firstOn, upcoming: true })
    expect(cycleAt(steps, firstOff)).toMatchObject({
      start: firstOn,
      end: firstOff,
      upcoming: false,
    })
    expect(cycleAt(steps, steps.length - 1)).toMatchObject({ start: secondOn, upcoming: false })
    expect(bootChain(steps, 0)?.nodes.every((n) => n.state === 'pending')).toBe(true)
    expect(bootChain(steps.slice(0, firstOn), 0)).toBeNull()
  })

  it('[5.6] shows each Ignition stage the engine reports as a unit, lit in turn', () => {
    // on the second boot, which has none of its own: in its initramfs, after the kernel started
    const at = indexOf('kernel/started', secondOn) + 1
    const base = steps[at] as Step
    const fetchOffline: IgnitionStageRan = {
      type: 'ignition/stage',
      stage: 'fetch-offline',
      provided: true,
    }
    const files: IgnitionStageRan = {
      type: 'ignition/stage',
      stage: 'files',
      actions: [],
      messages: [],
    }
    const stage = (event: IgnitionStageRan): Step => ({
      ...base,
      event,
      machine: base.machine as Machine,
    })
    expect(placeStep(stage(fetchOffline))).toMatchObject({
      group: 'initramfs',
      kind: 'ignition',
      unit: 'ignition-fetch-offline.service',
      stage: 'fetch-offline',
    })
    const withStages = [
      ...steps.slice(0, at),
      stage(fetchOffline),
      stage(files),
      ...steps.slice(at),
    ]
    const chain = bootChain(withStages, at + 1)
    expect(
      chain?.nodes.filter((n) => n.kind === 'ignition').map((n) => [n.stage, n.state]),
    ).toEqual([
      ['fetch-offline', 'done'],
      ['files', 'current'],
    ])
  })

  it('names mount units as systemd does', () => {
    expect(mountUnit('/var')).toBe('var.mount')
    expect(mountUnit('/')).toBe('-.mount')
    expect(mountUnit('/var/lib/my-data')).toBe('var-lib-my\\x2ddata.mount')
  })
})
