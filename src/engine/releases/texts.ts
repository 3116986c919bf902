/**
 * Real (or real-looking, where marked) text of the files the story reads: os-release and the
 * defaults in /usr/etc. Every block says where it comes from.
 */

/**
 * Fedora CoreOS 39 `/usr/lib/os-release`.
 *
 * Shape and values: FCOS 38 `/etc/os-release` of 38.20230430.3.1 and FCOS 37 os-release texts
 * (public transcripts in the GitHub code index), with the Fedora 39 values of `fedora-release` 39
 * (`SUPPORT_END=2024-11-12`, `platform:f39`, seen in several F39 os-release transcripts).
 * VERSION, PRETTY_NAME and OSTREE_VERSION carry the build version: rpm-ostree's
 * `mutate-os-release: "${releasever}"` (coreos/fedora-coreos-config manifests/fedora-coreos.yaml
 * at stable@4408116c) rewrites `39` into the full version and appends OSTREE_VERSION.
 * UNCONFIRMED for 39: HOME_URL (F38 had `https://getfedora.org/coreos/`; Fedora 39 moved its
 * URLs to fedoraproject.org), and the absence of DEFAULT_HOSTNAME, which F39's base file carries
 * in other variants.
 */
export function fcosOsRelease(version: string): string {
  return [
    'NAME="Fedora Linux"',
    `VERSION="${version} (CoreOS)"`,
    'ID=fedora',
    'VERSION_ID=39',
    'VERSION_CODENAME=""',
    'PLATFORM_ID="platform:f39"',
    `PRETTY_NAME="Fedora CoreOS ${version}"`,
    'ANSI_COLOR="0;38;2;60;110;180"',
    'LOGO=fedora-logo-icon',
    'CPE_NAME="cpe:/o:fedoraproject:fedora:39"',
    'HOME_URL="https://fedoraproject.org/coreos/"',
    'DOCUMENTATION_URL="https://docs.fedoraproject.org/en-US/fedora-coreos/"',
    'SUPPORT_URL="https://github.com/coreos/fedora-coreos-tracker/"',
    'BUG_REPORT_URL="https://github.com/coreos/fedora-coreos-tracker/"',
    'REDHAT_BUGZILLA_PRODUCT="Fedora"',
    'REDHAT_BUGZILLA_PRODUCT_VERSION=39',
    'REDHAT_SUPPORT_PRODUCT="Fedora"',
    'REDHAT_SUPPORT_PRODUCT_VERSION=39',
    'SUPPORT_END=2024-11-12',
    'VARIANT="CoreOS"',
    'VARIANT_ID=coreos',
    `OSTREE_VERSION='${version}'`,
    '',
  ].join('\n')
}

/**
 * RHEL CoreOS 4.8 `/usr/lib/os-release`, exactly as the article prints `/etc/os-release` for
 * 48.84.202108062347-0 (coreos-article-fr.md), with VERSION, PRETTY_NAME and OSTREE_VERSION
 * following the build version (rpm-ostree `mutate-os-release: "4.8"`, openshift/os release-4.8
 * manifest.yaml).
 */
export function rhcosOsRelease(version: string): string {
  return [
    'NAME="Red Hat Enterprise Linux CoreOS"',
    `VERSION="${version}"`,
    'ID="rhcos"',
    'ID_LIKE="rhel fedora"',
    'VERSION_ID="4.8"',
    'PLATFORM_ID="platform:el8"',
    `PRETTY_NAME="Red Hat Enterprise Linux CoreOS ${version} (Ootpa)"`,
    'ANSI_COLOR="0;31"',
    'CPE_NAME="cpe:/o:redhat:enterprise_linux:8::coreos"',
    'HOME_URL="https://www.redhat.com/"',
    'DOCUMENTATION_URL="https://docs.openshift.com/container-platform/4.8/"',
    'BUG_REPORT_URL="https://bugzilla.redhat.com/"',
    'REDHAT_BUGZILLA_PRODUCT="OpenShift Container Platform"',
    'REDHAT_BUGZILLA_PRODUCT_VERSION="4.8"',
    'REDHAT_SUPPORT_PRODUCT="OpenShift Container Platform"',
    'REDHAT_SUPPORT_PRODUCT_VERSION="4.8"',
    'OPENSHIFT_VERSION="4.8"',
    'RHEL_VERSION="8.4"',
    `OSTREE_VERSION='${version}'`,
    '',
  ].join('\n')
}

