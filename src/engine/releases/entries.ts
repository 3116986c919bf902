import { utf8Length } from './rng'
import type { TreeEntry } from './types'

/** A directory owned by root. */
export function dir(path: string, mode = 0o755): TreeEntry {
  return { path, kind: 'dir', mode, uid: 0, gid: 0 }
}

/** A text file owned by root; its size is the UTF-8 length of the text. */
export function file(path: string, mode: number, text: string): TreeEntry {
  return { path, kind: 'file', mode, uid: 0, gid: 0, size: utf8Length(text), data: text }
}

/** A file with stand-in data and a given size. */
export function blobFile(path: string, mode: number, size: number, data: string): TreeEntry {
  return { path, kind: 'file', mode, uid: 0, gid: 0, size, data }
}

/** A symlink owned by root. */
export function link(path: string, target: string): TreeEntry {
  return { path, kind: 'symlink', target, uid: 0, gid: 0 }
}

/** The order of `Release.tree`: plain UTF-16 code-unit order of the paths (what `sort()` gives). */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The parent directory of an absolute path (`/` for top-level names and for `/` itself). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}
