// Lists of small non-negative integers interned as numbers: equal lists (same items, same order)
// get the same number, numbered from 0 in the order they are first met. The engine's summaries are
// such lists (sorted keys), and so are its keys for merges (their bases, each base's demanding
// licenses), where a string per key was built, hashed and kept for every merge of an audit.

import { grown } from "./grown.js";
import { IntPairMap } from "./int-pair-map.js";

export class IntLists {
  /**
   * Every list's items, end to end: list i is pool[start[i] .. start[i + 1]). Read them in place
   * (`from`, `to`); both arrays are replaced as they grow. An array per list took about 250
   * bytes; at millions of lists that was an audit's largest cost.
   */
  pool: Int32Array;
  start = new Int32Array(1 << 12);
  private count = 0;
  /** By the list's two 26-bit hashes: its first number; lists sharing both hashes go to `more`. */
  private readonly byHash = new IntPairMap(1 << 12);
  private readonly more = new Map<number, number[]>();

  /**
   * `growth`: by how much the pool grows when full. By half again for the summaries: the pool is
   * an audit's largest buffer, and a doubling leaves up to half of it unused at the end.
   */
  constructor(private readonly growth = 2) {
    this.pool = new Int32Array(1 << 12);
  }

  /**
   * Room for `lists` more lists of `items` items in all, made at once instead of by copies as
   * they come. Typed arrays start as zeroed pages the system maps only when written, so room that
   * is never used costs address space, not memory.
   */
  reserve(lists: number, items: number): void {
    // by doubling, as the lists grow: an engine that judges graph after graph (a server's) must
    // not copy its whole pool for each one
    const needLists = this.count + lists + 1;
    if (needLists > this.start.length) this.start = grown(this.start, needLists, 2);
    const needItems = this.start[this.count]! + items;
    if (needItems > this.pool.length) this.pool = grown(this.pool, needItems, 2);
  }

  /** Distinct lists so far. */
  get size(): number {
    return this.count;
  }

  /** The number of the first `n` items of `items` (copied: the caller may reuse them). */
  of(items: ArrayLike<number>, n: number): number {
    let a = 0x9e3779b1 | 0;
    let b = 0x85ebca6b | 0;
    for (let i = 0; i < n; i++) {
      const k = items[i]!;
      a = Math.imul(a ^ k, 0x01000193);
      b = Math.imul(b + k + 0x7f4a7c15, 0x5bd1e995) ^ (b >>> 15);
    }
    // the length too: a list and its extension by zeros must not meet by their hashes
    b = Math.imul(b ^ n, 0x5bd1e995);
    const ha = a >>> 6;
    const hb = b >>> 6;
    const first = this.byHash.get(ha, hb);
    if (first >= 0 && this.same(first, items, n)) return first;
    const h = ha * 67_108_864 + hb;
    const others = first >= 0 ? this.more.get(h) : undefined;
    if (others) for (const id of others) if (this.same(id, items, n)) return id;
    const id = this.count++;
    this.start = grown(this.start, id + 2, 2);
    const at = this.start[id]!;
    this.pool = grown(this.pool, at + n, this.growth);
    for (let i = 0; i < n; i++) this.pool[at + i] = items[i]!;
    this.start[id + 1] = at + n;
    if (first < 0) this.byHash.set(ha, hb, id);
    else if (others) others.push(id);
    else this.more.set(h, [id]);
    return id;
  }

  /** Where list `id` starts in the pool, and where it ends. */
  from(id: number): number {
    return this.start[id]!;
  }

  to(id: number): number {
    return this.start[id + 1]!;
  }

  private same(id: number, items: ArrayLike<number>, n: number): boolean {
    const from = this.start[id]!;
    if (this.start[id + 1]! - from !== n) return false;
    for (let i = 0; i < n; i++) if (this.pool[from + i] !== items[i]) return false;
    return true;
  }
}
