/**
 * Counts over one filesystem's inode table. Each inode counts once however many names it has, as
 * `df` counts blocks: hard links cost nothing. Cached per filesystem value: steps share unchanged
 * filesystems, so stepping through a tour counts each one once.
 */
import type { Filesystem } from '../../engine/types'

export interface FsStats {
  files: number
  dirs: number
  symlinks: number
  /** Sum of regular file sizes. */
  bytes: number
}

const cache = new WeakMap<Filesystem, FsStats>()

export function fsStats(fs: Filesystem): FsStats {
  let stats = cache.get(fs)
  if (stats) return stats
  stats = { files: 0, dirs: 0, symlinks: 0, bytes: 0 }
  for (const chunk of fs.chunks) {
    for (const inode of chunk) {
      if (!inode) continue
      if (inode.kind === 'file') {
        stats.files++
        stats.bytes += inode.size
      } else if (inode.kind === 'dir') stats.dirs++
      else stats.symlinks++
    }
  }
  cache.set(fs, stats)
  return stats
}
