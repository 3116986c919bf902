import type { ProfileId } from '../types'
import type { Profile } from './types'

/**
 * The two machine profiles.
 *
 * Fedora CoreOS: stateroot, remote, ref and refspec from reference sections 1.2 and 1.6
 * (`/etc/ostree/remotes.d/fedora.conf`, `ostree admin deploy fedora:fedora/x86_64/coreos/stable`).
 *
 * RHEL CoreOS 4.8: stateroot `rhcos` (reference 1.2); the article's `ostree admin status` shows
 * `origin refspec: eb6dd3b8…` (a bare commit checksum), hence `refspec: null`.
 */
export const PROFILES: Record<ProfileId, Profile> = {
  fcos: {
    id: 'fcos',
    name: 'Fedora CoreOS',
    stateroot: 'fedora-coreos',
    remoteName: 'fedora',
    remoteUrl: 'https://ostree.fedoraproject.org',
    ref: 'fedora/x86_64/coreos/stable',
    refspec: 'fedora:fedora/x86_64/coreos/stable',
    /*
     * Reference 1.5, "FCOS 39 entry for a simulator": the karg ORDER is UNCONFIRMED there (it is
     * reconstructed from code and COSA, not read from a real FCOS 39 BLS entry).
     * - `mitigations=auto,nosmt`: coreos/fedora-coreos-config image-base.yaml `extra-kargs`
     *   (read at stable@4408116c).
     * - `$ignition_firstboot`: COSA deploys with `--karg-append=$ignition_firstboot`, a GRUB
     *   variable expanded at boot.
     * - platform kargs for the qemu image: `ignition.platform.id=qemu console=tty0
     *   console=ttyS0,115200n8` (reference 1.5, the FCOS 42 dump shows the same three).
     */
    installKargs: [
      'mitigations=auto,nosmt',
      '$ignition_firstboot',
      'ignition.platform.id=qemu',
      'console=tty0',
      'console=ttyS0,115200n8',
    ],
    // ostree-2023.6-1.fc39 (reference 0)
    finalizeFailureStamp: true,
  },
  rhcos: {
    id: 'rhcos',
    name: 'RHEL CoreOS',
    stateroot: 'rhcos',
    /*
     * RHCOS 4.8 has no OSTree remote on the machine: the Machine Config Operator rebases onto the
     * `machine-os-content` container of the release payload (rpm-ostree status of a 4.8 node in a
     * public blog transcript: `pivot://quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:…`,
     * `CustomOrigin: Managed by machine-config-operator`, Version 48.84.202106231817-0).
     * - remoteUrl: that image repository (real), standing in for an OSTree remote URL.
     * - remoteName `rhcos` and ref `rhcos/4.8/x86_64`: ILLUSTRATIVE. openshift/os release-4.8
     *   manifest.yaml sets no `ref:`, and neither appears on the machine, whose origin is a checksum.
     */
    remoteName: 'rhcos',
    remoteUrl: 'https://quay.io/openshift-release-dev/ocp-v4.0-art-dev',
    ref: 'rhcos/4.8/x86_64',
    refspec: null,
    /*
     * - `random.trust_cpu=on`: openshift/os release-4.8 image.yaml `extra-kargs` (real).
     * - `$ignition_firstboot` and the qemu platform kargs: as for FCOS (reference 1.5); the order,
     *   and the qemu platform itself for the article's machine, are ILLUSTRATIVE.
     */
    installKargs: [
      'random.trust_cpu=on',
      '$ignition_firstboot',
      'ignition.platform.id=qemu',
      'console=tty0',
      'console=ttyS0,115200n8',
    ],
    // ostree 2020.7-4.el8 (releases/rhcos.ts): the failure is only in the journal
    finalizeFailureStamp: false,
  },
}
