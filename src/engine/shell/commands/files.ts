/**
 * Commands that look at the tree: ls, stat, find, du, df, readlink. Formats follow GNU coreutils
 * 9.3 (FCOS 39) in the C.UTF-8 locale, checked against the real tools: `ls -l` columns aligned as
 * ls.c aligns them, `Jan  1  1970` for the repo's mtime 0, `stat`'s default layout, `du` counting a
 * hard-linked inode once.
 */
import type { Filesystem, Machine } from '../../types'
import type { Command, Ctx, Io } from '../context'
import {
  allowed,
  blocksOf,
  deviceOf,
  errText,
  failed,
  ioBlock,
  kindName,
  mountSource,
  nlinkOf,
  sizeOf,
  type Node,
} from '../fsview'
import { columns, humanSize, lsTime, modeString, quoteArg, quoteName, statTime } from '../format'
import { has, value } from '../getopt'
import { parseOr } from './basic'
import { CHUNK, inodeOf } from '../../fs'
import { deviceOfFilesystem } from '../../disks'

interface Listed {
  /** The name as shown (`bin`, or an operand as typed). */
  name: string
  node: Node
}

/**
 * Every file on CoreOS carries an SELinux label, and coreutils marks a labeled file with a `.`
 * after the mode (the article's `-rwxr-xr-x.`). The model keeps no labels; the dot is shown
 * because every real file has one.
 */
const LABEL_MARK = '.'

interface LsOpts {
  long: boolean
  inode: boolean
  human: boolean
  numeric: boolean
  all: boolean
  almost: boolean
  directory: boolean
  recursive: boolean
  onePerLine: boolean
  /** -L: show what symlinks point at. */
  dereference: boolean
}

const ls: Command = (ctx, args, io) => {
  const parsed = parseOr(
    ctx,
    io,
    args,
    {
      short: 'aAdhil1RCnFfgoLS',
      long: {
        all: { key: 'a', value: false },
        'almost-all': { key: 'A', value: false },
        directory: { key: 'd', value: false },
        'human-readable': { key: 'h', value: false },
        inode: { key: 'i', value: false },
        recursive: { key: 'R', value: false },
        'numeric-uid-gid': { key: 'n', value: false },
        color: { key: 'color', value: 'optional' },
        colour: { key: 'color', value: 'optional' },
      },
    },
    2,
  )
  if (typeof parsed === 'number') return parsed
  const opts: LsOpts = {
    long: has(parsed, 'l') || has(parsed, 'n') || has(parsed, 'g') || has(parsed, 'o'),
    inode: has(parsed, 'i'),
    human: has(parsed, 'h'),
    numeric: has(parsed, 'n'),
    all: has(parsed, 'a') || has(parsed, 'f'),
    almost: has(parsed, 'A'),
    directory: has(parsed, 'd'),
    recursive: has(parsed, 'R'),
    onePerLine: has(parsed, '1') || !io.tty,
    dereference: has(parsed, 'L'),
  }
  if (has(parsed, 'C')) opts.onePerLine = false
  const operands = parsed.operands.length === 0 ? ['.'] : parsed.operands
  let status = 0
  const files: Listed[] = []
  const dirs: Listed[] = []
  for (const op of operands) {
    const path = ctx.abs(op)
    let node = ctx.sys.resolve(path, opts.dereference, ctx.cred)
    if (failed(node)) {
      io.err(`ls: cannot access ${quoteArg(op)}: ${errText(node.error)}\n`)
      status = 2
      continue
    }
    // Operands that are symlinks to directories are followed unless -l or -d (ls.c, dereference).
    if (node.inode.kind === 'symlink' && !opts.long && !opts.directory) {
      const target = ctx.sys.resolve(path, true, ctx.cred)
      if (!failed(target) && target.inode.kind === 'dir') node = target
    }
    if (node.inode.kind === 'dir' && !opts.directory) dirs.push({ name: op, node })
    else files.push({ name: op, node })
  }
  const byName = (a: Listed, b: Listed): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  files.sort(byName)
  dirs.sort(byName)
  let printed = false
  if (files.length > 0) {
    io.out(formatEntries(ctx, files, opts, io.tty))
    printed = true
  }
  const headers = operands.length > 1 || opts.recursive
  const listDir = (dir: Listed, depth: number): void => {
    if (io.full() || depth > 64) return
    if (!allowed(ctx.cred, dir.node.inode, 4)) {
      io.err(`ls: cannot open directory ${quoteArg(dir.name)}: Permission denied\n`)
      status = 2
      return
    }
    if (headers) io.out(`${printed ? '\n' : ''}${dir.name}:\n`)
    printed = true
    const entries: Listed[] = []
    if (opts.all) {
      entries.push({ name: '.', node: dir.node })
      const parent = ctx.sys.resolve(`${dir.node.path}/..`, true)
      entries.push({ name: '..', node: failed(parent) ? dir.node : parent })
    }
    for (const name of ctx.sys.names(dir.node)) {
      if (name.startsWith('.') && !opts.all && !opts.almost) continue
      let child = ctx.sys.child(dir.node, name)
      if (child !== null && opts.dereference && child.inode.kind === 'symlink') {
        const target = ctx.sys.resolve(child.path, true, ctx.cred)
        if (!failed(target)) child = target
      }
      if (child !== null) entries.push({ name, node: child })
    }
    if (opts.long) {
      let blocks = 0
      for (const e of entries) blocks += blocksOf(e.node)
      io.out(`total ${opts.human ? humanSize(blocks * 512) : Math.ceil(blocks / 2)}\n`)
    }
    io.out(formatEntries(ctx, entries, opts, io.tty))
    if (!opts.recursive) return
    for (const e of entries) {
      if (e.name === '.' || e.name === '..' || e.node.inode.kind !== 'dir') continue
      const sep = dir.name.endsWith('/') ? '' : '/'
      listDir({ name: `${dir.name}${sep}${e.name}`, node: e.node }, depth + 1)
    }
  }
  for (const dir of dirs) listDir(dir, 0)
  return status
}

