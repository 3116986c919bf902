/**
 * `ostree` and `rpm-ostree`, with the tools' messages and exit codes (ostree 2023.6 and rpm-ostree
 * 2023.8 sources, reference 6 and 7).
 *
 * Without sudo, as core:
 * - `ostree admin status` works (UNLOCKED, not SUPERUSER). `config-diff` is SUPERUSER: `error: You
 *   must be root to perform this command` (ot-main.c). `pin` and `undeploy` first take the sysroot
 *   lock, and opening /sysroot/ostree/lock on the read-only /sysroot fails: `error: Read-only file
 *   system` (ot_admin_sysroot_lock -> glnx_make_lock_file, before the root check).
 * - rpm-ostree talks to rpm-ostreed over D-Bus; the daemon asks polkit, whose actions default to
 *   auth_admin (org.projectatomic.rpmostree1.policy). Over SSH core is not in an active local
 *   session, so pkttyagent asks for core's password, which CoreOS core does not have; polkit says
 *   no and the daemon answers `rpmostreed OS operation <Method> not allowed for user`.
 *   `rpm-ostree status` and `kargs` (display) need no authorization. On FCOS the Zincati check of
 *   `upgrade` comes first, client side, so core sees the Zincati message like root does.
 */
import { cleanupDeployments, pin, reboot, rollback, undeploy, upgrade } from '../../ops'
import { eventsOf } from '../../events'
import { readCommit, readRefs } from '../../repo'
import { sha256Hex } from '../../hash'
import { configDiff, isoTime, ostreeAdminStatus, rpmOstreeStatus } from '../../status'
import { allDeployments, diskDeployments, readStaged } from '../../sysroot'
import type { Machine, Step } from '../../types'
import type { Command, Ctx, Io } from '../context'
import { gFormatSize } from '../format'
import { getopt, has, values } from '../getopt'
import { editKargs, kargsBase, stageKargs } from '../kargs'
import { packageDiff, packagesOf } from '../packages'
import { connectionClosed, polkitDenied } from './system'

function failedMessage(steps: Step[]): { message: string; exitCode: number } | null {
  const f = eventsOf(steps, 'command/failed')[0]
  if (f === undefined) return null
  return { message: f.message, exitCode: f.exitCode }
}

function printed(steps: Step[]): string[] {
  return steps.flatMap(({ event }) =>
    'printed' in event && event.printed !== undefined ? [event.printed] : [],
  )
}

// ----------------------------------------------------------------------------------------------
// ostree

const ostree: Command = (ctx, args, io) => {
  const [sub, ...rest] = args
  switch (sub) {
    case 'admin':
      return ostreeAdmin(ctx, rest, io)
    case 'refs':
      return ostreeRefs(ctx, rest, io)
    case 'log':
      return ostreeLog(ctx, rest, io)
    case '--version':
      io.out("libostree:\n Version: '2023.6'\n")
      return 0
    case undefined:
      io.err('error: No command specified\n')
      return 1
    default:
      if (
        [
          'pull',
          'commit',
          'checkout',
          'prune',
          'show',
          'fsck',
          'remote',
          'summary',
          'ls',
          'cat',
          'diff',
          'rev-parse',
          'config',
          'init',
          'static-delta',
          'refs',
          'reset',
          'gpg-sign',
          'create-usb',
          'find-remotes',
          'sign',
        ].includes(sub)
      ) {
        io.err(`error: ostree ${sub} is not simulated here (admin status, refs and log are)\n`)
        return 1
      }
      io.err(`error: Unknown command '${sub}'\n`)
      return 1
  }
}

