/**
 * The operations a person (or a tour) performs on the machine. Each is a pure function: it takes a
 * machine and returns the steps it takes, the last holding the machine after it. Errors a real tool
 * would print come back as a step too (`'command/failed'`), never as an exception.
 */
import {
  repoRoots,
  finalizeDeployment,
  initDeployment,
  originText,
  pruneRepo,
  replaceKargs,
  simpleWriteList,
  writeDeployments,
  writeOrigin,
  cleanup as sysrootCleanup,
  type ListItem,
} from './deploy'
import { MergeError, copyingMessage, type EtcDiff } from './etcMerge'
import { FsError, emptyFilesystem } from './fs'
import { sha256Hex } from './hash'
import { Recorder } from './recorder'
import {
  REPO,
  hasObject,
  initRepo,
  objectLookupByName,
  closureBeyond,
  closureOfCommit,
  closureParts,
  localReader,
  storedObjectCount,
  writeObjectRefs,
  writeRef,
  type ObjectRef,
  type ObjectStore,
  type ObjectType,
  type RepoObject,
} from './repo'
import { profileOf, remoteOfMachine, remoteOf } from './remote'
import { releaseVersion } from './releases'
import {
  STAGED_PATH,
  readBootversion,
  allDeployments,
  deployPath,
  deploymentName,
  diskDeployments,
  isPinned,
  kernelOf,
  readOrigin,
  readStaged,
  sameDeployment,
  type Deployment,
  type StagedState,
} from './sysroot'
import { listDeployments } from './status'
import type { DeploymentId, Machine, Partition, ProfileId, Step } from './types'
import { bootSteps, bootTimeOf } from './boot'
import { EFI_GRUB_CFG, EMPTY_GRUBENV, GRUB_CFG } from './grub'

const MiB = 1024 * 1024

/** A machine with a blank disk, powered off, before the image is written. */
export function blankMachine(profile: ProfileId, scale: number): Machine {
  const remote = remoteOf(profile, scale)
  const first = remote.release(0)
  if (first === undefined) throw new Error(`no release for ${profile}`)
  return {
    version: 1,
    profile,
    scale,
    // A day after the first release was built.
    clock: first.timestamp + 86_400,
    power: 'off',
    partitions: [],
    filesystems: {},
    volatile: {},
    runtime: null,
    remote: { name: remote.profile.remoteName, url: remote.profile.remoteUrl, published: 0 },
    provider: { ignition: null },
  }
}

/**
 * The platform is given an Ignition config for the machine (a file for QEMU's fw_cfg, user data on a
 * cloud). Nothing on the disk changes; the first boot will fetch it.
 */
export function provideIgnition(m: Machine, config: string | null): Step[] {
  return [
    {
      event: { type: 'ignition/provided', bytes: config?.length ?? 0 },
      caption: { key: config === null ? 'step.ignition.removed' : 'step.ignition.provided' },
      touched: [],
      machine: { ...m, provider: { ignition: config } },
    },
  ]
}

/** A command that failed; a failed /etc merge had printed its counts first (`diff`). */
function fail(
  m: Machine,
  command: string,
  message: string,
  exitCode = 1,
  diff: EtcDiff | null = null,
): Step[] {
  const printed = diff === null ? {} : { printed: copyingMessage(diff) }
  return [
    {
      event: { type: 'command/failed', command, message, exitCode, ...printed },
      caption: { key: 'step.command.failed', params: { command, message } },
      touched: [],
      machine: m,
    },
  ]
}

/** Writes the objects of a remote commit that the local repo lacks; returns counts by type and bytes. */
function fetchObjects(
  rec: Recorder,
  commit: string,
): { fetched: Record<ObjectType, number>; present: number; bytes: number; total: number } {
  const remote = remoteOfMachine(rec.machine)
  const lookup = (sum: string): RepoObject | undefined => remote.store.objects.get(sum)
  const root = rec.view('root')
  const local = objectLookupByName(root)
  const fetched: Record<ObjectType, number> = { commit: 0, dirtree: 0, dirmeta: 0, file: 0 }
  const total = closureOfCommit(lookup, commit).length
  // What the commits already in the repo reach is stored (an invariant): only the rest can be missing.
  const read = localReader(root)
  const roots = repoRoots(root).filter((c) => hasObject(root, c, 'commit'))
  const candidates = closureBeyond(lookup, commit, read, roots)
  // When the repo stores as many objects as its commits reach, it stores nothing else: then none
  // of the candidates, which no commit of the repo reaches, needs looking for.
  const reached = closureParts(read, roots).reduce((n, part) => n + part.length, 0)
  const onlyReached = storedObjectCount(root) === reached
  const objs = remoteObjects(remote.store, candidates)
  const refs: ObjectRef[] = []
  const toWrite: RepoObject[] = []
  let bytes = 0
  for (let i = 0; i < candidates.length; i++) {
    const ref = candidates[i] as ObjectRef
    if (!onlyReached && local(ref.prefix, ref.name) !== null) continue
    const obj = objs[i]
    if (obj === undefined) throw new Error(`remote lacks ${ref.checksum}.${ref.type}`)
    refs.push(ref)
    toWrite.push(obj)
    fetched[ref.type]++
    bytes +=
      obj.type === 'file' ? (obj.kind === 'file' ? obj.size : obj.target.length) : obj.text.length
  }
  writeObjectRefs(rec.fs('root'), refs, toWrite, rec.clock)
  return { fetched, present: total - refs.length, bytes, total }
}

