/**
 * A scenario that both real libostree and the engine can run, and what each leaves behind.
 * The differential tests run one scenario through both and compare the observations field by field.
 */

/** A file, directory or symlink of a tiny tree (paths relative to the tree root, no leading slash). */
export type TinyEntry =
  | { path: string; kind: 'file'; mode: number; data: string }
  | { path: string; kind: 'dir'; mode: number }
  | { path: string; kind: 'symlink'; target: string }

/** A tiny OS tree to commit. Its `usr/lib/modules/<kver>/{vmlinuz,initramfs.img}` make it bootable. */
export interface TinyTree {
  /** The commit's `version` metadata. */
  version: string
  entries: TinyEntry[]
}

/** One action of a scenario, in order. Every path in `/etc` actions is relative to /etc. */
export type ScenarioAction =
  /** `ostree commit -b <ref> --add-metadata-string=version=<v>` of the tree. */
  | { type: 'commit'; tree: TinyTree }
  /**
   * `ostree admin deploy --os=<stateroot> [--karg=...] <ref>` (non-staged; the sysroot is not booted).
   * The first deploy of a scenario passes `scenario.kargs` and then `karg`; a later one passes only
   * `karg`, which real ostree applies on top of the merge deployment's options: an argument with
   * the same key is replaced in place, a new one is appended (after `ostree=`, which the merge
   * deployment's options already hold). Without `--karg` the merge deployment's options are kept.
   */
  | { type: 'deploy'; karg?: string[] }
  /**
   * Edits in the /etc of the merge deployment (index 0), made directly on disk. `etc/write`
   * creates a missing file with `mode` or 0o644 and keeps an existing file's mode unless `mode`
   * is given; `etc/symlink` replaces whatever is at the path.
   */
  | { type: 'etc/write'; path: string; data: string; mode?: number }
  | { type: 'etc/delete'; path: string }
  | { type: 'etc/chmod'; path: string; mode: number }
  /** `chown uid:gid` of a file or directory (not a symlink: chown follows it). */
  | { type: 'etc/chown'; path: string; uid: number; gid: number }
  | { type: 'etc/mkdir'; path: string; mode: number }
  | { type: 'etc/symlink'; path: string; target: string }
  /** `ostree admin pin <index>` / `ostree admin pin --unpin <index>`. */
  | { type: 'pin'; index: number; unpin?: boolean }
  /** `ostree admin undeploy <index>`. */
  | { type: 'undeploy'; index: number }

export interface Scenario {
  name: string
  stateroot: string
  /** The branch committed to and deployed, e.g. `fcos/stable`. */
  ref: string
  /** The kernel arguments of the first deploy, e.g. `['root=LABEL=root']`. */
  kargs: string[]
  actions: ScenarioAction[]
}

/**
 * A file, directory or symlink under a deployment's /etc (or at the top of a deployment), as
 * `lstat` sees it. The owner is recorded only when it is not root:root, which trees as committed
 * always are.
 */
export interface EtcEntry {
  path: string
  kind: 'file' | 'dir' | 'symlink'
  /** Permission bits (lstat mode & 0o7777); 0o777 for symlinks. */
  mode: number
  /** A file's text (only under /etc; top-level entries carry none). */
  data?: string
  target?: string
  /** Owner, both present when either is not 0 (an `etc/chown`). */
  uid?: number
  gid?: number
  /** Link count; only on the top-level symlinks of `root` (hardlinked from the repo like files). */
  nlink?: number
  /**
   * Only under /etc: the other deployments (by normalized name, in list order) whose /etc holds
   * this path with the very same mtime, to the nanosecond. The /etc merge copies a locally
   * modified or added file with its mtime kept, whereas the fresh copy of /usr/etc gets the time
   * of the copy; directories and symlinks are made anew. Absent when no other deployment matches.
   */
  mtimeSharedWith?: string[]
}

export interface DeploymentObservation {
  /** `<checksum>.<serial>`; checksums are normalized to `C1`, `C2`... in order of first commit. */
  name: string
  /** The deployment's /etc, sorted by path. */
  etc: EtcEntry[]
  /** Top-level entries of the deployment root (`etc`, `usr`, the symlinks of reference 1.7...). */
  root: EtcEntry[]
  /**
   * Link counts of the regular files and symlinks under /usr, by path relative to the deployment.
   * Both are hardlinks of repo objects in a bare repo: 1 (the object) + 1 per deployment holding it.
   */
  usrLinks: Record<string, number>
  /**
   * Every regular file and directory under /usr has mtime 0 (reference 2.3), unless an empty file
   * is there: ostree copies those at checkout time. Symlinks are left out: they keep the time their
   * repo object was written.
   */
  usrMtimeZero: boolean
  /** The deployment root carries `chattr +i` (reference 2.5). */
  immutable: boolean
  /** The .origin file's text. */
  origin: string
}

export interface Observation {
  /** Deployments in the order `ostree admin status` lists them. */
  deployments: DeploymentObservation[]
  /** `readlink /boot/loader`. */
  loader: string
  /** Files of the active `/boot/loader.N/entries`, by name, with the text of each (bootcsums -> `K1`...). */
  entries: Record<string, string>
  /** `readlink /ostree/boot.N` for each N present, by name (`boot.1` -> `boot.1.1`). */
  bootlinks: Record<string, string>
  /** The `boot.N.S/<stateroot>/<bootcsum>/<serial>` symlinks and their targets, normalized. */
  bootlinkTargets: Record<string, string>
  /**
   * Names under /boot (top level), sorted, then everything under /boot/ostree as `ostree/<path>`
   * (kernel dirs and the files in them).
   */
  bootDirs: string[]
  /**
   * Names under the sysroot's /ostree (top level), then the names under
   * `/ostree/deploy/<stateroot>/deploy` as `deploy/<stateroot>/deploy/<name>` (deployment dirs and
   * their .origin files), so that a deleted deployment shows.
   */
  ostreeDirs: string[]
  /** `ostree admin status` output, normalized. */
  status: string
  /**
   * `ostree admin config-diff --os=<stateroot>` output. Real ostree lists each letter group in
   * readdir order, which depends on the filesystem; `normalize` sorts the lines within each group.
   */
  configDiff: string
  /** What each deploy / undeploy / pin printed, one string per action that prints (normalized). */
  printed: string[]
  /**
   * What the command that failed printed on stderr, e.g. a deploy whose /etc merge fails; the
   * scenario stops there and the rest is observed as that failure left it. Absent when all ran.
   */
  error?: string
  /**
   * Refs (files) under `ostree/repo/refs/heads`, recursively (e.g. `ostree/1/1/0`, `fcos/stable`).
   * Empty directories that cleanup leaves behind (e.g. `ostree/1/1`) are not listed.
   */
  refs: string[]
}

/**
 * An observation before `normalize`: checksums are real, and these lists say how to rename them.
 * Real libostree and the engine both produce this shape.
 */
export interface RawObservation extends Observation {
  /** Commit checksums in the order of the scenario's commit actions (become `C1`, `C2`...). */
  commits: string[]
  /** The bootcsum of each commit's kernel, in commit order, deduplicated (become `K1`, `K2`...). */
  bootcsums: string[]
  /** The temporary folder the run used, replaced by `<tmp>` wherever it occurs. */
  tmpdir?: string
}
