/**
 * The scenarios that real libostree and the engine must agree on. Each tree is tiny but shaped like
 * a Fedora CoreOS commit: os-release, a kernel under /usr/lib/modules, defaults in /usr/etc and the
 * root symlinks of reference 1.7.
 */
import type { Scenario, ScenarioAction, TinyEntry, TinyTree } from './types'

const KVER = '5.14.0'
export const STATEROOT = 'fedora-coreos'
const REF = 'fedora/x86_64/coreos/stable'
/** First-deploy kargs in the spirit of FCOS's (reference 1.5), without the UUIDs. */
const KARGS = ['mitigations=auto,nosmt', 'console=tty0', 'root=LABEL=root', 'rw']

/** The deployment root's skeleton (reference 1.7): real dirs and the compatibility symlinks. */
const ROOT: TinyEntry[] = [
  { path: 'boot', kind: 'dir', mode: 0o755 },
  { path: 'dev', kind: 'dir', mode: 0o755 },
  { path: 'proc', kind: 'dir', mode: 0o555 },
  { path: 'run', kind: 'dir', mode: 0o755 },
  { path: 'sys', kind: 'dir', mode: 0o555 },
  { path: 'sysroot', kind: 'dir', mode: 0o755 },
  { path: 'tmp', kind: 'dir', mode: 0o1777 },
  { path: 'var', kind: 'dir', mode: 0o755 },
  { path: 'home', kind: 'symlink', target: 'var/home' },
  { path: 'root', kind: 'symlink', target: 'var/roothome' },
  { path: 'ostree', kind: 'symlink', target: 'sysroot/ostree' },
  { path: 'srv', kind: 'symlink', target: 'var/srv' },
  { path: 'mnt', kind: 'symlink', target: 'var/mnt' },
  { path: 'media', kind: 'symlink', target: 'run/media' },
  { path: 'opt', kind: 'symlink', target: 'var/opt' },
  { path: 'bin', kind: 'symlink', target: 'usr/bin' },
  { path: 'lib', kind: 'symlink', target: 'usr/lib' },
  { path: 'lib64', kind: 'symlink', target: 'usr/lib64' },
  { path: 'sbin', kind: 'symlink', target: 'usr/sbin' },
  { path: 'usr', kind: 'dir', mode: 0o755 },
  { path: 'usr/local', kind: 'symlink', target: '../var/usrlocal' },
  { path: 'usr/lib64', kind: 'dir', mode: 0o755 },
  { path: 'usr/sbin', kind: 'dir', mode: 0o755 },
]

interface TreeOptions {
  version: string
  /** Names the kernel: trees with the same name share one bootcsum. */
  kernel: string
  /** Content of /usr/bin/bash (/usr/bin/ls never changes, so its object is shared). */
  bash: string
  /** /usr/etc defaults: a file by its text, or a full entry. */
  etc: (TinyEntry | [path: string, data: string])[]
}

function tree(o: TreeOptions): TinyTree {
  const osRelease = [
    'NAME="Fedora Linux"',
    `VERSION="${o.version} (CoreOS)"`,
    'ID=fedora',
    'VERSION_ID=39',
    'VARIANT="CoreOS"',
    'VARIANT_ID=coreos',
    `OSTREE_VERSION='${o.version}'`,
    `PRETTY_NAME="Fedora CoreOS ${o.version}"`,
    '',
  ].join('\n')
  const etc: TinyEntry[] = o.etc.map((e) =>
    Array.isArray(e)
      ? { path: `usr/etc/${e[0]}`, kind: 'file', mode: 0o644, data: e[1] }
      : { ...e, path: `usr/etc/${e.path}` },
  )
  return {
    version: o.version,
    entries: [
      ...ROOT,
      { path: 'usr/bin', kind: 'dir', mode: 0o755 },
      { path: 'usr/bin/ls', kind: 'file', mode: 0o755, data: '#!ls coreutils 9.3\n' },
      { path: 'usr/bin/bash', kind: 'file', mode: 0o755, data: o.bash },
      { path: 'usr/lib/os-release', kind: 'file', mode: 0o644, data: osRelease },
      {
        path: `usr/lib/modules/${KVER}/vmlinuz`,
        kind: 'file',
        mode: 0o755,
        data: `vmlinuz ${o.kernel}\n`,
      },
      {
        path: `usr/lib/modules/${KVER}/initramfs.img`,
        kind: 'file',
        mode: 0o644,
        data: `initramfs ${o.kernel}\n`,
      },
      { path: 'usr/etc', kind: 'dir', mode: 0o755 },
      { path: 'usr/etc/os-release', kind: 'symlink', target: '../usr/lib/os-release' },
      ...etc,
    ],
  }
}