/**
 * The remote's objects named by `refs`, in order. A closure or a difference of closures is
 * remembered per commit, so this list is too: an object's content never changes for its checksum.
 */
const remoteObjectsMemo = new WeakMap<readonly ObjectRef[], (RepoObject | undefined)[]>()

function remoteObjects(
  store: ObjectStore,
  refs: readonly ObjectRef[],
): readonly (RepoObject | undefined)[] {
  let objs = remoteObjectsMemo.get(refs)
  if (objs === undefined) {
    objs = refs.map(({ checksum }) => store.objects.get(checksum))
    if (!objs.includes(undefined)) remoteObjectsMemo.set(refs, objs)
  }
  return objs
}

export interface InstallOptions {
  profile: ProfileId
  scale: number
  release?: number
}

/**
 * The disk image written to the disk, as coreos-installer leaves it (reference 1.1 to 1.5): four
 * partitions, the repo with one commit, one deployment, `/boot/loader -> loader.1`,
 * `/ostree/boot.1 -> boot.1.1`, and `/boot/ignition.firstboot`.
 */
export function installImage(opts: InstallOptions): Step[] {
  const install = installing(opts)
  for (;;) {
    const next = install.next()
    if (next.done) return next.value
  }
}

/**
 * `installImage` in two pieces: it yields the disk's first steps (partitioned, formatted, the
 * sysroot and its stateroot made) before it builds and commits the release, the long part the
 * first time, then returns every step.
 */
