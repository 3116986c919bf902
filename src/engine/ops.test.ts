import { describe, expect, it } from 'vitest'
import {
  FsDraft,
  inodeOf,
  linkCount,
  lookupPath,
  readLink,
  readText,
  resolve,
  walkTree,
} from './fs'
import {
  boot,
  cleanupDeployments,
  editEtc,
  installImage,
  pin,
  powerLoss,
  publishRelease,
  reboot,
  rollback,
  shutdown,
  undeploy,
  upgrade,
} from './ops'
import { remoteOf } from './remote'
import { listDeployments, ostreeAdminStatus, rpmOstreeStatus } from './status'
import { deployPath, readBootEntries, readBootversion } from './sysroot'
import { after, assertInvariants, chain, deepFreeze, stepsOf } from './testkit'
import type { Inode, Machine, Step } from './types'

const SCALE = 120

function installed(profile: 'fcos' | 'rhcos' = 'fcos'): Machine {
  return after(installImage({ profile, scale: SCALE }))
}

/** Installed, booted, with the next release published and upgraded to, rebooted. */
function upgradedOnce(): { steps: Step[]; machine: Machine } {
  return chain(
    installed(),
    boot,
    publishRelease,
    (m) => upgrade(m),
    (m) => reboot(m),
  )
}

describe('install', () => {
  const steps = installImage({ profile: 'fcos', scale: SCALE })
  const m = after(steps)

  it('[install] leaves one deployment, loader.1 and boot.1.1 (reference 3.1 "Typical values")', () => {
    const boot = m.filesystems.boot!
    const root = m.filesystems.root!
    expect(readLink(boot, '/loader')).toBe('loader.1')
    expect(readLink(root, '/ostree/boot.1')).toBe('boot.1.1')
    expect(lookupPath(boot, '/loader.0')).toBeNull()
    expect(listDeployments(m)).toHaveLength(1)
    expect(listDeployments(m)[0]?.serial).toBe(0)
  })

  it('[install] flags the first boot with /boot/ignition.firstboot (reference 5.6)', () => {
    expect(readText(m.filesystems.boot!, '/ignition.firstboot')).toBe('')
  })

  it('[bls] writes ostree-1-fedora-coreos.conf with title, version, options, linux, initrd in that order (reference 1.5)', () => {
    const entries = readBootEntries(m.filesystems.boot!, 1)
    expect(entries.map((e) => e.name)).toEqual(['ostree-1-fedora-coreos.conf'])
    const text = entries[0]!.text
    expect(text.split('\n').map((l) => l.split(' ')[0])).toEqual([
      'title',
      'version',
      'options',
      'linux',
      'initrd',
      '',
    ])
    expect(text).toMatch(/^title Fedora CoreOS 39\.20231101\.3\.0 \(ostree:0\)\n/)
    expect(text).toContain('version 1\n')
    expect(text).toMatch(
      /options mitigations=auto,nosmt \$ignition_firstboot .*ostree=\/ostree\/boot\.1\/fedora-coreos\/[0-9a-f]{64}\/0/,
    )
    expect(text).toMatch(
      /linux \/ostree\/fedora-coreos-[0-9a-f]{64}\/vmlinuz-6\.5\.9-300\.fc39\.x86_64\n/,
    )
  })

  it('[hardlink] checks files out as links to the repo objects, mtime 0 (reference 2.1, 2.3)', () => {
    const root = m.filesystems.root!
    const d = listDeployments(m)[0]!
    const ls = resolve(root, `${deployPath(d)}/usr/bin/ls`)
    expect('ino' in ls).toBe(true)
    const inode = inodeOf(root, (ls as { ino: number }).ino)!
    expect(inode.kind).toBe('file')
    expect(linkCount(root, inode)).toBe(2)
    expect(inode.mtime).toBe(0)
  })

  it('[hardlink] copies empty files instead: one link, the time of the checkout (ostree-repo-checkout.c is_reg_zerosized)', () => {
    const root = m.filesystems.root!
    const empty: Inode[] = []
    walkTree(root, `${deployPath(listDeployments(m)[0]!)}/usr`, (_, inode) => {
      if (inode.kind === 'file' && inode.size === 0) empty.push(inode)
    })
    expect(empty.length).toBeGreaterThan(0)
    for (const inode of empty) {
      expect(linkCount(root, inode)).toBe(1)
      expect(inode.mtime).toBeGreaterThan(0)
    }
  })

  it('[etc] copies /usr/etc to /etc: link count 1, a real mtime (reference 2.4)', () => {
    const root = m.filesystems.root!
    const d = listDeployments(m)[0]!
    const passwd = lookupPath(root, `${deployPath(d)}/etc/passwd`)!
    expect(passwd.kind).toBe('file')
    expect(linkCount(root, passwd)).toBe(1)
    expect(passwd.mtime).toBeGreaterThan(0)
  })

  it('[invariants] hold at every step of the install, and steps survive JSON', () => {
    assertInvariants(steps)
    for (const step of steps) expect(JSON.parse(JSON.stringify(step))).toEqual(step)
  })
})