/**
 * RHCOS 4.8 `/etc/motd`, generated at compose time from os-release (openshift/os release-4.8
 * manifest.yaml postprocess, `cat > /etc/motd <<EOF`). The text appears verbatim as the SSH banner
 * of a 48.84.202106231817-0 node in a public blog transcript. It embeds VERSION, so it changes with
 * every build and the /etc merge picks up the new default.
 */
export function rhcosMotd(version: string): string {
  return [
    `Red Hat Enterprise Linux CoreOS ${version}`,
    '  Part of OpenShift 4.8, RHCOS is a Kubernetes native operating system',
    '  managed by the Machine Config Operator (`clusteroperator/machine-config`).',
    '',
    'WARNING: Direct SSH access to machines is not recommended; instead,',
    'make configuration changes via `machineconfig` objects:',
    '  https://docs.openshift.com/container-platform/4.8/architecture/architecture-rhcos.html',
    '',
    '---',
    '',
  ].join('\n')
}

/*
 * passwd / group. rpm-ostree splits them at compose time (coreos/rpm-ostree rust/src/passwd.rs,
 * `migrate_passwd_except_root` and `migrate_group_except_root`): /usr/etc/passwd keeps only uid 0,
 * /usr/etc/group keeps root plus the treefile's `etc-group-members`; everything else goes to
 * /usr/lib/passwd and /usr/lib/group.
 */

/** FCOS root entry: `root:x:0:0:Super User:/root:/bin/bash` (fedora-coreos-config manifests/passwd). */
export const FCOS_PASSWD = 'root:x:0:0:Super User:/root:/bin/bash\n'

/**
 * FCOS /usr/etc/group: root + etc-group-members `wheel sudo systemd-journal adm`
 * (manifests/fedora-coreos-base.yaml) + `docker` (manifests/fedora-coreos.yaml), in the order of
 * the original group file; gids from manifests/group. The docker gid is ILLUSTRATIVE (moby-engine
 * creates the group dynamically).
 */
export const FCOS_GROUP = [
  'root:x:0:',
  'adm:x:4:',
  'wheel:x:10:',
  'sudo:x:16:',
  'systemd-journal:x:190:',
  'docker:x:982:',
  '',
].join('\n')

/**
 * Shadow files: Fedora's root line is `root:!locked::0:99999:7:::` (setup package, seen in several
 * Fedora transcripts). Whether FCOS keeps the system users' lines in /usr/etc/shadow is
 * UNCONFIRMED, so only root is listed (ILLUSTRATIVE).
 */
export const FCOS_SHADOW = 'root:!locked::0:99999:7:::\n'
export const FCOS_GSHADOW = 'root:::\n'

/** The system users rpm-ostree moves to /usr/lib/passwd (fedora-coreos-config manifests/passwd). */
export const FCOS_USR_LIB_PASSWD = [
  'bin:x:1:1:bin:/bin:/usr/sbin/nologin',
  'daemon:x:2:2:daemon:/sbin:/usr/sbin/nologin',
  'adm:x:3:4:adm:/var/adm:/usr/sbin/nologin',
  'lp:x:4:7:lp:/var/spool/lpd:/usr/sbin/nologin',
  'sync:x:5:0:sync:/sbin:/bin/sync',
  'shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown',
  'halt:x:7:0:halt:/sbin:/sbin/halt',
  'mail:x:8:12:mail:/var/spool/mail:/usr/sbin/nologin',
  'operator:x:11:0:operator:/root:/usr/sbin/nologin',
  'games:x:12:100:games:/usr/games:/usr/sbin/nologin',
  'ftp:x:14:50:FTP User:/var/ftp:/usr/sbin/nologin',
  'nobody:x:99:99:Kernel Overflow User:/:/usr/sbin/nologin',
  'dbus:x:81:81:System Message Bus:/:/usr/sbin/nologin',
  'tcpdump:x:72:72::/:/usr/sbin/nologin',
  'sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/usr/sbin/nologin',
  'polkitd:x:999:998:User for polkitd:/:/usr/sbin/nologin',
  'chrony:x:994:992::/var/lib/chrony:/usr/sbin/nologin',
  'systemd-network:x:991:990:systemd Network Management:/:/usr/sbin/nologin',
  'systemd-resolve:x:990:989:systemd Resolver:/:/usr/sbin/nologin',
  'systemd-timesync:x:993:991:systemd Time Synchronization:/:/usr/sbin/nologin',
  '',
].join('\n')