export function* installing(opts: InstallOptions): Generator<Step[], Step[]> {
  const machine = blankMachine(opts.profile, opts.scale)
  const remote = remoteOfMachine(machine)
  const index = opts.release ?? 0
  const version = releaseVersion(opts.profile, index)
  if (version === undefined) throw new Error(`no release ${index}`)
  const profile = remote.profile
  const rec = new Recorder({ ...machine, remote: { ...machine.remote, published: index } })
  const partitions: Partition[] = [
    { number: 1, label: 'BIOS-BOOT', size: 1 * MiB, filesystem: null },
    { number: 2, label: 'EFI-SYSTEM', size: 127 * MiB, filesystem: 'efi' },
    { number: 3, label: 'boot', size: 384 * MiB, filesystem: 'boot' },
    // The image is 10 GB in all (reference 1.1); the root partition grows on first boot.
    { number: 4, label: 'root', size: 10_000_000_000 - 513 * MiB, filesystem: 'root' },
  ]
  rec.patch({ partitions })
  rec.step(
    { type: 'disk/partitioned', partitions: partitions.map((p) => p.label) },
    { key: 'step.install.partitioned', params: { count: partitions.length, os: profile.name } },
  )

  const t = rec.clock
  // mkfs draws each UUID at random; here a hash of the image and the label stands in for chance.
  const uuid = (label: string): string => {
    const h = sha256Hex(`${version}:${label}`)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
  }
  rec.setFilesystem('filesystems', 'efi', {
    ...emptyFilesystem('EFI-SYSTEM', 'vfat', 1, t),
    // vfat has a 32-bit volume id, printed XXXX-XXXX.
    uuid: `${uuid('EFI-SYSTEM').slice(0, 4)}-${uuid('EFI-SYSTEM').slice(4, 8)}`.toUpperCase(),
  })
  rec.setFilesystem('filesystems', 'boot', {
    ...emptyFilesystem('boot', 'ext4', 2, t),
    uuid: uuid('boot'),
  })
  rec.fs('boot').mkdir('/lost+found', { mode: 0o700, mtime: t })
  rec.setFilesystem('filesystems', 'root', {
    ...emptyFilesystem('root', 'xfs', 128, t),
    uuid: uuid('root'),
  })
  rec.step(
    { type: 'disk/formatted', filesystems: ['EFI-SYSTEM vfat', 'boot ext4', 'root xfs'] },
    { key: 'step.install.formatted' },
    ['efi:/', 'boot:/', 'root:/'],
  )

  // ostree admin init-fs --modern, then the repo config COSA sets (reference 1.2).
  const root = rec.fs('root')
  root.mkdir('/boot', { mtime: t })
  root.mkdirp('/ostree/deploy', { mtime: t })
  initRepo(root, t)
  root.mkdirp(`${REPO}/tmp/cache`, { mtime: t })
  root.writeFile(
    `${REPO}/config`,
    '[core]\nrepo_version=1\nmode=bare\n\n[sysroot]\nbootloader=none\nreadonly=true\n',
    { mtime: t },
  )
  rec.step({ type: 'sysroot/initialized' }, { key: 'step.install.sysrootInitialized' }, [
    'root:/ostree/repo',
    'root:/boot',
  ])

  // ostree admin os-init <stateroot>: the stateroot's deploy/ and its shared var/ (seen with real ostree 2022.7).
  const s = profile.stateroot
  const r2 = rec.fs('root')
  r2.mkdirp(`/ostree/deploy/${s}/deploy`, { mtime: t })
  const v = `/ostree/deploy/${s}/var`
  r2.mkdirp(v, { mtime: t })
  r2.mkdir(`${v}/lib`, { mtime: t })
  r2.mkdir(`${v}/log`, { mtime: t })
  r2.mkdir(`${v}/tmp`, { mode: 0o1777, mtime: t })
  r2.symlink(`${v}/lock`, '../run/lock', { mtime: t })
  r2.symlink(`${v}/run`, '../run', { mtime: t })
  rec.step(
    { type: 'stateroot/created', stateroot: s },
    { key: 'step.install.stateroot', params: { stateroot: s } },
    [`root:/ostree/deploy/${s}`],
  )
  yield [...rec.steps]

  const release = remote.release(index)
  const commit = remote.commitOf(index)
  if (release === undefined || commit === undefined) throw new Error(`no release ${index}`)
  const pulled = fetchObjects(rec, commit)
  if (profile.refspec !== null)
    writeRef(rec.fs('root'), 'remotes', `${profile.remoteName}/${profile.ref}`, commit, t)
  rec.step(
    { type: 'repo/objectsWritten', commit, ...pulled },
    {
      key: 'step.install.objectsWritten',
      params: { objects: pulled.total, bytes: pulled.bytes, version: release.version },
    },
    [`root:${REPO}/objects`],
  )

  const id = initDeployment(rec, s, commit)
  finalizeDeployment(rec, id, null, originText(profile.refspec ?? commit))
  writeDeployments(rec, [{ ...id, kargs: profile.installKargs }], { cleanup: 'full' })

  // What the image builder adds around the deployment (reference 1.1, 1.4, 5.6).
  const b = rec.fs('boot')
  // create_disk.sh install_grub_cfg: /boot/grub2 is 0700, like the grub2 RPM's
  b.mkdir('/grub2', { mode: 0o700, mtime: t })
  b.writeFile('/grub2/grub.cfg', GRUB_CFG, { mtime: t })
  b.writeFile('/grub2/grubenv', EMPTY_GRUBENV, { mtime: t })
  b.writeFile('/ignition.firstboot', '', { mtime: t })
  const e = rec.fs('efi')
  e.mkdirp('/EFI/fedora', { mtime: t })
  e.writeFile('/EFI/fedora/grub.cfg', EFI_GRUB_CFG, { mtime: t })
  const r3 = rec.fs('root')
  r3.writeFile(
    '/.coreos-aleph-version.json',
    JSON.stringify(
      {
        build: release.version,
        ref: profile.ref,
        'ostree-commit': commit,
        imgid: `${profile.id === 'fcos' ? 'fedora-coreos' : 'rhcos'}-${release.version}-qemu.x86_64.qcow2`,
      },
      null,
      2,
    ) + '\n',
    { mtime: t },
  )
  r3.setImmutable('/', true)
  rec.step(
    { type: 'install/finished', version: release.version },
    { key: 'step.install.finished', params: { version: release.version } },
    ['boot:/ignition.firstboot', 'boot:/grub2', 'root:/.coreos-aleph-version.json'],
  )
  return rec.steps
}

/** The remote publishes its next release (a step of a tour; nothing changes on the machine's disk). */
export function publishRelease(m: Machine): Step[] {
  const remote = remoteOfMachine(m)
  const next = m.remote.published + 1
  const release = remote.release(next)
  const commit = remote.commitOf(next)
  if (release === undefined || commit === undefined)
    return fail(m, 'publish', 'No newer release in the catalogue')
  const machine: Machine = {
    ...m,
    clock: Math.max(m.clock, release.timestamp) + 3600,
    remote: { ...m.remote, published: next },
  }
  return [
    {
      event: { type: 'remote/published', version: release.version, commit },
      caption: { key: 'step.remote.published', params: { version: release.version } },
      touched: [],
      machine,
    },
  ]
}

function requireBooted(m: Machine, command: string): Step[] | null {
  if (m.power !== 'on' || m.runtime?.phase !== 'running' || m.runtime.booted === null) {
    return fail(m, command, 'error: Not currently booted into an OSTree system')
  }
  return null
}

