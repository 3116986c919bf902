/**
 * RHEL CoreOS 4.8: the three builds of the article (coreos-article-fr.md).
 *
 * - 48.84.202105281935-0: the article's rollback deployment. Kernel 4.18.0-305.el8.x86_64 and
 *   cri-o 1.21.0-100.rhaos4.8.git3dfc2a1.el8 from a public `oc get node -o wide` transcript of a
 *   node running this exact build. Timestamp ILLUSTRATIVE (the version's build time + 4 min, the
 *   gap observed on the next build).
 * - 48.84.202106231817-0: the article's booted deployment. Timestamp 2021-06-23T18:21:06Z and
 *   runc 1.0.0-97.rhaos4.8.gitcd80260.el8 from a public blog transcript (`rpm-ostree status`:
 *   "Version: 48.84.202106231817-0 (2021-06-23T18:21:06Z)", tree `eb6dd3b`, matching the
 *   article's checksum). Kernel ILLUSTRATIVE: no transcript shows it; 4.18.0-305.3.1.el8_4 was
 *   the RHEL 8.4 z-stream kernel of June 2021.
 * - 48.84.202108062347-0: the article's /etc/os-release. Kernel 4.18.0-305.10.2.el8_4.x86_64 from
 *   the article's `rpm -qa | grep kernel` (intel/sriov-fec-operator release notes also pair this
 *   build, OpenShift 4.8.5, with RT kernel 4.18.0-305.10.2.rt7.83.el8_4). Timestamp ILLUSTRATIVE.
 * - glibc 2.28-151.el8 and `/lib64/libc-2.28.so`: the article (`rpm -qa | grep glibc`, `sha1sum`).
 * - `/usr/bin/ls`, 143368 bytes, the same inode in the first two deployments: the article's
 *   `ls -li`. The other package versions are ILLUSTRATIVE RHEL 8.4 versions.
 * - Real builds between these (e.g. 48.84.202107202156-0, OpenShift 4.8.2) are left out: the
 *   article's machine went from 06231817 to 08062347.
 */
import { bulkProfile } from './bulk'
import { blobOf, utc } from './rng'
import type { ProfileSpec, ReleaseSpec } from './spec'
import {
  COREOS_SUDO_GROUP,
  RHCOS_GROUP,
  RHCOS_GSHADOW,
  RHCOS_PASSWD,
  RHCOS_SHADOW,
  rhcosMotd,
  rhcosOsRelease,
  RHEL_CHRONY,
  RHEL_CHRONY_LATER,
  RHEL_CRIO_NETWORK,
  RHEL_HOSTS,
  RHEL_ISSUE,
  RHEL_REGISTRIES_CONF,
  RHEL_REGISTRIES_CONF_LATER,
  RHEL_SHORTNAMES_CONF,
  RHEL_SSHD_CONFIG,
  SELINUX_CONFIG,
  SUDOERS,
} from './texts'
import type { TreeEntry } from './types'
import { blobFile, dir, file, link } from './entries'

// ILLUSTRATIVE RHEL 8.4 package versions, except glibc (article), cri-o and runc (see header).
const P0: Record<string, string> = {
  glibc: '2.28-151.el8',
  coreutils: '8.30-8.el8',
  bash: '4.4.19-14.el8',
  systemd: '239-45.el8',
  ostree: '2020.7-4.el8',
  'rpm-ostree': '2020.7-3.el8',
  sudo: '1.8.29-7.el8',
  chrony: '3.5-2.el8',
  'openssh-server': '8.0p1-6.el8',
  ignition: '2.9.0-7.rhaos4.8.el8',
  'cri-o': '1.21.0-100.rhaos4.8.git3dfc2a1.el8',
  runc: '1.0.0-97.rhaos4.8.gitcd80260.el8',
  tzdata: '2021a-1.el8',
  'selinux-policy-targeted': '3.14.3-67.el8',
}
const P1: Record<string, string> = {
  ...P0,
  systemd: '239-45.el8_4.1',
  'cri-o': '1.21.1-9.rhaos4.8.git9e4b8de.el8',
  'selinux-policy-targeted': '3.14.3-67.el8_4.1',
}
const P2: Record<string, string> = {
  ...P1,
  systemd: '239-45.el8_4.2',
  'rpm-ostree': '2020.7-5.el8_4',
  'cri-o': '1.21.2-9.rhaos4.8.git3b87110.el8',
  runc: '1.0.0-99.rhaos4.8.gitcd80260.el8',
  'openssh-server': '8.0p1-7.el8_4',
}

