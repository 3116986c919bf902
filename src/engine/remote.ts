/**
 * The update server: the releases of a profile's catalogue, each committed when first asked for,
 * in order, each commit's parent the one before it. It is derived from (profile, scale) alone, so it
 * is not part of the machine's state; the machine records only how many releases it has published.
 */
import { commitRelease, type ObjectStore, type RepoObject } from './repo'
import { PROFILES, releaseAt, releaseCount } from './releases'
import type { Profile, Release } from './releases/types'
import type { Machine, ProfileId } from './types'

export class Remote {
  readonly store: ObjectStore = { objects: new Map<string, RepoObject>() }
  private readonly commits: string[] = []

  constructor(
    readonly profile: Profile,
    private readonly scale: number,
  ) {}

  /** How many releases the catalogue has. */
  get count(): number {
    return releaseCount(this.profile.id)
  }

  /** Release `index`, built on first use. */
  release(index: number): Release | undefined {
    return releaseAt(this.profile.id, this.scale, index)
  }

  /** The commits of the releases committed so far, oldest first. */
  get committed(): readonly string[] {
    return this.commits
  }

  /** The commit checksum of release `index`, committing it (and those before it) on first use. */
  commitOf(index: number): string | undefined {
    if (index < 0 || index >= this.count) return undefined
    while (this.commits.length <= index) {
      const release = this.release(this.commits.length) as Release
      this.commits.push(commitRelease(this.store, release, this.commits.at(-1) ?? null))
    }
    return this.commits[index]
  }
}

const memo = new Map<string, Remote>()

export function remoteOf(profile: ProfileId, scale: number): Remote {
  const key = `${profile}:${scale}`
  let remote = memo.get(key)
  if (remote === undefined) {
    remote = new Remote(PROFILES[profile], scale)
    memo.set(key, remote)
  }
  return remote
}

export function remoteOfMachine(m: Machine): Remote {
  return remoteOf(m.profile, m.scale)
}

export function profileOf(m: Machine): Profile {
  return PROFILES[m.profile]
}
