/**
 * The seeded bulk of a release: `scale` regular files spread over realistic directories.
 *
 * Everything here is ILLUSTRATIVE in detail (names, sizes, data) but shaped by reference 9:
 * ~19-21k files in /usr at real scale, ~1.34 GB of RPM payload, linux-firmware ~188 MB / ~2,000
 * objects and kernel-core + kernel-modules ~75 MB / ~3,800 objects (rpm-ostree PR #3478). FCOS
 * ships no /usr/share/doc, /usr/share/man or /usr/share/info and no python3
 * (coreos/fedora-coreos-config manifests/fedora-coreos.yaml `remove-files`, `exclude-packages`,
 * stable@4408116c); RHCOS 4.8 sets `documentation: false` and pulls in perl-interpreter
 * (openshift/os release-4.8 manifest.yaml). Neither tree has a documentation or python subtree.
 */
import { between, logSize, pick, type Rng, uniform } from './rng'

/** How file sizes are drawn: log2 of the size roughly triangular on [lo, hi], plus a heavy tail. */
export interface SizeSpec {
  lo: number
  hi: number
  tail?: { p: number; lo: number; hi: number }
}

export interface BulkCategory {
  id: string
  /** Share of the bulk files. The shares of a profile sum to 1. */
  weight: number
  /** Candidate directories: absolute, or relative to /usr/lib/modules/<kver> when `kernel`. */
  dirs: readonly string[]
  /** Directories are relative to the kernel's module directory and move with the kernel. */
  kernel?: true
  /** About how many files a directory gets. */
  perDir: number
  mode: number
  size: SizeSpec
  /** A candidate file name for a directory (uniqueness is the caller's job). */
  name: (r: Rng, dir: string) => string
}

export function drawSize(r: Rng, s: SizeSpec): number {
  if (s.tail !== undefined && uniform(r) < s.tail.p) return logSize(r, s.tail.lo, s.tail.hi)
  return logSize(r, s.lo, s.hi)
}

const lastNames = new Map<string, string>()

/** The last component of a directory, reduced to `[A-Za-z0-9_]` (memoized). */
function lastName(dir: string): string {
  let v = lastNames.get(dir)
  if (v === undefined) {
    const i = dir.lastIndexOf('/')
    v = (i < 0 ? dir : dir.slice(i + 1)).replace(/[^A-Za-z0-9_]/g, '_')
    lastNames.set(dir, v)
  }
  return v
}

/** A list written as whitespace-separated words (keeps the long pools compact). */
function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0)
}

// ---------------------------------------------------------------------------------------------
// Name pools (real-looking; none is sourced file by file).

