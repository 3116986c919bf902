import { describe, expect, it } from 'vitest'
import {
  deployPath,
  initialShell,
  listDeployments,
  lookupPath,
  readText,
  rpmOstreeStatus,
  runCommand,
  type MergeOutcome,
} from '../engine'
import { stepsOf } from '../engine/testkit'
import type { DeploymentId } from '../engine/types'
import { etcMerge } from './etcMerge'
import { runTour } from './run'

const steps = runTour(etcMerge, { scale: 40 })
const failed = stepsOf(steps, 'finalize/failed')
const merged = stepsOf(steps, 'etc/merged')
const last = steps.at(-1)!.machine

describe('the tour "Three-way merge of /etc" (reference 4)', () => {
  it('[etc-merge] fails the first upgrade on a local file where the new default is a directory', () => {
    expect(failed).toHaveLength(1)
    expect(failed[0]?.event.message).toBe(
      "During /etc merge: Modified config file newly defaults to directory 'containers/registries.conf.d', cannot merge",
    )
    // The old deployment boots after the failure: the first release.
    const bootAfter = steps
      .slice(steps.indexOf(failed[0]!))
      .find((s) => s.event.type === 'boot/finished')
    const booted = listDeployments(bootAfter!.machine).find((d) => d.booted)
    expect(booted?.version).toBe('48.84.202105281935-0')
  })

  it('[etc-merge] reports the failed finalization in rpm-ostree status on the next boot', () => {
    const at = steps.indexOf(failed[0]!)
    const message = failed[0]!.event.message as string
    // RHCOS 4.8's ostree (2020.7) predates finalize-failure.stamp and ostree-boot-complete (2022.3)
    expect(
      lookupPath(failed[0]!.machine.filesystems.boot!, '/ostree/finalize-failure.stamp'),
    ).toBeNull()
    expect(steps.some((s) => s.event.type === 'unit/failed')).toBe(false)
    const booted = steps.slice(at).find((s) => s.event.type === 'boot/finished')!.machine
    // rpm-ostree status, right after State: (rpm-ostree journal.rs, in rpm-ostree since 2018)
    expect(rpmOstreeStatus(booted)).toContain(
      'State: idle\n' +
        'Warning: failed to finalize previous deployment\n' +
        `         error: ${message}\n` +
        '         check `journalctl -b -1 -u ostree-finalize-staged.service`\n' +
        'Deployments:\n',
    )
    const run = (line: string) => runCommand(booted, initialShell(), line).output
    const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    expect(run('journalctl -b -1 -u ostree-finalize-staged.service')).toMatch(
      new RegExp(
        [
          'ostree-finalize-staged: Finalizing staged deployment',
          `ostree-finalize-staged: error: ${escaped}`,
          'systemd\\[1\\]: ostree-finalize-staged.service: Control process exited, code=exited, status=1/FAILURE',
          "systemd\\[1\\]: ostree-finalize-staged.service: Failed with result 'exit-code'.",
        ].join('\\n.*'),
      ),
    )
    // the boot after the next one no longer reads that journal
    const later = steps.slice(at).filter((s) => s.event.type === 'boot/finished')[1]?.machine
    expect(later).toBeDefined()
    expect(rpmOstreeStatus(later!)).not.toContain('Warning')
  })

  it('[etc-merge] merges every case of the table, each by its rule', () => {
    expect(merged).toHaveLength(1)
    const rules = Object.fromEntries(
      (merged[0]!.event.outcomes as MergeOutcome[]).map((o) => [o.path, o]),
    )
    const expected: Record<string, [string, boolean]> = {
      motd: ['default', true],
      'containers/registries.conf': ['default', true],
      'chrony.conf': ['localHidesUpstream', true],
      'sysconfig/crio-network': ['localSurvivesRemoval', true],
      sysconfig: ['keptForLocalChange', true],
      hosts: ['localWins', false],
      issue: ['deletedLocally', false],
      'NetworkManager/dispatcher.d/20-coreos-chrony-dhcp': ['modeOnly', false],
      localtime: ['symlinkRetargeted', false],
      'myapp.conf': ['addedLocally', false],
      'myapp.d': ['addedLocally', false],
      'myapp.d/10-listen.conf': ['addedLocally', false],
    }
    for (const [path, [rule, upstreamChanged]] of Object.entries(expected))
      expect(rules[path], path).toMatchObject({ rule, upstreamChanged })
  })

  it('[etc-merge] leaves the new /etc as the rules say', () => {
    const booted = listDeployments(last).find((d) => d.booted) as DeploymentId & { version: string }
    expect(booted.version).toBe('48.84.202108062347-0')
    const root = last.filesystems.root!
    const etc = (path: string) => `${deployPath(booted)}/etc/${path}`
    expect(readText(root, etc('chrony.conf'))).toMatch(/^server clock\.redhat\.com iburst\n/)
    expect(readText(root, etc('motd'))).toContain('48.84.202108062347-0')
    expect(lookupPath(root, etc('issue'))).toBeNull()
    expect(readText(root, etc('sysconfig/crio-network'))).toContain('--cni-plugin-dir')
    expect(readText(root, etc('hosts'))).toContain('registry.example.com')
    expect(lookupPath(root, etc('NetworkManager/dispatcher.d/20-coreos-chrony-dhcp'))?.mode).toBe(
      0o644,
    )
    expect(lookupPath(root, etc('localtime'))).toMatchObject({
      kind: 'symlink',
      target: '../usr/share/zoneinfo/Europe/Paris',
    })
    expect(readText(root, etc('myapp.d/10-listen.conf'))).toBe('listen = 8080\n')
    expect(lookupPath(root, etc('containers/registries.conf.d'))?.kind).toBe('dir')
  })

  it('explains the failure and the merge with notes', () => {
    expect(failed[0]?.note?.key).toBe('tour.etcMerge.failed')
    expect(merged[0]?.note?.key).toBe('tour.etcMerge.merged')
  })
})