/** RHCOS 4.8 root entry (openshift/os release-4.8 `passwd`). */
export const RHCOS_PASSWD = 'root:x:0:0:root:/root:/bin/bash\n'

/**
 * RHCOS 4.8 /usr/etc/group: root + etc-group-members `wheel sudo systemd-journal adm`
 * (openshift/os release-4.8 manifest.yaml), gids and order from its `group` file.
 */
export const RHCOS_GROUP = [
  'root:x:0:',
  'adm:x:4:',
  'wheel:x:10:',
  'sudo:x:16:',
  'systemd-journal:x:190:',
  '',
].join('\n')

/** RHEL 8 shadow root line (ILLUSTRATIVE: as for FCOS, only root is listed). */
export const RHCOS_SHADOW = 'root:*LOCK*:14600::::::\n'
export const RHCOS_GSHADOW = 'root:::\n'

/**
 * Fedora `/etc/hosts` (setup package, Fedora 36+ wording). Reconstructed: UNCONFIRMED byte for
 * byte.
 */
export const FEDORA_HOSTS = [
  '# Loopback entries; do not change.',
  '# For historical reasons, localhost precedes localhost.localdomain:',
  '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4',
  '::1         localhost localhost.localdomain localhost6 localhost6.localdomain6',
  '# See hosts(5) for proper format and other examples:',
  '# 192.168.1.10 foo.example.org foo',
  '# 192.168.1.13 bar.example.org bar',
  '',
].join('\n')

/** RHEL 8 `/etc/hosts` (setup package). Reconstructed. */
export const RHEL_HOSTS = [
  '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4',
  '::1         localhost localhost.localdomain localhost6 localhost6.localdomain6',
  '',
].join('\n')

/** `/etc/issue` text: Fedora's lives in /usr/lib/issue (fedora-release), RHEL 8's in /etc/issue. */
export const FEDORA_ISSUE = '\\S\nKernel \\r on an \\m (\\l)\n\n'
export const RHEL_ISSUE = '\\S\nKernel \\r on an \\m\n\n'

/**
 * Fedora chrony 4.4 `/etc/chrony.conf`. Reconstructed from Fedora's default as quoted in several
 * public configs (pool 2.fedora.pool.ntp.org, sourcedir /run/chrony-dhcp, ntsdumpdir...);
 * UNCONFIRMED byte for byte.
 */
