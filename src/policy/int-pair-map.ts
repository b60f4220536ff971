// A map from a pair of non-negative 31-bit integers to a non-negative 31-bit integer, in typed
// arrays. The engine memoises unions, judgments and interned sets by such pairs millions of times
// in an audit; as one JavaScript number a pair is beyond the small-integer range, so a Map would
// box every key and keep tens of bytes of entry per pair.
const EMPTY = -1;

export class IntPairMap {
  private a: Int32Array;
  private b: Int32Array;
  private v: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.a = new Int32Array(n).fill(EMPTY);
    this.b = new Int32Array(n);
    this.v = new Int32Array(n);
    this.mask = n - 1;
  }

  private static slot(x: number, y: number, mask: number): number {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    return h & mask;
  }

  /** The value for (x, y), or -1 when there is none. */
  get(x: number, y: number): number {
    const { a, b, mask } = this;
    for (let i = IntPairMap.slot(x, y, mask); ; i = (i + 1) & mask) {
      const k = a[i]!;
      if (k === EMPTY) return -1;
      if (k === x && b[i] === y) return this.v[i]!;
    }
  }

  set(x: number, y: number, value: number): void {
    if ((this.size + 1) * 2 > this.a.length) this.grow();
    const { a, b, mask } = this;
    for (let i = IntPairMap.slot(x, y, mask); ; i = (i + 1) & mask) {
      const k = a[i]!;
      if (k === EMPTY) {
        a[i] = x;
        b[i] = y;
        this.v[i] = value;
        this.size++;
        return;
      }
      if (k === x && b[i] === y) {
        this.v[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { a, b, v } = this;
    const n = a.length * 2;
    this.a = new Int32Array(n).fill(EMPTY);
    this.b = new Int32Array(n);
    this.v = new Int32Array(n);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== EMPTY) this.set(a[i]!, b[i]!, v[i]!);
  }
}
