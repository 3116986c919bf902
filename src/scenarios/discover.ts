import type { Tour } from './types'

/**
 * The article's path: flash the image and boot it; a new release comes out; upgrade, reboot into
 * it, then roll back to the first one.
 */
export const discover: Tour = {
  id: 'discover',
  titleKey: 'tour.discover.title',
  profile: 'fcos',
  summaryKey: 'tour.discover.summary',
  actions: [
    {
      type: 'install',
      chapter: {
        id: 'disk',
        titleKey: 'tour.discover.chapter.disk',
        whyKey: 'tour.discover.why.disk',
      },
    },
    {
      type: 'boot',
      chapter: {
        id: 'first-boot',
        titleKey: 'tour.discover.chapter.first-boot',
        whyKey: 'tour.discover.why.first-boot',
      },
    },
    {
      type: 'publish',
      chapter: {
        id: 'update',
        titleKey: 'tour.discover.chapter.update',
        whyKey: 'tour.discover.why.update',
      },
    },
    { type: 'upgrade' },
    {
      type: 'reboot',
      chapter: {
        id: 'switch',
        titleKey: 'tour.discover.chapter.switch',
        whyKey: 'tour.discover.why.switch',
      },
    },
    {
      type: 'rollback',
      chapter: {
        id: 'rollback',
        titleKey: 'tour.discover.chapter.rollback',
        whyKey: 'tour.discover.why.rollback',
      },
    },
    { type: 'reboot' },
  ],
}