const FEDORA_CHRONY_HEAD = [
  '# Use public servers from the pool.ntp.org project.',
  '# Please consider joining the pool (https://www.pool.ntp.org/join.html).',
  'pool 2.fedora.pool.ntp.org iburst',
  '',
  '# Use NTP servers from DHCP.',
  'sourcedir /run/chrony-dhcp',
  '',
  '# Record the rate at which the system clock gains/losses time.',
  'driftfile /var/lib/chrony/drift',
  '',
  '# Allow the system clock to be stepped in the first three updates',
  '# if its offset is larger than 1 second.',
  'makestep 1.0 3',
  '',
  '# Enable kernel synchronization of the real-time clock (RTC).',
  'rtcsync',
  '',
  '# Enable hardware timestamping on all interfaces that support it.',
  '#hwtimestamp *',
  '',
  '# Increase the minimum number of selectable sources required to adjust',
  '# the system clock.',
  '#minsources 2',
  '',
  '# Allow NTP client access from local network.',
  '#allow 192.168.0.0/16',
  '',
  '# Serve time even if not synchronized to a time source.',
  '#local stratum 10',
  '',
  '# Require authentication (nts or key option) for all NTP sources.',
  '#authselectmode require',
  '',
  '# Specify file containing keys for NTP authentication.',
  'keyfile /etc/chrony.keys',
  '',
  '# Save NTS keys and cookies.',
  'ntsdumpdir /var/lib/chrony',
  '',
  '# Insert/delete leap seconds by slewing instead of stepping.',
  '#leapsecmode slew',
  '',
]
const FEDORA_CHRONY_TAIL = [
  '# Get TAI-UTC offset and leap seconds from the system tz database.',
  'leapsectz right/UTC',
  '',
  '# Specify directory for log files.',
  'logdir /var/log/chrony',
  '',
  '# Select which information is logged.',
  '#log measurements statistics tracking',
  '',
]
export const FEDORA_CHRONY_44 = [...FEDORA_CHRONY_HEAD, ...FEDORA_CHRONY_TAIL].join('\n')
/**
 * ILLUSTRATIVE change for chrony 4.5 (39.20240104.3.0 moves chrony 4.4-1 -> 4.5-1 in the stable
 * lockfile): a `leapseclist` directive, as later Fedora defaults carry (osbuild's copy of the
 * Fedora default lists `leapseclist /usr/share/zoneinfo/leap-seconds.list`).
 */
export const FEDORA_CHRONY_45 = [
  ...FEDORA_CHRONY_HEAD,
  '# Get TAI-UTC offset and leap seconds from a leap-seconds.list file.',
  'leapseclist /usr/share/zoneinfo/leap-seconds.list',
  '',
  ...FEDORA_CHRONY_TAIL,
].join('\n')

/** RHEL 8.4 chrony 3.5 `/etc/chrony.conf`. Reconstructed; UNCONFIRMED byte for byte. */
const RHEL_CHRONY_LINES = [
  '# Use public servers from the pool.ntp.org project.',
  '# Please consider joining the pool (http://www.pool.ntp.org/join.html).',
  'pool 2.rhel.pool.ntp.org iburst',
  '',
  '# Record the rate at which the system clock gains/losses time.',
  'driftfile /var/lib/chrony/drift',
  '',
  '# Allow the system clock to be stepped in the first three updates',
  '# if its offset is larger than 1 second.',
  'makestep 1.0 3',
  '',
  '# Enable kernel synchronization of the real-time clock (RTC).',
  'rtcsync',
  '',
  '# Enable hardware timestamping on all interfaces that support it.',
  '#hwtimestamp *',
  '',
  '# Increase the minimum number of selectable sources required to adjust',
  '# the system clock.',
  '#minsources 2',
  '',
  '# Allow NTP client access from local network.',
  '#allow 192.168.0.0/16',
  '',
  '# Serve time even if not synchronized to a time source.',
  '#local stratum 10',
  '',
  '# Specify file containing keys for NTP authentication.',
  'keyfile /etc/chrony.keys',
  '',
  '# Get TAI-UTC offset and leap seconds from the system tz database.',
  'leapsectz right/UTC',
  '',
  '# Specify directory for log files.',
  'logdir /var/log/chrony',
  '',
  '# Select which information is logged.',
  '#log measurements statistics tracking',
  '',
]
export const RHEL_CHRONY = RHEL_CHRONY_LINES.join('\n')
/** ILLUSTRATIVE change for 48.84.202108062347-0: the pool comment's URL moves to https. */
export const RHEL_CHRONY_LATER = RHEL_CHRONY.replace(
  '(http://www.pool.ntp.org/join.html)',
  '(https://www.pool.ntp.org/join.html)',
)

