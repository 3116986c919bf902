import { describe, expect, it } from 'vitest'
import { boot, installImage, publishRelease, upgrade } from '../../engine'
import { batches, Packer, Unpacker, type Packed } from './transfer'

/** Sends `value` through a packer and an unpacker in batches of `size`, as the worker does. */
function send(packer: Packer, unpacker: Unpacker, value: unknown, size = 3): unknown {
  const { root, objects } = packer.pack(value)
  // as the worker sends a batch: its JSON
  for (const batch of batches(objects, size))
    unpacker.add(JSON.parse(JSON.stringify(batch)) as Packed[])
  return unpacker.value(structuredClone(root))
}

describe('transfer between the engine worker and the page', () => {
  it('rebuilds plain data, and an object shared twice stays one object', () => {
    const shared = { ino: 7, nlink: 3 }
    const value = { a: shared, b: [shared, 1, 'x', null, true, undefined] }
    const copy = send(new Packer(), new Unpacker(), value) as typeof value
    expect(copy).toStrictEqual(value)
    expect(copy.b[0]).toBe(copy.a)
  })

  it('keeps a key whose value is undefined, and objects of one shape send their keys once', () => {
    const value = [{ a: 1, b: undefined }, { a: 2, b: 'x' }, { b: 3, a: 4 }, [undefined]]
    const packer = new Packer()
    const { objects } = packer.pack(value)
    const copy = send(new Packer(), new Unpacker(), value)
    expect(copy).toStrictEqual(value)
    expect(Object.keys((copy as object[])[0]!)).toEqual(['a', 'b'])
    // the keys go with the first object of each order of keys; the next names its shape
    expect(objects.map((packed) => packed[3])).toEqual([
      ['a', 'b'],
      0,
      ['b', 'a'],
      undefined,
      undefined,
    ])
  })

  it('sends an object only once across messages, and names it afterwards', () => {
    const packer = new Packer()
    const unpacker = new Unpacker()
    const chunk = { entries: [1, 2, 3] }
    const first = send(packer, unpacker, { chunk }) as { chunk: object }
    const { objects } = packer.pack({ chunk, extra: {} })
    // only the new wrapper and `extra`: the chunk is named by its number
    expect(objects).toHaveLength(2)
    unpacker.add(objects)
    const again = send(packer, unpacker, [chunk]) as object[]
    expect(again[0]).toBe(first.chunk)
  })

  it('keeps prototype-less objects prototype-less, and `__proto__` as a plain name', () => {
    const entries = Object.create(null) as Record<string, number>
    entries['__proto__'] = 1
    entries['constructor'] = 2
    const copy = send(new Packer(), new Unpacker(), entries) as Record<string, number>
    expect(Object.getPrototypeOf(copy)).toBeNull()
    expect(Object.keys(copy)).toEqual(['__proto__', 'constructor'])
    expect(copy['__proto__']).toBe(1)
    // a directory's names are its own: they go with it, never as a shape to reuse
    const other = Object.assign(Object.create(null) as object, { a: 1 })
    const again = Object.assign(Object.create(null) as object, { a: 2 })
    const { objects } = new Packer().pack([other, again])
    expect(objects.slice(0, 2).map((packed) => packed[3])).toEqual([['a'], ['a']])
  })

  it('refuses what is not plain data', () => {
    expect(() => new Packer().pack({ when: new Date(0) })).toThrow(/Date/)
    expect(() => new Packer().pack({ f: () => 1 })).toThrow(/function/)
    // JSON would make them null
    expect(() => new Packer().pack([Number.NaN])).toThrow(/NaN/)
    expect(() => new Packer().pack({ size: Infinity })).toThrow(/Infinity/)
  })

  it('says so when a message names an object it never received', () => {
    expect(() => new Unpacker().value({ r: 42 })).toThrow(/never received/)
  })

  it('gives the engine steps back equal, with consecutive machines still sharing their chunks', () => {
    const packer = new Packer()
    const unpacker = new Unpacker()
    const install = installImage({ profile: 'fcos', scale: 40 })
    const booted = boot(install.at(-1)!.machine)
    const sent = send(packer, unpacker, [...install, ...booted], 500) as typeof install
    expect(sent).toEqual([...install, ...booted])
    const published = publishRelease(booted.at(-1)!.machine)
    const staged = upgrade(published.at(-1)!.machine)
    const { objects } = packer.pack([...published, ...staged])
    const total = new Packer().pack([...install, ...booted, ...published, ...staged]).objects.length
    // the second message carries what the upgrade added, not the machines again
    expect(objects.length).toBeLessThan(total / 2)
    unpacker.add(JSON.parse(JSON.stringify(objects)) as Packed[])
    const last = sent.at(-1)!.machine
    const rebuilt = unpacker.value(packer.pack(booted.at(-1)!.machine).root)
    expect(rebuilt).toBe(last)
  })
})