/** The newest commit the remote serves, or null when the booted one is already it. */
function newerCommit(m: Machine): { commit: string; version: string } | null {
  const remote = remoteOfMachine(m)
  const commit = remote.commitOf(m.remote.published)
  const release = remote.release(m.remote.published)
  const booted = m.runtime?.booted
  if (commit === undefined || release === undefined || booted === undefined || booted === null)
    return null
  const current = allDeployments(m)[0]
  if (booted.checksum === commit || current?.checksum === commit) return null
  return { commit, version: release.version }
}

/** `ostree pull`: fetches the objects of the remote's newest commit that the repo lacks (reference 3.1 step 1). */
export function pull(m: Machine): Step[] {
  const refused = requireBooted(m, 'ostree pull')
  if (refused) return refused
  const target = newerCommit(m)
  if (target === null) return fail(m, 'rpm-ostree upgrade', 'No upgrade available.', 0)
  const rec = new Recorder(m)
  const profile = profileOf(m)
  rec.tick(2)
  rec.step(
    {
      type: 'pull/started',
      remote: profile.remoteName,
      commit: target.commit,
      version: target.version,
    },
    { key: 'step.pull.started', params: { remote: profile.remoteName, version: target.version } },
  )
  rec.tick(20)
  const pulled = fetchObjects(rec, target.commit)
  rec.step(
    { type: 'pull/objectsFetched', commit: target.commit, ...pulled },
    {
      key: 'step.pull.objectsFetched',
      params: {
        fetched: pulled.total - pulled.present,
        present: pulled.present,
        bytes: pulled.bytes,
      },
    },
    [`root:${REPO}/objects`],
  )
  if (profile.refspec !== null) {
    const path = writeRef(
      rec.fs('root'),
      'remotes',
      `${profile.remoteName}/${profile.ref}`,
      target.commit,
      rec.clock,
    )
    rec.step(
      {
        type: 'pull/refUpdated',
        ref: `${profile.remoteName}:${profile.ref}`,
        commit: target.commit,
      },
      { key: 'step.pull.refUpdated', params: { ref: `${profile.remoteName}:${profile.ref}` } },
      [`root:${path}`],
    )
  }
  return rec.steps
}

/**
 * `rpm-ostree upgrade` on FCOS (reference 3.3): pull, then stage: check out, copy /etc, write the
 * origin and /run/ostree/staged-deployment; no /etc merge and no bootloader change until shutdown.
 */
export function upgrade(m: Machine, opts: { lockFinalization?: boolean } = {}): Step[] {
  const refused = requireBooted(m, 'rpm-ostree upgrade')
  if (refused) return refused
  const target = newerCommit(m)
  if (target === null) return fail(m, 'rpm-ostree upgrade', 'No upgrade available.', 0)
  const pulled = pull(m)
  const rec = new Recorder(pulled.at(-1)?.machine ?? m)
  stageCommit(rec, target.commit, opts.lockFinalization ?? false)
  return [...pulled, ...rec.steps]
}

/**
 * Stages `commit` as a new deployment (reference 3.3), with the kernel arguments and the origin of
 * `from` (the booted deployment unless said otherwise); `kargs` replaces its arguments.
 */
export function stageCommit(
  rec: Recorder,
  commit: string,
  locked: boolean,
  opts: { from?: DeploymentId; kargs?: string[] } = {},
): DeploymentId {
  const m = rec.machine
  const booted = m.runtime?.booted as DeploymentId
  const from = opts.from ?? booted
  const profile = profileOf(m)
  const fromEntry = allDeployments(m).find((d) => sameDeployment(d, from))
  // Only one deployment is staged at a time: a previous one goes (reference 3.3 step 6).
  const previous = readStaged(m)
  if (previous !== null) {
    rec.fs('run').unlink(STAGED_PATH)
    rec.step(
      { type: 'deployment/unstaged', deployment: previous.target },
      { key: 'step.stage.previousDropped', params: { name: deploymentName(previous.target) } },
    )
  }
  rec.tick(5)
  const id = initDeployment(rec, booted.stateroot, commit)
  const origin = readOrigin(rec.view('root'), from)
  writeOrigin(rec, id, originText(originRefspec(origin, profile.refspec ?? commit, commit)))
  const kargs = opts.kargs ?? fromEntry?.kargs ?? []
  const state: StagedState = {
    target: id,
    bootcsum: kernelBootcsum(rec, id),
    kargs,
    merge: booted,
    locked,
  }
  const run = rec.fs('run')
  run.mkdirp('/ostree', { mtime: rec.clock })
  run.writeFile(STAGED_PATH, JSON.stringify(state), { mtime: rec.clock })
  if (locked) run.writeFile('/ostree/staged-deployment-locked', '', { mtime: rec.clock })
  rec.step(
    { type: 'deployment/staged', deployment: id, locked, kargs },
    { key: 'step.stage.staged', params: { name: deploymentName(id) } },
    [`run:${STAGED_PATH}`],
  )
  // ostree_sysroot_prepare_cleanup: folders no list names (a power cut's leftovers) go, the
  // deployment refs are rewritten; then rpm-ostree prunes after its transaction (reference 3.3 steps 7-8).
  sysrootCleanup(rec, true)
  return id
}

