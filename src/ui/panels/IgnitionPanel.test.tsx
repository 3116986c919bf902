// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_IGNITION } from '../../engine'
import { firstBoot } from '../../scenarios/firstBoot'
import { runTour } from '../../scenarios/run'
import type { Tour } from '../../scenarios/types'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { IgnitionPanel } from './IgnitionPanel'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

const steps = runTour(firstBoot, { scale: 30 })
const installed = steps.findIndex((s) => s.event.type === 'install/finished')
const provided = steps.findIndex((s) => s.event.type === 'ignition/provided')
const bare: Tour = { ...firstBoot, actions: [{ type: 'install' }] }
const bareSteps = runTour(bare, { scale: 30 })

function show(timeline = steps, cursor = installed) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('first-boot', timeline, cursor)
  render(
    <PlayerContext.Provider value={store}>
      <IgnitionPanel />
    </PlayerContext.Provider>,
  )
  return store
}

const config = () => screen.getByRole('textbox', { name: /Ignition config \(JSON\)/ })
const type = (text: string) =>
  act(() => void fireEvent.change(config(), { target: { value: text } }))
const problems = () =>
  within(screen.getByRole('list', { name: 'Problems found in the config' }))
    .getAllByRole('listitem')
    .map(visibleText)

/** The text a person reads, without the icons (they are aria-hidden, and said with words). */
function visibleText(element: HTMLElement): string {
  const copy = element.cloneNode(true) as HTMLElement
  copy.querySelectorAll('[aria-hidden="true"]').forEach((icon) => icon.remove())
  return copy.textContent ?? ''
}

afterEach(cleanup)

describe('before the first boot: the config', () => {
  it('offers the example, valid, and takes no focus', () => {
    show()
    expect(screen.getByRole('region', { name: 'Ignition' })).toBeTruthy()
    expect((config() as HTMLTextAreaElement).value).toBe(EXAMPLE_IGNITION)
    expect(screen.getByRole('status').textContent).toContain('No problem found')
    expect(screen.queryByRole('list', { name: 'Problems found in the config' })).toBeNull()
    expect(document.activeElement).toBe(document.body)
    expect(screen.getByLabelText('Open a file (.ign, .json)').getAttribute('accept')).toContain(
      '.ign',
    )
  })

  it('lists the problems of a config by JSON path, kind in words, and reason', () => {
    show()
    type(
      '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "etc/x", "mode": 9999}]}}',
    )
    expect(problems()).toEqual([
      'error$.storage.files[0].path“etc/x” is relative: Ignition needs an absolute path starting with /.',
      'error$.storage.files[0].modeMode 9999 is out of range: a mode is a decimal number from 0 to 4095 (07777).',
    ])
    expect(screen.getByRole('status').textContent).toContain('2 errors')
    expect(config().getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText(/first boot will stop in the emergency shell/)).toBeTruthy()
  })

  it('says what is wrong with text that is not JSON, or not an object, or nothing', () => {
    show()
    type('{bad')
    expect(problems()).toEqual(['error$This is not valid JSON: unexpected b at line 1, column 2.'])
    type('[]')
    expect(problems()[0]).toContain('An object {…} is expected here')
    type('')
    expect(problems()[0]).toContain('The config is empty')
  })

  it('shows the parts Ignition accepts but the simulator does not model as “not simulated”', () => {
    show()
    type(
      JSON.stringify({
        ignition: { version: '3.4.0' },
        storage: { files: [{ path: '/etc/a', contents: { source: 'https://example.com/a' } }] },
      }),
    )
    expect(problems().some((p) => p?.startsWith('not simulated$.storage.files[0]'))).toBe(true)
  })

  it('gives the config to the machine: the timeline forks with the provided step', () => {
    const store = show(bareSteps, bareSteps.length - 1)
    type('{"ignition": {"version": "3.4.0"}}')
    act(
      () =>
        void fireEvent.click(
          screen.getByRole('button', { name: 'Give this config to the machine' }),
        ),
    )
    const { timeline, cursor, forks } = store.getState()
    expect(forks).toEqual([
      {
        at: bareSteps.length - 1,
        action: { type: 'provideIgnition', config: '{"ignition": {"version": "3.4.0"}}' },
      },
    ])
    expect(timeline[cursor]?.event.type).toBe('ignition/provided')
    expect(timeline[cursor]?.machine.provider.ignition).toBe('{"ignition": {"version": "3.4.0"}}')
    expect(screen.getByText(/the config below/)).toBeTruthy()
  })

  it('gives a broken config too (real machines can be given one), and “no config”', () => {
    const store = show(bareSteps, bareSteps.length - 1)
    type('{bad')
    const give = screen.getByRole('button', { name: 'Give this config to the machine' })
    expect(give.hasAttribute('disabled')).toBe(false)
    act(() => void fireEvent.click(give))
    expect(store.getState().timeline.at(-1)?.machine.provider.ignition).toBe('{bad')
    act(() => void fireEvent.click(screen.getByRole('button', { name: 'Use no config' })))
    expect(store.getState().forks.at(-1)?.action).toEqual({ type: 'provideIgnition', config: null })
    expect(screen.getByText(/no config: only the distribution’s base configs/)).toBeTruthy()
  })

  it('puts the example back', () => {
    show()
    type('{}')
    fireEvent.click(screen.getByRole('button', { name: 'Use the example' }))
    expect((config() as HTMLTextAreaElement).value).toBe(EXAMPLE_IGNITION)
  })

  it('starts from the config the machine was given', () => {
    show(steps, provided)
    expect((config() as HTMLTextAreaElement).value).toBe(EXAMPLE_IGNITION)
    expect(screen.getByText(/the config below/)).toBeTruthy()
  })
})

