/**
 * The engine's side of the differential tests: runs a scenario on the model and reads back the same
 * RawObservation that `runRealOstree` reads from a real sysroot.
 */
import { deploy, editEtc, pin, undeploy, type EtcEdit } from '../ops'
import {
  FsDraft,
  emptyFilesystem,
  inodeOf,
  lookupPath,
  readDir,
  readLink,
  walkTree,
  linkCount,
} from '../fs'
import {
  commitRelease,
  initRepo,
  objectsOfCommit,
  hasObject,
  writeObjects,
  writeRef,
  readRefs,
  REPO,
  type ObjectStore,
  type RepoObject,
} from '../repo'
import { eventsOf } from '../events'
import { sha256Hex } from '../hash'
import { listDeployments, ostreeAdminStatus, configDiff } from '../status'
import { deployPath, readBootversion } from '../sysroot'
import type { Release, TreeEntry } from '../releases/types'
import type { Filesystem, Machine, Step } from '../types'
import type { DeploymentObservation, EtcEntry, RawObservation, Scenario, TinyTree } from './types'

/** A tiny tree as the build system would commit it: absolute paths, parents listed first. */
function toRelease(tree: TinyTree): Release {
  const entries = new Map<string, TreeEntry>()
  const addParents = (path: string): void => {
    const parts = path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const dir = '/' + parts.slice(0, i).join('/')
      if (!entries.has(dir))
        entries.set(dir, { path: dir, kind: 'dir', mode: 0o755, uid: 0, gid: 0 })
    }
  }
  for (const e of tree.entries) {
    addParents(e.path)
    const path = `/${e.path}`
    if (e.kind === 'file') {
      entries.set(path, {
        path,
        kind: 'file',
        mode: e.mode,
        uid: 0,
        gid: 0,
        size: new TextEncoderLike().length(e.data),
        data: e.data,
      })
    } else if (e.kind === 'dir')
      entries.set(path, { path, kind: 'dir', mode: e.mode, uid: 0, gid: 0 })
    else entries.set(path, { path, kind: 'symlink', target: e.target, uid: 0, gid: 0 })
  }
  const sorted = [...entries.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  )
  return {
    profile: 'fcos',
    version: tree.version,
    timestamp: 0,
    kernel: '',
    illustrative: true,
    illustrativeFields: [],
    tree: sorted,
  }
}

class TextEncoderLike {
  length(s: string): number {
    let n = 0
    for (const ch of s) {
      const c = ch.codePointAt(0) as number
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
    }
    return n
  }
}

/** `ostree admin init-fs --modern` and `os-init`, as real ostree 2022.7 leaves them. */
function emptySysroot(stateroot: string): Machine {
  const t = 1_700_000_000
  const root = new FsDraft(emptyFilesystem('root', 'xfs', 128, t))
  root.mkdir('/boot', { mtime: t })
  root.mkdirp('/ostree/deploy', { mtime: t })
  initRepo(root, t)
  root.mkdirp(`/ostree/deploy/${stateroot}/deploy`, { mtime: t })
  const v = `/ostree/deploy/${stateroot}/var`
  root.mkdirp(v, { mtime: t })
  for (const d of ['lib', 'log']) root.mkdir(`${v}/${d}`, { mtime: t })
  root.mkdir(`${v}/tmp`, { mode: 0o1777, mtime: t })
  root.symlink(`${v}/lock`, '../run/lock', { mtime: t })
  root.symlink(`${v}/run`, '../run', { mtime: t })
  return {
    version: 1,
    profile: 'fcos',
    scale: 0,
    clock: t,
    power: 'off',
    partitions: [],
    filesystems: { root: root.finish(), boot: emptyFilesystem('boot', 'ext4', 2, t) },
    volatile: {},
    runtime: null,
    remote: { name: 'local', url: '', published: 0 },
    provider: { ignition: null },
  }
}

function etcEdit(action: Scenario['actions'][number]): EtcEdit | null {
  switch (action.type) {
    case 'etc/write':
      return {
        type: 'write',
        path: action.path,
        data: action.data,
        ...(action.mode === undefined ? {} : { mode: action.mode }),
      }
    case 'etc/delete':
      return { type: 'delete', path: action.path }
    case 'etc/chmod':
      return { type: 'chmod', path: action.path, mode: action.mode }
    case 'etc/chown':
      return { type: 'chown', path: action.path, uid: action.uid, gid: action.gid }
    case 'etc/mkdir':
      return { type: 'mkdir', path: action.path, mode: action.mode }
    case 'etc/symlink':
      return { type: 'symlink', path: action.path, target: action.target }
    default:
      return null
  }
}

