/**
 * Commands that change the tree: touch, mkdir, rm, chmod, ln. Each change is one engine step (see
 * ../writes.ts); a refusal prints coreutils' message (`touch: cannot touch '/usr/foo': Read-only
 * file system`, reference 5.5).
 */
import type { Command, Ctx, Io } from '../context'
import { errText, failed, type ShellErrno } from '../fsview'
import { quoteArg } from '../format'
import { has, value } from '../getopt'
import { parseOr } from './basic'

function missing(io: Io, name: string): number {
  io.err(`${name}: missing operand\nTry '${name} --help' for more information.\n`)
  return 1
}

const touch: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'cam',
    long: { 'no-create': { key: 'c', value: false } },
  })
  if (typeof parsed === 'number') return parsed
  if (parsed.operands.length === 0) return missing(io, 'touch')
  let status = 0
  for (const op of parsed.operands) {
    if (has(parsed, 'c') && failed(ctx.sys.resolve(ctx.abs(op), true, ctx.cred))) continue
    const result = ctx.change(op, { kind: 'touch' })
    if (result.error !== undefined) {
      io.err(`touch: cannot touch ${quoteArg(op)}: ${errText(result.error.errno)}\n`)
      status = 1
    }
  }
  return status
}

/** `755`, `u+x`, `go-w`, `a=r`: the new mode, or null for an invalid one (chmod.c, mode.c). */
export function parseMode(
  spec: string,
  current: number,
  isDir: boolean,
  umask = 0o022,
): number | null {
  if (/^[0-7]{1,4}$/.test(spec)) {
    const n = parseInt(spec, 8)
    // A numeric mode of 3 digits or fewer keeps a directory's setuid/setgid bits (coreutils 8.x+).
    return spec.length <= 3 && isDir ? (current & 0o6000) | n : n
  }
  let mode = current
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/.exec(clause)
    if (m === null) return null
    const who = m[1] === '' ? 'a' : (m[1] as string)
    const op = m[2] as string
    const perms = m[3] as string
    let bits = 0
    if (/^[ugo]$/.test(perms)) {
      const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0
      const v = (mode >> shift) & 7
      bits = (v << 6) | (v << 3) | v
    } else {
      for (const p of perms) {
        if (p === 'r') bits |= 0o444
        if (p === 'w') bits |= 0o222
        if (p === 'x') bits |= 0o111
        if (p === 'X' && (isDir || (mode & 0o111) !== 0)) bits |= 0o111
        if (p === 's') bits |= 0o6000
        if (p === 't') bits |= 0o1000
      }
    }
    let mask = 0
    if (who.includes('a')) mask |= 0o7777
    if (who.includes('u')) mask |= 0o4700
    if (who.includes('g')) mask |= 0o2070
    if (who.includes('o')) mask |= 0o1007
    let change = bits & mask
    // Without a who, the umask limits + and = (chmod(1)).
    if (m[1] === '') change &= ~umask
    if (op === '+') mode |= change
    else if (op === '-') mode &= ~change
    else mode = (mode & ~mask) | change
  }
  return mode & 0o7777
}