/** A block of entries, long or short, with columns aligned over the block (ls.c). */
function formatEntries(ctx: Ctx, entries: Listed[], opts: LsOpts, tty: boolean): string {
  if (entries.length === 0) return ''
  const show = (name: string): string => (tty ? quoteName(name) : name)
  if (!opts.long) {
    const inoWidth = opts.inode ? Math.max(...entries.map((e) => String(e.node.ino).length)) : 0
    const items = entries.map(
      (e) => (opts.inode ? `${String(e.node.ino).padStart(inoWidth, ' ')} ` : '') + show(e.name),
    )
    if (opts.onePerLine) return items.map((i) => `${i}\n`).join('')
    return columns(items)
  }
  const rows = entries.map((e) => {
    const { node } = e
    const size = sizeOf(node)
    let name = show(e.name)
    if (node.inode.kind === 'symlink') name += ` -> ${node.inode.target}`
    return {
      ino: String(node.ino),
      mode: modeString(node.inode) + LABEL_MARK,
      nlink: String(nlinkOf(node)),
      owner: opts.numeric ? String(node.inode.uid) : ctx.sys.userName(node.inode.uid),
      group: opts.numeric ? String(node.inode.gid) : ctx.sys.groupName(node.inode.gid),
      size: opts.human ? humanSize(size) : String(size),
      date: lsTime(node.inode.mtime, ctx.m.clock),
      name,
    }
  })
  const width = (key: 'ino' | 'nlink' | 'owner' | 'group' | 'size'): number =>
    Math.max(...rows.map((r) => r[key].length))
  const w = {
    ino: width('ino'),
    nlink: width('nlink'),
    owner: width('owner'),
    group: width('group'),
    size: width('size'),
  }
  return rows
    .map(
      (r) =>
        (opts.inode ? `${r.ino.padStart(w.ino, ' ')} ` : '') +
        `${r.mode} ${r.nlink.padStart(w.nlink, ' ')} ${r.owner.padEnd(w.owner, ' ')} ` +
        `${r.group.padEnd(w.group, ' ')} ${r.size.padStart(w.size, ' ')} ${r.date} ${r.name}\n`,
    )
    .join('')
}

const stat: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'Lc:t',
    long: {
      dereference: { key: 'L', value: false },
      format: { key: 'c', value: true },
      printf: { key: 'c', value: true },
    },
  })
  if (typeof parsed === 'number') return parsed
  if (parsed.operands.length === 0) {
    io.err("stat: missing operand\nTry 'stat --help' for more information.\n")
    return 1
  }
  let status = 0
  const format = value(parsed, 'c')
  for (const op of parsed.operands) {
    const node = ctx.sys.resolve(ctx.abs(op), has(parsed, 'L'), ctx.cred)
    if (failed(node)) {
      io.err(`stat: cannot statx ${quoteArg(op)}: ${errText(node.error)}\n`)
      status = 1
      continue
    }
    io.out(
      format === undefined ? statDefault(ctx, op, node) : `${statFormat(ctx, op, node, format)}\n`,
    )
  }
  return status
}

