// Lineage trees of an audit, hash-consed: a node is (relation, license, child nodes), and equal
// trees are the same node number, so a lineage full of merges (a DAG) never expands, trees compare
// as numbers, and a model's own node is the key its verdict is cached under.
import type { Relation } from "../kb/schema.js";

/**
 * The relations the rules tell apart, as node codes: weights-derived (fine-tune, adapter, merge,
 * quantized: all 0), distilled, trained on outputs.
 */
export const FINETUNE = 0;
export const REL_NAMES: Relation[] = ["finetune", "distill", "uses-output-of"];
export const relCode = (r: Relation): number => (r === "distill" ? 1 : r === "uses-output-of" ? 2 : FINETUNE);
/** The relation code of a model's own node: the key its verdict is cached under. */
export const ROOT = 3;
/** A node's license code for a base that is neither in the dump nor in the catalogue. */
export const UNRESOLVED = -1;

/** The node table; a license is a number the caller gives meaning to (an index of its strings). */
export class Nodes {
  readonly rel: number[] = [];
  readonly lic: number[] = [];
  readonly kids: number[][] = [];
  /** Bit mask of the naming-duty licenses anywhere in the tree. */
  readonly naming: number[] = [];
  /** Whether every child is a fine-tune-like relation (for folding same-license chains). */
  readonly kidsFinetune: boolean[] = [];
  /** Open addressing on a hash of (relation, license, kids): 1 + node, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);

  constructor(private readonly namingBit: (lic: number) => number) {}

  intern(rel: number, lic: number, kids: number[]): number {
    const mask = this.slots.length - 1;
    let k = nodeHash(rel, lic, kids) & mask;
    for (let s = this.slots[k]!; s !== 0; k = (k + 1) & mask, s = this.slots[k]!) {
      const id = s - 1;
      if (this.rel[id] === rel && this.lic[id] === lic && sameList(this.kids[id]!, kids)) return id;
    }
    const id = this.rel.length;
    this.rel.push(rel);
    this.lic.push(lic);
    this.kids.push(kids);
    let naming = lic >= 0 ? this.namingBit(lic) : 0;
    let finetune = true;
    for (const x of kids) {
      naming |= this.naming[x]!;
      if (this.rel[x] !== FINETUNE) finetune = false;
    }
    this.naming.push(naming);
    this.kidsFinetune.push(finetune);
    if (2 * (id + 1) > this.slots.length) this.rehash();
    else this.slots[k] = id + 1;
    return id;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let id = 0; id < this.rel.length; id++) {
      let k = nodeHash(this.rel[id]!, this.lic[id]!, this.kids[id]!) & mask;
      while (this.slots[k] !== 0) k = (k + 1) & mask;
      this.slots[k] = id + 1;
    }
  }

  /**
   * The smallest list of bases the rules judge the same way: a base under the same license as its
   * child, fine-tuned from fine-tunes, folded into its own bases (a chain of Apache-2.0 fine-tunes
   * is one Apache-2.0 ancestor), duplicates dropped, sorted.
   */
  canonical(bases: number[], childLic: number): number[] {
    const fold = (t: number) =>
      this.lic[t] !== UNRESOLVED &&
      this.lic[t] === childLic &&
      this.rel[t] === FINETUNE &&
      this.kidsFinetune[t]!;
    // the common case, one base that does not fold: nothing to merge or sort
    if (bases.length === 1 && !fold(bases[0]!)) return bases;
    const out = new Set<number>();
    for (const t of bases) {
      if (fold(t)) {
        const ks = this.kids[t]!;
        if (ks.length) for (const x of ks) out.add(x);
        else out.add(t);
      } else out.add(t);
    }
    return [...out].sort((a, b) => a - b);
  }
}

function nodeHash(rel: number, lic: number, kids: number[]): number {
  let h = Math.imul(rel + 1, 0x9e3779b1) ^ Math.imul(lic + 2, 0x85ebca6b);
  for (let k = 0; k < kids.length; k++) h = Math.imul(h ^ kids[k]!, 0xc2b2ae35) ^ (h >>> 15);
  return h ^ (h >>> 16);
}

function sameList(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
