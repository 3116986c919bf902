/**
 * The files stage (`ignition --stage=files --root=/sysroot`) and the kargs stage, on the root
 * filesystem. Learned from coreos/ignition at v2.16.2:
 * - internal/exec/stages/files/files.go: the order is users and groups, then files, directories and
 *   links, then units and presets, then /etc/.ignition-result.json;
 * - stages/files/passwd.go and exec/util/passwd.go: groups first, then each user (useradd or
 *   usermod), then its SSH keys in `~/.ssh/authorized_keys.d/ignition` (distro.go
 *   writeAuthorizedKeysFragment = true), folders 0700 and file 0600 made as the user;
 * - stages/files/filesystemEntries.go: paths are resolved with symlinks followed inside /sysroot
 *   (util.go JoinPath; so /home/core lands in /var/home/core), two entries resolving to one path
 *   fail the stage, directories/files/symlinks go shallowest first and hard links last; an
 *   existing path fails unless `overwrite` (a file with no contents only gets its mode and owner);
 * - exec/util/file.go: contents go to a temporary file made 0644 and renamed over the path, parents
 *   are made 0755, `append` opens O_APPEND|O_CREAT 0644, then chmod and chown;
 * - stages/files/units.go and exec/util/unit.go: units and drop-ins are files 0644 in
 *   /etc/systemd/system, `enabled` becomes `enable`/`disable` lines appended to
 *   /etc/systemd/system-preset/20-ignition.preset (sorted; instances of a template grouped as
 *   `enable foo@.service a b`), `disable` only for a unit systemctl says is enabled, after removing
 *   its links; `mask: true` is a symlink to /dev/null.
 * The first failure ends the stage, as Ignition's does (ignition-files.service fails, the boot goes
 * to emergency.target); what was written before it stays written.
 */
import { TMPFILES_VAR } from '../varDirs'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { dirname, readDir, utf8Length, type FsDraft } from '../fs'
import { sha256Hex } from '../hash'
import { isoTime } from '../status'
import { decodeDataUrl } from './dataurl'
import { Accounts } from './passwd'
import { cleanPath } from './parse'
import { StageError, Sysroot, splitV, type SysrootMount } from './sysroot'
import type {
  IgnitionAction,
  IgnitionConfig,
  IgnitionContents,
  IgnitionDirectory,
  IgnitionFile,
  IgnitionLink,
  IgnitionOwner,
  IgnitionTarget,
} from './types'

export interface ApplyOptions {
  /** Whether a user config was provided (recorded in /etc/.ignition-result.json). Default true. */
  userConfigProvided?: boolean
  /** The first boot's /proc/sys/kernel/random/boot_id. Default: derived from `mtime`. */
  bootId?: string
  /** Filesystems the mount stage mounted under /sysroot: what is written below them lands there. */
  mounts?: readonly SysrootMount[]
}

const PRESET_PATH = '/etc/systemd/system-preset/20-ignition.preset'
const UNITS = '/etc/systemd/system'
const RESULT_PATH = '/etc/.ignition-result.json'

/**
 * Runs the files stage on `draft` (the root filesystem). Returns what it did, in order; a failure
 * ends the list with a `stage/failed` action.
 * @example
 * const draft = new FsDraft(machine.filesystems.root)
 * const actions = applyFiles(draft, { deployment: deployPath(d), var: '/ostree/deploy/fedora-coreos/var' }, config, machine.clock)
 */
export function applyFiles(
  draft: FsDraft,
  target: IgnitionTarget,
  config: IgnitionConfig,
  mtime: number,
  options: ApplyOptions = {},
): IgnitionAction[] {
  const stage = new FilesStage(new Sysroot(draft, target, mtime, options.mounts), mtime)
  try {
    stage.createPasswd(config)
    stage.createEntries(config)
    stage.createUnits(config)
    stage.createResultFile(options.userConfigProvided ?? true, options.bootId ?? bootIdOf(mtime))
  } catch (e) {
    if (!(e instanceof StageError)) throw e
    stage.actions.push({
      type: 'stage/failed',
      stage: 'files',
      at: stage.at,
      errno: e.errno,
      log: e.log,
      message: { key: `ignition.failure.${e.key}`, params: e.params },
    })
  }
  return stage.actions
}

