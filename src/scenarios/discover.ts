import type { Tour } from './types'

/**
 * The article's path ("À la découverte de CoreOS !"), on Fedora CoreOS: the image written to the
 * disk, the first boot and the mounts that build the system from a deployment, an update laid out
 * beside the running system, the switch at shutdown that carries local /etc changes over
 * (reference 3.3, 4), the new release booted, and the rollback (reference 6).
 *
 * The reboot into the update is cut where the machine is off, so that the boot of the new release
 * opens a chapter of its own: the same steps as one `reboot`. The first boot is shown step by step;
 * the later two are folded to what differs, and the reader may open them.
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
      notes: [
        { event: 'disk/partitioned', key: 'tour.discover.flashed' },
        { event: 'repo/objectsWritten', key: 'tour.discover.objects' },
        { event: 'deployment/checkedOut', key: 'tour.discover.checkout' },
        { event: 'deployment/etcCopied', key: 'tour.discover.etcCopy' },
        { event: 'deployment/sealed', key: 'tour.discover.sealed' },
        { event: 'bootloader/loaderSwapped', key: 'tour.discover.loader' },
        { event: 'install/finished', key: 'tour.discover.installed' },
      ],
    },
    {
      type: 'boot',
      chapter: {
        id: 'first-boot',
        titleKey: 'tour.discover.chapter.first-boot',
        whyKey: 'tour.discover.why.first-boot',
      },
      notes: [
        { event: 'grub/menu', key: 'tour.discover.grub' },
        { event: 'kernel/started', key: 'tour.discover.kernel' },
        {
          event: 'ignition/stage',
          where: { stage: 'fetch-offline' },
          key: 'tour.discover.ignition',
        },
        { event: 'mount/mounted', where: { target: '/sysroot' }, key: 'tour.discover.sysroot' },
        { event: 'prepareRoot/resolved', key: 'tour.discover.resolved' },
        { event: 'mount/bound', where: { target: '/sysroot.tmp' }, key: 'tour.discover.composefs' },
        { event: 'mount/bound', where: { target: '/sysroot.tmp/usr' }, key: 'tour.discover.usr' },
        { event: 'mount/bound', where: { target: '/var' }, key: 'tour.discover.var' },
        { event: 'boot/finished', key: 'tour.discover.booted' },
      ],
    },
    {
      type: 'publish',
      chapter: {
        id: 'update',
        titleKey: 'tour.discover.chapter.update',
        whyKey: 'tour.discover.why.update',
      },
      notes: [{ event: 'remote/published', key: 'tour.discover.published' }],
    },
    {
      // A time server of one's own, as the Fedora CoreOS documentation configures chrony.
      type: 'shell',
      line: "echo 'server time.example.com iburst' | sudo tee -a /etc/chrony.conf",
      notes: [{ event: 'etc/edited', key: 'tour.discover.editChanged' }],
    },
    {
      // The article's machine is called coreos: so is this one from now on.
      type: 'shell',
      line: 'echo coreos | sudo tee /etc/hostname',
      notes: [{ event: 'etc/edited', key: 'tour.discover.editAdded' }],
    },
    {
      type: 'upgrade',
      notes: [
        { event: 'pull/objectsFetched', key: 'tour.discover.pulled' },
        { event: 'deployment/checkedOut', key: 'tour.discover.checkedOutNew' },
        { event: 'deployment/staged', key: 'tour.discover.staged' },
      ],
    },
    {
      type: 'reboot',
      chapter: {
        id: 'switch',
        titleKey: 'tour.discover.chapter.switch',
        whyKey: 'tour.discover.why.switch',
      },
      until: { event: 'power/off' },
      notes: [
        { event: 'shutdown/started', key: 'tour.discover.shutdown' },
        { event: 'etc/merged', key: 'tour.discover.merged' },
        { event: 'bootloader/entriesCleared', key: 'tour.discover.aside' },
        { event: 'bootloader/entryWritten', where: { index: 1 }, key: 'tour.discover.keptOld' },
        { event: 'bootloader/synced', key: 'tour.discover.synced' },
        { event: 'bootloader/loaderSwapped', key: 'tour.discover.renamed' },
      ],
      questions: [
        {
          event: 'finalize/started',
          key: 'tour.discover.predictChrony',
          probe: 'etcFile',
          path: 'chrony.conf',
          choices: [
            { answer: 'yours', key: 'predict.choice.yours' },
            { answer: 'release', key: 'predict.choice.release' },
            { answer: 'mixed', key: 'predict.choice.mixed' },
          ],
        },
      ],
    },
    {
      type: 'boot',
      chapter: {
        id: 'new-release',
        titleKey: 'tour.discover.chapter.new-release',
        whyKey: 'tour.discover.why.new-release',
      },
      // the first boot was shown step by step: this one shows only what differs
      fold: true,
      notes: [
        { event: 'grub/menu', key: 'tour.discover.newEntry' },
        { event: 'prepareRoot/resolved', key: 'tour.discover.newResolved' },
        {
          event: 'mount/bound',
          where: { target: '/sysroot.tmp/etc' },
          key: 'tour.discover.newEtc',
        },
        { event: 'boot/finished', key: 'tour.discover.newRuns' },
      ],
    },
    {
      type: 'rollback',
      chapter: {
        id: 'rollback',
        titleKey: 'tour.discover.chapter.rollback',
        whyKey: 'tour.discover.why.rollback',
      },
      notes: [
        { event: 'rollback/started', key: 'tour.discover.rollback' },
        { event: 'bootloader/loaderSwapped', key: 'tour.discover.rollbackRenamed' },
      ],
    },
    {
      type: 'reboot',
      fold: true,
      notes: [
        { event: 'finalize/nothingStaged', key: 'tour.discover.nothingStaged' },
        { event: 'grub/menu', key: 'tour.discover.rollbackEntry' },
        { event: 'boot/finished', key: 'tour.discover.rolledBack' },
      ],
      questions: [
        {
          event: 'shutdown/started',
          key: 'tour.discover.predictRollback',
          probe: 'nextBoot',
          choices: [
            { answer: 'running', key: 'predict.choice.running' },
            { answer: 'other', key: 'predict.choice.previous' },
            { answer: 'none', key: 'predict.choice.noBoot' },
          ],
        },
      ],
    },
  ],
}
