import type { Tour } from './types'

/**
 * Install, boot for the first time, then reboot: the two boots side by side. The first has
 * `ignition.firstboot` on the kernel command line and edits the boot entries; every later one
 * finds the root by UUID and runs no first-boot unit (reference 1.5, 5.1, 5.6).
 */
export const everyBoot: Tour = {
  id: 'every-boot',
  titleKey: 'tour.everyBoot.title',
  profile: 'fcos',
  summaryKey: 'tour.everyBoot.summary',
  actions: [
    {
      type: 'install',
      chapter: {
        id: 'first',
        titleKey: 'tour.everyBoot.chapter.first',
        whyKey: 'tour.everyBoot.why.first',
      },
      notes: [{ event: 'install/finished', key: 'tour.everyBoot.installed' }],
    },
    {
      type: 'boot',
      notes: [
        { event: 'grub/firstbootChecked', key: 'tour.everyBoot.firstGrub' },
        { event: 'kernel/started', key: 'tour.everyBoot.firstKernel' },
        { event: 'boot/entriesPinned', key: 'tour.everyBoot.firstPinned' },
        { event: 'ignition/firstbootCompleted', key: 'tour.everyBoot.firstComplete' },
        { event: 'boot/finished', key: 'tour.everyBoot.firstFinished' },
      ],
    },
    {
      type: 'reboot',
      chapter: {
        id: 'later',
        titleKey: 'tour.everyBoot.chapter.later',
        whyKey: 'tour.everyBoot.why.later',
      },
      notes: [
        { event: 'shutdown/started', key: 'tour.everyBoot.rebooting' },
        { event: 'grub/bootFound', key: 'tour.everyBoot.laterSearch' },
        { event: 'grub/firstbootChecked', key: 'tour.everyBoot.laterGrub' },
        { event: 'kernel/started', key: 'tour.everyBoot.laterKernel' },
        {
          event: 'mount/mounted',
          where: { target: '/sysroot' },
          key: 'tour.everyBoot.laterSysroot',
        },
        {
          event: 'mount/moved',
          where: { from: '/sysroot' },
          key: 'tour.everyBoot.laterNoEdit',
        },
        { event: 'boot/finished', key: 'tour.everyBoot.laterFinished' },
      ],
    },
  ],
}
