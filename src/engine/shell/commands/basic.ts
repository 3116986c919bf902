/**
 * Bash builtins (cd, export, history...) and the small identity commands (whoami, id, hostname,
 * uname, echo, pwd, env, clear).
 */
import { kernelOf } from '../../sysroot'
import { deployPath } from '../../sysroot'
import type { Command, Ctx, Io } from '../context'
import { CORE_HOME, errText, failed, normalize, allowed } from '../fsview'
import { getopt, has, type Parsed } from '../getopt'

/** Prints getopt's complaint the way coreutils does, and returns the status. */
export function usageError(io: Io, name: string, error: string, status = 1): number {
  io.err(`${error}\nTry '${name} --help' for more information.\n`)
  return status
}

export function parseOr(
  ctx: Ctx,
  io: Io,
  args: string[],
  spec: Parameters<typeof getopt>[2],
  status = 1,
): Parsed | number {
  const parsed = getopt(ctx.name, args, spec)
  if ('error' in parsed) return usageError(io, ctx.name, parsed.error, status)
  return parsed
}

const cd: Command = (ctx, args, io) => {
  const operands = args.filter((a) => a !== '-L' && a !== '-P' && a !== '--')
  if (operands.length > 1) {
    io.err('bash: cd: too many arguments\n')
    return 1
  }
  const home = ctx.state.env.HOME ?? CORE_HOME
  let arg = operands[0] ?? home
  let print = false
  if (arg === '-') {
    const old = ctx.state.env.OLDPWD
    if (old === undefined) {
      io.err('bash: cd: OLDPWD not set\n')
      return 1
    }
    arg = old
    print = true
  }
  if (arg === '') return 0
  const target = normalize(ctx.abs(arg))
  const node = ctx.sys.resolve(target, true, ctx.cred)
  if (failed(node)) {
    io.err(`bash: cd: ${arg}: ${errText(node.error)}\n`)
    return 1
  }
  if (node.inode.kind !== 'dir') {
    io.err(`bash: cd: ${arg}: Not a directory\n`)
    return 1
  }
  if (!allowed(ctx.cred, node.inode, 1)) {
    io.err(`bash: cd: ${arg}: Permission denied\n`)
    return 1
  }
  ctx.state.env.OLDPWD = ctx.cwd
  ctx.state = { ...ctx.state, cwd: target }
  ctx.state.env.PWD = target
  if (print) io.out(`${target}\n`)
  return 0
}

const pwd: Command = (ctx, args, io) => {
  if (args.includes('-P')) {
    const node = ctx.sys.resolve(ctx.cwd, true, ctx.cred)
    io.out(`${failed(node) ? ctx.cwd : node.path}\n`)
  } else io.out(`${ctx.cwd}\n`)
  return 0
}

const echo: Command = (_ctx, args, io) => {
  let newline = true
  let escapes = false
  let i = 0
  for (; i < args.length; i++) {
    const a = args[i] as string
    if (!/^-[neE]+$/.test(a)) break
    if (a.includes('n')) newline = false
    if (a.includes('e')) escapes = true
    if (a.includes('E')) escapes = false
  }
  let text = args.slice(i).join(' ')
  if (escapes) {
    const cut = text.indexOf('\\c')
    if (cut >= 0) {
      text = text.slice(0, cut)
      newline = false
    }
    text = text.replace(/\\([\\abefnrtv0])/g, (_m, c: string) =>
      c === 'n'
        ? '\n'
        : c === 't'
          ? '\t'
          : c === '\\'
            ? '\\'
            : c === 'r'
              ? '\r'
              : c === 'v'
                ? '\v'
                : c === 'f'
                  ? '\f'
                  : c === 'a'
                    ? '\x07'
                    : c === 'b'
                      ? '\b'
                      : c === 'e'
                        ? '\x1b'
                        : '',
    )
  }
  io.out(newline ? `${text}\n` : text)
  return 0
}

