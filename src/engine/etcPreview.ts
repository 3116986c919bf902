/**
 * The /etc merge of a deployment to come, computed on the machine as it is now: what shutdown
 * would make of the staged deployment's /etc if it finalized at this moment. Finalization merges
 * against the booted /etc of that moment, so a change made after staging still counts
 * (reference 3.3, step 4); the preview runs the very merge finalization runs, on a scratch copy.
 */
import { MergeError, mergeEtc, planEtcMerge, type MergeResult } from './etcMerge'
import { FsDraft, inoAt } from './fs'
import { deployPath } from './sysroot'
import type { DeploymentId, Filesystem, Machine } from './types'

export interface EtcMergePreview {
  /** The merge deployment: base is its /usr/etc, local its /etc. */
  merge: DeploymentId
  /** The new deployment: new is its /usr/etc; the result is its /etc. */
  target: DeploymentId
  /** The local diff and each path's rule. */
  plan: MergeResult
  /**
   * The root filesystem after the merge: the result is `<target>/etc` in it. When the merge
   * fails, the filesystem as it is (the target's /etc still the fresh copy of its /usr/etc).
   */
  fs: Filesystem
  /** The error finalization stops with (`During /etc merge: ...`), or null when the merge succeeds. */
  error: string | null
}

/**
 * The merge of `target`'s /etc against `merge`'s, as finalization would do it on this machine
 * now; null when either deployment or one of its /etc trees is missing.
 * @example previewEtcMerge(m, staged.merge, staged.target)?.plan.outcomes // [{ path: 'chrony.conf', rule: 'localHidesUpstream', ... }]
 */
export function previewEtcMerge(
  m: Machine,
  merge: DeploymentId,
  target: DeploymentId,
): EtcMergePreview | null {
  const root = m.filesystems.root
  if (root === undefined) return null
  const usrEtc = inoAt(root, `${deployPath(merge)}/usr/etc`)
  const etc = inoAt(root, `${deployPath(merge)}/etc`)
  const newUsrEtc = inoAt(root, `${deployPath(target)}/usr/etc`)
  const newEtc = `${deployPath(target)}/etc`
  if (usrEtc === null || etc === null || newUsrEtc === null || inoAt(root, newEtc) === null)
    return null
  const base = { usrEtc, etc }
  const draft = new FsDraft(root)
  try {
    const plan = mergeEtc(draft, base, newEtc, newUsrEtc)
    return { merge, target, plan, fs: draft.finish(), error: null }
  } catch (e) {
    if (!(e instanceof MergeError)) throw e
    // The same prefix finalizeDeployment gives the error (ostree-sysroot-deploy.c).
    const error = `During /etc merge: ${e.message}`
    return { merge, target, plan: planEtcMerge(root, base, newUsrEtc), fs: root, error }
  }
}
