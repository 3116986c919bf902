/**
 * The shell's writes, as engine steps. Every change goes through the checks the kernel makes, in
 * its order: the walk (ENOENT, ENOTDIR, EACCES), a read-only mount (EROFS: /usr, /sysroot, /boot),
 * the immutable bit (EPERM: the deployment root, reference 5.5), then permissions (EACCES). A
 * change in the booted deployment's /etc is made by `editEtc`, so it is the same step a tour's edit
 * makes; anything else (/var, /run, /tmp...) is one `Recorder` step of its own, captioned
 * `step.shell.*`.
 */
import { eventsOf } from '../events'
import { editEtc, type EtcEdit } from '../ops'
import { ERRNO, type Errno } from '../fs'
import { Recorder } from '../recorder'
import { deployPath } from '../sysroot'
import type { Machine, Step } from '../types'
import { writeRefusal } from '../vfs'
import { allowed, failed, Sys, type Node, type ShellErrno } from './fsview'
import type { Cred } from './types'

export type FileChange =
  /** open(O_CREAT) then write: replaces the content, or appends to it. */
  | { kind: 'write'; data: string; append: boolean }
  /** touch: creates an empty file, or updates the time of an existing one. */
  | { kind: 'touch' }
  | { kind: 'mkdir'; mode: number }
  | { kind: 'remove'; recursive: boolean }
  | { kind: 'chmod'; mode: number }
  | { kind: 'symlink'; target: string }
  /** link(2): `path` becomes a second name of `source` (an absolute path). */
  | { kind: 'link'; source: string }

export interface ChangeResult {
  steps: Step[]
  machine: Machine
  /** The first refusal, with the path it concerns (for `rm -r`, a name inside the tree). */
  error?: { errno: ShellErrno; path: string }
  /** Further refusals of `rm -r`, in the order met. */
  more?: { errno: ShellErrno; path: string }[]
}

const MAX_REMOVE = 200_000

/** umask of the session: 002 for core (a user private group, pam_umask), 022 for root. */
export function umaskOf(cred: Cred): number {
  return cred.uid === 0 ? 0o022 : 0o002
}

/** The path of a node relative to the booted deployment's /etc, or null when it is elsewhere. */
function etcRel(sys: Sys, node: Node): string | null {
  const booted = sys.booted
  if (booted === null || node.fsKey !== 'root') return null
  const etc = `${deployPath(booted)}/etc`
  if (node.fsPath === etc) return ''
  return node.fsPath.startsWith(`${etc}/`) ? node.fsPath.slice(etc.length + 1) : null
}

function canCreateIn(dir: Node, cred: Cred): Errno | null {
  if (dir.mount.readOnly) return 'EROFS'
  if (dir.inode.immutable === true) return 'EPERM'
  if (!allowed(cred, dir.inode, 2) || !allowed(cred, dir.inode, 1)) return 'EACCES'
  return null
}

function errnoOf(message: string): Errno {
  for (const [code, text] of Object.entries(ERRNO)) if (message.endsWith(text)) return code as Errno
  return 'EINVAL'
}

/** Runs `editEtc`, turning its `command/failed` step into an errno. */
function viaEditEtc(m: Machine, edit: EtcEdit, path: string): ChangeResult {
  const steps = editEtc(m, edit)
  const failure = eventsOf(steps, 'command/failed')[0]
  if (failure !== undefined)
    return { steps: [], machine: m, error: { errno: errnoOf(failure.message), path } }
  return { steps, machine: steps.at(-1)?.machine ?? m }
}

/** The directory that will hold a new name, or the refusal when the name exists or cannot be reached. */
function newName(
  sys: Sys,
  m: Machine,
  cred: Cred,
  path: string,
): { dir: Node; name: string } | { refused: ChangeResult } {
  const existing = sys.resolve(path, false, cred)
  if (!failed(existing)) return { refused: refuse(m, 'EEXIST', path) }
  if (existing.error !== 'ENOENT') return { refused: refuse(m, existing.error, path) }
  const parent = sys.parentOf(path, cred)
  if (failed(parent)) return { refused: refuse(m, parent.error, path) }
  return parent
}

function refuse(m: Machine, errno: ShellErrno, path: string): ChangeResult {
  return { steps: [], machine: m, error: { errno, path } }
}

/** Where a new name would go: follows a dangling symlink at the end of `path` to its target. */
function creationTarget(
  sys: Sys,
  path: string,
  cred: Cred,
): { dir: Node; name: string; path: string } | { errno: Errno } {
  let current = path
  for (let hops = 0; hops < 40; hops++) {
    const parent = sys.parentOf(current, cred)
    if (failed(parent)) return { errno: parent.error }
    const existing = sys.child(parent.dir, parent.name)
    if (existing?.inode.kind === 'symlink') {
      const target = existing.inode.target
      current = target.startsWith('/') ? target : `${parent.dir.path}/${target}`
      continue
    }
    return { dir: parent.dir, name: parent.name, path: current }
  }
  return { errno: 'ELOOP' }
}

