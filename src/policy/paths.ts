// The path from a model to the nearest model that puts a summary key there (the base whose license
// carries the restriction, the ancestor that commits the violation). A breadth-first search per
// finding is quadratic on a deep chain: every one of 200,000 links walks back to the root. Here the
// shortest path from each (model, key) is computed once per graph evaluation and shared: each entry
// keeps its next step, its length, its far end and where its last few steps start, so a clipped
// path costs a few lookups whatever the depth.
import type { GraphEvaluation } from "./engine.js";
import { grown } from "./grown.js";
import { IntPairMap } from "./int-pair-map.js";
import { relClass, type RelClass } from "./summary.js";

/** Steps kept at a path's end when it is clipped (the entry records where they start). */
const TAIL = 5;

/** A path from a model: its models in order, or its two ends and how many lie between. */
export interface PathView {
  /** Models on the path; when `hidden` > 0, the first `head` of them, then the last ones. */
  nodes: number[];
  /** Models left out between the head and the tail (0: `nodes` is the whole path). */
  hidden: number;
  head: number;
}

/** Entries an index keeps between models (about 60 MB) before `release` starts a new generation. */
const BOUND = 1 << 20;

/** No next step: the entry's model contributes the key itself, or nothing that does is reachable. */
const NONE = -1;

/**
 * Entries by (key, model). Each keeps its path length in steps (0: the model itself contributes;
 * -1: no contributor is reachable), its next model and key, its far end, and the (model, key)
 * where its last TAIL steps begin. Steps are (model, key) pairs, not entry numbers, so an entry
 * can move to another generation as it is.
 */
class Generation {
  /** By (key, model): the entry's number. A Map keyed by one number boxed every key past 2^31. */
  readonly slot = new IntPairMap(1 << 12);
  dist = new Int32Array(1 << 10);
  nextNode = new Int32Array(1 << 10);
  nextKey = new Int32Array(1 << 10);
  end = new Int32Array(1 << 10);
  tailNode = new Int32Array(1 << 10);
  tailKey = new Int32Array(1 << 10);
  count = 0;
  /** Entries ever added, moved ones included (what the index has cost). */
  made = 0;

  add(n: number, k: number, d: number, nn: number, nk: number, end: number, tn: number, tk: number): number {
    this.made++;
    const i = this.count++;
    if (i === this.dist.length) {
      this.dist = grown(this.dist, i + 1, 2);
      this.nextNode = grown(this.nextNode, i + 1, 2);
      this.nextKey = grown(this.nextKey, i + 1, 2);
      this.end = grown(this.end, i + 1, 2);
      this.tailNode = grown(this.tailNode, i + 1, 2);
      this.tailKey = grown(this.tailKey, i + 1, 2);
    }
    this.dist[i] = d;
    this.nextNode[i] = nn;
    this.nextKey[i] = nk;
    this.end[i] = end;
    this.tailNode[i] = tn;
    this.tailKey[i] = tk;
    this.slot.set(k, n, i);
    return i;
  }

  clear(): void {
    this.count = 0;
    this.slot.clear();
  }
}

export class PathIndex {
  /**
   * Entries made or read since the last `release` that started a generation, and the ones of the
   * generation before, read (and moved up) while they are still asked for. Dropping everything at
   * once made a deep chain read from its far end quadratic: each model solved the whole chain again.
   */
  private cur = new Generation();
  private old = new Generation();
  /** Entries of the current generation when the last model began, and the most one model made. */
  private atModel = 0;
  private perModel = 0;
  private readonly pre = new Map<number, number[]>();
  /**
   * The (base, key) steps being looked at, as a stack of runs: `steps` pushes one run and its
   * caller drops it when done, so a step solved meanwhile can push its own above it. A closure
   * and an array per step taken were most of the cost of a row's paths.
   */
  private stepB = new Int32Array(64);
  private stepP = new Int32Array(64);
  private stepTop = 0;
  /** What `bestStep` found: the base and key of the first step, and the path's length through it. */
  private bestNode = NONE;
  private bestKey = NONE;
  private bestLength = -1;

  /**
   * @param bound entries a generation holds before `release` starts the next one
   */
  constructor(
    private readonly ev: GraphEvaluation,
    private readonly bound = BOUND,
  ) {}

  /** Whether model `n` itself puts `key` into its summary (its own license, its violations, its cycle). */
  private contributes(n: number, key: number): boolean {
    const ev = this.ev;
    const s = ev.engine.summaries;
    if (s.has(ev.ownShape[n]!, key)) return true;
    const k = s.keys[key]!;
    if (k.type === "special" && k.kind === "cycle") return ev.cyclic[n] === 1;
    if (k.type === "problem") return s.has(ev.engine.problemShape(ev.judgment[n]!), key);
    return false;
  }

