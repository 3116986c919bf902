import { describe, expect, it } from 'vitest'
import { FsDraft, emptyFilesystem, inoAt, lookupPath, readText } from './fs'
import {
  MergeError,
  diffEtc,
  formatConfigDiff,
  mergeEtc,
  planEtcMerge,
  type MergeRule,
} from './etcMerge'
import { deepFreeze } from './testkit'
import type { Filesystem } from './types'

/** base = old /usr/etc, local = /etc, new = the new deployment's fresh /etc copy (and its /usr/etc). */
function setup(build: (d: FsDraft) => void): Filesystem {
  const d = new FsDraft(emptyFilesystem('root', 'xfs', 128, 100))
  for (const dir of ['/old/usr/etc', '/old/etc', '/new/usr/etc', '/new/etc'])
    d.mkdirp(dir, { mtime: 100 })
  build(d)
  return deepFreeze(d.finish())
}

/** Writes the same file into base and local (unmodified), and into new. */
function file(
  d: FsDraft,
  path: string,
  base: string | null,
  local: string | null,
  next: string | null,
): void {
  if (base !== null) d.writeFile(`/old/usr/etc/${path}`, base, { mtime: 1 })
  if (local !== null) d.writeFile(`/old/etc/${path}`, local, { mtime: 5 })
  if (next !== null) {
    d.writeFile(`/new/usr/etc/${path}`, next, { mtime: 1 })
    d.writeFile(`/new/etc/${path}`, next, { mtime: 9 })
  }
}

function merge(fs: Filesystem): { fs: Filesystem; rules: Record<string, MergeRule> } {
  const d = new FsDraft(fs)
  const result = mergeEtc(
    d,
    { usrEtc: inoAt(fs, '/old/usr/etc')!, etc: inoAt(fs, '/old/etc')! },
    '/new/etc',
    inoAt(fs, '/new/usr/etc')!,
  )
  return { fs: d.finish(), rules: Object.fromEntries(result.outcomes.map((o) => [o.path, o.rule])) }
}

