import { describe, expect, it } from 'vitest'
import type { TourNote } from './types'

describe('a tour note', () => {
  it('names an event the engine emits, and only fields of that event', () => {
    const notes: TourNote[] = [
      { event: 'ignition/stage', where: { stage: 'files' }, key: 'tour.x' },
      { event: 'grub/menu', where: { selected: 1 }, key: 'tour.x' },
      // @ts-expect-error no such event
      { event: 'ignition/stages', key: 'tour.x' },
      // @ts-expect-error no such field
      { event: 'ignition/stage', where: { stag: 'files' }, key: 'tour.x' },
      // @ts-expect-error no such stage
      { event: 'ignition/stage', where: { stage: 'filez' }, key: 'tour.x' },
      // @ts-expect-error a field of another event
      { event: 'grub/menu', where: { stage: 'files' }, key: 'tour.x' },
    ]
    expect(notes.map((note) => note.event)).toContain('grub/menu')
  })
})
