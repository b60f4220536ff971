// Lists of small non-negative integers interned as numbers: equal lists (same items, same order)
// get the same number. The engine keys what a merge's judgment depends on (its bases, each base's
// demanding licenses) by such numbers; a string per key was built, hashed and kept for every
// merge of an audit.
import { IntPairMap } from "./int-pair-map.js";

export class IntLists {
  private pool = new Int32Array(1 << 10);
  private start = new Int32Array(1 << 8);
  private count = 0;
  /** By the list's two 26-bit hashes: its first id; lists sharing both hashes go to `more`. */
  private readonly byHash = new IntPairMap(1 << 8);
  private readonly more = new Map<number, number[]>();

  /** Distinct lists so far. */
  get size(): number {
    return this.count;
  }

  /** The number of the first `n` items of `items`. */
  of(items: ArrayLike<number>, n: number): number {
    let a = 0x9e3779b1 | 0;
    let b = 0x85ebca6b ^ n;
    for (let i = 0; i < n; i++) {
      const k = items[i]!;
      a = Math.imul(a ^ k, 0x01000193);
      b = Math.imul(b + k + 0x7f4a7c15, 0x5bd1e995) ^ (b >>> 15);
    }
    const ha = a >>> 6;
    const hb = b >>> 6;
    const first = this.byHash.get(ha, hb);
    if (first >= 0 && this.same(first, items, n)) return first;
    const h = ha * 67_108_864 + hb;
    const others = first >= 0 ? this.more.get(h) : undefined;
    if (others) for (const id of others) if (this.same(id, items, n)) return id;
    const id = this.count++;
    if (id + 2 > this.start.length) {
      const grown = new Int32Array(this.start.length * 2);
      grown.set(this.start);
      this.start = grown;
    }
    const at = this.start[id]!;
    if (at + n > this.pool.length) {
      let size = this.pool.length * 2;
      while (size < at + n) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.pool);
      this.pool = grown;
    }
    for (let i = 0; i < n; i++) this.pool[at + i] = items[i]!;
    this.start[id + 1] = at + n;
    if (first < 0) this.byHash.set(ha, hb, id);
    else if (others) others.push(id);
    else this.more.set(h, [id]);
    return id;
  }

  private same(id: number, items: ArrayLike<number>, n: number): boolean {
    const from = this.start[id]!;
    if (this.start[id + 1]! - from !== n) return false;
    for (let i = 0; i < n; i++) if (this.pool[from + i] !== items[i]) return false;
    return true;
  }
}