const KMOD_DRIVERS = words(`
  acpi ata base/regmap block block/drbd bluetooth char/ipmi char/tpm cpufreq crypto/ccp
  crypto/qat/qat_common dma dma/idxd edac firmware gpio gpu/drm gpu/drm/amd/amdgpu gpu/drm/ast
  gpu/drm/i915 gpu/drm/mgag200 gpu/drm/nouveau gpu/drm/qxl gpu/drm/radeon gpu/drm/virtio
  gpu/drm/vmwgfx hid hv hwmon i2c/busses i2c/muxes infiniband/core infiniband/hw/mlx4
  infiniband/hw/mlx5 infiniband/ulp/iser input/joystick input/keyboard input/misc input/mouse
  input/serio iommu isdn/capi leds md md/persistent-data media/cec/core media/common
  media/dvb-core media/rc media/usb/uvc memstick/core message/fusion mfd misc misc/cardreader
  mmc/core mmc/host mtd net net/bonding net/can net/dsa net/ethernet/amazon/ena net/ethernet/amd
  net/ethernet/aquantia/atlantic net/ethernet/broadcom net/ethernet/broadcom/bnxt
  net/ethernet/cavium/liquidio net/ethernet/chelsio/cxgb4 net/ethernet/cisco/enic
  net/ethernet/emulex/benet net/ethernet/google/gve net/ethernet/huawei/hinic
  net/ethernet/intel/e1000 net/ethernet/intel/e1000e net/ethernet/intel/i40e
  net/ethernet/intel/iavf net/ethernet/intel/ice net/ethernet/intel/igb net/ethernet/intel/igc
  net/ethernet/intel/ixgbe net/ethernet/mellanox/mlx4 net/ethernet/mellanox/mlx5/core
  net/ethernet/mellanox/mlxsw net/ethernet/netronome/nfp net/ethernet/pensando/ionic
  net/ethernet/qlogic/qed net/ethernet/qlogic/qede net/ethernet/realtek net/ethernet/sfc
  net/hyperv net/ipvlan net/mdio net/netdevsim net/phy net/ppp net/team net/usb net/vmxnet3
  net/vxlan net/wireguard net/wireless/ath/ath10k net/wireless/ath/ath11k net/wireless/ath/ath9k
  net/wireless/broadcom/brcm80211/brcmfmac net/wireless/intel/iwlwifi
  net/wireless/intel/iwlwifi/mvm net/wireless/mediatek/mt76 net/wireless/realtek/rtw88
  net/wireless/realtek/rtw89 nvdimm nvme/common nvme/host nvme/target parport pci/controller
  pci/hotplug pcmcia pinctrl/intel platform/chrome platform/x86 platform/x86/intel power/supply
  powercap ptp regulator rtc scsi scsi/aacraid scsi/be2iscsi scsi/bnx2fc scsi/device_handler
  scsi/fcoe scsi/fnic scsi/hpsa scsi/lpfc scsi/megaraid scsi/mpi3mr scsi/mpt3sas scsi/qedf
  scsi/qla2xxx scsi/smartpqi scsi/storvsc spi ssb target target/iscsi thermal thermal/intel
  thunderbolt tty/serial uio usb/atm usb/class usb/common usb/core usb/host usb/misc usb/serial
  usb/storage usb/typec vdpa vfio vfio/pci vhost video/backlight video/fbdev virt virtio watchdog
  xen
`)
const KMOD_OTHER = words(`
  arch/x86/crypto arch/x86/events/intel arch/x86/kvm block crypto crypto/async_tx fs/btrfs
  fs/cachefiles fs/ceph fs/dlm fs/erofs fs/exfat fs/ext4 fs/fat fs/fscache fs/fuse fs/gfs2
  fs/isofs fs/jbd2 fs/lockd fs/netfs fs/nfs fs/nfs/filelayout fs/nfs_common fs/nfsd fs/nls
  fs/overlayfs fs/smb/client fs/squashfs fs/udf fs/xfs kernel/trace lib lib/crypto lib/raid6 mm
  net/8021q net/bluetooth net/bridge net/bridge/netfilter net/ceph net/core net/ipv4
  net/ipv4/netfilter net/ipv6 net/ipv6/netfilter net/mac80211 net/mpls net/netfilter
  net/netfilter/ipset net/netfilter/ipvs net/openvswitch net/packet net/rds net/sched net/sctp
  net/sunrpc net/sunrpc/auth_gss net/tls net/vmw_vsock net/wireless net/xfrm security/keys
  sound/core sound/core/seq sound/pci sound/pci/hda sound/usb virt/lib
`)
const KMOD_DIRS = [
  ...KMOD_DRIVERS.map((d) => 'kernel/drivers/' + d),
  ...KMOD_OTHER.map((d) => 'kernel/' + d),
]
const KMOD_SUFFIX = words(`
  core main lib pci usb i2c spi hw phy dma common ctl mod base ops util drv regs mbx dcb sriov ptp
  ethtool xsk tc fw irq gpio acpi sysfs vf pf mdev nl crypto hash aead diag debugfs hwmon led pm
  rx tx xdp vlan filter offload devlink
`)

const FIRMWARE_DIRS = words(`
  amd amd-ucode amdgpu amdtee ath10k/QCA6174/hw3.0 ath10k/QCA9377/hw1.0 ath10k/QCA988X/hw2.0
  ath11k/QCA6390/hw2.0 ath11k/WCN6855/hw2.0 ath12k/WCN7850/hw2.0 bnx2 bnx2x brcm cirrus cis cxgb3
  cxgb4 dvb i915 imx/sdma intel intel/ice/ddp intel/ipu intel/vsc liquidio matrox mediatek
  mediatek/mt7921 mediatek/mt7922 mellanox mrvl mrvl/prestera mwlwifi myricom netronome
  nvidia/ad102/gsp nvidia/ga100/gr nvidia/ga102/gsp nvidia/ga102/nvdec nvidia/gv100/gr
  nvidia/tu102/gr nvidia/tu102/sec2 nvidia/tu104/gr nvidia/tu106/nvdec qat qca qcom qcom/sdm845
  qcom/sm8250 qed qlogic radeon rsi rtl_bt rtl_nic rtlwifi rtw88 rtw89 ti ti-connectivity
  ueagle-atm yamaha
`).map((d) => '/usr/lib/firmware/' + d)
const FW_PARTS = words(`
  fw ucode boot board cal nvm rom sdma pfp me mec mec2 rlc smc vcn dmcub ta sos asd gpu acr sec
  gsp ddp hw api patch config bdwlan otp utf qwlan mac phy bl code data img
`)