function ostreeAdmin(ctx: Ctx, args: string[], io: Io): number {
  const [sub, ...rest] = args
  const m = ctx.m
  /** SUPERUSER and locked: the lock on the read-only /sysroot fails first for core. */
  const locked = (): boolean => {
    if (ctx.isRoot) return true
    io.err('error: Read-only file system\n')
    return false
  }
  switch (sub) {
    case 'status':
      io.out(ostreeAdminStatus(m))
      return 0
    case 'config-diff':
    case 'diff':
      if (!ctx.isRoot) {
        io.err('error: You must be root to perform this command\n')
        return 1
      }
      io.out(configDiff(m))
      return 0
    case 'pin': {
      const parsed = getopt('ostree admin pin', rest, {
        short: 'u',
        long: { unpin: { key: 'u', value: false } },
      })
      if ('error' in parsed) {
        io.err(`error: ${parsed.error.replace(/^ostree admin pin: /, '')}\n`)
        return 1
      }
      if (!locked()) return 1
      if (parsed.operands.length === 0) {
        io.err('error: INDEX must be specified\n')
        return 1
      }
      for (const arg of parsed.operands) {
        if (!/^[0-9]+$/.test(arg)) {
          io.err(`error: Invalid index: ${arg}\n`)
          return 1
        }
        const index = Number(arg)
        const count = allDeployments(ctx.m).length
        if (index >= count) {
          io.err(`error: Out of range deployment index ${index}, expected < ${count}\n`)
          return 1
        }
        const steps = pin(ctx.m, index, has(parsed, 'u'))
        const failure = failedMessage(steps)
        if (failure !== null) {
          io.err(`${failure.message.startsWith('error: ') ? '' : 'error: '}${failure.message}\n`)
          return 1
        }
        ctx.apply(steps)
        for (const line of printed(steps))
          io.out(`${line.replace(/^Deployment [0-9]+/, `Deployment ${arg}`)}\n`)
      }
      return 0
    }
    case 'undeploy': {
      if (!locked()) return 1
      const arg = rest[0]
      if (arg === undefined) {
        io.err('error: INDEX must be specified\n')
        return 1
      }
      // atoi(): leading digits, else 0.
      const index = Number(/^\s*[+-]?[0-9]*/.exec(arg)?.[0].trim() || '0') || 0
      const list = allDeployments(ctx.m)
      if (index < 0) {
        io.err(`error: Invalid index ${index}\n`)
        return 1
      }
      if (index >= list.length) {
        io.err(`error: Out of range deployment index ${index}, expected < ${list.length}\n`)
        return 1
      }
      const target = list[index]
      if (target?.staged === true) {
        // Writing a list without the staged deployment drops it (ostree-sysroot-deploy.c).
        const steps = cleanupDeployments(ctx.m, { pending: true })
        ctx.apply(steps)
        io.out(`Deleted deployment ${target.checksum}.${target.serial}\n`)
        return 0
      }
      const diskIndex = readStaged(ctx.m) === null ? index : index - 1
      const steps = undeploy(ctx.m, diskIndex)
      const failure = failedMessage(steps)
      if (failure !== null) {
        io.err(`${failure.message.replace(/deployment [0-9]+$/, `deployment ${index}`)}\n`)
        return 1
      }
      ctx.apply(steps)
      for (const line of printed(steps)) io.out(`${line}\n`)
      return 0
    }
    case undefined:
      io.err('error: No "admin" subcommand specified\n')
      return 1
    default:
      io.err(
        [
          'upgrade',
          'deploy',
          'cleanup',
          'finalize-staged',
          'unlock',
          'set-origin',
          'switch',
          'init-fs',
          'os-init',
          'instutil',
          'kargs',
          'boot-complete',
          'lock-finalization',
          'set-default',
          'post-copy',
          'prepare-soft-reboot',
          'state-overlay',
        ].includes(sub)
          ? `error: ostree admin ${sub} is not simulated here (status, config-diff, pin and undeploy are)\n`
          : `error: Unknown "admin" subcommand '${sub}'\n`,
      )
      return 1
  }
}

