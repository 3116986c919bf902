// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { discover } from '../../scenarios/discover'
import { runTour } from '../../scenarios/run'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { HardLinksPanel } from './HardLinksPanel'
import { loadLocalEngine } from '../worker/client'

// No worker here: the engine runs on this thread, loaded before the panels act synchronously.
beforeAll(loadLocalEngine)

const steps = runTour(discover, { scale: 40 })
const staged = steps.findIndex((s) => s.event.type === 'deployment/staged')

function show(cursor: number) {
  const store = createPlayerStore()
  store.getState().actions.loadedTour('discover', steps, cursor)
  render(
    <PlayerContext.Provider value={store}>
      <HardLinksPanel />
    </PlayerContext.Provider>,
  )
}

afterEach(cleanup)

describe('the Hard links panel', () => {
  it('shows nothing before a deployment exists', () => {
    show(0)
    expect(screen.queryByRole('region', { name: 'Hard links' })).toBeNull()
  })

  it('names each path by its inode and link count; selecting one highlights its inode everywhere', () => {
    show(staged)
    const panel = screen.getByRole('region', { name: 'Hard links' })
    const ls = within(panel).getAllByRole('button', { name: /^\/usr\/bin\/ls in deployment/ })
    expect(ls).toHaveLength(2)
    expect(ls[0]!.getAttribute('aria-label')).toMatch(/: inode \d+, 3 links$/)
    expect(ls[1]!.getAttribute('aria-label')).toBe(
      ls[0]!.getAttribute('aria-label')?.replace('deployment 0', 'deployment 1'),
    )
    fireEvent.click(ls[0]!)
    expect(ls.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true'])
    expect(panel.textContent).toContain('has 3 names')
    expect(panel.textContent).toContain('Link count 3')
    // Space selects like a click and is kept from the player (play/pause)
    const space = fireEvent.keyDown(ls[1]!, { key: ' ' })
    expect(space).toBe(false)
    expect(ls.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'false'])
  })

  it('draws the bars of bytes shared and unique for each deployment', () => {
    show(staged)
    const bars = screen.getAllByRole('img', { name: /^Deployment \d: .* shared, .* only here$/ })
    expect(bars).toHaveLength(2)
  })
})