const mkdir: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'pm:v',
    long: {
      parents: { key: 'p', value: false },
      mode: { key: 'm', value: true },
      verbose: { key: 'v', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  if (parsed.operands.length === 0) return missing(io, 'mkdir')
  const modeSpec = value(parsed, 'm')
  const mode = modeSpec === undefined ? 0o777 : parseMode(modeSpec, 0o777, true, 0)
  if (mode === null) {
    io.err(`mkdir: invalid mode ${quoteArg(modeSpec as string)}\n`)
    return 1
  }
  let status = 0
  const fail = (path: string, errno: ShellErrno): void => {
    io.err(`mkdir: cannot create directory ${quoteArg(path)}: ${errText(errno)}\n`)
    status = 1
  }
  for (const op of parsed.operands) {
    if (!has(parsed, 'p')) {
      const result = ctx.change(op, { kind: 'mkdir', mode })
      if (result.error !== undefined) fail(op, result.error.errno)
      else if (has(parsed, 'v')) io.out(`mkdir: created directory ${quoteArg(op)}\n`)
      continue
    }
    // -p: each missing parent in turn; existing directories are fine.
    const parts = op.split('/')
    let prefix = ''
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string
      prefix = i === 0 ? part : `${prefix}/${part}`
      if (part === '' || part === '.' || part === '..') continue
      const existing = ctx.sys.resolve(ctx.abs(prefix), true, ctx.cred)
      if (!failed(existing)) {
        if (existing.inode.kind === 'dir') continue
        fail(prefix, 'EEXIST')
        break
      }
      const result = ctx.change(prefix, {
        kind: 'mkdir',
        mode: i === parts.length - 1 ? mode : 0o777,
      })
      if (result.error !== undefined) {
        fail(prefix, result.error.errno)
        break
      }
      if (has(parsed, 'v')) io.out(`mkdir: created directory ${quoteArg(prefix)}\n`)
    }
  }
  return status
}

