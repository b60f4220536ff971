// Model ids to row numbers, for millions of rows: an open-addressing table over typed arrays keyed
// by two 32-bit hashes of the lower-cased id (computed where the row was parsed), instead of a Map
// of a million strings, which cost more in hashing and garbage collection than the rest of the
// audit's reading.
//
// Two different ids with the same 64-bit hash would be the same model to a table of hashes alone.
// Inserting compares the ids whenever the hashes meet, so such a pair is caught and the second id
// kept in a small exact table of its own. A base id that is not in the dump but shares its hash
// with one that is (odds about n / 2^64 per base, under 1e-12 for two million rows) is not checked.

export class IdTable {
  private keys1: Uint32Array;
  private keys2: Uint32Array;
  /** 1 + row, 0 for an empty slot */
  private rows: Int32Array;
  private size = 0;
  /** Lower-cased ids that met another id's hash, and the first hashes involved. */
  private collided?: { ids: Map<string, number>; hashes: Set<number> };

  /** `expected`: about how many ids will come, to size the table once instead of growing it. */
  constructor(expected = 0) {
    let size = 1 << 10;
    while (size < 2 * expected) size *= 2;
    this.keys1 = new Uint32Array(size);
    this.keys2 = new Uint32Array(size);
    this.rows = new Int32Array(size);
  }

  /**
   * Adds a row under its id's hashes; false when the id is already there (a duplicate row). `id`
   * gives the new row's id and `idOf` an existing row's, read only when the hashes meet.
   */
  insert(h1: number, h2: number, row: number, id: () => string, idOf: (row: number) => string): boolean {
    if (2 * (this.size + 1) > this.rows.length) this.rehash();
    const mask = this.rows.length - 1;
    let k = slotOf(h1, h2, mask);
    for (;;) {
      const r = this.rows[k]!;
      if (r === 0) break;
      if (this.keys1[k] === h1 && this.keys2[k] === h2) {
        const mine = id().toLowerCase();
        if (idOf(r - 1).toLowerCase() === mine) return false;
        // a true collision: keep the new id aside, exactly
        this.collided ??= { ids: new Map(), hashes: new Set() };
        if (this.collided.ids.has(mine)) return false;
        this.collided.ids.set(mine, row);
        this.collided.hashes.add(h1);
        return true;
      }
      k = (k + 1) & mask;
    }
    this.keys1[k] = h1;
    this.keys2[k] = h2;
    this.rows[k] = row + 1;
    this.size++;
    return true;
  }

  /** The row of an id by its hashes, or -1. `id` and `idOf` resolve a collided hash exactly. */
  find(h1: number, h2: number, id: () => string, idOf: (row: number) => string): number {
    const mask = this.rows.length - 1;
    for (let k = slotOf(h1, h2, mask); ; k = (k + 1) & mask) {
      const r = this.rows[k]!;
      if (r === 0) return -1;
      if (this.keys1[k] === h1 && this.keys2[k] === h2) {
        if (!this.collided?.hashes.has(h1)) return r - 1;
        const mine = id().toLowerCase();
        if (idOf(r - 1).toLowerCase() === mine) return r - 1;
        return this.collided.ids.get(mine) ?? -1;
      }
    }
  }

  /** The row stored under an id's hashes, or `row` after storing it there (ids outside the dump). */
  findOrInsert(h1: number, h2: number, row: number): number {
    if (2 * (this.size + 1) > this.rows.length) this.rehash();
    const mask = this.rows.length - 1;
    let k = slotOf(h1, h2, mask);
    for (;;) {
      const r = this.rows[k]!;
      if (r === 0) break;
      if (this.keys1[k] === h1 && this.keys2[k] === h2) return r - 1;
      k = (k + 1) & mask;
    }
    this.keys1[k] = h1;
    this.keys2[k] = h2;
    this.rows[k] = row + 1;
    this.size++;
    return row;
  }

  private rehash(): void {
    const { keys1, keys2, rows } = this;
    const size = rows.length * 2;
    this.keys1 = new Uint32Array(size);
    this.keys2 = new Uint32Array(size);
    this.rows = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let k = slotOf(keys1[i]!, keys2[i]!, mask);
      while (this.rows[k] !== 0) k = (k + 1) & mask;
      this.keys1[k] = keys1[i]!;
      this.keys2[k] = keys2[i]!;
      this.rows[k] = rows[i]!;
    }
  }
}

function slotOf(h1: number, h2: number, mask: number): number {
  let x = h1 ^ h2;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x & mask;
}