const RELEASES: ReleaseSpec[] = [
  {
    version: '48.84.202105281935-0',
    kernel: '4.18.0-305.el8.x86_64',
    timestamp: utc(2021, 5, 28, 19, 39, 0),
    illustrative: false,
    illustrativeFields: ['timestamp'],
    packages: { ...P0, kernel: '4.18.0-305.el8.x86_64' },
  },
  {
    version: '48.84.202106231817-0',
    kernel: '4.18.0-305.3.1.el8_4.x86_64',
    timestamp: utc(2021, 6, 23, 18, 21, 6),
    illustrative: false,
    illustrativeFields: ['kernel'],
    packages: { ...P1, kernel: '4.18.0-305.3.1.el8_4.x86_64' },
  },
  {
    version: '48.84.202108062347-0',
    kernel: '4.18.0-305.10.2.el8_4.x86_64',
    timestamp: utc(2021, 8, 6, 23, 51, 0),
    illustrative: false,
    illustrativeFields: ['timestamp'],
    packages: { ...P2, kernel: '4.18.0-305.10.2.el8_4.x86_64' },
  },
]

/** Sizes ILLUSTRATIVE except /usr/bin/ls (the article's `ls -li`). */
const USR_FILES = [
  { path: '/usr/bin/bash', mode: 0o755, from: ['bash'], size: 1_150_560 },
  { path: '/usr/bin/cat', mode: 0o755, from: ['coreutils'], size: 38_568 },
  { path: '/usr/bin/chmod', mode: 0o755, from: ['coreutils'], size: 64_344 },
  { path: '/usr/bin/crio', mode: 0o755, from: ['cri-o'], size: 37_516_432 },
  { path: '/usr/bin/ls', mode: 0o755, from: ['coreutils'], size: 143_368, exact: true },
  { path: '/usr/bin/ostree', mode: 0o755, from: ['ostree'], size: 421_896 },
  { path: '/usr/bin/rpm-ostree', mode: 0o755, from: ['rpm-ostree'], size: 8_912_904 },
  { path: '/usr/bin/runc', mode: 0o755, from: ['runc'], size: 9_651_216 },
  { path: '/usr/bin/sudo', mode: 0o4111, from: ['sudo'], size: 165_632 },
  { path: '/usr/lib/systemd/system/chronyd.service', mode: 0o644, from: ['chrony'], size: 491 },
  {
    path: '/usr/lib/systemd/system/sshd.service',
    mode: 0o644,
    from: ['openssh-server'],
    size: 456,
  },
  { path: '/usr/lib/systemd/systemd', mode: 0o755, from: ['systemd'], size: 1_628_192 },
  { path: '/usr/lib64/ld-2.28.so', mode: 0o755, from: ['glibc'], size: 1_245_448 },
  { path: '/usr/lib64/libc-2.28.so', mode: 0o755, from: ['glibc'], size: 3_154_704 },
  { path: '/usr/lib64/libostree-1.so.1.0.0', mode: 0o755, from: ['ostree'], size: 1_231_056 },
  { path: '/usr/share/rpm/Packages', mode: 0o644, from: ['@version'], size: 31_457_280 },
  { path: '/usr/share/zoneinfo/UTC', mode: 0o644, from: ['tzdata'], size: 118 },
  // RHEL 8 builds policy version 31 (ILLUSTRATIVE size).
  {
    path: '/usr/etc/selinux/targeted/policy/policy.31',
    mode: 0o644,
    from: ['selinux-policy-targeted'],
    size: 3_148_220,
  },
] as const

/** As for FCOS (fcos.ts): ILLUSTRATIVE list of what the initramfs embeds. */
const INITRAMFS_FROM = ['kernel', 'systemd', 'ostree', 'ignition', 'glibc', 'bash', 'coreutils']

const KERNEL_FILES = [
  { path: 'System.map', mode: 0o644, from: ['kernel'], size: 4_216_833 },
  { path: 'config', mode: 0o644, from: ['kernel'], size: 187_204 },
  { path: 'initramfs.img', mode: 0o644, from: INITRAMFS_FROM, size: 76_349_440 },
  { path: 'modules.alias', mode: 0o644, from: ['kernel'], size: 1_094_467 },
  { path: 'modules.builtin', mode: 0o644, from: ['kernel'], size: 14_983 },
  { path: 'modules.dep', mode: 0o644, from: ['kernel'], size: 405_612 },
  { path: 'vmlinuz', mode: 0o755, from: ['kernel'], size: 10_034_568 },
] as const

/** The system users rpm-ostree moves to /usr/lib/passwd (openshift/os release-4.8 `passwd`). */
const RHCOS_USR_LIB_PASSWD = [
  'bin:x:1:1:bin:/bin:/sbin/nologin',
  'daemon:x:2:2:daemon:/sbin:/sbin/nologin',
  'adm:x:3:4:adm:/var/adm:/sbin/nologin',
  'lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin',
  'sync:x:5:0:sync:/sbin:/bin/sync',
  'shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown',
  'halt:x:7:0:halt:/sbin:/sbin/halt',
  'mail:x:8:12:mail:/var/spool/mail:/sbin/nologin',
  'operator:x:11:0:operator:/root:/sbin/nologin',
  'games:x:12:100:games:/usr/games:/sbin/nologin',
  'ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin',
  'nobody:x:99:99:Nobody:/:/sbin/nologin',
  'dbus:x:81:81:System message bus:/:/sbin/nologin',
  'polkitd:x:999:998:User for polkitd:/:/sbin/nologin',
  'sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin',
  'chrony:x:994:992::/var/lib/chrony:/sbin/nologin',
  'openvswitch:x:800:800::/:/sbin/nologin',
  '',
].join('\n')

