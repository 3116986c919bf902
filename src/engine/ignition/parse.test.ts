import { describe, expect, it } from 'vitest'
import { EXAMPLE_IGNITION } from './example'
import { IGNITION_MESSAGE_KEYS } from './messages'
import { emptyIgnitionConfig, parseIgnition, SPEC_VERSIONS } from './parse'
import type { IgnitionProblem, ProblemKind } from './types'

/** A config of the given version with `rest` merged at the top level. */
function cfg(rest: Record<string, unknown> = {}, version = '3.4.0'): string {
  return JSON.stringify({ ignition: { version }, ...rest })
}

function problems(text: string): [string, ProblemKind, string][] {
  const { problems } = parseIgnition(text)
  for (const p of problems) expect(IGNITION_MESSAGE_KEYS).toContain(p.message.key)
  return problems.map((p) => [p.path, p.kind, p.message.key.replace('ignition.problem.', '')])
}

function find(text: string, path: string, key: string): IgnitionProblem | undefined {
  expect(IGNITION_MESSAGE_KEYS).toContain(`ignition.problem.${key}`)
  return parseIgnition(text).problems.find(
    (p) => p.path === path && p.message.key === `ignition.problem.${key}`,
  )
}

const file = (f: Record<string, unknown>): string => cfg({ storage: { files: [f] } })
const unit = (u: Record<string, unknown>): string => cfg({ systemd: { units: [u] } })

describe('parseIgnition: valid configs', () => {
  it('[ignition] the example config validates with no problem at all', () => {
    const { config, problems } = parseIgnition(EXAMPLE_IGNITION)
    expect(problems).toEqual([])
    expect(config?.version).toBe('3.4.0')
    expect(config?.storage.files.map((f) => [f.path, f.mode, f.contents?.text])).toEqual([
      ['/etc/hostname', 0o644, 'coreos-explorer\n'],
      ['/var/lib/hello/message.txt', 0o644, 'Hello from Ignition, written on the first boot.\n'],
    ])
    expect(config?.kernelArguments.shouldExist).toEqual(['zswap.enabled=1'])
  })

  it('[ignition] {"ignition":{"version":"3.4.0"}} is a valid empty config', () => {
    expect(parseIgnition('{"ignition":{"version":"3.4.0"}}')).toEqual({
      config: emptyIgnitionConfig('3.4.0'),
      problems: [],
    })
  })

  it('[ignition] accepts spec 3.0.0 to 3.4.0 (config/v3_4/config.go ParseCompatibleVersion)', () => {
    for (const v of SPEC_VERSIONS) {
      const r = parseIgnition(cfg({}, v))
      expect(r.problems).toEqual([])
      expect(r.config?.version).toBe(v)
    }
  })

  it('[ignition] null stands for "not set", as with Go pointers', () => {
    const r = parseIgnition(
      cfg({ storage: { files: [{ path: '/etc/a', mode: null, contents: null }] } }),
    )
    expect(r.problems).toEqual([])
    expect(r.config?.storage.files[0]).toMatchObject({ path: '/etc/a', mode: null, contents: null })
  })

  it('[ignition] decodes percent-escaped and base64 data URLs to text', () => {
    const r = parseIgnition(
      cfg({
        storage: {
          files: [
            { path: '/etc/a', contents: { source: 'data:,a%20b%0A' } },
            { path: '/etc/b', contents: { source: 'data:text/plain;charset=utf-8;base64,w6k=' } },
            { path: '/etc/c', contents: { source: '' } },
          ],
        },
      }),
    )
    expect(r.problems).toEqual([])
    expect(r.config?.storage.files.map((f) => [f.contents?.text, f.contents?.size])).toEqual([
      ['a b\n', 4],
      ['é', 2],
      ['', 0],
    ])
  })

  it('[ignition] reports every problem of a config at once', () => {
    const text = cfg({
      storage: {
        files: [
          { path: 'etc/a', mode: 99999 },
          { path: '/etc/b', mode: '420' },
        ],
      },
      systemd: { units: [{ name: 'x' }] },
    })
    const keys = problems(text).map(([path, , key]) => `${path} ${key}`)
    expect(keys).toEqual(
      expect.arrayContaining([
        '$.storage.files[0].path pathRelative',
        '$.storage.files[0].mode modeRange',
        '$.storage.files[1].mode expectedInteger',
        '$.systemd.units[0].name unitSuffix',
      ]),
    )
    expect(parseIgnition(text).config).toBeNull()
  })
})