const rm: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'rRfdiIv',
    long: {
      recursive: { key: 'r', value: false },
      force: { key: 'f', value: false },
      dir: { key: 'd', value: false },
      verbose: { key: 'v', value: false },
      'no-preserve-root': { key: 'no-preserve-root', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  const force = has(parsed, 'f')
  const recursive = has(parsed, 'r') || has(parsed, 'R')
  if (parsed.operands.length === 0) return force ? 0 : missing(io, 'rm')
  let status = 0
  for (const op of parsed.operands) {
    const path = ctx.abs(op)
    const resolved = ctx.sys.resolve(path, true)
    const isRoot = !failed(resolved) && resolved.path === '/'
    if (recursive && isRoot && !has(parsed, 'no-preserve-root')) {
      io.err(
        `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`,
      )
      status = 1
      continue
    }
    const base = op
      .split('/')
      .filter((p) => p !== '')
      .pop()
    if (base === '.' || base === '..') {
      io.err(`rm: refusing to remove '.' or '..' directory: skipping ${quoteArg(op)}\n`)
      status = 1
      continue
    }
    const node = ctx.sys.resolve(path, false, ctx.cred)
    if (failed(node)) {
      if (force && node.error === 'ENOENT') continue
      io.err(`rm: cannot remove ${quoteArg(op)}: ${errText(node.error)}\n`)
      status = 1
      continue
    }
    if (node.inode.kind === 'dir' && !recursive) {
      if (has(parsed, 'd') && Object.keys(node.inode.entries).length === 0) {
        const result = ctx.change(op, { kind: 'remove', recursive: true })
        if (result.error !== undefined) {
          io.err(`rm: cannot remove ${quoteArg(op)}: ${errText(result.error.errno)}\n`)
          status = 1
        }
        continue
      }
      io.err(`rm: cannot remove ${quoteArg(op)}: Is a directory\n`)
      status = 1
      continue
    }
    const result = ctx.change(op, { kind: 'remove', recursive })
    for (const e of [
      ...(result.error === undefined ? [] : [result.error]),
      ...(result.more ?? []),
    ]) {
      const shown = e.path === path ? op : e.path
      io.err(`rm: cannot remove ${quoteArg(shown)}: ${errText(e.errno)}\n`)
      status = 1
    }
    if (has(parsed, 'v') && result.error === undefined) io.out(`removed ${quoteArg(op)}\n`)
  }
  return status
}

const chmod: Command = (ctx, args, io) => {
  // A mode like -w is an operand, not an option.
  const modeAt = args.findIndex((a) => !a.startsWith('-') || /^-[rwxXst,ugoa=+-]+$/.test(a))
  const flags = args.filter((a, i) => i !== modeAt && a.startsWith('-') && !/^-[rwxXst]/.test(a))
  const operands = args.filter((a, i) => i !== modeAt && !flags.includes(a))
  const parsed = parseOr(ctx, io, flags, {
    short: 'Rvfc',
    long: { recursive: { key: 'R', value: false } },
  })
  if (typeof parsed === 'number') return parsed
  const spec = modeAt < 0 ? undefined : args[modeAt]
  if (spec === undefined) return missing(io, 'chmod')
  if (operands.length === 0) {
    io.err(
      `chmod: missing operand after ${quoteArg(spec)}\nTry 'chmod --help' for more information.\n`,
    )
    return 1
  }
  let status = 0
  const apply = (op: string): void => {
    const node = ctx.sys.resolve(ctx.abs(op), true, ctx.cred)
    if (failed(node)) {
      io.err(`chmod: cannot access ${quoteArg(op)}: ${errText(node.error)}\n`)
      status = 1
      return
    }
    const mode = parseMode(
      spec,
      node.inode.mode,
      node.inode.kind === 'dir',
      ctx.isRoot ? 0o022 : 0o002,
    )
    if (mode === null) {
      io.err(`chmod: invalid mode: ${quoteArg(spec)}\nTry 'chmod --help' for more information.\n`)
      status = 1
      return
    }
    const result = ctx.change(op, { kind: 'chmod', mode })
    if (result.error !== undefined) {
      io.err(`chmod: changing permissions of ${quoteArg(op)}: ${errText(result.error.errno)}\n`)
      status = 1
    }
  }
  for (const op of operands) {
    apply(op)
    if (has(parsed, 'R')) recurse(ctx, op, apply)
  }
  return status
}

function recurse(ctx: Ctx, op: string, apply: (path: string) => void, depth = 0): void {
  const node = ctx.sys.resolve(ctx.abs(op), false, ctx.cred)
  if (failed(node) || node.inode.kind !== 'dir' || depth > 32) return
  for (const name of ctx.sys.names(node)) {
    const path = `${op.replace(/\/+$/, '')}/${name}`
    apply(path)
    recurse(ctx, path, apply, depth + 1)
  }
}

const ln: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'sfnTv',
    long: { symbolic: { key: 's', value: false }, force: { key: 'f', value: false } },
  })
  if (typeof parsed === 'number') return parsed
  const [target, given] = parsed.operands
  if (target === undefined) return missing(io, 'ln')
  if (parsed.operands.length > 2) {
    ctx.notice('shell.notSimulated.lnMany')
    return 1
  }
  const leaf =
    target
      .split('/')
      .filter((p) => p !== '')
      .pop() ?? target
  let name = given ?? leaf
  const existing = ctx.sys.resolve(ctx.abs(name), true, ctx.cred)
  if (given !== undefined && !failed(existing) && existing.inode.kind === 'dir')
    name = `${name.replace(/\/+$/, '')}/${leaf}`
  if (has(parsed, 'f')) {
    const old = ctx.sys.resolve(ctx.abs(name), false, ctx.cred)
    if (!failed(old) && old.inode.kind !== 'dir')
      ctx.change(name, { kind: 'remove', recursive: false })
  }
  if (has(parsed, 's')) {
    const result = ctx.change(name, { kind: 'symlink', target })
    if (result.error !== undefined) {
      io.err(
        `ln: failed to create symbolic link ${quoteArg(name)}: ${errText(result.error.errno)}\n`,
      )
      return 1
    }
    return 0
  }
  const source = ctx.sys.resolve(ctx.abs(target), false, ctx.cred)
  if (failed(source)) {
    io.err(`ln: failed to access ${quoteArg(target)}: ${errText(source.error)}\n`)
    return 1
  }
  if (source.inode.kind === 'dir') {
    io.err(`ln: ${quoteArg(target)}: hard link not allowed for directory\n`)
    return 1
  }
  const result = ctx.change(name, { kind: 'link', source: ctx.abs(target) })
  if (result.error !== undefined) {
    io.err(
      `ln: failed to create hard link ${quoteArg(name)} => ${quoteArg(target)}: ${errText(result.error.errno)}\n`,
    )
    return 1
  }
  return 0
}

export const EDIT: Record<string, Command> = { touch, mkdir, rm, chmod, ln }
