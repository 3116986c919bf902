import type { Tour } from './types'

/**
 * A machine to play with: installed, booted once, and the update server has two newer releases,
 * so `rpm-ostree upgrade` finds the newest (the engine upgrades to the remote's last published
 * release, ops.ts `newerCommit`). It opens at its last step with the terminal docked; every step
 * of its history is there to step back through.
 */
export const sandbox: Tour = {
  id: 'sandbox',
  titleKey: 'tour.sandbox.title',
  profile: 'fcos',
  profiles: ['fcos', 'rhcos'],
  summaryKey: 'tour.sandbox.summary',
  start: 'last',
  terminal: true,
  actions: [
    {
      type: 'install',
      chapter: {
        id: 'yours',
        titleKey: 'tour.sandbox.chapter.yours',
        whyKey: 'tour.sandbox.why.yours',
      },
    },
    { type: 'boot' },
    { type: 'publish' },
    {
      type: 'publish',
      notes: [{ event: 'remote/published', key: 'tour.sandbox.ready' }],
    },
  ],
}
