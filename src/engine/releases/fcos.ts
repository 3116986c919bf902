/**
 * Fedora CoreOS: eleven consecutive real stable releases, from 39.20231101.3.0 (reference 0) to
 * the 39.20240322.3.1 respin.
 *
 * Sources, for every release:
 * - version and order: coreos/fedora-coreos-streams, commits "Roll out stable <version>" on main
 *   (2023-11-20 ... 2024-04-09, every stable release in between is listed);
 * - kernel and package versions: coreos/fedora-coreos-config, branch `stable`,
 *   manifest-lock.x86_64.json at the promotion commit the build was made from (its
 *   `metadata.generated` date is the snapshot date in the version), with the overrides laid over
 *   it: the full RPM lists are in fcosRpms.ts;
 * - timestamp: ILLUSTRATIVE. No public source gives the commit times, so each is the stable
 *   promotion commit's time plus three hours, which falls before the stream rollout.
 */
import { bulkProfile } from './bulk'
import { blobOf, utc } from './rng'
import type { ProfileSpec, ReleaseSpec } from './spec'
import {
  COREOS_CNI_CHECK_UNIT,
  COREOS_SUDO_GROUP,
  coreosCheckCgroupsUnit,
  FCOS_GROUP,
  FCOS_GSHADOW,
  FCOS_PASSWD,
  FCOS_RPM_OSTREED_CONF,
  FCOS_SHADOW,
  FCOS_SSHD_40_DISABLE_PASSWORDS,
  FCOS_USR_LIB_PASSWD,
  fcosOsRelease,
  FEDORA_CHRONY_44,
  FEDORA_CHRONY_45,
  FEDORA_HOSTS,
  FEDORA_ISSUE,
  FEDORA_REGISTRIES_CONF,
  FEDORA_REMOTE_CONF,
  FEDORA_SSHD_50_REDHAT,
  FEDORA_SSHD_CONFIG,
  FEDORA_SSHD_CONFIG_LATER,
  RPM_OSTREE_FIX_SHADOW_UNIT,
  SELINUX_CONFIG,
  SUDOERS,
  ZINCATI_DEFAULTS,
} from './texts'
import type { TreeEntry } from './types'
import { blobFile, dir, file, link } from './entries'
import { fcosRpms, type Rpm } from './rpms'

const HOURS = 3600

/**
 * The packages whose versions decide the bytes of the story files below (`from` of USR_FILES,
 * KERNEL_FILES and the texts of `extra`).
 */
const STORY_PACKAGES = [
  'glibc',
  'bash',
  'coreutils',
  'systemd',
  'ostree',
  'rpm-ostree',
  'chrony',
  'openssh-server',
  'sudo',
  'zincati',
  'ignition',
  'tzdata',
  'selinux-policy-targeted',
  'NetworkManager',
  'containers-common',
] as const

/**
 * A release of the catalogue: its kernel and the versions of the story packages come from its
 * real RPM list (fcosRpms.ts, the lockfiles of the stable commit named in each comment below).
 */
function release(version: string, promotedAt: number): ReleaseSpec {
  const rpms = fcosRpms(version)
  if (rpms === null) throw new Error(`no RPM list for ${version}`)
  const evr = (name: string): Rpm => {
    const rpm = rpms.find((r) => r.name === name)
    if (rpm === undefined) throw new Error(`${version} has no ${name}`)
    return rpm
  }
  const kernel = `${evr('kernel').evr}.${evr('kernel').arch}`
  const packages: Record<string, string> = { kernel }
  for (const name of STORY_PACKAGES) packages[name] = evr(name).evr
  return {
    version,
    kernel,
    // ILLUSTRATIVE: promotion commit time + 3 h (see the header).
    timestamp: promotedAt + 3 * HOURS,
    illustrative: false,
    illustrativeFields: ['timestamp'],
    packages,
  }
}

