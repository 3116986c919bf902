/**
 * The running system: findmnt and mount (the mount table the boot built, reference 5.4), systemctl
 * and journalctl (the units and journal of this boot), rpm (the packages of the booted release).
 */
import { readCommit } from '../../repo'
import { reboot, shutdown } from '../../ops'
import type { JournalLine, Machine, Mount, PastBoot } from '../../types'
import { findmnt as findmntRows } from '../../vfs'
import type { Command, Ctx, Io } from '../context'
import { failed, mountSource } from '../fsview'
import { journalTime, systemdTime } from '../format'
import { has, value, values } from '../getopt'
import { packagesOf, nevra, type Rpm } from '../packages'
import { patternRegExp } from '../expand'
import { parseOr } from './basic'

/** The parent of each mount: the one whose target is the longest proper prefix of its target. */
function parentOf(mounts: Mount[], x: Mount): Mount | undefined {
  let best: Mount | undefined
  for (const y of mounts) {
    if (y === x) continue
    const inside = y.target === '/' ? x.target !== '/' : x.target.startsWith(`${y.target}/`)
    if (inside && (best === undefined || y.target.length > best.target.length)) best = y
  }
  return best
}

const findmnt: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'lnrRo:',
    long: {
      real: { key: 'real', value: false },
      list: { key: 'l', value: false },
      noheadings: { key: 'n', value: false },
      output: { key: 'o', value: true },
    },
  })
  if (typeof parsed === 'number') return parsed
  const m = ctx.m
  const real = has(parsed, 'real')
  const rows = findmntRows(m, { real })
  const mounts = (m.runtime?.mounts ?? [])
    .filter((x) => rows.some((r) => r.target === x.target))
    .sort((a, b) => (a.target === '/' ? -1 : b.target === '/' ? 1 : a.id - b.id))
  let selected = mounts
  const target = parsed.operands[0]
  if (target !== undefined) {
    const path = ctx.abs(target)
    selected = mounts.filter((x) => x.target === path || mountSource(m, x) === target)
    if (selected.length === 0) return 1
  }
  const list = has(parsed, 'l') || target !== undefined
  const rowOf = (x: Mount): { target: string; source: string; fstype: string; options: string } => {
    const r = rows.find((row) => row.target === x.target && row.fstype === x.fstype)
    return (
      r ?? {
        target: x.target,
        source: mountSource(m, x),
        fstype: x.fstype,
        options: x.options.join(','),
      }
    )
  }
  const lines: { target: string; source: string; fstype: string; options: string }[] = []
  if (list) {
    for (const x of selected) lines.push(rowOf(x))
  } else {
    const children = (p: Mount | undefined): Mount[] =>
      selected.filter((x) => parentOf(selected, x) === p)
    const walk = (x: Mount, prefix: string, own: string): void => {
      lines.push({ ...rowOf(x), target: own + x.target })
      const kids = children(x)
      kids.forEach((k, i) => {
        const last = i === kids.length - 1
        walk(k, prefix + (last ? '  ' : '│ '), prefix + (last ? '└─' : '├─'))
      })
    }
    for (const top of children(undefined)) walk(top, '', '')
  }
  const header = { target: 'TARGET', source: 'SOURCE', fstype: 'FSTYPE', options: 'OPTIONS' }
  const all = has(parsed, 'n') ? lines : [header, ...lines]
  const w = (k: 'target' | 'source' | 'fstype'): number =>
    Math.max(...all.map((l) => [...l[k]].length))
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length))
  const wt = w('target')
  const ws = w('source')
  const wf = w('fstype')
  io.out(
    all
      .map((l) => `${pad(l.target, wt)} ${pad(l.source, ws)} ${pad(l.fstype, wf)} ${l.options}\n`)
      .join(''),
  )
  return 0
}