describe('boot', () => {
  it('[boot] boots the default deployment and mounts /usr read-only, /etc and /var read-write (reference 5.4)', () => {
    const steps = boot(deepFreeze(installed()))
    assertInvariants(steps)
    const m = after(steps)
    expect(m.runtime?.phase).toBe('running')
    const mounts = Object.fromEntries(m.runtime!.mounts.map((x) => [x.target, x]))
    const dir = deployPath(listDeployments(m)[0]!)
    expect(mounts['/']?.subtree).toBe(dir)
    expect(mounts['/usr']).toMatchObject({ subtree: `${dir}/usr`, readOnly: true })
    expect(mounts['/etc']).toMatchObject({ subtree: `${dir}/etc`, readOnly: false })
    expect(mounts['/var']).toMatchObject({
      subtree: '/ostree/deploy/fedora-coreos/var',
      readOnly: false,
    })
    expect(mounts['/sysroot']).toMatchObject({ subtree: '/', readOnly: true })
    expect(mounts['/boot']).toMatchObject({ filesystem: 'boot', readOnly: true })
  })

  it('[ignition] the first boot removes /boot/ignition.firstboot, so the next boot is not a first boot (reference 5.6)', () => {
    const first = after(boot(installed()))
    expect(readText(first.filesystems.boot!, '/ignition.firstboot')).toBeNull()
    expect(first.runtime!.cmdline).toContain('ignition.firstboot')
    const second = after(reboot(first))
    expect(second.runtime!.cmdline).not.toContain('ignition.firstboot')
  })
})

describe('staged upgrade', () => {
  const start = chain(installed(), boot, publishRelease).machine

  it('[stage] lists the staged deployment first, and changes nothing in /boot (reference 3.3)', () => {
    const steps = upgrade(deepFreeze(start))
    assertInvariants(steps)
    const m = after(steps)
    const list = listDeployments(m)
    expect(list.map((d) => [d.staged, d.booted])).toEqual([
      [true, false],
      [false, true],
    ])
    expect(m.filesystems.boot).toBe(start.filesystems.boot)
    expect(ostreeAdminStatus(m)).toMatch(
      /^ {2}fedora-coreos [0-9a-f]{64}\.0 \(staged\)\n {4}Version: /,
    )
  })

  it('[stage] shows three deployments while staged when a rollback exists (reference 6, "Retention")', () => {
    const twice = chain(upgradedOnce().machine, publishRelease, (m) => upgrade(m)).machine
    const list = listDeployments(twice)
    expect(list).toHaveLength(3)
    expect(
      list.map((d) => (d.staged ? 'staged' : d.booted ? 'booted' : d.rollback ? 'rollback' : '?')),
    ).toEqual(['staged', 'booted', 'rollback'])
    // Finalizing drops the old rollback: two remain.
    const rebooted = after(reboot(twice))
    expect(listDeployments(rebooted)).toHaveLength(2)
  })

  it('[finalize] the reboot merges /etc, swaps loader.1 for loader.0 and boots the new version', () => {
    const { steps, machine } = upgradedOnce()
    assertInvariants(steps)
    expect(readLink(machine.filesystems.boot!, '/loader')).toBe('loader.0')
    expect(readBootversion(machine.filesystems.boot!)).toBe(0)
    const list = listDeployments(machine)
    const remote = remoteOf('fcos', SCALE)
    expect(list[0]).toMatchObject({ booted: true, version: remote.release(1)!.version })
    expect(list[1]).toMatchObject({ rollback: true, version: remote.release(0)!.version })
    expect(steps.some((s) => s.event.type === 'etc/merged')).toBe(true)
    // The atomic rename is a step of its own.
    expect(steps.filter((s) => s.event.type === 'bootloader/loaderSwapped')).toHaveLength(1)
  })

  it('[finalize] keeps /etc edits made after staging (reference 3.3 step 4)', () => {
    const staged = after(upgrade(start))
    const edited = after(
      editEtc(staged, { type: 'write', path: 'motd', data: 'edited after staging\n' }),
    )
    const m = after(reboot(edited))
    const d = listDeployments(m).find((x) => x.booted)!
    expect(readText(m.filesystems.root!, `${deployPath(d)}/etc/motd`)).toBe(
      'edited after staging\n',
    )
  })

  it('[hardlink] an unchanged file is one inode shared by both deployments: link count 3 (reference 2.2)', () => {
    const m = upgradedOnce().machine
    const root = m.filesystems.root!
    const [a, b] = listDeployments(m)
    const ia = resolve(root, `${deployPath(a!)}/usr/bin/ls`) as { ino: number }
    const ib = resolve(root, `${deployPath(b!)}/usr/bin/ls`) as { ino: number }
    expect(ia.ino).toBe(ib.ino)
    expect(linkCount(root, inodeOf(root, ia.ino)!)).toBe(3)
  })
})

