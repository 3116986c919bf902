/**
 * `parseIgnition`: what Ignition's fetch stages do with a config's text, plus what the simulator
 * can tell in advance about the files stage. Sources, all coreos/ignition at tag v2.16.2 (the
 * Ignition of FCOS 39) unless said otherwise:
 * - version gate: config/v3_4/config.go `ParseCompatibleVersion` chains 3.4 -> 3.0; any other
 *   version is "unsupported config version" (config/util/config.go, go-semver);
 * - keys: Go's encoding/json matches keys case-insensitively, keeps the last of repeated keys, and
 *   fails on a wrong type; config/validate/validate.go only WARNS on an unknown key ("unused key");
 * - checks: config/v3_*\/types/*.go `Validate` methods and `ValidateDups` (validate.go): a
 *   duplicate key of a list is an error, and files, directories and links share one list of paths.
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { Message } from '../types'
import { decodeDataUrl, decodeUtf8 } from './dataurl'
import { readJson, type JsonNode } from './json'
import { SCHEMA, type Minor, type ObjectType } from './schema'
import type {
  IgnitionConfig,
  IgnitionContents,
  IgnitionDirectory,
  IgnitionDisk,
  IgnitionFile,
  IgnitionFilesystem,
  IgnitionGroup,
  IgnitionLink,
  IgnitionLuks,
  IgnitionOwner,
  IgnitionProblem,
  IgnitionRaid,
  IgnitionUnit,
  IgnitionUser,
  ProblemKind,
  SpecVersion,
} from './types'
import { utf8Length } from '../fs'
import { unsimulated } from './storage'
import { parseUnitFile } from './unitFile'

export const SPEC_VERSIONS: readonly SpecVersion[] = ['3.0.0', '3.1.0', '3.2.0', '3.3.0', '3.4.0']

/** The newest spec FCOS 39's Ignition 2.16 takes as stable. */
export const MAX_SPEC: SpecVersion = '3.4.0'

/** What a machine without any config runs with: Ignition applies an empty config. */
export function emptyIgnitionConfig(version: SpecVersion = MAX_SPEC): IgnitionConfig {
  return {
    version,
    kernelArguments: { shouldExist: [], shouldNotExist: [] },
    storage: {
      disks: [],
      raid: [],
      filesystems: [],
      luks: [],
      files: [],
      directories: [],
      links: [],
    },
    passwd: { users: [], groups: [] },
    systemd: { units: [] },
  }
}

/**
 * Parses and validates an Ignition config. Never throws. Every problem is reported with its JSON
 * path; `config` is null when Ignition would reject the config (any problem of kind 'error').
 * @example
 * parseIgnition('{"ignition":{"version":"3.4.0"}}') // { config: <empty>, problems: [] }
 */
export function parseIgnition(text: string): {
  config: IgnitionConfig | null
  problems: IgnitionProblem[]
} {
  const report = new Report()
  const config = parseInto(text, report)
  const problems = report.problems
  return { config: problems.some((p) => p.kind === 'error') ? null : config, problems }
}

function parseInto(text: string, report: Report): IgnitionConfig | null {
  // config/v3_4/config.go: a zero-length config is errors.ErrEmpty, before any JSON parsing
  if (text.length === 0) return (report.add('$', 'error', 'empty'), null)
  const parsed = readJson(text)
  if ('error' in parsed) {
    const { line, column, found } = parsed.error
    if (found === '') report.add('$', 'error', 'notJsonEnd', { line, column })
    else report.add('$', 'error', 'notJson', { line, column, found })
    return null
  }
  const root = parsed.value
  if (root.t !== 'obj' && root.t !== 'null') {
    report.add('$', 'error', 'expectedObject', { found: brief(root) })
    return null
  }
  const gate = checkVersion(root, report)
  const r = new Reader(report, gate.minor, gate.version ?? MAX_SPEC)
  const read = readConfig(r, root, gate.version ?? MAX_SPEC)
  validate(r, read)
  simulatorChecks(r, read)
  return read.config
}

// ---------------------------------------------------------------------------------------------
// Problems

class Report {
  readonly problems: IgnitionProblem[] = []
  add(path: string, kind: ProblemKind, key: string, params?: Message['params']): void {
    const message: Message = { key: `ignition.problem.${key}` }
    if (params !== undefined) message.params = params
    this.problems.push({ path, kind, message })
  }
}

/** A short, language-neutral rendering of a JSON value for messages: `"abc"`, `12`, `[…]`. */
function brief(node: JsonNode): string {
  switch (node.t) {
    case 'null':
      return 'null'
    case 'bool':
      return String(node.v)
    case 'num':
      return node.raw.length > 24 ? node.raw.slice(0, 24) + '…' : node.raw
    case 'str':
      return JSON.stringify(node.v.length > 24 ? node.v.slice(0, 24) + '…' : node.v)
    case 'arr':
      return node.items.length === 0 ? '[]' : '[…]'
    case 'obj':
      return node.entries.length === 0 ? '{}' : '{…}'
  }
}

function join(base: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
    ? `${base}.${key}`
    : `${base}[${JSON.stringify(key)}]`
}

// ---------------------------------------------------------------------------------------------
// The version gate

