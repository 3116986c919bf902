/**
 * What the tools print about deployments: `ostree admin status` (reference 7.1), `rpm-ostree status`
 * (7.2) and `ostree admin config-diff` (4), computed from the disk and the running system.
 */
import { diffEtc, formatConfigDiff, type EtcDiff } from './etcMerge'
import { inoAt, lookupPath, readLink } from './fs'
import { readCommit } from './repo'
import {
  allDeployments,
  deployPath,
  iniValue,
  isPinned,
  readBootEntries,
  readOrigin,
  readStaged,
  sameDeployment,
  type BootEntry,
  type Deployment,
} from './sysroot'
import type { DeploymentId, Machine, PastBoot } from './types'

export interface DeploymentInfo extends Deployment {
  version: string | null
  /** Commit timestamp, seconds since the epoch. */
  timestamp: number | null
  booted: boolean
  pending: boolean
  rollback: boolean
  pinned: boolean
  /**
   * The first entry of the active `loader.N`: what GRUB boots without input. A staged deployment
   * is listed first but has no entry until shutdown finalizes it, so it is never the default: a
   * power cut boots this one (reference 3.2, 3.3, 5.1).
   */
  isDefault: boolean
  /** The origin's refspec, or null without an origin. */
  refspec: string | null
  /** Finalization locked (only for the staged deployment). */
  locked: boolean
}

/**
 * The deployment list with every flag the tools show. Pending and rollback are relative to the
 * booted deployment, so a machine that is not running has neither (reference 6, "Definitions").
 */
export function listDeployments(m: Machine): DeploymentInfo[] {
  const root = m.filesystems.root
  if (root === undefined) return []
  const list = allDeployments(m)
  const booted = m.runtime?.booted ?? null
  const bootedAt = list.findIndex((d) => sameDeployment(d, booted))
  const staged = readStaged(m)
  const defaultAt = list.findIndex((d) => d.entry !== null)
  let pendingAt = -1
  let rollbackAt = -1
  if (bootedAt >= 0 && booted !== null) {
    pendingAt = list.findIndex(
      (d, i) => i < bootedAt && !d.staged && d.stateroot === booted.stateroot,
    )
    rollbackAt = list.findIndex((d, i) => i > bootedAt && d.stateroot === booted.stateroot)
  }
  return list.map((d, i) => {
    const commit = readCommit(root, d.checksum)
    const origin = readOrigin(root, d)
    return {
      ...d,
      version: commit?.version ?? null,
      timestamp: commit?.timestamp ?? null,
      booted: i === bootedAt,
      pending: i === pendingAt,
      rollback: i === rollbackAt,
      pinned: isPinned(root, d),
      isDefault: i === defaultAt,
      refspec: origin === null ? null : iniValue(origin, 'origin', 'refspec'),
      locked: d.staged && staged !== null && staged.locked,
    }
  })
}

/** A `loader.N` folder of /boot and the BLS entries in it, in libostree's order. */
export interface LoaderDir {
  /** `loader.0` or `loader.1`. */
  name: string
  /** Named by /boot/loader: the folder GRUB reads. */
  active: boolean
  entries: BootEntry[]
}

/** How /boot stands between the bootloader and the deployments (reference 1.4, 3.1 step 6). */
export interface LoaderState {
  /** The target of `/boot/loader`; null before the first deployment is written. */
  loader: string | null
  /** The target of `/boot/loader.tmp`, which exists only just before the atomic rename. */
  tmp: string | null
  /** Each `loader.N` that exists: the active one, and the inactive one while it is written. */
  dirs: LoaderDir[]
}

/**
 * `/boot/loader`, `/boot/loader.tmp` and the entries of each `loader.N`, read from /boot. During
 * finalization the inactive folder fills while GRUB still reads the active one; the rename of
 * `loader.tmp` onto `loader` switches them, and cleanup deletes the old one (reference 3.1).
 */
export function loaderState(m: Machine): LoaderState | null {
  const boot = m.filesystems.boot
  if (boot === undefined) return null
  const loader = readLink(boot, '/loader')
  const dirs = ([0, 1] as const)
    .filter((n) => lookupPath(boot, `/loader.${n}`)?.kind === 'dir')
    .map((n) => ({
      name: `loader.${n}`,
      active: loader === `loader.${n}`,
      entries: readBootEntries(boot, n),
    }))
  return { loader, tmp: readLink(boot, '/loader.tmp'), dirs }
}

