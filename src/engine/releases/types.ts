import type { ProfileId } from '../types'

/**
 * One entry of a release's tree, as the build system commits it. Paths are absolute within the
 * tree (`/usr/bin/ls`), without a trailing slash; a tree holds no `/etc` (its defaults are in
 * `/usr/etc`, reference 2.4). Directories are listed explicitly, parents before children.
 */
export type TreeEntry =
  | {
      path: string
      kind: 'file'
      mode: number
      uid: number
      gid: number
      size: number
      /** Real text for files the story reads; `blob:<hex>` stand-ins for the bulk. */
      data: string
    }
  | { path: string; kind: 'dir'; mode: number; uid: number; gid: number }
  | { path: string; kind: 'symlink'; target: string; uid: number; gid: number }

/** A field of `Release` whose value is reconstructed rather than read from a source. */
export type IllustrativeField = 'timestamp' | 'kernel'

/** One build of the OS, before it is committed to a repo. */
export interface Release {
  profile: ProfileId
  /** The commit's `version` metadata, e.g. `39.20231101.3.0`. */
  version: string
  /** Commit timestamp, seconds since the epoch (a build time, later than the snapshot date). */
  timestamp: number
  /** Kernel version: the tree has `/usr/lib/modules/<kernel>/vmlinuz` and `initramfs.img`. */
  kernel: string
  /** True when the version is invented for the simulation rather than a real build. */
  illustrative: boolean
  /**
   * Facts of a real release that are nevertheless reconstructed or guessed (the kernel of a build no
   * public transcript shows, a commit time derived from the release dates). Empty when all are sourced.
   */
  illustrativeFields: IllustrativeField[]
  /**
   * Sorted by path in plain UTF-16 code-unit order (what `paths.sort()` gives; see `comparePaths`),
   * starting with the root directory `/`; every parent directory appears before its children.
   * A directory's children need not be contiguous: `/usr/lib/modules-load.d` sorts between
   * `/usr/lib/modules` and `/usr/lib/modules/6.5.9-300.fc39.x86_64`. Entries are shared between
   * releases (an unchanged file is the same object): treat them as read-only.
   */
  tree: TreeEntry[]
}

/** What distinguishes the two machine profiles. */
export interface Profile {
  id: ProfileId
  /** The system's name in captions: `Fedora CoreOS` or `RHEL CoreOS`, as the site's picker says. */
  name: string
  /** `fedora-coreos` or `rhcos`. */
  stateroot: string
  /** The remote's name and URL (reference 1.2). */
  remoteName: string
  remoteUrl: string
  /** The ref on the remote, e.g. `fedora/x86_64/coreos/stable`. */
  ref: string
  /**
   * The origin's refspec for a fresh install (`fedora:fedora/x86_64/coreos/stable`), or null where the
   * machine records the bare commit checksum as its refspec, as the article's RHCOS 4.8 does.
   */
  refspec: string | null
  /** Kernel arguments of the install image, before ostree= is added (reference 1.5). */
  installKargs: string[]
  /**
   * Its ostree leaves a failed finalization's error in /boot/ostree/finalize-failure.stamp, and
   * ostree-boot-complete.service reports it on the next boot: ostree 2022.3 and later (OSTREE
   * `ostree-sysroot-deploy.c`, absent at v2022.2, present at v2022.3).
   */
  finalizeFailureStamp: boolean
}
