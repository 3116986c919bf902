import { describe, expect, it } from 'vitest'
import type { DirInode, Filesystem, Inode } from '../../engine/types'
import { fsStats } from './fsStats'
import {
  isObjectsDir,
  landmarks,
  objectCounts,
  touchIndex,
  treeRows,
  type EntryRow,
} from './fileTree'

// A filesystem by hand: / has `a/` (with 5 files) and `b`, a hard link to a/f0.
function build(): Filesystem {
  const dir = (entries: Record<string, number>): DirInode => ({
    kind: 'dir',
    uid: 0,
    gid: 0,
    mode: 0o755,
    mtime: 0,
    entries,
  })
  const file = (nlink = 1): Inode => ({
    kind: 'file',
    uid: 0,
    gid: 0,
    mode: 0o644,
    mtime: 0,
    nlink,
    size: 10,
    data: 'x',
  })
  const inodes: Inode[] = [
    dir({ a: 3, b: 4 }), // 2
    dir({ f0: 4, f1: 5, f2: 6, f3: 7, f4: 8 }), // 3
    file(2), // 4
    file(),
    file(),
    file(),
    file(),
  ]
  // inode 2 is the root; inode 3 is `a`
  return {
    label: 't',
    fstype: 'ext4',
    firstIno: 2,
    rootIno: 2,
    nextIno: 2 + inodes.length,
    chunks: [inodes],
  }
}

const names = (rows: ReturnType<typeof treeRows>) =>
  rows.map((r) => (r.kind === 'more' ? `…${r.count}` : `${'  '.repeat(r.depth)}${r.name}`))

describe('file tree rows', () => {
  const fs = build()
  const none = touchIndex([], 'boot')

  it('lists the root open and directories closed, in ls order', () => {
    expect(names(treeRows(fs, { fsKey: 'boot', touched: none, overrides: new Map() }))).toEqual([
      '/',
      '  a',
      '  b',
    ])
  })

  it('opens the directories that hold a touched path, and marks it', () => {
    const touched = touchIndex(['boot:/a/f3', 'root:/a/f1'], 'boot')
    const rows = treeRows(fs, { fsKey: 'boot', touched, overrides: new Map() })
    expect(names(rows)).toEqual([
      '/',
      '  a',
      '    f0',
      '    f1',
      '    f2',
      '    f3',
      '    f4',
      '  b',
    ])
    const marked = rows.filter((r): r is EntryRow => r.kind === 'entry' && r.touched)
    expect(marked.map((r) => r.key)).toEqual(['boot:/a/f3'])
    expect(rows.find((r) => r.key === 'boot:/a')).toMatchObject({
      holdsTouched: true,
      expanded: true,
    })
  })

  it('lets the reader close what a step opened, and open the rest', () => {
    const touched = touchIndex(['boot:/a/f3'], 'boot')
    const closed = treeRows(fs, { fsKey: 'boot', touched, overrides: new Map([['/a', false]]) })
    expect(names(closed)).toEqual(['/', '  a', '  b'])
  })

  it('lists a long directory in part, always keeping what was touched', () => {
    const touched = touchIndex(['boot:/a/f4'], 'boot')
    const rows = treeRows(fs, { fsKey: 'boot', touched, overrides: new Map(), maxChildren: 2 })
    expect(names(rows)).toEqual(['/', '  a', '    f0', '    f1', '    f4', '…2', '  b'])
  })

  it('lists a page more of a long directory when the reader asks', () => {
    const options = { fsKey: 'boot', touched: none, overrides: new Map([['/a', true]]) }
    const first = treeRows(fs, { ...options, maxChildren: 2 })
    expect(first.find((r) => r.kind === 'more')).toMatchObject({ dir: '/a', shown: 2, count: 3 })
    const more = treeRows(fs, { ...options, maxChildren: 2, limits: new Map([['/a', 4]]) })
    expect(names(more)).toEqual(['/', '  a', '    f0', '    f1', '    f2', '    f3', '…1', '  b'])
  })

  it('opens the landmarks of a sysroot and of /boot until the reader closes them', () => {
    const root = landmarks('root')
    expect(['/ostree', '/ostree/repo', '/ostree/deploy/fedora-coreos/deploy'].every(root)).toBe(
      true,
    )
    expect(['/ostree/repo/objects', '/ostree/deploy/fedora-coreos/deploy/abc.0'].some(root)).toBe(
      false,
    )
    const boot = landmarks('boot')
    expect(['/loader.0', '/loader.1/entries', '/ostree'].every(boot)).toBe(true)
    expect(boot('/grub2')).toBe(false)
    const opened = treeRows(fs, {
      fsKey: 'boot',
      touched: none,
      overrides: new Map(),
      openByDefault: (path) => path === '/a',
    })
    expect(names(opened)).toContain('    f0')
  })

  it('keys rows by filesystem and path, the form of Step.touched', () => {
    const rows = treeRows(fs, { fsKey: 'boot', touched: none, overrides: new Map([['/a', true]]) })
    expect(rows.map((r) => r.key)).toContain('boot:/a/f2')
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length)
  })
})

describe('repo objects', () => {
  // objects/ with two folders, as a bare repo stores them (reference 1.3)
  const dir = (entries: Record<string, number>): DirInode => ({
    kind: 'dir',
    uid: 0,
    gid: 0,
    mode: 0o755,
    mtime: 0,
    entries,
  })
  const file = (): Inode => ({
    kind: 'file',
    uid: 0,
    gid: 0,
    mode: 0o644,
    mtime: 0,
    nlink: 1,
    size: 100,
    data: 'x',
  })
  const objects = dir({ '0a': 3, ff: 4 })
  const repo: Filesystem = {
    label: 'root',
    fstype: 'xfs',
    firstIno: 2,
    rootIno: 2,
    nextIno: 9,
    chunks: [
      [
        objects,
        dir({ 'b1.commit': 5, 'c2.dirtree': 6, 'd3.file': 7 }),
        dir({ 'e4.file': 8 }),
        file(),
        file(),
        file(),
        file(),
      ],
    ],
  }

  it('[1.3] counts the objects of every folder by type, without listing them', () => {
    expect(objectCounts(repo, objects)).toEqual({
      folders: 2,
      total: 4,
      byType: { commit: 1, dirtree: 1, file: 2 },
    })
    expect(isObjectsDir('/ostree/repo/objects')).toBe(true)
    expect(isObjectsDir('/ostree/repo/objects/0a')).toBe(false)
  })

  it('counts a filesystem once per chunk, so a step that changed one chunk recounts one', () => {
    expect(fsStats(repo)).toEqual({ files: 4, dirs: 3, symlinks: 0, bytes: 400 })
    const grown: Filesystem = { ...repo, chunks: [...repo.chunks, [file()]] }
    expect(fsStats(grown)).toEqual({ files: 5, dirs: 3, symlinks: 0, bytes: 500 })
  })
})