describe('power loss', () => {
  const staged = after(upgrade(chain(installed(), boot, publishRelease).machine))
  const rebootSteps = reboot(staged)
  const swapAt = rebootSteps.findIndex((s) => s.event.type === 'bootloader/loaderSwapped')
  const old = listDeployments(staged).find((d) => d.booted)!
  const next = listDeployments(staged).find((d) => d.staged)!

  it('[power] before the rename of loader.tmp the next boot lands on the old deployment', () => {
    const m = after(boot(after(powerLoss(rebootSteps[swapAt - 1]!.machine))))
    expect(m.runtime?.booted).toMatchObject({ checksum: old.checksum })
    assertInvariants([{ ...rebootSteps[0]!, machine: m }])
  })

  it('[power] after the rename the next boot lands on the new deployment', () => {
    const m = after(boot(after(powerLoss(rebootSteps[swapAt]!.machine))))
    expect(m.runtime?.booted).toMatchObject({ checksum: next.checksum })
  })

  it('[power] a power cut while staged loses the staged deployment; cleanup removes its folder (reference 3.3)', () => {
    const m = after(boot(after(powerLoss(staged))))
    expect(m.runtime?.booted).toMatchObject({ checksum: old.checksum })
    expect(listDeployments(m)).toHaveLength(1)
    expect(lookupPath(m.filesystems.root!, deployPath(next))).not.toBeNull()
    const cleaned = after(cleanupDeployments(m, { pending: true }))
    expect(lookupPath(cleaned.filesystems.root!, deployPath(next))).toBeNull()
  })
})