/**
 * Makes one change as `cred` would, or says why not. `path` is absolute (joined with the working
 * directory by the caller).
 */
export function changeFile(m: Machine, cred: Cred, path: string, change: FileChange): ChangeResult {
  const sys = new Sys(m)
  switch (change.kind) {
    case 'write':
    case 'touch':
      return writeOrTouch(sys, cred, path, change)
    case 'mkdir': {
      const parent = newName(sys, m, cred, path)
      if ('refused' in parent) return parent.refused
      const why = canCreateIn(parent.dir, cred) ?? kernelRefusal(m, parent.dir, parent.name)
      if (why !== null) return refuse(m, why, path)
      const mode = change.mode & ~umaskOf(cred) & 0o7777
      const rel = etcRel(sys, parent.dir)
      if (rel !== null && cred.uid === 0)
        return viaEditEtc(m, { type: 'mkdir', path: etcPath(rel, parent.name), mode }, path)
      return record(m, parent.dir, parent.name, (rec, fsPath) => {
        rec
          .fs(parent.dir.fsKey)
          .mkdir(fsPath, { mode, uid: cred.uid, gid: cred.gid, mtime: rec.clock })
        return {
          event: { type: 'directory/created', path: joinName(parent.dir.path, parent.name), mode },
          caption: {
            key: 'step.shell.mkdir',
            params: { path: joinName(parent.dir.path, parent.name) },
          },
        }
      })
    }
    case 'symlink': {
      const parent = newName(sys, m, cred, path)
      if ('refused' in parent) return parent.refused
      const why = canCreateIn(parent.dir, cred) ?? kernelRefusal(m, parent.dir, parent.name)
      if (why !== null) return refuse(m, why, path)
      const rel = etcRel(sys, parent.dir)
      if (rel !== null && cred.uid === 0)
        return viaEditEtc(
          m,
          { type: 'symlink', path: etcPath(rel, parent.name), target: change.target },
          path,
        )
      return record(m, parent.dir, parent.name, (rec, fsPath) => {
        rec.fs(parent.dir.fsKey).symlink(fsPath, change.target, {
          uid: cred.uid,
          gid: cred.gid,
          mtime: rec.clock,
        })
        const shown = joinName(parent.dir.path, parent.name)
        return {
          event: { type: 'symlink/created', path: shown, target: change.target },
          caption: { key: 'step.shell.symlink', params: { path: shown, target: change.target } },
        }
      })
    }
    case 'chmod': {
      const node = sys.resolve(path, true, cred)
      if (failed(node)) return refuse(m, node.error, path)
      if (node.mount.readOnly) return refuse(m, 'EROFS', path)
      // procfs refuses mode changes, even root's.
      if (node.inode.immutable === true || node.fsKey === '#proc') return refuse(m, 'EPERM', path)
      if (cred.uid !== 0 && node.inode.uid !== cred.uid) return refuse(m, 'EPERM', path)
      const mode = change.mode & 0o7777
      const rel = etcRel(sys, node)
      if (rel !== null && rel !== '')
        return viaEditEtc(m, { type: 'chmod', path: `/etc/${rel}`, mode }, path)
      return record(m, node, null, (rec) => {
        rec.fs(node.fsKey).setAttrs(node.fsPath, { mode })
        return {
          event: { type: 'file/modeChanged', path: node.path, mode },
          caption: {
            key: 'step.shell.chmod',
            params: { path: node.path, mode: mode.toString(8).padStart(4, '0') },
          },
        }
      })
    }
    case 'remove':
      return removeTree(sys, cred, path, change.recursive)
    case 'link': {
      const source = sys.resolve(change.source, false, cred)
      if (failed(source)) return refuse(m, source.error, change.source)
      if (source.inode.kind === 'dir') return refuse(m, 'EPERM', change.source)
      const parent = newName(sys, m, cred, path)
      if ('refused' in parent) return parent.refused
      // Both names must be on one mount, not merely one filesystem (/usr is a bind mount).
      if (parent.dir.mount.id !== source.mount.id || parent.dir.fsKey !== source.fsKey)
        return refuse(m, 'EXDEV', path)
      const why = canCreateIn(parent.dir, cred) ?? kernelRefusal(m, parent.dir, parent.name)
      if (why !== null) return refuse(m, why, path)
      // fs.protected_hardlinks=1: only the owner, or someone who may read and write it, links it.
      if (
        cred.uid !== 0 &&
        source.inode.uid !== cred.uid &&
        !(
          source.inode.kind === 'file' &&
          allowed(cred, source.inode, 4) &&
          allowed(cred, source.inode, 2)
        )
      )
        return refuse(m, 'EPERM', path)
      return record(m, parent.dir, parent.name, (rec, fsPath) => {
        rec.fs(parent.dir.fsKey).link(source.ino, fsPath, rec.clock)
        const shown = joinName(parent.dir.path, parent.name)
        return {
          event: { type: 'file/linked', path: shown, source: source.path, ino: source.ino },
          caption: { key: 'step.shell.linked', params: { path: shown, source: source.path } },
        }
      })
    }
  }
}

