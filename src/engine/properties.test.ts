/**
 * Property tests: random sequences of what can happen to a machine (upgrades, reboots, rollbacks,
 * pins, cleanups, /etc edits, power cut at any step) keep every invariant, never mutate their input,
 * and every machine survives a JSON round trip.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkInvariants } from './invariants'
import {
  boot,
  cleanupDeployments,
  deploy,
  editEtc,
  installImage,
  pin,
  powerLoss,
  prune,
  publishRelease,
  pull,
  reboot,
  rollback,
  shutdown,
  undeploy,
  upgrade,
} from './ops'
import { listDeployments } from './status'
import { readLink, walkTree } from './fs'
import { after, deepFreeze } from './testkit'
import { readText } from './fs'
import { deployPath } from './sysroot'
import type { Machine, Step } from './types'

const SCALE = 60
const base = deepFreeze(after(installImage({ profile: 'fcos', scale: SCALE })))

type Action =
  | { op: 'boot'; entry: number }
  | { op: 'publish' }
  | { op: 'pull' }
  | { op: 'upgrade' }
  | { op: 'deploy' }
  | { op: 'reboot'; entry: number }
  | { op: 'poweroff' }
  | { op: 'rollback' }
  | { op: 'pin'; index: number; unpin: boolean }
  | { op: 'undeploy'; index: number }
  | { op: 'cleanup'; pending: boolean; rollback: boolean }
  | { op: 'prune' }
  | { op: 'edit'; kind: number; name: string }
  /** Cut the power after `at` (a fraction) of the next operation's steps. */
  | { op: 'cut'; at: number }

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ op: fc.constant('boot' as const), entry: fc.nat(2) }),
  fc.record({ op: fc.constant('publish' as const) }),
  fc.record({ op: fc.constant('pull' as const) }),
  fc.record({ op: fc.constant('upgrade' as const) }),
  fc.record({ op: fc.constant('deploy' as const) }),
  fc.record({ op: fc.constant('reboot' as const), entry: fc.nat(2) }),
  fc.record({ op: fc.constant('poweroff' as const) }),
  fc.record({ op: fc.constant('rollback' as const) }),
  fc.record({ op: fc.constant('pin' as const), index: fc.nat(3), unpin: fc.boolean() }),
  fc.record({ op: fc.constant('undeploy' as const), index: fc.nat(3) }),
  fc.record({ op: fc.constant('cleanup' as const), pending: fc.boolean(), rollback: fc.boolean() }),
  fc.record({ op: fc.constant('prune' as const) }),
  fc.record({
    op: fc.constant('edit' as const),
    kind: fc.nat(4),
    name: fc.constantFrom('motd', 'chrony.conf', 'new.conf', 'ssh/sshd_config', 'zz'),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
)

/** The shared /var of the stateroot, as a listing: upgrades and rollbacks never touch it. */
function varListing(m: Machine): string {
  const out: string[] = []
  walkTree(m.filesystems.root!, '/ostree/deploy/fedora-coreos/var', (rel, inode) =>
    out.push(`${rel} ${JSON.stringify(inode)}`),
  )
  return out.join('\n')
}

function apply(m: Machine, a: Action): Step[] {
  switch (a.op) {
    case 'boot':
      return m.power === 'off'
        ? boot(m, { entry: a.entry % Math.max(1, listDeployments(m).length) })
        : []
    case 'publish':
      return publishRelease(m)
    case 'pull':
      return pull(m)
    case 'upgrade':
      return upgrade(m)
    case 'deploy':
      return m.power === 'on' ? [] : deploy(m)
    case 'reboot':
      return m.power === 'on'
        ? reboot(m, { entry: a.entry % Math.max(1, listDeployments(m).length) })
        : []
    case 'poweroff':
      return m.power === 'on' ? shutdown(m, { reboot: false }) : []
    case 'rollback':
      return rollback(m)
    case 'pin':
      return pin(m, a.index, a.unpin)
    case 'undeploy':
      return undeploy(m, a.index)
    case 'cleanup':
      return cleanupDeployments(m, { pending: a.pending, rollback: a.rollback })
    case 'prune':
      return prune(m)
    case 'edit': {
      const edits = [
        { type: 'write' as const, path: a.name, data: `local ${a.name}\n` },
        { type: 'delete' as const, path: a.name },
        { type: 'chmod' as const, path: a.name, mode: 0o600 },
        { type: 'mkdir' as const, path: `${a.name}.d` },
        { type: 'symlink' as const, path: a.name, target: '../usr/share/elsewhere' },
      ]
      return editEtc(m, edits[a.kind % edits.length]!)
    }
    case 'cut':
      return []
  }
}

describe('properties', () => {
  it('[invariants] hold after every step of random operation sequences with power cuts', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 14 }), (actions) => {
        let m = base
        let cut: number | null = null
        for (const a of actions) {
          if (a.op === 'cut') {
            cut = a.at
            continue
          }
          const before = JSON.stringify(m)
          let steps = apply(deepFreeze(m), a)
          if (cut !== null && steps.length > 0) {
            // The disk keeps what the steps before the cut wrote; /run is lost.
            const kept = steps.slice(0, Math.floor(cut * steps.length))
            steps = [...kept, ...powerLoss(kept.at(-1)?.machine ?? m)]
            cut = null
          }
          expect(JSON.stringify(m)).toBe(before)
          const varBefore = varListing(m)
          let booting = false
          for (const step of steps) {
            seen.add(step.event.type)
            // Booting may create /var/home and friends (systemd-tmpfiles); nothing else touches /var.
            if (step.event.type === 'power/on') booting = true
            const problems = checkInvariants(step.machine)
            if (problems.length > 0)
              throw new Error(`${a.op} → ${step.event.type}: ${problems.join('; ')}`)
            expect(readLink(step.machine.filesystems.boot!, '/loader')).toMatch(/^loader\.[01]$/)
            if (!booting) {
              expect(varListing(step.machine), `${a.op} → ${step.event.type} changed /var`).toBe(
                varBefore,
              )
            }
          }
          const last = steps.at(-1)
          if (last !== undefined) {
            expect(JSON.parse(JSON.stringify(last.machine))).toEqual(last.machine)
            m = last.machine
          }
        }
      }),
      { numRuns: 60, seed: 20261125 },
    )
    // The sequences really exercised the machine, not only refusals.
    for (const type of [
      'deployment/staged',
      'etc/merged',
      'bootloader/loaderSwapped',
      'power/lost',
      'repo/pruned',
      'cleanup/deploymentRemoved',
    ]) {
      expect(seen, type).toContain(type)
    }
  })

  it('[power] an upgrade cut at any step boots the complete old or the complete new deployment, with its own /etc', () => {
    let m = after(boot(base))
    m = after(reboot(m))
    m = after(editEtc(m, { type: 'write', path: 'motd', data: 'local motd\n' }))
    m = after(publishRelease(m))
    const staged = upgrade(m)
    const all = [...staged, ...reboot(after(staged))]
    const old = listDeployments(m).find((d) => d.booted)!
    const next = listDeployments(after(staged)).find((d) => d.staged)!
    const varBefore = varListing(m)
    for (let i = 0; i < all.length; i++) {
      const cut = after(powerLoss(all[i]!.machine))
      const booted = after(boot(cut))
      const problems = checkInvariants(booted)
      expect(problems, `cut after step ${i}`).toEqual([])
      const b = booted.runtime!.booted!
      expect([old.checksum, next.checksum], `cut after step ${i}`).toContain(b.checksum)
      // The /etc that boots is the one that goes with it: the local edit is in both.
      const etc = readText(booted.filesystems.root!, `${deployPath(b)}/etc/motd`)
      expect(etc, `cut after step ${i}`).toBe('local motd\n')
      expect(varListing(booted)).toBe(varBefore)
      const swapped = all.slice(0, i + 1).some((s) => s.event.type === 'bootloader/loaderSwapped')
      expect(b.checksum, `cut after step ${i} (${all[i]!.event.type})`).toBe(
        swapped ? next.checksum : old.checksum,
      )
    }
  })
})
