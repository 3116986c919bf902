// @vitest-environment jsdom
import { act, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useTween } from './hooks'

function Probe({ target, seen }: { target: number; seen: number[] }) {
  seen.push(useTween(target, 400))
  return null
}

function mockReducedMotion(reduce: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: reduce && query.includes('reduce'),
    addEventListener: () => {},
    removeEventListener: () => {},
  }))
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useTween', () => {
  it('eases from the old value to the new one, then rests on it', () => {
    mockReducedMotion(false)
    const seen: number[] = []
    const { rerender } = render(<Probe target={0} seen={seen} />)
    rerender(<Probe target={100} seen={seen} />)
    expect(seen.at(-1)).toBe(0)
    act(() => vi.advanceTimersByTime(200))
    const middle = seen.at(-1) ?? -1
    expect(middle).toBeGreaterThan(0)
    expect(middle).toBeLessThan(100)
    act(() => vi.advanceTimersByTime(400))
    expect(seen.at(-1)).toBe(100)
    const frames = seen.length
    act(() => vi.advanceTimersByTime(1000))
    expect(seen.length).toBe(frames) // the clock stops when nothing moves
  })

  it('jumps at once when the reader prefers reduced motion', () => {
    mockReducedMotion(true)
    const seen: number[] = []
    const { rerender } = render(<Probe target={0} seen={seen} />)
    rerender(<Probe target={100} seen={seen} />)
    expect(seen.at(-1)).toBe(100)
  })
})