/** Small /usr/etc shared by the scenarios that do not test the merge. */
function plainEtc(version: string): TreeOptions['etc'] {
  return [
    ['motd', 'Fedora CoreOS\n'],
    ['chrony.conf', `# chrony ${version}\npool 2.fedora.pool.ntp.org iburst\n`],
  ]
}

const V1 = '39.20231101.3.0'
const V2 = '39.20231119.3.0'
const V3 = '39.20231204.3.0'
const V4 = '39.20231218.3.0'

function simple(version: string, kernel: string): TinyTree {
  return tree({ version, kernel, bash: `#!bash for ${version}\n`, etc: plainEtc(version) })
}

/**
 * The /etc merge matrix of reference 4. Every path name says its case; `old` = the first
 * commit's default, `new` = the second's.
 */
const MERGE_V1 = tree({
  version: V1,
  kernel: '6.5.9-300.fc39',
  bash: '#!bash 5.2.15\n',
  etc: [
    // unmodified locally, changed upstream: the new default wins
    ['chrony.conf', 'pool 2.fedora.pool.ntp.org iburst\n'],
    // modified locally, unchanged upstream: the local copy wins
    { path: 'ssh', kind: 'dir', mode: 0o755 },
    ['ssh/sshd_config', 'PermitRootLogin prohibit-password\n'],
    // modified locally and changed upstream: the local copy wins whole
    ['passwd', 'root:x:0:0:root:/root:/bin/bash\n'],
    // modified locally, deleted upstream: the local copy survives
    ['dnsmasq.conf', '# dnsmasq defaults\n'],
    // deleted locally, unchanged upstream: stays deleted
    ['motd', 'Fedora CoreOS\n'],
    // deleted locally, changed upstream: stays deleted
    ['issue', '\\S\nKernel \\r on an \\m\n'],
    // chmod only, unchanged upstream: local mode kept
    ['locale.conf', 'LANG=C.UTF-8\n'],
    // chmod only, changed upstream: local content and mode kept (mode is in the checksum)
    ['vconsole.conf', 'KEYMAP=us\n'],
    // a symlink retargeted locally
    { path: 'localtime', kind: 'symlink', target: '../usr/share/zoneinfo/UTC' },
    // deleted upstream, untouched locally: gone
    ['old.conf', 'obsolete=1\n'],
    // a directory whose mode alone changes locally (reference 4: UNCONFIRMED)
    { path: 'sudoers.d', kind: 'dir', mode: 0o750 },
    {
      path: 'sudoers.d/coreos-sudo-group',
      kind: 'file',
      mode: 0o440,
      data: '%sudo ALL=(ALL) ALL\n',
    },
    // a directory whose mode changes and a file in it is modified
    { path: 'security', kind: 'dir', mode: 0o755 },
    ['security/limits.conf', '# limits\n'],
  ],
})

const MERGE_V2 = tree({
  version: V2,
  kernel: '6.5.11-300.fc39',
  bash: '#!bash 5.2.21\n',
  etc: [
    ['chrony.conf', 'pool 2.fedora.pool.ntp.org iburst\nmakestep 1.0 3\n'],
    { path: 'ssh', kind: 'dir', mode: 0o755 },
    ['ssh/sshd_config', 'PermitRootLogin prohibit-password\n'],
    [
      'passwd',
      'root:x:0:0:root:/root:/bin/bash\nchrony:x:994:991::/var/lib/chrony:/sbin/nologin\n',
    ],
    ['motd', 'Fedora CoreOS\n'],
    ['issue', '\\S\nKernel \\r on \\m (\\l)\n'],
    ['locale.conf', 'LANG=C.UTF-8\n'],
    ['vconsole.conf', 'KEYMAP=us\nFONT=eurlatgr\n'],
    { path: 'localtime', kind: 'symlink', target: '../usr/share/zoneinfo/UTC' },
    { path: 'sudoers.d', kind: 'dir', mode: 0o750 },
    {
      path: 'sudoers.d/coreos-sudo-group',
      kind: 'file',
      mode: 0o440,
      data: '%sudo ALL=(ALL) ALL\n',
    },
    { path: 'security', kind: 'dir', mode: 0o755 },
    ['security/limits.conf', '# limits\n'],
    // new upstream file
    ['newdefault.conf', 'added=upstream\n'],
  ],
})

/**
 * An upgrade with /etc edits in between: `base` and `next` are the two commits' /usr/etc (paths
 * relative to it), `edits` the `etc/*` actions made in the first deployment's /etc. The /etc
 * fuzzing builds its cases with this.
 */
