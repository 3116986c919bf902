// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Machine, MachineEvent } from '../../engine/types'
import { loadLocale } from '../../i18n'
import type { TourStep } from '../../scenarios/types'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { FoldLine } from './FoldLine'
import { Controls } from './PlayerBar'

// Two steps of story, then a boot folded to its last step.
const types = ['test/a', 'test/b', 'power/on', 'grub/menu', 'kernel/started', 'boot/finished']
const timeline: TourStep[] = types.map((type, i) => ({
  event: { type } as unknown as MachineEvent,
  caption: { key: 'step.power.off' },
  touched: [],
  machine: { version: 1 } as unknown as Machine,
  chapter: 0,
  ...(i >= 2 ? { fold: 0 } : {}),
  ...(i >= 2 && i < 5 ? { folded: true as const } : {}),
}))

function show(cursor: number) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('t', timeline, cursor)
  render(
    <PlayerContext.Provider value={store}>
      <FoldLine />
      <Controls />
    </PlayerContext.Provider>,
  )
  return store
}

afterEach(cleanup)

describe('<FoldLine>', () => {
  it('[fold] says what a step folds, and opens it in place with one click', () => {
    const store = show(5)
    expect(screen.getByText('3 steps folded: power-on, GRUB, and the kernel.')).toBeTruthy()
    expect(screen.getByRole('slider', { name: 'Timeline' }).getAttribute('max')).toBe('3')
    expect(screen.getByText('Step 3 of 3')).toBeTruthy()
    const show3 = screen.getByRole('button', { name: 'Show them' })
    expect(show3.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(show3)
    // the same step, now among all of its boot's
    expect(store.getState().cursor).toBe(5)
    expect(screen.getByText('Step 6 of 6')).toBeTruthy()
    expect(screen.getByText('Every step shown (3 usually folded).')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Previous step' }))
    expect(store.getState().cursor).toBe(4)
    const fold = screen.getByRole('button', { name: 'Fold them' })
    expect(fold.getAttribute('aria-expanded')).toBe('true')
    fireEvent.click(fold)
    expect(store.getState().cursor).toBe(5)
    expect(screen.getByText('Step 3 of 3')).toBeTruthy()
  })

  it('[fold] says nothing at a step that folds nothing', () => {
    show(1)
    expect(screen.queryByRole('button', { name: /Show|Fold/ })).toBeNull()
  })

  it('[fold] reads in French', async () => {
    await loadLocale('fr')
    const store = show(5)
    act(() => store.getState().actions.setLocale('fr'))
    expect(
      screen.getByText('3 étapes repliées : la mise sous tension, GRUB et le noyau.'),
    ).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Les afficher' })).toBeTruthy()
  })
})
