import { EXAMPLE_IGNITION } from '../engine/ignition/example'
import type { Tour } from './types'

/**
 * Install, hand the platform the example Ignition config, and boot: the first boot runs Ignition's
 * stages in the initramfs. The example adds a kernel argument, so the kargs stage reboots the
 * machine once and the first boot starts over; then the files stage writes into the deployment's
 * /etc and the stateroot's /var, and /boot/ignition.firstboot is deleted (reference 5.6).
 */
export const firstBoot: Tour = {
  id: 'first-boot',
  titleKey: 'tour.firstBoot.title',
  profile: 'fcos',
  summaryKey: 'tour.firstBoot.summary',
  actions: [
    {
      type: 'install',
      chapter: {
        id: 'image',
        titleKey: 'tour.firstBoot.chapter.image',
        whyKey: 'tour.firstBoot.why.image',
      },
      notes: [{ event: 'install/finished', key: 'tour.firstBoot.installed' }],
    },
    {
      type: 'provideIgnition',
      chapter: {
        id: 'config',
        titleKey: 'tour.firstBoot.chapter.config',
        whyKey: 'tour.firstBoot.why.config',
      },
      config: EXAMPLE_IGNITION,
      notes: [{ event: 'ignition/provided', key: 'tour.firstBoot.provided' }],
    },
    {
      type: 'boot',
      chapter: {
        id: 'boot',
        titleKey: 'tour.firstBoot.chapter.boot',
        whyKey: 'tour.firstBoot.why.boot',
      },
      notes: [
        { event: 'kernel/started', key: 'tour.firstBoot.kernel' },
        {
          event: 'ignition/stage',
          where: { stage: 'fetch-offline' },
          key: 'tour.firstBoot.fetchOffline',
        },
        { event: 'ignition/stage', where: { stage: 'kargs' }, key: 'tour.firstBoot.kargs' },
        { event: 'ignition/rebooted', key: 'tour.firstBoot.rebooted' },
        { event: 'ignition/stage', where: { stage: 'disks' }, key: 'tour.firstBoot.disks' },
        { event: 'ignition/stage', where: { stage: 'mount' }, key: 'tour.firstBoot.mount' },
        { event: 'ignition/stage', where: { stage: 'files' }, key: 'tour.firstBoot.files' },
        { event: 'ignition/stage', where: { stage: 'umount' }, key: 'tour.firstBoot.umount' },
        { event: 'ignition/firstbootCompleted', key: 'tour.firstBoot.complete' },
        { event: 'boot/finished', key: 'tour.firstBoot.finished' },
      ],
    },
  ],
}