function statDefault(ctx: Ctx, name: string, node: Node): string {
  const { inode } = node
  const size = sizeOf(node)
  const [major, minor] = deviceOf(ctx.m, node)
  const mode = inode.kind === 'symlink' ? 0o777 : inode.mode
  const file = inode.kind === 'symlink' ? `${name} -> ${inode.target}` : name
  const uid = `${String(inode.uid).padStart(5, ' ')}/${ctx.sys.userName(inode.uid).padStart(8, ' ')}`
  const gid = `${String(inode.gid).padStart(5, ' ')}/${ctx.sys.groupName(inode.gid).padStart(8, ' ')}`
  // The model keeps one time per inode: access and change times are shown equal to it, and no
  // birth time is known. No `Context:` line: the labels themselves are not modeled.
  return (
    `  File: ${file}\n` +
    `  Size: ${String(size).padEnd(10, ' ')}\tBlocks: ${String(blocksOf(node)).padEnd(10, ' ')} IO Block: ${String(ioBlock(node)).padEnd(6, ' ')} ${kindName(inode, size)}\n` +
    `Device: ${major},${minor}\tInode: ${String(node.ino).padEnd(11, ' ')} Links: ${nlinkOf(node)}\n` +
    `Access: (${mode.toString(8).padStart(4, '0')}/${modeString(inode)})  Uid: (${uid})   Gid: (${gid})\n` +
    `Access: ${statTime(inode.mtime)}\n` +
    `Modify: ${statTime(inode.mtime)}\n` +
    `Change: ${statTime(inode.mtime)}\n` +
    ' Birth: -\n'
  )
}

/** `stat -c`: the directives people use most. */
function statFormat(ctx: Ctx, name: string, node: Node, format: string): string {
  const { inode } = node
  return format.replace(/%([a-zA-Z%])/g, (whole, d: string) => {
    switch (d) {
      case 'n':
        return name
      case 'N':
        return inode.kind === 'symlink' ? `'${name}' -> '${inode.target}'` : `'${name}'`
      case 's':
        return String(sizeOf(node))
      case 'b':
        return String(blocksOf(node))
      case 'i':
        return String(node.ino)
      case 'h':
        return String(nlinkOf(node))
      case 'u':
        return String(inode.uid)
      case 'g':
        return String(inode.gid)
      case 'U':
        return ctx.sys.userName(inode.uid)
      case 'G':
        return ctx.sys.groupName(inode.gid)
      case 'a':
        return (inode.kind === 'symlink' ? 0o777 : inode.mode).toString(8)
      case 'A':
        return modeString(inode)
      case 'F':
        return kindName(inode, sizeOf(node))
      case 'y':
      case 'x':
      case 'z':
        return statTime(inode.mtime)
      case 'Y':
      case 'X':
      case 'Z':
        return String(inode.mtime)
      case 'm':
        return node.mount.target
      case '%':
        return '%'
      default:
        return whole
    }
  })
}

interface FindTest {
  kind: 'name' | 'iname' | 'type' | 'path'
  arg: string
  negate: boolean
}

