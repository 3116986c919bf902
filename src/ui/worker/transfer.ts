/**
 * Moving engine data between the worker that computes it and the page that shows it, keeping the
 * sharing. Consecutive machines share most of their objects (copy-on-write inode chunks), and
 * `postMessage` alone would copy every shared object again in every message: a timeline of a
 * hundred steps would weigh a hundred machines. Here each side numbers the objects it has seen;
 * a message carries only the objects the other side does not have yet, and names the rest.
 *
 * Objects travel in post-order (children before parents) in batches, so the page can rebuild them
 * one batch per task and never block for long. Only plain data crosses: arrays, plain objects and
 * prototype-less objects (the engine's directory entries), as the engine's types promise, with
 * finite numbers.
 *
 * A batch crosses as one JSON string, and an object as its values in the order of its keys, the
 * keys sent once per set of keys (a shape): an upgrade at real scale is some 120,000 objects of ten
 * fields, and a structured clone would copy every key of every object and rebuild them one by one
 * on the page's thread, where `JSON.parse` of the string is several times faster.
 */

/** A reference to an object both sides know by number. */
interface Ref {
  r: number
}

/** Array, plain object, or `Object.create(null)` (the engine keeps directory entries in those). */
const Kind = { Array: 0, Object: 1, Bare: 2 } as const
type Kind = (typeof Kind)[keyof typeof Kind]

/** `undefined`, which JSON does not have. */
interface Absent {
  u: 1
}

/**
 * One object the receiver has not seen: its number and kind, its items or the values of its keys,
 * and for an object, its keys: the number of a shape sent before, or the keys themselves, which
 * become the next shape (a prototype-less object, a directory's entries, always has its own).
 */
export type Packed =
  | [id: number, kind: typeof Kind.Array, items: Wire[]]
  | [id: number, kind: typeof Kind.Object | typeof Kind.Bare, values: Wire[], shape: Shape]

/** The keys of an object: a shape sent before, by number, or new keys. */
type Shape = number | string[]

/**
 * A value in a message: a primitive, `Absent` for undefined, or a reference to an object sent in
 * this or an earlier batch.
 */
export type Wire = string | number | boolean | null | Absent | Ref

const ABSENT: Absent = { u: 1 }

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null

/**
 * The sending side: numbers every object it packs, so an object already sent is sent as a number.
 * @example
 * const packer = new Packer()
 * const { root, objects } = packer.pack(steps) // objects: new since the last pack
 */
export class Packer {
  private readonly ids = new WeakMap<object, number>()
  private next = 1
  /** Each set of keys sent, joined by NUL, and its number. */
  private readonly shapes = new Map<string, number>()

  /** The value as a `Wire`, and every object it reaches that was not packed before, children first. */
  pack(value: unknown): { root: Wire; objects: Packed[] } {
    const objects: Packed[] = []
    return { root: this.wire(value, objects), objects }
  }

  /** The number `value` was sent as (undefined: never sent). */
  idOf(value: object): number | undefined {
    return this.ids.get(value)
  }

  private wire(value: unknown, out: Packed[]): Wire {
    if (!isObject(value)) {
      if (value === undefined) return ABSENT
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
        throw new TypeError(`cannot send a ${typeof value}`)
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new TypeError(`cannot send the number ${value}`)
      return value as Wire
    }
    const known = this.ids.get(value)
    if (known !== undefined) return { r: known }
    const id = this.next++
    // Numbered before its fields, so a cycle cannot loop (the engine's data has none).
    this.ids.set(value, id)
    if (Array.isArray(value)) {
      out.push([id, Kind.Array, value.map((item) => this.wire(item, out))])
      return { r: id }
    }
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError(`cannot send a ${String(value.constructor?.name)}`)
    const keys = Object.keys(value)
    const values = keys.map((key) => this.wire((value as Record<string, unknown>)[key], out))
    if (proto === null) {
      // a directory's entries: names seldom shared, so the keys always go with the object
      out.push([id, Kind.Bare, values, keys])
      return { r: id }
    }
    // numbered as it is sent, after its fields: the receiver numbers shapes in the same order
    const signature = keys.join('\0')
    let shape: Shape | undefined = this.shapes.get(signature)
    if (shape === undefined) {
      this.shapes.set(signature, this.shapes.size)
      shape = keys
    }
    out.push([id, Kind.Object, values, shape])
    return { r: id }
  }
}

/**
 * The receiving side: rebuilds objects batch by batch, and knows which number each one had.
 * @example
 * const unpacker = new Unpacker()
 * for (const batch of batches) unpacker.add(batch)
 * unpacker.value(root) // the steps, sharing objects with earlier messages
 */
export class Unpacker {
  /** Every object received, by number: the packer numbers them 1, 2, 3... */
  private readonly byId: object[] = []
  /**
   * The numbers of the objects a request may name: the machines, which steps and a shell's result
   * hold under `machine`. Not every object: a WeakMap entry for each of 100,000 objects would
   * cost as much as rebuilding them.
   */
  private readonly ids = new WeakMap<object, number>()
  private readonly shapes: string[][] = []

  /** Rebuilds one batch; every reference in it is to this batch or an earlier one. */
  add(batch: readonly Packed[]): void {
    for (const packed of batch) {
      const id = packed[0]
      let object: object
      if (packed[1] === Kind.Array) {
        object = packed[2].map((item) => this.value(item))
      } else {
        const [, kind, values, shape] = packed
        let keys: string[]
        if (kind === Kind.Bare) {
          if (typeof shape === 'number') throw new Error('a prototype-less object has its own keys')
          keys = shape
        } else if (typeof shape === 'number') {
          const known = this.shapes[shape]
          if (!known) throw new Error(`shape ${shape} was never received`)
          keys = known
        } else {
          keys = shape
          this.shapes.push(keys)
        }
        const target: Record<string, unknown> = kind === Kind.Bare ? Object.create(null) : {}
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as string
          const wire = values[i] as Wire
          const field = this.value(wire)
          // `__proto__` must be a field like any other, never the prototype.
          if (key === '__proto__') Object.defineProperty(target, key, dataField(field))
          else target[key] = field
          if (key === 'machine' && isObject(wire) && 'r' in wire)
            this.ids.set(field as object, wire.r)
        }
        object = target
      }
      this.byId[id] = object
    }
  }

  /** The value a `Wire` stands for. */
  value(wire: Wire): unknown {
    if (!isObject(wire)) return wire
    if ('u' in wire) return undefined
    const object = this.byId[wire.r]
    if (!object) throw new Error(`object ${wire.r} was never received`)
    return object
  }

  /**
   * The number the sender gave `object`, a machine, to name it in a request (undefined: not from
   * it).
   */
  idOf(object: object): number | undefined {
    return this.ids.get(object)
  }
}

const dataField = (value: unknown): PropertyDescriptor => ({
  value,
  writable: true,
  enumerable: true,
  configurable: true,
})

/** Splits `objects` into batches of at most `size`, in order. */
export function batches<T>(objects: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < objects.length; i += size) out.push(objects.slice(i, i + size))
  return out
}