const mount: Command = (ctx, args, io) => {
  if (args.length > 0) {
    if (ctx.isRoot) ctx.notice('shell.notSimulated.mount')
    else io.err('mount: only root can do that\n')
    return 1
  }
  const m = ctx.m
  const mounts = (m.runtime?.mounts ?? [])
    .slice()
    .sort((a, b) => (a.target === '/' ? -1 : b.target === '/' ? 1 : a.id - b.id))
  io.out(
    mounts
      .map((x) => `${mountSource(m, x)} on ${x.target} type ${x.fstype} (${x.options.join(',')})\n`)
      .join(''),
  )
  return 0
}

// ----------------------------------------------------------------------------------------------
// systemd

/**
 * Descriptions of the units the boot runs that have no unit file in the tree (initramfs units,
 * generated mounts, units the catalogue holds as stand-in bytes), from their real unit files:
 * ostree v2023.6 src/boot/*.service, ignition dracut/30ignition/*, fedora-coreos-config
 * overlay.d/05core (coreos-boot-edit, coreos-ignition-firstboot-complete), zincati
 * dist/systemd, systemd's own units. Mount units without a Description= show their path.
 */
const DESCRIPTIONS: Record<string, string> = {
  'sysroot.mount': '/sysroot',
  'ostree-prepare-root.service': 'OSTree Prepare OS/',
  'initrd-switch-root.service': 'Switch Root',
  'var.mount': '/var',
  'boot.mount': 'CoreOS Dynamic Mount for /boot',
  'ostree-remount.service': 'OSTree Remount OS/ Bind Mounts',
  'ostree-finalize-staged.service': 'OSTree Finalize Staged Deployment',
  'ostree-boot-complete.service': 'OSTree Complete Boot',
  'systemd-tmpfiles-setup.service': 'Create Volatile Files and Directories',
  'coreos-boot-edit.service': 'CoreOS Boot Edit',
  'coreos-ignition-firstboot-complete.service': 'CoreOS Mark Ignition Boot Complete',
  'ignition-fetch-offline.service': 'Ignition (fetch-offline)',
  'ignition-fetch.service': 'Ignition (fetch)',
  'ignition-kargs.service': 'Ignition (kargs)',
  'ignition-disks.service': 'Ignition (disks)',
  'ignition-mount.service': 'Ignition (mount)',
  'ignition-files.service': 'Ignition (files)',
  'ignition-complete.target': 'Ignition Complete',
  'multi-user.target': 'Multi-User System',
  'rpm-ostreed.service': 'rpm-ostree System Management Daemon',
  'zincati.service': 'Zincati Update Agent',
}

/** Units that generators write at boot (ostree-system-generator, coreos-boot-mount-generator, fstab). */
const GENERATED = new Set(['var.mount', 'boot.mount', 'sysroot.mount'])

/** Units that run in the initramfs: after switch-root, the real system shows them inactive. */
const INITRD_UNITS = new Set([
  'sysroot.mount',
  'ostree-prepare-root.service',
  'initrd-switch-root.service',
  'coreos-boot-edit.service',
  'ignition-fetch-offline.service',
  'ignition-fetch.service',
  'ignition-kargs.service',
  'ignition-disks.service',
  'ignition-mount.service',
  'ignition-files.service',
  'ignition-umount.service',
  'ignition-complete.target',
])

function unitName(arg: string): string {
  return /\.(service|mount|target|socket|timer|path|slice|scope|swap|device|automount)$/.test(arg)
    ? arg
    : `${arg}.service`
}

function unitFile(ctx: Ctx, unit: string): { path: string; text: string } | null {
  for (const dir of ['/etc/systemd/system', '/usr/lib/systemd/system']) {
    const node = ctx.sys.resolve(`${dir}/${unit}`, true)
    if (!failed(node) && node.inode.kind === 'file')
      return { path: `${dir}/${unit}`, text: node.inode.data }
  }
  return null
}

function describe(ctx: Ctx, unit: string): string {
  const file = unitFile(ctx, unit)
  const line = file?.text.split('\n').find((l) => l.startsWith('Description='))
  return line?.slice('Description='.length).trim() ?? DESCRIPTIONS[unit] ?? unit
}

