// What a model's subtree requires of every descendant, as an interned set of keys: the licenses
// reached (and how), unknown parts, unreleased weights, and problems already made upstream. A
// summary is computed once per model from its own license and its bases' summaries, so a lineage
// of any depth or fan-in costs one step per model, and equal summaries are one number.
import type { License, Relation } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { grown } from "./grown.js";
import { IntLists } from "./int-lists.js";
import { IntPairMap } from "./int-pair-map.js";

/**
 * How a license reaches a model. `derivative`: through relations that carry or transform its
 * weights (fine-tune, adapter, merge, quantization, distillation). `outputs`: through a model
 * trained on its outputs somewhere on the way. `part`: through a combination, where the work is
 * shipped beside others and keeps its own terms.
 */
export type Reach = "derivative" | "outputs" | "part";
export const REACHES: readonly Reach[] = ["derivative", "outputs", "part"];

/** The relations as the summary tells them apart. */
export const enum RelClass {
  Weights = 0,
  Distill = 1,
  Outputs = 2,
  Combination = 3,
}

export function relClass(r: Relation): RelClass {
  switch (r) {
    case "distill":
      return RelClass.Distill;
    case "uses-output-of":
      return RelClass.Outputs;
    case "combination":
      return RelClass.Combination;
    default:
      return RelClass.Weights;
  }
}

export type SpecialKind = "unresolved" | "cycle";
export type Pos = "own" | "direct" | "up";
const POSES: readonly Pos[] = ["own", "direct", "up"];

export type Key =
  | {
      type: "license";
      /** The license code (see LicenseTable). */
      lic: number;
      reach: Reach;
      /** Whose license it is: the model's own, a direct base's, or one further up. */
      pos: Pos;
      /** Reached through this model's own distillation or training on outputs. */
      here: boolean;
    }
  | { type: "special"; kind: SpecialKind }
  /** Weights that were never released, reached through relations that carry weights. */
  | { type: "weights-unavailable" }
  /** A violation an ancestor already commits (code and license code), reported downstream as a warning. */
  | { type: "problem"; code: string; lic: number };

/** Knowledge-base licenses and the other ids that occur (NONE, NOASSERTION, unknown spellings), as small numbers. */
export class LicenseTable {
  readonly ids: string[] = [];
  readonly entries: (License | undefined)[] = [];
  private readonly codes = new Map<string, number>();

  constructor(private readonly kb: KnowledgeBase) {}

  code(id: string): number {
    let c = this.codes.get(id);
    if (c === undefined) {
      c = this.ids.length;
      this.ids.push(id);
      this.entries.push(this.kb.license(id));
      this.codes.set(id, c);
    }
    return c;
  }
}

function keyString(k: Key): string {
  switch (k.type) {
    case "license":
      return `L${k.lic}.${k.reach[0]}${k.pos[0]}${k.here ? 1 : 0}`;
    case "special":
      return `U${k.kind}`;
    case "weights-unavailable":
      return "W";
    case "problem":
      return `P${k.lic}|${k.code}`;
  }
}

/**
 * `a[aFrom..aTo)` and `b[bFrom..bTo)`, both sorted without duplicates, merged into `out` the same
 * way; returns the length. `out` must be neither input and must have room for both.
 */
function mergeSorted(
  a: Int32Array,
  aFrom: number,
  aTo: number,
  b: Int32Array,
  bFrom: number,
  bTo: number,
  out: Int32Array,
): number {
  let i = aFrom;
  let j = bFrom;
  let k = 0;
  while (i < aTo && j < bTo) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < aTo) out[k++] = a[i++]!;
  while (j < bTo) out[k++] = b[j++]!;
  return k;
}

/** Keys and summaries (sorted key sets), interned; summary 0 is the empty one. */
export class SummaryTable {
  readonly keys: Key[] = [];
  private readonly keyIds = new Map<string, number>();
  /**
   * Every summary's sorted keys as an interned list, summary 0 the empty one; in one typed pool,
   * by a hash of their keys (a joined string per set was a sixth of a large audit's memory).
   */
  private readonly sets = new IntLists(1.5);

  constructor() {
    this.sets.of([], 0);
  }

