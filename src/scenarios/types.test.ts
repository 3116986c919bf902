import { describe, expect, it } from 'vitest'
import type { TourNote, TourQuestion } from './types'

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

describe('a tour question', () => {
  it('names a probe that exists, with its arguments, and only answers that probe can give', () => {
    const choices = [{ answer: 'running', key: 'predict.choice.running' }] as const
    const questions: TourQuestion[] = [
      { event: 'bootloader/synced', key: 'tour.x', probe: 'nextBoot', choices },
      {
        event: 'deployment/staged',
        key: 'tour.x',
        probe: 'etcFile',
        path: 'motd',
        choices: [{ answer: 'release', key: 'predict.choice.release' }],
      },
      // @ts-expect-error no such probe
      { event: 'bootloader/synced', key: 'tour.x', probe: 'nextBot', choices },
      // @ts-expect-error an answer of another probe
      { event: 'bootloader/synced', key: 'tour.x', probe: 'etcFile', path: 'motd', choices },
      // @ts-expect-error etcFile needs the path it probes
      { event: 'bootloader/synced', key: 'tour.x', probe: 'etcFile', choices: [] },
      {
        event: 'grub/menu',
        key: 'tour.x',
        probe: 'nextBoot',
        // @ts-expect-error no such answer
        choices: [{ answer: 'old', key: 'x' }],
      },
    ]
    expect(questions.map((q) => q.probe)).toContain('etcFile')
  })
})