const find: Command = (ctx, args, io) => {
  const starts: string[] = []
  let i = 0
  while (
    i < args.length &&
    !(args[i] as string).startsWith('-') &&
    args[i] !== '!' &&
    args[i] !== '('
  )
    starts.push(args[i++] as string)
  if (starts.length === 0) starts.push('.')
  const tests: FindTest[] = []
  let maxdepth = Infinity
  let mindepth = 0
  let negate = false
  for (; i < args.length; i++) {
    const a = args[i] as string
    const need = (): string | null => {
      const v = args[i + 1]
      if (v === undefined) {
        io.err(`find: missing argument to \`${a}'\n`)
        return null
      }
      i++
      return v
    }
    if (a === '!' || a === '-not') {
      negate = !negate
      continue
    }
    if (a === '-print' || a === '-a' || a === '-and' || a === '-xdev' || a === '-mount') continue
    if (a === '-maxdepth' || a === '-mindepth') {
      const v = need()
      if (v === null) return 1
      const n = Number(v)
      if (!/^[0-9]+$/.test(v)) {
        io.err(`find: Expected a positive decimal integer argument to ${a}, but got \`${v}'\n`)
        return 1
      }
      if (a === '-maxdepth') maxdepth = n
      else mindepth = n
      continue
    }
    if (a === '-name' || a === '-iname' || a === '-type' || a === '-path') {
      const v = need()
      if (v === null) return 1
      if (a === '-type' && !/^[fdl]$/.test(v)) {
        io.err(`find: Unknown argument to -type: ${v}\n`)
        return 1
      }
      tests.push({ kind: a.slice(1) as FindTest['kind'], arg: v, negate })
      negate = false
      continue
    }
    if (a.startsWith('-')) io.err(`find: unknown predicate \`${a}'\n`)
    else io.err(`find: paths must precede expression: \`${a}'\n`)
    return 1
  }
  const matchers = tests.map((t) => ({
    ...t,
    re:
      t.kind === 'name' || t.kind === 'path'
        ? globRe(t.arg, false)
        : t.kind === 'iname'
          ? globRe(t.arg, true)
          : null,
  }))
  let status = 0
  let budget = 1_000_000
  const lines: string[] = []
  const flush = (): void => {
    if (lines.length > 0) io.out(lines.join(''))
    lines.length = 0
  }
  const visit = (node: Node, shown: string, name: string, depth: number): void => {
    if (--budget < 0) return
    if (depth >= mindepth) {
      const ok = matchers.every((t) => {
        let hit: boolean
        if (t.kind === 'type')
          hit = (t.arg === 'd' ? 'dir' : t.arg === 'l' ? 'symlink' : 'file') === node.inode.kind
        else if (t.kind === 'path') hit = (t.re as RegExp).test(shown)
        else hit = (t.re as RegExp).test(name)
        return hit !== t.negate
      })
      if (ok) lines.push(`${shown}\n`)
      if (lines.length >= 2048) {
        flush()
        if (io.full()) budget = -1
      }
    }
    if (node.inode.kind !== 'dir' || depth >= maxdepth) return
    if (!allowed(ctx.cred, node.inode, 4) || !allowed(ctx.cred, node.inode, 1)) {
      flush()
      io.err(`find: ${quoteArg(shown)}: Permission denied\n`)
      status = 1
      return
    }
    const base = shown.endsWith('/') ? shown : `${shown}/`
    for (const child of ctx.sys.names(node)) {
      const next = ctx.sys.child(node, child)
      if (next !== null) visit(next, base + child, child, depth + 1)
      if (budget < 0) return
    }
  }
  for (const start of starts) {
    const node = ctx.sys.resolve(ctx.abs(start), false, ctx.cred)
    if (failed(node)) {
      flush()
      io.err(`find: ${quoteArg(start)}: ${errText(node.error)}\n`)
      status = 1
      continue
    }
    const name =
      start
        .split('/')
        .filter((p) => p !== '')
        .pop() ?? start
    visit(node, start, name, 0)
  }
  flush()
  return status
}