describe('parseIgnition: the text and the version', () => {
  it('[ignition] an empty text is "not a config (empty)"', () => {
    expect(problems('')).toEqual([['$', 'error', 'empty']])
  })

  it('[ignition] not JSON: the line, column and character of the error', () => {
    const r = parseIgnition('{\n  "ignition": {"version": "3.4.0"},\n}')
    expect(r.problems).toEqual([
      {
        path: '$',
        kind: 'error',
        message: { key: 'ignition.problem.notJson', params: { line: 3, column: 1, found: '}' } },
      },
    ])
    expect(problems('{"ignition":')).toEqual([['$', 'error', 'notJsonEnd']])
  })

  it('[ignition] the top level must be an object', () => {
    expect(problems('[1]')).toEqual([['$', 'error', 'expectedObject']])
    expect(problems('"x"')).toEqual([['$', 'error', 'expectedObject']])
  })

  it('[ignition] a missing, unparsable or unsupported ignition.version is an error', () => {
    const at = '$.ignition.version'
    expect(problems('{}')).toEqual([[at, 'error', 'versionMissing']])
    expect(problems('null')).toEqual([[at, 'error', 'versionMissing']])
    expect(problems(cfg({}, ''))).toEqual([[at, 'error', 'versionMissing']])
    expect(problems(cfg({}, '3.4'))).toEqual([[at, 'error', 'versionInvalid']])
    expect(problems(cfg({}, '2.2.0'))).toEqual([[at, 'error', 'versionSpec2']])
    expect(problems(cfg({}, '3.5.0'))).toEqual([[at, 'error', 'versionTooNew']])
    expect(problems(cfg({}, '3.1.1'))).toEqual([[at, 'error', 'versionUnsupported']])
    expect(problems(cfg({}, '3.4.0+build'))).toEqual([[at, 'error', 'versionUnsupported']])
    expect(problems(cfg({}, '3.5.0-experimental'))).toEqual([
      [at, 'unsupported', 'versionExperimental'],
    ])
    expect(problems('{"ignition":{"version":3.4}}')).toEqual([[at, 'error', 'expectedString']])
  })

  it('[ignition] a bad version does not hide the other problems', () => {
    expect(problems(cfg({ storage: { files: [{ path: 'a' }] } }, '9.9.9'))).toContainEqual([
      '$.storage.files[0].path',
      'error',
      'pathRelative',
    ])
  })
})

