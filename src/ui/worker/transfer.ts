/**
 * Moving engine data between the worker that computes it and the page that shows it, keeping the
 * sharing. Consecutive machines share most of their objects (copy-on-write inode chunks), and
 * `postMessage` alone would copy every shared object again in every message: a timeline of a
 * hundred steps would weigh a hundred machines. Here each side numbers the objects it has seen;
 * a message carries only the objects the other side does not have yet, and names the rest.
 *
 * Objects travel in post-order (children before parents) in batches, so the page can rebuild them
 * one batch per task and never block for long. Only plain data crosses: arrays, plain objects and
 * prototype-less objects (the engine's directory entries), as the engine's types promise.
 */

/** A reference to an object both sides know by number. */
interface Ref {
  r: number
}

/** Array, plain object, or `Object.create(null)` (the engine keeps directory entries in those). */
const Kind = { Array: 0, Object: 1, Bare: 2 } as const
type Kind = (typeof Kind)[keyof typeof Kind]

/**
 * One object the receiver has not seen: its number, kind and fields, each field a primitive or a
 * `Ref`. Flat, so a batch is a plain array for `postMessage`.
 */
export type Packed = [id: number, kind: Kind, fields: unknown[] | Record<string, unknown>]

/** A value in a message: a primitive, or a reference to an object sent in this or an earlier batch. */
export type Wire = string | number | boolean | null | undefined | Ref

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
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
        throw new TypeError(`cannot send a ${typeof value}`)
      return value as Wire
    }
    const known = this.ids.get(value)
    if (known !== undefined) return { r: known }
    let packed: Packed
    const id = this.next++
    // Numbered before its fields, so a cycle cannot loop (the engine's data has none).
    this.ids.set(value, id)
    if (Array.isArray(value)) {
      packed = [id, Kind.Array, value.map((item) => this.wire(item, out))]
    } else {
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`cannot send a ${String(value.constructor?.name)}`)
      const fields: Record<string, unknown> = Object.create(null)
      for (const key of Object.keys(value))
        fields[key] = this.wire((value as Record<string, unknown>)[key], out)
      packed = [id, proto === null ? Kind.Bare : Kind.Object, fields]
    }
    out.push(packed)
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
  private readonly byId = new Map<number, object>()
  private readonly ids = new WeakMap<object, number>()

  /** Rebuilds one batch; every reference in it is to this batch or an earlier one. */
  add(batch: readonly Packed[]): void {
    for (const [id, kind, fields] of batch) {
      let object: object
      if (kind === Kind.Array) {
        object = (fields as unknown[]).map((field) => this.value(field as Wire))
      } else {
        const target: Record<string, unknown> = kind === Kind.Bare ? Object.create(null) : {}
        const source = fields as Record<string, unknown>
        for (const key of Object.keys(source)) {
          const field = this.value(source[key] as Wire)
          // `__proto__` must be a field like any other, never the prototype.
          if (key === '__proto__') Object.defineProperty(target, key, dataField(field))
          else target[key] = field
        }
        object = target
      }
      this.byId.set(id, object)
      this.ids.set(object, id)
    }
  }

  /** The value a `Wire` stands for. */
  value(wire: Wire): unknown {
    if (!isObject(wire)) return wire
    const object = this.byId.get(wire.r)
    if (!object) throw new Error(`object ${wire.r} was never received`)
    return object
  }

  /** The number the sender gave `object`, to name it in a request (undefined: not from it). */
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