function enabled(ctx: Ctx, unit: string): boolean {
  const wants = ctx.sys.resolve('/etc/systemd/system', true)
  if (failed(wants) || wants.inode.kind !== 'dir') return false
  for (const name of ctx.sys.names(wants)) {
    // WantedBy= links go in X.wants, RequiredBy= ones (a mount unit's) in X.requires
    if (!/\.(wants|requires)$/.test(name)) continue
    const dir = ctx.sys.child(wants, name)
    if (dir !== null && ctx.sys.child(dir, unit) !== null) return true
  }
  return false
}

/** systemd's relative time: `3min 22s ago`, `1h 5min ago`, `2 days 3h ago`. */
function ago(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const min = Math.floor((s % 3600) / 60)
  if (d > 0) return `${d} day${d === 1 ? '' : 's'}${h > 0 ? ` ${h}h` : ''} ago`
  if (h > 0) return `${h}h${min > 0 ? ` ${min}min` : ''} ago`
  if (min > 0) return `${min}min${s % 60 > 0 ? ` ${s % 60}s` : ''} ago`
  return `${s}s ago`
}

type UnitState = 'active' | 'inactive' | 'failed' | 'missing'

function unitState(ctx: Ctx, unit: string): { state: UnitState; sub: string } {
  const ran = ctx.m.runtime?.units.find((u) => u.name === unit)
  if (ran === undefined)
    return unitFile(ctx, unit) === null
      ? { state: 'missing', sub: '' }
      : { state: 'inactive', sub: 'dead' }
  if (ran.result === 'failed') return { state: 'failed', sub: 'failed' }
  if (ran.result === 'skipped' || INITRD_UNITS.has(unit)) return { state: 'inactive', sub: 'dead' }
  const sub = unit.endsWith('.mount') ? 'mounted' : unit.endsWith('.target') ? 'active' : 'exited'
  return { state: 'active', sub }
}

/** The boot a journalctl call reads: this one (`-b`, `-b 0`) or the one before (`-b -1`). */
function bootOf(ctx: Ctx, back: number): PastBoot | null {
  if (back === 1) return ctx.m.previousBoot ?? null
  const rt = ctx.m.runtime
  if (back !== 0 || rt === null) return null
  return { start: ctx.sys.bootTime, end: ctx.m.clock, units: rt.units, journal: rt.journal }
}

/** Journal lines of `boot` as journalctl's short format prints them, for one unit or all. */
function journalLines(ctx: Ctx, only: string[] | null, boot: PastBoot | null): string[] {
  const host = ctx.sys.hostname()
  const at = (t: number): string => `${journalTime(t)} ${host}`
  const out: string[] = []
  if (boot === null) return out
  const wanted = (unit: string): boolean => only === null || only.includes(unit)
  const ident = (unit: string): string => unit.replace(/\.(service|mount|target)$/, '')
  const line = (time: number, j: JournalLine): string =>
    `${at(time)} ${j.by === 'systemd' ? 'systemd[1]' : ident(j.unit)}: ${j.message}\n`
  const shown = new Set<number>()
  for (const u of boot.units) {
    const desc = describe(ctx, u.name)
    const own = boot.journal.map((j, i) => ({ j, i })).filter(({ j }) => j.unit === u.name)
    if (!wanted(u.name)) continue
    if (u.name.endsWith('.target')) {
      out.push(`${at(boot.start)} systemd[1]: Reached target ${u.name} - ${desc}.\n`)
      continue
    }
    const mountUnit = u.name.endsWith('.mount')
    out.push(
      `${at(boot.start)} systemd[1]: ${mountUnit ? 'Mounting' : 'Starting'} ${u.name} - ${desc}...\n`,
    )
    for (const { j, i } of own) {
      shown.add(i)
      out.push(line(boot.start, j))
    }
    if (u.result === 'failed')
      out.push(`${at(boot.start)} systemd[1]: Failed to start ${u.name} - ${desc}.\n`)
    else if (u.result === 'skipped') continue
    else
      out.push(
        `${at(boot.start)} systemd[1]: ${mountUnit ? 'Mounted' : 'Finished'} ${u.name} - ${desc}.\n`,
      )
  }
  boot.journal.forEach((j, i) => {
    if (shown.has(i) || !wanted(j.unit)) return
    out.push(line(boot.end, j))
  })
  return out
}

