/**
 * A `Storage` in memory for tests, which can be told to refuse as browsers do: every access
 * (storage disabled), or writes beyond a size (quota exceeded).
 */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>()
  /** Every call throws a SecurityError, as storage a browser denies. */
  denied = false
  /** `setItem` throws a QuotaExceededError when the value is longer than this. */
  quota = Infinity

  get length(): number {
    this.check()
    return this.items.size
  }

  clear(): void {
    this.check()
    this.items.clear()
  }

  getItem(key: string): string | null {
    this.check()
    return this.items.get(key) ?? null
  }

  key(index: number): string | null {
    this.check()
    return [...this.items.keys()][index] ?? null
  }

  removeItem(key: string): void {
    this.check()
    this.items.delete(key)
  }

  setItem(key: string, value: string): void {
    this.check()
    if (value.length > this.quota) throw new DOMException('quota', 'QuotaExceededError')
    this.items.set(key, String(value))
  }

  private check(): void {
    if (this.denied) throw new DOMException('denied', 'SecurityError')
  }
}