const RELEASES: ReleaseSpec[] = [
  // stable@4408116c (2023-11-20T16:48:35Z), manifest-lock.x86_64.json generated 2023-11-01.
  release('39.20231101.3.0', utc(2023, 11, 20, 16, 48, 35)),
  // stable@94973f12 (2023-12-04T16:12:56Z), generated 2023-11-19.
  release('39.20231119.3.0', utc(2023, 12, 4, 16, 12, 56)),
  // stable@46629ad7 (promoted 2023-12-18) built as the .3 respin after stable@9907118c
  // (2024-01-05T18:06:39Z, last stable commit before the 2024-01-08 rollout); generated
  // 2023-12-04. Both commits lock the same packages.
  release('39.20231204.3.3', utc(2024, 1, 5, 18, 6, 39)),
  // stable@dada9001 (2024-01-15T18:46:28Z), generated 2024-01-04.
  release('39.20240104.3.0', utc(2024, 1, 15, 18, 46, 28)),
  // stable@7544b76f (2024-01-29T16:36:12Z), generated 2024-01-12.
  release('39.20240112.3.0', utc(2024, 1, 29, 16, 36, 12)),
  // stable@171cf8eb (2024-02-12T18:07:46Z), generated 2024-01-28.
  release('39.20240128.3.0', utc(2024, 2, 12, 18, 7, 46)),
  // stable@9443d4e3 (2024-02-26T10:57:58Z), generated 2024-02-10.
  release('39.20240210.3.0', utc(2024, 2, 26, 10, 57, 58)),
  // stable@227a93d3 (2024-03-11T19:09:05Z), generated 2024-02-25.
  release('39.20240225.3.0', utc(2024, 3, 11, 19, 9, 5)),
  // stable@8355fe57 (2024-03-22T22:18:28Z), generated 2024-03-09.
  release('39.20240309.3.0', utc(2024, 3, 22, 22, 18, 28)),
  // stable@eb55ad9f (2024-04-05T15:04:26Z), generated 2024-03-22. The respin below keeps this
  // kernel: both deployments share one /boot kernel directory.
  release('39.20240322.3.0', utc(2024, 4, 5, 15, 4, 26)),
  // stable@4a46aefd (2024-04-09T16:04:07Z) "overrides: fast-track rpm-ostree-2024.4-6.fc39": the
  // same lockfile with only rpm-ostree replaced (fedora-coreos-streams release notes: "Fix
  // rpm-ostree CVE-2024-2905 (world-readable /etc/[g]shadow[-])", coreos/fedora-coreos-tracker#1705).
  release('39.20240322.3.1', utc(2024, 4, 9, 16, 4, 7)),
]

const V_CGROUPS_RENAMED = '39.20240225.3.0'
const V_SHADOW_FIXED = '39.20240322.3.1'

function atOrAfter(index: number, version: string): boolean {
  const at = RELEASES.findIndex((r) => r.version === version)
  return at >= 0 && index >= at
}

/**
 * Sizes are ILLUSTRATIVE (plausible for Fedora 39 x86_64 builds); contents follow the package
 * versions above. vmlinuz ~13 MB and initramfs ~80-100 MB per reference 9.
 */