  private preimages(key: number, rel: RelClass): number[] {
    const tag = key * 4 + rel;
    let p = this.pre.get(tag);
    if (!p) this.pre.set(tag, (p = this.ev.engine.summaries.preimages(key, rel)));
    return p;
  }

  /**
   * Pushes each (base, key) that can pass `key` down to model `n`, in the order a breadth-first
   * search takes them; returns where the run starts (it ends at `stepTop`).
   */
  private steps(n: number, key: number): number {
    const ev = this.ev;
    const g = ev.graph;
    const s = ev.engine.summaries;
    const from = this.stepTop;
    for (let e = 0; e < g.baseCount(n); e++) {
      const b = g.base(n, e);
      if (ev.component[b] === ev.component[n]) continue;
      const bs = ev.summary[b]!;
      for (const p of this.preimages(key, relClass(g.relation(n, e))))
        if (s.has(bs, p)) {
          if (this.stepTop === this.stepB.length) {
            this.stepB = grown(this.stepB, this.stepTop + 1, 2);
            this.stepP = grown(this.stepP, this.stepTop + 1, 2);
          }
          this.stepB[this.stepTop] = b;
          this.stepP[this.stepTop++] = p;
        }
    }
    return from;
  }

  /** The entry of (n, k) in the current generation, moved up from the one before; -1 before it is made. */
  private entry(n: number, k: number): number {
    const x = this.cur.slot.get(k, n);
    if (x >= 0 || this.old.count === 0) return x;
    const o = this.old;
    const y = o.slot.get(k, n);
    if (y < 0) return -1;
    return this.cur.add(
      n,
      k,
      o.dist[y]!,
      o.nextNode[y]!,
      o.nextKey[y]!,
      o.end[y]!,
      o.tailNode[y]!,
      o.tailKey[y]!,
    );
  }

  /**
   * Fills the entries the path from (n, k) needs, depth first with an explicit stack (a chain may
   * be any depth). The shortest path wins; among equals the first step in base order, which is the
   * path a breadth-first search would find.
   */
  private solve(n0: number, k0: number): void {
    const stack: number[] = [n0, k0];
    while (stack.length) {
      const k = stack[stack.length - 1]!;
      const n = stack[stack.length - 2]!;
      if (this.entry(n, k) >= 0) {
        stack.length -= 2;
        continue;
      }
      if (this.contributes(n, k)) {
        this.add(n, k, 0, NONE, NONE, n, n, k);
        stack.length -= 2;
        continue;
      }
      let pending = false;
      const from = this.steps(n, k);
      for (let q = from; q < this.stepTop; q++)
        if (this.entry(this.stepB[q]!, this.stepP[q]!) < 0) {
          stack.push(this.stepB[q]!, this.stepP[q]!);
          pending = true;
        }
      this.stepTop = from;
      if (pending) continue;
      stack.length -= 2;
      this.settle(n, k);
    }
  }

  /**
   * The best first step from (n, k) into `bestNode`, `bestKey` and `bestLength`: the (base, key)
   * whose path is shortest, the first in base order among equals, and the length in steps through
   * it; false when no step leads anywhere. Steps not yet known are solved first.
   */
  private bestStep(n: number, k: number): boolean {
    let best = -1;
    let bn = NONE;
    let bk = NONE;
    const from = this.steps(n, k);
    for (let q = from; q < this.stepTop; q++) {
      const b = this.stepB[q]!;
      const p = this.stepP[q]!;
      let x = this.entry(b, p);
      if (x < 0) {
        this.solve(b, p);
        x = this.entry(b, p);
      }
      const d = this.cur.dist[x]!;
      if (d >= 0 && (best < 0 || d + 1 < best)) {
        best = d + 1;
        bn = b;
        bk = p;
      }
    }
    this.stepTop = from;
    this.bestNode = bn;
    this.bestKey = bk;
    this.bestLength = best;
    return best >= 0;
  }

  /** The entry of (n, k) from its steps' entries, all present. */
  private settle(n: number, k: number): number {
    if (!this.bestStep(n, k)) return this.add(n, k, -1, NONE, NONE, n, n, k);
    const bn = this.bestNode;
    const bk = this.bestKey;
    const best = this.bestLength;
    const x = this.entry(bn, bk);
    const tail = best <= TAIL - 1;
    return this.add(
      n,
      k,
      best,
      bn,
      bk,
      this.cur.end[x]!,
      tail ? n : this.cur.tailNode[x]!,
      tail ? k : this.cur.tailKey[x]!,
    );
  }

