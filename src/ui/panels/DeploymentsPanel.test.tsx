// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listDeployments } from '../../engine'
import { atomicUpgrade } from '../../scenarios/atomicUpgrade'
import { runTour } from '../../scenarios/run'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import PowerControl from '../shell/PowerControl'
import { DeploymentsPanel } from './DeploymentsPanel'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

const steps = runTour(atomicUpgrade, { scale: 30 })
const story = steps.findIndex((s) => s.note !== undefined)
const at = (type: string) => steps.findIndex((s, i) => i > story && s.event.type === type)

function show(cursor: number, timeline = steps) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('atomic-upgrade', timeline, cursor)
  render(
    <PlayerContext.Provider value={store}>
      <DeploymentsPanel />
      <PowerControl />
    </PlayerContext.Provider>,
  )
  return store
}

const panel = () => screen.getByRole('region', { name: 'Deployments' })
const cards = () =>
  within(panel())
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('card'))

afterEach(cleanup)

describe('the Deployments panel', () => {
  it('[3.3] shows three cards while staged: the staged one has no boot entry, the booted one is the default', () => {
    show(at('deployment/staged'))
    const [staged, booted, rollback] = cards()
    expect(cards()).toHaveLength(3)
    expect(within(staged!).getByText('staged')).toBeTruthy()
    expect(within(staged!).getByText('none until shutdown')).toBeTruthy()
    expect(within(staged!).getByText('changed')).toBeTruthy()
    expect(within(booted!).getByText('booted')).toBeTruthy()
    expect(within(booted!).getByText('default')).toBeTruthy()
    expect(within(rollback!).getByText('rollback')).toBeTruthy()
    expect(panel().textContent).toContain('GRUB reads/boot/loader → loader.0')
  })

  it('shows rpm-ostree status first, its new lines marked; ← → move between the views', () => {
    const store = show(at('deployment/staged'))
    const tabs = within(panel()).getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'rpm-ostree status ●, changed at this step',
      'ostree admin status ●, changed at this step',
      'Boot entries',
    ])
    const view = within(panel()).getByRole('tabpanel')
    expect(view.getAttribute('aria-labelledby')).toBe(tabs[0]?.id)
    expect(view.textContent).toMatch(/^State: idle\n/)
    expect(view.querySelectorAll('mark').length).toBe(4) // the staged deployment's block
    const cursor = store.getState().cursor
    act(() => void fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' }))
    expect(document.activeElement).toBe(tabs[1])
    expect(within(panel()).getByRole('tabpanel').textContent).toContain('(staged)')
    act(() => void fireEvent.keyDown(tabs[1]!, { key: 'End' }))
    expect(tabs[2]?.getAttribute('aria-selected')).toBe('true')
    expect(store.getState().cursor).toBe(cursor)
  })

  it('[3.1] shows the inactive loader.N filling, and the entry the step wrote, open', () => {
    show(at('bootloader/entryWritten'))
    fireEvent.click(within(panel()).getByRole('tab', { name: /^Boot entries/ }))
    const view = within(panel()).getByRole('tabpanel')
    expect(view.textContent).toContain('/boot/loader.0: read by GRUB')
    expect(view.textContent).toContain('/boot/loader.1: not read by GRUB')
    const open = [...view.querySelectorAll('details')].filter((d) => d.open)
    expect(open).toHaveLength(1)
    expect(open[0]?.textContent).toMatch(
      /^ostree-2-fedora-coreos.conf Fedora CoreOS .* \(ostree:0\)/,
    )
  })
})

describe('the power button', () => {
  it('pulls the plug at the step shown: the timeline forks, and the machine can be powered on again', () => {
    const synced = at('bootloader/synced')
    const store = show(synced)
    act(() => void fireEvent.click(screen.getByRole('button', { name: 'Pull the plug' })))
    expect(store.getState().cursor).toBe(synced + 1)
    expect(store.getState().timeline[synced + 1]?.event.type).toBe('power/lost')
    expect(store.getState().forks).toEqual([{ at: synced, action: { type: 'powerLoss' } }])
    act(() => void fireEvent.click(screen.getByRole('button', { name: 'Power on' })))
    const { timeline } = store.getState()
    expect(timeline[synced + 2]?.event.type).toBe('power/on')
    expect(timeline.at(-1)?.event.type).toBe('boot/finished')
    // the plug was pulled before the rename: the release booted before it boots again
    const old = listDeployments(steps[synced]!.machine).find((d) => d.booted)?.version
    act(() => store.getState().actions.last())
    const booted = cards().find((card) => within(card).queryByText('booted'))
    expect(booted?.textContent).toContain(`Version${old}`)
  })

  it('cannot power on a disk that has no /boot yet', () => {
    // the image as it is being written: a timeline of that step alone
    show(0, steps.slice(0, 1))
    const button = screen.getByRole('button', { name: 'Power on' })
    expect((button as HTMLButtonElement).disabled).toBe(true)
  })
})
