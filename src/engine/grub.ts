/**
 * GRUB's static configuration on Fedora CoreOS 39, as GRUB runs it before building the menu
 * (reference 5.1). The image's `/boot/grub2/grub.cfg` is coreos-assembler's src/grub.cfg
 * (at 0eb25d1c7, 2023-10-20: the one FCOS 39 images carry; coreos/bootupd's
 * src/grub2/grub-static-pre.cfg is a copy of it without the Ignition glue):
 * 1. `search` for the boot filesystem: by the UUID in `${config_directory}/bootuuid.cfg` when that
 *    file exists (rdcore bind-boot writes it at the first boot), else `--label boot`; `root` is
 *    set to it;
 * 2. `load_env -f ${config_directory}/grubenv`;
 * 3. the Ignition glue: if `/ignition.firstboot` exists, source it (it may set
 *    `ignition_network_kcmdline`) and set `ignition_firstboot`;
 * 4. `blscfg`: one menu entry per BLS file (`grubMenu`).
 */
import { allDisks } from './disks'
import { readDir, readText } from './fs'
import { parseBls, readBootversion } from './sysroot'
import type { Filesystem, Machine } from './types'

/** grub.cfg of the image: coreos-assembler src/grub.cfg at 0eb25d1c7, comments shortened. */
export const GRUB_CFG = `# petitboot doesn't support -e and doesn't support an empty path part
if [ -d (md/md-boot)/grub2 ]; then
  # a /boot RAID: use the whole array, not one of its members
  set boot=md/md-boot
  set prefix=($boot)/grub2
else
  if [ -f \${config_directory}/bootuuid.cfg ]; then
    source \${config_directory}/bootuuid.cfg
  fi
  if [ -n "\${BOOT_UUID}" ]; then
    search --fs-uuid "\${BOOT_UUID}" --set boot --no-floppy
  else
    search --label boot --set boot --no-floppy
  fi
fi
set root=$boot

if [ -f \${config_directory}/grubenv ]; then
  load_env -f \${config_directory}/grubenv
elif [ -s $prefix/grubenv ]; then
  load_env
fi

if [ x"\${feature_menuentry_id}" = xy ]; then
  menuentry_id_option="--id"
else
  menuentry_id_option=""
fi

function load_video {
  if [ x$feature_all_video_module = xy ]; then
    insmod all_video
  else
    insmod efi_gop
    insmod efi_uga
    insmod ieee1275_fb
    insmod vbe
    insmod vga
    insmod video_bochs
    insmod video_cirrus
  fi
}

# Any non-default console settings will be inserted here.
# CONSOLE-SETTINGS-START
# CONSOLE-SETTINGS-END

if [ x$feature_timeout_style = xy ] ; then
  set timeout_style=menu
  set timeout=1
# Fallback normal timeout code in case the timeout_style feature is
# unavailable.
else
  set timeout=1
fi

# Determine if this is a first boot and set the \${ignition_firstboot} variable
# which is used in the kernel command line.
set ignition_firstboot=""
if [ -f "/ignition.firstboot" ]; then
    # Default networking parameters to be used with ignition.
    set ignition_network_kcmdline=''

    # Source in the \`ignition.firstboot\` file which could override the
    # above $ignition_network_kcmdline with static networking config.
    source "/ignition.firstboot"

    set ignition_firstboot="ignition.firstboot \${ignition_network_kcmdline}"
fi

# Import user defined configuration
if [ -f $prefix/user.cfg ]; then
  source $prefix/user.cfg
fi

blscfg
`

/**
 * The stub on the EFI partition that finds /boot and hands over to its grub.cfg
 * (coreos-assembler src/create_disk.sh `install_uefi`, 2023).
 */
export const EFI_GRUB_CFG = `if [ -e (md/md-boot) ]; then
  set prefix=md/md-boot
else
  if [ -f \${config_directory}/bootuuid.cfg ]; then
    source \${config_directory}/bootuuid.cfg
  fi
  if [ -n "\${BOOT_UUID}" ]; then
    search --fs-uuid "\${BOOT_UUID}" --set prefix --no-floppy
  else
    search --label boot --set prefix --no-floppy
  fi
fi
set prefix=($prefix)/grub2
configfile $prefix/grub.cfg
boot
`

/**
 * An empty environment block: grub2-install creates it when it installs GRUB for BIOS
 * (util/grub-install.c: `grub_util_create_envblk_file` when there is no grubenv): the signature
 * line, then `#` up to 1024 bytes.
 */
export const EMPTY_GRUBENV = '# GRUB Environment Block\n' + '#'.repeat(1024 - 25)

/** `${config_directory}`: grub.cfg's folder on the boot filesystem. */
const CONFIG_DIRECTORY = '/grub2'

