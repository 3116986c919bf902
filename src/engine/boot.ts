/**
 * Boot, from power-on to a login prompt (reference 5): GRUB reads the BLS entries of the active
 * `loader.N`, the initramfs mounts the physical root, ostree-prepare-root builds the new root mount
 * by mount from the `ostree=` argument, switch-root makes it `/`, and systemd finishes with `/var`,
 * `/boot` and the first-boot cleanup.
 */
import { emptyFilesystem, inodeOf, lookupPath, readLink, readText } from './fs'
import { ignitionEarly, ignitionLate } from './firstboot'
import { TMPFILES_VAR } from './varDirs'
import { mountUnits } from './mountUnits'
import { applyPresetLinks, presetLinks } from './units'
import { Recorder } from './recorder'
import { PROFILES } from './releases'
import { deployPath, parseDeployName, parseOstreeKarg, readBootversion } from './sysroot'
import type { DeploymentId, Machine, Mount, Runtime, Step } from './types'
import { readDir } from './fs'
import { bootUuidCfg, grubEnv, grubFirstboot, grubMenu, grubSearch } from './grub'

/** /dev, /proc, /sys and /run: target, key of their volatile filesystem, type, options. */
const API_MOUNTS: [string, string, Mount['fstype'], string[]][] = [
  ['/dev', 'dev', 'devtmpfs', ['rw', 'nosuid', 'seclabel', 'mode=755']],
  ['/proc', 'proc', 'proc', ['rw', 'nosuid', 'nodev', 'noexec', 'relatime']],
  ['/sys', 'sys', 'sysfs', ['rw', 'nosuid', 'nodev', 'noexec', 'relatime', 'seclabel']],
  ['/run', 'run', 'tmpfs', ['rw', 'nosuid', 'nodev', 'seclabel', 'mode=755']],
]

function mount(rt: Runtime, m: Omit<Mount, 'id'>): Runtime {
  return {
    ...rt,
    mounts: [...rt.mounts, { ...m, id: rt.nextMountId }],
    nextMountId: rt.nextMountId + 1,
  }
}

/** Moves every mount at or under `from` to `to` (MS_MOVE). */
function moveMounts(rt: Runtime, from: string, to: string): Runtime {
  return {
    ...rt,
    mounts: rt.mounts.map((x) =>
      x.target === from || x.target.startsWith(`${from}/`)
        ? { ...x, target: to + x.target.slice(from.length) }
        : x,
    ),
  }
}

function unit(
  rt: Runtime,
  name: string,
  result: 'success' | 'failed' | 'skipped' = 'success',
): Runtime {
  return { ...rt, units: [...rt.units, { name, result }] }
}

/**
 * When the running system's kernel started, in seconds since the epoch: the /run tmpfs is made
 * then. The machine's clock when it is not running.
 */
export function bootTimeOf(m: Machine): number {
  const run = m.volatile.run
  const root = run === undefined ? null : inodeOf(run, run.rootIno)
  return root?.mtime ?? m.clock
}

