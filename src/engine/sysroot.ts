/**
 * The sysroot as libostree reads it: the deployment list comes from the disk (the BLS entries of the
 * active `loader.N`, the bootlinks they name, the deployment folders), the staged deployment from
 * /run, and the booted one from the running system. Nothing here is stored twice.
 */
import { lookupPath, readDir, readLink, readText } from './fs'
import { sha256Hex } from './hash'
import { readCommit } from './repo'
import type { DeploymentId, Filesystem, Machine } from './types'

/** `ostree/deploy/<stateroot>/deploy/<checksum>.<serial>` (reference 1.2). */
export function deployPath(d: DeploymentId): string {
  return `/ostree/deploy/${d.stateroot}/deploy/${d.checksum}.${d.serial}`
}

export function deploymentName(d: DeploymentId): string {
  return `${d.checksum}.${d.serial}`
}

export function sameDeployment(
  a: DeploymentId | null | undefined,
  b: DeploymentId | null | undefined,
): boolean {
  return (
    !!a && !!b && a.stateroot === b.stateroot && a.checksum === b.checksum && a.serial === b.serial
  )
}

/** A deployment as listed from the disk. */
export interface Deployment extends DeploymentId {
  /** Position in the list: 0 is the default, what GRUB boots with no input. */
  index: number
  bootcsum: string
  bootserial: number
  /** The kernel arguments as the entry lists them, `ostree=` included where it stands. */
  kargs: string[]
  /** True for the deployment waiting in /run/ostree/staged-deployment. */
  staged: boolean
  /**
   * The BLS file of the active `loader.N` that lists it; null for a staged deployment, which gets
   * one only when it is finalized at shutdown (reference 3.3).
   */
  entry: string | null
}

/**
 * `/boot/loader` names `loader.0` or `loader.1`; no link means bootversion 0, and any other
 * target is an error (reference 1.4, `read_current_bootversion`).
 */
export function readBootversion(boot: Filesystem): 0 | 1 {
  const target = readLink(boot, '/loader')
  if (target === null) return 0
  if (target === 'loader.0') return 0
  if (target === 'loader.1') return 1
  throw new Error(`Invalid target '${target}' in boot/loader`)
}

/** `/ostree/boot.B -> boot.B.S`; a missing link reads as subbootversion 0. */
export function readSubbootversion(root: Filesystem, bootversion: number): 0 | 1 {
  const target = readLink(root, `/ostree/boot.${bootversion}`)
  return target === `boot.${bootversion}.1` ? 1 : 0
}

export interface BootEntry {
  /** File name, e.g. `ostree-2-fedora-coreos.conf`. */
  name: string
  text: string
  keys: Record<string, string>
}

export function parseBls(text: string): Record<string, string> {
  const keys: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const space = trimmed.search(/\s/)
    const key = space < 0 ? trimmed : trimmed.slice(0, space)
    if (!Object.hasOwn(keys, key)) keys[key] = space < 0 ? '' : trimmed.slice(space).trim()
  }
  return keys
}

/** The entries of `loader.<bootversion>/entries`, in libostree's order: `version` descending. */
export function readBootEntries(boot: Filesystem, bootversion: number): BootEntry[] {
  return readDir(boot, `/loader.${bootversion}/entries`)
    .filter(([name, , inode]) => name.endsWith('.conf') && inode.kind === 'file')
    .map(([name, , inode]) => {
      const text = inode.kind === 'file' ? inode.data : ''
      return { name, text, keys: parseBls(text) }
    })
    .sort((a, b) => compareVersions(b.keys.version ?? '', a.keys.version ?? ''))
}

/** Compares BLS `version` values as numbers where they are numbers (libostree uses strverscmp). */
function compareVersions(a: string, b: string): number {
  const na = Number(a)
  const nb = Number(b)
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb
  return a < b ? -1 : a > b ? 1 : 0
}

/** `ostree=/ostree/boot.B/<stateroot>/<bootcsum>/<bootserial>`, split; null if malformed. */
export function parseOstreeKarg(
  arg: string,
): { bootversion: number; stateroot: string; bootcsum: string; bootserial: number } | null {
  const m = /^ostree=\/ostree\/boot\.([01])\/([^/]+)\/([0-9a-f]{64})\/(\d+)$/.exec(arg)
  if (m === null) return null
  return {
    bootversion: Number(m[1]),
    stateroot: m[2] as string,
    bootcsum: m[3] as string,
    bootserial: Number(m[4]),
  }
}

/** `<checksum>.<serial>`, split; null for other names (origin files, leftovers). */
export function parseDeployName(name: string): { checksum: string; serial: number } | null {
  const m = /^([0-9a-f]{64})\.(\d+)$/.exec(name)
  return m === null ? null : { checksum: m[1] as string, serial: Number(m[2]) }
}

