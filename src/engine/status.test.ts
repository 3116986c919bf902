import { describe, expect, it } from 'vitest'
import { boot, installImage, powerLoss, publishRelease, reboot, upgrade } from './ops'
import { finalizeWarning, listDeployments, loaderState } from './status'
import { after, chain, deepFreeze } from './testkit'
import type { JournalLine, Machine, PastBoot, Step } from './types'

const SCALE = 40

/** Installed, booted, upgraded once and rebooted into it: a booted deployment and a rollback. */
function withRollback(): Machine {
  return deepFreeze(
    chain(
      after(installImage({ profile: 'fcos', scale: SCALE })),
      boot,
      publishRelease,
      (m) => upgrade(m),
      (m) => reboot(m),
      publishRelease,
    ).machine,
  )
}

const flags = (m: Machine) =>
  listDeployments(m).map((d) => ({
    version: d.version,
    booted: d.booted,
    staged: d.staged,
    rollback: d.rollback,
    isDefault: d.isDefault,
    entry: d.entry,
  }))

/** The machine after the first step of `steps` whose event is `type`. */
function at(steps: Step[], type: string): Machine {
  const step = steps.find((s) => s.event.type === type)
  if (step === undefined) throw new Error(`no ${type} step`)
  return step.machine
}

describe('listDeployments', () => {
  const m = withRollback()
  const staged = after(upgrade(m))

  it('[3.3] lists three deployments while an update is staged: staged, booted, old rollback', () => {
    expect(flags(staged)).toEqual([
      {
        version: '39.20231204.3.3',
        booted: false,
        staged: true,
        rollback: false,
        isDefault: false,
        entry: null,
      },
      {
        version: '39.20231119.3.0',
        booted: true,
        staged: false,
        rollback: false,
        isDefault: true,
        entry: 'ostree-2-fedora-coreos.conf',
      },
      {
        version: '39.20231101.3.0',
        booted: false,
        staged: false,
        rollback: true,
        isDefault: false,
        entry: 'ostree-1-fedora-coreos.conf',
      },
    ])
  })

  it('[3.3, 5.1] the default is the first boot entry: a staged deployment has none before shutdown', () => {
    const off = after(powerLoss(staged))
    expect(listDeployments(off).find((d) => d.isDefault)?.version).toBe('39.20231119.3.0')
  })

  it('[3.1] after the rename the new deployment has the first entry of the new loader.N', () => {
    const rebooted = reboot(staged)
    const swapped = at(rebooted, 'bootloader/loaderSwapped')
    expect(listDeployments(swapped).map((d) => [d.version, d.isDefault, d.entry])).toEqual([
      ['39.20231204.3.3', true, 'ostree-2-fedora-coreos.conf'],
      ['39.20231119.3.0', false, 'ostree-1-fedora-coreos.conf'],
    ])
  })
})

describe('loaderState', () => {
  const m = withRollback()
  const rebooted = reboot(after(upgrade(m)))

  it('[1.4] names the active loader.N and its entries, version descending', () => {
    const state = loaderState(m)
    expect(state?.loader).toBe('loader.0')
    expect(state?.tmp).toBeNull()
    expect(state?.dirs.map((d) => [d.name, d.active, d.entries.map((e) => e.name)])).toEqual([
      ['loader.0', true, ['ostree-2-fedora-coreos.conf', 'ostree-1-fedora-coreos.conf']],
    ])
  })

  it('[3.1 step 6] fills the inactive loader.N while GRUB still reads the active one', () => {
    const synced = loaderState(at(rebooted, 'bootloader/synced'))
    expect(synced?.loader).toBe('loader.0')
    expect(synced?.tmp).toBe('loader.1')
    expect(synced?.dirs.map((d) => [d.name, d.active, d.entries.length])).toEqual([
      ['loader.0', true, 2],
      ['loader.1', false, 2],
    ])
    expect(synced?.dirs[1]?.entries[0]?.text).toMatch(/^title Fedora CoreOS 39\.20231204\.3\.3 /)
  })

  it('[3.1 step 6.8] the rename makes /boot/loader name the other folder; cleanup deletes the old one', () => {
    const swapped = loaderState(at(rebooted, 'bootloader/loaderSwapped'))
    expect(swapped?.loader).toBe('loader.1')
    expect(swapped?.tmp).toBeNull()
    expect(swapped?.dirs.map((d) => [d.name, d.active])).toEqual([
      ['loader.0', false],
      ['loader.1', true],
    ])
    const cleaned = loaderState(at(rebooted, 'cleanup/bootversionRemoved'))
    expect(cleaned?.dirs.map((d) => d.name)).toEqual(['loader.1'])
  })

  it('has nothing to say before /boot exists', () => {
    const partitioned = installImage({ profile: 'fcos', scale: SCALE })[0]?.machine
    expect(partitioned && loaderState(partitioned)).toBeNull()
  })
})

describe('rpm-ostree status after a boot whose finalization failed (rpm-ostree journal.rs)', () => {
  const UNIT = 'ostree-finalize-staged.service'
  const own = (message: string): JournalLine => ({ unit: UNIT, message })
  const systemd = (message: string): JournalLine => ({ unit: UNIT, message, by: 'systemd' })
  const past = (...journal: JournalLine[]): PastBoot => ({ start: 0, end: 1, units: [], journal })
  const HINT = '         check `journalctl -b -1 -u ostree-finalize-staged.service`\n'

  it('says nothing without a previous boot, or when it finalized nothing or finalized', () => {
    expect(finalizeWarning(undefined)).toBe('')
    expect(finalizeWarning(past(own('No deployment staged for finalization')))).toBe('')
    expect(
      finalizeWarning(
        past(
          own('Finalizing staged deployment'),
          own(
            'Bootloader updated; bootconfig swap: yes; bootversion: boot.0.1, deployment count change: 1',
          ),
          own('Finalized deployment'),
        ),
      ),
    ).toBe('')
  })

  it('quotes ostree’s last error line when the unit exited with an error code', () => {
    const failure = past(
      own('Finalizing staged deployment'),
      own('error: During /etc merge: cannot merge'),
      systemd(`${UNIT}: Control process exited, code=exited, status=1/FAILURE`),
      systemd(`${UNIT}: Failed with result 'exit-code'.`),
    )
    expect(finalizeWarning(failure)).toBe(
      'Warning: failed to finalize previous deployment\n' +
        '         error: During /etc merge: cannot merge\n' +
        HINT,
    )
  })

  it('quotes systemd when the unit did not exit by itself, and says only where to look otherwise', () => {
    const timeout = `${UNIT}: Failed with result 'timeout'.`
    expect(finalizeWarning(past(own('Finalizing staged deployment'), systemd(timeout)))).toBe(
      `Warning: failed to finalize previous deployment\n         ${timeout}\n${HINT}`,
    )
    // a power cut: finalization started and nothing, not even systemd, said how it ended
    expect(finalizeWarning(past(own('Finalizing staged deployment')))).toBe(
      `Warning: failed to finalize previous deployment\n${HINT}`,
    )
  })
})