/** `printf FORMAT [ARG...]`: %s %d %i %x %o %c %%, backslash escapes; the format repeats. */
const printf: Command = (_ctx, args, io) => {
  const [format, ...rest] = args
  if (format === undefined) {
    io.err('printf: usage: printf [-v var] format [arguments]\n')
    return 2
  }
  const escapes = (text: string): string =>
    text.replace(/\\([\\nt"'ar0]|x[0-9a-fA-F]{1,2})/g, (_m, c: string) =>
      c === 'n'
        ? '\n'
        : c === 't'
          ? '\t'
          : c === 'a'
            ? '\x07'
            : c === 'r'
              ? '\r'
              : c === '0'
                ? ''
                : c.startsWith('x')
                  ? String.fromCharCode(parseInt(c.slice(1), 16))
                  : c,
    )
  const fmt = escapes(format)
  let out = ''
  let used = 0
  let status = 0
  do {
    const before = used
    out += fmt.replace(
      /%([-0 +#]*[0-9]*(?:\.[0-9]+)?)([sdicxXo%b])/g,
      (_m, flags: string, conv: string) => {
        if (conv === '%') return '%'
        const arg = rest[used++] ?? ''
        const width = Number(/[0-9]+/.exec(flags.split('.')[0] ?? '')?.[0] ?? 0)
        const left = flags.includes('-')
        let text: string
        if (conv === 's' || conv === 'b') text = conv === 'b' ? escapes(arg) : arg
        else if (conv === 'c') text = arg.slice(0, 1)
        else {
          const n = arg === '' ? 0 : Number(arg)
          if (!Number.isFinite(n)) {
            io.err(`bash: printf: ${arg}: invalid number\n`)
            status = 1
          }
          const v = Math.trunc(Number.isFinite(n) ? n : 0)
          text =
            conv === 'x'
              ? v.toString(16)
              : conv === 'X'
                ? v.toString(16).toUpperCase()
                : conv === 'o'
                  ? v.toString(8)
                  : String(v)
        }
        return left
          ? text.padEnd(width, ' ')
          : text.padStart(width, flags.startsWith('0') && conv !== 's' ? '0' : ' ')
      },
    )
    if (used === before) break
  } while (used < rest.length && out.length < 1_000_000)
  io.out(out)
  return status
}

const exportCmd: Command = (ctx, args, io) => {
  const names = args.filter((a) => a !== '-n' && a !== '--')
  if (names.length === 0 || args.includes('-p')) {
    for (const key of Object.keys(ctx.state.env).sort()) {
      if (key === '?') continue
      io.out(`declare -x ${key}="${(ctx.state.env[key] ?? '').replace(/(["\\$`])/g, '\\$1')}"\n`)
    }
    return 0
  }
  let status = 0
  for (const a of names) {
    const eq = a.indexOf('=')
    const name = eq < 0 ? a : a.slice(0, eq)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      io.err(`bash: export: \`${a}': not a valid identifier\n`)
      status = 1
      continue
    }
    if (eq >= 0) ctx.state.env[name] = a.slice(eq + 1)
    else ctx.state.env[name] ??= ''
  }
  return status
}

const unset: Command = (ctx, args) => {
  for (const name of args) if (name !== '?' && !name.startsWith('-')) delete ctx.state.env[name]
  return 0
}

const env: Command = (ctx, args, io) => {
  if (args.length > 0 && ctx.name === 'printenv') {
    let status = 0
    for (const name of args) {
      const v = ctx.state.env[name]
      if (v === undefined || name === '?') status = 1
      else io.out(`${v}\n`)
    }
    return status
  }
  if (args.length > 0) {
    ctx.notice('shell.notSimulated.env', { command: args.join(' ') })
    return 125
  }
  const vars = ctx.isRoot ? rootEnv(ctx) : { ...ctx.state.env, PWD: ctx.cwd }
  for (const [k, v] of Object.entries(vars)) if (k !== '?') io.out(`${k}=${v}\n`)
  return 0
}

/** What sudo leaves in the environment (env_reset, always_set_home). */
function rootEnv(ctx: Ctx): Record<string, string> {
  return {
    LANG: ctx.state.env.LANG ?? 'C.UTF-8',
    TERM: ctx.state.env.TERM ?? 'xterm-256color',
    PATH: '/sbin:/bin:/usr/sbin:/usr/bin',
    MAIL: '/var/spool/mail/root',
    LOGNAME: 'root',
    USER: 'root',
    HOME: '/root',
    SHELL: '/bin/bash',
    SUDO_USER: 'core',
    SUDO_UID: '1000',
    SUDO_GID: '1000',
  }
}

const history: Command = (ctx, args, io) => {
  if (args[0] === '-c') {
    ctx.state = { ...ctx.state, history: [] }
    return 0
  }
  const all = ctx.state.history
  let from = 0
  if (args[0] !== undefined) {
    const n = Number(args[0])
    if (!Number.isInteger(n) || n < 0) {
      io.err(`bash: history: ${args[0]}: numeric argument required\n`)
      return 1
    }
    from = Math.max(0, all.length - n)
  }
  for (let i = from; i < all.length; i++)
    io.out(`${String(i + 1).padStart(5, ' ')}  ${all[i] as string}\n`)
  return 0
}

/** The simulator's own help, in the reader's language (`shell.help`): a notice, not output. */
const help: Command = (ctx) => {
  ctx.notice('shell.help')
  return 0
}

const clear: Command = (ctx) => {
  ctx.clear = true
  return 0
}

const exit: Command = (ctx, args, io) => {
  const code = args[0] === undefined ? Number(ctx.state.env['?'] ?? 0) : Number(args[0])
  const status = Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2
  ctx.ended = true
  // Inside `sh -c`, exit leaves that shell only.
  if (ctx.depth > 0) {
    ctx.subshellExit = true
    return status
  }
  io.out('logout\n')
  io.err(`Connection to ${ctx.sys.hostname()} closed.\n`)
  ctx.relogin = true
  return status
}

