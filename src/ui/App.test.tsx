// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DirInode, FileInode, Filesystem, Inode, Machine, Step } from '../engine/types'
import { loadLocale } from '../i18n'
import { App } from './App'
import { createPlayerStore, type PlayerState } from './store/playerStore'

// --- A machine and three steps, built by hand for this test -------------------------------------

function filesystem(
  label: string,
  fstype: 'xfs' | 'ext4',
  files: Record<string, string>,
): Filesystem {
  const first = fstype === 'xfs' ? 128 : 2
  const inodes: Inode[] = [{ kind: 'dir', uid: 0, gid: 0, mode: 0o755, mtime: 0, entries: {} }]
  const dirOf = (path: string): DirInode => {
    let dir = inodes[0] as DirInode
    for (const name of path.split('/').filter(Boolean)) {
      let ino = dir.entries[name]
      if (ino === undefined) {
        ino = first + inodes.length
        inodes.push({ kind: 'dir', uid: 0, gid: 0, mode: 0o755, mtime: 0, entries: {} })
        dir.entries[name] = ino
      }
      dir = inodes[ino - first] as DirInode
    }
    return dir
  }
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/')
    const name = parts.pop() as string
    const file: FileInode = {
      kind: 'file',
      uid: 0,
      gid: 0,
      mode: 0o644,
      mtime: 0,
      nlink: 1,
      size: data.length,
      data,
    }
    dirOf(parts.join('/')).entries[name] = first + inodes.length
    inodes.push(file)
  }
  return {
    label,
    fstype,
    firstIno: first,
    rootIno: first,
    nextIno: first + inodes.length,
    chunks: [inodes],
  }
}

const root = filesystem('root', 'xfs', {
  'ostree/repo/config': '[core]\nrepo_version=1\nmode=bare\n',
  'ostree/deploy/fedora-coreos/var/.keep': '',
})
const boot = filesystem('boot', 'ext4', { 'loader/entries/ostree-1.conf': 'title Fedora CoreOS\n' })

const off: Machine = {
  version: 1,
  profile: 'fcos',
  scale: 10,
  clock: 0,
  power: 'off',
  partitions: [
    { number: 3, label: 'boot', size: 384 * 2 ** 20, filesystem: 'boot' },
    { number: 4, label: 'root', size: 10 * 2 ** 30, filesystem: 'root' },
  ],
  filesystems: { root, boot },
  volatile: {},
  runtime: null,
  remote: { name: 'fedora', url: 'https://example.invalid', published: 0 },
  provider: { ignition: null },
}

const running: Machine = {
  ...off,
  power: 'on',
  runtime: {
    phase: 'running',
    booted: null,
    cmdline: 'rw ostree=/ostree/boot.1/fedora-coreos/abc/0',
    mounts: [
      {
        id: 1,
        target: '/sysroot',
        filesystem: 'root',
        subtree: '/',
        fstype: 'xfs',
        options: ['ro'],
        readOnly: true,
      },
    ],
    nextMountId: 2,
    units: [{ name: 'ostree-prepare-root.service', result: 'success' }],
    journal: [],
  },
}

// Captions use keys the catalogue has, so the test reads real English text.
const steps: Step[] = [
  {
    event: { type: 'disk/partitioned', partitions: ['BIOS-BOOT', 'EFI-SYSTEM', 'boot', 'root'] },
    caption: { key: 'panel.disk' },
    touched: [],
    machine: off,
  },
  {
    event: { type: 'sysroot/initialized' },
    caption: { key: 'player.position', params: { current: 7, total: 9 } },
    touched: ['root:/ostree/repo/config'],
    machine: off,
  },
  {
    event: { type: 'kernel/started', cmdline: 'root=UUID=x' },
    caption: { key: 'panel.mounts' },
    touched: [],
    machine: running,
  },
]

function show(state: Partial<PlayerState> = {}, cursor = 0) {
  const store = createPlayerStore({ tourId: 'discover', ...state })
  store.getState().actions.loadedTour('discover', steps, cursor)
  render(<App store={store} />)
  return store
}

const caption = () => screen.getByRole('region', { name: 'Caption' })

// The panels are a lazy chunk (they bring the engine's queries): load it once, before any test waits.
beforeAll(() => import('./stage/Stage'), 30_000)
beforeEach(() => history.replaceState(null, '', '/'))
afterEach(cleanup)

