// A map from a pair of non-negative 31-bit integers to a non-negative 31-bit integer, in typed
// arrays. The engine memoises unions, judgments and interned sets by such pairs millions of times
// in an audit; as one JavaScript number a pair is beyond the small-integer range, so a Map would
// box every key and keep tens of bytes of entry per pair.
const EMPTY = -1;

export class IntPairMap {
  // slot k is slots[3k .. 3k + 2]: the pair and its value side by side, so that a probe of a
  // table of millions costs one cache miss, not three
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.slots = new Int32Array(3 * n).fill(EMPTY);
    this.mask = n - 1;
  }

  private static slot(x: number, y: number, mask: number): number {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    return h & mask;
  }

  /** The value for (x, y), or -1 when there is none. */
  get(x: number, y: number): number {
    const { slots, mask } = this;
    for (let i = IntPairMap.slot(x, y, mask); ; i = (i + 1) & mask) {
      const at = 3 * i;
      const k = slots[at]!;
      if (k === EMPTY) return -1;
      if (k === x && slots[at + 1] === y) return slots[at + 2]!;
    }
  }

  set(x: number, y: number, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const { slots, mask } = this;
    for (let i = IntPairMap.slot(x, y, mask); ; i = (i + 1) & mask) {
      const at = 3 * i;
      const k = slots[at]!;
      if (k === EMPTY) {
        slots[at] = x;
        slots[at + 1] = y;
        slots[at + 2] = value;
        this.size++;
        return;
      }
      if (k === x && slots[at + 1] === y) {
        slots[at + 2] = value;
        return;
      }
    }
  }

  /** Empties the map, keeping its room. */
  clear(): void {
    this.slots.fill(EMPTY);
    this.size = 0;
  }

  private grow(): void {
    const old = this.slots;
    const n = 2 * (this.mask + 1);
    this.slots = new Int32Array(3 * n).fill(EMPTY);
    this.mask = n - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 3)
      if (old[at] !== EMPTY) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}
