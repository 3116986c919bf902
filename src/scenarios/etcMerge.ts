import type { Tour } from './types'

/**
 * Every case of the /etc three-way merge (reference 4), on RHEL CoreOS 4.8, whose three builds
 * change /usr/etc in the ways the table needs (rhcos.ts): 48.84.202106231817-0 changes
 * registries.conf and the motd and adds the directory containers/registries.conf.d;
 * 48.84.202108062347-0 changes chrony.conf and the motd and drops sysconfig/crio-network.
 *
 * /etc is edited on the first build. A file named like the directory the next build adds stops
 * the merge at shutdown, and the old deployment boots; once that file is gone, the upgrade to the
 * last build merges every other edit, each by its rule.
 *
 * Each reboot after the first boot is cut where the machine is off (the same steps as one
 * `reboot`), so that its boot, which the tour has shown once step by step, can be folded.
 */
export const etcMerge: Tour = {
  id: 'etc-merge',
  titleKey: 'tour.etcMerge.title',
  profile: 'rhcos',
  summaryKey: 'tour.etcMerge.summary',
  actions: [
    {
      type: 'install',
      chapter: {
        id: 'defaults',
        titleKey: 'tour.etcMerge.chapter.defaults',
        whyKey: 'tour.etcMerge.why.defaults',
      },
      notes: [{ event: 'install/finished', key: 'tour.etcMerge.installed' }],
    },
    { type: 'boot', notes: [{ event: 'boot/finished', key: 'tour.etcMerge.booted' }] },
    {
      // The chrony example of the OpenShift 4.8 documentation ("Configuring chrony time service"),
      // which a MachineConfig writes whole.
      type: 'editEtc',
      chapter: {
        id: 'edits',
        titleKey: 'tour.etcMerge.chapter.edits',
        whyKey: 'tour.etcMerge.why.edits',
      },
      edit: {
        type: 'write',
        path: '/etc/chrony.conf',
        data: 'server clock.redhat.com iburst\ndriftfile /var/lib/chrony/drift\nmakestep 1.0 3\nrtcsync\nlogdir /var/log/chrony\n',
      },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.chrony' }],
    },
    {
      type: 'editEtc',
      edit: {
        type: 'write',
        path: '/etc/sysconfig/crio-network',
        data: 'CRIO_NETWORK_OPTIONS=--cni-plugin-dir=/var/lib/cni/bin\n',
      },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.crioNetwork' }],
    },
    {
      type: 'shell',
      line: "echo '192.0.2.10  registry.example.com' | sudo tee -a /etc/hosts",
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.hosts' }],
    },
    {
      type: 'editEtc',
      edit: { type: 'delete', path: '/etc/issue' },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.issue' }],
    },
    {
      type: 'editEtc',
      edit: {
        type: 'chmod',
        path: '/etc/NetworkManager/dispatcher.d/20-coreos-chrony-dhcp',
        mode: 0o644,
      },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.chmod' }],
    },
    {
      type: 'editEtc',
      edit: {
        type: 'symlink',
        path: '/etc/localtime',
        target: '../usr/share/zoneinfo/Europe/Paris',
      },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.localtime' }],
    },
    {
      type: 'editEtc',
      edit: { type: 'write', path: '/etc/myapp.conf', data: 'color = blue\n' },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.addedFile' }],
    },
    { type: 'editEtc', edit: { type: 'mkdir', path: '/etc/myapp.d', mode: 0o755 } },
    {
      type: 'editEtc',
      edit: { type: 'write', path: '/etc/myapp.d/10-listen.conf', data: 'listen = 8080\n' },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.addedDir' }],
    },
    {
      type: 'editEtc',
      edit: {
        type: 'write',
        path: '/etc/containers/registries.conf.d',
        data: 'unqualified-search-registries = ["registry.example.com"]\n',
      },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.clash' }],
    },
    {
      type: 'publish',
      chapter: {
        id: 'clash',
        titleKey: 'tour.etcMerge.chapter.clash',
        whyKey: 'tour.etcMerge.why.clash',
      },
      notes: [{ event: 'remote/published', key: 'tour.etcMerge.published' }],
      questions: [
        {
          event: 'remote/published',
          key: 'tour.etcMerge.predictClash',
          probe: 'etcFile',
          path: 'containers/registries.conf.d',
          choices: [
            { answer: 'yours', key: 'tour.etcMerge.clashYours' },
            { answer: 'release', key: 'tour.etcMerge.clashRelease' },
            { answer: 'stopped', key: 'predict.choice.stopped' },
          ],
        },
      ],
    },
    {
      type: 'upgrade',
      notes: [{ event: 'deployment/staged', key: 'tour.etcMerge.staged' }],
    },
    {
      type: 'reboot',
      until: { event: 'power/off' },
      notes: [{ event: 'finalize/failed', key: 'tour.etcMerge.failed' }],
    },
    {
      type: 'boot',
      fold: true,
      notes: [{ event: 'boot/finished', key: 'tour.etcMerge.bootedOld' }],
    },
    {
      type: 'editEtc',
      chapter: {
        id: 'merge',
        titleKey: 'tour.etcMerge.chapter.merge',
        whyKey: 'tour.etcMerge.why.merge',
      },
      edit: { type: 'delete', path: '/etc/containers/registries.conf.d' },
      notes: [{ event: 'etc/edited', key: 'tour.etcMerge.clashRemoved' }],
    },
    {
      type: 'publish',
      notes: [{ event: 'remote/published', key: 'tour.etcMerge.publishedAgain' }],
    },
    {
      type: 'upgrade',
      notes: [{ event: 'deployment/staged', key: 'tour.etcMerge.stagedAgain' }],
      questions: [
        {
          event: 'deployment/staged',
          key: 'tour.etcMerge.predictChrony',
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
      type: 'reboot',
      until: { event: 'power/off' },
      notes: [
        { event: 'etc/merged', key: 'tour.etcMerge.merged' },
        { event: 'deployment/sealed', key: 'tour.etcMerge.table' },
      ],
      questions: [
        {
          event: 'shutdown/started',
          key: 'tour.etcMerge.predictMotd',
          probe: 'etcFile',
          path: 'motd',
          choices: [
            { answer: 'yours', key: 'predict.choice.asItIs' },
            { answer: 'release', key: 'predict.choice.release' },
            { answer: 'mixed', key: 'predict.choice.mixed' },
          ],
        },
        {
          event: 'finalize/started',
          key: 'tour.etcMerge.predictRemoved',
          probe: 'etcFile',
          path: 'sysconfig/crio-network',
          choices: [
            { answer: 'yours', key: 'predict.choice.yours' },
            { answer: 'gone', key: 'predict.choice.gone' },
            { answer: 'stopped', key: 'predict.choice.stopped' },
          ],
        },
      ],
    },
    {
      type: 'boot',
      fold: true,
      notes: [{ event: 'boot/finished', key: 'tour.etcMerge.finished' }],
    },
  ],
}