describe('parseIgnition: keys and types (Go encoding/json, config/validate/validate.go)', () => {
  it('[ignition] an unknown key is a warning, as Ignition only warns "unused key"', () => {
    const text = cfg({ storage: { filez: [] } })
    expect(problems(text)).toEqual([['$.storage.filez', 'warning', 'unknownKey']])
    expect(parseIgnition(text).config).not.toBeNull()
  })

  it('[ignition] a key in another case is used (Go matches keys case-insensitively) and warned about', () => {
    const r = parseIgnition(cfg({ Storage: { Files: [{ Path: '/etc/a' }] } }))
    expect(r.config?.storage.files[0]?.path).toBe('/etc/a')
    expect(r.problems.map((p) => [p.path, p.message.params?.expected])).toEqual([
      ['$.Storage', 'storage'],
      ['$.Storage.Files', 'files'],
      ['$.Storage.Files[0].Path', 'path'],
    ])
  })

  it('[ignition] a repeated key: the last one wins, with a warning', () => {
    const r = parseIgnition(
      '{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/etc/a","path":"/etc/b"}]}}',
    )
    expect(r.config?.storage.files[0]?.path).toBe('/etc/b')
    expect(r.problems.map((p) => [p.path, p.message.key])).toEqual([
      ['$.storage.files[0].path', 'ignition.problem.duplicateKey'],
    ])
  })

  it('[ignition] a field newer than the config version is ignored with a warning', () => {
    expect(
      find(
        cfg({ kernelArguments: { shouldExist: ['a'] } }, '3.2.0'),
        '$.kernelArguments',
        'fieldNeedsVersion',
      )?.message.params,
    ).toEqual({
      key: 'kernelArguments',
      since: '3.3.0',
      version: '3.2.0',
    })
    expect(
      parseIgnition(cfg({ kernelArguments: { shouldExist: ['a'] } }, '3.2.0')).config
        ?.kernelArguments.shouldExist,
    ).toEqual([])
    expect(
      find(cfg({ storage: { luks: [] } }, '3.1.0'), '$.storage.luks', 'fieldNeedsVersion'),
    ).toBeDefined()
    expect(
      find(
        cfg({ passwd: { users: [{ name: 'a', shouldExist: false }] } }, '3.1.0'),
        '$.passwd.users[0].shouldExist',
        'fieldNeedsVersion',
      ),
    ).toBeDefined()
    expect(
      find(
        cfg({ ignition: { version: '3.0.0', proxy: {} } }, '3.0.0'),
        '$.ignition.proxy',
        'fieldNeedsVersion',
      ),
    ).toBeDefined()
    expect(
      find(
        cfg({ storage: { luks: [{ name: 'a', device: '/dev/vdb', discard: true }] } }, '3.3.0'),
        '$.storage.luks[0].discard',
        'fieldNeedsVersion',
      ),
    ).toBeDefined()
  })

  it('[ignition] wrong types are errors with the value found', () => {
    const cases: [string, string, string, string][] = [
      [
        file({ path: '/etc/a', mode: '420' }),
        '$.storage.files[0].mode',
        'expectedInteger',
        '"420"',
      ],
      [
        file({ path: '/etc/a', mode: 420.5 }),
        '$.storage.files[0].mode',
        'expectedInteger',
        '420.5',
      ],
      [file({ path: '/etc/a', mode: 4.2e2 }), '$.storage.files[0].mode', 'expectedInteger', ''],
      [
        file({ path: '/etc/a', overwrite: 'yes' }),
        '$.storage.files[0].overwrite',
        'expectedBoolean',
        '"yes"',
      ],
      [file({ path: 5 }), '$.storage.files[0].path', 'expectedString', '5'],
      [cfg({ storage: { files: {} } }), '$.storage.files', 'expectedArray', '{}'],
      [cfg({ storage: [] }), '$.storage', 'expectedObject', '[]'],
      [
        cfg({ passwd: { users: [{ name: 'a', groups: 'wheel' }] } }),
        '$.passwd.users[0].groups',
        'expectedArray',
        '"wheel"',
      ],
      [
        cfg({ passwd: { users: [{ name: 'a', uid: true }] } }),
        '$.passwd.users[0].uid',
        'expectedInteger',
        'true',
      ],
    ]
    for (const [text, path, key, found] of cases) {
      const p = find(text, path, key)
      if (key === 'expectedInteger' && found === '') {
        // 4.2e2 is written 420 by JSON.stringify: Go takes it, so no problem
        expect(p).toBeUndefined()
        continue
      }
      expect(p, `${path} ${key}`).toMatchObject({ kind: 'error', message: { params: { found } } })
    }
    expect(
      find(
        '{"ignition":{"version":"3.4.0"},"storage":{"files":[{"path":"/a","mode":4.2e2}]}}',
        '$.storage.files[0].mode',
        'expectedInteger',
      ),
    ).toBeDefined()
  })
})