/** The contents of bootuuid.cfg, as rdcore bind-boot writes it (coreos-installer rootmap.rs). */
export function bootUuidCfg(uuid: string): string {
  return `set BOOT_UUID="${uuid}"\n`
}

export interface GrubSearch {
  by: 'label' | 'uuid'
  /** The label or UUID searched for. */
  value: string
  /** GRUB's name of the device found (`(hd0,gpt3)`), or null when none matched. */
  drive: string | null
  /** Linux's name of the same device (`/dev/vda3`). */
  device: string | null
  /** The filesystem found: a key into `Machine.filesystems`. */
  filesystem: string | null
}

/**
 * Step 1: `search`. GRUB numbers disks in the firmware's order, the boot disk first (hd0); it looks
 * at every partition and whole disk, and takes the first filesystem that matches.
 */
export function grubSearch(m: Machine, boot: Filesystem): GrubSearch {
  const cfg = readText(boot, `${CONFIG_DIRECTORY}/bootuuid.cfg`)
  const uuid = cfg === null ? undefined : /^\s*set BOOT_UUID="?([^"\s]*)"?/m.exec(cfg)?.[1]
  const by = uuid === undefined || uuid === '' ? 'label' : 'uuid'
  const value = by === 'uuid' ? (uuid as string) : 'boot'
  const matches = (key: string | null): boolean => {
    const fs = key === null ? undefined : m.filesystems[key]
    if (fs === undefined) return false
    // GRUB compares filesystem UUIDs without regard to case (grub-core/commands/search.c)
    return by === 'uuid' ? fs.uuid?.toLowerCase() === value.toLowerCase() : fs.label === value
  }
  for (const [i, disk] of allDisks(m).entries()) {
    if (matches(disk.filesystem))
      return {
        by,
        value,
        drive: `(hd${i})`,
        device: `/dev/${disk.name}`,
        filesystem: disk.filesystem,
      }
    for (const p of [...disk.partitions].sort((a, b) => a.number - b.number))
      if (matches(p.filesystem))
        return {
          by,
          value,
          drive: `(hd${i},gpt${p.number})`,
          device: `/dev/${disk.name}${p.number}`,
          filesystem: p.filesystem,
        }
  }
  return { by, value, drive: null, device: null, filesystem: null }
}

/**
 * Step 2: `load_env -f ${config_directory}/grubenv`: the variables of the environment block, or
 * null when there is no grubenv (nothing is loaded).
 */
export function grubEnv(boot: Filesystem): Record<string, string> | null {
  const text = readText(boot, `${CONFIG_DIRECTORY}/grubenv`)
  if (text === null) return null
  const vars: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=')
    if (line.startsWith('#') || eq <= 0) continue
    vars[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return vars
}

/**
 * Step 3, the Ignition glue: `$ignition_firstboot` is `ignition.firstboot` (and the network
 * arguments `/ignition.firstboot` sets, if any) when that file exists, else empty.
 */
export function grubFirstboot(boot: Filesystem): { present: boolean; value: string } {
  const flag = readText(boot, '/ignition.firstboot')
  if (flag === null) return { present: false, value: '' }
  let network = ''
  for (const line of flag.split('\n')) {
    const set = /^\s*set\s+ignition_network_kcmdline=(?:'([^']*)'|"([^"]*)"|(\S*))\s*$/.exec(line)
    if (set !== null) network = set[1] ?? set[2] ?? set[3] ?? ''
  }
  return { present: true, value: `ignition.firstboot ${network}` }
}

/** The menu GRUB's blscfg builds: one entry per file, sorted by file name, highest first (reference 5.1). */
export function grubMenu(
  m: Machine,
): { name: string; title: string; options: string; linux: string }[] {
  const boot = m.filesystems.boot
  if (boot === undefined) return []
  const bootversion = readBootversion(boot)
  return readDir(boot, `/loader.${bootversion}/entries`)
    .filter(([name, , inode]) => name.endsWith('.conf') && inode.kind === 'file')
    .map(([name, , inode]) => {
      const keys = parseBls(inode.kind === 'file' ? inode.data : '')
      return {
        name,
        title: keys.title ?? name,
        options: keys.options ?? '',
        linux: keys.linux ?? '',
      }
    })
    .sort((a, b) => compareNvr(b.name, a.name))
}

/** Compares file names the way rpm compares versions: digit runs as numbers. */
function compareNvr(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? []
  const pb = b.match(/\d+|\D+/g) ?? []
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (x === y) continue
    const nx = Number(x)
    const ny = Number(y)
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return nx - ny
    return x < y ? -1 : 1
  }
  return 0
}