describe('/etc three-way merge (reference 4)', () => {
  it('[etc-merge] an unmodified file takes the new default, even when upstream changed it', () => {
    const { fs, rules } = merge(setup((d) => file(d, 'chrony.conf', 'old\n', 'old\n', 'new\n')))
    expect(readText(fs, '/new/etc/chrony.conf')).toBe('new\n')
    expect(rules['chrony.conf']).toBe('default')
  })

  it('[etc-merge] a file changed locally and upstream keeps the local copy whole', () => {
    const { fs, rules } = merge(
      setup((d) => file(d, 'passwd', 'root\n', 'root\ncore\n', 'root\nnew\n')),
    )
    expect(readText(fs, '/new/etc/passwd')).toBe('root\ncore\n')
    expect(rules.passwd).toBe('localHidesUpstream')
  })

  it('[etc-merge] a file modified locally and deleted upstream survives', () => {
    const { fs, rules } = merge(setup((d) => file(d, 'dnsmasq.conf', 'a\n', 'b\n', null)))
    expect(readText(fs, '/new/etc/dnsmasq.conf')).toBe('b\n')
    expect(rules['dnsmasq.conf']).toBe('localSurvivesRemoval')
  })

  it('[etc-merge] a file deleted locally stays deleted, even if upstream changed it', () => {
    const { fs, rules } = merge(setup((d) => file(d, 'issue', 'a\n', null, 'b\n')))
    expect(lookupPath(fs, '/new/etc/issue')).toBeNull()
    expect(rules.issue).toBe('deletedLocally')
  })

  it('[etc-merge] a chmod alone counts as modified: the local mode is kept', () => {
    const { fs, rules } = merge(
      setup((d) => {
        file(d, 'locale.conf', 'LANG=C\n', 'LANG=C\n', 'LANG=C\n')
        d.setAttrs('/old/etc/locale.conf', { mode: 0o600 })
      }),
    )
    expect(lookupPath(fs, '/new/etc/locale.conf')?.mode).toBe(0o600)
    expect(rules['locale.conf']).toBe('modeOnly')
  })

  it('[etc-merge] a retargeted symlink is copied as the local symlink', () => {
    const { fs, rules } = merge(
      setup((d) => {
        d.symlink('/old/usr/etc/localtime', '../usr/share/zoneinfo/UTC', { mtime: 1 })
        d.symlink('/old/etc/localtime', '../usr/share/zoneinfo/Europe/Paris', { mtime: 5 })
        d.symlink('/new/usr/etc/localtime', '../usr/share/zoneinfo/UTC', { mtime: 1 })
        d.symlink('/new/etc/localtime', '../usr/share/zoneinfo/UTC', { mtime: 9 })
      }),
    )
    expect(lookupPath(fs, '/new/etc/localtime')).toMatchObject({
      kind: 'symlink',
      target: '../usr/share/zoneinfo/Europe/Paris',
    })
    expect(rules.localtime).toBe('symlinkRetargeted')
  })

  it('[etc-merge] a directory added locally is copied with everything in it, modes kept', () => {
    const { fs, rules } = merge(
      setup((d) => {
        d.mkdir('/old/etc/myapp.d', { mode: 0o750, mtime: 5 })
        d.writeFile('/old/etc/myapp.d/a.conf', 'a\n', { mode: 0o600, mtime: 5 })
      }),
    )
    expect(lookupPath(fs, '/new/etc/myapp.d')?.mode).toBe(0o750)
    expect(lookupPath(fs, '/new/etc/myapp.d/a.conf')).toMatchObject({
      mode: 0o600,
      data: 'a\n',
      mtime: 5,
    })
    expect(rules['myapp.d']).toBe('addedLocally')
  })

  it("[etc-merge] a local file whose new default is a directory fails the deployment with ostree's message", () => {
    const fs = setup((d) => {
      file(d, 'foo', 'a\n', 'b\n', null)
      d.mkdir('/new/usr/etc/foo', { mtime: 1 })
      d.mkdir('/new/etc/foo', { mtime: 9 })
    })
    // The error carries the diff: ostree printed its counts before it stopped.
    expect(() => merge(fs)).toThrow(
      new MergeError("Modified config file newly defaults to directory 'foo', cannot merge", {
        modified: ['foo'],
        removed: [],
        added: [],
      }),
    )
  })

  it('[etc-merge] a directory gone upstream is made again for a local change it holds', () => {
    const { fs, rules } = merge(
      setup((d) => {
        d.mkdir('/old/usr/etc/sysconfig', { mtime: 1 })
        d.mkdir('/old/etc/sysconfig', { mtime: 5 })
        file(d, 'sysconfig/crio-network', 'A=\n', 'A=1\n', null)
      }),
    )
    expect(readText(fs, '/new/etc/sysconfig/crio-network')).toBe('A=1\n')
    expect(rules.sysconfig).toBe('keptForLocalChange')
    expect(rules['sysconfig/crio-network']).toBe('localSurvivesRemoval')
  })

  it('[etc-merge] the plan names the local file a new default directory stops, and writes nothing', () => {
    const fs = setup((d) => {
      d.writeFile('/old/etc/foo', 'mine\n', { mtime: 5 })
      d.mkdir('/new/usr/etc/foo', { mtime: 1 })
      d.mkdir('/new/etc/foo', { mtime: 9 })
    })
    const plan = planEtcMerge(
      fs,
      { usrEtc: inoAt(fs, '/old/usr/etc')!, etc: inoAt(fs, '/old/etc')! },
      inoAt(fs, '/new/usr/etc')!,
    )
    expect(plan.diff.added).toEqual(['foo'])
    expect(plan.outcomes).toEqual([
      { path: 'foo', rule: 'newDefaultIsDirectory', upstreamChanged: true },
    ])
    expect(() => merge(fs)).toThrow(MergeError)
  })

  it('[config-diff] lists M, then D, then A lines: a letter, four spaces, the path (reference 4)', () => {
    const fs = setup((d) => {
      file(d, 'a', '1', '2', '1')
      file(d, 'b', '1', null, '1')
      file(d, 'c', null, '1', null)
    })
    const diff = diffEtc(fs, inoAt(fs, '/old/usr/etc')!, inoAt(fs, '/old/etc')!)
    expect(formatConfigDiff(diff)).toBe('M    a\nD    b\nA    c\n')
  })
})