const LIB64_DIRS = words(`
  /usr/lib64 /usr/lib64/audit /usr/lib64/bpf /usr/lib64/cryptsetup /usr/lib64/engines-3
  /usr/lib64/gconv /usr/lib64/gio/modules /usr/lib64/girepository-1.0 /usr/lib64/gssproxy
  /usr/lib64/krb5/plugins/kdb /usr/lib64/krb5/plugins/preauth /usr/lib64/ldb
  /usr/lib64/ldb/modules/ldb /usr/lib64/libnvme /usr/lib64/ossl-modules /usr/lib64/pkcs11
  /usr/lib64/rpm-plugins /usr/lib64/rsyslog /usr/lib64/sasl2 /usr/lib64/security /usr/lib64/sssd
  /usr/lib64/sssd/modules /usr/lib64/systemd /usr/lib64/tc /usr/lib64/xtables
  /usr/lib64/NetworkManager /usr/lib64/samba /usr/lib64/libfido2 /usr/lib64/p11-kit-proxy
  /usr/lib64/cifs-utils /usr/lib64/lua /usr/lib64/nfs
`)
const LIB_STEMS = words(`
  acl archive argon2 assuan attr audit blkid bpf brotlicommon bz2 cap cap-ng com_err crypt
  cryptsetup curl dbus-1 devmapper dw e2p edit elf expat ext2fs fdisk ffi fido2 gcrypt gio-2.0
  glib-2.0 gmp gnutls gpg-error gpgme gssapi_krb5 hogweed idn2 ip4tc jansson json-c json-glib-1.0
  k5crypto keyutils kmod krb5 lber ldap lz4 lzma magic mnl mount ncursesw nettle nftables nftnl
  nghttp2 nl-3 nl-route-3 nsl nss3 nvme p11-kit pam pcre2-8 pcsclite popt protobuf-c psl pwquality
  readline rpm rpmio sasl2 seccomp selinux semanage sepol slirp smartcols sqlite3 ssh ssl crypto
  sss_idmap systemd tasn1 tevent tinfo tss2-esys udev unistring usb-1.0 uuid verto xml2 xtables
  yajl z zstd gobject-2.0 gmodule-2.0 nspr4 smime3 ssl3 teamdctl ndp newt slang iscsi multipath
  mpathpersist dhash ini_config ref_array basicobjects collection path_utils ostree-1 rpmostree-1
  ignition cni gpgmepp yaml-0 net nfsidmap tirpc event
`)

const BIN_DIRS = words(`
  /usr/bin /usr/sbin /usr/libexec /usr/libexec/coreos /usr/libexec/getconf /usr/libexec/openssh
  /usr/libexec/p11-kit /usr/libexec/podman /usr/libexec/selinux /usr/libexec/sudo
  /usr/libexec/git-core /usr/libexec/nm-dispatcher.d /usr/libexec/coreutils /usr/libexec/sssd
  /usr/libexec/samba /usr/libexec/cni
`)
const COMMANDS = words(`
  awk base64 basename blkid bootupctl chattr chcon chgrp chmod chown chronyc clevis cmp comm
  conmon containerd coreos-installer cp cpio crun cryptsetup csplit curl cut date dd df diff dig
  dirname dmesg docker dockerd du e2fsck echo env ethtool expand expr fallocate false file find
  findmnt flock fmt fold free fsck fstrim gawk getent getfacl git gpg grep groups gzip head
  hostname hostnamectl id ignition install ip iptables journalctl jq kill kmod less link ln logger
  login loginctl losetup lsattr lsblk lscpu lsmod lsof lvm mdadm mkdir mkfifo mkfs mknod mktemp
  modprobe more mount mv nano netavark nft nice nl nmcli nproc nsenter numfmt od openssl parted
  passwd paste pathchk pgrep pidof ping pkill podman printenv printf ps pwd readlink realpath
  resolvectl restorecon rm rmdir rpm rsync runc scp sed semodule seq setfacl setpriv sftp sg
  sha256sum shred shuf skopeo sleep sort split ss ssh sshd stat stdbuf strace stty su sulogin sum
  swapon sync sysctl systemctl tac tail tar taskset tcpdump tee test timedatectl timeout tmux
  toolbox top touch tr true truncate tsort tty udevadm umount uname unexpand uniq unlink unshare
  update-crypto-policies uptime useradd usermod vi vmstat wall watch wc wget whereis which who
  whoami wipefs xargs xfs_repair xfs_growfs xz yes zcat zstd afterburn butane nmstatectl fwupdmgr
  greenboot iscsiadm multipath nvme rdma tpm2
`)
const CMD_PREFIX = [
  '',
  '',
  '',
  ...words(`
  systemd- nm- xfs_ lvm ip6 mkfs. fsck. ssh- git-
`),
]