describe('rollback, pin, undeploy, cleanup', () => {
  const m = upgradedOnce().machine

  it('[rollback] moves the rollback to index 0, deletes nothing; status shows it pending (reference 6)', () => {
    const steps = rollback(deepFreeze(m))
    assertInvariants(steps)
    const r = after(steps)
    const list = listDeployments(r)
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({ pending: true, booted: false })
    expect(list[1]).toMatchObject({ booted: true, rollback: false })
    expect(ostreeAdminStatus(r)).toContain('(pending)')
    expect(ostreeAdminStatus(r)).not.toContain('(rollback)')
    const rebooted = after(reboot(r))
    expect(listDeployments(rebooted)[0]).toMatchObject({ booted: true })
    expect(listDeployments(rebooted)[1]).toMatchObject({ rollback: true })
  })

  it('[rollback] with one deployment fails with "No rollback deployment found"', () => {
    const one = after(boot(installed()))
    expect(rollback(one)[0]?.event).toMatchObject({
      type: 'command/failed',
      message: 'error: No rollback deployment found',
    })
  })

  it('[pin] a pinned deployment survives the next upgrade (reference 6, "Pinning")', () => {
    const pinned = after(pin(m, 1))
    expect(listDeployments(pinned)[1]?.pinned).toBe(true)
    expect(ostreeAdminStatus(pinned)).toContain('    Pinned: yes\n')
    const next = chain(
      pinned,
      publishRelease,
      (x) => upgrade(x),
      (x) => reboot(x),
    ).machine
    expect(listDeployments(next)).toHaveLength(3)
  })

  it('[pin] a staged deployment cannot be pinned', () => {
    const staged = after(upgrade(after(publishRelease(m))))
    expect(pin(staged, 0)[0]?.event).toMatchObject({
      message: 'error: Cannot pin staged deployment',
    })
  })

  it('[undeploy] refuses the booted deployment and removes another one (reference 6)', () => {
    expect(undeploy(m, 0)[0]?.event).toMatchObject({
      message: 'error: Cannot undeploy currently booted deployment 0',
    })
    const steps = undeploy(m, 1)
    assertInvariants(steps)
    const u = after(steps)
    expect(listDeployments(u)).toHaveLength(1)
    expect(steps.at(-1)?.event).toMatchObject({
      printed: expect.stringMatching(/^Deleted deployment [0-9a-f]{64}\.0$/),
    })
  })

  it('[cleanup] -r removes the rollback and prunes what only it used (reference 6)', () => {
    const steps = cleanupDeployments(m, { rollback: true })
    assertInvariants(steps)
    expect(listDeployments(after(steps))).toHaveLength(1)
    const pruned = stepsOf(steps, 'repo/pruned')[0]
    expect(pruned?.event.objects).toBeGreaterThan(0)
  })

  it('[status] rpm-ostree status aligns keys in 23 columns (reference 7.2)', () => {
    const text = rpmOstreeStatus(m)
    expect(text).toMatch(/^State: idle\n/)
    expect(text).toMatch(
      /\n● fedora:fedora\/x86_64\/coreos\/stable\n {18}Version: \S+ \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\n {19}Commit: [0-9a-f]{64}\n/,
    )
  })
})

describe('RHEL CoreOS profile (the article)', () => {
  const m = chain(
    after(installImage({ profile: 'rhcos', scale: SCALE })),
    boot,
    publishRelease,
    (x) => upgrade(x),
    (x) => reboot(x),
  ).machine

  it("[rhcos] ostree admin status has the article's shape: stateroot rhcos, the checksum as origin refspec", () => {
    const text = ostreeAdminStatus(m)
    expect(text).toMatch(
      /^\* rhcos ([0-9a-f]{64})\.0\n {4}Version: 48\.84\.202106231817-0\n {4}origin refspec: \1\n {2}rhcos ([0-9a-f]{64})\.0 \(rollback\)\n {4}Version: 48\.84\.202105281935-0\n {4}origin refspec: \2\n$/,
    )
  })

  it('[rhcos] /usr/bin/ls is one inode shared by both deployments, link count 3, as the article shows', () => {
    const root = m.filesystems.root!
    const [a, b] = listDeployments(m)
    const ia = resolve(root, `${deployPath(a!)}/bin/ls`) as { ino: number }
    const ib = resolve(root, `${deployPath(b!)}/bin/ls`) as { ino: number }
    expect(ia.ino).toBe(ib.ino)
    const inode = inodeOf(root, ia.ino)!
    expect(linkCount(root, inode)).toBe(3)
    expect(inode).toMatchObject({ kind: 'file', size: 143368, mtime: 0 })
  })
})

describe('first boot edits', () => {
  it('[bls] the first boot pins root and boot by UUID in the entries, for every later boot (reference 1.5)', () => {
    const first = after(boot(installed()))
    const entry = readBootEntries(first.filesystems.boot!, 1)[0]!.text
    const rootUuid = first.filesystems.root!.uuid!
    const bootUuid = first.filesystems.boot!.uuid!
    expect(entry).toMatch(
      new RegExp(
        `^options .* root=UUID=${rootUuid} rw rootflags=prjquota boot=UUID=${bootUuid}$`,
        'm',
      ),
    )
    expect(first.runtime!.cmdline).not.toContain('root=UUID')
    const second = after(reboot(first))
    expect(second.runtime!.cmdline).toContain(`root=UUID=${rootUuid}`)
    expect(second.runtime!.cmdline).toMatch(
      /^BOOT_IMAGE=\(hd0,gpt3\)\/ostree\/fedora-coreos-[0-9a-f]{64}\/vmlinuz-6\.5\.9-300\.fc39\.x86_64 mitigations=auto,nosmt /,
    )
  })
})