describe('during and after the first boot: the stages', () => {
  it('shows the kargs stage’s change and the reboot', () => {
    show(
      steps,
      steps.findIndex((s) => 'stage' in s.event && s.event.stage === 'kargs'),
    )
    expect(screen.queryByRole('textbox')).toBeNull()
    const kargs = screen.getByText('kargs').closest('li') as HTMLElement
    expect(kargs.getAttribute('aria-current')).toBe('step')
    expect(kargs.textContent).toContain('zswap.enabled=1')
    expect(kargs.textContent).toContain('reboots')
  })

  it('lists what the files stage did, grouped by where it landed for ostree', () => {
    show(steps, steps.length - 1)
    expect(screen.getByText(/Ignition is done/)).toBeTruthy()
    expect(screen.getByText(/\/boot\/ignition.firstboot is gone/)).toBeTruthy()
    const all = screen.getByRole('group', { name: /What the files stage did: 26 changes/ })
    const group = (name: RegExp) => within(all).getByRole('list', { name }).querySelectorAll('li')
    const etc = [...group(/^In the deployment’s \/etc: local changes/)].map((li) => li.textContent)
    expect(etc).toContain('File /etc/hostname written: 16\u00a0bytes, mode 0644, owner 0:0.')
    expect(etc).toContain('Unit hello.service written to /etc/systemd/system/hello.service.')
    const inVar = [...group(/^In \/var/)].map((li) => li.textContent)
    expect(inVar.some((text) => text?.includes('/var/lib/hello/message.txt'))).toBe(true)
    expect(inVar.some((text) => text?.includes('/etc/'))).toBe(false)
  })

  it('jumps to a stage’s step', () => {
    const store = show(steps, steps.length - 1)
    fireEvent.click(screen.getByRole('button', { name: /the mount stage/ }))
    expect(store.getState().timeline[store.getState().cursor]?.event).toMatchObject({
      stage: 'mount',
    })
  })

  it('is gone once the first boot is over and the machine reboots', () => {
    const after: Tour = { ...firstBoot, actions: [...firstBoot.actions, { type: 'reboot' }] }
    const rebooted = runTour(after, { scale: 30 })
    show(rebooted, rebooted.length - 1)
    expect(screen.queryByRole('region', { name: 'Ignition' })).toBeNull()
  })

  it('shows a failed stage with its problems, and lets a new config be given', () => {
    const broken: Tour = {
      ...firstBoot,
      actions: [
        { type: 'install' },
        {
          type: 'provideIgnition',
          config: '{"ignition": {"version": "3.4.0"}, "storage": {"files": [{"path": "x"}]}}',
        },
        { type: 'boot' },
      ],
    }
    const failed = runTour(broken, { scale: 30 })
    show(failed, failed.length - 1)
    expect(
      screen.getByText(/Ignition failed: the boot stopped in the emergency shell/),
    ).toBeTruthy()
    const stage = screen.getByText('fetch-offline').closest('li') as HTMLElement
    expect(stage.textContent).toContain('failed')
    expect(stage.textContent).toContain('$.storage.files[0].path')
    expect(screen.getByRole('textbox', { name: /Ignition config/ })).toBeTruthy()
  })
})
