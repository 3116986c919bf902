/**
 * Runs a scenario through the real `ostree` binary in a throwaway sysroot and reads back what it
 * left on disk. Node only: the differential tests and `scripts/golden.ts` use it, the engine never.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type {
  DeploymentObservation,
  EtcEntry,
  RawObservation,
  Scenario,
  ScenarioAction,
  TinyTree,
} from './types'

/** True when `ostree --version` runs and we are root (a bare repo and `chattr` need root). */
export function ostreeAvailable(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false
  try {
    execFileSync('ostree', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** What a failed `ostree` printed on stderr; any other exception is a broken scenario, rethrown. */
function failureOf(e: unknown): string {
  const stderr = (e as { stderr?: unknown }).stderr
  if (typeof stderr === 'string' && stderr !== '') return stderr
  throw e
}

function ostree(args: string[]): string {
  return execFileSync('ostree', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // English messages, and UTF-8 like FCOS: under plain C, GLib turns the no-break space that
    // `Freed objects: 2.5 kB` holds into '?'.
    env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
  })
}

/** Sets the mode explicitly: the process umask must not leak into the commit's modes. */
function writeTree(root: string, tree: TinyTree): void {
  mkdirSync(root, { recursive: true })
  // mkdtemp makes 0700 folders, and the tree root's mode becomes the deployment root's mode.
  chmodSync(root, 0o755)
  const ensureParent = (rel: string): void => {
    const parts = rel.split('/').slice(0, -1)
    let cur = root
    for (const part of parts) {
      cur = join(cur, part)
      if (!existsSync(cur)) {
        mkdirSync(cur)
        chmodSync(cur, 0o755)
      }
    }
  }
  for (const entry of tree.entries) {
    const abs = join(root, entry.path)
    ensureParent(entry.path)
    if (entry.kind === 'dir') {
      if (!existsSync(abs)) mkdirSync(abs)
      chmodSync(abs, entry.mode)
    } else if (entry.kind === 'file') {
      writeFileSync(abs, entry.data)
      chmodSync(abs, entry.mode)
    } else {
      symlinkSync(entry.target, abs)
    }
  }
}

/** The bootcsum: SHA-256 over vmlinuz then initramfs (no devicetree in tiny trees), reference 1.4. */
export function bootcsumOf(tree: TinyTree): string {
  const find = (suffix: string): string => {
    const hit = tree.entries.find(
      (e) =>
        e.kind === 'file' && /^usr\/lib\/modules\/[^/]+\//.test(e.path) && e.path.endsWith(suffix),
    )
    if (hit?.kind !== 'file') throw new Error(`tree ${tree.version} has no ${suffix}`)
    return hit.data
  }
  return createHash('sha256').update(find('/vmlinuz')).update(find('/initramfs.img')).digest('hex')
}

interface Listed {
  stateroot: string
  checksum: string
  serial: number
}

/** Deployments in list order, from the first line of each block of `ostree admin status`. */
function parseStatus(status: string): Listed[] {
  const out: Listed[] = []
  for (const line of status.split('\n')) {
    const m = /^[* ] (\S+) ([0-9a-f]{64})\.(\d+)/.exec(line)
    if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
      out.push({ stateroot: m[1], checksum: m[2], serial: Number(m[3]) })
    }
  }
  return out
}

function entryOf(abs: string, rel: string, withData: boolean): EtcEntry {
  const st = lstatSync(abs)
  const owner = st.uid === 0 && st.gid === 0 ? {} : { uid: st.uid, gid: st.gid }
  if (st.isSymbolicLink()) {
    return {
      path: rel,
      kind: 'symlink',
      mode: st.mode & 0o7777,
      target: readlinkSync(abs),
      ...owner,
    }
  }
  if (st.isDirectory()) return { path: rel, kind: 'dir', mode: st.mode & 0o7777, ...owner }
  if (!st.isFile()) throw new Error(`unexpected file type at ${abs}`)
  const e: EtcEntry = { path: rel, kind: 'file', mode: st.mode & 0o7777 }
  if (withData) e.data = readFileSync(abs, 'utf8')
  return { ...e, ...owner }
}

/** Every path under `dir` (relative, no leading slash), depth first, sorted by path. */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix === '' ? name : `${prefix}/${name}`
    out.push(rel)
    const abs = join(dir, name)
    if (lstatSync(abs).isDirectory()) out.push(...walk(abs, rel))
  }
  return out
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