const USR_FILES = [
  { path: '/usr/bin/bash', mode: 0o755, from: ['bash'], size: 1_434_600 },
  { path: '/usr/bin/cat', mode: 0o755, from: ['coreutils'], size: 36_424 },
  { path: '/usr/bin/chmod', mode: 0o755, from: ['coreutils'], size: 62_032 },
  { path: '/usr/bin/ls', mode: 0o755, from: ['coreutils'], size: 141_832 },
  { path: '/usr/bin/ostree', mode: 0o755, from: ['ostree'], size: 470_208 },
  { path: '/usr/bin/rpm-ostree', mode: 0o755, from: ['rpm-ostree'], size: 33_556_112 },
  { path: '/usr/bin/sudo', mode: 0o4111, from: ['sudo'], size: 191_704 },
  { path: '/usr/bin/zincati', mode: 0o755, from: ['zincati'], size: 6_947_432 },
  { path: '/usr/lib/sysimage/rpm/rpmdb.sqlite', mode: 0o644, from: ['@version'], size: 24_129_536 },
  {
    path: '/usr/lib/systemd/system/NetworkManager.service',
    mode: 0o644,
    from: ['NetworkManager'],
    size: 1_424,
  },
  { path: '/usr/lib/systemd/system/chronyd.service', mode: 0o644, from: ['chrony'], size: 491 },
  {
    path: '/usr/lib/systemd/system/sshd.service',
    mode: 0o644,
    from: ['openssh-server'],
    size: 495,
  },
  { path: '/usr/lib/systemd/system/zincati.service', mode: 0o644, from: ['zincati'], size: 735 },
  { path: '/usr/lib/systemd/systemd', mode: 0o755, from: ['systemd'], size: 92_032 },
  { path: '/usr/lib64/ld-linux-x86-64.so.2', mode: 0o755, from: ['glibc'], size: 871_808 },
  { path: '/usr/lib64/libc.so.6', mode: 0o755, from: ['glibc'], size: 2_413_528 },
  { path: '/usr/lib64/libostree-1.so.1.0.0', mode: 0o755, from: ['ostree'], size: 1_362_944 },
  { path: '/usr/share/zoneinfo/UTC', mode: 0o644, from: ['tzdata'], size: 114 },
  // SELinux policy binary, copied into every deployment's /etc (ILLUSTRATIVE size).
  {
    path: '/usr/etc/selinux/targeted/policy/policy.33',
    mode: 0o644,
    from: ['selinux-policy-targeted'],
    size: 3_605_412,
  },
] as const

/**
 * The initramfs is built by dracut at compose time; it changes when the kernel or one of the
 * packages it embeds changes. The list is ILLUSTRATIVE; it leaves out rpm-ostree, so the
 * rpm-ostree-only respin 39.20240322.3.1 keeps the initramfs (and the /boot directory) of
 * 39.20240322.3.0. (rpm-ostree runs dracut with --reproducible: UNCONFIRMED for these builds.)
 */
const INITRAMFS_FROM = ['kernel', 'systemd', 'ostree', 'ignition', 'glibc', 'bash', 'coreutils']

const KERNEL_FILES = [
  { path: 'System.map', mode: 0o644, from: ['kernel'], size: 7_861_246 },
  { path: 'config', mode: 0o644, from: ['kernel'], size: 263_219 },
  { path: 'initramfs.img', mode: 0o644, from: INITRAMFS_FROM, size: 86_122_496 },
  { path: 'modules.alias', mode: 0o644, from: ['kernel'], size: 1_402_118 },
  { path: 'modules.builtin', mode: 0o644, from: ['kernel'], size: 20_318 },
  { path: 'modules.dep', mode: 0o644, from: ['kernel'], size: 512_730 },
  { path: 'vmlinuz', mode: 0o755, from: ['kernel'], size: 13_935_592 },
] as const

/** `systemctl enable` symlink target. */
function unitLink(path: string, unit: string): TreeEntry {
  return link(path, `/usr/lib/systemd/system/${unit}`)
}