/**
 * Fedora 39 openssh 9.3p1 `/etc/ssh/sshd_config`, ABRIDGED: the header, the Include of
 * sshd_config.d and the few uncommented lines of Fedora's file; most commented defaults are left
 * out. Reconstructed, UNCONFIRMED byte for byte.
 */
const FEDORA_SSHD_LINES = [
  '#\t$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $',
  '',
  '# This is the sshd server system-wide configuration file.  See',
  '# sshd_config(5) for more information.',
  '',
  '# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin',
  '',
  '# The strategy used for options in the default sshd_config shipped with',
  '# OpenSSH is to specify options with their default value where',
  '# possible, but leave them commented.  Uncommented options override the',
  '# default value.',
  '',
  '# To modify the system-wide sshd configuration, create a  *.conf  file under',
  '#  /etc/ssh/sshd_config.d/  which will be automatically included below',
  'Include /etc/ssh/sshd_config.d/*.conf',
  '',
  '#Port 22',
  '#AddressFamily any',
  '#ListenAddress 0.0.0.0',
  '#ListenAddress ::',
  '',
  '#PermitRootLogin prohibit-password',
  '#PubkeyAuthentication yes',
  '',
  '# The default is to check both .ssh/authorized_keys and .ssh/authorized_keys2',
  '# but this is overridden so installations will only check .ssh/authorized_keys',
  'AuthorizedKeysFile\t.ssh/authorized_keys',
  '',
  '# To disable tunneled clear text passwords, change to no here!',
  '#PasswordAuthentication yes',
  '#PermitEmptyPasswords no',
  '',
  '# override default of no subsystems',
  'Subsystem\tsftp\t/usr/libexec/openssh/sftp-server',
  '',
]
export const FEDORA_SSHD_CONFIG = FEDORA_SSHD_LINES.join('\n')
/**
 * ILLUSTRATIVE change for 39.20240112.3.0 (openssh-server 9.3p1-9 -> 9.3p1-10 in the stable
 * lockfile): the commented per-user override example at the end of upstream's file appears.
 */
export const FEDORA_SSHD_CONFIG_LATER = [
  ...FEDORA_SSHD_LINES,
  '# Example of overriding settings on a per-user basis',
  '#Match User anoncvs',
  '#\tX11Forwarding no',
  '#\tAllowTcpForwarding no',
  '#\tPermitTTY no',
  '#\tForceCommand cvs server',
  '',
].join('\n')

/** Fedora openssh `sshd_config.d/50-redhat.conf`. Reconstructed, UNCONFIRMED byte for byte. */
export const FEDORA_SSHD_50_REDHAT = [
  '# This system is following system-wide crypto policy. The changes to',
  '# crypto properties (Ciphers, MACs, ...) will not have any effect in',
  '# this or following included files. To override some configuration option,',
  '# write it before this block or include it before this file.',
  '# Please, see manual pages for update-crypto-policies(8) and sshd_config(5).',
  'Include /etc/crypto-policies/back-ends/opensshserver.config',
  '',
  'SyslogFacility AUTHPRIV',
  '',
  'ChallengeResponseAuthentication no',
  '',
  'GSSAPIAuthentication yes',
  'GSSAPICleanupCredentials no',
  '',
  'UsePAM yes',
  '',
  'X11Forwarding yes',
  '',
  '# It is recommended to use pam_motd in /etc/pam.d/sshd instead of PrintMotd,',
  '# as it is more configurable and versatile than the built-in version.',
  'PrintMotd no',
  '',
].join('\n')

/** coreos/fedora-coreos-config overlay.d/15fcos/etc/ssh/sshd_config.d/40-disable-passwords.conf. */
export const FCOS_SSHD_40_DISABLE_PASSWORDS = [
  '# Disable password logins by default.',
  '# https://github.com/coreos/fedora-coreos-tracker/issues/138',
  '# This file must sort before 50-redhat.conf, which enables',
  '# PasswordAuthentication.',
  'PasswordAuthentication no',
  '',
].join('\n')