describe('/etc edits', () => {
  it('[etc-edit] chown drops set-user-ID, and set-group-ID with group execution, even as root (chown(2))', () => {
    let m = installed()
    const etc = `${deployPath(listDeployments(m)[0]!)}/etc`
    const modeOf = (name: string): number | undefined =>
      lookupPath(m.filesystems.root!, `${etc}/${name}`)?.mode
    for (const [name, mode] of [
      ['suid', 0o4755],
      ['sgid', 0o2755],
      ['sgid-noexec', 0o2745],
    ] as const) {
      m = after(editEtc(m, { type: 'write', path: name, data: '', mode }))
      m = after(editEtc(m, { type: 'chown', path: name, uid: 0, gid: 0 }))
    }
    m = after(editEtc(m, { type: 'mkdir', path: 'sgid.d', mode: 0o2755 }))
    m = after(editEtc(m, { type: 'chown', path: 'sgid.d', uid: 1000, gid: 1000 }))
    expect([modeOf('suid'), modeOf('sgid'), modeOf('sgid-noexec'), modeOf('sgid.d')]).toEqual([
      0o755, 0o755, 0o2745, 0o2755,
    ])
  })
})

describe('a failed finalization, reported on the next boot (reference 3.3, step 7)', () => {
  const STAMP = '/ostree/finalize-failure.stamp'
  const error =
    "During /etc merge: Modified config file newly defaults to directory 'x.d', cannot merge"

  /** A Fedora CoreOS machine, off, as a shutdown whose finalization failed leaves it. */
  function leftByFailure(): Machine {
    const off = after(shutdown(after(boot(installed())), { reboot: false }))
    const draft = new FsDraft(off.filesystems.boot!)
    draft.writeFile(STAMP, error, { mtime: off.clock })
    return { ...off, filesystems: { ...off.filesystems, boot: draft.finish() } }
  }

  it('[finalize] ostree-boot-complete.service reads the stamp, deletes it and fails with its text', () => {
    const steps = boot(leftByFailure())
    const failed = steps.find((s) => s.event.type === 'unit/failed')!
    expect(failed.event).toMatchObject({ unit: 'ostree-boot-complete.service', message: error })
    const running = steps.at(-1)!.machine
    expect(readText(running.filesystems.boot!, STAMP)).toBeNull()
    expect(running.runtime?.units).toContainEqual({
      name: 'ostree-boot-complete.service',
      result: 'failed',
    })
    expect(running.runtime?.journal).toContainEqual({
      unit: 'ostree-boot-complete.service',
      message: `error: ostree-finalize-staged.service failed on previous boot: ${error}`,
    })
    // told once: the boot after has no stamp to read
    const again = chain(running, (m) => reboot(m)).steps
    expect(again.some((s) => s.event.type === 'unit/failed')).toBe(false)
    assertInvariants(steps)
  })

  it('[finalize] a boot without the stamp does not run the unit', () => {
    const steps = boot(installed())
    expect(steps.at(-1)!.machine.runtime?.units.map((u) => u.name)).not.toContain(
      'ostree-boot-complete.service',
    )
  })

  it('[journal] the boot that ended is kept for journalctl -b -1, after a shutdown or a power cut', () => {
    const running = after(boot(installed()))
    const lines = running.runtime!.journal
    for (const off of [after(reboot(running)), after(powerLoss(running))]) {
      // what the boot logged, then what its shutdown did (none: the plug was pulled)
      expect(off.previousBoot?.journal.slice(0, lines.length)).toEqual(lines)
      expect(off.previousBoot?.units).toEqual(running.runtime?.units)
    }
    expect(after(reboot(running)).previousBoot?.journal.at(-1)).toEqual({
      unit: 'ostree-finalize-staged.service',
      message: 'No deployment staged for finalization',
    })
  })
})