function joinName(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

function etcPath(rel: string, name: string): string {
  return rel === '' ? `/etc/${name}` : `/etc/${rel}/${name}`
}

/** What `writeRefusal` says about a name about to be made in `dir` (EROFS, EPERM), as a check. */
function kernelRefusal(m: Machine, dir: Node, name: string): Errno | null {
  if (dir.fsKey === '#proc') return 'EACCES'
  const refusal = writeRefusal(m, joinName(dir.path, name))
  return refusal === 'EROFS' || refusal === 'EPERM' ? refusal : null
}

/** One `Recorder` step for a change outside /etc. */
function record(
  m: Machine,
  dir: Node,
  name: string | null,
  change: (rec: Recorder, fsPath: string) => { event: Step['event']; caption: Step['caption'] },
): ChangeResult {
  const rec = new Recorder(m)
  rec.tick(1)
  const fsPath = name === null ? dir.fsPath : joinName(dir.fsPath, name)
  const { event, caption } = change(rec, fsPath)
  rec.step(event, caption, [`${dir.fsKey}:${fsPath}`])
  return { steps: rec.steps, machine: rec.steps.at(-1)?.machine ?? m }
}

function writeOrTouch(
  sys: Sys,
  cred: Cred,
  path: string,
  change: { kind: 'write'; data: string; append: boolean } | { kind: 'touch' },
): ChangeResult {
  const m = sys.m
  const node = sys.resolve(path, true, cred)
  if (!failed(node)) {
    if (node.fsKey === '#proc') return refuse(m, 'EACCES', path)
    if (node.inode.kind === 'dir' && change.kind === 'write') return refuse(m, 'EISDIR', path)
    if (node.mount.readOnly) return refuse(m, 'EROFS', path)
    if (node.inode.immutable === true) return refuse(m, 'EPERM', path)
    const owner = cred.uid === 0 || node.inode.uid === cred.uid
    if (!allowed(cred, node.inode, 2) && !(change.kind === 'touch' && owner))
      return refuse(m, 'EACCES', path)
    const old = node.inode.kind === 'file' ? node.inode.data : ''
    const data = change.kind === 'touch' ? old : change.append ? old + change.data : change.data
    const rel = etcRel(sys, node)
    if (rel !== null && rel !== '' && node.inode.kind === 'file')
      return viaEditEtc(m, { type: 'write', path: `/etc/${rel}`, data }, path)
    return record(m, node, null, (rec) => {
      if (node.inode.kind === 'file') {
        const size = change.kind === 'touch' ? node.inode.size : undefined
        rec.fs(node.fsKey).writeFile(node.fsPath, data, {
          mtime: rec.clock,
          ...(size === undefined ? {} : { size }),
        })
      } else rec.fs(node.fsKey).setAttrs(node.fsPath, { mtime: rec.clock })
      return change.kind === 'touch'
        ? {
            event: { type: 'file/touched', path: node.path },
            caption: { key: 'step.shell.touched', params: { path: node.path } },
          }
        : {
            event: {
              type: 'file/written',
              path: node.path,
              bytes: data.length,
              created: false,
              append: change.append,
            },
            caption: {
              key: change.append ? 'step.shell.appended' : 'step.shell.written',
              params: { path: node.path },
            },
          }
    })
  }
  if (node.error !== 'ENOENT') return refuse(m, node.error, path)
  const target = creationTarget(sys, path, cred)
  if ('errno' in target) return refuse(m, target.errno, path)
  const why = canCreateIn(target.dir, cred) ?? kernelRefusal(m, target.dir, target.name)
  if (why !== null) return refuse(m, why, path)
  const data = change.kind === 'write' ? change.data : ''
  const mode = 0o666 & ~umaskOf(cred)
  const rel = etcRel(sys, target.dir)
  if (rel !== null && cred.uid === 0)
    return viaEditEtc(m, { type: 'write', path: etcPath(rel, target.name), data, mode }, path)
  return record(m, target.dir, target.name, (rec, fsPath) => {
    rec.fs(target.dir.fsKey).writeFile(fsPath, data, {
      mode,
      uid: cred.uid,
      gid: cred.gid,
      mtime: rec.clock,
    })
    const shown = joinName(target.dir.path, target.name)
    return {
      event: {
        type: 'file/written',
        path: shown,
        bytes: data.length,
        created: true,
        append: change.kind === 'write' && change.append,
      },
      caption: { key: 'step.shell.created', params: { path: shown } },
    }
  })
}

/**
 * `rm` and `rm -r`: every name that can go goes, children before their directory; each refusal is
 * reported (EACCES without write permission on the directory, EROFS, EPERM for the immutable
 * deployment root or the sticky /tmp, EBUSY for a mount point). One step for all that went.
 */
function removeTree(sys: Sys, cred: Cred, path: string, recursive: boolean): ChangeResult {
  let m = sys.m
  const top = sys.resolve(path, false, cred)
  if (failed(top)) return refuse(m, top.error, path)
  if (top.inode.kind === 'dir' && !recursive) return refuse(m, 'EISDIR', path)
  const parent = sys.parentOf(path, cred)
  if (failed(parent)) return refuse(m, parent.error, path)

  // Post-order list of what to remove, with the directory each name is in.
  const order: { node: Node; dir: Node; shown: string }[] = []
  const errors: { errno: ShellErrno; path: string }[] = []
  const visit = (node: Node, dir: Node, shown: string): boolean => {
    if (order.length > MAX_REMOVE) return false
    if (node.inode.kind === 'dir') {
      if (!allowed(cred, node.inode, 4) || !allowed(cred, node.inode, 1)) {
        errors.push({ errno: 'EACCES', path: shown })
        return false
      }
      let ok = true
      const base = shown.replace(/\/+$/, '')
      for (const name of sys.names(node)) {
        const child = sys.child(node, name)
        if (child !== null && !visit(child, node, `${base}/${name}`)) ok = false
      }
      // rm does not try a directory one of whose names stayed (fts tells it so).
      if (!ok) return false
    }
    const why = removalRefusal(dir, node, cred)
    if (why !== null) {
      errors.push({ errno: why, path: shown })
      return false
    }
    order.push({ node, dir, shown })
    return true
  }
  visit(top, parent.dir, path)

  const steps: Step[] = []
  // Names in the booted /etc go through editEtc: one edit for the highest removable names there.
  const removable = new Set(order.map((o) => o.node.path))
  const etcTops = order.filter(({ node, dir }) => {
    const rel = etcRel(sys, node)
    return rel !== null && rel !== '' && (etcRel(sys, dir) === '' || !removable.has(dir.path))
  })
  for (const { node } of etcTops) {
    const result = viaEditEtc(
      m,
      { type: 'delete', path: `/etc/${etcRel(sys, node) as string}` },
      node.path,
    )
    steps.push(...result.steps)
    m = result.machine
  }
  const rest = order.filter(({ node }) => etcRel(sys, node) === null)
  if (rest.length > 0) {
    const rec = new Recorder(m)
    rec.tick(1)
    const touched: string[] = []
    for (const { node } of rest) {
      const draft = rec.fs(node.fsKey)
      if (node.inode.kind === 'dir') draft.removeTree(node.fsPath, rec.clock)
      else draft.unlink(node.fsPath, rec.clock)
    }
    const first = rest[rest.length - 1] as { node: Node; shown: string }
    touched.push(`${first.node.fsKey}:${first.node.fsPath}`)
    rec.step(
      { type: 'file/removed', path: first.node.path, entries: rest.length },
      { key: 'step.shell.removed', params: { path: first.node.path, count: rest.length } },
      touched,
    )
    steps.push(...rec.steps)
    m = rec.steps.at(-1)?.machine ?? m
  }
  const [error, ...more] = errors
  return {
    steps,
    machine: m,
    ...(error === undefined ? {} : { error }),
    ...(more.length === 0 ? {} : { more }),
  }
}

/** unlink(2)/rmdir(2) checks in the kernel's order: EROFS, may_delete, then a mount point. */
function removalRefusal(dir: Node, node: Node, cred: Cred): ShellErrno | null {
  if (node.fsKey === '#proc' || dir.fsKey === '#proc') return 'EACCES'
  if (dir.mount.readOnly) return 'EROFS'
  if (dir.inode.immutable === true) return 'EPERM'
  if (!allowed(cred, dir.inode, 2) || !allowed(cred, dir.inode, 1)) return 'EACCES'
  const sticky = (dir.inode.mode & 0o1000) !== 0
  if (sticky && cred.uid !== 0 && node.inode.uid !== cred.uid && dir.inode.uid !== cred.uid)
    return 'EPERM'
  if (node.inode.immutable === true) return 'EPERM'
  if (node.mount.target === node.path) return 'EBUSY'
  return null
}
