import type { Tour } from './types'

/**
 * One `rpm-ostree upgrade`, from the release on the server to the boot of the new deployment
 * (reference 3.1, 3.3). The machine is first installed, booted and updated once, so that it has a
 * rollback deployment, as a Fedora CoreOS machine has after its first update: staging then lists
 * three deployments, and finalization drops the old rollback. The tour opens where the story starts.
 */
export const atomicUpgrade: Tour = {
  id: 'atomic-upgrade',
  titleKey: 'tour.atomicUpgrade.title',
  profile: 'fcos',
  start: 'note',
  actions: [
    { type: 'install' },
    { type: 'boot' },
    { type: 'publish' },
    { type: 'upgrade' },
    { type: 'reboot' },
    {
      type: 'publish',
      notes: [{ event: 'remote/published', key: 'tour.atomicUpgrade.published' }],
    },
    {
      type: 'upgrade',
      notes: [
        { event: 'pull/objectsFetched', key: 'tour.atomicUpgrade.pulled' },
        { event: 'deployment/checkedOut', key: 'tour.atomicUpgrade.checkedOut' },
        { event: 'deployment/staged', key: 'tour.atomicUpgrade.staged' },
      ],
    },
    {
      type: 'reboot',
      notes: [
        { event: 'shutdown/started', key: 'tour.atomicUpgrade.shutdown' },
        { event: 'etc/merged', key: 'tour.atomicUpgrade.etcMerged' },
        { event: 'bootloader/entriesCleared', key: 'tour.atomicUpgrade.entriesCleared' },
        { event: 'bootloader/entryWritten', key: 'tour.atomicUpgrade.entryWritten' },
        { event: 'bootloader/bootlinksCreated', key: 'tour.atomicUpgrade.bootlinks' },
        { event: 'bootloader/synced', key: 'tour.atomicUpgrade.synced' },
        { event: 'bootloader/loaderSwapped', key: 'tour.atomicUpgrade.renamed' },
        { event: 'cleanup/deploymentRemoved', key: 'tour.atomicUpgrade.rollbackDropped' },
        { event: 'grub/menu', key: 'tour.atomicUpgrade.grub' },
        { event: 'boot/finished', key: 'tour.atomicUpgrade.finished' },
      ],
    },
  ],
}