  private add(
    n: number,
    k: number,
    d: number,
    nn: number,
    nk: number,
    end: number,
    tn: number,
    tk: number,
  ): number {
    return this.cur.add(n, k, d, nn, nk, end, tn, tk);
  }

  /** Entries made or moved up since the index was built: its work, whatever it holds. */
  get work(): number {
    return this.cur.made + this.old.made;
  }

  /** Entries held, in both generations. */
  get size(): number {
    return this.cur.count + this.old.count;
  }

  /**
   * For a caller that renders model after model (an audit's --out): between two models, once the
   * current generation holds more than the bound, it becomes the old one and the one before it is
   * dropped. Entries a later model reads are moved up from the old generation, so what recent
   * models share survives (a chain read from its far end, merges over a dense graph), and the
   * index holds about two bounds' worth, not a path from every (model, key) of a dump of millions.
   * Paths are recomputed as needed, the same paths.
   */
  release(): void {
    // a bound below what one model makes would drop, at every model, what the next one needs
    this.perModel = Math.max(this.perModel, this.cur.count - this.atModel);
    this.atModel = this.cur.count;
    if (this.cur.count <= Math.max(this.bound, 4 * this.perModel)) return;
    this.atModel = 0;
    const t = this.old;
    t.clear();
    this.old = this.cur;
    this.cur = t;
  }

  /** Models from `n` along its path for `k`, at most `max` of them. */
  private walk(n: number, k: number, max: number, out: number[]): void {
    let x = this.known(n, k);
    out.push(n);
    while (out.length < max && this.cur.nextNode[x]! !== NONE) {
      const nn = this.cur.nextNode[x]!;
      const nk = this.cur.nextKey[x]!;
      out.push(nn);
      x = this.known(nn, nk);
    }
  }

  /**
   * The entry of (n, k), solved when it is in neither generation: an entry's steps may have been
   * dropped with the generation they were made in.
   */
  private known(n: number, k: number): number {
    const x = this.entry(n, k);
    if (x >= 0) return x;
    this.solve(n, k);
    return this.entry(n, k);
  }

  /**
   * The path from model `i` to the nearest other model that contributes `key` (a key of `i`'s
   * inherited summary): `[i]` alone when none is reachable. With `max`, a path longer than `max`
   * models keeps its first and last ones.
   */
  path(i: number, key: number, max = Infinity): PathView {
    if (!this.first(i, key)) return { nodes: [i], hidden: 0, head: 1 };
    const bn = this.bestNode;
    const bk = this.bestKey;
    const length = this.bestLength + 1;
    const head = Math.ceil((max - 1) / 2);
    const tail = max - 1 - head;
    const nodes = [i];
    if (length <= max || tail > TAIL) {
      this.walk(bn, bk, Infinity, nodes);
      return length <= max ? { nodes, hidden: 0, head: length } : clipped(nodes, head, tail);
    }
    this.walk(bn, bk, head, nodes);
    // the last TAIL models start at the recorded entry; keep the last `tail` of them
    const x = this.entry(bn, bk);
    const last: number[] = [];
    this.walk(this.cur.tailNode[x]!, this.cur.tailKey[x]!, TAIL, last);
    const kept = last.slice(last.length - tail);
    return { nodes: [...nodes, ...kept], hidden: length - head - kept.length, head };
  }

  /** The far end of model `i`'s path for `key` (the model itself when none is reachable). */
  origin(i: number, key: number): number {
    return this.first(i, key) ? this.cur.end[this.entry(this.bestNode, this.bestKey)]! : i;
  }

  /**
   * Model `i`'s first step towards the origin of `key`, into `bestNode` and `bestKey` (the path is
   * `bestLength` + 1 models long); false when there is none.
   */
  private first(i: number, key: number): boolean {
    const ev = this.ev;
    const k0 = ev.engine.summaries.keys[key]!;
    if (k0.type === "special" && k0.kind === "cycle" && ev.cyclic[i]) return false;
    // the model itself is not its own origin: its first step is the best of its bases'
    return this.bestStep(i, key);
  }
}

function clipped(nodes: number[], head: number, tail: number): PathView {
  return {
    nodes: [...nodes.slice(0, head), ...nodes.slice(nodes.length - tail)],
    hidden: nodes.length - head - tail,
    head,
  };
}

const cache = new WeakMap<GraphEvaluation, PathIndex>();

/** The path index of a graph evaluation, built on first use and kept with it. */
export function pathsOf(ev: GraphEvaluation): PathIndex {
  let p = cache.get(ev);
  if (!p) cache.set(ev, (p = new PathIndex(ev)));
  return p;
}
