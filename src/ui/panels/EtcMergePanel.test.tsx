// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { etcMerge } from '../../scenarios/etcMerge'
import { runTour } from '../../scenarios/run'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { EtcMergePanel } from './EtcMergePanel'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

const steps = runTour(etcMerge, { scale: 30 })
const booted = steps.findIndex((s) => s.event.type === 'boot/finished')
const merged = steps.findIndex((s) => s.event.type === 'etc/merged')

function show(cursor: number, range: { from: number; to: number | null } | null = null) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('etc-merge', steps, cursor, [], 'reader', range)
  render(
    <PlayerContext.Provider value={store}>
      <EtcMergePanel />
    </PlayerContext.Provider>,
  )
  return store
}

const panel = () => screen.getByRole('region', { name: '/etc merge' })
const field = (name: string) => within(panel()).getByRole('textbox', { name })
const fill = (name: string, value: string) =>
  act(() => void fireEvent.change(field(name), { target: { value } }))
const press = (name: string) =>
  act(() => void fireEvent.click(within(panel()).getByRole('button', { name })))

afterEach(cleanup)

describe('the /etc merge panel', () => {
  it('lists the local changes before an upgrade, as config-diff sees them', () => {
    show(booted)
    expect(panel().textContent).toContain('as ostree admin config-diff lists them')
    const passwd = within(panel()).getByRole('row', { name: /^passwd default/ })
    expect(passwd.textContent).toContain('edited')
    expect(passwd.textContent).toContain('modified')
  })

  it('shows each path of the merge with its rule, and the rule in words on demand', () => {
    show(merged)
    const chrony = within(panel()).getByRole('row', { name: /^chrony\.conf/ })
    expect(chrony.textContent).toContain('local wins, upstream change lost')
    press('chrony.conf')
    const details = within(panel()).getByRole('region', { name: 'Details of chrony.conf' })
    expect(details.textContent).toContain('the upstream change is lost without a warning')
    act(() => void fireEvent.click(within(details).getByRole('button', { name: 'Base → new' })))
    // The upstream change the local copy hides: a comment's link moves to https.
    expect(within(details).getByLabelText('Text diff, Base → new').textContent).toContain(
      '+ # Please consider joining the pool (https://www.pool.ntp.org/join.html).',
    )
  })

  it('numbers a past merge as the counter does, and a merge before the steps shown by no number', () => {
    const after = steps.findIndex((s, i) => i > merged && s.event.type === 'boot/finished')
    show(after)
    expect(panel().textContent).toMatch(/came from this merge, at step \d+/)
    expect(within(panel()).getByRole('button', { name: /^Go to step \d+/ })).toBeTruthy()
    cleanup()
    show(after, { from: after, to: null })
    expect(panel().textContent).toContain('came from a merge made before the steps shown here')
    expect(within(panel()).queryByRole('button', { name: /^Go to step/ })).toBeNull()
  })

  it('refuses an edit outside /etc, and turns a good one into a step', () => {
    const store = show(booted)
    press('Edit /etc')
    fill('Path', '/usr/etc/motd')
    press('Save the file')
    expect(within(panel()).getByRole('alert').textContent).toBe(
      '/usr/etc/motd is not under /etc: only /etc is yours to change (/usr is read-only).',
    )
    expect(store.getState().forks).toEqual([])
    fill('Path', '/etc/motd')
    fill('Content', 'Welcome\n')
    press('Save the file')
    expect(within(panel()).queryByRole('alert')).toBeNull()
    const { timeline, cursor, forks } = store.getState()
    expect(forks).toEqual([
      {
        at: booted,
        action: { type: 'editEtc', edit: { type: 'write', path: '/etc/motd', data: 'Welcome\n' } },
      },
    ])
    expect(timeline[cursor]?.event.type).toBe('etc/edited')
    expect(within(panel()).getByRole('row', { name: /^motd/ }).textContent).toContain('edited')
  })
})