  /** Room for about `summaries` more summaries of `keys` keys in all (see IntLists.reserve). */
  reserve(summaries: number, keys: number): void {
    this.sets.reserve(summaries, keys);
  }

  /** Summaries so far (summary 0, the empty one, included). */
  get count(): number {
    return this.sets.size;
  }
  /**
   * Per summary and relation class (set * 4 + rel): 1 + the summary it becomes across the edge,
   * 0 before it is known. Indexed, not hashed: a base's summary is nearly always a recent one, so
   * its slot is in cache, where a probe of a hash table of millions is a miss to memory.
   */
  private transformed = new Int32Array(1 << 14);
  private readonly unionMemo = new IntPairMap(1 << 12);
  /** Per key and relation class: the key it becomes across the edge (-1: it does not cross). */
  private readonly crossed: number[] = [];

  key(k: Key): number {
    const s = keyString(k);
    let id = this.keyIds.get(s);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(k);
      this.keyIds.set(s, id);
    }
    return id;
  }

  /** The summary of a set of keys (any order, duplicates allowed). */
  of(keys: Iterable<number>): number {
    // a typed array sorts numerically without a comparator call per pair
    const sorted = Int32Array.from(keys).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
    return this.ofSorted(sorted, n);
  }

  /**
   * The union of summaries (the first `count` of `ids`). Two are merged through the memo; three or
   * more at once, so the unions of their prefixes are never interned (they would stay in the
   * table for good).
   */
  union(ids: readonly number[], count = ids.length): number {
    let a = 0;
    let b = 0;
    let more = false;
    for (let i = 0; i < count; i++) {
      const x = ids[i]!;
      if (x === 0 || x === a || x === b) continue;
      if (a === 0) a = x;
      else if (b === 0) b = x;
      else more = true;
    }
    if (!more) return this.union2(a, b);
    // merged list by list in two scratch buffers: every summary is sorted already
    let n = 0;
    for (let i = 0; i < count; i++) {
      const x = ids[i]!;
      if (x === 0) continue;
      const from = this.sets.start[x]!;
      const len = this.sets.start[x + 1]! - from;
      const need = n + len;
      if (this.bufA.length < need) this.bufA = new Int32Array(Math.max(need, this.bufA.length * 2));
      if (this.bufB.length < need) this.bufB = new Int32Array(Math.max(need, this.bufB.length * 2));
      n = mergeSorted(this.bufA, 0, n, this.sets.pool, from, from + len, this.bufB);
      const t = this.bufA;
      this.bufA = this.bufB;
      this.bufB = t;
    }
    return this.ofSorted(this.bufA, n);
  }

  private bufA = new Int32Array(256);
  private bufT = new Int32Array(256);
  private bufB = new Int32Array(256);

  /**
   * The union of two summaries, memoised by the pair: every model takes one or two unions, and
   * the same pairs recur across millions of models. Summary ids stay far below 2^26, so the pair
   * is one exact number.
   */
  union2(a: number, b: number): number {
    if (a === b || b === 0) return a;
    if (a === 0) return b;
    if (a > b) [a, b] = [b, a];
    let u = this.unionMemo.get(a, b);
    if (u < 0) {
      u = this.merge(a, b);
      this.unionMemo.set(a, b, u);
    }
    return u;
  }

  /** Where a summary's keys start in the pool (`keyAt`), and where they end. */
  from(shape: number): number {
    return this.sets.start[shape]!;
  }

  to(shape: number): number {
    return this.sets.start[shape + 1]!;
  }

  /** The key at a place in the pool (between `from` and `to` of a summary). */
  keyAt(i: number): number {
    return this.sets.pool[i]!;
  }

  /** A summary's keys, sorted (a view: read it before the next summary is made, or copy it). */
  keysOf(shape: number): Int32Array {
    return this.sets.pool.subarray(this.sets.start[shape]!, this.sets.start[shape + 1]!);
  }

  /** Whether a summary holds a key. */
  has(shape: number, key: number): boolean {
    const pool = this.sets.pool;
    let lo = this.sets.start[shape]!;
    let hi = this.sets.start[shape + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = pool[mid]!;
      if (v === key) return true;
      if (v < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** The summary of two summaries' keys merged. */
  private merge(x: number, y: number): number {
    const from = this.sets.start[y]!;
    const to = this.sets.start[y + 1]!;
    const xFrom = this.sets.start[x]!;
    const xLen = this.sets.start[x + 1]! - xFrom;
    const need = xLen + to - from;
    if (this.bufB.length < need) this.bufB = new Int32Array(Math.max(need, this.bufB.length * 2));
    const n = mergeSorted(this.sets.pool, xFrom, xFrom + xLen, this.sets.pool, from, to, this.bufB);
    return this.ofSorted(this.bufB, n);
  }

  /**
   * `of` for the first `n` of a list already sorted and without duplicates (copied: the caller
   * may reuse it). A length, not a subarray: a view per new summary was much of an audit's garbage.
   */
  private ofSorted(sorted: ArrayLike<number>, n = sorted.length): number {
    return n ? this.sets.of(sorted, n) : 0;
  }

  /** What a base's summary becomes for a model that relates to the base by `rel`. */
  transform(set: number, rel: RelClass): number {
    if (set === 0) return 0;
    const slot = 4 * set + rel;
    this.transformed = grown(this.transformed, slot + 1);
    let t = this.transformed[slot]! - 1;
    if (t < 0) {
      // into a scratch buffer, sorted by insertion as it fills: a summary holds a dozen keys, and
      // an array and a typed copy per model were much of an audit's garbage
      const from = this.sets.start[set]!;
      const end = this.sets.start[set + 1]!;
      if (this.bufT.length < end - from) this.bufT = new Int32Array(2 * (end - from));
      const out = this.bufT;
      let n = 0;
      for (let i = from; i < end; i++) {
        const k = this.sets.pool[i]!;
        let x = this.crossed[k * 4 + rel];
        if (x === undefined) this.crossed[k * 4 + rel] = x = this.transformKey(k, rel);
        if (x < 0) continue;
        let j = n;
        while (j > 0 && out[j - 1]! > x) j--;
        if (j > 0 && out[j - 1] === x) continue;
        // shifted by hand: a copyWithin call per key cost more than the few moves it makes
        for (let m = n; m > j; m--) out[m] = out[m - 1]!;
        out[j] = x;
        n++;
      }
      t = this.ofSorted(out, n);
      this.transformed[slot] = t + 1;
    }
    return t;
  }

  /** One key across one edge; -1 when it does not cross. */
  transformKey(keyId: number, rel: RelClass): number {
    const k = this.keys[keyId]!;
    switch (k.type) {
      case "license": {
        const reach: Reach =
          rel === RelClass.Outputs
            ? "outputs"
            : rel === RelClass.Combination && k.reach === "derivative"
              ? "part"
              : k.reach;
        // a base's own license is direct for its children; everything else is further up
        return this.key({
          type: "license",
          lic: k.lic,
          reach,
          pos: k.pos === "own" ? "direct" : "up",
          here: rel === RelClass.Outputs || rel === RelClass.Distill,
        });
      }
      case "special":
        return keyId;
      case "weights-unavailable":
        // distilled or output-trained weights are new weights; the unreleased ones are not in them
        return rel === RelClass.Weights || rel === RelClass.Combination ? keyId : -1;
      case "problem":
        // a breach upstream reaches whoever carries the weights, not whoever learns from outputs
        return rel === RelClass.Outputs ? -1 : keyId;
    }
  }

  /** Keys that cross `rel` into `keyId` (for walking a key back to where it came from). */
  preimages(keyId: number, rel: RelClass): number[] {
    const k = this.keys[keyId]!;
    if (k.type !== "license") return this.transformKey(keyId, rel) === keyId ? [keyId] : [];
    const out: number[] = [];
    for (const reach of REACHES)
      for (const pos of POSES)
        for (const here of [false, true]) {
          const id = this.keyIds.get(keyString({ type: "license", lic: k.lic, reach, pos, here }));
          if (id !== undefined && this.transformKey(id, rel) === keyId) out.push(id);
        }
    return out;
  }

  /** The key a model's own license contributes to its summary. */
  ownKey(lic: number): number {
    return this.key({ type: "license", lic, reach: "derivative", pos: "own", here: false });
  }
}
