// What a model's subtree requires of every descendant, as an interned set of keys: the licenses
// reached (and how), unknown parts, unreleased weights, and problems already made upstream. A
// summary is computed once per model from its own license and its bases' summaries, so a lineage
// of any depth or fan-in costs one step per model, and equal summaries are one number.
import type { License, Relation } from "../kb/schema.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";

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

const EMPTY: readonly number[] = [];

/** Two 26-bit multiplicative hashes of a key list, as one exact number. */
function setHash(keys: readonly number[]): number {
  let a = 0x9e3779b1 | 0;
  let b = 0x85ebca6b | 0;
  for (const k of keys) {
    a = Math.imul(a ^ k, 0x01000193);
    b = Math.imul(b + k + 0x7f4a7c15, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 6) * 67_108_864 + (b >>> 6);
}

function sameKeys(x: readonly number[], y: readonly number[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Keys and summaries (sorted key sets), interned; summary 0 is the empty one. */
export class SummaryTable {
  readonly keys: Key[] = [];
  private readonly keyIds = new Map<string, number>();
  readonly sets: (readonly number[])[] = [EMPTY];
  // sets interned by a 52-bit hash of their keys; the few that share a hash share a bucket (an
  // array of set ids). A joined string per set was a sixth of a large audit's memory.
  private readonly setIds = new Map<number, number | number[]>();
  private readonly transformMemo = new Map<number, number>();
  private readonly unionMemo = new Map<number, number>();

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
  of(keys: readonly number[]): number {
    return this.ofSorted([...new Set(keys)].sort((a, b) => a - b));
  }

  /** The union of summaries. */
  union(ids: readonly number[]): number {
    let u = 0;
    for (const x of ids) u = this.union2(u, x);
    return u;
  }

  /**
   * The union of two summaries, memoised by the pair: every model takes one or two unions, and
   * the same pairs recur across millions of models. Summary ids stay far below 2^26, so the pair
   * is one exact number.
   */
  union2(a: number, b: number): number {
    if (a === b || b === 0) return a;
    if (a === 0) return b;
    if (a > b) [a, b] = [b, a];
    const memoKey = a * 67_108_864 + b;
    let u = this.unionMemo.get(memoKey);
    if (u === undefined) {
      u = this.merge(this.sets[a]!, this.sets[b]!);
      this.unionMemo.set(memoKey, u);
    }
    return u;
  }

  /** The summary of two sorted key lists merged. */
  private merge(x: readonly number[], y: readonly number[]): number {
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      const a = i < x.length ? x[i]! : Infinity;
      const b = j < y.length ? y[j]! : Infinity;
      if (a === b) {
        out.push(a);
        i++;
        j++;
      } else if (a < b) {
        out.push(a);
        i++;
      } else {
        out.push(b);
        j++;
      }
    }
    return this.ofSorted(out);
  }

  /** `of` for a list already sorted and without duplicates. */
  private ofSorted(sorted: number[]): number {
    if (!sorted.length) return 0;
    const h = setHash(sorted);
    const got = this.setIds.get(h);
    if (typeof got === "number") {
      if (sameKeys(this.sets[got]!, sorted)) return got;
    } else if (got) for (const id of got) if (sameKeys(this.sets[id]!, sorted)) return id;
    const id = this.sets.length;
    this.sets.push(sorted);
    if (got === undefined) this.setIds.set(h, id);
    else if (typeof got === "number") this.setIds.set(h, [got, id]);
    else got.push(id);
    return id;
  }

  /** What a base's summary becomes for a model that relates to the base by `rel`. */
  transform(set: number, rel: RelClass): number {
    if (set === 0) return 0;
    const memoKey = set * 4 + rel;
    let t = this.transformMemo.get(memoKey);
    if (t === undefined) {
      const out: number[] = [];
      for (const k of this.sets[set]!) {
        const x = this.transformKey(k, rel);
        if (x >= 0) out.push(x);
      }
      t = this.of(out);
      this.transformMemo.set(memoKey, t);
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