interface SeenDeployment {
  obs: DeploymentObservation
  /** mtime in nanoseconds of each /etc path: a copy that keeps the mtime keeps it to the ns. */
  etcMtimes: Map<string, bigint>
}

function observeDeployment(deployDir: string, d: Listed): SeenDeployment {
  const name = `${d.checksum}.${d.serial}`
  const root = join(deployDir, name)
  const etcDir = join(root, 'etc')
  const etcPaths = walk(etcDir).sort(byPath)
  const etc = etcPaths.map((rel) => entryOf(join(etcDir, rel), rel, true))
  const etcMtimes = new Map(
    etcPaths.map((rel) => [rel, lstatSync(join(etcDir, rel), { bigint: true }).mtimeNs]),
  )
  const usrLinks: Record<string, number> = {}
  let usrMtimeZero = true
  for (const rel of walk(join(root, 'usr'))) {
    const st = lstatSync(join(root, 'usr', rel))
    if (st.isSymbolicLink()) {
      // In a bare repo symlinks are repo objects too and get hardlinked (not recreated, as
      // reference 2.1 says); their mtime is when the object was written, not 0.
      usrLinks[`usr/${rel}`] = st.nlink
      continue
    }
    if (st.mtimeMs !== 0) usrMtimeZero = false
    if (st.isFile()) usrLinks[`usr/${rel}`] = st.nlink
  }
  const top = readdirSync(root)
    .sort(byPath)
    .map((n) => {
      const e = entryOf(join(root, n), n, false)
      if (e.kind !== 'dir') e.nlink = lstatSync(join(root, n)).nlink
      return e
    })
  return {
    obs: {
      name,
      root: top,
      etc,
      usrLinks,
      usrMtimeZero,
      immutable: lsattrImmutable(root),
      origin: readFileSync(join(deployDir, `${name}.origin`), 'utf8'),
    },
    etcMtimes,
  }
}

/** Marks each /etc entry whose mtime (to the ns) equals the same path's in another deployment. */
function markSharedMtimes(seen: SeenDeployment[]): DeploymentObservation[] {
  for (const d of seen) {
    for (const e of d.obs.etc) {
      const t = d.etcMtimes.get(e.path)
      const others = seen
        .filter((o) => o !== d && t !== undefined && o.etcMtimes.get(e.path) === t)
        .map((o) => o.obs.name)
      if (others.length > 0) e.mtimeSharedWith = others
    }
  }
  return seen.map((d) => d.obs)
}

function lsattrImmutable(path: string): boolean {
  const out = execFileSync('lsattr', ['-d', path], { encoding: 'utf8' })
  const flags = out.split(' ')[0] ?? ''
  return flags.includes('i')
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return walk(dir).filter((rel) => !lstatSync(join(dir, rel)).isDirectory())
}

type EtcAction = Extract<ScenarioAction, { path: string }>

/**
 * Makes one edit on disk. A write gets `mtime` (seconds): writes made within one tick of the
 * kernel's coarse clock would share an mtime, which the engine's clock never gives them, and
 * `mtimeSharedWith` would then pair a file with one it was not copied from.
 */
function applyEtcAction(etcDir: string, action: EtcAction, mtime: number): void {
  const abs = join(etcDir, action.path)
  const ensureParent = (): void => {
    if (!existsSync(dirname(abs))) mkdirSync(dirname(abs), { recursive: true, mode: 0o755 })
  }
  switch (action.type) {
    case 'etc/write': {
      ensureParent()
      const existed = existsSync(abs)
      writeFileSync(abs, action.data)
      if (action.mode !== undefined) chmodSync(abs, action.mode)
      else if (!existed) chmodSync(abs, 0o644)
      utimesSync(abs, mtime, mtime)
      return
    }
    case 'etc/delete':
      rmSync(abs, { recursive: true, force: true })
      return
    case 'etc/chmod':
      chmodSync(abs, action.mode)
      return
    case 'etc/chown':
      chownSync(abs, action.uid, action.gid)
      return
    case 'etc/mkdir':
      ensureParent()
      mkdirSync(abs)
      chmodSync(abs, action.mode)
      return
    case 'etc/symlink':
      ensureParent()
      rmSync(abs, { force: true })
      symlinkSync(action.target, abs)
      return
  }
}

