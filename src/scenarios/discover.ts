import type { Tour } from './types'

/**
 * The article's path: flash the image and boot it; a new release comes out; upgrade, reboot into
 * it, then roll back to the first one.
 */
export const discover: Tour = {
  id: 'discover',
  titleKey: 'tour.discover.title',
  profile: 'fcos',
  actions: [
    { type: 'install' },
    { type: 'boot' },
    { type: 'publish' },
    { type: 'upgrade' },
    { type: 'reboot' },
    { type: 'rollback' },
    { type: 'reboot' },
  ],
}