function extra(r: ReleaseSpec, index: number): TreeEntry[] {
  const out: TreeEntry[] = []
  const cgroupsRenamed = atOrAfter(index, V_CGROUPS_RENAMED)
  const shadowFixed = atOrAfter(index, V_SHADOW_FIXED)

  // /usr/lib: os-release (the text the story reads), issue, passwd split by rpm-ostree.
  out.push(file('/usr/lib/os-release', 0o644, fcosOsRelease(r.version)))
  out.push(file('/usr/lib/issue', 0o644, FEDORA_ISSUE))
  out.push(file('/usr/lib/passwd', 0o644, FCOS_USR_LIB_PASSWD))
  out.push(link('/usr/lib64/libostree-1.so.1', 'libostree-1.so.1.0.0'))
  for (const [name, text] of ZINCATI_DEFAULTS) {
    out.push(file(`/usr/lib/zincati/config.d/${name}`, 0o644, text))
  }

  // fedora-coreos-config overlay.d/15fcos: coreos-check-cgroups.service, renamed
  // coreos-check-cgroups-version.service in stable@227a93d3 (39.20240225.3.0), which also adds
  // overlay.d/14podman-v5 coreos-cni-networking-check.service (real texts).
  const cgroupsScript = cgroupsRenamed ? 'coreos-check-cgroups-version' : 'coreos-check-cgroups'
  out.push(
    file(
      `/usr/lib/systemd/system/${cgroupsScript}.service`,
      0o644,
      coreosCheckCgroupsUnit(cgroupsScript),
    ),
  )
  // The scripts: real paths, modes and sizes (852 and 922 bytes at stable@4408116c and
  // stable@227a93d3); stand-in bytes.
  out.push(
    blobFile(
      `/usr/libexec/${cgroupsScript}`,
      0o755,
      cgroupsRenamed ? 922 : 852,
      blobOf(`fedora-coreos-config:overlay.d/15fcos/usr/libexec/${cgroupsScript}`),
    ),
  )
  if (cgroupsRenamed) {
    out.push(
      file(
        '/usr/lib/systemd/system/coreos-cni-networking-check.service',
        0o644,
        COREOS_CNI_CHECK_UNIT,
      ),
    )
    out.push(
      blobFile(
        '/usr/libexec/coreos-cni-networking-check',
        0o755,
        1459,
        blobOf(
          'fedora-coreos-config:overlay.d/14podman-v5/usr/libexec/coreos-cni-networking-check',
        ),
      ),
    )
  }
  // rpm-ostree 2024.4-6 ships rpm-ostree-fix-shadow-mode.service and its %post links it into
  // multi-user.target.wants (rpm-ostree.spec; whether the link exists in composed trees is
  // UNCONFIRMED).
  if (shadowFixed) {
    out.push(
      file(
        '/usr/lib/systemd/system/rpm-ostree-fix-shadow-mode.service',
        0o644,
        RPM_OSTREE_FIX_SHADOW_UNIT,
      ),
    )
    out.push(
      unitLink(
        '/usr/lib/systemd/system/multi-user.target.wants/rpm-ostree-fix-shadow-mode.service',
        'rpm-ostree-fix-shadow-mode.service',
      ),
    )
  }

  // /usr/etc: the defaults the first boot copies to /etc (reference 2.4).
  out.push(link('/usr/etc/os-release', '../usr/lib/os-release'))
  out.push(link('/usr/etc/issue', '../usr/lib/issue'))
  out.push(link('/usr/etc/localtime', '../usr/share/zoneinfo/UTC'))
  out.push(link('/usr/etc/resolv.conf', '../run/systemd/resolve/stub-resolv.conf'))
  out.push(file('/usr/etc/passwd', 0o644, FCOS_PASSWD))
  out.push(file('/usr/etc/group', 0o644, FCOS_GROUP))
  // CVE-2024-2905 (coreos/fedora-coreos-tracker#1705, coreos/rpm-ostree#4911): stable builds from
  // 38.20230902.3.0 until the fix composed /etc/shadow and /etc/gshadow with mode 0644; the
  // respin 39.20240322.3.1 creates them with mode 0 again.
  const shadowMode = shadowFixed ? 0o000 : 0o644
  out.push(file('/usr/etc/shadow', shadowMode, FCOS_SHADOW))
  out.push(file('/usr/etc/gshadow', shadowMode, FCOS_GSHADOW))
  // Fedora's setup package ships an empty fstab and an empty motd (UNCONFIRMED byte for byte).
  out.push(file('/usr/etc/fstab', 0o644, ''))
  out.push(file('/usr/etc/motd', 0o644, ''))
  out.push(dir('/usr/etc/motd.d', 0o755))
  out.push(file('/usr/etc/hosts', 0o644, FEDORA_HOSTS))
  out.push(
    file(
      '/usr/etc/chrony.conf',
      0o644,
      r.packages['chrony'] === '4.4-1.fc39' ? FEDORA_CHRONY_44 : FEDORA_CHRONY_45,
    ),
  )
  out.push(dir('/usr/etc/ssh', 0o755))
  out.push(
    file(
      '/usr/etc/ssh/sshd_config',
      0o600,
      r.packages['openssh-server'] === '9.3p1-9.fc39'
        ? FEDORA_SSHD_CONFIG
        : FEDORA_SSHD_CONFIG_LATER,
    ),
  )
  out.push(dir('/usr/etc/ssh/sshd_config.d', 0o700))
  out.push(
    file(
      '/usr/etc/ssh/sshd_config.d/40-disable-passwords.conf',
      0o600,
      FCOS_SSHD_40_DISABLE_PASSWORDS,
    ),
  )
  out.push(file('/usr/etc/ssh/sshd_config.d/50-redhat.conf', 0o600, FEDORA_SSHD_50_REDHAT))
  out.push(file('/usr/etc/sudoers', 0o440, SUDOERS))
  out.push(dir('/usr/etc/sudoers.d', 0o750))
  out.push(file('/usr/etc/sudoers.d/coreos-sudo-group', 0o440, COREOS_SUDO_GROUP))
  out.push(dir('/usr/etc/containers', 0o755))
  out.push(file('/usr/etc/containers/registries.conf', 0o644, FEDORA_REGISTRIES_CONF))
  out.push(dir('/usr/etc/zincati', 0o755))
  out.push(dir('/usr/etc/zincati/config.d', 0o755))
  out.push(dir('/usr/etc/ostree/remotes.d', 0o755))
  out.push(file('/usr/etc/ostree/remotes.d/fedora.conf', 0o644, FEDORA_REMOTE_CONF))
  out.push(file('/usr/etc/rpm-ostreed.conf', 0o644, FCOS_RPM_OSTREED_CONF))
  out.push(dir('/usr/etc/selinux', 0o755))
  out.push(file('/usr/etc/selinux/config', 0o644, SELINUX_CONFIG))

  // Enablement symlinks: the compose runs `rm -rf /etc/systemd/system/*; systemctl preset-all`
  // (fedora-coreos-config manifests/ignition-and-ostree.yaml), so /usr/etc/systemd/system holds
  // the preset links. coreos-check-cgroups* and coreos-cni-networking-check follow the presets
  // 45-fcos.preset / 14-fcos.preset (real); the other units are a few typical ones.
  out.push(dir('/usr/etc/systemd/system', 0o755))
  const wants = '/usr/etc/systemd/system/multi-user.target.wants'
  out.push(unitLink(`${wants}/NetworkManager.service`, 'NetworkManager.service'))
  out.push(unitLink(`${wants}/chronyd.service`, 'chronyd.service'))
  out.push(unitLink(`${wants}/${cgroupsScript}.service`, `${cgroupsScript}.service`))
  if (cgroupsRenamed) {
    out.push(
      unitLink(
        `${wants}/coreos-cni-networking-check.service`,
        'coreos-cni-networking-check.service',
      ),
    )
  }
  out.push(unitLink(`${wants}/sshd.service`, 'sshd.service'))
  out.push(unitLink(`${wants}/zincati.service`, 'zincati.service'))
  return out
}

export const FCOS_SPEC: ProfileSpec = {
  id: 'fcos',
  releases: RELEASES,
  usrFiles: USR_FILES,
  kernelFiles: KERNEL_FILES,
  extra,
  bulk: bulkProfile('fcos'),
}