describe('parseIgnition: storage', () => {
  it('[ignition] paths must be absolute and clean (config/v3_4/types/path.go)', () => {
    expect(problems(file({ path: 'etc/a' }))).toContainEqual([
      '$.storage.files[0].path',
      'error',
      'pathRelative',
    ])
    expect(problems(file({}))).toContainEqual(['$.storage.files[0].path', 'error', 'pathMissing'])
    expect(
      find(file({ path: '/etc//a/' }), '$.storage.files[0].path', 'pathNotClean')?.message.params,
    ).toEqual({
      path: '/etc//a/',
      clean: '/etc/a',
    })
    expect(problems(cfg({ storage: { directories: [{ path: '/etc/./d' }] } }))).toContainEqual([
      '$.storage.directories[0].path',
      'error',
      'pathNotClean',
    ])
  })

  it('[ignition] a mode is 0 to 07777, given in decimal', () => {
    expect(problems(file({ path: '/etc/a', mode: 4095 }))).toEqual([])
    expect(problems(file({ path: '/etc/a', mode: 4096 }))).toEqual([
      ['$.storage.files[0].mode', 'error', 'modeRange'],
    ])
    expect(problems(file({ path: '/etc/a', mode: -1 }))).toEqual([
      ['$.storage.files[0].mode', 'error', 'modeRange'],
    ])
    expect(
      find(file({ path: '/etc/a', mode: 644 }), '$.storage.files[0].mode', 'modeLooksOctal')
        ?.message.params,
    ).toEqual({
      mode: '644',
      octal: '01204',
      meant: '420',
    })
    expect(problems(file({ path: '/etc/a', mode: 420 }))).toEqual([])
  })

  it('[ignition] setuid/setgid/sticky bits before spec 3.4.0 warn and are dropped (v3_4/translate)', () => {
    const old = parseIgnition(
      cfg({ storage: { directories: [{ path: '/var/t', mode: 0o1777 }] } }, '3.3.0'),
    )
    expect(old.problems.map((p) => [p.path, p.kind, p.message.key])).toEqual([
      ['$.storage.directories[0].mode', 'warning', 'ignition.problem.modeSpecialBits'],
    ])
    expect(old.config?.storage.directories[0]?.mode).toBe(0o777)
    const now = parseIgnition(cfg({ storage: { directories: [{ path: '/var/t', mode: 0o1777 }] } }))
    expect(now.problems).toEqual([])
    expect(now.config?.storage.directories[0]?.mode).toBe(0o1777)
  })

  it('[ignition] a path twice across files, directories and links is a duplicate (ValidateDups)', () => {
    const text = cfg({
      storage: {
        directories: [{ path: '/etc/a' }],
        files: [{ path: '/etc/a' }, { path: '/etc/b' }, { path: '/etc/b' }],
        links: [{ path: '/etc/b', target: '/x' }],
      },
    })
    const dups = problems(text).filter(([, , k]) => k === 'duplicate')
    expect(dups.map(([p]) => p)).toEqual([
      '$.storage.files[0]',
      '$.storage.files[2]',
      '$.storage.links[0]',
    ])
  })

  it('[ignition] contents from the network are reported as unsupported, with their URL', () => {
    for (const url of [
      'http://example.com/a',
      'https://example.com/a',
      's3://bucket/a',
      'tftp://10.0.0.1/a',
      'gs://bucket/a',
    ]) {
      const p = find(
        file({ path: '/etc/a', contents: { source: url } }),
        '$.storage.files[0].contents.source',
        'sourceRemote',
      )
      expect(p, url).toMatchObject({ kind: 'unsupported', message: { params: { url } } })
    }
    expect(
      find(
        cfg({ storage: { files: [{ path: '/a', contents: { source: 'gs://b/a' } }] } }, '3.1.0'),
        '$.storage.files[0].contents.source',
        'sourceSchemeNeedsVersion',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', contents: { source: 'ftp://x/a' } }),
        '$.storage.files[0].contents.source',
        'sourceScheme',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', contents: { source: '/etc/b' } }),
        '$.storage.files[0].contents.source',
        'sourceScheme',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', append: [{ source: 'https://x/y' }] }),
        '$.storage.files[0].append[0].source',
        'sourceRemote',
      )?.kind,
    ).toBe('unsupported')
  })

  it('[ignition] bad data URLs and bad base64 are errors (vincent-petithory/dataurl)', () => {
    const cases: [string, string][] = [
      ['data:text,abc', 'dataUrl.badMediaType'],
      ['data:,a b', 'dataUrl.badCharacter'],
      ['data:,a#b', 'dataUrl.badCharacter'],
      ['data:,%zz', 'dataUrl.badEscape'],
      ['data:;base64,abc', 'dataUrl.badBase64'],
      ['data:;base64,ab$=', 'dataUrl.badCharacter'],
      ['data:abc', 'dataUrl.noComma'],
      ['data:text/plain;foo,abc', 'dataUrl.badParameter'],
    ]
    for (const [url, key] of cases)
      expect(
        find(
          file({ path: '/etc/a', contents: { source: url } }),
          '$.storage.files[0].contents.source',
          key,
        )?.kind,
        url,
      ).toBe('error')
  })

  it('[ignition] compression: "" or gzip; gzip needs a decompressor the simulator does not have', () => {
    expect(
      find(
        file({ path: '/a', contents: { source: 'data:,x', compression: 'zip' } }),
        '$.storage.files[0].contents.compression',
        'compressionInvalid',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', contents: { source: 'data:;base64,H4sI', compression: 'gzip' } }),
        '$.storage.files[0].contents.compression',
        'compressionGzip',
      )?.kind,
    ).toBe('unsupported')
    expect(
      problems(file({ path: '/etc/a', contents: { source: 'data:,x', compression: '' } })),
    ).toEqual([])
  })

  it('[ignition] verification: a well-formed hash of a source, checked against data URLs', () => {
    const at = '$.storage.files[0].contents.verification.hash'
    const good = 'sha256-2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' // "x"
    expect(
      problems(
        file({ path: '/etc/a', contents: { source: 'data:,x', verification: { hash: good } } }),
      ),
    ).toEqual([])
    expect(
      find(
        file({ path: '/etc/a', contents: { verification: { hash: good } } }),
        at,
        'verificationWithoutSource',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', contents: { source: 'data:,x', verification: { hash: 'abc' } } }),
        at,
        'hashMalformed',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', contents: { source: 'data:,x', verification: { hash: 'md5-00' } } }),
        at,
        'hashFunction',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({
          path: '/etc/a',
          contents: { source: 'data:,x', verification: { hash: 'sha256-00' } },
        }),
        at,
        'hashSize',
      )?.kind,
    ).toBe('error')
    expect(
      find(
        file({ path: '/etc/a', contents: { source: 'data:,y', verification: { hash: good } } }),
        at,
        'hashMismatch',
      )?.kind,
    ).toBe('warning')
  })

  it('[ignition] HTTP headers only go with http(s) sources', () => {
    const text = file({
      path: '/etc/a',
      contents: { source: 'data:,x', httpHeaders: [{ name: '', value: '' }] },
    })
    expect(problems(text)).toEqual(
      expect.arrayContaining([
        ['$.storage.files[0].contents.httpHeaders', 'error', 'headersScheme'],
        ['$.storage.files[0].contents.httpHeaders[0].name', 'error', 'headerNameEmpty'],
        ['$.storage.files[0].contents.httpHeaders[0].value', 'error', 'headerValueEmpty'],
      ]),
    )
  })

  it('[ignition] overwrite needs a source; user and group take an id or a name, not both', () => {
    expect(problems(file({ path: '/etc/a', overwrite: true }))).toContainEqual([
      '$.storage.files[0].overwrite',
      'error',
      'overwriteWithoutSource',
    ])
    expect(problems(file({ path: '/etc/a', user: { id: 0, name: 'root' } }))).toContainEqual([
      '$.storage.files[0].user',
      'error',
      'bothIdAndName',
    ])
  })

  it('[ignition] links: a target is required (3.4.0; a files-stage failure before), no hard link to a directory', () => {
    expect(problems(cfg({ storage: { links: [{ path: '/etc/l' }] } }))).toEqual([
      ['$.storage.links[0].target', 'error', 'linkTargetMissing'],
    ])
    expect(problems(cfg({ storage: { links: [{ path: '/etc/l' }] } }, '3.3.0'))).toEqual([
      ['$.storage.links[0].target', 'warning', 'linkTargetMissing'],
    ])
    const hard = cfg({
      storage: {
        directories: [{ path: '/etc/d' }],
        links: [{ path: '/etc/l', target: '/etc/d', hard: true, user: { id: 0 } }],
      },
    })
    expect(problems(hard)).toEqual(
      expect.arrayContaining([
        ['$.storage.links[0]', 'error', 'hardLinkToDirectory'],
        ['$.storage.links[0].user', 'warning', 'hardLinkOwner'],
      ]),
    )
  })

  it('[ignition] a path through a link of the config, or onto a unit file, is an error', () => {
    const through = cfg({
      storage: { links: [{ path: '/etc/l', target: '/var' }], files: [{ path: '/etc/l/a' }] },
    })
    expect(problems(through)).toContainEqual(['$.storage.files[0]', 'error', 'pathThroughLink'])
    const clash = cfg({
      storage: { files: [{ path: '/etc/systemd/system/a.service' }] },
      systemd: { units: [{ name: 'a.service', contents: '[Unit]\n' }] },
    })
    expect(problems(clash)).toContainEqual([
      '$.storage.files[0].path',
      'error',
      'pathConflictsUnit',
    ])
  })

  it('[ignition] where a path lands on FCOS: /usr read-only, / immutable, /boot and /run hidden later', () => {
    const where = (path: string): [string, string][] =>
      parseIgnition(file({ path })).problems.map((p) => [
        p.message.key.replace('ignition.problem.', ''),
        String(p.message.params?.mount ?? ''),
      ])
    expect(where('/usr/bin/tool')).toEqual([['readOnlyPath', '/usr']])
    expect(where('/bin/tool')).toEqual([['readOnlyPath', '/usr']])
    expect(where('/sysroot/a')).toEqual([['readOnlyPath', '/sysroot']])
    expect(where('/data/a')).toEqual([['rootImmutable', '']])
    expect(where('/boot/a')).toEqual([['hiddenAtRuntime', '/boot']])
    expect(where('/run/a')).toEqual([['hiddenAtRuntime', '/run']])
    for (const ok of [
      '/usr/local/bin/tool',
      '/etc/a',
      '/var/a',
      '/home/core/a',
      '/root/a',
      '/opt/a',
      '/srv/a',
      '/mnt/a',
    ])
      expect(where(ok), ok).toEqual([])
    expect(parseIgnition(file({ path: '/usr/bin/tool' })).problems[0]?.kind).toBe('warning')
  })

  it('[ignition] RAID, LUKS and ignition.config/security/proxy/timeouts are unsupported, never dropped; disks and filesystems are simulated', () => {
    const text = JSON.stringify({
      ignition: {
        version: '3.4.0',
        config: { merge: [{ source: 'https://x/a.ign' }], replace: { source: 'https://x/b.ign' } },
        security: { tls: { certificateAuthorities: [{ source: 'https://x/ca.pem' }] } },
        proxy: { httpsProxy: 'https://proxy:3128' },
        timeouts: { httpTotal: 30 },
      },
      storage: {
        disks: [{ device: '/dev/vdb', partitions: [{ label: 'data' }] }],
        raid: [{ name: 'md0', level: 'raid1', devices: ['/dev/vdc', '/dev/vdd'] }],
        filesystems: [{ device: '/dev/disk/by-partlabel/data', format: 'xfs', path: '/var/data' }],
        luks: [
          {
            name: 'data',
            device: '/dev/vde',
            clevis: { tang: [{ url: 'http://tang', thumbprint: 'x' }] },
          },
        ],
      },
    })
    const unsupported = parseIgnition(text)
      .problems.filter((p) => p.message.key === 'ignition.problem.unsupportedField')
      .map((p) => [p.path, p.kind])
    expect(unsupported).toEqual([
      ['$.ignition.config.merge', 'unsupported'],
      ['$.ignition.config.replace', 'unsupported'],
      ['$.ignition.security.tls.certificateAuthorities', 'unsupported'],
      ['$.ignition.proxy', 'unsupported'],
      ['$.ignition.timeouts', 'unsupported'],
      ['$.storage.raid', 'unsupported'],
      ['$.storage.luks', 'unsupported'],
    ])
    expect(
      parseIgnition(text).problems.filter((p) => p.path.startsWith('$.storage.disks')),
    ).toEqual([])
    expect(parseIgnition(text).config?.storage.luks[0]?.clevis?.tang[0]?.url).toBe('http://tang')
    expect(
      problems(cfg({ ignition: { version: '3.4.0', config: { merge: [{}] } } })),
    ).toContainEqual(['$.ignition.config.merge[0]', 'error', 'sourceRequired'])
  })
})