/** Powers the machine on and boots it; `entry` picks a GRUB menu entry other than the default. */
export function bootSteps(m: Machine, opts: { entry?: number } = {}, depth = 0): Step[] {
  if (m.power === 'on') {
    return [
      {
        event: {
          type: 'command/failed',
          command: 'power on',
          message: 'The machine is already on',
          exitCode: 1,
        },
        caption: {
          key: 'step.command.failed',
          params: { command: 'power on', message: 'already on' },
        },
        touched: [],
        machine: m,
      },
    ]
  }
  const rec = new Recorder(m)
  rec.tick(5)
  const runtime: Runtime = {
    phase: 'firmware',
    booted: null,
    cmdline: '',
    mounts: [],
    nextMountId: 1,
    units: [],
    journal: [],
  }
  rec.patch({ power: 'on', runtime })
  rec.step({ type: 'power/on' }, { key: 'step.boot.powerOn' })

  // GRUB runs its static grub.cfg (grub.ts): search, load_env, the Ignition glue, then blscfg.
  rec.patchRuntime({ phase: 'bootloader' })
  const bootFs = rec.machine.filesystems.boot
  const search = bootFs === undefined ? null : grubSearch(rec.machine, bootFs)
  if (bootFs === undefined || search?.drive == null) {
    rec.step({ type: 'grub/noEntry', entries: 0 }, { key: 'step.boot.noEntry' })
    return rec.steps
  }
  rec.step(
    {
      type: 'grub/bootFound',
      by: search.by,
      value: search.value,
      drive: search.drive,
      device: search.device,
    },
    {
      key: search.by === 'uuid' ? 'step.boot.grubSearchUuid' : 'step.boot.grubSearchLabel',
      params: { uuid: search.value, drive: search.drive, device: search.device ?? '' },
    },
  )
  const env = grubEnv(bootFs)
  rec.step(
    {
      type: 'grub/envLoaded',
      path: '/boot/grub2/grubenv',
      variables: env ?? {},
      found: env !== null,
    },
    env === null
      ? { key: 'step.boot.grubEnvMissing' }
      : {
          key: 'step.boot.grubEnv',
          params: { count: Object.keys(env).length, os: PROFILES[m.profile].name },
        },
  )
  const glue = grubFirstboot(bootFs)
  const firstboot = glue.present
  rec.step(
    { type: 'grub/firstbootChecked', firstboot, value: glue.value },
    { key: firstboot ? 'step.boot.grubFirstboot' : 'step.boot.grubNotFirstboot' },
  )

  const menu = grubMenu(rec.machine)
  const selected = opts.entry ?? 0
  const entry = menu[selected]
  if (entry === undefined) {
    rec.step({ type: 'grub/noEntry', entries: menu.length }, { key: 'step.boot.noEntry' })
    return rec.steps
  }
  rec.step(
    {
      type: 'grub/menu',
      entries: menu.map((e) => ({ name: e.name, title: e.title })),
      selected,
      firstboot,
    },
    {
      key: selected === 0 ? 'step.boot.grubDefault' : 'step.boot.grubPicked',
      params: { title: entry.title },
    },
  )

  // blscfg expands $ignition_firstboot in the options, and GRUB prepends BOOT_IMAGE with the
  // device the search found (reference 5.1 items 2 and 4).
  const expanded = entry.options.replace(/\$ignition_firstboot/g, glue.value)
  const cmdline = [
    `BOOT_IMAGE=${search.drive}${entry.linux}`,
    ...expanded.split(/\s+/).filter((a) => a !== ''),
  ].join(' ')
  // The kernel's API filesystems, mounted by systemd first thing; they move along at switch-root.
  let rt: Runtime = { ...rec.runtime(), phase: 'initramfs', cmdline }
  for (const [target, key, fstype, options] of API_MOUNTS) {
    rec.setFilesystem('volatile', key, emptyFilesystem(key, 'tmpfs', 1, rec.clock))
    rt = mount(rt, { target, filesystem: key, subtree: '/', fstype, options, readOnly: false })
  }
  rec.tick(2)
  rec.patch({ runtime: rt })
  rec.step({ type: 'kernel/started', cmdline }, { key: 'step.boot.kernel' })

  // Ignition runs only when GRUB passed ignition.firstboot (reference 5.6).
  const ignition = firstboot && cmdline.split(' ').includes('ignition.firstboot')
  const bootversion = readBootversion(rec.view('boot'))
  const early = ignition ? ignitionEarly(rec, `/loader.${bootversion}/entries/${entry.name}`) : null
  if (early?.outcome === 'failed') return rec.steps
  if (early?.outcome === 'reboot') {
    // A changed kernel argument reboots the machine; the first boot starts over (reference 5.6).
    rec.patch({ power: 'off', runtime: null, volatile: {} })
    rec.step({ type: 'ignition/rebooted' }, { key: 'step.ignition.rebooting' })
    if (depth > 2) return rec.steps
    return [...rec.steps, ...bootSteps(rec.machine, opts, depth + 1)]
  }

  rt = mount(unit(rec.runtime(), 'sysroot.mount'), {
    target: '/sysroot',
    filesystem: 'root',
    subtree: '/',
    fstype: 'xfs',
    options: ['rw', 'relatime', 'attr2', 'inode64', 'prjquota'],
    readOnly: false,
  })
  rec.patch({ runtime: rt })
  rec.step(
    { type: 'mount/mounted', target: '/sysroot', source: 'root' },
    { key: 'step.boot.sysrootMounted' },
  )

  // ostree-prepare-root (reference 5.2): the ostree= argument names a bootlink; it must be a symlink.
  const arg = cmdline.split(' ').find((a) => a.startsWith('ostree='))
  const parsed = arg === undefined ? null : parseOstreeKarg(arg)
  const link = parsed === null ? null : readLink(rec.view('root'), arg!.slice('ostree='.length))
  const name = link?.split('/').at(-1)
  const deploy = name === undefined ? null : parseDeployName(name)
  if (parsed === null || deploy === null) {
    rec.patch({ runtime: unit(rec.runtime(), 'ostree-prepare-root.service', 'failed') })
    rec.journal('ostree-prepare-root.service', 'OSTree target is not a symbolic link')
    rec.step(
      { type: 'boot/failed', reason: 'OSTree target is not a symbolic link' },
      { key: 'step.boot.emergency' },
    )
    return rec.steps
  }
  const booted: DeploymentId = { stateroot: parsed.stateroot, ...deploy }
  const dir = deployPath(booted)
  rec.journal('ostree-prepare-root.service', `Resolved OSTree target to: /sysroot${dir}`)
  rec.step(
    { type: 'prepareRoot/resolved', deployment: booted, path: dir },
    { key: 'step.boot.resolved', params: { path: dir } },
  )

  const bind = (target: string, subtree: string, readOnly: boolean, key: string): void => {
    rec.patch({
      runtime: mount(rec.runtime(), {
        target,
        filesystem: 'root',
        subtree,
        fstype: 'xfs',
        options: [readOnly ? 'ro' : 'rw', 'relatime', 'attr2', 'inode64', 'prjquota'],
        readOnly,
      }),
    })
    rec.step(
      { type: 'mount/bound', target, subtree, readOnly },
      { key, params: { target, subtree } },
    )
  }
  bind('/sysroot.tmp', dir, false, 'step.boot.deploymentBound')
  bind('/sysroot.tmp/etc', `${dir}/etc`, false, 'step.boot.etcBound')
  bind('/sysroot.tmp/usr', `${dir}/usr`, true, 'step.boot.usrBound')
  const varPath = `/ostree/deploy/${booted.stateroot}/var`
  bind(`/sysroot${varPath}`, varPath, false, 'step.boot.varSelfBound')

  const run = rec.fs('run')
  run.writeFile('/ostree-booted', '', { mtime: rec.clock })
  rec.patch({
    runtime: { ...moveMounts(rec.runtime(), '/sysroot', '/sysroot.tmp/sysroot'), booted },
  })
  rec.step(
    { type: 'mount/moved', from: '/sysroot', to: '/sysroot.tmp/sysroot' },
    { key: 'step.boot.physicalRootMoved' },
    ['run:/ostree-booted'],
  )
  rec.patch({ runtime: moveMounts(rec.runtime(), '/sysroot.tmp', '/sysroot') })
  rec.step(
    { type: 'mount/moved', from: '/sysroot.tmp', to: '/sysroot' },
    { key: 'step.boot.newRootMoved' },
  )
  const remountRo = (rt2: Runtime, target: string): Runtime => ({
    ...rt2,
    mounts: rt2.mounts.map((x) =>
      x.target === target
        ? {
            ...x,
            readOnly: true,
            options: ['ro', ...x.options.filter((o) => o !== 'rw' && o !== 'ro')],
          }
        : x,
    ),
  })
  rec.patch({
    runtime: unit(remountRo(rec.runtime(), '/sysroot/sysroot'), 'ostree-prepare-root.service'),
  })
  rec.step(
    { type: 'mount/remounted', target: '/sysroot/sysroot', readOnly: true },
    { key: 'step.boot.sysrootReadOnly' },
  )
  if (early !== null && !ignitionLate(rec, booted, early)) return rec.steps

  if (firstboot) {
    // coreos-boot-edit (rdcore rootmap and bind-boot) pins the root and boot filesystems by UUID in
    // the BLS entries, in place, for every later boot (reference 1.5).
    const root = rec.view('root')
    const bootNow = rec.view('boot')
    const extra = [
      `root=UUID=${root.uuid ?? ''}`,
      'rw',
      'rootflags=prjquota',
      `boot=UUID=${bootNow.uuid ?? ''}`,
    ]
    const bootversion = readBootversion(bootNow)
    const touched: string[] = []
    for (const [name, , inode] of readDir(bootNow, `/loader.${bootversion}/entries`)) {
      if (inode.kind !== 'file') continue
      const keyOf = (arg: string): string => arg.split('=')[0] as string
      const replaced = new Set(extra.map(keyOf))
      const text = inode.data.replace(/^options (.*)$/m, (_line, options: string) => {
        const kept = options.split(' ').filter((a) => !replaced.has(keyOf(a)))
        return `options ${[...kept, ...extra].join(' ')}`
      })
      const path = `/loader.${bootversion}/entries/${name}`
      rec.fs('boot').writeFile(path, text, { mtime: rec.clock })
      touched.push(`boot:${path}`)
    }
    rec.fs('boot').writeFile('/.root_uuid', `${root.uuid ?? ''}\n`, { mtime: rec.clock })
    // rdcore bind-boot also pins GRUB's search to the boot filesystem's UUID, on /boot and on the
    // ESP (coreos-installer src/bin/rdcore/rootmap.rs, write_boot_uuid_grub2_dropin)
    const dropin = bootUuidCfg(bootNow.uuid ?? '')
    rec.fs('boot').writeFile('/grub2/bootuuid.cfg', dropin, { mtime: rec.clock })
    const efi = rec.machine.filesystems.efi
    const pinned = ['boot:/.root_uuid', 'boot:/grub2/bootuuid.cfg']
    if (efi !== undefined && lookupPath(efi, '/EFI/fedora')?.kind === 'dir') {
      rec.fs('efi').writeFile('/EFI/fedora/bootuuid.cfg', dropin, { mtime: rec.clock })
      pinned.push('efi:/EFI/fedora/bootuuid.cfg')
    }
    rec.patch({ runtime: unit(rec.runtime(), 'coreos-boot-edit.service') })
    rec.step(
      { type: 'boot/entriesPinned', kargs: extra },
      { key: 'step.boot.bootEdit', params: { kargs: extra.join(' ') } },
      [...touched, ...pinned],
    )
  }

  // switch-root: /sysroot becomes /, the initramfs's /run moves along.
  rec.tick(1)
  rt = rec.runtime()
  rt = {
    ...rt,
    phase: 'running',
    mounts: rt.mounts.map((x) =>
      x.target === '/sysroot'
        ? { ...x, target: '/' }
        : x.target.startsWith('/sysroot/')
          ? { ...x, target: x.target.slice('/sysroot'.length) }
          : x,
    ),
  }
  rec.patch({ runtime: unit(rt, 'initrd-switch-root.service') })
  rec.step({ type: 'boot/switchedRoot' }, { key: 'step.boot.switchRoot' })

  if (firstboot) {
    // systemd's first boot: PID 1 applies the presets, Ignition's `enable` lines among them (units.ts)
    const links = presetLinks(rec.view('root'), dir)
    if (links.length > 0) {
      const made = applyPresetLinks(rec.fs('root'), dir, links, rec.clock)
      const units = [...new Set(links.map((l) => l.unit))]
      rec.step(
        { type: 'systemd/presetsApplied', units, links: links.map((l) => l.path) },
        { key: 'step.boot.presets', params: { count: units.length, units: units.join(', ') } },
        made.map((p) => `root:${p}`),
      )
    }
  }

  // tmp.mount: /tmp is a tmpfs on Fedora CoreOS (reference 1.7), so it is empty at every boot.
  rec.setFilesystem('volatile', 'tmp', emptyFilesystem('tmp', 'tmpfs', 1, rec.clock))
  rec.fs('tmp').setAttrs('/', { mode: 0o1777 })
  rec.patch({
    runtime: unit(
      mount(rec.runtime(), {
        target: '/tmp',
        filesystem: 'tmp',
        subtree: '/',
        fstype: 'tmpfs',
        options: ['rw', 'nosuid', 'nodev', 'seclabel', 'nr_inodes=1048576'],
        readOnly: false,
      }),
      'tmp.mount',
    ),
  })

  rec.patch({
    runtime: unit(
      mount(rec.runtime(), {
        target: '/var',
        filesystem: 'root',
        subtree: varPath,
        fstype: 'xfs',
        options: ['rw', 'relatime', 'attr2', 'inode64', 'prjquota'],
        readOnly: false,
      }),
      'var.mount',
    ),
  })
  rec.step(
    { type: 'mount/bound', target: '/var', subtree: varPath, readOnly: false },
    { key: 'step.boot.varMounted', params: { subtree: varPath } },
  )
  rec.patch({
    runtime: unit(
      mount(rec.runtime(), {
        target: '/boot',
        filesystem: 'boot',
        subtree: '/',
        fstype: 'ext4',
        options: ['ro', 'relatime', 'seclabel'],
        readOnly: true,
      }),
      'boot.mount',
    ),
  })
  rec.step(
    { type: 'mount/mounted', target: '/boot', source: 'boot', readOnly: true },
    { key: 'step.boot.bootMounted' },
  )
  if (!mountUnits(rec, dir)) return rec.steps
  rec.patch({ runtime: unit(rec.runtime(), 'ostree-remount.service') })
  rec.step({ type: 'unit/ran', unit: 'ostree-remount.service' }, { key: 'step.boot.remount' })

  // systemd-tmpfiles makes the /var targets of the root symlinks (reference 1.7): /home -> var/home...
  const created: string[] = []
  const r = rec.fs('root')
  for (const [dir, mode] of TMPFILES_VAR) {
    const path = `${varPath}/${dir}`
    if (r.exists(path)) continue
    r.mkdir(path, { mode, mtime: rec.clock })
    created.push(`root:${path}`)
  }
  rec.patch({ runtime: unit(rec.runtime(), 'systemd-tmpfiles-setup.service') })
  rec.step(
    { type: 'unit/ran', unit: 'systemd-tmpfiles-setup.service', created: created.length },
    {
      key: created.length > 0 ? 'step.boot.tmpfilesCreated' : 'step.boot.tmpfiles',
      params: { count: created.length },
    },
    created,
  )

  bootComplete(rec)

  if (firstboot) {
    // coreos-ignition-firstboot-complete.service: the flag file goes, so Ignition never runs again (reference 5.6).
    rec.fs('boot').unlink('/ignition.firstboot')
    rec.patch({ runtime: unit(rec.runtime(), 'coreos-ignition-firstboot-complete.service') })
    rec.step({ type: 'ignition/firstbootCompleted' }, { key: 'step.boot.firstbootComplete' }, [
      'boot:/ignition.firstboot',
    ])
  }
  rec.tick(3)
  rec.patch({ runtime: unit(rec.runtime(), 'multi-user.target') })
  rec.step({ type: 'boot/finished', deployment: booted }, { key: 'step.boot.login' })
  return rec.steps
}

