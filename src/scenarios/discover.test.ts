import { describe, expect, it } from 'vitest'
import { initialShell, listDeployments, runCommand } from '../engine'
import type { Machine } from '../engine/types'
import { discover } from './discover'
import { chaptersOf, storyStart } from './registry'
import { runTour } from './run'
import type { TourStep } from './types'

const steps = runTour(discover, { scale: 40 })
const chapters = chaptersOf(discover).map((c) => c.id)
const inChapter = (id: string): TourStep[] =>
  steps.filter((s) => s.chapter !== undefined && chapters[s.chapter] === id)
const run = (m: Machine, line: string) => runCommand(m, initialShell(), line).output
const booted = (m: Machine) => listDeployments(m).find((d) => d.booted)?.version

describe('the tour "Discover CoreOS" (the article’s path)', () => {
  it('follows the article: the disk, the first boot, an update, the switch, the new release, the way back', () => {
    expect(chapters).toEqual(['disk', 'first-boot', 'update', 'switch', 'new-release', 'rollback'])
    // the install is part of the story: nothing is hidden before it
    expect(storyStart(steps)).toBe(0)
    for (const id of chapters) expect(inChapter(id).length, id).toBeGreaterThan(0)
  })

  it('[3.3] the switch ends with the machine off; the new release boots in a chapter of its own', () => {
    expect(inChapter('switch').at(-1)?.event.type).toBe('power/off')
    expect(inChapter('new-release')[0]?.event.type).toBe('power/on')
  })

  it('[article] after the checkout, ls is one inode with 3 links in both deployments', () => {
    const staged = inChapter('update').find((s) => s.event.type === 'deployment/staged')
    const lines = run(staged!.machine, 'ls -li /ostree/deploy/*/deploy/*/bin/ls').trim().split('\n')
    expect(lines).toHaveLength(2)
    const [a, b] = lines.map((line) => line.split(/\s+/).slice(0, 3))
    expect(a?.[0]).toBe(b?.[0])
    expect(a?.[2]).toBe('3')
  })

  it('[4] the two /etc changes made before the upgrade are in the new release', () => {
    const up = inChapter('new-release').at(-1)!.machine
    expect(booted(up)).toBe('39.20231119.3.0')
    expect(run(up, 'tail -n 1 /etc/chrony.conf')).toBe('server time.example.com iburst\n')
    expect(run(up, 'cat /etc/hostname')).toBe('coreos\n')
  })

  it('[6] ends on the first release, with the newer one as its rollback', () => {
    const end = steps.at(-1)!.machine
    expect(listDeployments(end).map((d) => [d.version, d.booted, d.rollback])).toEqual([
      ['39.20231101.3.0', true, false],
      ['39.20231119.3.0', false, true],
    ])
    expect(run(end, 'cat /etc/hostname')).toBe('coreos\n')
  })

  it('[fold] shows the first boot in full, and only what differs in the later two', () => {
    const shown = (id: string) => inChapter(id).filter((s) => !s.folded)
    expect(shown('first-boot')).toHaveLength(inChapter('first-boot').length)
    expect(shown('new-release').map((s) => s.event.type)).toEqual([
      'grub/menu',
      'prepareRoot/resolved',
      'mount/bound',
      'boot/finished',
    ])
    // the rollback is shown whole; the reboot after it, to what differs
    const reboot = inChapter('rollback').filter((s) => s.fold !== undefined)
    expect(reboot[0]?.event.type).toBe('shutdown/started')
    expect(
      reboot.filter((s) => !s.folded).map((s) => s.note?.key ?? s.question?.question.key),
    ).toEqual([
      'tour.discover.predictRollback',
      'tour.discover.nothingStaged',
      'tour.discover.rollbackEntry',
      'tour.discover.rolledBack',
    ])
    expect(new Set(steps.map((s) => s.fold))).toEqual(new Set([undefined, 0, 1]))
  })

  it('shows checksums shortened in its captions and notes', () => {
    const full = /[0-9a-f]{64}/
    expect(steps.filter((s) => full.test(JSON.stringify(s.caption)))).toEqual([])
    expect(steps.filter((s) => full.test(JSON.stringify(s.note ?? {})))).toEqual([])
  })
})
