// The reference shingles, inverted: every distinct shingle of every reference text, sorted, with
// the references that hold it. Counting a text's overlap with all references at once is then one
// lookup per distinct shingle of the text, instead of one sorted-set merge per reference.
//
// Stored as flat arrays so it loads from the fingerprint file without copying or building:
// keys[i] is the i-th distinct shingle, and its references are refs[starts[i] .. starts[i + 1]),
// with pos[p] the shingle's first position in reference refs[p] (capped at 65535), which lets a
// match say which stretches of a reference a text lacks. buckets[b] is the first key whose top 16
// bits are b or more, which narrows each lookup to a couple of keys.

export class ShingleIndex {
  constructor(
    readonly keys: Uint32Array,
    readonly starts: Uint32Array,
    readonly refs: Uint16Array,
    readonly pos: Uint16Array = new Uint16Array(refs.length),
    readonly buckets: Uint32Array = bucketsOf(keys),
  ) {
    if (
      starts.length !== keys.length + 1 ||
      starts[keys.length] !== refs.length ||
      pos.length !== refs.length
    )
      throw new Error("shingle index: keys, starts and refs disagree");
    if (buckets.length !== BUCKETS + 1 || buckets[BUCKETS] !== keys.length)
      throw new Error("shingle index: buckets do not fit the keys");
  }

  /**
   * Inverts per-reference sorted shingle sets (used by the build script); `positions[r][i]` is the
   * first position of `sets[r][i]` in reference r.
   */
  static fromSets(sets: readonly Uint32Array[], positions?: readonly Uint16Array[]): ShingleIndex {
    if (sets.length > 0xffff) throw new Error(`shingle index: ${sets.length} references, at most 65535`);
    let total = 0;
    for (const s of sets) total += s.length;
    // (shingle, reference) pairs sorted by shingle then reference, as one float per pair, and the
    // pair's index into the flat positions
    const pairs = new Float64Array(total);
    const flatPos = new Uint16Array(total);
    let n = 0;
    sets.forEach((s, r) => {
      for (let i = 0; i < s.length; i++) {
        flatPos[n] = positions?.[r]?.[i] ?? 0;
        pairs[n++] = s[i]! * 65536 + r;
      }
    });
    const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => pairs[a]! - pairs[b]!);
    const keys: number[] = [];
    const starts: number[] = [];
    const refs = new Uint16Array(total);
    const pos = new Uint16Array(total);
    for (let i = 0; i < total; i++) {
      const v = pairs[order[i]!]!;
      const h = Math.floor(v / 65536);
      if (keys[keys.length - 1] !== h) {
        keys.push(h);
        starts.push(i);
      }
      refs[i] = v - h * 65536;
      pos[i] = flatPos[order[i]!]!;
    }
    starts.push(total);
    return new ShingleIndex(Uint32Array.from(keys), Uint32Array.from(starts), refs, pos);
  }

  /** Position of shingle h in `keys`, or -1. */
  find(h: number): number {
    const b = h >>> 16;
    for (let i = this.buckets[b]!, end = this.buckets[b + 1]!; i < end; i++) {
      const k = this.keys[i]!;
      if (k === h) return i;
      if (k > h) break;
    }
    return -1;
  }

  /**
   * For a text's sorted distinct shingles: how many each reference shares (`shared`), and where
   * each shingle sits in the index (`at`, -1 when no reference has it) for `members`.
   */
  count(set: Uint32Array, references: number): { shared: Uint32Array; at: Int32Array } {
    const shared = new Uint32Array(references);
    const at = new Int32Array(set.length);
    for (let i = 0; i < set.length; i++) {
      const k = (at[i] = this.find(set[i]!));
      if (k < 0) continue;
      for (let p = this.starts[k]!, end = this.starts[k + 1]!; p < end; p++) shared[this.refs[p]!]!++;
    }
    return { shared, at };
  }

  /** For each chosen reference (in order), which of the text's shingles it holds (1) or not (0). */
  members(at: Int32Array, chosen: readonly number[], references: number): Uint8Array[] {
    const slotOf = new Int32Array(references).fill(-1);
    chosen.forEach((r, c) => (slotOf[r] = c));
    const n = at.length;
    const flat = new Uint8Array(n * chosen.length);
    for (let i = 0; i < n; i++) {
      const k = at[i]!;
      if (k < 0) continue;
      for (let p = this.starts[k]!, end = this.starts[k + 1]!; p < end; p++) {
        const c = slotOf[this.refs[p]!]!;
        if (c >= 0) flat[c * n + i] = 1;
      }
    }
    return chosen.map((_, c) => flat.subarray(c * n, (c + 1) * n));
  }

  /**
   * For one reference and each of the text's shingles: the shingle's first position in that
   * reference, or -1 when the reference lacks it.
   */
  positionsIn(at: Int32Array, reference: number): Int32Array {
    const out = new Int32Array(at.length).fill(-1);
    for (let i = 0; i < at.length; i++) {
      const k = at[i]!;
      if (k < 0) continue;
      for (let p = this.starts[k]!, end = this.starts[k + 1]!; p < end; p++)
        if (this.refs[p] === reference) {
          out[i] = this.pos[p]!;
          break;
        }
    }
    return out;
  }

  /** Each reference's sorted shingle set again (for tests and tools; not on the matching path). */
  sets(references: number): Uint32Array[] {
    const lists: number[][] = Array.from({ length: references }, () => []);
    for (let k = 0; k < this.keys.length; k++)
      for (let p = this.starts[k]!; p < this.starts[k + 1]!; p++) lists[this.refs[p]!]!.push(this.keys[k]!);
    return lists.map((l) => Uint32Array.from(l));
  }
}

export const BUCKETS = 1 << 16;

function bucketsOf(keys: Uint32Array): Uint32Array {
  const buckets = new Uint32Array(BUCKETS + 1);
  let k = 0;
  for (let b = 0; b <= BUCKETS; b++) {
    while (k < keys.length && keys[k]! >>> 16 < b) k++;
    buckets[b] = k;
  }
  return buckets;
}
