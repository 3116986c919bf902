import type { ProfileId } from '../types'
import type { BulkProfile } from './bulk'
import type { IllustrativeField, TreeEntry } from './types'

/** What the catalogue knows about one release before its tree is generated. */
export interface ReleaseSpec {
  version: string
  timestamp: number
  kernel: string
  illustrative: boolean
  illustrativeFields: IllustrativeField[]
  /**
   * Package versions (EVR) that decide the content of the story files: a file's bytes change
   * exactly when one of the packages it comes from changes version.
   */
  packages: Readonly<Record<string, string>>
}

/**
 * A story file whose content follows package versions. `from` lists package names of
 * `ReleaseSpec.packages`; the pseudo-package `@version` is the release version itself (for files
 * rebuilt by every compose, such as the rpm database).
 */
export interface PackagedFile {
  path: string
  mode: number
  from: readonly string[]
  /** Typical size in bytes; each package version moves it by up to ±1.5% unless `exact`. */
  size: number
  /** The size is a sourced fact and never moves. */
  exact?: true
}

export interface ProfileSpec {
  id: ProfileId
  /** Oldest first. */
  releases: readonly ReleaseSpec[]
  /** Story files under /usr outside the kernel directory. */
  usrFiles: readonly PackagedFile[]
  /** Story files of the kernel directory, paths relative to /usr/lib/modules/<kver>. */
  kernelFiles: readonly PackagedFile[]
  /**
   * Every other explicit entry of release `index`: directories with a special mode, symlinks,
   * text files (os-release, /usr/etc defaults...). Parent directories are added when missing.
   */
  extra: (release: ReleaseSpec, index: number) => TreeEntry[]
  bulk: BulkProfile
}