/** fnmatch for find -name: the whole name, `*` matching any characters including dots. */
function globRe(pattern: string, ignoreCase: boolean): RegExp {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '*') re += '.*'
    else if (c === '?') re += '.'
    else if (c === '\\' && i + 1 < pattern.length) re += escape(pattern[++i] as string)
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end < 0) re += '\\['
      else {
        let body = pattern.slice(i + 1, end)
        if (body.startsWith('!')) body = `^${body.slice(1)}`
        re += `[${body.replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else re += escape(c)
  }
  try {
    return new RegExp(`${re}$`, ignoreCase ? 'is' : 's')
  } catch {
    return /(?!)/
  }
}

function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c
}

const du: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'shacxk',
    long: {
      summarize: { key: 's', value: false },
      'human-readable': { key: 'h', value: false },
      all: { key: 'a', value: false },
      total: { key: 'c', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  const human = has(parsed, 'h')
  const summarize = has(parsed, 's')
  const all = has(parsed, 'a')
  if (summarize && all) {
    io.err(
      "du: cannot both summarize and show all entries\nTry 'du --help' for more information.\n",
    )
    return 1
  }
  const fmt = (blocks: number): string =>
    human ? humanSize(blocks * 512) : String(Math.ceil(blocks / 2))
  // A hard-linked inode counts once per run (du.c, the hash of seen device and inode numbers).
  const seen = new Set<string>()
  let status = 0
  let total = 0
  let budget = 1_000_000
  const visit = (node: Node, shown: string, top: boolean): number => {
    if (--budget < 0 || io.full()) return 0
    const key = `${node.fsKey}:${node.ino}`
    let blocks = 0
    if (!seen.has(key) || node.inode.kind === 'dir') {
      seen.add(key)
      blocks = blocksOf(node)
    }
    if (node.inode.kind === 'dir') {
      if (!allowed(ctx.cred, node.inode, 4) || !allowed(ctx.cred, node.inode, 1)) {
        io.err(`du: cannot read directory ${quoteArg(shown)}: Permission denied\n`)
        status = 1
      } else {
        const base = shown.endsWith('/') ? shown : `${shown}/`
        for (const name of ctx.sys.names(node)) {
          const child = ctx.sys.child(node, name)
          if (child !== null) blocks += visit(child, base + name, false)
        }
      }
      if (!summarize || top) io.out(`${fmt(blocks)}\t${shown}\n`)
    } else if (top || all) io.out(`${fmt(blocks)}\t${shown}\n`)
    return blocks
  }
  const operands = parsed.operands.length === 0 ? ['.'] : parsed.operands
  for (const op of operands) {
    const node = ctx.sys.resolve(ctx.abs(op), false, ctx.cred)
    if (failed(node)) {
      io.err(`du: cannot access ${quoteArg(op)}: ${errText(node.error)}\n`)
      status = 1
      continue
    }
    total += visit(node, op, true)
  }
  if (has(parsed, 'c')) io.out(`${fmt(total)}\ttotal\n`)
  return status
}

/**
 * What a filesystem's inodes take on disk (bytes), from the same block rules as `stat`. df adds
 * the metadata a fresh filesystem already uses, which the model does not hold: approximations,
 * noted where they are made.
 */
function allocated(fs: Filesystem, fsKey: string, mount: Node['mount']): number {
  let blocks = 0
  fs.chunks.forEach((chunk, c) => {
    chunk.forEach((inode, j) => {
      if (inode === null) return
      const ino = fs.firstIno + c * CHUNK + j
      blocks += blocksOf({ path: '', mount, fsKey, fsPath: '', fs, ino, inode })
    })
  })
  return blocks * 512
}

/** RAM of the simulated machine, for the size of /run (20% of it): ILLUSTRATIVE, not modeled. */
const RAM = 4 * 1024 * 1024 * 1024

function dfRows(
  m: Machine,
): { source: string; fstype: string; size: number; used: number; avail: number; target: string }[] {
  const rows: ReturnType<typeof dfRows> = []
  const chosen = new Map<string, Node['mount']>()
  // One line per filesystem: the mount of its whole root, the shortest target (df's dedup).
  for (const mount of m.runtime?.mounts ?? []) {
    if (mount.subtree !== '/') continue
    const prev = chosen.get(mount.filesystem)
    if (prev === undefined || mount.target.length < prev.target.length)
      chosen.set(mount.filesystem, mount)
  }
  for (const mount of (m.runtime?.mounts ?? []).filter((x) => chosen.get(x.filesystem) === x)) {
    const fs = m.filesystems[mount.filesystem] ?? m.volatile[mount.filesystem]
    if (fs === undefined) continue
    const part = deviceOfFilesystem(m, mount.filesystem)
    const data = allocated(fs, mount.filesystem, mount)
    let size: number
    let used: number
    let avail: number
    if (fs.fstype === 'tmpfs') {
      size = Math.floor(RAM / 5)
      used = data
      avail = size - used
    } else if (fs.fstype === 'ext4') {
      // ext4 with 1 KiB blocks: inode tables and the journal take about 8% (the article's 384 MiB
      // /boot shows 350M); 5% is reserved for root.
      const total = part?.size ?? 0
      size = Math.floor(total * 0.912)
      used = data + Math.floor(total * 0.004)
      avail = Math.max(0, size - used - Math.floor(total * 0.05))
    } else {
      // xfs: the internal log and allocation group headers, about 1%; inode chunks and btrees.
      const total = part?.size ?? 0
      size = Math.floor(total * 0.99)
      used = data + Math.floor(total * 0.004)
      avail = Math.max(0, size - used)
    }
    rows.push({
      source: mountSource(m, mount),
      fstype: fs.fstype,
      size,
      used,
      avail,
      target: mount.target,
    })
  }
  return rows
}

const df: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'hTak',
    long: {
      'human-readable': { key: 'h', value: false },
      'print-type': { key: 'T', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  const human = has(parsed, 'h')
  let rows = dfRows(ctx.m)
  let status = 0
  if (parsed.operands.length > 0) {
    const wanted: typeof rows = []
    for (const op of parsed.operands) {
      const node = ctx.sys.resolve(ctx.abs(op), true, ctx.cred)
      if (failed(node)) {
        io.err(`df: ${quoteArg(op)}: ${errText(node.error)}\n`)
        status = 1
        continue
      }
      const row = rows.find(
        (r) => r.source === mountSource(ctx.m, node.mount) && r.fstype === node.fs.fstype,
      )
      if (row !== undefined) wanted.push(row)
    }
    rows = wanted
  }
  const num = (n: number): string => (human ? humanSize(n) : String(Math.ceil(n / 1024)))
  const pct = (r: (typeof rows)[number]): string =>
    r.used + r.avail === 0 ? '-' : `${Math.ceil((r.used * 100) / (r.used + r.avail))}%`
  const header = [
    'Filesystem',
    ...(has(parsed, 'T') ? ['Type'] : []),
    human ? 'Size' : '1K-blocks',
    'Used',
    human ? 'Avail' : 'Available',
    'Use%',
    'Mounted on',
  ]
  const table = rows.map((r) => [
    r.source,
    ...(has(parsed, 'T') ? [r.fstype] : []),
    num(r.size),
    num(r.used),
    num(r.avail),
    pct(r),
    r.target,
  ])
  const right = header.map((h) => !['Filesystem', 'Type', 'Mounted on'].includes(h))
  const mins = header.map((h) =>
    h === 'Filesystem' ? 14 : h === 'Type' ? 4 : h === 'Use%' ? 4 : h === 'Mounted on' ? 0 : 5,
  )
  const widths = header.map((h, i) =>
    Math.max(mins[i] as number, h.length, ...table.map((row) => (row[i] as string).length)),
  )
  const line = (cells: string[]): string =>
    cells
      .map((c, i) =>
        i === cells.length - 1
          ? c
          : right[i]
            ? c.padStart(widths[i] as number, ' ')
            : c.padEnd(widths[i] as number, ' '),
      )
      .join(' ') + '\n'
  io.out(line(header) + table.map(line).join(''))
  return status
}

const readlink: Command = (ctx, args, io) => {
  const parsed = parseOr(ctx, io, args, {
    short: 'femnqsvz',
    long: {
      canonicalize: { key: 'f', value: false },
      'canonicalize-existing': { key: 'e', value: false },
      'canonicalize-missing': { key: 'm', value: false },
      'no-newline': { key: 'n', value: false },
    },
  })
  if (typeof parsed === 'number') return parsed
  if (parsed.operands.length === 0) {
    io.err("readlink: missing operand\nTry 'readlink --help' for more information.\n")
    return 1
  }
  const end = has(parsed, 'n') ? '' : '\n'
  let status = 0
  for (const op of parsed.operands) {
    const path = ctx.abs(op)
    if (has(parsed, 'f') || has(parsed, 'e') || has(parsed, 'm')) {
      const node = ctx.sys.resolve(path, true, ctx.cred)
      if (!failed(node)) {
        io.out(`${node.path}${end}`)
        continue
      }
      // -f: every name but the last must exist.
      if (node.error === 'ENOENT' && !has(parsed, 'e')) {
        const parent = ctx.sys.parentOf(path, ctx.cred)
        if (!failed(parent)) {
          io.out(`${parent.dir.path === '/' ? '' : parent.dir.path}/${parent.name}${end}`)
          continue
        }
      }
      status = 1
      continue
    }
    const node = ctx.sys.resolve(path, false, ctx.cred)
    if (failed(node) || node.inode.kind !== 'symlink') {
      status = 1
      continue
    }
    io.out(`${node.inode.target}${end}`)
  }
  return status
}

/** Used by `df` and tests: the bytes a filesystem's inodes take. */
export function filesystemUsage(fs: Filesystem): number {
  const root = inodeOf(fs, fs.rootIno)
  if (root === null) return 0
  return allocated(fs, fs.label, {
    id: -1,
    target: '/',
    filesystem: fs.label,
    subtree: '/',
    fstype: fs.fstype,
    options: [],
    readOnly: false,
  })
}

export const FILES: Record<string, Command> = { ls, stat, find, du, df, readlink }

export type { Io }