/** The refspec a new deployment inherits: the booted origin's, or the checksum on a checksum-pinned origin. */
function originRefspec(bootedOrigin: string | null, fallback: string, commit: string): string {
  const line = bootedOrigin?.split('\n').find((l) => l.startsWith('refspec='))
  const refspec = line?.slice('refspec='.length) ?? fallback
  return /^[0-9a-f]{64}$/.test(refspec) ? commit : refspec
}

/** The bootcsum the staged state names: the same computation the bootloader write will do. */
function kernelBootcsum(rec: Recorder, id: DeploymentId): string {
  return kernelOf(rec.view('root'), deployPath(id))?.bootcsum ?? ''
}

/**
 * `ostree admin deploy` without staging (reference 3.1): check out, merge /etc, seal, and write the
 * new list at once; cleanup and prune follow.
 */
export function deploy(
  m: Machine,
  opts: {
    commit?: string
    /** Kernel arguments to use instead of the merge deployment's. */
    kargs?: string[]
    /** `--karg`: arguments replacing or added to the merge deployment's. */
    karg?: string[]
    retain?: boolean
    notDefault?: boolean
    stateroot?: string
    refspec?: string
  } = {},
): Step[] {
  const commit = opts.commit ?? remoteOfMachine(m).commitOf(m.remote.published)
  if (commit === undefined) return fail(m, 'ostree admin deploy', 'error: No such commit')
  const rec = new Recorder(m)
  rec.tick(1)
  const profile = profileOf(m)
  const stateroot = opts.stateroot ?? profile.stateroot
  if (!hasObject(rec.view('root'), commit, 'commit')) {
    const pulled = fetchObjects(rec, commit)
    rec.step(
      { type: 'pull/objectsFetched', commit, ...pulled },
      { key: 'step.pull.objectsFetchedShort' },
      [`root:${REPO}/objects`],
    )
  }
  const booted = m.runtime?.booted ?? null
  const list = diskDeployments(m)
  const merge: DeploymentId | null = booted ?? list.find((d) => d.stateroot === stateroot) ?? null
  const mergeEntry = list.find((d) => sameDeployment(d, merge))
  const id = initDeployment(rec, stateroot, commit)
  try {
    finalizeDeployment(rec, id, merge, originText(opts.refspec ?? profile.refspec ?? commit))
  } catch (e) {
    // The counts are printed before anything is copied, so they come before the error.
    if (e instanceof MergeError)
      return [
        ...rec.steps,
        ...fail(rec.machine, 'ostree admin deploy', `error: ${e.message}`, 1, e.diff),
      ]
    throw e
  }
  const base = opts.kargs ?? mergeEntry?.kargs ?? profile.installKargs
  const item: ListItem = { ...id, kargs: replaceKargs(base, opts.karg ?? []) }
  writeDeployments(rec, simpleWriteList(rec, item, merge, opts), { cleanup: 'full' })
  return rec.steps
}

/**
 * What `ostree-finalize-staged.service` does at shutdown (reference 3.3): unless locked, merge /etc
 * against the booted /etc of this moment, seal, write the new list (the old rollback drops out),
 * then cleanup without prune.
 */
export function finalizeStaged(rec: Recorder): void {
  const m = rec.machine
  const staged = readStaged(m)
  if (staged === null) {
    rec.journal('ostree-finalize-staged.service', 'No deployment staged for finalization')
    rec.step({ type: 'finalize/nothingStaged' }, { key: 'step.finalize.nothingStaged' })
    return
  }
  if (staged.locked) {
    rec.journal(
      'ostree-finalize-staged.service',
      'Not finalizing; found /run/ostree/staged-deployment-locked',
    )
    rec.step(
      { type: 'finalize/locked', deployment: staged.target },
      { key: 'step.finalize.locked', params: { name: deploymentName(staged.target) } },
    )
    return
  }
  rec.journal('ostree-finalize-staged.service', 'Finalizing staged deployment')
  rec.fs('run').unlink(STAGED_PATH)
  rec.step(
    { type: 'finalize/started', deployment: staged.target },
    { key: 'step.finalize.started', params: { name: deploymentName(staged.target) } },
    [`run:${STAGED_PATH}`],
  )
  try {
    finalizeDeployment(rec, staged.target, staged.merge)
  } catch (e) {
    if (!(e instanceof MergeError)) throw e
    const stamp = profileOf(m).finalizeFailureStamp
    if (stamp)
      rec.fs('boot').writeFile('/ostree/finalize-failure.stamp', e.message, { mtime: rec.clock })
    rec.journal('ostree-finalize-staged.service', `error: ${e.message}`)
    // systemd's own lines about the ExecStop that failed, in its wording for a control process
    // (`<unit>: Control process exited, code=exited, status=1/FAILURE`, then `Failed with result
    // 'exit-code'.`, as journals of failed units show them): what rpm-ostree's journal.rs looks for
    rec.journal(
      'ostree-finalize-staged.service',
      'ostree-finalize-staged.service: Control process exited, code=exited, status=1/FAILURE',
      'systemd',
    )
    rec.journal(
      'ostree-finalize-staged.service',
      "ostree-finalize-staged.service: Failed with result 'exit-code'.",
      'systemd',
    )
    rec.step(
      {
        type: 'finalize/failed',
        message: e.message,
        deployment: staged.target,
        merge: staged.merge,
      },
      { key: 'step.finalize.failed', params: { message: e.message } },
      stamp ? ['boot:/ostree/finalize-failure.stamp'] : [],
    )
    return
  }
  const item: ListItem = { ...staged.target, kargs: staged.kargs }
  const list = simpleWriteList(rec, item, staged.merge)
  writeDeployments(rec, list, { cleanup: 'prepare', journal: 'ostree-finalize-staged.service' })
  rec.journal('ostree-finalize-staged.service', 'Finalized deployment')
}

