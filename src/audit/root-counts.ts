// Violating descendants per root, exact for the roots that lead. The summary tracks each model's
// roots up to a cap (a merge of merges can descend from thousands), so a root's count falls short
// wherever a violating model had more roots than the cap kept. When that happened, the leading
// roots are counted again exactly: 32 at a time, a bit per root carried down the DAG in evaluation
// order, for as many passes as a bounded amount of work allows.

/** The DAG as the counts read it: evaluation order, bases, and the components cycles make. */
export interface RootGraph {
  /** Nodes in evaluation order (bases before the models built on them). */
  order: Int32Array;
  /** Per node, its strongly connected component: edges inside one are no descent. */
  component: Int32Array;
  baseCount(i: number): number;
  base(i: number, k: number): number;
  /** Rows are nodes 0 .. rows - 1; the others (catalogue models) are never judged. */
  rows: number;
}

export interface RootRecount {
  /** Whether every count that could reach the top `top` is exact. */
  exact: boolean;
  /** Roots counted again exactly. */
  recounted: number;
}

/** Steps (nodes, edges and rows per pass, summed) spent on exact counts at most. */
const WORK = 1 << 24;

/**
 * Makes `counts` (per node: violating descendants, lower bounds) exact for the leading roots.
 * `roots` are the nodes without bases outside their own component, `violating` flags the rows
 * whose verdict is a violation, and `short` is how many of those lost roots to the cap (0: the
 * counts are exact already). `idOf` breaks ties between equal counts, so which roots lead does
 * not depend on how the nodes are numbered. `work` bounds the steps spent (tests lower it).
 */
export function recountRoots(
  g: RootGraph,
  roots: Int32Array,
  violating: Uint8Array,
  counts: Uint32Array,
  short: number,
  top: number,
  idOf: (i: number) => string,
  work = WORK,
): RootRecount {
  if (short === 0 || roots.length === 0) return { exact: true, recounted: 0 };
  // the descent edges in evaluation order, once, as flat arrays: every pass is then a loop over
  // typed arrays, where a call per node and base was most of its time
  const n = g.order.length;
  const edgeStart = new Int32Array(n + 1);
  let edges = 0;
  for (let q = 0; q < n; q++) {
    const i = g.order[q]!;
    for (let k = 0; k < g.baseCount(i); k++) if (g.component[g.base(i, k)] !== g.component[i]) edges++;
    edgeStart[q + 1] = edges;
  }
  const edgeBase = new Int32Array(edges);
  for (let q = 0, e = 0; q < n; q++) {
    const i = g.order[q]!;
    for (let k = 0; k < g.baseCount(i); k++) {
      const b = g.base(i, k);
      if (g.component[b] !== g.component[i]) edgeBase[e++] = b;
    }
  }
  const passes = Math.max(1, Math.floor(work / (n + edges + g.rows)));
  const budget = Math.min(roots.length, 32 * passes);
  const chosen = leading(roots, counts, budget, idOf);
  const bits = new Int32Array(n);
  /** Per node, its own bit while it is a root of the pass (a root is not its own descendant). */
  const own = new Int32Array(n);
  const exact = new Uint32Array(chosen.length);
  const order = g.order;
  for (let from = 0; from < chosen.length; from += 32) {
    const to = Math.min(chosen.length, from + 32);
    bits.fill(0);
    for (let j = from; j < to; j++) bits[chosen[j]!] = own[chosen[j]!] = 1 << (j - from);
    for (let q = 0; q < n; q++) {
      const i = order[q]!;
      let w = bits[i]!;
      for (let e = edgeStart[q]!, end = edgeStart[q + 1]!; e < end; e++) w |= bits[edgeBase[e]!]!;
      bits[i] = w;
    }
    for (let i = 0; i < g.rows; i++) {
      if (!violating[i]) continue;
      let w = bits[i]! & ~own[i]!;
      while (w !== 0) {
        const low = w & -w;
        exact[from + 31 - Math.clz32(low)]!++;
        w ^= low;
      }
    }
    for (let j = from; j < to; j++) own[chosen[j]!] = 0;
  }
  const isChosen = new Uint8Array(n);
  chosen.forEach((r, j) => {
    counts[r] = exact[j]!;
    isChosen[r] = 1;
  });
  if (chosen.length === roots.length) return { exact: true, recounted: chosen.length };
  // a root left out has at most its tracked count plus every violating model that lost roots
  let bound = 0;
  for (const r of roots) if (!isChosen[r]) bound = Math.max(bound, counts[r]! + short);
  const best = chosen.map((r) => counts[r]!).sort((a, b) => b - a);
  const threshold = best[Math.min(top, best.length) - 1] ?? 0;
  return { exact: best.length >= top && bound < threshold, recounted: chosen.length };
}

/** The `n` roots with the largest counts, ties by id (ids made only for the ties at the cut). */
function leading(roots: Int32Array, counts: Uint32Array, n: number, idOf: (i: number) => string): number[] {
  if (n >= roots.length) return [...roots];
  const sorted = Uint32Array.from(roots, (r) => counts[r]!).sort();
  const cut = sorted[sorted.length - n]!;
  const above: number[] = [];
  const at: number[] = [];
  for (const r of roots) {
    const c = counts[r]!;
    if (c > cut) above.push(r);
    else if (c === cut) at.push(r);
  }
  const ids = new Map(at.map((r) => [r, idOf(r)]));
  at.sort((a, b) => (ids.get(a)! < ids.get(b)! ? -1 : ids.get(a)! > ids.get(b)! ? 1 : 0));
  return [...above, ...at.slice(0, n - above.length)];
}