export function etcMergeScenario(
  name: string,
  base: TinyEntry[],
  edits: ScenarioAction[],
  next: TinyEntry[],
): Scenario {
  const commit = (version: string, etc: TinyEntry[]): ScenarioAction => ({
    type: 'commit',
    tree: tree({ version, kernel: 'a', bash: `#!bash for ${version}\n`, etc }),
  })
  return {
    name,
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [commit(V1, base), { type: 'deploy' }, ...edits, commit(V2, next), { type: 'deploy' }],
  }
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'upgrade-etc-merge',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: MERGE_V1 },
      { type: 'deploy' },
      { type: 'etc/write', path: 'ssh/sshd_config', data: 'PermitRootLogin no\n' },
      {
        type: 'etc/write',
        path: 'passwd',
        data: 'root:x:0:0:root:/root:/bin/bash\ncore:x:1000:1000::/var/home/core:/bin/bash\n',
      },
      { type: 'etc/write', path: 'dnsmasq.conf', data: 'interface=eth0\n' },
      { type: 'etc/delete', path: 'motd' },
      { type: 'etc/delete', path: 'issue' },
      { type: 'etc/chmod', path: 'locale.conf', mode: 0o600 },
      { type: 'etc/chmod', path: 'vconsole.conf', mode: 0o600 },
      { type: 'etc/symlink', path: 'localtime', target: '../usr/share/zoneinfo/Europe/Paris' },
      { type: 'etc/chmod', path: 'sudoers.d', mode: 0o700 },
      { type: 'etc/chmod', path: 'security', mode: 0o700 },
      { type: 'etc/write', path: 'security/limits.conf', data: '# limits\n* soft nofile 4096\n' },
      // added locally: a file, and a directory with files (one in a subdirectory)
      { type: 'etc/write', path: 'hostname', data: 'node1\n' },
      { type: 'etc/mkdir', path: 'myapp.d', mode: 0o755 },
      { type: 'etc/write', path: 'myapp.d/10-a.conf', data: 'a=1\n' },
      { type: 'etc/mkdir', path: 'myapp.d/sub', mode: 0o700 },
      { type: 'etc/write', path: 'myapp.d/sub/20-b.conf', data: 'b=2\n', mode: 0o600 },
      { type: 'commit', tree: MERGE_V2 },
      { type: 'deploy' },
    ],
  },
  {
    name: 'redeploy-same-commit',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      // same commit again, with one karg changed and one added: serial .1
      { type: 'deploy', karg: ['console=ttyS0,115200n8', 'quiet'] },
      // and again without kargs: serial .2, and .0 (neither merge nor pinned) is dropped
      { type: 'deploy' },
    ],
  },
  {
    // Two deployments with the same kernel, kargs and version, then the same commit once more: the
    // new list differs from the old only in its bootlinks, so only the subbootversion flips
    // (reference 3.1, "Subboot-only path").
    name: 'redeploy-subbootversion',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      { type: 'deploy' },
      { type: 'deploy' },
    ],
  },
  {
    name: 'shared-kernel',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      { type: 'commit', tree: simple(V2, 'a') },
      { type: 'deploy' },
    ],
  },
  {
    name: 'two-kernels',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      { type: 'commit', tree: simple(V2, 'b') },
      { type: 'deploy' },
      // a third kernel: the first one's /boot/ostree dir goes with its deployment
      { type: 'commit', tree: simple(V3, 'c') },
      { type: 'deploy' },
    ],
  },
  {
    name: 'pin-unpin',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      { type: 'commit', tree: simple(V2, 'a') },
      { type: 'deploy' },
      { type: 'pin', index: 1 },
      { type: 'pin', index: 1 },
      // without the pin this deploy would drop V1 (neither booted nor merge)
      { type: 'commit', tree: simple(V3, 'b') },
      { type: 'deploy' },
      { type: 'pin', index: 2, unpin: true },
      { type: 'pin', index: 2, unpin: true },
      // a pinned merge deployment: does the new deployment inherit the pin?
      { type: 'pin', index: 0 },
      { type: 'commit', tree: simple(V4, 'b') },
      { type: 'deploy' },
      { type: 'pin', index: 1, unpin: true },
    ],
  },
  {
    name: 'pinned-survives',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      { type: 'pin', index: 0 },
      { type: 'commit', tree: simple(V2, 'a') },
      { type: 'deploy' },
      { type: 'commit', tree: simple(V3, 'a') },
      { type: 'deploy' },
      { type: 'commit', tree: simple(V4, 'b') },
      { type: 'deploy' },
    ],
  },
  {
    name: 'undeploy',
    stateroot: STATEROOT,
    ref: REF,
    kargs: KARGS,
    actions: [
      { type: 'commit', tree: simple(V1, 'a') },
      { type: 'deploy' },
      { type: 'commit', tree: simple(V2, 'b') },
      { type: 'deploy' },
      { type: 'undeploy', index: 1 },
    ],
  },
]
