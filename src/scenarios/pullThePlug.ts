import type { Tour } from './types'

/**
 * An update, and the power cut twice during the reboot that finalizes it: one step before the
 * rename of /boot/loader.tmp (the old system boots, the staged update is gone), then, after
 * staging it again, one step after it (the new system boots). Reference 3.2 and 3.3: the outcome
 * depends only on where /boot/loader points; leftovers go at the next cleanup.
 */
export const pullThePlug: Tour = {
  id: 'pull-the-plug',
  titleKey: 'tour.pullThePlug.title',
  profile: 'fcos',
  summaryKey: 'tour.pullThePlug.summary',
  actions: [
    { type: 'install' },
    { type: 'boot' },
    {
      type: 'publish',
      chapter: {
        id: 'update',
        titleKey: 'tour.pullThePlug.chapter.update',
        whyKey: 'tour.pullThePlug.why.update',
      },
      notes: [{ event: 'remote/published', key: 'tour.pullThePlug.published' }],
    },
    { type: 'upgrade', notes: [{ event: 'deployment/staged', key: 'tour.pullThePlug.staged' }] },
    {
      type: 'reboot',
      chapter: {
        id: 'before',
        titleKey: 'tour.pullThePlug.chapter.before',
        whyKey: 'tour.pullThePlug.why.before',
      },
      until: { event: 'bootloader/synced' },
      notes: [{ event: 'bootloader/synced', key: 'tour.pullThePlug.beforeRename' }],
      questions: [
        {
          event: 'bootloader/synced',
          key: 'tour.pullThePlug.predictBefore',
          probe: 'nextBoot',
          choices: [
            { answer: 'running', key: 'predict.choice.running' },
            { answer: 'other', key: 'predict.choice.update' },
            { answer: 'none', key: 'predict.choice.noBoot' },
          ],
        },
      ],
    },
    { type: 'powerLoss', notes: [{ event: 'power/lost', key: 'tour.pullThePlug.lostBefore' }] },
    {
      type: 'boot',
      notes: [
        { event: 'grub/menu', key: 'tour.pullThePlug.oldBoots' },
        { event: 'boot/finished', key: 'tour.pullThePlug.oldRuns' },
      ],
    },
    {
      type: 'upgrade',
      chapter: {
        id: 'again',
        titleKey: 'tour.pullThePlug.chapter.again',
        whyKey: 'tour.pullThePlug.why.again',
      },
      notes: [
        { event: 'pull/objectsFetched', key: 'tour.pullThePlug.nothingToFetch' },
        { event: 'deployment/checkedOut', key: 'tour.pullThePlug.nextSerial' },
        { event: 'cleanup/bootversionRemoved', key: 'tour.pullThePlug.loaderLeftover' },
        { event: 'cleanup/deploymentRemoved', key: 'tour.pullThePlug.folderLeftover' },
      ],
    },
    {
      type: 'reboot',
      chapter: {
        id: 'after',
        titleKey: 'tour.pullThePlug.chapter.after',
        whyKey: 'tour.pullThePlug.why.after',
      },
      until: { event: 'bootloader/loaderSwapped' },
      notes: [{ event: 'bootloader/loaderSwapped', key: 'tour.pullThePlug.renamed' }],
      questions: [
        {
          event: 'bootloader/loaderSwapped',
          key: 'tour.pullThePlug.predictAfter',
          probe: 'nextBoot',
          choices: [
            { answer: 'running', key: 'predict.choice.running' },
            { answer: 'other', key: 'predict.choice.update' },
            { answer: 'none', key: 'predict.choice.noBoot' },
          ],
        },
      ],
    },
    { type: 'powerLoss', notes: [{ event: 'power/lost', key: 'tour.pullThePlug.lostAfter' }] },
    {
      type: 'boot',
      // the boot after the first cut was shown step by step
      fold: true,
      notes: [
        { event: 'grub/menu', key: 'tour.pullThePlug.newBoots' },
        { event: 'boot/finished', key: 'tour.pullThePlug.newRuns' },
      ],
    },
  ],
}