/** Where ostree-finalize-staged leaves the error of a finalization that failed (reference 3.3). */
const FINALIZE_FAILURE = '/ostree/finalize-failure.stamp'

/**
 * ostree-boot-complete.service (`ConditionPathExists=|/boot/ostree/finalize-failure.stamp`, after
 * sysinit.target): `ostree admin boot-complete` reads the stamp, deletes it so the failure is told
 * once, and fails with its text, so the finalization that failed at the last shutdown shows as a
 * failed unit of this boot (ostree 2022.7, `_ostree_sysroot_boot_complete`).
 */
function bootComplete(rec: Recorder): void {
  const boot = rec.machine.filesystems.boot
  const failure = boot === undefined ? null : readText(boot, FINALIZE_FAILURE)
  if (failure === null) return
  const unitName = 'ostree-boot-complete.service'
  rec.fs('boot').unlink(FINALIZE_FAILURE, rec.clock)
  rec.journal(unitName, `error: ostree-finalize-staged.service failed on previous boot: ${failure}`)
  rec.journal(
    unitName,
    `${unitName}: Main process exited, code=exited, status=1/FAILURE`,
    'systemd',
  )
  rec.journal(unitName, `${unitName}: Failed with result 'exit-code'.`, 'systemd')
  rec.patch({ runtime: unit(rec.runtime(), unitName, 'failed') })
  rec.step(
    { type: 'unit/failed', unit: unitName, message: failure },
    { key: 'step.boot.finalizeFailure', params: { message: failure } },
    [`boot:${FINALIZE_FAILURE}`],
  )
}