/**
 * `systemctl reboot` / `poweroff`: stop services (finalizing a staged deployment on the way), unmount,
 * power off; a reboot then boots again.
 */
export function shutdown(
  m: Machine,
  opts: { reboot: boolean; entry?: number } = { reboot: true },
): Step[] {
  if (m.power !== 'on' || m.runtime === null)
    return fail(m, 'systemctl reboot', 'System has not been booted')
  const rec = new Recorder(m)
  rec.patchRuntime({ phase: 'shutdown' })
  rec.tick(1)
  rec.step(
    { type: 'shutdown/started', reboot: opts.reboot },
    { key: opts.reboot ? 'step.shutdown.reboot' : 'step.shutdown.poweroff' },
  )
  finalizeStaged(rec)
  rec.tick(2)
  rec.patch({ power: 'off', runtime: null, volatile: {}, ...endedBoot(rec.machine) })
  rec.step({ type: 'power/off' }, { key: 'step.power.off' })
  if (!opts.reboot) return rec.steps
  const booted = bootSteps(rec.machine, opts.entry === undefined ? {} : { entry: opts.entry })
  return [...rec.steps, ...booted]
}

/**
 * The boot that ends as the machine goes off, kept as the persistent journal keeps it (Fedora
 * CoreOS logs to /var/log/journal). Its lines are taken as written: the page cache that could
 * lose the last seconds of them in a power cut is not modelled.
 */
function endedBoot(m: Machine): Pick<Machine, 'previousBoot'> {
  const rt = m.runtime
  if (rt === null) return {}
  return {
    previousBoot: { start: bootTimeOf(m), end: m.clock, units: rt.units, journal: rt.journal },
  }
}

export function reboot(m: Machine, opts: { entry?: number } = {}): Step[] {
  return shutdown(m, { reboot: true, ...opts })
}

export function boot(m: Machine, opts: { entry?: number } = {}): Step[] {
  return bootSteps(m, opts)
}

/**
 * Power lost: the disk keeps what was written, /run and the running system are gone. A staged
 * deployment is lost with /run; its folder stays until the next cleanup (reference 3.2, 3.3).
 */
export function powerLoss(m: Machine): Step[] {
  const machine: Machine = { ...m, power: 'off', runtime: null, volatile: {}, ...endedBoot(m) }
  const staged = readStaged(m)
  // What boots next is decided by the disk alone: the first entry of the loader.N that /boot/loader
  // names at this moment (reference 3.2).
  const next = diskDeployments(machine)[0]
  const version = next === undefined ? '' : (listDeployments(machine)[0]?.version ?? '')
  const loader =
    m.filesystems.boot === undefined ? '' : `loader.${readBootversion(m.filesystems.boot)}`
  return [
    {
      event: {
        type: 'power/lost',
        stagedLost: staged?.target ?? null,
        nextBoot: next ?? null,
        loader,
      },
      caption: {
        key: staged === null ? 'step.power.lost' : 'step.power.lostStaged',
        params: { loader, version },
      },
      touched: [],
      machine,
    },
  ]
}

/**
 * `rpm-ostree rollback` (reference 6): the rollback deployment (or, after a rollback, the booted one)
 * moves to index 0; nothing is deleted; the bootloader is written at once.
 */