/** `init-fs --modern`, `os-init` and no bootloader to update: a sysroot before any deploy. */
function initSysroot(sysroot: string, stateroot: string): void {
  mkdirSync(sysroot)
  ostree(['admin', 'init-fs', '--modern', sysroot])
  ostree(['admin', 'os-init', `--sysroot=${sysroot}`, stateroot])
  ostree([
    `--repo=${join(sysroot, 'ostree', 'repo')}`,
    'config',
    'set',
    'sysroot.bootloader',
    'none',
  ])
}

/**
 * A sysroot made by `initSysroot` once, for runs that copy it instead of running the three
 * commands again: the copy holds the same files, modes and repo config, in a tenth of the time.
 * `dispose` removes it.
 */
export interface SysrootTemplate {
  stateroot: string
  dir: string
  dispose(): void
}

export function makeSysrootTemplate(stateroot: string): SysrootTemplate {
  const tmp = mkdtempSync(join(tmpdir(), 'ostree-template-'))
  const dir = join(tmp, 'sysroot')
  initSysroot(dir, stateroot)
  return { stateroot, dir, dispose: () => rmSync(tmp, { recursive: true, force: true }) }
}

/**
 * Builds the scenario's trees, runs the real commands against a fresh sysroot set up the way
 * coreos-assembler sets one up (reference 1.2), and reads back the observation. With a template
 * of the scenario's stateroot, the fresh sysroot is a copy of it.
 */
export function runRealOstree(scenario: Scenario, template?: SysrootTemplate): RawObservation {
  const tmp = mkdtempSync(join(tmpdir(), 'ostree-diff-'))
  const sysroot = join(tmp, 'sysroot')
  const boot = join(sysroot, 'boot')
  const mounts: string[] = []
  const mount = (at: string): void => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'mode=0755', 'tmpfs', at])
    mounts.unshift(at)
  }
  try {
    // The whole run in memory: ostree fsyncs what it writes, which on a disk took more than half
    // of each run. A tmpfs answers like the disk (hard links, modes, `chattr +i`), except for the
    // order readdir lists names in, which nothing observed depends on.
    mount(tmp)
    if (template === undefined) initSysroot(sysroot, scenario.stateroot)
    else if (template.stateroot !== scenario.stateroot)
      throw new Error(`template of ${template.stateroot} for ${scenario.stateroot}`)
    else cpSync(template.dir, sysroot, { recursive: true, verbatimSymlinks: true })
    // On FCOS /boot is its own ext4 partition (reference 1.1), so ostree copies kernels into it
    // instead of hardlinking them from the repo; a tmpfs of its own gives the same answer.
    mount(boot)
    return runIn(tmp, scenario)
  } finally {
    for (const at of mounts) spawnSync('umount', [at], { stdio: 'ignore' })
    // Finished deployment roots carry chattr +i (reference 2.5); rm -rf fails on them if the
    // unmount did not take them away. chattr exits 1 because symlinks have no flags to read.
    if (readdirSync(tmp).length > 0) spawnSync('chattr', ['-R', '-i', tmp], { stdio: 'ignore' })
    rmSync(tmp, { recursive: true, force: true })
  }
}

