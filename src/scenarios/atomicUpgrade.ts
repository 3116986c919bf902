import type { Tour } from './types'

/**
 * One `rpm-ostree upgrade`, from the release on the server to the boot of the new deployment
 * (reference 3.1, 3.3). The machine is first installed, booted and updated once, so that it has a
 * rollback deployment, as a Fedora CoreOS machine has after its first update: staging then lists
 * three deployments, and finalization drops the old rollback. Those steps prepare the machine; the story opens at the next release.
 */
export const atomicUpgrade: Tour = {
  id: 'atomic-upgrade',
  titleKey: 'tour.atomicUpgrade.title',
  profile: 'fcos',
  summaryKey: 'tour.atomicUpgrade.summary',
  actions: [
    { type: 'install' },
    { type: 'boot' },
    { type: 'publish' },
    { type: 'upgrade' },
    { type: 'reboot' },
    {
      type: 'publish',
      chapter: {
        id: 'release',
        titleKey: 'tour.atomicUpgrade.chapter.release',
        whyKey: 'tour.atomicUpgrade.why.release',
      },
      notes: [{ event: 'remote/published', key: 'tour.atomicUpgrade.published' }],
    },
    {
      type: 'upgrade',
      chapter: {
        id: 'stage',
        titleKey: 'tour.atomicUpgrade.chapter.stage',
        whyKey: 'tour.atomicUpgrade.why.stage',
      },
      notes: [
        { event: 'pull/objectsFetched', key: 'tour.atomicUpgrade.pulled' },
        { event: 'deployment/checkedOut', key: 'tour.atomicUpgrade.checkedOut' },
        { event: 'deployment/staged', key: 'tour.atomicUpgrade.staged' },
      ],
      questions: [
        {
          event: 'deployment/originWritten',
          key: 'tour.atomicUpgrade.predictStaging',
          probe: 'bootAfterPowerLoss',
          choices: [
            { answer: 'running', key: 'predict.choice.running' },
            { answer: 'other', key: 'predict.choice.update' },
            { answer: 'none', key: 'predict.choice.noBoot' },
          ],
        },
      ],
    },
    {
      type: 'reboot',
      chapter: {
        id: 'switch',
        titleKey: 'tour.atomicUpgrade.chapter.switch',
        whyKey: 'tour.atomicUpgrade.why.switch',
      },
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
      questions: [
        {
          event: 'cleanup/bootversionRemoved',
          key: 'tour.atomicUpgrade.predictRenamed',
          probe: 'bootAfterPowerLoss',
          choices: [
            { answer: 'running', key: 'predict.choice.running' },
            { answer: 'other', key: 'predict.choice.update' },
            { answer: 'none', key: 'predict.choice.noBoot' },
          ],
        },
      ],
    },
  ],
}
