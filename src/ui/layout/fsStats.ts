/**
 * Counts over one filesystem's inode table. Each inode counts once however many names it has, as
 * `df` counts blocks: hard links cost nothing. Counted per chunk of the table and cached: a step
 * copies only the chunks it changed, so stepping through a tour at real scale (tens of thousands
 * of inodes) recounts a chunk or two, not the whole disk.
 */
import type { Filesystem, Inode } from '../../engine/types'

export interface FsStats {
  files: number
  dirs: number
  symlinks: number
  /** Sum of regular file sizes. */
  bytes: number
}

const byChunk = new WeakMap<readonly (Inode | null)[], FsStats>()
const byFs = new WeakMap<Filesystem, FsStats>()

function chunkStats(chunk: readonly (Inode | null)[]): FsStats {
  let stats = byChunk.get(chunk)
  if (stats) return stats
  stats = { files: 0, dirs: 0, symlinks: 0, bytes: 0 }
  for (const inode of chunk) {
    if (!inode) continue
    if (inode.kind === 'file') {
      stats.files++
      stats.bytes += inode.size
    } else if (inode.kind === 'dir') stats.dirs++
    else stats.symlinks++
  }
  byChunk.set(chunk, stats)
  return stats
}

export function fsStats(fs: Filesystem): FsStats {
  let stats = byFs.get(fs)
  if (stats) return stats
  stats = { files: 0, dirs: 0, symlinks: 0, bytes: 0 }
  for (const chunk of fs.chunks) {
    const c = chunkStats(chunk)
    stats.files += c.files
    stats.dirs += c.dirs
    stats.symlinks += c.symlinks
    stats.bytes += c.bytes
  }
  byFs.set(fs, stats)
  return stats
}