/** A boot id in /proc's format, from the clock (the engine has no randomness). */
function bootIdOf(mtime: number): string {
  const h = sha256Hex(`boot_id:${mtime}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * ignition-ostree-populate-var.service, which runs before the files stage: the folders of the
 * stateroot's var the root symlinks point to (fedora-coreos-config overlay.d/05core/.../
 * 40ignition-ostree/ignition-ostree-populate-var.sh: `mkdir -p` for lib and log,
 * `systemd-tmpfiles --create --prefix` for the others; modes as in the engine's boot.ts).
 */
export function populateVar(draft: FsDraft, varPath: string, mtime: number): IgnitionAction[] {
  const dirs: [string, number][] = [['lib', 0o755], ['log', 0o755], ...TMPFILES_VAR]
  const actions: IgnitionAction[] = []
  for (const [dir, mode] of dirs) {
    const fsPath = `${varPath}/${dir}`
    if (draft.exists(fsPath)) continue
    draft.mkdir(fsPath, { mode, mtime })
    actions.push({ type: 'var/created', path: `/var/${dir}`, fsPath, mode })
  }
  return actions
}

/** The kargs stage: `--should-exist` appends an argument that is missing, `--should-not-exist` removes every copy. */
export function kargsAfter(config: IgnitionConfig, current: string[]): string[] {
  // coreos/ignition stages/kargs/kargs.go passes every should-exist first, then every
  // should-not-exist; examples/ignition-kargs-helper and docs/distributor-notes.md give the rules
  let out = [...current]
  for (const arg of config.kernelArguments.shouldExist) if (!out.includes(arg)) out.push(arg)
  for (const arg of config.kernelArguments.shouldNotExist) out = out.filter((a) => a !== arg)
  return out
}

/**
 * What the kargs stage changes on the current kernel command line. When anything changes, the
 * real machine writes the BLS entry and reboots, and the first boot starts over
 * (coreos-kargs-reboot.service in fedora-coreos-config 35coreos-ignition).
 * @example
 * kargsChange(config, ['rw', 'mitigations=auto,nosmt']) // { add: ['zswap.enabled=1'], remove: [] }
 */
export function kargsChange(
  config: IgnitionConfig,
  current: string[],
): { add: string[]; remove: string[] } {
  const after = kargsAfter(config, current)
  return {
    add: [...new Set(after.filter((a) => !current.includes(a)))],
    remove: [...new Set(current.filter((a) => !after.includes(a)))],
  }
}

interface Preset {
  unit: string
  enabled: boolean
  instances: string[]
  template: boolean
}

type Entry =
  | { kind: 'directory'; at: string; path: string; node: IgnitionDirectory }
  | { kind: 'file'; at: string; path: string; node: IgnitionFile }
  | { kind: 'link'; at: string; path: string; node: IgnitionLink }

class FilesStage {
  readonly actions: IgnitionAction[] = []
  /** The config path of the entry being processed, for a failure. */
  at = '$'
  private readonly accounts: Accounts

  constructor(
    private readonly root: Sysroot,
    mtime: number,
  ) {
    this.accounts = new Accounts(root, Math.floor(mtime / 86400))
  }

  // -- users and groups ------------------------------------------------------------------------

  createPasswd(config: IgnitionConfig): void {
    config.passwd.groups.forEach((g, i) => {
      this.at = `$.passwd.groups[${i}]`
      const exists = this.accounts.group(g.name) !== null
      if (g.shouldExist === false) {
        if (!exists) return
        this.accounts.groupdel(g.name)
        this.actions.push({ type: 'group/deleted', name: g.name })
        return
      }
      // EnsureGroup runs groupadd even for a group that exists, which then fails
      const gid = this.accounts.groupadd(g)
      this.actions.push({ type: 'group/created', name: g.name, gid })
    })

    config.passwd.users.forEach((u, i) => {
      this.at = `$.passwd.users[${i}]`
      const existing = this.accounts.user(u.name)
      if (u.shouldExist === false) {
        if (existing === null) return
        const { home } = this.accounts.userdel(u.name)
        this.removeHome(home)
        this.root.removeAll(`/var/spool/mail/${u.name}`)
        this.actions.push({ type: 'user/deleted', name: u.name })
        return
      }
      if (existing !== null) {
        const { fields, oldHome, home } = this.accounts.usermod(u)
        // --move-home
        if (
          home !== oldHome &&
          this.root.lstat(oldHome) !== null &&
          this.root.lstat(home) === null
        ) {
          this.root.mkdirAll(dirname(home), 0o755)
          this.root.rename(oldHome, home)
        }
        this.actions.push({ type: 'user/modified', name: u.name, fields })
      } else {
        const made = this.accounts.useradd(u)
        this.actions.push({ type: 'user/created', name: u.name, ...made })
        if (u.noCreateHome !== true) this.createHome(u.name, made)
      }
      this.authorizeKeys(u.name, u.sshAuthorizedKeys)
    })
  }

  private removeHome(home: string): void {
    const p = this.root.resolve(home, true)
    if (p !== '/' && this.root.removeAll(p))
      this.actions.push({ type: 'path/removed', path: p, ...this.root.landing(p) })
  }

  /** useradd --create-home: HOME_MODE 0700, owned by the user, /etc/skel copied in. */
  private createHome(user: string, made: { uid: number; gid: number; home: string }): void {
    const p = this.root.resolve(made.home, true)
    if (this.root.lstat(p) !== null) return // "the home directory already exists"
    this.root.mkdirAll(dirname(p), 0o755)
    this.root.mkdirAll(p, 0o700, { uid: made.uid, gid: made.gid })
    this.actions.push({
      type: 'home/created',
      user,
      path: p,
      ...this.root.landing(p),
      mode: 0o700,
    })
    const owner = { uid: made.uid, gid: made.gid }
    const copy = (from: string, to: string): void => {
      const dir = this.root.resolve(from, true)
      for (const [name, , inode] of readDir(this.root.draft.view(), this.root.fsPath(dir), false)) {
        const src = `${dir}/${name}`
        const dst = `${to}/${name}`
        if (inode.kind === 'dir') {
          this.root.mkdirAll(dst, inode.mode, owner)
          copy(src, dst)
        } else if (inode.kind === 'file')
          this.root.createFile(dst, inode.data, inode.size, { mode: inode.mode, ...owner })
        else this.root.symlink(dst, inode.target, owner)
      }
    }
    if (this.root.lstat('/etc/skel')?.kind === 'dir') copy('/etc/skel', p)
  }

  private authorizeKeys(user: string, keys: string[]): void {
    if (keys.length === 0) return
    const u = this.accounts.user(user)
    if (u === null)
      throw new StageError(null, `unable to lookup user "${user}"`, 'noSuchUser', { name: user })
    let text = keys.join('\n')
    if (!text.endsWith('\n')) text += '\n'
    const path = this.root.resolve(`${u.home}/.ssh/authorized_keys.d/ignition`)
    const owner = { uid: u.uid, gid: u.gid }
    for (const dir of this.root.mkdirAll(dirname(path), 0o700, owner))
      this.actions.push({
        type: 'directory/created',
        path: dir,
        ...this.root.landing(dir),
        mode: 0o700,
      })
    this.root.writeTruncate(path, text, utf8Length(text), { mode: 0o600, ...owner })
    this.actions.push({
      type: 'ssh/keysWritten',
      user,
      path,
      ...this.root.landing(path),
      count: keys.length,
    })
  }

  // -- files, directories, links ---------------------------------------------------------------

  createEntries(config: IgnitionConfig): void {
    const seen = new Map<string, string>()
    const entries: Entry[] = []
    const hardlinks: Entry[] = []
    const resolve = (at: string, path: string): string => {
      this.at = at
      const resolved = this.root.resolve(path)
      const other = seen.get(resolved)
      if (other !== undefined)
        throw new StageError(
          null,
          `${path} resolved to ${resolved} after symlink chasing, but another entry with path ${other} also resolves there`,
          'resolvesTwice',
          { path, other, resolved },
        )
      seen.set(resolved, path)
      return resolved
    }
    config.storage.directories.forEach((node, i) => {
      const at = `$.storage.directories[${i}]`
      entries.push({ kind: 'directory', at, path: resolve(at, node.path), node })
    })
    config.storage.files.forEach((node, i) => {
      const at = `$.storage.files[${i}]`
      entries.push({ kind: 'file', at, path: resolve(at, node.path), node })
    })
    config.storage.links.forEach((node, i) => {
      const at = `$.storage.links[${i}]`
      const entry: Entry = { kind: 'link', at, path: resolve(at, node.path), node }
      if (node.hard === true) hardlinks.push(entry)
      else entries.push(entry)
    })
    // shallowest first; hard links last so they can point deeper (ignition issue #800)
    const depth = (p: string): number => splitV(p).length
    const ordered = [...entries].sort((a, b) => depth(a.path) - depth(b.path))
    for (const e of [...ordered, ...hardlinks]) {
      this.at = e.at
      if (e.node.overwrite === true && this.root.removeAll(e.path))
        this.actions.push({ type: 'path/removed', path: e.path, ...this.root.landing(e.path) })
      if (e.kind === 'file') this.createFile(e.path, e.node)
      else if (e.kind === 'directory') this.createDirectory(e.path, e.node)
      else this.createLink(e.path, e.node)
    }
  }

  private createFile(p: string, f: IgnitionFile): void {
    const st = this.root.lstat(p)
    if (st !== null && st.kind !== 'file')
      throw new StageError(
        null,
        `error creating file "${this.root.shown(p)}": A non regular file exists there already and overwrite is false`,
        'notRegular',
        { path: p },
      )
    if (st !== null && f.contents !== null)
      throw new StageError(
        null,
        `error creating file "${this.root.shown(p)}": A file exists there already and overwrite is false`,
        'exists',
        { path: p },
      )
    const base: IgnitionContents | null =
      st === null && f.contents === null
        ? { source: '', text: '', size: 0, compression: null, verification: null }
        : f.contents
    const unreadable = [base, ...f.append].find((c) => c !== null && c.text === null)
    if (unreadable !== undefined && unreadable !== null) {
      this.actions.push({
        type: 'file/skipped',
        path: p,
        reason: unreadable.compression === 'gzip' ? 'gzip' : 'remote',
      })
      return
    }
    const done: IgnitionAction[] = []
    if (base !== null) {
      this.verify(p, base)
      this.parents(p)
      this.root.createFile(p, base.text ?? '', base.size ?? 0, { mode: 0o644, uid: 0, gid: 0 })
    }
    for (const a of f.append) {
      this.verify(p, a)
      this.parents(p)
      this.root.appendFile(p, a.text ?? '', a.size ?? 0)
      done.push({ type: 'file/appended', path: p, ...this.root.landing(p), size: a.size ?? 0 })
    }
    const attrs = this.setPermissions(p, f.mode, f.user, f.group)
    const inode = this.root.lstat(p)
    const size = inode?.kind === 'file' ? inode.size : 0
    if (base !== null)
      this.actions.push({
        type: 'file/written',
        path: p,
        ...this.root.landing(p),
        size,
        ...attrs,
      })
    this.actions.push(...done)
    if (base === null && f.append.length === 0)
      this.actions.push({ type: 'attrs/set', path: p, ...this.root.landing(p), ...attrs })
  }

  /** The fetcher checks `verification.hash` against the bytes it fetched. */
  private verify(p: string, c: IgnitionContents): void {
    if (c.verification === null || !c.source.startsWith('data:')) return
    const [fn, sum = ''] = c.verification.split(/-(.*)/s)
    const decoded = decodeDataUrl(c.source)
    if (!('bytes' in decoded)) return
    const bytes = Uint8Array.from(decoded.bytes)
    const actual = bytesToHex(fn === 'sha512' ? sha512(bytes) : sha256(bytes))
    if (actual !== sum.toLowerCase())
      throw new StageError(
        null,
        `failed to create file "${this.root.shown(p)}": hash mismatch: calculated ${actual}, expected ${sum}`,
        'hashMismatch',
        { path: p },
      )
  }

  /** MkdirForFile: missing parents, 0755, owned by root. */
  private parents(p: string): void {
    for (const dir of this.root.mkdirAll(dirname(p), 0o755))
      this.actions.push({
        type: 'directory/created',
        path: dir,
        ...this.root.landing(dir),
        mode: 0o755,
      })
  }

  /** SetPermissions: chmod when a mode is given, then lchown (the default is the current owner). */
  private setPermissions(
    p: string,
    mode: number | null,
    user: IgnitionOwner,
    group: IgnitionOwner,
  ): { mode: number; uid: number; gid: number } {
    const inode = this.root.lstat(p)
    const uid = this.ownerId(p, user, 'user') ?? inode?.uid ?? 0
    const gid = this.ownerId(p, group, 'group') ?? inode?.gid ?? 0
    this.root.setAttrs(p, { ...(mode === null ? {} : { mode }), uid, gid })
    return { mode: mode ?? inode?.mode ?? 0o644, uid, gid }
  }

  private ownerId(p: string, owner: IgnitionOwner, kind: 'user' | 'group'): number | null {
    if (owner === null) return null
    if ('id' in owner) return owner.id
    const found =
      kind === 'user'
        ? (this.accounts.user(owner.name)?.uid ?? null)
        : (this.accounts.group(owner.name)?.gid ?? null)
    if (found === null)
      throw new StageError(
        null,
        `failed to determine correct uid and gid for ${this.root.shown(p)}: no such ${kind} "${owner.name}"`,
        kind === 'user' ? 'noSuchUser' : 'noSuchGroup',
        { name: owner.name },
      )
    return found
  }

  private createDirectory(p: string, d: IgnitionDirectory): void {
    const st = this.root.lstat(p)
    if (st !== null && st.kind !== 'dir')
      throw new StageError(
        null,
        `error creating directory ${this.root.shown(p)}: A non-directory already exists and overwrite is false`,
        'notDirectory',
        { path: p },
      )
    const made = st === null ? this.root.mkdirAll(p, 0o755) : []
    const attrs = this.setPermissions(p, d.mode, d.user, d.group)
    for (const dir of made)
      this.actions.push({
        type: 'directory/created',
        path: dir,
        ...this.root.landing(dir),
        mode: dir === p ? attrs.mode : 0o755,
      })
    if (st !== null)
      this.actions.push({ type: 'attrs/set', path: p, ...this.root.landing(p), ...attrs })
  }

  private createLink(p: string, l: IgnitionLink): void {
    const target = l.target ?? ''
    const hard = l.hard === true
    const st = this.root.lstat(p)
    if (st !== null) {
      if (hard) {
        const t = this.root.resolve(cleanPath('/' + target))
        const same = this.root.lstat(t)
        if (same !== null && same === st) return // "Hardlink ... already exists, doing nothing"
      } else if (st.kind === 'symlink' && cleanPath(st.target) === cleanPath(target)) return
      throw new StageError(
        null,
        `error creating ${hard ? 'hard link' : 'symlink'} ${this.root.shown(p)}: a file already exists at that path and overwrite is false`,
        'linkExists',
        { path: p },
      )
    }
    this.parents(p)
    if (hard) {
      if (target === '')
        throw new StageError('ENOENT', `link : no such file or directory`, 'errno', {
          path: p,
          errno: 'ENOENT',
        })
      this.root.link(cleanPath('/' + target), p)
    } else {
      if (target === '')
        throw new StageError(
          'ENOENT',
          `could not create symlink: symlink  ${this.root.shown(p)}: no such file or directory`,
          'errno',
          {
            path: p,
            errno: 'ENOENT',
          },
        )
      this.root.symlink(p, target)
      this.setPermissions(p, null, l.user, l.group)
    }
    this.actions.push({ type: 'link/created', path: p, ...this.root.landing(p), target, hard })
  }

  // -- units and presets -------------------------------------------------------------------------

  createUnits(config: IgnitionConfig): void {
    const presets = new Map<string, Preset>()
    config.systemd.units.forEach((u, i) => {
      this.at = `$.systemd.units[${i}]`
      for (const d of u.dropins) {
        if (d.contents === null) continue
        const p = this.root.resolve(`${UNITS}/${u.name}.d/${d.name}`)
        this.parents(p)
        this.root.createFile(p, d.contents, utf8Length(d.contents), { mode: 0o644, uid: 0, gid: 0 })
        this.actions.push({
          type: 'dropin/written',
          unit: u.name,
          name: d.name,
          path: p,
          ...this.root.landing(p),
        })
      }
      const path = this.root.resolve(`${UNITS}/${u.name}`)
      if (u.contents !== null && u.contents !== '') {
        this.parents(path)
        this.root.createFile(path, u.contents, utf8Length(u.contents), {
          mode: 0o644,
          uid: 0,
          gid: 0,
        })
        this.actions.push({
          type: 'unit/written',
          name: u.name,
          path,
          ...this.root.landing(path),
        })
      }
      if (u.enabled !== null) {
        const identifier = u.enabled ? 'enabled' : 'disabled'
        const at = u.name.indexOf('@')
        const dot = u.name.lastIndexOf('.')
        if (at !== -1 && dot > at) {
          const unit = u.name.slice(0, at + 1) + u.name.slice(dot)
          const key = `${unit}-${identifier}`
          const known = presets.get(key)
          if (known !== undefined) known.instances.push(u.name.slice(at + 1, dot))
          else
            presets.set(key, {
              unit,
              enabled: u.enabled,
              template: true,
              instances: [u.name.slice(at + 1, dot)],
            })
        } else
          presets.set(`${u.name}-${identifier}`, {
            unit: u.name,
            enabled: u.enabled,
            template: false,
            instances: [],
          })
      }
      if (u.mask === true) {
        this.parents(path)
        this.root.removeAll(path)
        this.root.symlink(path, '/dev/null')
        this.actions.push({
          type: 'unit/masked',
          name: u.name,
          path,
          ...this.root.landing(path),
        })
      } else if (u.mask === false) {
        const st = this.root.lstat(path)
        if (st?.kind === 'symlink' && st.target === '/dev/null') {
          this.root.unlink(path)
          this.actions.push({
            type: 'unit/unmasked',
            name: u.name,
            path,
            ...this.root.landing(path),
          })
        }
      }
    })
    if (presets.size === 0) return
    this.at = '$.systemd.units'
    const lines: string[] = []
    for (const key of [...presets.keys()].sort()) {
      const p = presets.get(key) as Preset
      const unit = p.template ? `${p.unit} ${p.instances.join(' ')}` : p.unit
      if (p.enabled) {
        lines.push(`enable ${unit}`)
        this.actions.push({ type: 'unit/enabled', name: unit })
      } else {
        const removed = this.enablementLinks(unit)
        if (removed.length === 0) continue // `systemctl is-enabled` failed: nothing to disable
        for (const link of removed) this.root.unlink(link)
        lines.push(`disable ${unit}`)
        this.actions.push({ type: 'unit/disabled', name: unit, removed })
      }
    }
    if (lines.length === 0) return
    const preset = this.root.resolve(PRESET_PATH)
    this.parents(preset)
    for (const line of lines) this.root.appendFile(preset, `${line}\n`, utf8Length(line) + 1)
    this.actions.push({
      type: 'preset/written',
      path: preset,
      ...this.root.landing(preset),
      lines,
    })
  }

  /** The `*.wants`/`*.requires` links to a unit under /etc/systemd/system: what makes it enabled. */
  private enablementLinks(unit: string): string[] {
    if (unit.includes(' ')) return []
    const dir = this.root.resolve(UNITS, true)
    const view = this.root.draft.view()
    const links: string[] = []
    for (const [name, , inode] of readDir(view, this.root.fsPath(dir), false)) {
      if (inode.kind !== 'dir' || !/\.(wants|requires|upholds)$/.test(name)) continue
      for (const [entry, , link] of readDir(view, this.root.fsPath(`${dir}/${name}`), false))
        if (entry === unit && link.kind === 'symlink') links.push(`${dir}/${name}/${entry}`)
    }
    return links
  }

  // -- the result file ---------------------------------------------------------------------------

  /** createResultFile: /etc/.ignition-result.json, 0600, replaced if there (files.go). */
  createResultFile(userConfigProvided: boolean, bootId: string): void {
    this.at = '$'
    const text =
      JSON.stringify(
        {
          provisioningBootID: bootId,
          provisioningDate: isoTime(this.root.mtime),
          userConfigProvided,
        },
        null,
        2,
      ) + '\n'
    const p = this.root.resolve(RESULT_PATH)
    this.root.removeAll(p)
    this.root.createFile(p, text, utf8Length(text), { mode: 0o600, uid: 0, gid: 0 })
    this.actions.push({ type: 'result/written', path: p, ...this.root.landing(p) })
  }
}
