/**
 * The apply half of the /etc merge where the new defaults stand in the way of a local change:
 * each case was found by the differential fuzzing (differential/etcFuzz.test.ts) and is what real
 * ostree 2022.7 did with it.
 */
import { describe, expect, it } from 'vitest'
import { FsDraft, emptyFilesystem, inoAt, lookupPath, readText } from './fs'
import { MergeError, mergeEtc } from './etcMerge'
import { deepFreeze } from './testkit'
import type { Filesystem } from './types'

/** A file (its text), a directory (null), or a symlink ('->' and its target). */
type Entry = [path: string, data: string | null, mode?: number] | [path: string, '->', string]

function isLink(e: Entry): e is [string, '->', string] {
  return e[1] === '->'
}

/** base = old /usr/etc, local = /etc, new = the new /etc (a fresh copy of the new /usr/etc). */
function setup(base: Entry[], local: Entry[], next: Entry[]): Filesystem {
  const d = new FsDraft(emptyFilesystem('root', 'xfs', 128, 100))
  const fill = (root: string, entries: Entry[]): void => {
    d.mkdirp(root, { mtime: 1 })
    for (const entry of entries) {
      const at = `${root}/${entry[0]}`
      if (isLink(entry)) d.symlink(at, entry[2], { mtime: 1 })
      else if (entry[1] === null) d.mkdir(at, { mode: entry[2] ?? 0o755, mtime: 1 })
      else d.writeFile(at, entry[1], { mode: entry[2] ?? 0o644, mtime: 1 })
    }
  }
  fill('/old/usr/etc', base)
  fill('/old/etc', local)
  fill('/new/usr/etc', next)
  fill('/new/etc', next)
  return deepFreeze(d.finish())
}

function merge(fs: Filesystem): Filesystem {
  const d = new FsDraft(fs)
  mergeEtc(
    d,
    { usrEtc: inoAt(fs, '/old/usr/etc')!, etc: inoAt(fs, '/old/etc')! },
    '/new/etc',
    inoAt(fs, '/new/usr/etc')!,
  )
  return d.finish()
}

const DIR_WITH_FILE: Entry[] = [
  ['d', null],
  ['d/x', 'default\n'],
]

describe('/etc merge where the new defaults are in the way (seen with ostree 2022.7)', () => {
  it('[etc-merge] a file deleted locally in a directory that is now a file stops the merge: glnx_shutil_rm_rf_at unlinks it', () => {
    const fs = setup(DIR_WITH_FILE, [['d', null]], [['d', 'now a file\n']])
    expect(() => merge(fs)).toThrow('unlinkat(d/x): Not a directory')
  })

  it('[etc-merge] a file deleted locally under a symlink loop stops the merge with ELOOP', () => {
    const fs = setup(DIR_WITH_FILE, [['d', null]], [['d', '->', 'd']])
    expect(() => merge(fs)).toThrow('unlinkat(d/x): Too many levels of symbolic links')
  })

  it('[etc-merge] a file changed locally in a directory that is now a file stops the merge: ensure_directory_from_template cannot open it', () => {
    const fs = setup(
      DIR_WITH_FILE,
      [
        ['d', null],
        ['d/x', 'local\n'],
      ],
      [['d', 'now a file\n']],
    )
    expect(() => merge(fs)).toThrow(
      new MergeError('opendir(d): Not a directory', {
        modified: ['d/x'],
        removed: [],
        added: [],
      }),
    )
  })

  it('[etc-merge] a file added locally in a directory that is now a dangling symlink stops the merge', () => {
    const fs = setup(
      [['d', null]],
      [
        ['d', null],
        ['d/y', 'local\n'],
      ],
      [['d', '->', 'missing']],
    )
    expect(() => merge(fs)).toThrow('opendir(d): No such file or directory')
  })

  it('[etc-merge] a local change under a directory that is now a symlink to a directory lands in that directory, which takes the local mode', () => {
    // ensure_directory_from_template opens the parent following symlinks, then copies the local
    // directory's owner and mode onto what it opened.
    const fs = merge(
      setup(
        [
          ['d', null, 0o700],
          ['d/x', 'default\n'],
        ],
        [
          ['d', null, 0o700],
          ['d/x', 'local\n'],
        ],
        [
          ['a', null],
          ['a/x', 'new default\n'],
          ['d', '->', 'a'],
        ],
      ),
    )
    expect(readText(fs, '/new/etc/a/x')).toBe('local\n')
    expect(lookupPath(fs, '/new/etc/a')?.mode).toBe(0o700)
    expect(lookupPath(fs, '/new/etc/d')).toMatchObject({ kind: 'symlink', target: 'a' })
  })

  it('[etc-merge] a file deleted locally under a directory that is now a symlink deletes the file it points to', () => {
    const fs = merge(
      setup(
        DIR_WITH_FILE,
        [['d', null]],
        [
          ['a', null],
          ['a/x', 'new default\n'],
          ['d', '->', 'a'],
        ],
      ),
    )
    expect(lookupPath(fs, '/new/etc/a/x')).toBeNull()
    expect(lookupPath(fs, '/new/etc/a')?.kind).toBe('dir')
  })

  it('[etc-merge] missing parents of a local change are made with the local owner and mode, each of them', () => {
    const fs = merge(
      setup(
        [
          ['a', null, 0o700],
          ['a/x', null, 0o750],
          ['a/x/z', 'default\n'],
        ],
        [
          ['a', null, 0o700],
          ['a/x', null, 0o750],
          ['a/x/z', 'local\n'],
        ],
        [],
      ),
    )
    expect(lookupPath(fs, '/new/etc/a')?.mode).toBe(0o700)
    expect(lookupPath(fs, '/new/etc/a/x')?.mode).toBe(0o750)
    expect(readText(fs, '/new/etc/a/x/z')).toBe('local\n')
  })
})