const LOCALES = words(`
  af am ar as ast az be be@latin bg bn bn_IN bo br bs ca ca@valencia cs cy da de de_CH dz el en
  en@quot en_AU en_CA en_GB eo es es_AR es_MX et eu fa fi fil fr fur fy ga gd gl gu he hi hr hu hy
  ia id ilo is it ja ka kab kk km kn ko ku ky lt lv mai mk ml mn mr ms my nb nds ne nl nn oc or pa
  pl ps pt pt_BR ro ru rw si sk sl sq sr sr@latin sv sw ta te tg th tk tr ug uk ur uz vi wa xh
  zh_CN zh_HK zh_TW zu
`).map((l) => `/usr/share/locale/${l}/LC_MESSAGES`)
const TEXT_DOMAINS = words(`
  Linux-PAM NetworkManager acl attr audit bash coreutils cpio cryptsetup diffutils e2fsprogs
  elfutils findutils fwupd gawk gdbm gettext-runtime glib20 gnupg2 gnutls grep json-glib-1.0 kbd
  libc libgpg-error libidn2 libpwquality libuser lvm2 nano p11-kit parted polkit-1 popt procps-ng
  psmisc rpm sed shadow sssd sudo sudoers systemd tar util-linux wget2 xfsprogs xz zstd iso_639
  iso_3166 chrony ModemManager nfs-utils openldap krb5 libsecret gpgme libdnf clevis tpm2-tools
  keyutils
`)

const ZONE_REGIONS = words(`
  Africa America America/Argentina America/Indiana America/Kentucky America/North_Dakota
  Antarctica Arctic Asia Atlantic Australia Brazil Canada Chile Etc Europe Indian Mexico Pacific
  US
`)
const ZONE_DIRS = ['', 'posix/', 'right/'].flatMap((p) =>
  ZONE_REGIONS.map((r) => `/usr/share/zoneinfo/${p}${r}`),
)
const CITIES = words(`
  Abidjan Accra Adelaide Algiers Almaty Amman Amsterdam Anchorage Andorra Athens Auckland Azores
  Baghdad Bahia Baku Bangkok Barbados Beirut Belgrade Berlin Bermuda Bogota Boise Brisbane
  Brussels Bucharest Budapest Cairo Canary Caracas Casablanca Cayenne Chicago Chihuahua Chisinau
  Colombo Copenhagen Dakar Damascus Darwin Denver Detroit Dhaka Dubai Dublin Easter Edmonton Fiji
  Galapagos Gaza Gibraltar Guam Guatemala Halifax Havana Helsinki Hobart Honolulu Istanbul Jakarta
  Jerusalem Johannesburg Juneau Kabul Kamchatka Karachi Kathmandu Khartoum Kiev Kolkata Lagos Lima
  Lisbon London Madrid Maldives Malta Manila Mauritius Melbourne Mexico_City Minsk Monaco
  Montevideo Moscow Nairobi Nauru New_York Nicosia Nome Noumea Oslo Panama Paris Perth Phoenix
  Prague Puerto_Rico Reykjavik Riga Riyadh Rome Samoa Santiago Sao_Paulo Seoul Shanghai Singapore
  Sofia Stockholm Sydney Taipei Tallinn Tehran Tokyo Toronto Tripoli Tunis Vancouver Vienna
  Vilnius Warsaw Winnipeg Yakutsk Yerevan Zurich
`)