/**
 * RHEL 8.4 openssh 8.0p1 `/etc/ssh/sshd_config` after RHCOS's compose-time edits
 * (openshift/os release-4.8 manifest.yaml: `PasswordAuthentication no`, `PermitRootLogin no`,
 * `ClientAliveInterval 180`). ABRIDGED and reconstructed: most commented defaults are left out.
 */
export const RHEL_SSHD_CONFIG = [
  '#\t$OpenBSD: sshd_config,v 1.103 2018/04/09 20:41:22 tj Exp $',
  '',
  '# This is the sshd server system-wide configuration file.  See',
  '# sshd_config(5) for more information.',
  '',
  '# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin',
  '',
  'HostKey /etc/ssh/ssh_host_rsa_key',
  'HostKey /etc/ssh/ssh_host_ecdsa_key',
  'HostKey /etc/ssh/ssh_host_ed25519_key',
  '',
  '# Logging',
  '#SyslogFacility AUTH',
  'SyslogFacility AUTHPRIV',
  '#LogLevel INFO',
  '',
  '# Authentication:',
  '',
  '#LoginGraceTime 2m',
  'PermitRootLogin no',
  '#StrictModes yes',
  '#MaxAuthTries 6',
  '#MaxSessions 10',
  '',
  'AuthorizedKeysFile\t.ssh/authorized_keys',
  '',
  '# To disable tunneled clear text passwords, change to no here!',
  '#PasswordAuthentication yes',
  '#PermitEmptyPasswords no',
  'PasswordAuthentication no',
  '',
  '# Change to no to disable s/key passwords',
  '#ChallengeResponseAuthentication yes',
  'ChallengeResponseAuthentication no',
  '',
  '# GSSAPI options',
  'GSSAPIAuthentication yes',
  'GSSAPICleanupCredentials no',
  '',
  'UsePAM yes',
  '',
  'X11Forwarding yes',
  '#PrintMotd yes',
  'ClientAliveInterval 180',
  '',
  '# Accept locale-related environment variables',
  'AcceptEnv LANG LC_CTYPE LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY LC_MESSAGES',
  'AcceptEnv LC_PAPER LC_NAME LC_ADDRESS LC_TELEPHONE LC_MEASUREMENT',
  'AcceptEnv LC_IDENTIFICATION LC_ALL LANGUAGE',
  'AcceptEnv XMODIFIERS',
  '',
  '# override default of no subsystems',
  'Subsystem\tsftp\t/usr/libexec/openssh/sftp-server',
  '',
].join('\n')

/** `/etc/sudoers` (sudo package), ABRIDGED: the uncommented core of Fedora's and RHEL's file. */
export const SUDOERS = [
  '## Sudoers allows particular users to run various commands as',
  '## the root user, without needing the root password.',
  '##',
  "## This file must be edited with the 'visudo' command.",
  '',
  'Defaults   !visiblepw',
  'Defaults    always_set_home',
  'Defaults    match_group_by_gid',
  'Defaults    always_query_group_plugin',
  'Defaults    env_reset',
  'Defaults    secure_path = /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin',
  '',
  '## Allow root to run any commands anywhere',
  'root\tALL=(ALL) \tALL',
  '',
  '## Allows people in group wheel to run all commands',
  '%wheel\tALL=(ALL)\tALL',
  '',
  '## Read drop-in files from /etc/sudoers.d (the # here does not mean a comment)',
  '#includedir /etc/sudoers.d',
  '',
].join('\n')

/** coreos/fedora-coreos-config overlay.d/05core/etc/sudoers.d/coreos-sudo-group (real). */
export const COREOS_SUDO_GROUP = [
  '# https://github.com/openshift/os/issues/96',
  '%sudo        ALL=(ALL)       NOPASSWD: ALL',
  '',
].join('\n')

/**
 * SELinux `/etc/selinux/config` (selinux-policy), ABRIDGED: the explanatory comment block is
 * shortened. Reconstructed.
 */
