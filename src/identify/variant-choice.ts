// Near-identical references (Apache-2.0 and Pixar's modified Apache, ISC and 0BSD, BSD-3-Clause
// and its variants): when several fit a region about equally well, a point of Dice is no evidence,
// and Dice charges a reference for end matter that copies leave out (Apache's appendix, which
// Pixar's text lacks). What decides is how many words differ where the texts differ: the text's
// words the reference lacks plus the reference's words the text lacks, its optional preamble and
// end matter not counted.

/** Candidates whose Dice is within this of the best are compared on their differences. */
const CLOSE = 0.1;
/**
 * Two spans are the same region when they overlap by this share of the longer one (a reference
 * that fits part of the region, such as LGPL-3.0's own part of the whole LGPL-3.0 text, is not a
 * variant of one that fits all of it).
 */
const SAME_REGION = 0.5;
/** At most this many candidates are compared (each comparison reads the reference's positions). */
const MAX_COMPARED = 4;

export interface Candidate<E> {
  e: E;
  first: number;
  last: number;
  dice: number;
}

/**
 * The candidate to claim, from candidates sorted best first: the close candidate (same region,
 * Dice near the best) with the fewest differing words, `cost` counting them; ties keep the order
 * given, which already prefers the reference whose name the text states.
 */
export function chooseVariant<E, C extends Candidate<E>>(sorted: readonly C[], cost: (c: C) => number): C {
  const top = sorted[0]!;
  const close: C[] = [top];
  for (let k = 1; k < sorted.length && close.length < MAX_COMPARED; k++) {
    const c = sorted[k]!;
    if (c.dice < top.dice - CLOSE || c.dice <= 0) continue;
    const overlap = Math.min(top.last, c.last) - Math.max(top.first, c.first) + 1;
    const longer = Math.max(top.last - top.first, c.last - c.first) + 1;
    if (overlap >= longer * SAME_REGION) close.push(c);
  }
  if (close.length === 1) return top;
  let best = top,
    bestCost = cost(top);
  for (const c of close.slice(1)) {
    const k = cost(c);
    if (k < bestCost) {
      best = c;
      bestCost = k;
    }
  }
  return best;
}