function checkVersion(
  root: JsonNode,
  report: Report,
): { minor: Minor; version: SpecVersion | null } {
  const latest = { minor: 4 as Minor, version: null }
  const path = '$.ignition.version'
  const ign = root.t === 'obj' ? lastEntry(root, 'ignition') : undefined
  const v = ign?.t === 'obj' ? lastEntry(ign, 'version') : undefined
  if (ign !== undefined && ign.t !== 'obj' && ign.t !== 'null') return latest // a type error, reported by the reader
  if (v === undefined || v.t === 'null' || (v.t === 'str' && v.v === '')) {
    report.add(path, 'error', 'versionMissing')
    return latest
  }
  if (v.t !== 'str') return latest
  const version = v.v
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version)
  if (m === null) {
    report.add(path, 'error', 'versionInvalid', { version })
    return latest
  }
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const plain = m[4] === undefined && m[5] === undefined
  if (major === 3 && minor <= 4 && patch === 0 && plain) {
    return { minor: minor as Minor, version: `3.${minor}.0` as SpecVersion }
  }
  if (major < 3) report.add(path, 'error', 'versionSpec2', { version })
  else if (
    major === 3 &&
    minor === 5 &&
    patch === 0 &&
    m[4] === 'experimental' &&
    m[5] === undefined
  )
    // Ignition 2.16 takes 3.5.0-experimental; the simulator only knows the stable specs
    report.add(path, 'unsupported', 'versionExperimental', { version })
  else if (major > 3 || (major === 3 && minor > 4))
    report.add(path, 'error', 'versionTooNew', { version, max: MAX_SPEC })
  else report.add(path, 'error', 'versionUnsupported', { version })
  return latest
}

function lastEntry(node: JsonNode & { t: 'obj' }, key: string): JsonNode | undefined {
  let found: JsonNode | undefined
  for (const e of node.entries) if (e.key.toLowerCase() === key.toLowerCase()) found = e.value
  return found
}

// ---------------------------------------------------------------------------------------------
// The typed reader: Go's json.Unmarshal into the spec's structs, reporting instead of stopping

interface Obj {
  path: string
  fields: Map<string, { key: string; node: JsonNode }>
}

class Reader {
  constructor(
    readonly report: Report,
    readonly minor: Minor,
    readonly version: SpecVersion,
  ) {}

  /** An object of a schema type; null when absent, `null`, or not an object (reported). */
  obj(node: JsonNode | undefined, path: string, type: ObjectType): Obj | null {
    if (node === undefined || node.t === 'null') return null
    if (node.t !== 'obj') {
      this.report.add(path, 'error', 'expectedObject', { found: brief(node) })
      return null
    }
    const schema = SCHEMA[type]
    const known = Object.keys(schema)
    const fields = new Map<string, { key: string; node: JsonNode }>()
    for (const { key, value } of node.entries) {
      const at = join(path, key)
      const field = known.includes(key)
        ? key
        : known.find((k) => k.toLowerCase() === key.toLowerCase())
      if (field === undefined) {
        this.report.add(at, 'warning', 'unknownKey', { key })
        continue
      }
      const since = schema[field] ?? 0
      if (since > this.minor) {
        this.report.add(at, 'warning', 'fieldNeedsVersion', {
          key,
          since: `3.${since}.0`,
          version: this.version,
        })
        continue
      }
      if (field !== key) this.report.add(at, 'warning', 'keyCase', { key, expected: field })
      if (fields.has(field)) this.report.add(at, 'warning', 'duplicateKey', { key })
      fields.set(field, { key, node: value })
    }
    return { path, fields }
  }

  private field(o: Obj | null, name: string): { node: JsonNode; path: string } | null {
    const f = o?.fields.get(name)
    if (o === null || f === undefined || f.node.t === 'null') return null
    return { node: f.node, path: join(o.path, f.key) }
  }

  path(o: Obj | null, name: string): string {
    if (o === null) return '$'
    return join(o.path, o.fields.get(name)?.key ?? name)
  }

  has(o: Obj | null, name: string): boolean {
    return this.field(o, name) !== null
  }

  str(o: Obj | null, name: string): string | null {
    const f = this.field(o, name)
    return f === null ? null : this.asStr(f.node, f.path)
  }

  asStr(node: JsonNode, path: string): string | null {
    if (node.t === 'str') return node.v
    if (node.t !== 'null') this.report.add(path, 'error', 'expectedString', { found: brief(node) })
    return null
  }

  int(o: Obj | null, name: string): number | null {
    const f = this.field(o, name)
    if (f === null) return null
    // Go's int is 64 bits and takes no fraction or exponent
    if (f.node.t === 'num' && /^-?\d+$/.test(f.node.raw) && Math.abs(f.node.v) < 2 ** 63)
      return f.node.v
    this.report.add(f.path, 'error', 'expectedInteger', { found: brief(f.node) })
    return null
  }

  bool(o: Obj | null, name: string): boolean | null {
    const f = this.field(o, name)
    if (f === null) return null
    if (f.node.t === 'bool') return f.node.v
    this.report.add(f.path, 'error', 'expectedBoolean', { found: brief(f.node) })
    return null
  }

  child(o: Obj | null, name: string, type: ObjectType): Obj | null {
    const f = this.field(o, name)
    return f === null ? null : this.obj(f.node, f.path, type)
  }

  list<T>(o: Obj | null, name: string, item: (node: JsonNode, path: string) => T): T[] {
    const f = this.field(o, name)
    if (f === null) return []
    if (f.node.t !== 'arr') {
      this.report.add(f.path, 'error', 'expectedArray', { found: brief(f.node) })
      return []
    }
    return f.node.items.map((node, i) => item(node, `${f.path}[${i}]`))
  }

  /** A list of strings; a `null` item is Go's zero value, ''. */
  strs(o: Obj | null, name: string): string[] {
    return this.list(o, name, (node, path) => this.asStr(node, path) ?? '')
  }