describe('parseIgnition: passwd, kernel arguments, systemd', () => {
  it('[ignition] users and groups: a missing name fails useradd/groupadd later; duplicates are errors', () => {
    const text = cfg({
      passwd: {
        users: [
          { sshAuthorizedKeys: ['k'] },
          { name: 'a', groups: ['wheel', 'wheel'], sshAuthorizedKeys: ['k', 'k'] },
          { name: 'a' },
        ],
        groups: [{}],
      },
    })
    expect(problems(text)).toEqual(
      expect.arrayContaining([
        ['$.passwd.users[0].name', 'warning', 'userNameMissing'],
        ['$.passwd.groups[0].name', 'warning', 'groupNameMissing'],
        ['$.passwd.users[1].groups[1]', 'error', 'duplicate'],
        ['$.passwd.users[1].sshAuthorizedKeys[1]', 'error', 'duplicate'],
        ['$.passwd.users[2]', 'error', 'duplicate'],
      ]),
    )
  })

  it('[ignition] a kernel argument in both shouldExist and shouldNotExist is a duplicate (kargs.go MergedKeys)', () => {
    expect(
      problems(cfg({ kernelArguments: { shouldExist: ['a', 'b'], shouldNotExist: ['b'] } })),
    ).toEqual([['$.kernelArguments.shouldNotExist[0]', 'error', 'duplicate']])
  })

  it('[ignition] units: a name with a unit suffix; drop-ins end in .conf', () => {
    expect(problems(unit({}))).toEqual([['$.systemd.units[0].name', 'error', 'unitNameMissing']])
    expect(problems(unit({ name: 'hello' }))).toEqual([
      ['$.systemd.units[0].name', 'error', 'unitSuffix'],
    ])
    expect(problems(unit({ name: 'hello.txt' }))).toEqual([
      ['$.systemd.units[0].name', 'error', 'unitSuffix'],
    ])
    for (const ok of [
      'a.service',
      'a.socket',
      'a.timer',
      'a.mount',
      'a.target',
      'a.path',
      'a.slice',
      'a@.service',
    ])
      expect(problems(unit({ name: ok })), ok).toEqual([])
    expect(
      problems(unit({ name: 'a.service', dropins: [{ name: 'x.txt', contents: '[Service]\n' }] })),
    ).toEqual([['$.systemd.units[0].dropins[0].name', 'error', 'dropinSuffix']])
    expect(
      problems(unit({ name: 'a.service', dropins: [{ name: 'x.conf' }, { name: 'x.conf' }] })),
    ).toContainEqual(['$.systemd.units[0].dropins[1]', 'error', 'duplicate'])
    expect(
      problems(cfg({ systemd: { units: [{ name: 'a.service' }, { name: 'a.service' }] } })),
    ).toEqual([['$.systemd.units[1]', 'error', 'duplicate']])
  })

  it('[ignition] unit contents that go-systemd cannot parse are errors, with the line', () => {
    const bad: [string, string, number][] = [
      ['[Unit\nDescription=x\n', 'unitSectionUnterminated', 1],
      ['[Unit] x\n', 'unitGarbageAfterSection', 1],
      ['[Unit]\nDescription=x\nnonsense\n', 'unitNoEquals', 3],
    ]
    for (const [contents, key, line] of bad)
      expect(
        find(unit({ name: 'a.service', contents }), '$.systemd.units[0].contents', key)?.message
          .params,
      ).toEqual({ line })
    expect(
      problems(unit({ name: 'a.service', contents: '# c\n[Unit]\nDescription=a \\\n  b\n; c\n' })),
    ).toEqual([])
  })

  it('[ignition] enabled without an [Install] section, or enabled and masked, is a warning', () => {
    expect(
      problems(
        unit({ name: 'a.service', enabled: true, contents: '[Service]\nExecStart=/bin/true\n' }),
      ),
    ).toEqual([['$.systemd.units[0].contents', 'warning', 'noInstallSection']])
    expect(problems(unit({ name: 'a.service', enabled: true }))).toEqual([])
    expect(problems(unit({ name: 'a.service', enabled: true, mask: true }))).toEqual([
      ['$.systemd.units[0]', 'warning', 'enabledAndMasked'],
    ])
    const template = cfg({
      systemd: {
        units: [
          { name: 'a@.service', contents: '[Service]\nExecStart=/bin/true\n' },
          { name: 'a@x.service', enabled: true },
        ],
      },
    })
    expect(problems(template)).toEqual([
      ['$.systemd.units[1].contents', 'warning', 'templateNoInstall'],
    ])
  })
})
