// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Machine, MachineEvent } from '../../engine/types'
import type { StepQuestion, TourStep } from '../../scenarios/types'
import { createPlayerStore, type PlayerState } from '../store/playerStore'
import { PlayerContext } from '../store/usePlayer'
import { CaptionBar } from './PlayerBar'

afterEach(cleanup)

// The pull-the-plug question as runTour answers it, on steps built by hand.
const question: StepQuestion = {
  question: {
    key: 'tour.pullThePlug.predictBefore',
    params: { running: '39.20231101.3.0', other: '39.20231119.3.0' },
  },
  choices: ['running', 'update', 'noBoot'].map((choice) => ({
    key: `predict.choice.${choice}`,
    params: { running: '39.20231101.3.0', other: '39.20231119.3.0' },
  })),
  answer: 0,
  outcome: {
    key: 'predict.nextBoot.running',
    params: {
      title: 'Fedora CoreOS 39.20231101.3.0 (ostree:0)',
      version: '39.20231101.3.0',
      running: '39.20231101.3.0',
    },
  },
  shownAt: 3,
}
const steps: TourStep[] = ['a', 'b', 'c', 'd'].map((name, i) => ({
  event: { type: `test/${name}` } as unknown as MachineEvent,
  caption: { key: 'step.power.lost' },
  touched: [],
  machine: { power: 'on' } as unknown as Machine,
  ...(i === 1 ? { question } : {}),
}))

function show(initial: Partial<PlayerState> = {}) {
  const store = createPlayerStore(initial)
  store.getState().actions.loadedTour('pull-the-plug', steps, 1)
  render(
    <PlayerContext.Provider value={store}>
      <CaptionBar />
    </PlayerContext.Provider>,
  )
  return store
}

const choice = (name: RegExp) => screen.queryByRole('button', { name })

describe('a question under the caption', () => {
  it('offers its choices as buttons, with the versions of the machine', () => {
    show()
    expect(screen.getByRole('group', { name: /which version boots\?/ })).toBeTruthy()
    expect(choice(/^39\.20231101\.3\.0, the version running now$/)).toBeTruthy()
    expect(choice(/^39\.20231119\.3\.0, the update$/)).toBeTruthy()
    expect(choice(/^Neither: the machine does not boot$/)).toBeTruthy()
  })

  it('reveals, on a wrong pick, the engine’s outcome and where to see it; focus follows', () => {
    const store = show()
    act(() => choice(/the update/)?.click())
    expect(store.getState().answers).toEqual({ 1: 1 })
    expect(choice(/the update/)).toBeNull()
    const reveal = document.querySelector('.predict-reveal')
    expect(reveal?.getAttribute('aria-live')).toBe('polite')
    expect(reveal?.getAttribute('data-verdict')).toBe('wrong')
    expect(reveal?.textContent).toBe(
      '✗ Not quite: you said “39.20231119.3.0, the update”. GRUB starts “Fedora CoreOS 39.20231101.3.0 (ostree:0)”: 39.20231101.3.0 runs again. Step on to see it happen, 2 steps from here.',
    )
    expect(document.activeElement).toBe(reveal)
  })

  it('says so on a right pick, and keeps the answer when the reader comes back', () => {
    const store = show()
    act(() => choice(/running now/)?.click())
    act(() => store.getState().actions.next())
    expect(document.querySelector('.predict')).toBeNull()
    act(() => store.getState().actions.previous())
    const reveal = document.querySelector('.predict-reveal')
    expect(reveal?.getAttribute('data-verdict')).toBe('right')
    expect(reveal?.textContent).toMatch(/^✓ Right: 39\.20231101\.3\.0, the version running now\./)
  })

  it('does not stop playback', () => {
    const store = show()
    act(() => store.getState().actions.play())
    act(() => choice(/does not boot/)?.click())
    expect(store.getState().playing).toBe(true)
  })

  it('is not shown in an embed', () => {
    show({ embed: true })
    expect(document.querySelector('.predict')).toBeNull()
    expect(choice(/the update/)).toBeNull()
  })
})
