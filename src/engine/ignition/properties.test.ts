import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FsDraft } from '../fs'
import { checkInvariants } from '../invariants'
import { installImage } from '../ops'
import { listDeployments } from '../status'
import { deployPath } from '../sysroot'
import { after, deepFreeze } from '../testkit'
import { applyFiles, populateVar } from './apply'
import { actionMessage, IGNITION_MESSAGE_KEYS } from './messages'
import { parseIgnition, SPEC_VERSIONS } from './parse'
import { SCHEMA } from './schema'

/** The invariants of any parse result. */
function checkResult(text: string): void {
  const result = parseIgnition(text)
  for (const p of result.problems) {
    expect(p.path.startsWith('$')).toBe(true)
    expect(IGNITION_MESSAGE_KEYS).toContain(p.message.key)
    expect(['error', 'unsupported', 'warning']).toContain(p.kind)
  }
  expect(result.config === null).toBe(result.problems.some((p) => p.kind === 'error'))
  expect(JSON.parse(JSON.stringify(result))).toEqual(result)
}

/** Every key the schema knows, a few near misses, and junk. */
const KEYS = [
  ...new Set(Object.values(SCHEMA).flatMap((fields) => Object.keys(fields))),
  'Path',
  'MODE',
  '__proto__',
  'constructor',
  'x y',
  '',
]

/** JSON trees shaped like configs: known keys, any values. */
const configLike = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('/etc/a', 'data:,x', 'data:;base64,eA==', 'a.service', 'core', 'https://x/y'),
    fc.integer({ min: -10, max: 5000 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 }),
  ),
})).node

describe('parseIgnition: properties', () => {
  it('[ignition] never throws on any string, and every problem path starts with $', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkResult), {
      numRuns: 500,
    })
    fc.assert(fc.property(fc.string({ maxLength: 200 }), checkResult), { numRuns: 300 })
  })

  it('[ignition] never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => checkResult(JSON.stringify(v) ?? 'null')),
      { numRuns: 500 },
    )
  })

  it('[ignition] never throws on config-shaped JSON of any spec version', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPEC_VERSIONS, '3.5.0', '2.3.0', 'x'),
        fc.dictionary(fc.constantFrom(...KEYS), configLike, { maxKeys: 6 }),
        (version, rest) => checkResult(JSON.stringify({ ignition: { version }, ...rest })),
      ),
      { numRuns: 500 },
    )
  })

  it('[ignition] never throws on a cut or spliced config text', () => {
    const text = JSON.stringify({
      ignition: { version: '3.4.0' },
      storage: { files: [{ path: '/etc/a', contents: { source: 'data:,x' } }] },
    })
    fc.assert(
      fc.property(fc.nat(text.length), fc.string({ maxLength: 5 }), (cut, junk) =>
        checkResult(text.slice(0, cut) + junk + text.slice(cut)),
      ),
      { numRuns: 300 },
    )
  })
})

describe('applyFiles: properties', () => {
  const machine = deepFreeze(after(installImage({ profile: 'fcos', scale: 20 })))
  const d = listDeployments(machine)[0]!
  const target = { deployment: deployPath(d), var: `/ostree/deploy/${d.stateroot}/var` }

  const path = fc.constantFrom(
    '/etc/a',
    '/etc/a/b',
    '/etc/hosts',
    '/etc/localtime',
    '/var/x',
    '/var/x/y',
    '/home/core/n',
    '/root/r',
    '/usr/local/bin/t',
    '/usr/z',
    '/data/q',
    '/boot/b',
  )
  const owner = fc.option(
    fc.oneof(
      fc.record({ id: fc.constantFrom(0, 1000) }),
      fc.record({ name: fc.constantFrom('core', 'root', 'wheel', 'nope') }),
    ),
    { nil: undefined },
  )
  const config = fc.record(
    {
      files: fc.array(
        fc.record(
          {
            path,
            mode: fc.constantFrom(420, 384, 493),
            overwrite: fc.boolean(),
            contents: fc.record({ source: fc.constantFrom('data:,x', '', 'https://x/y') }),
            append: fc.array(fc.record({ source: fc.constantFrom('data:,z') }), { maxLength: 2 }),
            user: owner,
          },
          { requiredKeys: ['path'] },
        ),
        { maxLength: 4 },
      ),
      directories: fc.array(
        fc.record(
          { path, mode: fc.constantFrom(493, 448), group: owner },
          { requiredKeys: ['path'] },
        ),
        { maxLength: 3 },
      ),
      links: fc.array(
        fc.record(
          { path, target: fc.constantFrom('/etc/hosts', 'a', '/var/x'), hard: fc.boolean() },
          { requiredKeys: ['path', 'target'] },
        ),
        { maxLength: 2 },
      ),
      users: fc.array(
        fc.record(
          {
            name: fc.constantFrom('core', 'root', 'alice', 'sshd'),
            groups: fc.subarray(['wheel', 'docker', 'nope']),
            sshAuthorizedKeys: fc.subarray(['ssh-ed25519 AAAA a', 'ssh-ed25519 AAAA b']),
            shouldExist: fc.boolean(),
            noCreateHome: fc.boolean(),
          },
          { requiredKeys: ['name'] },
        ),
        { maxLength: 2 },
      ),
      units: fc.array(
        fc.record(
          {
            name: fc.constantFrom('a.service', 'zincati.service', 'e@x.service', 'e@y.service'),
            enabled: fc.boolean(),
            mask: fc.boolean(),
            contents: fc.constantFrom(
              '[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n',
            ),
            dropins: fc.array(
              fc.record({
                name: fc.constantFrom('a.conf', 'b.conf'),
                contents: fc.constant('[Service]\n'),
              }),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: ['name'] },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  )

  it('[ignition] on any valid config, the files stage returns plain-JSON actions and a sound filesystem', () => {
    fc.assert(
      fc.property(config, (c) => {
        const text = JSON.stringify({
          ignition: { version: '3.4.0' },
          passwd: { users: c.users ?? [] },
          storage: { files: c.files ?? [], directories: c.directories ?? [], links: c.links ?? [] },
          systemd: { units: c.units ?? [] },
        })
        const parsed = parseIgnition(text).config
        fc.pre(parsed !== null)
        if (parsed === null) return
        const draft = new FsDraft(machine.filesystems.root!)
        populateVar(draft, target.var, machine.clock)
        const actions = applyFiles(draft, target, parsed, machine.clock + 1)
        expect(JSON.parse(JSON.stringify(actions))).toEqual(actions)
        for (const a of actions) expect(IGNITION_MESSAGE_KEYS).toContain(actionMessage(a).key)
        expect(actions.filter((a) => a.type === 'stage/failed').length).toBeLessThanOrEqual(1)
        const next = { ...machine, filesystems: { ...machine.filesystems, root: draft.finish() } }
        expect(checkInvariants(next)).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})