function extra(r: ReleaseSpec, index: number): TreeEntry[] {
  const out: TreeEntry[] = []
  out.push(file('/usr/lib/os-release', 0o644, rhcosOsRelease(r.version)))
  out.push(file('/usr/lib/passwd', 0o644, RHCOS_USR_LIB_PASSWD))
  // RHEL 8 glibc layout: libc.so.6 -> libc-2.28.so (the article's /lib64/libc-2.28.so).
  out.push(link('/usr/lib64/libc.so.6', 'libc-2.28.so'))
  out.push(link('/usr/lib64/ld-linux-x86-64.so.2', 'ld-2.28.so'))
  out.push(link('/usr/lib64/libostree-1.so.1', 'libostree-1.so.1.0.0'))

  out.push(link('/usr/etc/os-release', '../usr/lib/os-release'))
  out.push(link('/usr/etc/localtime', '../usr/share/zoneinfo/UTC'))
  out.push(file('/usr/etc/issue', 0o644, RHEL_ISSUE))
  out.push(file('/usr/etc/passwd', 0o644, RHCOS_PASSWD))
  out.push(file('/usr/etc/group', 0o644, RHCOS_GROUP))
  out.push(file('/usr/etc/shadow', 0o000, RHCOS_SHADOW))
  out.push(file('/usr/etc/gshadow', 0o000, RHCOS_GSHADOW))
  out.push(file('/usr/etc/fstab', 0o644, ''))
  // Real: generated from os-release at compose time, so it differs in every build.
  out.push(file('/usr/etc/motd', 0o644, rhcosMotd(r.version)))
  out.push(file('/usr/etc/hosts', 0o644, RHEL_HOSTS))
  out.push(file('/usr/etc/chrony.conf', 0o644, index >= 2 ? RHEL_CHRONY_LATER : RHEL_CHRONY))
  out.push(dir('/usr/etc/ssh', 0o755))
  out.push(file('/usr/etc/ssh/sshd_config', 0o600, RHEL_SSHD_CONFIG))
  out.push(file('/usr/etc/sudoers', 0o440, SUDOERS))
  out.push(dir('/usr/etc/sudoers.d', 0o750))
  out.push(file('/usr/etc/sudoers.d/coreos-sudo-group', 0o440, COREOS_SUDO_GROUP))
  out.push(dir('/usr/etc/containers', 0o755))
  // ILLUSTRATIVE changes: registries.conf modified and a short-names file added in 06231817.
  out.push(
    file(
      '/usr/etc/containers/registries.conf',
      0o644,
      index >= 1 ? RHEL_REGISTRIES_CONF_LATER : RHEL_REGISTRIES_CONF,
    ),
  )
  if (index >= 1) {
    out.push(
      file(
        '/usr/etc/containers/registries.conf.d/001-rhel-shortnames.conf',
        0o644,
        RHEL_SHORTNAMES_CONF,
      ),
    )
  }
  // ILLUSTRATIVE: a sysconfig file that disappears in 08062347.
  if (index < 2) out.push(file('/usr/etc/sysconfig/crio-network', 0o644, RHEL_CRIO_NETWORK))
  out.push(dir('/usr/etc/selinux', 0o755))
  out.push(file('/usr/etc/selinux/config', 0o644, SELINUX_CONFIG))
  // openshift/os release-4.8 manifest.yaml postprocess (real): VMware guest info and yum.repos.d.
  out.push(
    file('/usr/etc/vmware-tools/tools.conf', 0o644, '[guestosinfo]\nshort-name = rhel8-64\n'),
  )
  out.push(dir('/usr/etc/yum.repos.d', 0o755))
  // openshift/os release-4.8 overlay.d/21dhcp-chrony (real path, mode and size; stand-in bytes).
  out.push(
    blobFile(
      '/usr/etc/NetworkManager/dispatcher.d/20-coreos-chrony-dhcp',
      0o755,
      2602,
      blobOf('openshift/os@release-4.8:overlay.d/21dhcp-chrony/20-coreos-chrony-dhcp'),
    ),
  )
  out.push(dir('/usr/etc/systemd/system', 0o755))
  const wants = '/usr/etc/systemd/system/multi-user.target.wants'
  out.push(link(`${wants}/chronyd.service`, '/usr/lib/systemd/system/chronyd.service'))
  out.push(link(`${wants}/sshd.service`, '/usr/lib/systemd/system/sshd.service'))
  return out
}

export const RHCOS_SPEC: ProfileSpec = {
  id: 'rhcos',
  releases: RELEASES,
  usrFiles: USR_FILES,
  kernelFiles: KERNEL_FILES,
  extra,
  bulk: bulkProfile('rhcos'),
}