export const SELINUX_CONFIG = [
  '# This file controls the state of SELinux on the system.',
  '# SELINUX= can take one of these three values:',
  '#     enforcing - SELinux security policy is enforced.',
  '#     permissive - SELinux prints warnings instead of enforcing.',
  '#     disabled - No SELinux policy is loaded.',
  'SELINUX=enforcing',
  '# SELINUXTYPE= can take one of these three values:',
  '#     targeted - Targeted processes are protected,',
  '#     minimum - Modification of targeted policy. Only selected processes are protected.',
  '#     mls - Multi Level Security protection.',
  'SELINUXTYPE=targeted',
  '',
].join('\n')

/** `/etc/ostree/remotes.d/fedora.conf` (reference 1.2, several sources agree). */
export const FEDORA_REMOTE_CONF = [
  '[remote "fedora"]',
  'url=https://ostree.fedoraproject.org',
  'gpg-verify=true',
  'gpgkeypath=/etc/pki/rpm-gpg/',
  'contenturl=mirrorlist=https://ostree.fedoraproject.org/mirrorlist',
  '',
].join('\n')

/**
 * FCOS `/etc/rpm-ostreed.conf`: the Zincati notice is prepended at compose time
 * (fedora-coreos-config manifests/fedora-coreos.yaml postprocess, real); the rpm-ostree defaults
 * after it are reconstructed (UNCONFIRMED for rpm-ostree 2023.8).
 */
export const FCOS_RPM_OSTREED_CONF = [
  '# By default, this system has its OS updates managed by',
  '# `zincati.service`.  Changes made to this file may',
  '# conflict with the configuation of `zincati.service`.',
  '# See https://github.com/coreos/zincati for additional',
  '# information.',
  '',
  '# Entries in this file show the compile time defaults.',
  '# You can change settings by editing this file.',
  '# For option meanings, see rpm-ostreed.conf(5).',
  '',
  '[Daemon]',
  '#AutomaticUpdatePolicy=none',
  '#IdleExitTimeout=60',
  '',
].join('\n')

/**
 * containers-common `/etc/containers/registries.conf`, ABRIDGED to its active lines.
 * Fedora: search list of Fedora's containers-common. RHEL 8.4: Red Hat registries first.
 * Reconstructed.
 */
export const FEDORA_REGISTRIES_CONF = [
  '# For more information on this configuration file, see containers-registries.conf(5).',
  '#',
  '# NOTE: RISK OF USING UNQUALIFIED IMAGE NAMES',
  '# We recommend always using fully qualified image names including the registry',
  '# server (full dns name), namespace, image name, and tag',
  '# (e.g., registry.redhat.io/ubi8/ubi:latest).',
  'unqualified-search-registries = ["registry.fedoraproject.org", "registry.access.redhat.com", "docker.io", "quay.io"]',
  '',
  'short-name-mode="enforcing"',
  '',
].join('\n')

export const RHEL_REGISTRIES_CONF = [
  '# For more information on this configuration file, see containers-registries.conf(5).',
  '#',
  '# NOTE: RISK OF USING UNQUALIFIED IMAGE NAMES',
  '# We recommend always using fully qualified image names including the registry',
  '# server (full dns name), namespace, image name, and tag',
  '# (e.g., registry.redhat.io/ubi8/ubi:latest).',
  'unqualified-search-registries = ["registry.fedoraproject.org", "registry.access.redhat.com", "registry.centos.org", "docker.io"]',
  '',
].join('\n')
/** ILLUSTRATIVE change for 48.84.202106231817-0: Red Hat registries first, short names enforced. */
export const RHEL_REGISTRIES_CONF_LATER = [
  '# For more information on this configuration file, see containers-registries.conf(5).',
  '#',
  '# NOTE: RISK OF USING UNQUALIFIED IMAGE NAMES',
  '# We recommend always using fully qualified image names including the registry',
  '# server (full dns name), namespace, image name, and tag',
  '# (e.g., registry.redhat.io/ubi8/ubi:latest).',
  'unqualified-search-registries = ["registry.access.redhat.com", "registry.redhat.io", "docker.io"]',
  '',
  'short-name-mode="permissive"',
  '',
].join('\n')

