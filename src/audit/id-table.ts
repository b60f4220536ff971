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
  /**
   * Slot k is slots[3k .. 3k + 2]: the two hashes, 1 + row (0 for an empty slot). One array, not
   * three: a probe then costs one cache miss, which at millions of ids is most of it.
   */
  private slots: Int32Array;
  /** Slots in the table (a power of two). */
  private capacity: number;
  private size = 0;
  /** Lower-cased ids that met another id's hash, and the first hashes involved. */
  private collided?: { ids: Map<string, number>; hashes: Set<number> };

  /**
   * `expected`: about how many ids will come, to size the table once instead of growing it (room
   * for twice as many; it grows past MAX_LOAD).
   */
  constructor(expected = 0) {
    let size = 1 << 10;
    while (size < 2 * expected) size *= 2;
    this.slots = new Int32Array(3 * size);
    this.capacity = size;
  }

  /**
   * Adds a row under its id's hashes; false when the id is already there (a duplicate row). `id`
   * gives the new row's id and `idOf` an existing row's, read only when the hashes meet.
   */
  insert(h1: number, h2: number, row: number, id: () => string, idOf: (row: number) => string): boolean {
    const k = this.slotFor(h1, h2, true);
    const r = this.slots[3 * k + 2]!;
    if (r === 0) return this.store(k, h1, h2, row);
    const mine = id().toLowerCase();
    if (idOf(r - 1).toLowerCase() === mine) return false;
    // a true collision: keep the new id aside, exactly
    this.collided ??= { ids: new Map(), hashes: new Set() };
    if (this.collided.ids.has(mine)) return false;
    this.collided.ids.set(mine, row);
    this.collided.hashes.add(h1 | 0);
    return true;
  }

  /** The row of an id by its hashes, or -1. `id` and `idOf` resolve a collided hash exactly. */
  find(h1: number, h2: number, id: () => string, idOf: (row: number) => string): number {
    const r = this.slots[3 * this.slotFor(h1, h2, false) + 2]!;
    if (r === 0) return -1;
    if (!this.collided?.hashes.has(h1 | 0)) return r - 1;
    const mine = id().toLowerCase();
    if (idOf(r - 1).toLowerCase() === mine) return r - 1;
    return this.collided.ids.get(mine) ?? -1;
  }

  /** The row stored under an id's hashes, or `row` after storing it there (ids outside the dump). */
  findOrInsert(h1: number, h2: number, row: number): number {
    const k = this.slotFor(h1, h2, true);
    const r = this.slots[3 * k + 2]!;
    if (r !== 0) return r - 1;
    this.store(k, h1, h2, row);
    return row;
  }

  /** The slot holding these hashes, else the empty slot where they would go (room made first when
   * `adding`). */
  private slotFor(h1: number, h2: number, adding: boolean): number {
    if (this.slots === RELEASED) throw new Error("the id table was released");
    if (adding && this.size + 1 > MAX_LOAD * this.capacity) this.rehash();
    const slots = this.slots;
    const mask = this.capacity - 1;
    h1 |= 0;
    h2 |= 0;
    let k = slotOf(h1, h2, mask);
    while (slots[3 * k + 2] !== 0 && (slots[3 * k] !== h1 || slots[3 * k + 1] !== h2)) k = (k + 1) & mask;
    return k;
  }

  private store(k: number, h1: number, h2: number, row: number): true {
    this.slots[3 * k] = h1;
    this.slots[3 * k + 1] = h2;
    this.slots[3 * k + 2] = row + 1;
    this.size++;
    return true;
  }

  /**
   * Drops the table's memory (a large audit's largest buffer while reading) once nothing will look
   * an id up again; any later use throws rather than answering "not found".
   */
  release(): void {
    this.slots = RELEASED;
    this.size = 0;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = (this.slots = new Int32Array(old.length * 2));
    this.capacity *= 2;
    const mask = this.capacity - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] === 0) continue;
      let k = slotOf(old[i]!, old[i + 1]!, mask);
      while (slots[3 * k + 2] !== 0) k = (k + 1) & mask;
      slots[3 * k] = old[i]!;
      slots[3 * k + 1] = old[i + 1]!;
      slots[3 * k + 2] = old[i + 2]!;
    }
  }
}

const RELEASED = new Int32Array(0);
/**
 * Fullest a table gets before it doubles. A probe runs on through neighbouring slots, five to a
 * cache line, so a fuller table costs little more per probe, and a smaller one misses the cache
 * less: at a million rows, the reading thread's inserts took 0.15 s less CPU at half the size.
 */
const MAX_LOAD = 0.7;

function slotOf(h1: number, h2: number, mask: number): number {
  let x = h1 ^ h2;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x & mask;
}
