import { describe, expect, it } from 'vitest'
import { utc } from '../releases/rng'
import { columns, expandTabs, gFormatSize, humanSize, lsTime, modeString } from './format'
import { parseMode } from './commands/edit'
import { packageDiff, rpmvercmp } from './packages'

describe('coreutils formats', () => {
  it('[ls -h] human sizes match GNU ls -lh (sizes measured with coreutils 9.1)', () => {
    // `truncate -s N f; ls -lh f` on this machine.
    const real: [number, string][] = [
      [0, '0'],
      [1, '1'],
      [1023, '1023'],
      [1024, '1.0K'],
      [1025, '1.1K'],
      [1536, '1.5K'],
      [10239, '10K'],
      [10240, '10K'],
      [10241, '11K'],
      [102400, '100K'],
      [143368, '141K'],
      [1047552, '1023K'],
      [1048575, '1.0M'],
      [1048576, '1.0M'],
      [1048577, '1.1M'],
      [13935592, '14M'],
      [86122496, '83M'],
      [1073741824, '1.0G'],
      [1610612736, '1.5G'],
      [10485760000, '9.8G'],
    ]
    for (const [size, shown] of real) expect([size, humanSize(size)]).toEqual([size, shown])
  })

  it('[ls -l] dates: the year for mtime 0, the time within six months (C locale, UTC)', () => {
    const now = utc(2023, 12, 4, 20, 0, 0)
    expect(lsTime(0, now)).toBe('Jan  1  1970')
    expect(lsTime(utc(2023, 11, 20, 14, 31), now)).toBe('Nov 20 14:31')
    expect(lsTime(utc(2023, 3, 1, 9, 5), now)).toBe('Mar  1  2023')
    expect(lsTime(now, now)).toBe('Dec  4 20:00')
    // A time in the future shows its year, as coreutils does.
    expect(lsTime(now + 3600, now)).toBe('Dec  4  2023')
  })

  it('[ls -l] mode strings with setuid, setgid and sticky letters', () => {
    const file = { kind: 'file' as const, nlink: 1, size: 0, data: '', uid: 0, gid: 0, mtime: 0 }
    expect(modeString({ ...file, mode: 0o4111 })).toBe('---s--x--x')
    expect(modeString({ ...file, mode: 0o644 })).toBe('-rw-r--r--')
    expect(modeString({ kind: 'dir', entries: {}, uid: 0, gid: 0, mtime: 0, mode: 0o1777 })).toBe(
      'drwxrwxrwt',
    )
    expect(modeString({ ...file, mode: 0o2600 })).toBe('-rw---S---')
  })

  it("[ls] columns: the article's listing of a deployment root, 80 columns", () => {
    const names =
      'bin boot dev etc home lib lib64 media mnt opt ostree proc root run sbin srv sys sysroot tmp usr var'.split(
        ' ',
      )
    expect(columns(names)).toBe(
      'bin   dev  home  lib64  mnt  ostree  root  sbin  sys      tmp  var\n' +
        'boot  etc  lib   media  opt  proc    run   srv   sysroot  usr\n',
    )
  })

  it('[ls] columns fall back to one per line when a name is wider than the screen', () => {
    expect(columns(['a'.repeat(90), 'b'])).toBe(`${'a'.repeat(90)}\nb\n`)
  })

  it('[terminal] tabs expand to the next multiple of eight', () => {
    expect(expandTabs('  Size: 87        \tBlocks: 8')).toBe('  Size: 87              Blocks: 8')
  })

  it('[glib] g_format_size: decimal units, one decimal', () => {
    expect(gFormatSize(999)).toBe('999 bytes')
    expect(gFormatSize(198_300_000)).toBe('198.3 MB')
    expect(gFormatSize(1_342_680_460)).toBe('1.3 GB')
  })

  it('[chmod] numeric and symbolic modes', () => {
    expect(parseMode('600', 0o644, false)).toBe(0o600)
    expect(parseMode('u+x,go-rwx', 0o664, false)).toBe(0o700)
    expect(parseMode('a=r', 0o777, false)).toBe(0o444)
    expect(parseMode('+x', 0o644, false, 0o022)).toBe(0o755)
    expect(parseMode('g+X', 0o600, true)).toBe(0o610)
    expect(parseMode('nonsense', 0o644, false)).toBeNull()
  })
})

describe('rpm versions', () => {
  it('[rpm] rpmvercmp compares digit runs as numbers', () => {
    expect(rpmvercmp('2.38-10', '2.38-7')).toBe(1)
    expect(rpmvercmp('0.0.25', '0.0.26')).toBe(-1)
    expect(rpmvercmp('1.0', '1.0')).toBe(0)
  })

  it('[rpm-ostree] the package diff lists Upgraded then Downgraded, names sorted', () => {
    const a = [
      { name: 'zincati', evr: '0.0.26-2.fc39', arch: 'x86_64' },
      { name: 'bash', evr: '5.2.15-5.fc39', arch: 'x86_64' },
    ]
    const b = [
      { name: 'zincati', evr: '0.0.25-6.fc39', arch: 'x86_64' },
      { name: 'bash', evr: '5.2.21-1.fc39', arch: 'x86_64' },
    ]
    expect(packageDiff(a, b)).toBe(
      'Upgraded:\n  bash 5.2.15-5.fc39 -> 5.2.21-1.fc39\nDowngraded:\n  zincati 0.0.26-2.fc39 -> 0.0.25-6.fc39\n',
    )
  })
})