/** `ostree admin status` as ostree 2023.6 prints it (reference 7.1). */
export function ostreeAdminStatus(m: Machine): string {
  const list = listDeployments(m)
  if (list.length === 0) return 'No deployments.\n'
  return list
    .map((d) => {
      const status = d.staged
        ? ' (staged)'
        : d.pending
          ? ' (pending)'
          : d.rollback
            ? ' (rollback)'
            : ''
      let text = `${d.booted ? '*' : ' '} ${d.stateroot} ${d.checksum}.${d.serial}${status}\n`
      if (d.version !== null) text += `    Version: ${d.version}\n`
      if (d.pinned) text += '    Pinned: yes\n'
      text += d.refspec === null ? '    origin: none\n' : `    origin refspec: ${d.refspec}\n`
      return text
    })
    .join('')
}

/** `%FT%H:%M:%SZ` of a timestamp, in UTC. */
export function isoTime(seconds: number): string {
  const days = Math.floor(seconds / 86400)
  const rest = seconds - days * 86400
  const [y, mo, d] = civilFromDays(days)
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}Z`
}

/** Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm). */
export function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const mo = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (mo <= 2 ? 1 : 0), mo, d]
}

const FINALIZE_UNIT = 'ostree-finalize-staged.service'

/**
 * What rpm-ostree status prints, right after `State:`, when the boot before this one started to
 * finalize a staged deployment and never logged the transaction as complete (reference 3.3;
 * rpm-ostree `journal.rs`): systemd's reason if it was not an exit code (a timeout, a signal), else
 * the last `error:` line ostree printed, else nothing more.
 */
export function finalizeWarning(previous: PastBoot | undefined): string {
  if (previous === undefined) return ''
  const lines = previous.journal
  const started = lines.findLastIndex(
    (j) =>
      j.unit === FINALIZE_UNIT &&
      j.by === undefined &&
      j.message === 'Finalizing staged deployment',
  )
  if (started < 0) return ''
  const after = lines.slice(started + 1)
  const own = after.filter((j) => j.unit === FINALIZE_UNIT && j.by === undefined)
  // ostree's message with the id OSTREE_DEPLOYMENT_COMPLETE: `Bootloader updated; bootconfig swap:
  // yes; ...` or `Transaction complete; bootconfig swap: no; ...` (deploy.ts)
  if (own.some((j) => j.message.includes('; bootconfig swap: '))) return ''
  const failed = after.find(
    (j) =>
      j.unit === FINALIZE_UNIT &&
      j.by === 'systemd' &&
      (j.message.includes('Failed with result') || j.message.includes('control process exited')),
  )
  let reason: string | undefined
  if (failed && !failed.message.includes('exit-code') && !failed.message.includes('code=exited'))
    reason = failed.message
  else if (failed) reason = own.findLast((j) => j.message.startsWith('error:'))?.message
  return (
    'Warning: failed to finalize previous deployment\n' +
    (reason === undefined ? '' : `         ${reason}\n`) +
    `         check \`journalctl -b -1 -u ${FINALIZE_UNIT}\`\n`
  )
}

/** `rpm-ostree status` (reference 7.2): keys right-aligned in 23 columns after two spaces. */
export function rpmOstreeStatus(m: Machine, opts: { verbose?: boolean } = {}): string {
  const list = listDeployments(m)
  const field = (key: string, value: string): string => `  ${key.padStart(23)}: ${value}\n`
  let text = 'State: idle\n'
  text += finalizeWarning(m.previousBoot)
  if (m.profile === 'fcos') {
    text += 'AutomaticUpdatesDriver: Zincati\n'
    text += '  DriverState: active; periodically polling for updates\n'
  } else if (opts.verbose === true) {
    text += 'AutomaticUpdates: disabled\n'
  }
  text += 'Deployments:\n'
  text += list
    .map((d) => {
      let block = `${d.booted ? '●' : ' '} ${d.refspec ?? d.checksum}\n`
      if (d.version !== null)
        block += field(
          'Version',
          `${d.version}${d.timestamp === null ? '' : ` (${isoTime(d.timestamp)})`}`,
        )
      block += field('Commit', d.checksum)
      if (opts.verbose === true) block += field('Staged', d.staged ? 'yes' : 'no')
      if (d.pinned) block += field('Pinned', 'yes')
      return block
    })
    .join('\n')
  return text
}

/** The diff `ostree admin config-diff` reports for a deployment: its /usr/etc against its /etc. */
export function configDiffOf(m: Machine, d: DeploymentId): EtcDiff | null {
  const root = m.filesystems.root
  if (root === undefined) return null
  const usrEtc = inoAt(root, `${deployPath(d)}/usr/etc`)
  const etc = inoAt(root, `${deployPath(d)}/etc`)
  if (usrEtc === null || etc === null) return null
  return diffEtc(root, usrEtc, etc)
}

/** `ostree admin config-diff`: of the booted deployment, or else of the first one of the list. */
export function configDiff(m: Machine): string {
  const target = m.runtime?.booted ?? allDeployments(m).find((d) => !d.staged) ?? null
  if (target === null) return ''
  const diff = configDiffOf(m, target)
  return diff === null ? '' : formatConfigDiff(diff)
}