/** What polkit's text agent prints when core, who has no password, is asked for one. */
export function polkitDenied(ctx: Ctx, io: Io, action: string, message: string): void {
  const core = ctx.sys.users().find((u) => u.uid === 1000)
  const gecos = core?.gecos ?? ''
  io.err(
    `==== AUTHENTICATING FOR ${action} ====\n` +
      `${message}\n` +
      `Authenticating as: ${gecos === '' ? 'core' : `${gecos} (core)`}\n` +
      'Password: \n' +
      'polkit-agent-helper-1: pam_authenticate failed: Authentication failure\n' +
      '==== AUTHENTICATION FAILED ====\n',
  )
}

/** The SSH session ends with the machine going down (what the terminal shows). */
export function connectionClosed(ctx: Ctx, io: Io): void {
  io.err(`Connection to ${ctx.sys.hostname()} closed by remote host.\n`)
  ctx.ended = true
  ctx.relogin = true
}

const systemctl: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'lq',
    long: {
      'no-pager': { key: 'no-pager', value: false },
      full: { key: 'l', value: false },
      quiet: { key: 'q', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  const [verb, ...units] = parsed.operands
  switch (verb) {
    case 'reboot':
    case 'poweroff':
    case 'halt': {
      if (!ctx.isRoot) {
        const what = verb === 'reboot' ? 'reboot' : 'power off'
        polkitDenied(
          ctx,
          io,
          `org.freedesktop.login1.${verb === 'reboot' ? 'reboot' : 'power-off'}`,
          `Authentication is required to ${what} the system.`,
        )
        io.err(
          `Failed to ${verb === 'reboot' ? 'reboot' : 'power off'} system via logind: Access denied\n`,
        )
        return 1
      }
      ctx.apply(verb === 'reboot' ? reboot(ctx.m) : shutdown(ctx.m, { reboot: false }))
      connectionClosed(ctx, io)
      return 0
    }
    case 'status': {
      if (units.length === 0) {
        ctx.notice('shell.notSimulated.systemctlStatus')
        return 1
      }
      let status = 0
      units.forEach((arg, i) => {
        const unit = unitName(arg)
        const { state, sub } = unitState(ctx, unit)
        if (state === 'missing') {
          io.err(`Unit ${unit} could not be found.\n`)
          status = 4
          return
        }
        const file = unitFile(ctx, unit)
        const bullet = state === 'active' ? '●' : state === 'failed' ? '×' : '○'
        const loaded =
          file !== null
            ? `loaded (${file.path}; ${enabled(ctx, unit) ? 'enabled' : 'static'}; preset: enabled)`
            : GENERATED.has(unit)
              ? `loaded (/run/systemd/generator/${unit}; generated)`
              : `loaded (/usr/lib/systemd/system/${unit}; static)`
        const since = ctx.sys.bootTime
        let text = `${i > 0 ? '\n' : ''}${bullet} ${unit} - ${describe(ctx, unit)}\n     Loaded: ${loaded}\n`
        text +=
          state === 'inactive'
            ? '     Active: inactive (dead)\n'
            : state === 'failed'
              ? `     Active: failed (Result: exit-code) since ${systemdTime(since)}; ${ago(ctx.m.clock - since)}\n`
              : `     Active: active (${sub}) since ${systemdTime(since)}; ${ago(ctx.m.clock - since)}\n`
        const journal = journalLines(ctx, [unit], bootOf(ctx, 0))
        if (journal.length > 0) text += `\n${journal.slice(-10).join('')}`
        io.out(text)
        if (state !== 'active') status = Math.max(status, 3)
      })
      return status
    }
    case 'is-active': {
      let status = 0
      for (const arg of units) {
        const { state } = unitState(ctx, unitName(arg))
        if (!has(parsed, 'q')) io.out(`${state === 'missing' ? 'inactive' : state}\n`)
        if (state !== 'active') status = 3
      }
      return status
    }
    case undefined:
      ctx.notice('shell.notSimulated.systemctlList')
      return 1
    default:
      ctx.notice('shell.notSimulated.systemctlVerb', { verb })
      return 1
  }
}

const journalctl: Command = (ctx, args, io) => {
  // `-b` takes its optional offset from the next word too when it is one: `-b -1` (journalctl(1))
  const glued = args.flatMap((arg, i) =>
    arg === '-b' && /^[-+]?[0-9]+$/.test(args[i + 1] ?? '')
      ? [`--boot=${args[i + 1]}`]
      : i > 0 && args[i - 1] === '-b' && /^[-+]?[0-9]+$/.test(arg)
        ? []
        : [arg],
  )
  const parsed = parseOr(ctx, io, glued, {
    short: 'bu:n:qefx',
    long: {
      boot: { key: 'b', value: 'optional' },
      unit: { key: 'u', value: true },
      lines: { key: 'n', value: true },
      'no-pager': { key: 'no-pager', value: false },
      quiet: { key: 'q', value: false },
      follow: { key: 'f', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  if (has(parsed, 'f')) {
    ctx.notice('shell.notSimulated.follow', { name: 'journalctl' })
    return 1
  }
  // `-b` takes an optional value only when glued or when it looks like a boot number.
  const operands = [...parsed.operands]
  const offset = value(parsed, 'b') ?? ''
  // the boot ID form (`-b 8e1f...`) names a boot by its ID, which this machine does not keep
  const back = /^[-+]?[0-9]+$/.test(offset) ? -Number(offset) : offset === '' ? 0 : NaN
  const boot = bootOf(ctx, back)
  if (boot === null) {
    io.err('Data from the specified boot is not available: No such boot ID in journal\n')
    return 1
  }
  if (operands.length > 0) {
    ctx.notice('shell.notSimulated.journalMatch', { match: operands[0] ?? '' })
    return 1
  }
  const units = values(parsed, 'u').map(unitName)
  let out = journalLines(ctx, units.length === 0 ? null : units, boot)
  const n = value(parsed, 'n')
  if (n !== undefined && /^[0-9]+$/.test(n)) out = out.slice(-Number(n))
  io.out(out.length === 0 ? '-- No entries --\n' : out.join(''))
  return 0
}

// ----------------------------------------------------------------------------------------------
// rpm

/** The packages of the booted deployment's release. */
export function bootedPackages(m: Machine): readonly Rpm[] | null {
  const booted = m.runtime?.booted
  const root = m.filesystems.root
  if (booted == null || root === undefined) return null
  const version = readCommit(root, booted.checksum)?.version
  return version === undefined ? null : packagesOf(m.profile, version)
}

const rpm: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'qaif',
    long: { query: { key: 'q', value: false }, all: { key: 'a', value: false } },
  })
  if (typeof parsed === 'number') return parsed
  if (!has(parsed, 'q')) {
    if (has(parsed, 'a') || parsed.opts.length === 0) io.err('rpm: no operation specified\n')
    else ctx.notice('shell.notSimulated.rpmOperation')
    return 1
  }
  if (has(parsed, 'i') || has(parsed, 'f')) {
    ctx.notice('shell.notSimulated.rpmQuery')
    return 1
  }
  const list = bootedPackages(ctx.m) ?? []
  if (has(parsed, 'a')) {
    const patterns = parsed.operands.map((p) => patternRegExp(p))
    for (const p of list) {
      const full = nevra(p)
      if (patterns.length === 0 || patterns.some((re) => re.test(p.name) || re.test(full)))
        io.out(`${full}\n`)
    }
    return 0
  }
  if (parsed.operands.length === 0) {
    io.err('rpm: no arguments given for query\n')
    return 1
  }
  let status = 0
  for (const name of parsed.operands) {
    const hits = list.filter((p) => p.name === name || nevra(p) === name)
    if (hits.length === 0) {
      io.out(`package ${name} is not installed\n`)
      status = 1
    } else for (const p of hits) io.out(`${nevra(p)}\n`)
  }
  return status
}

export const SYSTEM: Record<string, Command> = { findmnt, mount, systemctl, journalctl, rpm }
