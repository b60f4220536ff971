// Near-identical references (Apache-2.0 and Pixar's modified Apache, ISC and 0BSD, BSD-3-Clause
// and its HP variant): when several fit a region about equally well, a point of Dice is no
// evidence. What decides is the words where the references differ: the text's shingles that one
// reference has and the other lacks.

/** Candidates whose Dice is within this of the best are compared on their differences. */
const CLOSE = 0.1;
/** Two spans are the same region when they overlap by this share of the shorter one. */
const SAME_REGION = 0.5;

export interface Candidate<E> {
  e: E;
  first: number;
  last: number;
  dice: number;
}

/**
 * The candidate to claim, from candidates sorted best first: the first one, unless a close one
 * holds more of the words where the two differ (counted once per distinct shingle, over both
 * regions, on the positions no earlier match claimed). Ties keep the order given, which already
 * prefers the reference whose name the text states.
 */
export function chooseVariant<E, C extends Candidate<E>>(
  sorted: readonly C[],
  rank: Uint32Array,
  available: Uint8Array,
  distinct: number,
  inSetOf: (e: E) => Uint8Array,
): C {
  let champion = sorted[0]!;
  const seen = new Int32Array(distinct);
  let stamp = 0;
  for (let k = 1; k < sorted.length; k++) {
    const c = sorted[k]!;
    if (c.dice < champion.dice - CLOSE || c.dice <= 0) continue;
    const overlap = Math.min(champion.last, c.last) - Math.max(champion.first, c.first) + 1;
    const shorter = Math.min(champion.last - champion.first, c.last - c.first) + 1;
    if (overlap < shorter * SAME_REGION) continue;
    const inA = inSetOf(champion.e);
    const inB = inSetOf(c.e);
    let onlyA = 0,
      onlyB = 0;
    stamp++;
    for (let p = Math.min(champion.first, c.first), end = Math.max(champion.last, c.last); p <= end; p++) {
      if (!available[p]) continue;
      const r = rank[p]!;
      if (seen[r] === stamp) continue;
      seen[r] = stamp;
      if (inA[r] && !inB[r]) onlyA++;
      else if (inB[r] && !inA[r]) onlyB++;
    }
    if (onlyB > onlyA) champion = c;
  }
  return champion;
}
