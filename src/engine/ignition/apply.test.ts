import { describe, expect, it } from 'vitest'
import { FsDraft, inoAt, lookupPath, readDir, readLink, readText } from '../fs'
import { installImage } from '../ops'
import { isoTime, listDeployments } from '../status'
import { deployPath } from '../sysroot'
import { after, deepFreeze } from '../testkit'
import type { Filesystem } from '../types'
import { applyFiles, kargsAfter, kargsChange, populateVar, type ApplyOptions } from './apply'
import { EXAMPLE_IGNITION, EXAMPLE_SSH_KEY } from './example'
import { BASE_CONFIGS, mergeConfigs, withBaseConfigs } from './merge'
import { actionMessage, IGNITION_MESSAGE_KEYS } from './messages'
import { emptyIgnitionConfig, parseIgnition } from './parse'
import type { IgnitionAction, IgnitionConfig } from './types'

const machine = deepFreeze(after(installImage({ profile: 'fcos', scale: 40 })))
const deployment = listDeployments(machine)[0]!
const target = {
  deployment: deployPath(deployment),
  var: `/ostree/deploy/${deployment.stateroot}/var`,
}
const T = 1_700_600_000
const ETC = `${target.deployment}/etc`
const VAR = target.var

function conf(rest: Record<string, unknown>): IgnitionConfig {
  const { config, problems } = parseIgnition(
    JSON.stringify({ ignition: { version: '3.4.0' }, ...rest }),
  )
  if (config === null) throw new Error(JSON.stringify(problems))
  return config
}

function run(
  config: IgnitionConfig,
  base: Filesystem = machine.filesystems.root!,
  options?: ApplyOptions,
): { actions: IgnitionAction[]; fs: Filesystem } {
  const draft = new FsDraft(base)
  populateVar(draft, target.var, T)
  const actions = applyFiles(draft, target, config, T, options)
  return { actions, fs: draft.finish() }
}

const failure = (actions: IgnitionAction[]) => {
  for (const a of actions) expect(IGNITION_MESSAGE_KEYS).toContain(actionMessage(a).key)
  const last = actions.at(-1)
  return last?.type === 'stage/failed' ? last : null
}

