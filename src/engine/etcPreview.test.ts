import { describe, expect, it } from 'vitest'
import { inoAt, readText } from './fs'
import { previewEtcMerge } from './etcPreview'
import { boot, editEtc, installImage, publishRelease, reboot, upgrade } from './ops'
import { deployPath, readStaged } from './sysroot'
import { after, chain, deepFreeze, stepsOf } from './testkit'
import type { Machine, Step } from './types'

const SCALE = 40

/** RHCOS booted on its first release, edited, with the next release staged. */
function staged(...edits: Parameters<typeof editEtc>[1][]): Machine {
  return deepFreeze(
    chain(
      after(installImage({ profile: 'rhcos', scale: SCALE })),
      boot,
      ...edits.map((edit) => (m: Machine) => editEtc(m, edit)),
      publishRelease,
      (m) => upgrade(m),
    ).machine,
  )
}

describe('the merge finalization will do (reference 3.3 step 4, 4)', () => {
  it('[etc-merge] gives the rules and the /etc that the shutdown merge then writes', () => {
    const m = staged(
      { type: 'write', path: '/etc/hosts', data: '10.0.0.1 db\n' },
      { type: 'delete', path: '/etc/issue' },
    )
    const s = readStaged(m)!
    const preview = previewEtcMerge(m, s.merge, s.target)!
    expect(preview.error).toBeNull()
    const rules = Object.fromEntries(preview.plan.outcomes.map((o) => [o.path, o.rule]))
    expect(rules).toMatchObject({
      hosts: 'localWins',
      issue: 'deletedLocally',
      // 48.84.202106231817-0 changes registries.conf and the motd upstream (rhcos.ts).
      'containers/registries.conf': 'default',
      motd: 'default',
    })
    const finalized = after(reboot(m))
    const merged = stepsOf(reboot(m), 'etc/merged')[0]!
    expect(merged.event.outcomes).toEqual(preview.plan.outcomes)
    const etc = `${deployPath(s.target)}/etc`
    for (const path of ['hosts', 'motd', 'containers/registries.conf'])
      expect(readText(preview.fs, `${etc}/${path}`)).toBe(
        readText(finalized.filesystems.root!, `${etc}/${path}`),
      )
    expect(inoAt(preview.fs, `${etc}/issue`)).toBeNull()
  })

  it('[etc-merge] leaves the machine as it was', () => {
    const m = staged({ type: 'write', path: '/etc/hosts', data: 'x\n' })
    const s = readStaged(m)!
    const before = readText(m.filesystems.root!, `${deployPath(s.target)}/etc/hosts`)
    previewEtcMerge(m, s.merge, s.target)
    expect(readText(m.filesystems.root!, `${deployPath(s.target)}/etc/hosts`)).toBe(before)
  })

  it("[etc-merge] names the file a new default directory stops, with ostree's error", () => {
    // 48.84.202106231817-0 adds the directory /usr/etc/containers/registries.conf.d (rhcos.ts).
    const m = staged({
      type: 'write',
      path: '/etc/containers/registries.conf.d',
      data: 'unqualified-search-registries = ["quay.io"]\n',
    })
    const s = readStaged(m)!
    const preview = previewEtcMerge(m, s.merge, s.target)!
    const message =
      "Modified config file newly defaults to directory 'containers/registries.conf.d', cannot merge"
    expect(preview.error).toBe(`During /etc merge: ${message}`)
    expect(preview.plan.outcomes.find((o) => o.path === 'containers/registries.conf.d')?.rule).toBe(
      'newDefaultIsDirectory',
    )
    const steps: Step[] = reboot(m)
    const failed = steps.find((step) => step.event.type === 'finalize/failed')!
    expect(failed.event).toMatchObject({
      message: `During /etc merge: ${message}`,
      deployment: s.target,
      merge: s.merge,
    })
  })
})

describe('editEtc', () => {
  it('[etc] refuses a path outside /etc', () => {
    const m = after(boot(after(installImage({ profile: 'rhcos', scale: SCALE }))))
    const steps = editEtc(m, { type: 'write', path: '/usr/etc/hosts', data: 'x\n' })
    expect(steps.map((s) => s.event)).toEqual([
      {
        type: 'command/failed',
        command: 'edit /etc',
        message: 'Not in /etc: /usr/etc/hosts',
        exitCode: 1,
      },
    ])
  })
})