const trueCmd: Command = () => 0
const falseCmd: Command = () => 1

const whoami: Command = (ctx, args, io) => {
  if (args.length > 0) {
    io.err(`whoami: extra operand '${args[0]}'\nTry 'whoami --help' for more information.\n`)
    return 1
  }
  io.out(`${ctx.sys.userName(ctx.cred.uid)}\n`)
  return 0
}

/** The SELinux context of a login shell under the targeted policy (what `id` appends). */
const CONTEXT = 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023'

const id: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'ugGnrz',
    long: {
      user: { key: 'u', value: false },
      group: { key: 'g', value: false },
      groups: { key: 'G', value: false },
      name: { key: 'n', value: false },
      real: { key: 'r', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  const sys = ctx.sys
  const who = parsed.operands[0]
  const name = who ?? sys.userName(ctx.cred.uid)
  const user = sys.users().find((u) => u.name === name || String(u.uid) === name)
  const cred = user === undefined ? null : sys.credOf(user.name)
  if (cred === null) {
    io.err(`id: '${name}': no such user\n`)
    return 1
  }
  const { uid, gid, groups } = cred
  const named = has(parsed, 'n')
  const show = (n: number, name: string): string => (named ? name : String(n))
  if (has(parsed, 'u')) io.out(`${show(uid, sys.userName(uid))}\n`)
  else if (has(parsed, 'g')) io.out(`${show(gid, sys.groupName(gid))}\n`)
  else if (has(parsed, 'G')) io.out(`${groups.map((g) => show(g, sys.groupName(g))).join(' ')}\n`)
  else {
    let line = `uid=${uid}(${sys.userName(uid)}) gid=${gid}(${sys.groupName(gid)}) groups=${groups
      .map((g) => `${g}(${sys.groupName(g)})`)
      .join(',')}`
    if (who === undefined) line += ` context=${CONTEXT}`
    io.out(`${line}\n`)
  }
  return 0
}

const hostname: Command = (ctx, args, io) => {
  if (args.length > 0 && !args[0]?.startsWith('-')) {
    if (ctx.isRoot) ctx.notice('shell.notSimulated.hostname')
    else io.err('hostname: you must be root to change the host name\n')
    return 1
  }
  const name = ctx.sys.hostname()
  io.out(`${args.includes('-s') ? (name.split('.')[0] as string) : name}\n`)
  return 0
}

/** The running kernel: from BOOT_IMAGE on the command line, else the booted tree's modules. */
export function runningKernel(ctx: Ctx): string {
  const cmdline = ctx.m.runtime?.cmdline ?? ''
  const image = /BOOT_IMAGE=\S*\/vmlinuz-(\S+)/.exec(cmdline)
  if (image !== null) return image[1] as string
  const booted = ctx.sys.booted
  const root = ctx.m.filesystems.root
  if (booted === null || root === undefined) return 'unknown'
  return kernelOf(root, deployPath(booted))?.kver ?? 'unknown'
}

const uname: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'asnrvmpio',
    long: {
      all: { key: 'a', value: false },
      'kernel-name': { key: 's', value: false },
      nodename: { key: 'n', value: false },
      'kernel-release': { key: 'r', value: false },
      'kernel-version': { key: 'v', value: false },
      machine: { key: 'm', value: false },
      processor: { key: 'p', value: false },
      'hardware-platform': { key: 'i', value: false },
      'operating-system': { key: 'o', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  if (parsed.operands.length > 0) {
    io.err(
      `uname: extra operand '${parsed.operands[0]}'\nTry 'uname --help' for more information.\n`,
    )
    return 1
  }
  const all = has(parsed, 'a')
  const want = (k: string): boolean => all || has(parsed, k)
  const fields: string[] = []
  if (want('s') || parsed.opts.length === 0) fields.push('Linux')
  if (want('n')) fields.push(ctx.sys.hostname())
  if (want('r')) fields.push(runningKernel(ctx))
  // The build date of the kernel is not in the catalogue: only its flags are shown.
  if (want('v')) fields.push(ctx.m.profile === 'fcos' ? '#1 SMP PREEMPT_DYNAMIC' : '#1 SMP')
  if (want('m')) fields.push('x86_64')
  if (want('p')) fields.push('x86_64')
  if (want('i')) fields.push('x86_64')
  if (want('o')) fields.push('GNU/Linux')
  io.out(`${fields.join(' ')}\n`)
  return 0
}

export const BASIC: Record<string, Command> = {
  cd,
  pwd,
  echo,
  printf,
  export: exportCmd,
  unset,
  env,
  printenv: env,
  history,
  help,
  clear,
  exit,
  logout: exit,
  true: trueCmd,
  false: falseCmd,
  whoami,
  id,
  hostname,
  uname,
}

/** Bash builtins: `sudo` cannot run them (`sudo: cd: command not found`). */
export const BUILTIN_NAMES = new Set(['cd', 'export', 'unset', 'history', 'help', 'exit', 'logout'])
