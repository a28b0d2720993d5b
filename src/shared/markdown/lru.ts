/**
 * A small least-recently-used cache. The preview re-renders the whole article on every
 * keystroke, but almost every formula and code block is unchanged between two renders, and
 * KaTeX and highlight.js are the most expensive parts of a render.
 */

/** A map that keeps at most `limit` entries, dropping the least recently read one. */
export class LruCache<V> {
  private readonly map = new Map<string, V>()

  constructor(private readonly limit: number) {}

  /** The value for `key`, marked as recently used; `undefined` when absent. */
  get(key: string): V | undefined {
    const value = this.map.get(key)
    if (value === undefined) return undefined
    // A Map iterates in insertion order: re-inserting moves the entry to the young end.
    this.map.delete(key)
    this.map.set(key, value)
    return value
  }

  /** Stores `value`, evicting the oldest entry when full. */
  set(key: string, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.limit) {
      const oldest = this.map.keys().next()
      if (!oldest.done) this.map.delete(oldest.value)
    }
  }
}