function runIn(tmp: string, scenario: Scenario): RawObservation {
  const sysroot = join(tmp, 'sysroot')
  const repo = join(sysroot, 'ostree', 'repo')
  const sr = `--sysroot=${sysroot}`

  const commits: string[] = []
  const bootcsums: string[] = []
  const printed: string[] = []
  let error: string | undefined
  let deploys = 0
  const deployDir = join(sysroot, 'ostree', 'deploy', scenario.stateroot, 'deploy')
  const status = (): string => ostree(['admin', 'status', sr])
  /** The merge deployment's /etc, looked up once after each command that changes the list. */
  let mergeEtcDir: string | null = null
  let edits = 0
  const admin = (args: string[]): void => {
    mergeEtcDir = null
    try {
      printed.push(ostree(['admin', ...args, sr]))
    } catch (e) {
      // What it printed before failing, e.g. the merge's counts when the merge then fails.
      const stdout = (e as { stdout?: unknown }).stdout
      printed.push(typeof stdout === 'string' ? stdout : '')
      throw e
    }
  }

  for (const action of scenario.actions) {
    try {
      switch (action.type) {
        case 'commit': {
          const treeDir = join(tmp, `tree${commits.length + 1}`)
          writeTree(treeDir, action.tree)
          const out = ostree([
            `--repo=${repo}`,
            'commit',
            '-b',
            scenario.ref,
            `--tree=dir=${treeDir}`,
            `--add-metadata-string=version=${action.tree.version}`,
          ])
          commits.push(out.trim())
          const k = bootcsumOf(action.tree)
          if (!bootcsums.includes(k)) bootcsums.push(k)
          break
        }
        case 'deploy': {
          const kargs = [...(deploys === 0 ? scenario.kargs : []), ...(action.karg ?? [])]
          deploys++
          admin([
            'deploy',
            `--os=${scenario.stateroot}`,
            ...kargs.map((k) => `--karg=${k}`),
            scenario.ref,
          ])
          break
        }
        case 'pin':
          admin(['pin', ...(action.unpin ? ['--unpin'] : []), `${action.index}`])
          break
        case 'undeploy':
          admin(['undeploy', `${action.index}`])
          break
        default: {
          if (mergeEtcDir === null) {
            const first = parseStatus(status())[0]
            if (first === undefined) throw new Error(`${action.type} before any deploy`)
            mergeEtcDir = join(deployDir, `${first.checksum}.${first.serial}`, 'etc')
          }
          // One edit a second, from an hour before this /etc was written: far from the copies
          // deploys make, and read off the disk rather than a clock.
          const written = lstatSync(mergeEtcDir).mtimeMs / 1000
          applyEtcAction(mergeEtcDir, action, written - 3600 + edits++)
        }
      }
    } catch (e) {
      error = failureOf(e)
      break
    }
  }

  const statusText = status()
  const listed = parseStatus(statusText)
  const boot = join(sysroot, 'boot')
  const ostreeDir = join(sysroot, 'ostree')
  const loader = readlinkSync(join(boot, 'loader'))
  const entries: Record<string, string> = {}
  for (const name of readdirSync(join(boot, loader, 'entries')).sort(byPath)) {
    entries[name] = readFileSync(join(boot, loader, 'entries', name), 'utf8')
  }
  const bootlinks: Record<string, string> = {}
  const bootlinkTargets: Record<string, string> = {}
  for (const name of readdirSync(ostreeDir).sort(byPath)) {
    const abs = join(ostreeDir, name)
    if (/^boot\.\d$/.test(name)) bootlinks[name] = readlinkSync(abs)
    else if (/^boot\.\d\.\d$/.test(name)) {
      for (const rel of filesUnder(abs))
        bootlinkTargets[`${name}/${rel}`] = readlinkSync(join(abs, rel))
    }
  }
  const bootDirs = [
    ...readdirSync(boot).sort(byPath),
    ...(existsSync(join(boot, 'ostree'))
      ? walk(join(boot, 'ostree')).map((r) => `ostree/${r}`)
      : []),
  ]
  const ostreeDirs = [
    ...readdirSync(ostreeDir).sort(byPath),
    ...readdirSync(deployDir)
      .sort(byPath)
      .map((n) => `deploy/${scenario.stateroot}/deploy/${n}`),
  ]
  let configDiff = ''
  if (listed.length > 0) {
    configDiff = ostree(['admin', 'config-diff', sr, `--os=${scenario.stateroot}`])
  }
  return {
    deployments: markSharedMtimes(listed.map((d) => observeDeployment(deployDir, d))),
    loader,
    entries,
    bootlinks,
    bootlinkTargets,
    bootDirs,
    ostreeDirs,
    status: statusText,
    configDiff,
    printed,
    ...(error === undefined ? {} : { error }),
    refs: filesUnder(join(repo, 'refs', 'heads')).sort(byPath),
    commits,
    bootcsums,
    tmpdir: tmp,
  }
}
