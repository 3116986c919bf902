/** Bulk files of a release at real scale (reference 9: ~19-21k files in /usr). */
export const REAL_SCALE = 20_000