export function rollback(m: Machine): Step[] {
  const refused = requireBooted(m, 'rpm-ostree rollback')
  if (refused) return refused
  if (readStaged(m) !== null)
    return fail(m, 'rpm-ostree rollback', 'error: Staged deployment (remove with cleanup -p)')
  const list = diskDeployments(m)
  const booted = m.runtime?.booted as DeploymentId
  const bootedAt = list.findIndex((d) => sameDeployment(d, booted))
  const rollbackAt = list.findIndex((d, i) => i > bootedAt && d.stateroot === booted.stateroot)
  const pendingAt = list.findIndex((d, i) => i < bootedAt && d.stateroot === booted.stateroot)
  const at = rollbackAt >= 0 ? rollbackAt : pendingAt >= 0 ? bootedAt : -1
  if (at < 0) return fail(m, 'rpm-ostree rollback', 'error: No rollback deployment found')
  const moved = list[at] as Deployment
  const rest = list.filter((_, i) => i !== at)
  const rec = new Recorder(m)
  rec.tick(1)
  rec.journal('rpm-ostreed.service', `Moving '${deploymentName(moved)}' to be first deployment`)
  rec.step(
    {
      type: 'rollback/started',
      deployment: moved,
      printed: `Moving '${deploymentName(moved)}' to be first deployment`,
    },
    { key: 'step.rollback.moving', params: { name: deploymentName(moved) } },
  )
  const items = [moved, ...rest].map((d) => ({
    stateroot: d.stateroot,
    checksum: d.checksum,
    serial: d.serial,
    kargs: d.kargs,
  }))
  writeDeployments(rec, items, { cleanup: 'full' })
  return rec.steps
}

/** `ostree admin pin [--unpin] <index>` (reference 1.6, 6): writes the origin; the bootloader is untouched. */
export function pin(m: Machine, index: number, unpin = false): Step[] {
  const list = allDeployments(m)
  const d = list[index]
  if (d === undefined) return fail(m, 'ostree admin pin', indexError(index, list.length))
  if (d.staged) return fail(m, 'ostree admin pin', 'error: Cannot pin staged deployment')
  const root = m.filesystems.root
  if (root === undefined) return fail(m, 'ostree admin pin', 'error: No sysroot')
  const pinned = isPinned(root, d)
  if (pinned !== unpin) {
    const printed = `Deployment ${index} is already ${unpin ? 'unpinned' : 'pinned'}`
    return [
      {
        event: { type: 'deployment/pinUnchanged', index, printed },
        caption: { key: 'step.pin.unchanged', params: { index } },
        touched: [],
        machine: m,
      },
    ]
  }
  const rec = new Recorder(m)
  const text = setPinned(readOrigin(root, d) ?? '', !unpin)
  rec.fs('root').writeFile(`${deployPath(d)}.origin`, text, { mtime: rec.clock })
  const printed = `Deployment ${index} is now ${unpin ? 'unpinned' : 'pinned'}`
  rec.step(
    { type: unpin ? 'deployment/unpinned' : 'deployment/pinned', deployment: d, index, printed },
    { key: unpin ? 'step.pin.unpinned' : 'step.pin.pinned', params: { index } },
    [`root:${deployPath(d)}.origin`],
  )
  return rec.steps
}

/** `ot_admin_get_indexed_deployment`'s errors (ostree src/ostree/ot-admin-functions.c). */
function indexError(index: number, count: number): string {
  return index < 0
    ? `error: Invalid index ${index}`
    : `error: Out of range deployment index ${index}, expected < ${count}`
}

/**
 * The origin with `pinned=true` set or removed in `[libostree-transient]`. Unpinning keeps the
 * emptied group, as real ostree 2022.7 does (GKeyFile removes the key, not the group).
 */
export function setPinned(origin: string, pinned: boolean): string {
  const lines = origin.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const group = lines.indexOf('[libostree-transient]')
  if (!pinned) return [...lines.filter((l) => l.trim() !== 'pinned=true'), ''].join('\n')
  if (group >= 0) lines.splice(group + 1, 0, 'pinned=true')
  else lines.push('', '[libostree-transient]', 'pinned=true')
  return [...lines, ''].join('\n')
}

/** `ostree admin undeploy <index>` (reference 6): a new list without it, then cleanup and prune. */
export function undeploy(m: Machine, index: number): Step[] {
  const list = diskDeployments(m)
  const d = list[index]
  if (d === undefined) return fail(m, 'ostree admin undeploy', indexError(index, list.length))
  if (sameDeployment(d, m.runtime?.booted))
    return fail(
      m,
      'ostree admin undeploy',
      `error: Cannot undeploy currently booted deployment ${index}`,
    )
  const rec = new Recorder(m)
  const items = list
    .filter((_, i) => i !== index)
    .map((x) => ({
      stateroot: x.stateroot,
      checksum: x.checksum,
      serial: x.serial,
      kargs: x.kargs,
    }))
  writeDeployments(rec, items, { cleanup: 'full' })
  rec.step(
    {
      type: 'deployment/undeployed',
      deployment: d,
      printed: `Deleted deployment ${deploymentName(d)}`,
    },
    { key: 'step.undeploy.deleted', params: { name: deploymentName(d) } },
  )
  return rec.steps
}

