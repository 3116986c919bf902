/**
 * Users and groups as Ignition makes them: it runs shadow-utils' `useradd`, `usermod`, `userdel`,
 * `groupadd` and `groupdel` with `--root /sysroot` (coreos/ignition internal/exec/util/passwd.go
 * at v2.16.2). This module edits the same files the same way:
 * - `/etc/passwd` `name:x:uid:gid:gecos:home:shell`, `/etc/group` `name:x:gid:members`,
 *   `/etc/shadow` `name:hash:lastchg:min:max:warn:inactive:expire:`, `/etc/gshadow`
 *   `name:hash:admins:members`; each command leaves the previous text in a `name-` backup, as
 *   shadow-utils' commonio does;
 * - new users get uid >= 1000 (the highest in use plus one), a private group with the same number
 *   when free, home `/var/home/<name>` (rpm-ostree rewrites useradd's `HOME=/home` to `/var/home`,
 *   rust/src/composepost.rs `postprocess_useradd`) with mode 0700 (Fedora's login.defs HOME_MODE),
 *   shell /bin/bash, password `*` (locked) unless the config gives a hash, and the aging
 *   `:0:99999:7:::` of Fedora's login.defs;
 * - users and groups of /usr/lib/passwd and /usr/lib/group (nss-altfiles) exist for Ignition's
 *   lookups, but the commands edit only the files under /etc.
 */
import { utf8Length } from '../fs'
import { StageError, type Sysroot } from './sysroot'
import type { IgnitionGroup, IgnitionUser } from './types'

type Db = 'passwd' | 'group' | 'shadow' | 'gshadow' | 'subuid' | 'subgid'

const UID_MIN = 1000
const UID_MAX = 60000
const SYS_MAX = 999
const SYS_MIN = 201
const SUB_MIN = 100000
const SUB_COUNT = 65536

/** The account databases of one deployment, with each command's changes written back at its end. */
export class Accounts {
  private readonly changed = new Set<Db>()
  private readonly lines = new Map<Db, string[][] | null>()

  constructor(
    private readonly root: Sysroot,
    /** Days since the epoch, for shadow's last-change field. */
    private readonly today: number,
  ) {}

  private db(name: Db): string[][] | null {
    if (!this.lines.has(name)) {
      const text = this.root.readText(`/etc/${name}`)
      this.lines.set(
        name,
        text === null
          ? null
          : text
              .split('\n')
              .filter((l) => l !== '')
              .map((l) => l.split(':')),
      )
    }
    return this.lines.get(name) ?? null
  }

  private rows(name: Db): string[][] {
    return this.db(name) ?? []
  }

  private edit(name: Db, change: (rows: string[][]) => string[][]): void {
    const rows = this.db(name)
    if (rows === null) return
    this.lines.set(name, change(rows.map((r) => [...r])))
    this.changed.add(name)
  }

  /** Ends a command: writes each changed file, and the text before it as `file-`. */
  commit(): void {
    for (const name of this.changed) {
      const path = `/etc/${name}`
      const inode = this.root.lstat(path)
      if (inode?.kind !== 'file') continue
      const text = (this.lines.get(name) ?? []).map((r) => r.join(':') + '\n').join('')
      const backup = `${path}-`
      // commonio's create_backup: owner of the original, mode & 0664
      this.root.createFile(backup, inode.data, inode.size, {
        mode: inode.mode & 0o664,
        uid: inode.uid,
        gid: inode.gid,
      })
      this.root.createFile(path, text, utf8Length(text), {
        mode: inode.mode,
        uid: inode.uid,
        gid: inode.gid,
      })
    }
    this.changed.clear()
    if (this.root.lstat('/etc/.pwd.lock') === null)
      this.root.createFile('/etc/.pwd.lock', '', 0, { mode: 0o600, uid: 0, gid: 0 })
  }