/** ILLUSTRATIVE: a short-names alias file that appears in 48.84.202106231817-0. */
export const RHEL_SHORTNAMES_CONF = [
  '[aliases]',
  '# ubi8',
  '"ubi8" = "registry.access.redhat.com/ubi8"',
  '"ubi8/ubi" = "registry.access.redhat.com/ubi8/ubi"',
  '"ubi8-minimal" = "registry.access.redhat.com/ubi8-minimal"',
  '',
].join('\n')

/** ILLUSTRATIVE: a cri-o sysconfig file present in the first two RHCOS builds, gone in the third. */
export const RHEL_CRIO_NETWORK = 'CRIO_NETWORK_OPTIONS=\n'

/**
 * coreos/fedora-coreos-config unit texts (real): overlay.d/15fcos coreos-check-cgroups.service
 * (renamed coreos-check-cgroups-version.service in stable@227a93d3) and overlay.d/14podman-v5
 * coreos-cni-networking-check.service (added in stable@227a93d3).
 */
export function coreosCheckCgroupsUnit(script: string): string {
  return [
    '# This service is used for printing a message if',
    '# cgroups v1 is still being used',
    '[Unit]',
    'Description=Check if cgroupsv1 Is Still Being Used',
    'ConditionControlGroupController=v1',
    '[Service]',
    'Type=oneshot',
    `ExecStart=/usr/libexec/${script}`,
    'RemainAfterExit=yes',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n')
}

export const COREOS_CNI_CHECK_UNIT = [
  '# This service checks if the system nodes are still using',
  '# CNI networking. If so, they will be warned to move',
  '# their nodes to netavark respectively.',
  '[Unit]',
  'Description=Check If Podman Is Still Using CNI Networking',
  '[Service]',
  'Type=oneshot',
  'ExecStart=/usr/libexec/coreos-cni-networking-check',
  'RemainAfterExit=yes',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n')

/**
 * rpm-ostree-fix-shadow-mode.service, shipped by rpm-ostree 2024.4-6.fc39 for CVE-2024-2905
 * (coreos/rpm-ostree PR #4911 "unit: chmod /etc/[g]shadow[-] to 0000", with a stamp in /etc).
 * The unit's exact text is RECONSTRUCTED from the PR description (ILLUSTRATIVE).
 */
export const RPM_OSTREE_FIX_SHADOW_UNIT = [
  '[Unit]',
  'Description=Update permissions for /etc/shadow',
  'Documentation=https://github.com/coreos/rpm-ostree/security/advisories/GHSA-2m76-cwhg-7wv6',
  'ConditionPathExists=!/etc/.rpm-ostree-shadow-mode-fixed.stamp',
  'ConditionPathExists=/run/ostree-booted',
  'Before=systemd-user-sessions.service',
  '',
  '[Service]',
  'Type=oneshot',
  'ExecStart=/usr/bin/chmod --verbose 0000 /etc/shadow /etc/gshadow',
  'ExecStart=-/usr/bin/chmod --verbose 0000 /etc/shadow- /etc/gshadow-',
  'ExecStart=/usr/bin/touch /etc/.rpm-ostree-shadow-mode-fixed.stamp',
  'RemainAfterExit=yes',
  '',
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n')

/**
 * Zincati's shipped defaults in /usr/lib/zincati/config.d (zincati package). File names and
 * keys follow Zincati's documentation; the texts are RECONSTRUCTED (ILLUSTRATIVE).
 */
export const ZINCATI_DEFAULTS: readonly (readonly [string, string])[] = [
  ['10-auto-updates.toml', '# Enable auto-updates logic by default.\n[updates]\nenabled = true\n'],
  [
    '30-updates-strategy.toml',
    '# Default update strategy: reboot as soon as an update is staged.\n[updates]\nstrategy = "immediate"\n',
  ],
  [
    '50-fedora-coreos-cincinnati.toml',
    '# Fedora CoreOS update graph server.\n[cincinnati]\nbase_url = "https://updates.coreos.fedoraproject.org"\n',
  ],
]
