import { describe, expect, it } from 'vitest'
import { lookupPath, readText } from './fs'
import { EXAMPLE_IGNITION } from './ignition'
import { boot, installImage, provideIgnition, publishRelease, reboot, upgrade } from './ops'
import { configDiff, listDeployments } from './status'
import { deployPath } from './sysroot'
import { after, assertInvariants, chain, stageStep, stepsOf } from './testkit'
import type { Machine, Step } from './types'

const installed = after(installImage({ profile: 'fcos', scale: 60 }))
const withConfig = (text: string | null): Machine => after(provideIgnition(installed, text))
const stages = (steps: Step[]): string[] =>
  stepsOf(steps, 'ignition/stage').map((s) => s.event.stage)

describe('Ignition on the first boot (reference 5.6)', () => {
  it('[ignition] runs its stages in order on the first boot, and never again', () => {
    const first = boot(withConfig(null))
    assertInvariants(first)
    expect(stages(first)).toEqual([
      'fetch-offline',
      'fetch',
      'kargs',
      'disks',
      'mount',
      'files',
      'umount',
    ])
    const second = reboot(after(first))
    expect(stages(second)).toEqual([])
  })

  it('[ignition] with no config, the base config still creates the core user', () => {
    const m = after(boot(withConfig(null)))
    const d = listDeployments(m)[0]!
    expect(readText(m.filesystems.root!, `${deployPath(d)}/etc/passwd`)).toMatch(
      /^core:x:1000:1000:CoreOS Admin:\/var\/home\/core:\/bin\/bash$/m,
    )
  })

  it('[ignition] a kernel argument reboots the machine and the first boot starts over', () => {
    const steps = boot(withConfig(EXAMPLE_IGNITION))
    assertInvariants(steps)
    expect(steps.filter((s) => s.event.type === 'ignition/rebooted')).toHaveLength(1)
    const kargs = stageStep(steps, 'kargs')
    expect(kargs?.event.add).toEqual(['zswap.enabled=1'])
    const m = after(steps)
    expect(m.runtime?.phase).toBe('running')
    expect(m.runtime?.cmdline).toContain('zswap.enabled=1')
    expect(m.runtime?.cmdline).toContain('ignition.firstboot')
  })

  it("[ignition] files land in the deployment's /etc and the shared /var, and become local /etc changes", () => {
    const m = after(boot(withConfig(EXAMPLE_IGNITION)))
    const root = m.filesystems.root!
    const d = listDeployments(m)[0]!
    expect(readText(root, `${deployPath(d)}/etc/hostname`)).not.toBeNull()
    expect(lookupPath(root, `${deployPath(d)}/etc/systemd/system/hello.service`)?.kind).toBe('file')
    expect(
      readText(root, `${deployPath(d)}/etc/systemd/system-preset/20-ignition.preset`),
    ).toContain('enable hello.service')
    const keys = lookupPath(
      root,
      '/ostree/deploy/fedora-coreos/var/home/core/.ssh/authorized_keys.d/ignition',
    )
    expect(keys).toMatchObject({ kind: 'file', mode: 0o600, uid: 1000 })
    expect(configDiff(m)).toMatch(/^A {4}hostname$/m)
  })

  it("[ignition] an upgrade carries Ignition's /etc files over, as local changes (reference 5.6)", () => {
    const m = chain(
      withConfig(EXAMPLE_IGNITION),
      boot,
      publishRelease,
      (x) => upgrade(x),
      (x) => reboot(x),
    ).machine
    const d = listDeployments(m).find((x) => x.booted)!
    expect(d.index).toBe(0)
    expect(
      lookupPath(m.filesystems.root!, `${deployPath(d)}/etc/systemd/system/hello.service`)?.kind,
    ).toBe('file')
  })

  it('[ignition] a broken config stops the first boot in the emergency shell, with its problems', () => {
    const steps = boot(
      withConfig(
        '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "etc/x", "mode": 9999}]}}',
      ),
    )
    const failed = stepsOf(steps, 'ignition/failed')[0]
    expect(failed?.event.stage).toBe('fetch-offline')
    const problems = failed?.event.problems as { path: string }[]
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['$.storage.files[0].path', '$.storage.files[0].mode']),
    )
    const m = after(steps)
    expect(m.runtime?.phase).toBe('initramfs')
    expect(steps.at(-1)?.event.type).toBe('boot/failed')
  })

  it('[ignition] a file under /usr fails the files stage: /usr is read-only', () => {
    const config = JSON.stringify({
      ignition: { version: '3.4.0' },
      storage: { files: [{ path: '/usr/bin/tool', contents: { source: 'data:,x' } }] },
    })
    const steps = boot(withConfig(config))
    const failed = stepsOf(steps, 'ignition/failed')[0]
    expect(failed?.event.stage).toBe('files')
    expect(String(failed?.event.reason)).toMatch(/read-only file system/)
  })
})

describe('Ignition texts', () => {
  it('[i18n] every Ignition problem, action and failure has a text in English and French', async () => {
    const { IGNITION_MESSAGE_KEYS } = await import('./ignition/messages')
    const en = (await import('../i18n/en.json')).default as Record<string, string>
    const fr = (await import('../i18n/fr.json')).default as Record<string, string>
    expect(IGNITION_MESSAGE_KEYS.filter((k) => !(k in en))).toEqual([])
    expect(IGNITION_MESSAGE_KEYS.filter((k) => !(k in fr))).toEqual([])
  })
})