  /** A list of objects; a `null` item is Go's zero value, an empty object. */
  objs<T>(o: Obj | null, name: string, type: ObjectType, read: (item: Obj) => T): T[] {
    return this.list(o, name, (node, path) => {
      const item = this.obj(node, path, type) ?? { path, fields: new Map() }
      return read(item)
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Reading each part

/** The typed config, plus what the checks need that the config does not keep. */
interface ReadConfig {
  config: IgnitionConfig
  owners: { at: string; id: number | null; name: string | null }[]
  resources: { at: string; res: RawResource }[]
  unsupported: string[]
}

interface RawResource {
  source: string | null
  compression: string | null
  hash: string | null
  headers: { name: string; value: string | null; at: string }[]
}

function readConfig(r: Reader, root: JsonNode, version: SpecVersion): ReadConfig {
  const c = r.obj(root, '$', 'Config') ?? { path: '$', fields: new Map() }
  const owners: ReadConfig['owners'] = []
  const resources: ReadConfig['resources'] = []
  const unsupported: string[] = []

  const resource = (o: Obj): RawResource => {
    const headers = r.objs(o, 'httpHeaders', 'HTTPHeader', (h) => ({
      name: r.str(h, 'name') ?? '',
      value: r.str(h, 'value'),
      at: h.path,
    }))
    const res: RawResource = {
      source: r.str(o, 'source'),
      compression: r.str(o, 'compression'),
      hash: r.str(r.child(o, 'verification', 'Verification'), 'hash'),
      headers,
    }
    resources.push({ at: o.path, res })
    return res
  }
  const owner = (o: Obj | null, path: string): IgnitionOwner => {
    if (o === null) return null
    const id = r.int(o, 'id')
    const name = r.str(o, 'name')
    owners.push({ at: path, id, name })
    return id !== null ? { id } : name !== null && name !== '' ? { name } : null
  }
  const node = (o: Obj) => ({
    path: r.str(o, 'path') ?? '',
    user: owner(r.child(o, 'user', 'NodeOwner'), r.path(o, 'user')),
    group: owner(r.child(o, 'group', 'NodeOwner'), r.path(o, 'group')),
    overwrite: r.bool(o, 'overwrite'),
  })

  // ignition: version checked by the gate; the rest is checked, and reported as not modelled
  const ign = r.child(c, 'ignition', 'Ignition')
  r.str(ign, 'version')
  const refType: ObjectType = 'ConfigRef'
  const cfg = r.child(ign, 'config', 'IgnitionConfig')
  // a merged config or a CA needs a source (config/v3_4/types/ignition.go, tls.go)
  const required = (o: Obj): RawResource => {
    const res = resource(o)
    if (res.source === null || res.source === '') r.report.add(o.path, 'error', 'sourceRequired')
    return res
  }
  const merge = r.objs(cfg, 'merge', refType, required)
  if (merge.length > 0) unsupported.push(r.path(cfg, 'merge'))
  const replace = r.child(cfg, 'replace', refType)
  if (replace !== null && resource(replace).source !== null)
    unsupported.push(r.path(cfg, 'replace'))
  const tls = r.child(r.child(ign, 'security', 'Security'), 'tls', 'TLS')
  const cas = r.objs(tls, 'certificateAuthorities', refType, required)
  if (cas.length > 0) unsupported.push(r.path(tls, 'certificateAuthorities'))
  const proxy = r.child(ign, 'proxy', 'Proxy')
  const proxyUrls = [r.str(proxy, 'httpProxy'), r.str(proxy, 'httpsProxy')]
  if (proxyUrls.some((u) => u !== null) || r.strs(proxy, 'noProxy').length > 0)
    unsupported.push(r.path(ign, 'proxy'))
  const timeouts = r.child(ign, 'timeouts', 'Timeouts')
  if (
    [r.int(timeouts, 'httpResponseHeaders'), r.int(timeouts, 'httpTotal')].some((t) => t !== null)
  )
    unsupported.push(r.path(ign, 'timeouts'))

  const kargs = r.child(c, 'kernelArguments', 'KernelArguments')
  const passwd = r.child(c, 'passwd', 'Passwd')
  const storage = r.child(c, 'storage', 'Storage')
  const systemd = r.child(c, 'systemd', 'Systemd')

  const contents = (o: Obj | null): IgnitionContents | null => {
    if (o === null) return null
    const res = resource(o)
    if (res.source === null && res.compression === null && res.hash === null) return null
    return toContents(res)
  }

  const disks = r.objs(storage, 'disks', 'Disk', (o): IgnitionDisk => ({
    device: r.str(o, 'device') ?? '',
    wipeTable: r.bool(o, 'wipeTable'),
    partitions: r.objs(o, 'partitions', 'Partition', (p) => ({
      number: r.int(p, 'number') ?? 0,
      label: r.str(p, 'label'),
      sizeMiB: r.int(p, 'sizeMiB'),
      startMiB: r.int(p, 'startMiB'),
      typeGuid: r.str(p, 'typeGuid'),
      guid: r.str(p, 'guid'),
      wipePartitionEntry: r.bool(p, 'wipePartitionEntry'),
      shouldExist: r.bool(p, 'shouldExist'),
      resize: r.bool(p, 'resize'),
    })),
  }))
  const raid = r.objs(storage, 'raid', 'Raid', (o): IgnitionRaid => ({
    name: r.str(o, 'name') ?? '',
    level: r.str(o, 'level'),
    devices: r.strs(o, 'devices'),
    spares: r.int(o, 'spares'),
    options: r.strs(o, 'options'),
  }))
  const filesystems = r.objs(storage, 'filesystems', 'Filesystem', (o): IgnitionFilesystem => ({
    device: r.str(o, 'device') ?? '',
    format: r.str(o, 'format'),
    path: r.str(o, 'path'),
    label: r.str(o, 'label'),
    uuid: r.str(o, 'uuid'),
    wipeFilesystem: r.bool(o, 'wipeFilesystem'),
    options: r.strs(o, 'options'),
    mountOptions: r.strs(o, 'mountOptions'),
  }))
  const luks = r.objs(storage, 'luks', 'Luks', (o): IgnitionLuks => {
    const clevis = r.child(o, 'clevis', 'Clevis')
    const custom = r.child(clevis, 'custom', 'ClevisCustom')
    const keyFile = r.child(o, 'keyFile', 'Resource')
    return {
      name: r.str(o, 'name') ?? '',
      device: r.str(o, 'device'),
      label: r.str(o, 'label'),
      uuid: r.str(o, 'uuid'),
      wipeVolume: r.bool(o, 'wipeVolume'),
      discard: r.bool(o, 'discard'),
      options: r.strs(o, 'options'),
      openOptions: r.strs(o, 'openOptions'),
      keyFile: keyFile === null ? null : resource(keyFile).source,
      clevis:
        clevis === null
          ? null
          : {
              tpm2: r.bool(clevis, 'tpm2'),
              threshold: r.int(clevis, 'threshold'),
              tang: r.objs(clevis, 'tang', 'Tang', (t) => ({
                url: r.str(t, 'url') ?? '',
                thumbprint: r.str(t, 'thumbprint'),
                advertisement: r.str(t, 'advertisement'),
              })),
              custom:
                custom === null
                  ? null
                  : {
                      pin: r.str(custom, 'pin'),
                      config: r.str(custom, 'config'),
                      needsNetwork: r.bool(custom, 'needsNetwork'),
                    },
            },
    }
  })
  // disks and filesystems are simulated on extra disks (storage.ts), entry by entry
  for (const [name, list] of [
    ['raid', raid],
    ['luks', luks],
  ] as const)
    if (list.length > 0) unsupported.push(r.path(storage, name))

  const files = r.objs(storage, 'files', 'File', (o): IgnitionFile => ({
    ...node(o),
    mode: r.int(o, 'mode'),
    contents: contents(r.child(o, 'contents', 'Resource')),
    append: r
      .objs(o, 'append', 'Resource', (a) => toContents(resource(a)))
      .filter((a): a is IgnitionContents => a !== null),
  }))
  const directories = r.objs(storage, 'directories', 'Directory', (o): IgnitionDirectory => ({
    ...node(o),
    mode: r.int(o, 'mode'),
  }))
  const links = r.objs(storage, 'links', 'Link', (o): IgnitionLink => ({
    ...node(o),
    target: r.str(o, 'target'),
    hard: r.bool(o, 'hard'),
  }))

  const users = r.objs(passwd, 'users', 'PasswdUser', (o): IgnitionUser => ({
    name: r.str(o, 'name') ?? '',
    uid: r.int(o, 'uid'),
    gecos: r.str(o, 'gecos'),
    groups: r.strs(o, 'groups'),
    homeDir: r.str(o, 'homeDir'),
    noCreateHome: r.bool(o, 'noCreateHome'),
    noUserGroup: r.bool(o, 'noUserGroup'),
    noLogInit: r.bool(o, 'noLogInit'),
    passwordHash: r.str(o, 'passwordHash'),
    primaryGroup: r.str(o, 'primaryGroup'),
    sshAuthorizedKeys: r.strs(o, 'sshAuthorizedKeys'),
    shell: r.str(o, 'shell'),
    system: r.bool(o, 'system'),
    shouldExist: r.bool(o, 'shouldExist'),
  }))
  const groups = r.objs(passwd, 'groups', 'PasswdGroup', (o): IgnitionGroup => ({
    name: r.str(o, 'name') ?? '',
    gid: r.int(o, 'gid'),
    passwordHash: r.str(o, 'passwordHash'),
    system: r.bool(o, 'system'),
    shouldExist: r.bool(o, 'shouldExist'),
  }))
  const units = r.objs(systemd, 'units', 'Unit', (o): IgnitionUnit => ({
    name: r.str(o, 'name') ?? '',
    enabled: r.bool(o, 'enabled'),
    mask: r.bool(o, 'mask'),
    contents: r.str(o, 'contents'),
    dropins: r.objs(o, 'dropins', 'Dropin', (d) => ({
      name: r.str(d, 'name') ?? '',
      contents: r.str(d, 'contents'),
    })),
  }))

  const shouldExist = r.strs(kargs, 'shouldExist')
  const shouldNotExist = r.strs(kargs, 'shouldNotExist')
  return {
    config: {
      version,
      kernelArguments: { shouldExist, shouldNotExist },
      storage: { disks, raid, filesystems, luks, files, directories, links },
      passwd: { users, groups },
      systemd: { units },
    },
    owners,
    resources,
    unsupported,
  }
}

/** The contents as the simulator can know them: decoded `data:` URLs; null text otherwise. */
function toContents(res: RawResource): IgnitionContents | null {
  if (res.source === null) {
    if (res.compression === null && res.hash === null) return null
  }
  const source = res.source ?? ''
  const compression = res.compression === 'gzip' ? 'gzip' : null
  let text: string | null = null
  let size: number | null = null
  if (source === '') {
    text = ''
    size = 0
  } else if (compression === null && /^data:/i.test(source)) {
    const decoded = decodeDataUrl(source)
    if ('bytes' in decoded) {
      text = decodeUtf8(decoded.bytes).text
      size = decoded.bytes.length
    }
  }
  return { source, text, size, compression, verification: res.hash }
}

// ---------------------------------------------------------------------------------------------
// Ignition's own checks

function validate(r: Reader, read: ReadConfig): void {
  const add = r.report.add.bind(r.report)
  const minor = r.minor
  const c = read.config

  for (const { at, res } of read.resources) validateResource(r, at, res)
  for (const o of read.owners)
    if (o.id !== null && o.name !== null && o.name !== '') add(o.at, 'error', 'bothIdAndName')

  // paths of files, directories and links: config/v3_4/types/path.go
  const nodes = nodeList(c)
  for (const n of nodes) {
    const p = n.node.path
    if (p === '') add(`${n.at}.path`, 'error', 'pathMissing')
    else if (!p.startsWith('/')) add(`${n.at}.path`, 'error', 'pathRelative', { path: p })
    else if (cleanPath(p) !== p)
      add(`${n.at}.path`, 'error', 'pathNotClean', { path: p, clean: cleanPath(p) })
  }

  // modes: config/v3_4/types/mode.go; older specs warn on, and drop, the special bits
  // (config/v3_3/types/mode.go validateModeSpecialBits; config/v3_4/translate/translate.go)
  const modes = [
    ...c.storage.files.map((f, i) => ({ n: f, at: `$.storage.files[${i}]` })),
    ...c.storage.directories.map((d, i) => ({ n: d, at: `$.storage.directories[${i}]` })),
  ]
  for (const { n, at } of modes) {
    const mode = n.mode
    if (mode === null) continue
    if (mode < 0 || mode > 0o7777) {
      add(`${at}.mode`, 'error', 'modeRange', { mode: String(mode) })
      continue
    }
    if (/^[0-7]{3}$/.test(String(mode)) && mode >= 0o1000) {
      // 644 in JSON is 0o1204, not 0o644: JSON has no octal, Ignition takes the decimal value
      add(`${at}.mode`, 'warning', 'modeLooksOctal', {
        mode: String(mode),
        octal: octal(mode),
        meant: String(parseInt(String(mode), 8)),
      })
    }
    if ((mode & 0o7000) !== 0 && minor < 4) {
      add(`${at}.mode`, 'warning', 'modeSpecialBits', { mode: octal(mode), version: r.version })
      n.mode = mode & 0o777
    }
  }

  // files: config/v3_4/types/file.go
  c.storage.files.forEach((f, i) => {
    if (f.overwrite === true && f.contents === null)
      add(`$.storage.files[${i}].overwrite`, 'error', 'overwriteWithoutSource')
  })

  // links: config/v3_4/types/storage.go
  const dirPaths = new Set(c.storage.directories.map((d) => d.path))
  c.storage.links.forEach((l, i) => {
    const at = `$.storage.links[${i}]`
    if (l.target === null || l.target === '') {
      // 3.4.0 checks it; older specs accept it and the files stage fails on symlink("")
      add(`${at}.target`, minor >= 4 ? 'error' : 'warning', 'linkTargetMissing')
      return
    }
    if (l.hard !== true) return
    const t = cleanPath(l.target)
    const target = t.startsWith('/') ? t : cleanPath(`${l.path}/${l.target}`)
    if (dirPaths.has(target)) add(at, 'error', 'hardLinkToDirectory', { target })
    for (const kind of ['user', 'group'] as const)
      if (l[kind] !== null) add(`${at}.${kind}`, 'warning', 'hardLinkOwner')
  })
  for (const n of nodes)
    for (const l of c.storage.links)
      if (l.path !== '' && n.node.path.startsWith(l.path + '/'))
        add(n.at, 'error', 'pathThroughLink', { link: l.path })

  // a file that is also a unit or drop-in: config/v3_4/types/config.go
  const unitPaths = new Set<string>()
  for (const u of c.systemd.units) {
    if (u.contents !== null && u.contents !== '') unitPaths.add(`/etc/systemd/system/${u.name}`)
    for (const d of u.dropins)
      if (d.contents !== null && d.contents !== '')
        unitPaths.add(`/etc/systemd/system/${u.name}.d/${d.name}`)
  }
  for (const n of nodes)
    if (unitPaths.has(n.node.path))
      add(`${n.at}.path`, 'error', 'pathConflictsUnit', { path: n.node.path })

  // units: config/v3_4/types/unit.go, systemd.go; shared/validations/unit.go
  c.systemd.units.forEach((u, i) => {
    const at = `$.systemd.units[${i}]`
    if (u.name === '') add(`${at}.name`, 'error', 'unitNameMissing')
    else if (!UNIT_SUFFIXES.includes(extension(u.name)))
      add(`${at}.name`, 'error', 'unitSuffix', { name: u.name })
    const parsed = u.contents === null ? null : parseUnitFile(u.contents)
    if (parsed !== null && 'error' in parsed)
      add(`${at}.contents`, 'error', parsed.error, { line: parsed.line })
    else if (
      u.enabled === true &&
      parsed !== null &&
      u.contents !== '' &&
      !parsed.sections.includes('Install')
    )
      add(`${at}.contents`, 'warning', 'noInstallSection', { name: u.name })
    if (u.enabled === true && u.mask === true)
      add(at, 'warning', 'enabledAndMasked', { name: u.name })
    u.dropins.forEach((d, j) => {
      if (extension(d.name) !== '.conf')
        add(`${at}.dropins[${j}].name`, 'error', 'dropinSuffix', { name: d.name })
      const dp = d.contents === null ? null : parseUnitFile(d.contents)
      if (dp !== null && 'error' in dp)
        add(`${at}.dropins[${j}].contents`, 'error', dp.error, { line: dp.line })
    })
    const inst = /^(.+?)@(.+?)\.service$/.exec(u.name)
    if (inst !== null && u.enabled === true) {
      const template = `${inst[1]}@.service`
      const t = c.systemd.units.find((x) => x.name === template)
      const tp = t?.contents ? parseUnitFile(t.contents) : null
      if (tp !== null && 'sections' in tp && !tp.sections.includes('Install'))
        add(`${at}.contents`, 'warning', 'templateNoInstall', { template, name: u.name })
    }
  })

  validateStorage(r, c)

  // users and groups: no checks in the spec; useradd rejects an empty name in the files stage
  c.passwd.users.forEach((u, i) => {
    if (u.name === '') add(`$.passwd.users[${i}].name`, 'warning', 'userNameMissing')
  })
  c.passwd.groups.forEach((g, i) => {
    if (g.name === '') add(`$.passwd.groups[${i}].name`, 'warning', 'groupNameMissing')
  })

  validateDuplicates(r, c)
}

/** Each format's longest label (config/v3_4/types/filesystem.go, from the mkfs man pages). */
const LABEL_MAX: Record<string, number> = { ext4: 16, btrfs: 256, xfs: 12, swap: 15, vfat: 11 }

const GUID = /^(|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/

/**
 * Disks, partitions and filesystems: config/v3_4/types/disk.go, partition.go, filesystem.go,
 * path.go and storage.go `validateFilesystems` (the same rules from 3.0.0 on, but the format
 * "none", which 3.2.0 added).
 */
function validateStorage(r: Reader, c: IgnitionConfig): void {
  const add = r.report.add.bind(r.report)
  const devicePath = (at: string, device: string, empty: string): void => {
    if (device === '') add(at, 'error', empty)
    else if (!device.startsWith('/')) add(at, 'error', 'pathRelative', { path: device })
    else if (cleanPath(device) !== device)
      add(at, 'error', 'pathNotClean', { path: device, clean: cleanPath(device) })
  }
  c.storage.disks.forEach((d, i) => {
    const at = `$.storage.disks[${i}]`
    if (d.device === '') return add(`${at}.device`, 'error', 'diskDeviceRequired')
    devicePath(`${at}.device`, d.device, 'diskDeviceRequired')
    const parts = d.partitions
    const numbers = new Map<number, number>()
    const collide = parts.findIndex((p, j) => {
      if (p.number === 0) return false
      if (numbers.has(p.number)) return true
      numbers.set(p.number, j)
      return false
    })
    if (collide !== -1)
      add(`${at}.partitions[${collide}]`, 'error', 'partitionNumbersCollide', {
        number: parts[collide]?.number ?? 0,
      })
    // partitionsOverlap: only partitions with a start (not 0) and a size; a size 0 ends at its start
    const placed = parts.flatMap((p, j) =>
      p.startMiB !== null && p.sizeMiB !== null && p.startMiB !== 0
        ? [{ j, start: p.startMiB, end: p.sizeMiB === 0 ? p.startMiB : p.startMiB + p.sizeMiB - 1 }]
        : [],
    )
    const overlap = placed.find((p) =>
      placed.some(
        (o) =>
          o !== p &&
          ((p.start >= o.start && p.start <= o.end) ||
            (p.end >= o.start && p.end <= o.end) ||
            (p.start < o.start && p.end > o.end)),
      ),
    )
    if (overlap !== undefined) {
      const other = placed.find(
        (o) => o !== overlap && !(overlap.end < o.start || overlap.start > o.end),
      )
      add(`${at}.partitions[${other?.j ?? overlap.j}]`, 'error', 'partitionsOverlap')
    }
    if (parts.some((p) => p.number === 0) && parts.some((p) => p.shouldExist === false))
      add(`${at}.partitions`, 'error', 'zeroesWithShouldNotExist')
    const labels = new Set<string>()
    parts.forEach((p, j) => {
      const pat = `${at}.partitions[${j}]`
      if (p.label !== null) {
        if (labels.has(p.label)) add(pat, 'error', 'partitionLabelsCollide', { label: p.label })
        labels.add(p.label)
      }
      if (
        p.shouldExist === false &&
        (p.label !== null ||
          (p.typeGuid ?? '') !== '' ||
          (p.guid ?? '') !== '' ||
          p.startMiB !== null ||
          p.sizeMiB !== null)
      )
        add(pat, 'error', 'shouldNotExistWithOthers')
      if (p.number === 0 && p.label === null) add(pat, 'error', 'needLabelOrNumber')
      // GPT names are 36 UTF-16 code units; Go's len() counts bytes
      if (p.label !== null && utf8Length(p.label) > 36)
        add(`${pat}.label`, 'error', 'partitionLabelTooLong', { label: p.label })
      else if (p.label?.includes(':'))
        add(`${pat}.label`, 'error', 'partitionLabelColon', {
          label: p.label,
          cut: p.label.slice(0, p.label.indexOf(':')),
        })
      for (const key of ['guid', 'typeGuid'] as const) {
        const guid = p[key]
        if (guid !== null && !GUID.test(guid))
          add(`${pat}.${key}`, 'error', 'guidInvalid', { guid })
      }
    })
  })
  const formats = ['ext4', 'btrfs', 'xfs', 'swap', 'vfat', ...(r.minor >= 2 ? ['none'] : [])]
  const byDevice = new Map(c.storage.disks.map((d) => [d.device, d]))
  c.storage.filesystems.forEach((f, i) => {
    const at = `$.storage.filesystems[${i}]`
    if (f.path !== null && f.path !== '') devicePath(`${at}.path`, f.path, 'pathMissing')
    devicePath(`${at}.device`, f.device, 'deviceMissing')
    if (f.format === null || f.format === '') {
      if (
        (f.path ?? '') !== '' ||
        (f.label ?? '') !== '' ||
        (f.uuid ?? '') !== '' ||
        f.wipeFilesystem === true ||
        f.mountOptions.length > 0 ||
        f.options.length > 0
      )
        add(`${at}.format`, 'error', 'formatNilWithOthers')
    } else if (!formats.includes(f.format))
      add(`${at}.format`, 'error', 'filesystemFormatInvalid', { format: f.format })
    if (f.label !== null && f.label !== '') {
      if (f.format === null || f.format === '') add(`${at}.label`, 'error', 'labelNeedsFormat')
      else {
        const max = LABEL_MAX[f.format]
        if (max !== undefined && utf8Length(f.label) > max)
          add(`${at}.label`, 'error', 'filesystemLabelTooLong', { format: f.format, max })
      }
    }
    const disk = byDevice.get(f.device)
    if (disk === undefined) return
    if (disk.partitions.length > 0)
      add(`${at}.device`, 'warning', 'partitionsOverwritten', { device: f.device })
    else if (f.wipeFilesystem !== true && disk.wipeTable === true)
      add(`${at}.device`, 'warning', 'filesystemImplicitWipe', { device: f.device })
  })
}

const UNIT_SUFFIXES = [
  '.service',
  '.socket',
  '.device',
  '.mount',
  '.automount',
  '.swap',
  '.target',
  '.path',
  '.timer',
  '.snapshot',
  '.slice',
  '.scope',
]

/** Go's `path.Ext`: from the last dot of the last element. */
function extension(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot === -1 ? '' : base.slice(dot)
}

function octal(mode: number): string {
  return '0' + mode.toString(8).padStart(3, '0')
}

/** Go's `path.Clean`. */
export function cleanPath(p: string): string {
  if (p === '') return '.'
  const rooted = p.startsWith('/')
  const out: string[] = []
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (out.length > 0 && out.at(-1) !== '..') out.pop()
      else if (!rooted) out.push('..')
    } else out.push(part)
  }
  const joined = out.join('/')
  return rooted ? '/' + joined : joined === '' ? '.' : joined
}

function nodeList(c: IgnitionConfig): { at: string; node: { path: string } }[] {
  return [
    ...c.storage.directories.map((node, i) => ({ at: `$.storage.directories[${i}]`, node })),
    ...c.storage.files.map((node, i) => ({ at: `$.storage.files[${i}]`, node })),
    ...c.storage.links.map((node, i) => ({ at: `$.storage.links[${i}]`, node })),
  ]
}

/** Resources: config/v3_4/types/resource.go, url.go, verification.go, headers.go. */
function validateResource(r: Reader, at: string, res: RawResource): void {
  const add = r.report.add.bind(r.report)
  if (res.compression !== null && res.compression !== '' && res.compression !== 'gzip')
    add(`${at}.compression`, 'error', 'compressionInvalid', { compression: res.compression })
  else if (res.compression === 'gzip') add(`${at}.compression`, 'unsupported', 'compressionGzip')
  if (res.hash !== null) {
    if (res.source === null) add(`${at}.verification.hash`, 'error', 'verificationWithoutSource')
    const dash = res.hash.indexOf('-')
    const fn = dash === -1 ? null : res.hash.slice(0, dash)
    const sum = res.hash.slice(dash + 1)
    const want = fn === 'sha512' ? 128 : fn === 'sha256' ? 64 : null
    if (fn === null) add(`${at}.verification.hash`, 'error', 'hashMalformed', { hash: res.hash })
    else if (want === null)
      add(`${at}.verification.hash`, 'error', 'hashFunction', { function: fn })
    else if (sum.length !== want)
      add(`${at}.verification.hash`, 'error', 'hashSize', {
        function: fn,
        expected: want,
        actual: sum.length,
      })
    else if (res.source !== null && res.compression !== 'gzip' && /^data:/i.test(res.source)) {
      const decoded = decodeDataUrl(res.source)
      if ('bytes' in decoded) {
        const bytes = Uint8Array.from(decoded.bytes)
        const actual = bytesToHex(fn === 'sha512' ? sha512(bytes) : sha256(bytes))
        if (actual !== sum.toLowerCase())
          add(`${at}.verification.hash`, 'warning', 'hashMismatch', { expected: sum, actual })
      }
    }
  }
  if (res.source !== null && res.source !== '') validateUrl(r, `${at}.source`, res.source)
  if (res.headers.length > 0) {
    const scheme = schemeOf(res.source ?? '')
    if (res.source === null || res.source === '') add(`${at}.httpHeaders`, 'error', 'sourceInvalid')
    else if (scheme !== 'http' && scheme !== 'https')
      add(`${at}.httpHeaders`, 'error', 'headersScheme', { scheme: scheme ?? '' })
    for (const h of res.headers) {
      if (h.name === '') add(`${h.at}.name`, 'error', 'headerNameEmpty')
      if (h.value === '') add(`${h.at}.value`, 'error', 'headerValueEmpty')
    }
  }
}

function schemeOf(url: string): string | null {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)
  return m === null ? null : (m[1] ?? '').toLowerCase()
}

/** Which URL schemes each spec takes (config/v3_*\/types/url.go): gs from 3.2.0, arn from 3.4.0. */
const REMOTE_SCHEMES: Record<string, Minor> = { http: 0, https: 0, tftp: 0, s3: 0, gs: 2, arn: 4 }

function validateUrl(r: Reader, at: string, url: string): void {
  const add = r.report.add.bind(r.report)
  // Go's url.Parse refuses control characters
  if ([...url].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    return add(at, 'error', 'sourceInvalid')
  const scheme = schemeOf(url)
  if (scheme === 'data') {
    const decoded = decodeDataUrl(url)
    if ('error' in decoded) add(at, 'error', `dataUrl.${decoded.error}`, { url: clip(url) })
    return
  }
  const since = scheme === null ? undefined : REMOTE_SCHEMES[scheme]
  if (scheme === null || since === undefined)
    return add(at, 'error', 'sourceScheme', { url: clip(url) })
  if (since > r.minor)
    return add(at, 'error', 'sourceSchemeNeedsVersion', {
      scheme,
      since: `3.${since}.0`,
      version: r.version,
    })
  if (scheme === 's3' && /[?&]versionId=(&|$)/.test(url))
    return add(at, 'error', 'sourceS3Version', { url: clip(url) })
  if (scheme === 'arn' && !/^arn:[^:]*:s3:[^:]*:[^:]*:[^/]+\/.+/.test(url))
    return add(at, 'error', 'sourceArn', { url: clip(url) })
  // the simulator has no network
  add(at, 'unsupported', 'sourceRemote', { url: clip(url), scheme })
}

function clip(url: string): string {
  return url.length > 80 ? url.slice(0, 80) + '…' : url
}

/** `ValidateDups`: the second entry with a key already seen in its list is an error. */
function validateDuplicates(r: Reader, c: IgnitionConfig): void {
  const check = (lists: { at: string; keys: string[] }[]): void => {
    const seen = new Set<string>()
    for (const { at, keys } of lists)
      keys.forEach((key, i) => {
        if (seen.has(key)) r.report.add(`${at}[${i}]`, 'error', 'duplicate', { key })
        seen.add(key)
      })
  }
  // kernelArguments: shouldExist and shouldNotExist are one list (config/v3_4/types/kargs.go)
  check([
    { at: '$.kernelArguments.shouldExist', keys: c.kernelArguments.shouldExist },
    { at: '$.kernelArguments.shouldNotExist', keys: c.kernelArguments.shouldNotExist },
  ])
  check([{ at: '$.passwd.groups', keys: c.passwd.groups.map((g) => g.name) }])
  check([{ at: '$.passwd.users', keys: c.passwd.users.map((u) => u.name) }])
  c.passwd.users.forEach((u, i) => {
    check([{ at: `$.passwd.users[${i}].groups`, keys: u.groups }])
    check([{ at: `$.passwd.users[${i}].sshAuthorizedKeys`, keys: u.sshAuthorizedKeys }])
  })
  // directories, files and links share one key, the path, in the struct's field order (storage.go)
  check([
    { at: '$.storage.directories', keys: c.storage.directories.map((d) => d.path) },
    { at: '$.storage.files', keys: c.storage.files.map((f) => f.path) },
    { at: '$.storage.links', keys: c.storage.links.map((l) => l.path) },
  ])
  check([{ at: '$.storage.disks', keys: c.storage.disks.map((d) => d.device) }])
  c.storage.disks.forEach((d, i) =>
    check([
      {
        at: `$.storage.disks[${i}].partitions`,
        keys: d.partitions.map((p) =>
          p.number !== 0 ? `number:${p.number}` : p.label !== null ? `label:${p.label}` : '',
        ),
      },
    ]),
  )
  check([{ at: '$.storage.filesystems', keys: c.storage.filesystems.map((f) => f.device) }])
  check([{ at: '$.storage.luks', keys: c.storage.luks.map((l) => l.name) }])
  check([{ at: '$.storage.raid', keys: c.storage.raid.map((x) => x.name) }])
  check([{ at: '$.systemd.units', keys: c.systemd.units.map((u) => u.name) }])
  c.systemd.units.forEach((u, i) =>
    check([{ at: `$.systemd.units[${i}].dropins`, keys: u.dropins.map((d) => d.name) }]),
  )
}

// ---------------------------------------------------------------------------------------------
// What the simulator adds: parts it does not model, and files-stage failures it can foresee

/**
 * Where a path lands on FCOS (reference 1.7 and 5.5): the deployment root is immutable (EPERM on a
 * new top-level name), /usr is a read-only bind mount (EROFS), /sysroot is read-only; /etc, /var
 * and the symlinks into /var are writable; /boot, /run, /tmp, /dev, /proc and /sys are plain
 * folders of the deployment in the initramfs, hidden by a mount once the system runs.
 */
export function pathClass(
  path: string,
): { kind: 'writable' } | { kind: 'readOnly' | 'hidden'; mount: string } | { kind: 'immutable' } {
  const first = path.split('/')[1] ?? ''
  if (path === '/' || first === '') return { kind: 'immutable' }
  if (first === 'usr') {
    if (path === '/usr/local' || path.startsWith('/usr/local/')) return { kind: 'writable' }
    return { kind: 'readOnly', mount: '/usr' }
  }
  if (['bin', 'lib', 'lib64', 'sbin'].includes(first)) return { kind: 'readOnly', mount: '/usr' }
  if (first === 'sysroot' || first === 'ostree') return { kind: 'readOnly', mount: '/sysroot' }
  if (['etc', 'var', 'home', 'root', 'opt', 'srv', 'mnt'].includes(first))
    return { kind: 'writable' }
  if (first === 'media') return { kind: 'hidden', mount: '/run' }
  if (['boot', 'run', 'tmp', 'dev', 'proc', 'sys'].includes(first))
    return { kind: 'hidden', mount: `/${first}` }
  return { kind: 'immutable' }
}

function simulatorChecks(r: Reader, read: ReadConfig): void {
  const add = r.report.add.bind(r.report)
  for (const at of read.unsupported)
    add(at, 'unsupported', 'unsupportedField', { key: at.slice(2) })
  for (const [at, reason] of unsimulated(read.config))
    if (reason !== 'raid' && reason !== 'luks')
      add(at, 'unsupported', `storageNotSimulated.${reason}`)
  for (const n of nodeList(read.config)) {
    const p = n.node.path
    if (!p.startsWith('/') || cleanPath(p) !== p) continue
    const where = pathClass(p)
    if (where.kind === 'readOnly')
      add(`${n.at}.path`, 'warning', 'readOnlyPath', { path: p, mount: where.mount })
    else if (where.kind === 'hidden')
      add(`${n.at}.path`, 'warning', 'hiddenAtRuntime', { path: p, mount: where.mount })
    else if (where.kind === 'immutable')
      add(`${n.at}.path`, 'warning', 'rootImmutable', { path: p })
  }
}