/** The deployments the bootloader lists, read from the disk as libostree does. */
export function diskDeployments(m: Machine): Deployment[] {
  const root = m.filesystems.root
  const boot = m.filesystems.boot
  if (root === undefined || boot === undefined) return []
  const bootversion = readBootversion(boot)
  const out: Deployment[] = []
  for (const entry of readBootEntries(boot, bootversion)) {
    const args = (entry.keys.options ?? '').split(/\s+/).filter((a) => a !== '')
    const ostreeArg = args.find((a) => a.startsWith('ostree='))
    const parsed = ostreeArg === undefined ? null : parseOstreeKarg(ostreeArg)
    if (parsed === null) continue
    // The bootlink names the deployment folder: ../../../deploy/<stateroot>/deploy/<csum>.<serial>
    const link = readLink(
      root,
      `/ostree/boot.${bootversion}/${parsed.stateroot}/${parsed.bootcsum}/${parsed.bootserial}`,
    )
    const name = link?.split('/').at(-1)
    const deploy = name === undefined ? null : parseDeployName(name)
    if (deploy === null) continue
    out.push({
      stateroot: parsed.stateroot,
      checksum: deploy.checksum,
      serial: deploy.serial,
      index: out.length,
      bootcsum: parsed.bootcsum,
      bootserial: parsed.bootserial,
      kargs: args,
      staged: false,
      entry: entry.name,
    })
  }
  return out
}

/** What `/run/ostree/staged-deployment` holds (a GVariant on a real machine; JSON here). */
export interface StagedState {
  target: DeploymentId
  bootcsum: string
  kargs: string[]
  /** The merge deployment: the one booted when it was staged. */
  merge: DeploymentId
  /** Finalization locked (`--lock-finalization`): shutdown leaves it, and it is lost. */
  locked: boolean
}

export const STAGED_PATH = '/ostree/staged-deployment'

export function readStaged(m: Machine): StagedState | null {
  const run = m.volatile.run
  if (run === undefined) return null
  const text = readText(run, STAGED_PATH)
  if (text === null) return null
  try {
    return JSON.parse(text) as StagedState
  } catch {
    return null
  }
}

/** The whole list: the staged deployment first, then the bootloader's (reference 3.3). */
export function allDeployments(m: Machine): Deployment[] {
  const disk = diskDeployments(m)
  const staged = readStaged(m)
  if (staged === null) return disk
  const first: Deployment = {
    ...staged.target,
    index: 0,
    bootcsum: staged.bootcsum,
    bootserial: 0,
    kargs: staged.kargs,
    staged: true,
    entry: null,
  }
  return [first, ...disk.map((d) => ({ ...d, index: d.index + 1 }))]
}

/** The origin file's text, next to the deployment folder. */
export function readOrigin(root: Filesystem, d: DeploymentId): string | null {
  return readText(root, `${deployPath(d)}.origin`)
}

/** A key of an ini-style file: `[group]` then `key=value` lines. */
export function iniValue(text: string, group: string, key: string): string | null {
  let current = ''
  for (const line of text.split('\n')) {
    const g = /^\[(.+)\]\s*$/.exec(line)
    if (g !== null) {
      current = g[1] as string
      continue
    }
    const eq = line.indexOf('=')
    if (current === group && eq > 0 && line.slice(0, eq).trim() === key)
      return line.slice(eq + 1).trim()
  }
  return null
}

export function isPinned(root: Filesystem, d: DeploymentId): boolean {
  const origin = readOrigin(root, d)
  return origin !== null && iniValue(origin, 'libostree-transient', 'pinned') === 'true'
}

/** The commit's `version`, read from the repo. */
export function versionOf(root: Filesystem, checksum: string): string | null {
  return readCommit(root, checksum)?.version ?? null
}

/** The kernel of a deployment's tree: `usr/lib/modules/<kver>/{vmlinuz,initramfs.img}`. */
export interface KernelInfo {
  kver: string
  vmlinuz: { data: string; size: number }
  initramfs: { data: string; size: number }
  /** SHA-256 over vmlinuz then initramfs (reference 1.4, `get_kernel_from_tree_usrlib_modules`). */
  bootcsum: string
}

export function kernelOf(root: Filesystem, treePath: string): KernelInfo | null {
  for (const [kver, , inode] of readDir(root, `${treePath}/usr/lib/modules`)) {
    if (inode.kind !== 'dir') continue
    const vmlinuz = lookupPath(root, `${treePath}/usr/lib/modules/${kver}/vmlinuz`, true)
    const initramfs = lookupPath(root, `${treePath}/usr/lib/modules/${kver}/initramfs.img`, true)
    if (vmlinuz?.kind !== 'file' || initramfs?.kind !== 'file') continue
    return {
      kver,
      vmlinuz: { data: vmlinuz.data, size: vmlinuz.size },
      initramfs: { data: initramfs.data, size: initramfs.size },
      bootcsum: sha256Hex(vmlinuz.data + initramfs.data),
    }
  }
  return null
}

/** `PRETTY_NAME` from the tree's os-release, unquoted. */
export function prettyNameOf(root: Filesystem, treePath: string): string | null {
  const text =
    readText(root, `${treePath}/usr/lib/os-release`) ?? readText(root, `${treePath}/etc/os-release`)
  if (text === null) return null
  const line = text.split('\n').find((l) => l.startsWith('PRETTY_NAME='))
  if (line === undefined) return null
  return line.slice('PRETTY_NAME='.length).replace(/^["']|["']$/g, '')
}

/** The deployment folders that exist in a stateroot, whatever the bootloader says. */
export function deploymentDirs(root: Filesystem, stateroot: string): DeploymentId[] {
  return readDir(root, `/ostree/deploy/${stateroot}/deploy`)
    .map(([name, , inode]) => (inode.kind === 'dir' ? parseDeployName(name) : null))
    .filter((d): d is { checksum: string; serial: number } => d !== null)
    .map((d) => ({ stateroot, ...d }))
}

export function stateroots(root: Filesystem): string[] {
  return readDir(root, '/ostree/deploy')
    .filter(([, , inode]) => inode.kind === 'dir')
    .map(([name]) => name)
}