const UNIT_DIRS = words(`
  /usr/lib/NetworkManager/conf.d /usr/lib/dracut/dracut.conf.d /usr/lib/modprobe.d
  /usr/lib/modules-load.d /usr/lib/sysctl.d /usr/lib/systemd/network /usr/lib/systemd/system
  /usr/lib/systemd/system-generators /usr/lib/systemd/system-preset
  /usr/lib/systemd/system/basic.target.wants /usr/lib/systemd/system/local-fs.target.wants
  /usr/lib/systemd/system/sockets.target.wants /usr/lib/systemd/system/sysinit.target.wants
  /usr/lib/systemd/system/timers.target.wants /usr/lib/systemd/user /usr/lib/sysusers.d
  /usr/lib/tmpfiles.d /usr/lib/udev/rules.d /usr/share/dbus-1/system-services
  /usr/share/dbus-1/system.d /usr/share/polkit-1/actions /usr/share/polkit-1/rules.d
`)
const UNIT_STEMS = words(`
  afterburn audit auditd blk-availability bootupd chronyd clevis console-getty containerd
  coreos-boot-edit coreos-ignition crio cryptsetup dbus-broker debug-shell dm-event docker
  dracut-shutdown emergency fstrim fwupd getty gssproxy ignition-firstboot import-state irqbalance
  iscsid kdump kmod-static-nodes ldconfig logrotate lvm2-monitor mdmonitor multipathd
  NetworkManager nfs-client nfs-idmapd nftables nis-domainname nvmefc-boot-connections
  ostree-finalize-staged ostree-remount podman polkit qemu-guest-agent raid-check rbdmap rescue
  rpc-gssd rpcbind rpm-ostree-countme rpm-ostreed selinux-autorelabel serial-getty sshd sssd
  systemd-journald systemd-logind systemd-networkd systemd-resolved systemd-sysusers
  systemd-timesyncd systemd-tmpfiles-setup systemd-udevd user-runtime-dir var-lib-nfs-rpc_pipefs
  zincati sysroot boot rngd tcsd
`)
const UNIT_EXT = words(`
  .service .service .service .socket .timer .target .path .conf .rules .policy
`)

const LICENSE_PKGS = words(`
  NetworkManager acl afterburn attr audit bash bootupd bzip2 ca-certificates chrony clevis conmon
  container-selinux containerd containers-common coreos-installer coreutils cpio cracklib crun
  cryptsetup curl cyrus-sasl dbus device-mapper diffutils dracut e2fsprogs elfutils ethtool expat
  file findutils fuse fwupd gawk git-core glib2 glibc gmp gnupg2 gnutls grep grub2 gzip ignition
  iproute iptables iscsi-initiator-utils jansson jq json-c kbd keyutils kmod krb5 less libcap
  libgcrypt libseccomp libselinux libssh libxml2 linux-firmware lvm2 lz4 mdadm moby-engine nano
  ncurses netavark nettle nfs-utils nftables openldap openssh openssl ostree p11-kit pam pcre2
  podman polkit popt procps-ng readline rpm rpm-ostree rsync runc sed selinux-policy shadow-utils
  skopeo sqlite sssd sudo systemd tar tpm2-tss tzdata util-linux vim-minimal which xfsprogs xz
  zincati zlib zstd
`).map((p) => '/usr/share/licenses/' + p)
const LICENSE_FILES = words(`
  COPYING LICENSE COPYING.LIB COPYING.LGPL NOTICE LICENSE.MIT LICENSE-APACHE COPYING.GPLv2
  COPYRIGHT AUTHORS LICENSE.txt gpl-2.0.txt lgpl-2.1.txt LICENSE.dependencies COPYING.GPLv3
  LICENSE.BSD README.license COPYING.LESSER
`)

const TERMINFO = 'abcdefghijklmnopqrstuvwxyz123456789'
  .split('')
  .map((c) => '/usr/share/terminfo/' + c)