/** `ostree refs`: local refs as they are, remote ones as `remote:ref`, sorted (strcmp). */
function ostreeRefs(ctx: Ctx, _args: string[], io: Io): number {
  const root = ctx.m.filesystems.root
  if (root === undefined) return 1
  const names = [
    ...Object.keys(readRefs(root, 'heads')),
    ...Object.keys(readRefs(root, 'remotes')).map((r) => r.replace('/', ':')),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  io.out(names.map((n) => `${n}\n`).join(''))
  return 0
}

/** A ref, `remote:ref`, a remote ref without its remote, or a checksum (ostree_repo_resolve_rev). */
function resolveRev(m: Machine, rev: string): string | null {
  const root = m.filesystems.root
  if (root === undefined) return null
  if (/^[0-9a-f]{64}$/.test(rev)) return readCommit(root, rev) === null ? null : rev
  const heads = readRefs(root, 'heads')
  const remotes = readRefs(root, 'remotes')
  if (heads[rev] !== undefined) return heads[rev] as string
  if (rev.includes(':')) return remotes[rev.replace(':', '/')] ?? null
  const remote = Object.entries(remotes).find(([name]) => name.slice(name.indexOf('/') + 1) === rev)
  return remote?.[1] ?? null
}

/** `ostree log` (ot-builtin-log.c, ot-dump.c dump_commit), following parents while present. */
function ostreeLog(ctx: Ctx, args: string[], io: Io): number {
  const rev = args.find((a) => !a.startsWith('-'))
  if (rev === undefined) {
    io.err('error: A rev argument is required\n')
    return 1
  }
  const root = ctx.m.filesystems.root
  const start = resolveRev(ctx.m, rev)
  if (root === undefined || start === null) {
    io.err(`error: Refspec '${rev}' not found\n`)
    return 1
  }
  let checksum: string | null = start
  let first = true
  for (let guard = 0; checksum !== null && guard < 1000; guard++) {
    const commit = readCommit(root, checksum)
    if (commit === null) {
      if (!first) io.out('<< History beyond this commit not fetched >>\n')
      break
    }
    first = false
    let text = `commit ${checksum}\n`
    if (commit.parent !== null) text += `Parent:  ${commit.parent}\n`
    // ContentChecksum covers the root dirtree and dirmeta (here: a SHA-256 of their checksums).
    text += `ContentChecksum:  ${sha256Hex(commit.tree[0] + commit.tree[1])}\n`
    text += `Date:  ${dateOf(commit.timestamp)}\n`
    if (commit.version !== '') text += `Version: ${commit.version}\n`
    text +=
      commit.subject === ''
        ? '(no subject)\n'
        : `\n${commit.subject
            .split('\n')
            .map((l) => `    ${l}\n`)
            .join('')}`
    io.out(`${text}\n`)
    checksum = commit.parent
  }
  return 0
}

/** ostree's `%Y-%m-%d %H:%M:%S +0000` (ot-dump.c format_timestamp, UTC). */
function dateOf(seconds: number): string {
  return `${isoTime(seconds).replace('T', ' ').replace('Z', '')} +0000`
}

// ----------------------------------------------------------------------------------------------
// rpm-ostree

const ZINCATI = `error: Updates and deployments are driven by Zincati (zincati.service)
See Zincati's documentation at https://github.com/coreos/zincati
Use --bypass-driver to bypass Zincati and perform the operation anyways
`

/** rpm-ostree's polkit refusal for core: the agent's prompt, then the daemon's answer. */
function denied(
  ctx: Ctx,
  io: Io,
  action: string,
  message: string,
  method: string,
  prefix = '',
): number {
  polkitDenied(ctx, io, `org.projectatomic.rpmostree1.${action}`, message)
  io.err(`error: ${prefix}rpmostreed OS operation ${method} not allowed for user\n`)
  return 1
}

/** The packages of a deployment's commit, by its version in the catalogue. */
function packagesOfCommit(m: Machine, checksum: string): ReturnType<typeof packagesOf> {
  const root = m.filesystems.root
  const version = root === undefined ? undefined : readCommit(root, checksum)?.version
  return version === undefined ? null : packagesOf(m.profile, version)
}

/** The diff rpm-ostree prints after a transaction: booted against the new default. */
function diffToDefault(m: Machine): string {
  const booted = m.runtime?.booted
  const first = allDeployments(m)[0]
  if (booted == null || first === undefined) return ''
  const from = packagesOfCommit(m, booted.checksum)
  const to = packagesOfCommit(m, first.checksum)
  return from === null || to === null ? '' : packageDiff(from, to)
}

function rpmOstreeUsage(io: Io): void {
  io.err(
    'Usage:\n  rpm-ostree [OPTION…] COMMAND\n\nBuiltin Commands:\n' +
      '  cleanup              Clear cached/pending data\n' +
      '  kargs                Query or modify kernel arguments\n' +
      '  rollback             Revert to the previously booted tree\n' +
      '  status               Get the version of the booted system\n' +
      '  upgrade              Perform a system upgrade\n\n',
  )
}

const rpmOstree: Command = (ctx, args, io) => {
  const [sub, ...rest] = args
  switch (sub) {
    case 'status':
      return rpmOstreeStatusCmd(ctx, rest, io)
    case 'upgrade':
    case 'update':
      return rpmOstreeUpgrade(ctx, rest, io)
    case 'rollback':
      return rpmOstreeRollback(ctx, rest, io)
    case 'cleanup':
      return rpmOstreeCleanup(ctx, rest, io)
    case 'kargs':
      return rpmOstreeKargs(ctx, rest, io)
    case undefined:
      rpmOstreeUsage(io)
      io.err('error: No command specified\n')
      return 1
    case '--version':
      io.out("rpm-ostree:\n Version: '2023.8'\n")
      return 0
    default:
      if (
        [
          'install',
          'uninstall',
          'override',
          'rebase',
          'deploy',
          'reset',
          'initramfs',
          'initramfs-etc',
          'apply-live',
          'usroverlay',
          'refresh-md',
          'reload',
          'cancel',
          'db',
          'search',
          'compose',
          'ex',
          'remove',
        ].includes(sub)
      ) {
        io.err(`error: rpm-ostree ${sub} is not simulated here\n`)
        return 1
      }
      rpmOstreeUsage(io)
      io.err(`error: Unknown command '${sub}'\n`)
      return 1
  }
}

function parseRpm(
  _ctx: Ctx,
  io: Io,
  name: string,
  args: string[],
  spec: Parameters<typeof getopt>[2],
): ReturnType<typeof getopt> | null {
  const parsed = getopt(`rpm-ostree ${name}`, args, spec)
  if ('error' in parsed) {
    io.err(`error: ${parsed.error.replace(/^rpm-ostree [a-z]+: /, '')}\n`)
    return null
  }
  return parsed
}

function rpmOstreeStatusCmd(ctx: Ctx, args: string[], io: Io): number {
  const parsed = parseRpm(ctx, io, 'status', args, {
    short: 'vb',
    long: { verbose: { key: 'v', value: false }, booted: { key: 'b', value: false } },
  })
  if (parsed === null || 'error' in parsed) return 1
  let text = rpmOstreeStatus(ctx.m, { verbose: has(parsed, 'v') })
  if (has(parsed, 'b')) {
    // Only the booted deployment's block.
    const [head, ...blocks] = text.split(/\n(?=[● ] \S)/)
    const booted = blocks.find((b) => b.startsWith('●'))
    text = `${head}\n${booted ?? ''}`
    if (!text.endsWith('\n')) text += '\n'
  }
  io.out(text)
  return 0
}

/** What a pull and a stage print (rpm-ostree's progress, once the spinner is done). */
function upgradeOutput(steps: Step[]): string {
  let out = ''
  const fetched = eventsOf(steps, 'pull/objectsFetched')[0]
  if (fetched !== undefined) {
    const bytes = fetched.bytes
    const objects = Object.values(fetched.fetched).reduce((a, b) => a + b, 0)
    const seconds = 20
    out += `Receiving objects; 100% (${objects}/${objects}) ${gFormatSize(Math.round(bytes / seconds))}/s ${gFormatSize(bytes)}... done\n`
  }
  if (steps.some((s) => s.event.type === 'deployment/staged')) out += 'Staging deployment... done\n'
  const pruned = eventsOf(steps, 'repo/pruned').reduce((a, e) => a + e.bytes, 0)
  if (pruned > 0) out += `Freed: ${gFormatSize(pruned)} (pkgcache branches: 0)\n`
  return out
}

function rpmOstreeUpgrade(ctx: Ctx, args: string[], io: Io): number {
  const parsed = parseRpm(ctx, io, 'upgrade', args, {
    short: 'r',
    long: {
      reboot: { key: 'r', value: false },
      'bypass-driver': { key: 'bypass-driver', value: false },
      'unchanged-exit-77': { key: 'unchanged-exit-77', value: false },
      'lock-finalization': { key: 'lock-finalization', value: false },
      check: { key: 'check', value: false },
      preview: { key: 'preview', value: false },
    },
  })
  if (parsed === null || 'error' in parsed) return 1
  if (has(parsed, 'check') || has(parsed, 'preview')) {
    io.err('error: --check and --preview are not simulated here\n')
    return 1
  }
  // FCOS registers Zincati as the update driver; the client refuses first (rpmostree-clientlib.cxx).
  if (ctx.m.profile === 'fcos' && !has(parsed, 'bypass-driver')) {
    io.err(ZINCATI)
    return 1
  }
  if (!ctx.isRoot)
    return denied(ctx, io, 'upgrade', 'Authentication is required to update software', 'Upgrade')
  const steps = upgrade(ctx.m, { lockFinalization: has(parsed, 'lock-finalization') })
  const failure = failedMessage(steps)
  if (failure !== null) {
    if (failure.exitCode === 0) {
      io.out(`${failure.message}\n`)
      return has(parsed, 'unchanged-exit-77') ? 77 : 0
    }
    io.err(`${failure.message}\n`)
    return failure.exitCode
  }
  ctx.apply(steps)
  io.out(upgradeOutput(steps))
  if (has(parsed, 'r')) {
    ctx.apply(rebootSteps(ctx.m))
    connectionClosed(ctx, io)
    return 0
  }
  io.out(diffToDefault(ctx.m))
  io.out('Run "systemctl reboot" to start a reboot\n')
  return 0
}

function rebootSteps(m: Machine): Step[] {
  return reboot(m)
}

function rpmOstreeRollback(ctx: Ctx, args: string[], io: Io): number {
  const parsed = parseRpm(ctx, io, 'rollback', args, {
    short: 'r',
    long: { reboot: { key: 'r', value: false } },
  })
  if (parsed === null || 'error' in parsed) return 1
  if (!ctx.isRoot)
    return denied(
      ctx,
      io,
      'rollback',
      'Authentication is required to roll back software updates',
      'Rollback',
    )
  const steps = rollback(ctx.m)
  const failure = failedMessage(steps)
  if (failure !== null) {
    io.err(`${failure.message}\n`)
    return failure.exitCode
  }
  ctx.apply(steps)
  for (const line of printed(steps).filter((l) => l.startsWith('Moving'))) io.out(`${line}\n`)
  if (has(parsed, 'r')) {
    ctx.apply(rebootSteps(ctx.m))
    connectionClosed(ctx, io)
    return 0
  }
  io.out(diffToDefault(ctx.m))
  io.out('Changes queued for next boot. Run "systemctl reboot" to start a reboot\n')
  return 0
}

function rpmOstreeCleanup(ctx: Ctx, args: string[], io: Io): number {
  const parsed = parseRpm(ctx, io, 'cleanup', args, {
    short: 'bprm',
    long: {
      base: { key: 'b', value: false },
      pending: { key: 'p', value: false },
      rollback: { key: 'r', value: false },
      repomd: { key: 'm', value: false },
    },
  })
  if (parsed === null || 'error' in parsed) return 1
  if (parsed.operands.length > 0) {
    io.err('error: cleanup: Too few or too many arguments\n')
    return 1
  }
  const pending = has(parsed, 'p')
  const rb = has(parsed, 'r')
  const base = has(parsed, 'b')
  if (!pending && !rb && !base && !has(parsed, 'm')) {
    io.err('error: cleanup: At least one cleanup option must be specified\n')
    return 1
  }
  if (!ctx.isRoot)
    return denied(
      ctx,
      io,
      'cleanup',
      'Authentication is required to clear cache / pending data',
      'Cleanup',
      'cleanup: Invoking cleanup: ',
    )
  if (!pending && !rb && !base) return 0
  const before = diskDeployments(ctx.m).length + (readStaged(ctx.m) === null ? 0 : 1)
  const steps = cleanupDeployments(ctx.m, { pending, rollback: rb })
  const failure = failedMessage(steps)
  if (failure !== null) {
    io.err(`error: cleanup: ${failure.message.replace(/^error: /, '')}\n`)
    return 1
  }
  ctx.apply(steps)
  const after = diskDeployments(ctx.m).length + (readStaged(ctx.m) === null ? 0 : 1)
  if ((pending || rb) && after === before) io.out('Deployments unchanged.\n')
  const freed = eventsOf(steps, 'repo/pruned').reduce((a, e) => a + e.bytes, 0)
  if (freed > 0) io.out(`Freed: ${gFormatSize(freed)} (pkgcache branches: 0)\n`)
  return 0
}

function rpmOstreeKargs(ctx: Ctx, args: string[], io: Io): number {
  const parsed = parseRpm(ctx, io, 'kargs', args, {
    short: '',
    long: {
      append: { key: 'append', value: true },
      delete: { key: 'delete', value: true },
      replace: { key: 'replace', value: true },
      'append-if-missing': { key: 'append-if-missing', value: true },
      'delete-if-present': { key: 'delete-if-present', value: true },
      reboot: { key: 'reboot', value: false },
      'unchanged-exit-77': { key: 'unchanged-exit-77', value: false },
      editor: { key: 'editor', value: false },
      'import-proc-cmdline': { key: 'import-proc-cmdline', value: false },
    },
  })
  if (parsed === null || 'error' in parsed) return 1
  if (has(parsed, 'editor')) {
    io.err('error: --editor is not simulated here; use --append, --delete or --replace\n')
    return 1
  }
  const edit = {
    append: values(parsed, 'append'),
    delete: values(parsed, 'delete'),
    replace: values(parsed, 'replace'),
    appendIfMissing: values(parsed, 'append-if-missing'),
    deleteIfPresent: values(parsed, 'delete-if-present'),
  }
  const display = Object.values(edit).every((v) => v.length === 0)
  if (edit.delete.length > 0 && edit.replace.length > 0) {
    io.err('error: Cannot specify both --delete and --replace\n')
    return 1
  }
  if (display && has(parsed, 'reboot')) {
    io.err('error: Cannot reboot when kernel arguments not changed\n')
    return 1
  }
  const base = kargsBase(ctx.m)
  if (base === null) return 1
  if (display) {
    io.out(`${base.kargs.join(' ')}\n`)
    return 0
  }
  if (!ctx.isRoot)
    return denied(
      ctx,
      io,
      'bootconfig',
      'Authentication is required to change boot configuration',
      'KernelArgs',
    )
  const result = editKargs(base.kargs, edit)
  if ('error' in result) {
    io.err(`error: ${result.error}\n`)
    return 1
  }
  if (!result.changed) {
    io.out('No changes.\n')
    return has(parsed, 'unchanged-exit-77') ? 77 : 0
  }
  const change = [
    ...edit.delete.map((a) => `-${a}`),
    ...edit.replace.map((a) => `~${a}`),
    ...edit.append.map((a) => `+${a}`),
    ...edit.appendIfMissing.map((a) => `+${a}`),
    ...edit.deleteIfPresent.map((a) => `-${a}`),
  ].join(' ')
  const steps = stageKargs(ctx.m, result.kargs, change)
  ctx.apply(steps)
  io.out('Staging deployment... done\n')
  if (has(parsed, 'reboot')) {
    ctx.apply(rebootSteps(ctx.m))
    connectionClosed(ctx, io)
    return 0
  }
  io.out(diffToDefault(ctx.m))
  io.out('Changes queued for next boot. Run "systemctl reboot" to start a reboot\n')
  return 0
}

export const OSTREE: Record<string, Command> = { ostree, 'rpm-ostree': rpmOstree }