function printedOf(steps: Step[]): string {
  const lines: string[] = []
  for (const { event } of steps) {
    if ('printed' in event && event.printed !== undefined) lines.push(event.printed)
    if (event.type === 'repo/pruned' && event.bytes > 0) {
      lines.push(`Freed objects: ${formatSize(event.bytes)}`)
    }
  }
  return lines.map((l) => `${l}\n`).join('')
}

/** GLib's `g_format_size`: decimal units, one decimal, a no-break space. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = bytes / 1000
  let i = 0
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000
    i++
  }
  return `${value.toFixed(1)}\u00a0${units[i]}`
}

function entry(fs: Filesystem, rel: string, ino: number, withData: boolean): EtcEntry {
  const inode = inodeOf(fs, ino)
  if (inode === null) throw new Error(`no inode ${ino}`)
  const owner = inode.uid === 0 && inode.gid === 0 ? {} : { uid: inode.uid, gid: inode.gid }
  if (inode.kind === 'symlink')
    return { path: rel, kind: 'symlink', mode: 0o777, target: inode.target, ...owner }
  if (inode.kind === 'dir') return { path: rel, kind: 'dir', mode: inode.mode, ...owner }
  return withData
    ? { path: rel, kind: 'file', mode: inode.mode, data: inode.data, ...owner }
    : { path: rel, kind: 'file', mode: inode.mode, ...owner }
}

function observeDeployments(m: Machine): DeploymentObservation[] {
  const root = m.filesystems.root as Filesystem
  const list = listDeployments(m)
  const seen = list.map((d) => {
    const dir = deployPath(d)
    const etc: EtcEntry[] = []
    const mtimes = new Map<string, number>()
    walkTree(root, `${dir}/etc`, (rel, inode, ino) => {
      etc.push(entry(root, rel, ino, true))
      mtimes.set(rel, inode.mtime)
    })
    const usrLinks: Record<string, number> = {}
    let usrMtimeZero = true
    walkTree(root, `${dir}/usr`, (rel, inode) => {
      if (inode.kind === 'symlink') {
        usrLinks[`usr/${rel}`] = inode.nlink
        return
      }
      if (inode.mtime !== 0) usrMtimeZero = false
      if (inode.kind === 'file') usrLinks[`usr/${rel}`] = linkCount(root, inode)
    })
    const top = readDir(root, dir, false).map(([name, ino, inode]) => {
      const e = entry(root, name, ino, false)
      if (inode.kind !== 'dir') e.nlink = linkCount(root, inode)
      return e
    })
    const rootInode = lookupPath(root, dir)
    const obs: DeploymentObservation = {
      name: `${d.checksum}.${d.serial}`,
      root: top,
      etc,
      usrLinks,
      usrMtimeZero,
      immutable: rootInode?.immutable === true,
      origin: (lookupPath(root, `${dir}.origin`) as { data?: string } | null)?.data ?? '',
    }
    return { obs, mtimes }
  })
  // A path whose mtime another deployment's /etc has too: the merge kept the local file's mtime.
  for (const d of seen) {
    for (const e of d.obs.etc) {
      const t = d.mtimes.get(e.path)
      if (e.kind !== 'file') continue
      const others = seen
        .filter(
          (o) =>
            o !== d &&
            o.mtimes.get(e.path) === t &&
            o.obs.etc.find((x) => x.path === e.path)?.kind === 'file',
        )
        .map((o) => o.obs.name)
      if (others.length > 0) e.mtimeSharedWith = others
    }
  }
  return seen.map((s) => s.obs)
}

/** Runs a scenario on the engine; the result goes through the same `normalize` as real ostree's. */
export function runEngine(scenario: Scenario): RawObservation {
  let m = emptySysroot(scenario.stateroot)
  const store: ObjectStore = { objects: new Map<string, RepoObject>() }
  const commits: string[] = []
  const bootcsums: string[] = []
  const printed: string[] = []
  let error: string | undefined
  let deploys = 0
  for (const action of scenario.actions) {
    /** Takes the machine the command left, even a failed one, and records the failure. */
    const run = (steps: Step[]): Step[] => {
      m = steps.at(-1)?.machine ?? m
      const failed = eventsOf(steps, 'command/failed')[0]
      if (failed !== undefined) error = `${failed.message}\n`
      return steps
    }
    switch (action.type) {
      case 'commit': {
        const release = toRelease(action.tree)
        // Clocks tick between commits in reality; the commit timestamp is part of its checksum.
        const commit = commitRelease(
          store,
          { ...release, timestamp: commits.length },
          commits.at(-1) ?? null,
        )
        commits.push(commit)
        const root = new FsDraft(m.filesystems.root as Filesystem)
        const missing = objectsOfCommit((sum) => store.objects.get(sum), commit)
          .filter(
            ({ checksum, type }, i, all) =>
              all.findIndex((x) => x.checksum === checksum && x.type === type) === i,
          )
          .filter(({ checksum, type }) => !hasObject(root.view(), checksum, type))
          .map(({ checksum, type }) => ({
            checksum,
            type,
            obj: store.objects.get(checksum) as RepoObject,
          }))
        writeObjects(root, missing, m.clock)
        writeRef(root, 'heads', scenario.ref, commit, m.clock)
        m = { ...m, filesystems: { ...m.filesystems, root: root.finish() } }
        const kver = action.tree.entries.find((e) =>
          /^usr\/lib\/modules\/[^/]+\/vmlinuz$/.test(e.path),
        )
        const initrd = action.tree.entries.find((e) =>
          /^usr\/lib\/modules\/[^/]+\/initramfs\.img$/.test(e.path),
        )
        if (kver?.kind === 'file' && initrd?.kind === 'file') {
          const k = sha256Hex(kver.data + initrd.data)
          if (!bootcsums.includes(k)) bootcsums.push(k)
        }
        break
      }
      case 'deploy': {
        const first = deploys === 0
        deploys++
        const steps = run(
          deploy(m, {
            commit: commits.at(-1) as string,
            stateroot: scenario.stateroot,
            refspec: scenario.ref,
            ...(first
              ? { kargs: [...scenario.kargs, ...(action.karg ?? [])] }
              : action.karg === undefined
                ? {}
                : { karg: action.karg }),
          }),
        )
        printed.push(printedOf(steps))
        break
      }
      case 'pin':
        printed.push(printedOf(run(pin(m, action.index, action.unpin === true))))
        break
      case 'undeploy':
        printed.push(printedOf(run(undeploy(m, action.index))))
        break
      default: {
        const edit = etcEdit(action)
        if (edit !== null) run(editEtc(m, edit))
      }
    }
    if (error !== undefined) break
  }
  const root = m.filesystems.root as Filesystem
  const boot = m.filesystems.boot as Filesystem
  const bootversion = readBootversion(boot)
  const entries: Record<string, string> = {}
  for (const [name, , inode] of readDir(boot, `/loader.${bootversion}/entries`)) {
    if (inode.kind === 'file') entries[name] = inode.data
  }
  const bootlinks: Record<string, string> = {}
  const bootlinkTargets: Record<string, string> = {}
  for (const [name, , inode] of readDir(root, '/ostree', false)) {
    if (/^boot\.\d$/.test(name) && inode.kind === 'symlink') bootlinks[name] = inode.target
    else if (/^boot\.\d\.\d$/.test(name)) {
      walkTree(root, `/ostree/${name}`, (rel, i) => {
        if (i.kind === 'symlink') bootlinkTargets[`${name}/${rel}`] = i.target
      })
    }
  }
  const bootDirs = readDir(boot, '/', false)
    .map(([name]) => name)
    .filter((n) => n !== 'lost+found')
  walkTree(boot, '/ostree', (rel) => bootDirs.push(`ostree/${rel}`))
  const ostreeDirs = readDir(root, '/ostree', false).map(([name]) => name)
  for (const [name] of readDir(root, `/ostree/deploy/${scenario.stateroot}/deploy`, false)) {
    ostreeDirs.push(`deploy/${scenario.stateroot}/deploy/${name}`)
  }
  const refs = Object.keys(readRefs(root, 'heads')).sort()
  void REPO
  return {
    deployments: observeDeployments(m),
    loader: readLink(boot, '/loader') ?? '',
    entries,
    bootlinks,
    bootlinkTargets,
    bootDirs,
    ostreeDirs,
    status: ostreeAdminStatus(m),
    configDiff: listDeployments(m).length > 0 ? configDiff(m) : '',
    printed,
    ...(error === undefined ? {} : { error }),
    refs,
    commits,
    bootcsums,
  }
}
