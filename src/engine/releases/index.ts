export type { IllustrativeField, Profile, Release, TreeEntry } from './types'
export { PROFILES } from './profiles'
export {
  buildReleases,
  CHURN_MAX,
  CHURN_MIN,
  kernelDir,
  REAL_SCALE,
  releaseByVersion,
  releaseAt,
  releaseCount,
  releaseVersion,
  releasesOf,
} from './catalogue'
export { comparePaths } from './entries'
