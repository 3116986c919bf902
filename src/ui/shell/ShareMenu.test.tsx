// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Machine, MachineEvent } from '../../engine/types'
import type { TourStep } from '../../scenarios/types'
import { createPlayerStore } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { ShareMenu } from './ShareMenu'

// Two steps that prepare the machine, then the story: the link counts from its first step.
const timeline: TourStep[] = Array.from({ length: 8 }, (_, i) => ({
  event: { type: `test/${i}` } as unknown as MachineEvent,
  caption: { key: 'step.power.off' },
  touched: [],
  machine: { version: 1 } as unknown as Machine,
  ...(i >= 2 ? { chapter: 0 } : {}),
}))

function show() {
  const store = createPlayerStore({ theme: 'dark' })
  store.getState().actions.loadedTour('atomic-upgrade', timeline, 5)
  render(
    <PlayerContext.Provider value={store}>
      <ShareMenu />
    </PlayerContext.Provider>,
  )
  return store
}

const LINK = `${location.origin}/?tour=atomic-upgrade&step=4&lang=en&theme=dark`
const shareButton = () => screen.getByRole('button', { name: 'Share' })
const item = (name: string) => screen.getByRole('button', { name })

function clipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
}

afterEach(() => {
  cleanup()
  Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
})

describe('<ShareMenu>', () => {
  it('[keys] opens with the arrows, moves with them, and Escape hands focus back', () => {
    show()
    const button = shareButton()
    expect(button.getAttribute('aria-expanded')).toBe('false')
    button.focus()
    fireEvent.keyDown(button, { key: 'ArrowDown' })
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(document.activeElement).toBe(item('Copy link to this step'))
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(item('Copy embed code for a slide'))
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' })
    expect(document.activeElement).toBe(item('Download picture (SVG)'))
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(item('Copy link to this step'))
    const escape = fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' })
    // the key is the menu's: nothing else acts on it (an embedded page handing focus back)
    expect(escape).toBe(false)
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('group', { name: 'Share' })).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('[link] copies the link to the step shown, and says so', async () => {
    show()
    const writeText = vi.fn(() => Promise.resolve())
    clipboard(writeText)
    fireEvent.click(shareButton())
    fireEvent.click(item('Copy link to this step'))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Link copied.'))
    expect(writeText).toHaveBeenCalledWith(LINK)
    expect(shareButton().getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(shareButton())
  })

  it('[embed] where the clipboard is refused, shows the code selected to be copied by hand', async () => {
    show()
    clipboard(() => Promise.reject(new DOMException('refused', 'NotAllowedError')))
    fireEvent.click(shareButton())
    fireEvent.click(item('Copy embed code for a slide'))
    const field = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Embed code' })
    expect(field.value).toBe(
      `<iframe src="${location.origin}/?embed=1&amp;tour=atomic-upgrade&amp;step=4&amp;lang=en&amp;theme=dark" ` +
        'title="CoreOS Explorer: Anatomy of an atomic upgrade" width="960" height="600" ' +
        'style="border: 0" allow="clipboard-write; fullscreen"></iframe>',
    )
    await waitFor(() => expect(document.activeElement).toBe(field))
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length])
    expect(screen.getByRole('status').textContent).toMatch(/^This page may not use the clipboard/)
    // the list stays open with the field; Escape closes both
    fireEvent.keyDown(field, { key: 'Escape' })
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(document.activeElement).toBe(shareButton())
  })

  it('[link] without a clipboard at all (http), shows the link to be copied by hand', async () => {
    show()
    fireEvent.click(shareButton())
    fireEvent.click(item('Copy link to this step'))
    const field = await screen.findByRole<HTMLTextAreaElement>('textbox', {
      name: 'Link to this step',
    })
    expect(field.value).toBe(LINK)
  })
})