/** `rpm-ostree cleanup -p` / `-r` (reference 6): drop pending (staged too) and/or rollback, then prune. */
export function cleanupDeployments(
  m: Machine,
  opts: { pending?: boolean; rollback?: boolean },
): Step[] {
  const refused = requireBooted(m, 'rpm-ostree cleanup')
  if (refused) return refused
  const rec = new Recorder(m)
  const booted = m.runtime?.booted as DeploymentId
  const root = m.filesystems.root
  let changed = false
  if (opts.pending === true && readStaged(m) !== null) {
    const staged = readStaged(m) as StagedState
    rec.fs('run').unlink(STAGED_PATH)
    rec.step(
      { type: 'deployment/unstaged', deployment: staged.target },
      { key: 'step.cleanup.stagedRemoved', params: { name: deploymentName(staged.target) } },
      [`run:${STAGED_PATH}`],
    )
    changed = true
  }
  const list = diskDeployments(rec.machine)
  const bootedAt = list.findIndex((d) => sameDeployment(d, booted))
  const drop = new Set<number>()
  list.forEach((d, i) => {
    if (d.stateroot !== booted.stateroot || (root !== undefined && isPinned(root, d))) return
    if (opts.pending === true && i < bootedAt) drop.add(i)
    if (opts.rollback === true && i > bootedAt) drop.add(i)
  })
  if (drop.size > 0) {
    const items = list
      .filter((_, i) => !drop.has(i))
      .map((d) => ({
        stateroot: d.stateroot,
        checksum: d.checksum,
        serial: d.serial,
        kargs: d.kargs,
      }))
    writeDeployments(rec, items, { cleanup: 'full' })
    changed = true
  } else {
    sysrootCleanup(rec, true)
  }
  if (!changed)
    rec.step(
      { type: 'cleanup/unchanged', printed: 'Deployments unchanged.' },
      { key: 'step.cleanup.unchanged' },
    )
  return rec.steps
}

/** `ostree prune --refs-only`: keep what refs and deployments reach (reference 6). */
export function prune(m: Machine): Step[] {
  const rec = new Recorder(m)
  pruneRepo(rec)
  return rec.steps
}

/**
 * `chown` of a file drops set-user-ID, and set-group-ID when group execution is on, even for root
 * and even to the same owner (chown(2): "since Linux 2.2.13, root is treated like other users";
 * `chown_common` in fs/open.c). Directories keep theirs.
 */
function modeAfterChown(mode: number): number {
  const setgid = (mode & 0o2010) === 0o2010 ? 0o2000 : 0
  return mode & ~(0o4000 | setgid)
}

/** An edit a person makes in the booted system's /etc (or, when off, the default deployment's). */
export type EtcEdit =
  | { type: 'write'; path: string; data: string; mode?: number }
  | { type: 'delete'; path: string }
  | { type: 'chmod'; path: string; mode: number }
  | { type: 'chown'; path: string; uid: number; gid: number }
  | { type: 'mkdir'; path: string; mode?: number }
  | { type: 'symlink'; path: string; target: string }

export function editEtc(m: Machine, edit: EtcEdit): Step[] {
  const target = m.runtime?.booted ?? diskDeployments(m)[0] ?? null
  if (target === null) return fail(m, 'edit /etc', 'No deployment')
  // A path is under /etc, absolute or relative to it; a person's own /etc is all this edits.
  if (edit.path.startsWith('/') && !/^\/+etc\//.test(edit.path))
    return fail(m, 'edit /etc', `Not in /etc: ${edit.path}`)
  const rel = edit.path.replace(/^\/+/, '').replace(/^etc\//, '')
  if (rel === '' || rel.split('/').includes('..'))
    return fail(m, 'edit /etc', `Invalid path ${edit.path}`)
  const path = `${deployPath(target)}/etc/${rel}`
  const rec = new Recorder(m)
  rec.tick(1)
  const r = rec.fs('root')
  try {
    switch (edit.type) {
      case 'write':
        r.writeFile(path, edit.data, {
          mtime: rec.clock,
          ...(edit.mode === undefined ? {} : { mode: edit.mode }),
        })
        break
      case 'delete':
        if (!r.exists(path)) throw new FsError('ENOENT', `/etc/${rel}`)
        r.removeTree(path)
        break
      case 'chmod':
        r.setAttrs(path, { mode: edit.mode })
        break
      case 'chown': {
        const inode = r.get(r.resolve(path, true))
        const mode = inode?.kind === 'file' ? { mode: modeAfterChown(inode.mode) } : {}
        r.setAttrs(path, { uid: edit.uid, gid: edit.gid, ...mode })
        break
      }
      case 'mkdir':
        r.mkdir(path, { mode: edit.mode ?? 0o755, mtime: rec.clock })
        break
      case 'symlink':
        if (r.exists(path)) r.unlink(path)
        r.symlink(path, edit.target, { mtime: rec.clock })
        break
    }
  } catch (e) {
    if (e instanceof FsError) return fail(m, `edit /etc/${rel}`, e.message)
    throw e
  }
  rec.step(
    { type: 'etc/edited', edit: { ...edit, path: rel }, deployment: target },
    { key: `step.etc.${edit.type}`, params: { path: `/etc/${rel}` } },
    [`root:${path}`],
  )
  return rec.steps
}