const SHARE_DIRS = [
  ...TERMINFO,
  '/usr/share/augeas/lenses/dist',
  '/usr/share/bash-completion/completions',
  '/usr/share/containers',
  '/usr/share/containers/systemd',
  '/usr/share/crypto-policies/DEFAULT',
  '/usr/share/crypto-policies/FIPS',
  '/usr/share/crypto-policies/FUTURE',
  '/usr/share/crypto-policies/LEGACY',
  '/usr/share/crypto-policies/policies/modules',
  '/usr/share/dbus-1/interfaces',
  '/usr/share/hwdata',
  '/usr/share/kbd/consolefonts',
  '/usr/share/kbd/consoletrans',
  '/usr/share/kbd/keymaps/i386/azerty',
  '/usr/share/kbd/keymaps/i386/dvorak',
  '/usr/share/kbd/keymaps/i386/qwerty',
  '/usr/share/kbd/keymaps/i386/qwertz',
  '/usr/share/kbd/unimaps',
  '/usr/share/misc',
  '/usr/share/nano',
  '/usr/share/p11-kit/modules',
  '/usr/share/pki/ca-trust-source',
  '/usr/share/selinux/packages',
  '/usr/share/selinux/targeted',
  '/usr/share/vim/vimfiles',
  '/usr/share/zsh/site-functions',
  '/usr/share/factory/etc',
  '/usr/share/mime/packages',
]
const SHARE_STEMS = words(`
  xterm linux vt100 vt220 screen tmux ansi dumb rxvt putty kitty alacritty konsole gnome eterm
  cons25 sun wsvt25 us fr de uk es it pl ru jp106 dvorak colemak lat0 lat1 lat2 latarcyrheb
  eurlatgr ter sh json yaml toml ini c python rust go systemd container pod network volume image
  kube pci usb oui pnp magic sssd ipa ldap krb5 openssh gnutls nss bind libreswan opensslcnf
`)
const SHARE_EXT = [
  '',
  '',
  ...words(`
  .gz .map.gz .psfu.gz .txt .aug .xml .conf .pp.bz2 .vim .pol .pmod
`),
]

const LIB_DIRS = words(`
  00bash 00systemd 01fips 01systemd-initrd 03modsign 04watchdog 05nss-softokn 10i18n 30ignition
  35coreos-ignition 35coreos-live 35coreos-network 40ignition-ostree 50drm 80cms 90crypt 90dm
  90dmraid 90kernel-modules 90lvm 90mdraid 90multipath 90qemu 91crypt-gpg 95iscsi 95nvmf 95resume
  95rootfs-block 95udev-rules 95virtfs 98dracut-systemd 98selinux 98syslog 98usrmount 99base
  99fs-lib 99img-lib 99shutdown
`)
  .map((d) => '/usr/lib/dracut/modules.d/' + d)
  .concat([
    '/usr/lib/bootupd/grub2-static/configs.d',
    '/usr/lib/kernel/install.d',
    '/usr/lib/rpm/macros.d',
    '/usr/lib/rpm/fileattrs',
    '/usr/lib/udev/hwdb.d',
    '/usr/lib/ostree',
    '/usr/lib/coreos',
    '/usr/lib/environment.d',
    '/usr/lib/motd.d',
    '/usr/lib/systemd/catalog',
    '/usr/lib/systemd/boot/efi',
    '/usr/lib/tuned',
  ])
const LIB_STEMS_SCRIPTS = words(`
  module-setup parse generator hook pre-pivot pre-mount cmdline wait mount setup teardown check
  cleanup complete fetch disks files kargs rootfs network firstboot emergency shutdown lib
  functions
`)
const LIB_EXT = [
  '',
  ...words(`
  .sh .sh .service .conf .rules .cfg .install .hwdb .catalog
`),
]

const PERL_DIRS = words(`
  Carp Config Encode Exporter File Getopt IO IPC List Math Pod Scalar Storable Term Text Tie Time
  Unicode auto/POSIX auto/Socket unicore/lib/Perl unicore/lib/Gc warnings overload
`).flatMap((d) => ['/usr/share/perl5/' + d, '/usr/lib64/perl5/' + d])
const PERL_STEMS = words(`
  Base Util Simple Heavy Handle Find Path Spec Temp Copy Long Std Open3 Cmd Select Seekable Table
  Wrap Abbrev Local HiRes Normalize UCD Collate Alnum Digit Word Space Upper Lower Title Escapes
  Parser Checker Usage Text Man Html Socket POSIX
`)

// ---------------------------------------------------------------------------------------------
// Categories. Sizes: log2 bounds chosen so the whole tree is ~1.5 GB at 20,000 files (reference 9);
// firmware averages ~90 KB and kernel modules ~20 KB as in rpm-ostree PR #3478.

function withSuffix(r: Rng, base: string, parts: readonly string[], ext: string): string {
  return `${base}_${pick(r, parts)}${ext}`
}