describe('applyFiles: the example config on FCOS 39', () => {
  const config = withBaseConfigs('fcos', parseIgnition(EXAMPLE_IGNITION).config)
  const { actions, fs } = run(config)

  it('[ignition] runs to the end: no failure, the result file last', () => {
    expect(failure(actions)).toBeNull()
    expect(actions.at(-1)?.type).toBe('result/written')
    expect(actions.map((a) => a.type)).toEqual([
      'user/created',
      'home/created',
      'directory/created',
      'directory/created',
      'ssh/keysWritten',
      'file/written',
      'directory/created',
      'file/written',
      'unit/written',
      'unit/enabled',
      'unit/enabled',
      'directory/created',
      'preset/written',
      'result/written',
    ])
  })

  it('[ignition] creates core from the 00-core.ign base config with useradd line formats', () => {
    expect(readText(fs, `${ETC}/passwd`)).toBe(
      'root:x:0:0:Super User:/root:/bin/bash\ncore:x:1000:1000:CoreOS Admin:/var/home/core:/bin/bash\n',
    )
    expect(readText(fs, `${ETC}/group`)).toBe(
      'root:x:0:\nadm:x:4:core\nwheel:x:10:core\nsudo:x:16:core\nsystemd-journal:x:190:core\ndocker:x:982:\ncore:x:1000:\n',
    )
    expect(readText(fs, `${ETC}/shadow`)).toBe(
      `root:!locked::0:99999:7:::\ncore:*:${Math.floor(T / 86400)}:0:99999:7:::\n`,
    )
    expect(readText(fs, `${ETC}/gshadow`)).toBe('root:::\ncore:!::\n')
    // shadow-utils keeps the previous text as passwd- and keeps the file's mode
    expect(readText(fs, `${ETC}/passwd-`)).toBe('root:x:0:0:Super User:/root:/bin/bash\n')
    const before = lookupPath(machine.filesystems.root!, `${ETC}/shadow`)
    expect(lookupPath(fs, `${ETC}/shadow`)?.mode).toBe(before?.mode)
  })

  it('[ignition] the home is in the stateroot var, 0700, owned by core', () => {
    expect(lookupPath(fs, `${VAR}/home/core`)).toMatchObject({
      kind: 'dir',
      mode: 0o700,
      uid: 1000,
      gid: 1000,
    })
    expect(lookupPath(fs, `${target.deployment}/var/home`)).toBeNull()
  })

  it('[ignition] SSH keys go to ~/.ssh/authorized_keys.d/ignition: folders 0700, file 0600, owned by the user', () => {
    const dir = `${VAR}/home/core/.ssh`
    expect(lookupPath(fs, dir)).toMatchObject({ kind: 'dir', mode: 0o700, uid: 1000, gid: 1000 })
    expect(lookupPath(fs, `${dir}/authorized_keys.d`)).toMatchObject({
      mode: 0o700,
      uid: 1000,
      gid: 1000,
    })
    expect(lookupPath(fs, `${dir}/authorized_keys.d/ignition`)).toMatchObject({
      kind: 'file',
      mode: 0o600,
      uid: 1000,
      gid: 1000,
      data: `${EXAMPLE_SSH_KEY}\n`,
    })
  })

  it('[ignition] files: /etc/hostname in the deployment etc, the /var file in the stateroot var', () => {
    expect(lookupPath(fs, `${ETC}/hostname`)).toMatchObject({
      mode: 0o644,
      uid: 0,
      data: 'coreos-explorer\n',
      size: 16,
    })
    expect(lookupPath(fs, `${VAR}/lib/hello/message.txt`)).toMatchObject({
      mode: 0o644,
      data: 'Hello from Ignition, written on the first boot.\n',
    })
    expect(lookupPath(fs, `${VAR}/lib/hello`)).toMatchObject({ kind: 'dir', mode: 0o755 })
  })

  it('[ignition] the unit goes to /etc/systemd/system and enablement to the 20-ignition.preset file', () => {
    expect(lookupPath(fs, `${ETC}/systemd/system/hello.service`)).toMatchObject({
      kind: 'file',
      mode: 0o644,
    })
    expect(readText(fs, `${ETC}/systemd/system/hello.service`)).toContain(
      'podman run --rm --name hello',
    )
    // no enablement symlink: systemd applies the preset on the first boot
    expect(lookupPath(fs, `${ETC}/systemd/system/multi-user.target.wants/hello.service`)).toBeNull()
    expect(lookupPath(fs, `${ETC}/systemd/system-preset/20-ignition.preset`)).toMatchObject({
      mode: 0o644,
      data: 'enable afterburn-sshkeys@.service core\nenable hello.service\n',
    })
  })

  it('[ignition] writes /etc/.ignition-result.json, 0600', () => {
    const result = lookupPath(fs, `${ETC}/.ignition-result.json`)
    expect(result).toMatchObject({ kind: 'file', mode: 0o600 })
    const json = JSON.parse(readText(fs, `${ETC}/.ignition-result.json`) ?? '') as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({ provisioningDate: isoTime(T), userConfigProvided: true })
    expect(json.provisioningBootID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    const none = run(withBaseConfigs('fcos', null), machine.filesystems.root!, {
      userConfigProvided: false,
      bootId: 'x',
    })
    expect(JSON.parse(readText(none.fs, `${ETC}/.ignition-result.json`) ?? '')).toMatchObject({
      provisioningBootID: 'x',
      userConfigProvided: false,
    })
  })

  it('[ignition] actions are plain JSON and each has a message', () => {
    expect(JSON.parse(JSON.stringify(actions))).toEqual(actions)
    for (const a of actions) expect(actionMessage(a).key).toMatch(/^ignition\.(action|failure)\./)
  })

  it('[ignition] leaves the input filesystem as it was (deep-frozen)', () => {
    expect(lookupPath(machine.filesystems.root!, `${ETC}/hostname`)).toBeNull()
    expect(readText(machine.filesystems.root!, `${ETC}/passwd`)).toBe(
      'root:x:0:0:Super User:/root:/bin/bash\n',
    )
  })
})

describe('applyFiles: where paths land, and how the stage fails', () => {
  it('[ignition] a file under /usr fails the stage with EROFS; what came before stays', () => {
    const { actions, fs } = run(
      conf({
        storage: {
          files: [{ path: '/usr/bin/tool', contents: { source: 'data:,x' } }, { path: '/etc/a' }],
        },
      }),
    )
    expect(failure(actions)).toMatchObject({
      at: '$.storage.files[0]',
      errno: 'EROFS',
      log: 'open /sysroot/usr/bin/tool: read-only file system',
      message: { key: 'ignition.failure.readOnly', params: { path: '/usr/bin/tool' } },
    })
    expect(readText(fs, `${ETC}/a`)).toBe('') // shallower, so written first
    expect(lookupPath(fs, `${target.deployment}/usr/bin/tool`)).toBeNull()
    const deeper = run(conf({ storage: { files: [{ path: '/usr/lib/new/tool' }] } }))
    expect(failure(deeper.actions)?.log).toBe('mkdir /sysroot/usr/lib/new: read-only file system')
  })

  it('[ignition] a new top-level folder fails with EPERM: the deployment root is immutable', () => {
    const { actions } = run(conf({ storage: { files: [{ path: '/data/a' }] } }))
    expect(failure(actions)).toMatchObject({
      errno: 'EPERM',
      log: 'mkdir /sysroot/data: operation not permitted',
      message: { key: 'ignition.failure.immutable' },
    })
  })

  it('[ignition] /home, /root, /opt, /srv, /mnt and /usr/local follow their symlinks into var (reference 1.7)', () => {
    const { actions, fs } = run(
      conf({
        storage: {
          files: [
            '/root/.profile',
            '/opt/app/x',
            '/srv/www/index.html',
            '/mnt/data/a',
            '/usr/local/bin/tool',
          ].map((path) => ({ path })),
        },
      }),
    )
    expect(failure(actions)).toBeNull()
    for (const p of [
      'roothome/.profile',
      'opt/app/x',
      'srv/www/index.html',
      'mnt/data/a',
      'usrlocal/bin/tool',
    ])
      expect(lookupPath(fs, `${VAR}/${p}`)?.kind, p).toBe('file')
    const paths = actions
      .filter((a) => a.type === 'file/written')
      .map((a) => ('path' in a ? a.path : ''))
    expect(paths).toContain('/var/usrlocal/bin/tool')
  })

  it('[ignition] two entries that resolve to one path fail the stage before anything is written', () => {
    const { actions, fs } = run(
      conf({ storage: { files: [{ path: '/root/a' }, { path: '/var/roothome/a' }] } }),
    )
    expect(failure(actions)).toMatchObject({
      at: '$.storage.files[1]',
      message: { key: 'ignition.failure.resolvesTwice' },
    })
    expect(lookupPath(fs, `${VAR}/roothome/a`)).toBeNull()
  })

  it('[ignition] an existing file: an error without overwrite; replaced with it; only chmod without contents', () => {
    const exists = run(
      conf({ storage: { files: [{ path: '/etc/hosts', contents: { source: 'data:,x' } }] } }),
    )
    expect(failure(exists.actions)).toMatchObject({
      message: { key: 'ignition.failure.exists' },
      log: 'error creating file "/sysroot/etc/hosts": A file exists there already and overwrite is false',
    })
    const over = run(
      conf({
        storage: {
          files: [{ path: '/etc/hosts', overwrite: true, contents: { source: 'data:,x' } }],
        },
      }),
    )
    expect(over.actions.map((a) => a.type).slice(0, 2)).toEqual(['path/removed', 'file/written'])
    expect(readText(over.fs, `${ETC}/hosts`)).toBe('x')
    const before = readText(machine.filesystems.root!, `${ETC}/hosts`)
    const chmod = run(conf({ storage: { files: [{ path: '/etc/hosts', mode: 384 }] } }))
    expect(chmod.actions[0]).toMatchObject({ type: 'attrs/set', mode: 0o600 })
    expect(lookupPath(chmod.fs, `${ETC}/hosts`)).toMatchObject({ mode: 0o600, data: before })
    const link = run(conf({ storage: { files: [{ path: '/etc/localtime' }] } }))
    expect(failure(link.actions)?.message.key).toBe('ignition.failure.notRegular')
  })

  it('[ignition] append: O_APPEND after the contents, or onto the file already there', () => {
    const { fs } = run(
      conf({
        storage: {
          files: [
            {
              path: '/etc/a',
              contents: { source: 'data:,1%0A' },
              append: [{ source: 'data:,2%0A' }, { source: 'data:;base64,Mwo=' }],
            },
            { path: '/etc/motd', append: [{ source: 'data:,hi%0A' }] },
          ],
        },
      }),
    )
    expect(readText(fs, `${ETC}/a`)).toBe('1\n2\n3\n')
    expect(readText(fs, `${ETC}/motd`)).toBe('hi\n')
  })

  it('[ignition] owners by name are looked up after users are made; an unknown name fails', () => {
    const { actions, fs } = run(
      conf({
        passwd: { users: [{ name: 'app' }] },
        storage: {
          directories: [
            {
              path: '/var/lib/app/data',
              mode: 488,
              user: { name: 'app' },
              group: { name: 'wheel' },
            },
          ],
        },
      }),
    )
    expect(failure(actions)).toBeNull()
    expect(lookupPath(fs, `${VAR}/lib/app`)).toMatchObject({ mode: 0o755, uid: 0 })
    expect(lookupPath(fs, `${VAR}/lib/app/data`)).toMatchObject({
      kind: 'dir',
      mode: 0o750,
      uid: 1000,
      gid: 10,
    })
    const bad = run(
      conf({ storage: { files: [{ path: '/etc/a', user: { name: 'nobody-here' } }] } }),
    )
    expect(failure(bad.actions)).toMatchObject({
      message: { key: 'ignition.failure.noSuchUser', params: { name: 'nobody-here' } },
    })
  })

  it('[ignition] links: symlinks with owners, hard links on one mount, EXDEV across /etc and /var', () => {
    const { actions, fs } = run(
      conf({
        storage: {
          files: [{ path: '/etc/app.conf', contents: { source: 'data:,a' } }],
          links: [
            { path: '/etc/app.link', target: '/etc/app.conf', hard: true },
            { path: '/etc/app.sym', target: 'app.conf' },
          ],
        },
      }),
    )
    expect(failure(actions)).toBeNull()
    expect(inoAt(fs, `${ETC}/app.link`)).toBe(inoAt(fs, `${ETC}/app.conf`))
    expect(lookupPath(fs, `${ETC}/app.conf`)).toMatchObject({ nlink: 2 })
    expect(readLink(fs, `${ETC}/app.sym`)).toBe('app.conf')
    const cross = run(
      conf({
        storage: {
          files: [{ path: '/etc/app.conf' }],
          links: [{ path: '/var/app.link', target: '/etc/app.conf', hard: true }],
        },
      }),
    )
    expect(failure(cross.actions)).toMatchObject({
      errno: 'EXDEV',
      log: 'link /sysroot/etc/app.conf /sysroot/var/app.link: invalid cross-device link',
    })
    const same = run(
      conf({
        storage: { links: [{ path: '/etc/localtime', target: '../usr/share/zoneinfo/UTC' }] },
      }),
    )
    expect(failure(same.actions)).toBeNull() // already that symlink: nothing to do
    const other = run(
      conf({
        storage: {
          links: [{ path: '/etc/localtime', target: '/usr/share/zoneinfo/Europe/Paris' }],
        },
      }),
    )
    expect(failure(other.actions)?.message.key).toBe('ignition.failure.linkExists')
  })

  it('[ignition] contents the simulator cannot read are skipped and said so', () => {
    const { actions, fs } = run(
      conf({
        storage: { files: [{ path: '/etc/a', contents: { source: 'https://example.com/a' } }] },
      }),
    )
    expect(actions[0]).toEqual({ type: 'file/skipped', path: '/etc/a', reason: 'remote' })
    expect(lookupPath(fs, `${ETC}/a`)).toBeNull()
  })

  it('[ignition] a hash that does not match the data fails the stage', () => {
    const hash = 'sha256-' + '0'.repeat(64)
    const { actions } = run(
      conf({
        storage: {
          files: [{ path: '/etc/a', contents: { source: 'data:,x', verification: { hash } } }],
        },
      }),
    )
    expect(failure(actions)?.message.key).toBe('ignition.failure.hashMismatch')
  })
})

describe('applyFiles: users and groups (shadow-utils with --root /sysroot)', () => {
  it('[ignition] a new user with uid, primary group, groups, shell, hash and no home', () => {
    const { actions, fs } = run(
      conf({
        passwd: {
          users: [
            {
              name: 'svc',
              uid: 1500,
              primaryGroup: 'wheel',
              groups: ['docker'],
              shell: '/sbin/nologin',
              passwordHash: '$y$j9T$abc',
              noCreateHome: true,
              gecos: 'Service',
            },
          ],
        },
      }),
    )
    expect(failure(actions)).toBeNull()
    expect(readText(fs, `${ETC}/passwd`)).toContain(
      'svc:x:1500:10:Service:/var/home/svc:/sbin/nologin\n',
    )
    expect(readText(fs, `${ETC}/shadow`)).toContain(
      `svc:$y$j9T$abc:${Math.floor(T / 86400)}:0:99999:7:::\n`,
    )
    expect(readText(fs, `${ETC}/group`)).toContain('docker:x:982:svc\n')
    expect(readText(fs, `${ETC}/group`)).not.toContain('svc:x:')
    expect(lookupPath(fs, `${VAR}/home/svc`)).toBeNull()
  })

  it('[ignition] a system user gets an id below 1000 and no password aging', () => {
    const { fs } = run(
      conf({ passwd: { users: [{ name: 'daemon2', system: true, noCreateHome: true }] } }),
    )
    expect(readText(fs, `${ETC}/passwd`)).toMatch(/daemon2:x:998:998::/) // 999 is polkitd in /usr/lib/passwd
    expect(readText(fs, `${ETC}/shadow`)).toContain(`daemon2:*:${Math.floor(T / 86400)}::::::\n`)
  })

  it('[ignition] root exists: usermod, and its keys go to /var/roothome owned by root', () => {
    const { actions, fs } = run(
      conf({
        passwd: { users: [{ name: 'root', sshAuthorizedKeys: ['ssh-ed25519 AAAA root@x'] }] },
      }),
    )
    expect(actions[0]).toEqual({ type: 'user/modified', name: 'root', fields: [] })
    expect(lookupPath(fs, `${VAR}/roothome/.ssh/authorized_keys.d/ignition`)).toMatchObject({
      mode: 0o600,
      uid: 0,
      data: 'ssh-ed25519 AAAA root@x\n',
    })
  })

  it('[ignition] groups: groupadd allocates from 1000 and fails on a group that exists', () => {
    const { actions, fs } = run(
      conf({ passwd: { groups: [{ name: 'app' }, { name: 'ops', gid: 2000 }] } }),
    )
    expect(actions.slice(0, 2)).toEqual([
      { type: 'group/created', name: 'app', gid: 1000 },
      { type: 'group/created', name: 'ops', gid: 2000 },
    ])
    expect(readText(fs, `${ETC}/gshadow`)).toContain('app:*::\n')
    const dup = run(conf({ passwd: { groups: [{ name: 'wheel' }] } }))
    expect(failure(dup.actions)).toMatchObject({
      log: "groupadd: group 'wheel' already exists",
      at: '$.passwd.groups[0]',
    })
  })

  it('[ignition] shouldExist: false deletes a user with its home and private group', () => {
    const made = run(conf({ passwd: { users: [{ name: 'alice' }] } }))
    const gone = run(conf({ passwd: { users: [{ name: 'alice', shouldExist: false }] } }), made.fs)
    expect(gone.actions.map((a) => a.type).slice(0, 2)).toEqual(['path/removed', 'user/deleted'])
    expect(readText(gone.fs, `${ETC}/passwd`)).not.toContain('alice')
    expect(readText(gone.fs, `${ETC}/group`)).not.toContain('alice')
    expect(lookupPath(gone.fs, `${VAR}/home/alice`)).toBeNull()
  })

  it('[ignition] a user only in /usr/lib/passwd cannot be modified: usermod edits /etc/passwd', () => {
    const { actions } = run(
      conf({ passwd: { users: [{ name: 'sshd', sshAuthorizedKeys: ['k'] }] } }),
    )
    expect(failure(actions)).toMatchObject({
      log: "usermod: user 'sshd' does not exist in /etc/passwd",
    })
  })

  it('[ignition] useradd refuses an empty name', () => {
    const { actions } = run(conf({ passwd: { users: [{ name: '' }] } }))
    expect(failure(actions)).toMatchObject({
      log: "useradd: invalid user name ''",
      message: { key: 'ignition.failure.badName' },
    })
  })
})

describe('applyFiles: units (units.go)', () => {
  it('[ignition] drop-ins in <unit>.d, masks as links to /dev/null, instances grouped in one preset line', () => {
    const { actions, fs } = run(
      conf({
        systemd: {
          units: [
            {
              name: 'zincati.service',
              dropins: [{ name: '10-env.conf', contents: '[Service]\nEnvironment=A=1\n' }],
            },
            { name: 'docker.socket', mask: true },
            {
              name: 'echo@.service',
              contents:
                '[Service]\nExecStart=/bin/echo %i\n[Install]\nWantedBy=multi-user.target\n',
            },
            { name: 'echo@b.service', enabled: true },
            { name: 'echo@a.service', enabled: true },
          ],
        },
      }),
    )
    expect(failure(actions)).toBeNull()
    expect(readText(fs, `${ETC}/systemd/system/zincati.service.d/10-env.conf`)).toBe(
      '[Service]\nEnvironment=A=1\n',
    )
    expect(readLink(fs, `${ETC}/systemd/system/docker.socket`)).toBe('/dev/null')
    expect(readText(fs, `${ETC}/systemd/system-preset/20-ignition.preset`)).toBe(
      'enable echo@.service b a\n',
    )
  })

  it('[ignition] enabled: false disables only a unit that is enabled, removing its links first', () => {
    const { actions, fs } = run(
      conf({
        systemd: {
          units: [
            { name: 'zincati.service', enabled: false },
            { name: 'hello.service', enabled: false },
          ],
        },
      }),
    )
    expect(actions.filter((a) => a.type === 'unit/disabled')).toEqual([
      {
        type: 'unit/disabled',
        name: 'zincati.service',
        removed: ['/etc/systemd/system/multi-user.target.wants/zincati.service'],
      },
    ])
    expect(
      lookupPath(fs, `${ETC}/systemd/system/multi-user.target.wants/zincati.service`),
    ).toBeNull()
    expect(readText(fs, `${ETC}/systemd/system-preset/20-ignition.preset`)).toBe(
      'disable zincati.service\n',
    )
  })

  it('[ignition] mask: false removes a mask Ignition finds', () => {
    const masked = run(conf({ systemd: { units: [{ name: 'a.service', mask: true }] } }))
    const unmasked = run(
      conf({ systemd: { units: [{ name: 'a.service', mask: false }] } }),
      masked.fs,
    )
    expect(unmasked.actions[0]).toMatchObject({ type: 'unit/unmasked', name: 'a.service' })
    expect(lookupPath(unmasked.fs, `${ETC}/systemd/system/a.service`)).toBeNull()
  })
})

describe('kargs stage and base configs', () => {
  const current = ['mitigations=auto,nosmt', 'console=tty0', 'console=ttyS0,115200n8']

  it('[ignition] shouldExist appends what is missing, shouldNotExist removes every copy', () => {
    const config = conf({
      kernelArguments: {
        shouldExist: ['console=tty0', 'quiet'],
        shouldNotExist: ['mitigations=auto,nosmt'],
      },
    })
    expect(kargsChange(config, current)).toEqual({
      add: ['quiet'],
      remove: ['mitigations=auto,nosmt'],
    })
    expect(kargsAfter(config, current)).toEqual(['console=tty0', 'console=ttyS0,115200n8', 'quiet'])
    expect(kargsChange(config, kargsAfter(config, current))).toEqual({ add: [], remove: [] })
    expect(kargsChange(emptyIgnitionConfig(), current)).toEqual({ add: [], remove: [] })
  })

  it('[ignition] the example adds zswap.enabled=1: the machine reboots before the disks stage', () => {
    const config = parseIgnition(EXAMPLE_IGNITION).config!
    expect(kargsChange(config, current)).toEqual({ add: ['zswap.enabled=1'], remove: [] })
  })

  it('[ignition] FCOS base configs: core (00-core.ign) and afterburn-sshkeys@core (FCOS only)', () => {
    expect(BASE_CONFIGS.fcos.map((b) => parseIgnition(b.text).problems)).toEqual([[], []])
    const fcos = withBaseConfigs('fcos', null)
    expect(fcos.passwd.users).toMatchObject([
      { name: 'core', gecos: 'CoreOS Admin', groups: ['adm', 'sudo', 'systemd-journal', 'wheel'] },
    ])
    expect(fcos.systemd.units).toMatchObject([
      { name: 'afterburn-sshkeys@core.service', enabled: true },
    ])
    expect(withBaseConfigs('rhcos', null).systemd.units).toEqual([])
  })

  it('[ignition] merge: the child sets fields, merges lists by key, appends its new entries', () => {
    const parent = conf({
      passwd: { users: [{ name: 'core', groups: ['wheel'], shell: '/bin/bash' }] },
      storage: { files: [{ path: '/etc/a', mode: 420 }, { path: '/etc/b' }] },
      kernelArguments: { shouldExist: ['a'] },
    })
    const child = conf({
      passwd: {
        users: [{ name: 'core', groups: ['docker'], sshAuthorizedKeys: ['k'] }, { name: 'x' }],
      },
      storage: {
        files: [{ path: '/etc/a', mode: 384 }],
        links: [{ path: '/etc/b', target: '/etc/a' }],
      },
      kernelArguments: { shouldNotExist: ['a'] },
    })
    const m = mergeConfigs(parent, child)
    expect(m.passwd.users.map((u) => [u.name, u.groups, u.sshAuthorizedKeys, u.shell])).toEqual([
      ['core', ['wheel', 'docker'], ['k'], '/bin/bash'],
      ['x', [], [], null],
    ])
    expect(m.storage.files.map((f) => [f.path, f.mode])).toEqual([['/etc/a', 384]])
    expect(m.storage.links.map((l) => l.path)).toEqual(['/etc/b'])
    expect(m.kernelArguments).toEqual({ shouldExist: [], shouldNotExist: ['a'] })
  })

  it('[ignition] populateVar makes the var folders once (ignition-ostree-populate-var)', () => {
    const draft = new FsDraft(machine.filesystems.root!)
    const first = populateVar(draft, VAR, T)
    expect(first.map((a) => ('path' in a ? a.path : ''))).toContain('/var/roothome')
    expect(lookupPath(draft.view(), `${VAR}/roothome`)).toMatchObject({ mode: 0o700 })
    expect(populateVar(draft, VAR, T)).toEqual([])
    expect(readDir(draft.view(), `${VAR}/usrlocal`).map(([n]) => n)).toEqual([
      'bin',
      'etc',
      'lib',
      'sbin',
      'share',
      'src',
    ])
  })
})
