// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { discover } from '../../scenarios/discover'
import { everyBoot } from '../../scenarios/everyBoot'
import { runTour } from '../../scenarios/run'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { BootPanel } from './BootPanel'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

const steps = runTour(everyBoot, { scale: 30 })
const last = steps.length - 1
const powerOff = steps.findIndex((s) => s.event.type === 'power/off')

function show(cursor: number) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('every-boot', steps, cursor)
  render(
    <PlayerContext.Provider value={store}>
      <BootPanel />
    </PlayerContext.Provider>,
  )
  return store
}

afterEach(cleanup)

describe('the GRUB menu', () => {
  it('opens as a listbox on request only, with the default entry highlighted', async () => {
    show(last)
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(document.activeElement).toBe(document.body)
    const opener = screen.getByRole('button', { name: 'Reboot and choose an entry' })
    fireEvent.click(opener)
    expect(opener.getAttribute('aria-expanded')).toBe('true')
    const menu = screen.getByRole('listbox', { name: 'GRUB menu: the entry to boot' })
    expect(document.activeElement).toBe(menu)
    // the engine shuts a copy of the machine down to read the next boot's menu
    const options = await within(menu).findAllByRole('option')
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(['true'])
    expect(menu.getAttribute('aria-activedescendant')).toBe(options[0]?.id)
  })

  it('closes on Escape, giving the focus back to its button', () => {
    show(last)
    const opener = screen.getByRole('button', { name: 'Reboot and choose an entry' })
    fireEvent.click(opener)
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Escape' })
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('reboots into the entry chosen with Enter: the timeline forks there', async () => {
    const store = show(last)
    fireEvent.click(screen.getByRole('button', { name: 'Reboot and choose an entry' }))
    const menu = screen.getByRole('listbox')
    await within(menu).findAllByRole('option')
    // ↓ past the last entry stays on it, ← → are kept from the player under an open menu
    fireEvent.keyDown(menu, { key: 'ArrowDown' })
    fireEvent.keyDown(menu, { key: 'ArrowRight' })
    expect(store.getState().cursor).toBe(last)
    act(() => void fireEvent.keyDown(menu, { key: 'Enter' }))
    const { cursor, timeline, forks } = store.getState()
    expect(forks).toEqual([{ at: last, action: { type: 'reboot', entry: 0 } }])
    expect(cursor).toBe(last + 1)
    expect(timeline[cursor]?.event.type).toBe('shutdown/started')
  })

  it('powers a stopped machine on with the entry clicked', () => {
    const store = show(powerOff)
    fireEvent.click(screen.getByRole('button', { name: 'Power on and choose an entry' }))
    act(() => void fireEvent.click(screen.getAllByRole('option')[0] as HTMLElement))
    expect(store.getState().forks).toEqual([{ at: powerOff, action: { type: 'boot', entry: 0 } }])
    expect(store.getState().timeline[powerOff + 1]?.event.type).toBe('power/on')
  })

  it('draws the menu as GRUB showed it at a grub/menu step', () => {
    const at = steps.findIndex((s) => s.event.type === 'grub/menu')
    show(at)
    const figure = screen.getByRole('figure', { name: 'GRUB’s menu at this step' })
    const entry = within(figure).getByRole('listitem')
    expect(entry.getAttribute('aria-current')).toBe('true')
    expect(entry.textContent).toContain('Fedora CoreOS 39.20231101.3.0 (ostree:0)')
  })
})

describe('the boot chain', () => {
  it('marks the unit of the step as current, and jumps to a unit’s first step', () => {
    const at = steps.findIndex((s) => s.event.type === 'boot/switchedRoot')
    const store = show(at)
    const current = screen.getByRole('button', { name: /^initrd-switch-root\.service, this step/ })
    expect(current.getAttribute('aria-current')).toBe('step')
    fireEvent.click(screen.getByRole('button', { name: /^sysroot\.mount, done/ }))
    expect(store.getState().timeline[store.getState().cursor]?.event).toMatchObject({
      type: 'mount/mounted',
      target: '/sysroot',
    })
  })
})

describe('the boot chain of a folded boot', () => {
  // "Discover CoreOS" folds the boot of the new release to the steps that differ
  const tour = runTour(discover, { scale: 30 })
  const start = tour.findIndex((s) => s.fold === 0)
  const end = tour.findLastIndex((s) => s.fold === 0)

  it('[fold] numbers steps as the counter does, and going to a folded one opens its fold', () => {
    const store = createPlayerStore()
    store.getState().actions.loadedTour('discover', tour, end)
    render(
      <PlayerContext.Provider value={store}>
        <BootPanel />
      </PlayerContext.Provider>,
    )
    expect(store.getState().opened).toEqual([])
    // the power-on is folded: its number is the one it has once the fold is open
    const power = screen.getByRole('button', { name: `Power on, done. Go to step ${start + 1}` })
    fireEvent.click(power)
    expect(store.getState().cursor).toBe(start)
    expect(store.getState().opened).toEqual([0])
  })
})