export interface BulkProfile {
  categories: BulkCategory[]
}

export function bulkProfile(flavour: 'fcos' | 'rhcos'): BulkProfile {
  const fwExt = flavour === 'fcos' ? '.bin.xz' : '.bin'
  const categories: BulkCategory[] = [
    {
      id: 'kmod',
      weight: 0.19,
      dirs: KMOD_DIRS,
      kernel: true,
      perDir: 20,
      mode: 0o644,
      size: { lo: 12.2, hi: 15.8 },
      name: (r, dir) => withSuffix(r, lastName(dir), KMOD_SUFFIX, '.ko.xz'),
    },
    {
      id: 'firmware',
      weight: 0.1,
      dirs: FIRMWARE_DIRS,
      perDir: 30,
      mode: 0o644,
      size: { lo: 13.5, hi: 18.7 },
      name: (r, dir) => `${lastName(dir)}_${pick(r, FW_PARTS)}${between(r, 1, 99)}${fwExt}`,
    },
    {
      id: 'lib64',
      weight: 0.09,
      dirs: LIB64_DIRS,
      perDir: 50,
      mode: 0o755,
      size: { lo: 13, hi: 18.5, tail: { p: 0.04, lo: 20, hi: 22.5 } },
      name: (r) =>
        `lib${pick(r, LIB_STEMS)}${pick(r, ['', '', '-util', '-core', '_ext'])}.so.${between(r, 0, 12)}`,
    },
    {
      id: 'bin',
      weight: 0.06,
      dirs: BIN_DIRS,
      perDir: 75,
      mode: 0o755,
      size: { lo: 12, hi: 17.5, tail: { p: 0.06, lo: 21, hi: 24.5 } },
      name: (r) => `${pick(r, CMD_PREFIX)}${pick(r, COMMANDS)}`,
    },
    {
      id: 'locale',
      weight: 0.16,
      dirs: LOCALES,
      perDir: 27,
      mode: 0o644,
      size: { lo: 11, hi: 16.1 },
      name: (r) => `${pick(r, TEXT_DOMAINS)}.mo`,
    },
    {
      id: 'zoneinfo',
      weight: 0.09,
      dirs: ZONE_DIRS,
      perDir: 30,
      mode: 0o644,
      size: { lo: 9, hi: 12 },
      name: (r) => pick(r, CITIES),
    },
    {
      id: 'units',
      weight: 0.07,
      dirs: UNIT_DIRS,
      perDir: 60,
      mode: 0o644,
      size: { lo: 8, hi: 12 },
      name: (r) =>
        `${pick(r, UNIT_STEMS)}${pick(r, ['', '', '-setup', '-wait', '@', '-helper'])}${pick(r, UNIT_EXT)}`,
    },
    {
      id: 'licenses',
      weight: 0.04,
      dirs: LICENSE_PKGS,
      perDir: 8,
      mode: 0o644,
      size: { lo: 11, hi: 15 },
      name: (r) => pick(r, LICENSE_FILES),
    },
    {
      id: 'share',
      weight: flavour === 'fcos' ? 0.1 : 0.07,
      dirs: SHARE_DIRS,
      perDir: 30,
      mode: 0o644,
      size: { lo: 10, hi: 14.5 },
      name: (r) =>
        `${pick(r, SHARE_STEMS)}${pick(r, ['', '-256color', '-m', '-mono', '-utf8', '2'])}${pick(r, SHARE_EXT)}`,
    },
    {
      id: 'lib',
      weight: flavour === 'fcos' ? 0.1 : 0.07,
      dirs: LIB_DIRS,
      perDir: 30,
      mode: 0o644,
      size: { lo: 10, hi: 13.5 },
      name: (r, dir) =>
        `${lastName(dir).replace(/^[0-9]+/, '')}-${pick(r, LIB_STEMS_SCRIPTS)}${pick(r, LIB_EXT)}`,
    },
  ]
  if (flavour === 'rhcos') {
    categories.push({
      id: 'perl',
      weight: 0.06,
      dirs: PERL_DIRS,
      perDir: 25,
      mode: 0o644,
      size: { lo: 10, hi: 14.5 },
      name: (r) =>
        `${pick(r, PERL_STEMS)}${pick(r, ['', 'Util', 'XS', 'PP'])}${pick(r, ['.pm', '.pm', '.pl', '.so', '.pod'])}`,
    })
  }
  return { categories }
}