  private usrLib(name: 'passwd' | 'group'): string[][] {
    const text = this.root.readText(`/usr/lib/${name}`)
    return text === null
      ? []
      : text
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.split(':'))
  }

  /** getpwnam in the target: /etc/passwd, then /usr/lib/passwd (nss-altfiles). */
  user(name: string): { uid: number; gid: number; home: string; inEtc: boolean } | null {
    for (const [rows, inEtc] of [
      [this.rows('passwd'), true],
      [this.usrLib('passwd'), false],
    ] as const) {
      const row = rows.find((r) => r[0] === name)
      if (row !== undefined)
        return { uid: Number(row[2]), gid: Number(row[3]), home: row[5] ?? '/', inEtc }
    }
    return null
  }

  /** getgrnam in the target. */
  group(name: string): { gid: number; inEtc: boolean } | null {
    const etc = this.rows('group').find((r) => r[0] === name)
    if (etc !== undefined) return { gid: Number(etc[2]), inEtc: true }
    const lib = this.usrLib('group').find((r) => r[0] === name)
    return lib === undefined ? null : { gid: Number(lib[2]), inEtc: false }
  }

  private usedUids(): Set<number> {
    return new Set([...this.rows('passwd'), ...this.usrLib('passwd')].map((r) => Number(r[2])))
  }

  private usedGids(): Set<number> {
    return new Set([...this.rows('group'), ...this.usrLib('group')].map((r) => Number(r[2])))
  }

  /** shadow-utils find_new_uid/gid: above the highest in range, or from the top for system ids. */
  private newId(used: Set<number>, system: boolean, prefer?: number): number {
    if (prefer !== undefined && !used.has(prefer)) return prefer
    if (system) {
      for (let id = SYS_MAX; id >= SYS_MIN; id--) if (!used.has(id)) return id
    }
    const inRange = [...used].filter((id) => id >= UID_MIN && id <= UID_MAX)
    let id = inRange.length === 0 ? UID_MIN : Math.max(...inRange) + 1
    while (used.has(id)) id++
    return id
  }

  private defaults(): { home: string; shell: string; group: number } {
    const text = this.root.readText('/etc/default/useradd') ?? ''
    const get = (key: string): string | undefined =>
      new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]?.trim()
    return {
      home: get('HOME') ?? '/var/home',
      shell: get('SHELL') ?? '/bin/bash',
      group: Number(get('GROUP') ?? 100),
    }
  }

  private fail(log: string, key: string, params: Record<string, string | number>): StageError {
    return new StageError(null, log, key, params)
  }

  /** `groupadd --root /sysroot [--gid N] --password '*'|hash [--system] name`. */
  groupadd(g: IgnitionGroup): number {
    if (!validName(g.name))
      throw this.fail(`groupadd: '${g.name}' is not a valid group name`, 'badName', {
        name: g.name,
      })
    if (this.rows('group').some((r) => r[0] === g.name))
      throw this.fail(`groupadd: group '${g.name}' already exists`, 'groupExists', { name: g.name })
    const used = this.usedGids()
    if (g.gid !== null && this.rows('group').some((r) => Number(r[2]) === g.gid))
      throw this.fail(`groupadd: GID '${g.gid}' already exists`, 'gidTaken', { gid: String(g.gid) })
    const gid = g.gid ?? this.newId(used, g.system === true)
    const hash = g.passwordHash !== null && g.passwordHash !== '' ? g.passwordHash : '*'
    this.edit('group', (rows) => [...rows, [g.name, 'x', String(gid), '']])
    this.edit('gshadow', (rows) => [...rows, [g.name, hash, '', '']])
    this.commit()
    return gid
  }

  /** `groupdel --root /sysroot name`. */
  groupdel(name: string): void {
    const row = this.rows('group').find((r) => r[0] === name)
    if (row === undefined)
      throw this.fail(`groupdel: cannot remove entry '${name}' from /etc/group`, 'groupNotInEtc', {
        name,
      })
    const primary = this.rows('passwd').find((r) => r[3] === row[2])
    if (primary !== undefined)
      throw this.fail(
        `groupdel: cannot remove the primary group of user '${primary[0] ?? ''}'`,
        'groupPrimary',
        { name, user: primary[0] ?? '' },
      )
    this.edit('group', (rows) => rows.filter((r) => r[0] !== name))
    this.edit('gshadow', (rows) => rows.filter((r) => r[0] !== name))
    this.commit()
  }

  /** `useradd --root /sysroot ...` as Ignition calls it for a user that does not exist. */
  useradd(u: IgnitionUser): { uid: number; gid: number; home: string } {
    const name = u.name
    if (!validName(name))
      throw this.fail(`useradd: invalid user name '${name}'`, 'badName', { name })
    const defaults = this.defaults()
    const system = u.system === true
    const used = this.usedUids()
    if (u.uid !== null && this.rows('passwd').some((r) => Number(r[2]) === u.uid))
      throw this.fail(`useradd: UID ${u.uid} is not unique`, 'uidTaken', { uid: String(u.uid) })
    const uid = u.uid ?? this.newId(used, system)

    let gid: number
    let privateGroup = false
    if (u.primaryGroup !== null && u.primaryGroup !== '') {
      const g = /^\d+$/.test(u.primaryGroup)
        ? { gid: Number(u.primaryGroup) }
        : this.group(u.primaryGroup)
      if (g === null)
        throw this.fail(`useradd: group '${u.primaryGroup}' does not exist`, 'noSuchGroup', {
          name: u.primaryGroup,
        })
      gid = g.gid
    } else if (u.noUserGroup === true) gid = defaults.group
    else {
      if (this.rows('group').some((r) => r[0] === name))
        throw this.fail(
          `useradd: group ${name} exists - if you want to add this user to that group, use -g.`,
          'groupExists',
          { name },
        )
      gid = this.newId(this.usedGids(), system, uid)
      privateGroup = true
    }
    for (const g of u.groups)
      if (!this.rows('group').some((r) => r[0] === g))
        throw this.fail(`useradd: group '${g}' does not exist`, 'noSuchGroup', { name: g })

    const home = u.homeDir ?? `${defaults.home}/${name}`
    const shell = u.shell ?? defaults.shell
    const hash = u.passwordHash !== null && u.passwordHash !== '' ? u.passwordHash : '*'
    const aging = system ? ['', '', '', '', '', ''] : ['0', '99999', '7', '', '', '']
    this.edit('passwd', (rows) => [
      ...rows,
      [name, 'x', String(uid), String(gid), u.gecos ?? '', home, shell],
    ])
    this.edit('shadow', (rows) => [...rows, [name, hash, String(this.today), ...aging]])
    if (privateGroup) {
      this.edit('group', (rows) => [...rows, [name, 'x', String(gid), '']])
      this.edit('gshadow', (rows) => [...rows, [name, '!', '', '']])
    }
    this.setMemberships(name, u.groups)
    if (!system) {
      for (const db of ['subuid', 'subgid'] as const) {
        this.edit(db, (rows) => {
          const end = Math.max(SUB_MIN, ...rows.map((r) => Number(r[1]) + Number(r[2])))
          return [...rows, [name, String(end), String(SUB_COUNT)]]
        })
      }
    }
    this.commit()
    return { uid, gid, home }
  }

  /** `usermod --root /sysroot ...` for a user that exists; returns the fields it changed. */
  usermod(u: IgnitionUser): { fields: string[]; oldHome: string; home: string } {
    const row = this.rows('passwd').find((r) => r[0] === u.name)
    if (row === undefined)
      throw this.fail(`usermod: user '${u.name}' does not exist in /etc/passwd`, 'userNotInEtc', {
        name: u.name,
      })
    const fields: string[] = []
    const next = [...row]
    if (u.homeDir !== null && u.homeDir !== '') {
      next[5] = u.homeDir
      fields.push('homeDir')
    }
    if (u.uid !== null) {
      if (this.rows('passwd').some((r) => Number(r[2]) === u.uid && r[0] !== u.name))
        throw this.fail(`usermod: UID '${u.uid}' already exists`, 'uidTaken', {
          uid: String(u.uid),
        })
      next[2] = String(u.uid)
      fields.push('uid')
    }
    if (u.gecos !== null && u.gecos !== '') {
      next[4] = u.gecos
      fields.push('gecos')
    }
    if (u.primaryGroup !== null && u.primaryGroup !== '') {
      const g = this.group(u.primaryGroup)
      if (g === null)
        throw this.fail(`usermod: group '${u.primaryGroup}' does not exist`, 'noSuchGroup', {
          name: u.primaryGroup,
        })
      next[3] = String(g.gid)
      fields.push('primaryGroup')
    }
    if (u.shell !== null && u.shell !== '') {
      next[6] = u.shell
      fields.push('shell')
    }
    if (u.groups.length > 0) {
      for (const g of u.groups)
        if (!this.rows('group').some((r) => r[0] === g))
          throw this.fail(`usermod: group '${g}' does not exist`, 'noSuchGroup', { name: g })
      // usermod -G without -a: the list replaces the user's supplementary groups
      this.setMemberships(u.name, u.groups, true)
      fields.push('groups')
    }
    this.edit('passwd', (rows) => rows.map((r) => (r[0] === u.name ? next : r)))
    if (u.passwordHash !== null) {
      const hash = u.passwordHash === '' ? '*' : u.passwordHash
      this.edit('shadow', (rows) =>
        rows.map((r) => (r[0] === u.name ? [r[0] ?? '', hash, ...r.slice(2)] : r)),
      )
      fields.push('passwordHash')
    }
    this.commit()
    return { fields, oldHome: row[5] ?? '/', home: next[5] ?? '/' }
  }

  /** `userdel --remove --root /sysroot name`: the home folder goes too (done by the caller). */
  userdel(name: string): { home: string } {
    const row = this.rows('passwd').find((r) => r[0] === name)
    if (row === undefined)
      throw this.fail(`userdel: cannot remove entry '${name}' from /etc/passwd`, 'userNotInEtc', {
        name,
      })
    this.edit('passwd', (rows) => rows.filter((r) => r[0] !== name))
    this.edit('shadow', (rows) => rows.filter((r) => r[0] !== name))
    this.setMemberships(name, [], true)
    // the user's private group goes when no one else has it as primary group
    const own = this.rows('group').find((r) => r[0] === name && r[2] === row[3])
    if (own !== undefined && !this.rows('passwd').some((r) => r[3] === own[2] && r[0] !== name)) {
      this.edit('group', (rows) => rows.filter((r) => r[0] !== name))
      this.edit('gshadow', (rows) => rows.filter((r) => r[0] !== name))
    }
    for (const db of ['subuid', 'subgid'] as const)
      this.edit(db, (rows) => rows.filter((r) => r[0] !== name))
    this.commit()
    return { home: row[5] ?? '/' }
  }

  /** Adds `name` to the member lists of `groups` (and, with `replace`, removes it from the others). */
  private setMemberships(name: string, groups: string[], replace = false): void {
    for (const [db, col] of [
      ['group', 3],
      ['gshadow', 3],
    ] as const) {
      this.edit(db, (rows) =>
        rows.map((r) => {
          const members = (r[col] ?? '').split(',').filter((m) => m !== '')
          const want = groups.includes(r[0] ?? '')
          const has = members.includes(name)
          if (want && !has) members.push(name)
          else if (!want && has && replace) members.splice(members.indexOf(name), 1)
          else return r
          const out = [...r]
          while (out.length <= col) out.push('')
          out[col] = members.join(',')
          return out
        }),
      )
    }
  }
}

/** shadow-utils is_valid_user_name (4.14): letters, digits, `_ . -`, a final `$`, not only digits. */
function validName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 32 &&
    /^[A-Za-z0-9_.][A-Za-z0-9_.-]*\$?$/.test(name) &&
    !/^\d+$/.test(name) &&
    name !== '.' &&
    name !== '..'
  )
}