describe('the player', () => {
  it('shows the caption of the current step in a polite live region', () => {
    show()
    expect(caption().getAttribute('aria-live')).toBe('polite')
    expect(caption().textContent).toContain('Disk')
  })

  it('takes no focus when it loads', () => {
    show()
    expect(document.activeElement).toBe(document.body)
  })

  it('steps with the buttons, which are disabled at the ends', () => {
    show()
    const previous = screen.getByRole('button', { name: 'Previous step' })
    const next = screen.getByRole('button', { name: 'Next step' })
    expect((previous as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(next)
    expect(caption().textContent).toContain('Step 7 of 9')
    fireEvent.click(next)
    expect((next as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(previous)
    expect(caption().textContent).toContain('Step 7 of 9')
  })

  it('steps with the keys, but leaves them to a focused form field', () => {
    show()
    fireEvent.keyDown(document.body, { key: 'ArrowRight' })
    expect(caption().textContent).toContain('Step 7 of 9')
    fireEvent.keyDown(document.body, { key: 'End' })
    expect(caption().textContent).toContain('Mounts')
    fireEvent.keyDown(document.body, { key: 'Home' })
    expect(caption().textContent).toContain('Disk')
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Speed' }), { key: 'ArrowRight' })
    expect(caption().textContent).toContain('Disk')
  })

  it('scrubs with the timeline slider', () => {
    show()
    const slider = screen.getByRole('slider', { name: 'Timeline' })
    fireEvent.change(slider, { target: { value: '3' } })
    expect(caption().textContent).toContain('Mounts')
    expect(slider.getAttribute('aria-valuetext')).toBe('Step 3 of 3')
  })

  it('keeps the step, language and theme in the URL once the player settles', async () => {
    const store = show({ theme: 'dark' })
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }))
    await waitFor(() => expect(new URLSearchParams(location.search).get('step')).toBe('2'))
    expect(location.search).toContain('tour=discover')
    expect(location.search).toContain('lang=en')
    expect(location.search).toContain('theme=dark')
    act(() => store.getState().actions.setTheme('auto'))
    await waitFor(() => expect(location.search).not.toContain('theme'))
  })

  it('switches play and pause, and changes speed with - and +', () => {
    const store = show()
    fireEvent.click(screen.getByRole('button', { name: 'Play' }))
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy()
    fireEvent.keyDown(document.body, { key: '+' })
    expect(store.getState().speed).toBe(1.5)
    expect((screen.getByRole('combobox', { name: 'Speed' }) as HTMLSelectElement).value).toBe('1.5')
    fireEvent.keyDown(document.body, { key: ' ' })
    expect(store.getState().playing).toBe(false)
  })

  it('shows a notice until it is dismissed', () => {
    const store = createPlayerStore({ tourId: 'discover' })
    store.getState().actions.notify({ key: 'notice.badStep', params: { value: 'abc' } })
    store.getState().actions.loadedTour('discover', steps)
    render(<App store={store} />)
    expect(screen.getByText(/step “abc”/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByText(/step “abc”/)).toBeNull()
  })

  it('has the header controls, and hides them when embedded', () => {
    show()
    expect(screen.getByRole('combobox', { name: 'Tour' })).toBeTruthy()
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy()
    expect(screen.getByRole('combobox', { name: 'Theme' })).toBeTruthy()
    cleanup()
    show({ embed: true })
    expect(screen.queryByRole('combobox', { name: 'Tour' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Next step' })).toBeTruthy()
  })

  it('shows a refused command as the caption, with the word as well as the colour', () => {
    const store = createPlayerStore({ tourId: 'discover' })
    store.getState().actions.loadedTour('discover', steps, 2)
    store.getState().actions.act({ type: 'boot' }, (machine) => [
      {
        event: { type: 'command/failed', command: 'power on', message: 'already on', exitCode: 1 },
        caption: {
          key: 'step.command.failed',
          params: { command: 'power on', message: 'already on' },
        },
        touched: [],
        machine,
      },
    ])
    render(<App store={store} />)
    expect(caption().textContent).toBe('⚠ Refused: power on: already on')
    expect(screen.getByText(/from step 4 on, the steps are yours/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Back to the tour' })).toBeTruthy()
  })

  it('shows the tour’s note under the engine’s caption', () => {
    const store = createPlayerStore({ tourId: 'discover' })
    const noted = steps.map((step, i) =>
      i === 0 ? { ...step, note: { key: 'panel.boot' } } : step,
    )
    store.getState().actions.loadedTour('discover', noted)
    render(<App store={store} />)
    expect(caption().textContent).toBe('DiskBoot')
    expect(within(caption()).getByText('Boot').className).toBe('caption-note')
  })

  it('speaks French when asked', async () => {
    await loadLocale('fr')
    show({ locale: 'fr' })
    expect(screen.getByRole('button', { name: 'Étape suivante' })).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Légende' }).textContent).toContain('Disque')
    expect(document.documentElement.lang).toBe('fr')
  })
})

describe('the stage', () => {
  it('shows the panel the step is about, and any other in one click', async () => {
    show()
    // the disk image is written: the Disk panel, and no boot while the machine is off
    const disk = await screen.findByRole('region', { name: 'Disk', busy: false })
    expect(within(disk).getByText('root')).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'Boot' })).toBeNull()
    fireEvent.keyDown(document.body, { key: 'End' })
    // the machine has booted: the boot chain is in front
    expect(await screen.findByRole('region', { name: 'Boot', busy: false })).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'Mounts' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Mounts' }))
    const mounts = await screen.findByRole('region', { name: 'Mounts', busy: false })
    expect(within(mounts).getByText('/dev/vda4')).toBeTruthy()
    // the terminal docks beside the story, whatever the step
    fireEvent.click(screen.getByRole('button', { name: /Terminal/ }))
    expect(await screen.findByRole('region', { name: 'Terminal', busy: false })).toBeTruthy()
  })

  it('marks the paths the step touched, opening their directories', async () => {
    show({}, 1)
    const disk = await screen.findByRole('region', { name: 'Disk', busy: false })
    const config = within(disk).getByText('config')
    expect(config.closest('li')?.className).toContain('touched-row')
    const repo = within(disk).getByRole('button', { name: /repo\// })
    expect(repo.getAttribute('aria-expanded')).toBe('true')
    fireEvent.click(repo)
    expect(within(disk).queryByText('config')).toBeNull()
  })
})
