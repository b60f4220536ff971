// Near-identical references (Apache-2.0 and Pixar's modified Apache, ISC and 0BSD, BSD-3-Clause
// and its variants): when several fit a region about equally well, a point of Dice is no evidence,
// and Dice charges a reference for end matter that copies leave out (Apache's appendix, which
// Pixar's text lacks). What decides is how many words differ where the texts differ: the text's
// words the reference lacks plus the reference's words the text lacks, its optional preamble and
// end matter not counted, and words that only name a party counted lightly (a BSD text naming "the
// author" is BSD-3-Clause, whose template leaves the name open, not the HP variant, whose own
// words "patent infringement" it lacks).

/** Candidates whose Dice is within this of the best are compared on their differences. */
const CLOSE = 0.1;
/**
 * Two spans are the same region when they overlap by this share of the longer one (a reference
 * that fits part of the region, such as LGPL-3.0's own part of the whole LGPL-3.0 text, is not a
 * variant of one that fits all of it).
 */
const SAME_REGION = 0.5;
/** Dice from which a variant's span counts toward the region the others are charged over. */
const REGION_DICE = 0.95;
/** At most this many candidates are compared (each comparison reads the reference's positions). */
const MAX_COMPARED = 4;

export interface Candidate<E> {
  e: E;
  first: number;
  last: number;
  dice: number;
}

/**
 * The close candidates (same region, Dice near the best) of candidates sorted best first, fewest
 * differing words first, `cost` counting them over the region they span together with the
 * near-exact ones (a variant whose own span stops short of a sentence a near-exact variant holds
 * leaves that sentence unexplained: MIT beside the X.Net license, whose governing-law sentence MIT
 * lacks); ties keep
 * the order given, which already prefers the reference whose name the text states. The first is
 * the one to claim, unless the caller finds that it differs from the text in substance and a later
 * one does not.
 */
export function rankVariants<E, C extends Candidate<E>>(
  sorted: readonly C[],
  cost: (c: C, region: readonly [number, number]) => number,
): C[] {
  const top = sorted[0]!;
  const close: C[] = [top];
  for (let k = 1; k < sorted.length && close.length < MAX_COMPARED; k++) {
    const c = sorted[k]!;
    if (c.dice < top.dice - CLOSE || c.dice <= 0) continue;
    const overlap = Math.min(top.last, c.last) - Math.max(top.first, c.first) + 1;
    const longer = Math.max(top.last - top.first, c.last - c.first) + 1;
    if (overlap >= longer * SAME_REGION) close.push(c);
  }
  if (close.length === 1) return close;
  // the shared region is what near-exact variants span: a looser one that runs across two texts
  // side by side (two BSD licenses in a row) explains no more of either
  const exact = close.filter((c) => c.dice >= REGION_DICE);
  const costs = close.map((c) => {
    const spans = [c, ...exact];
    return cost(c, [Math.min(...spans.map((x) => x.first)), Math.max(...spans.map((x) => x.last))]);
  });
  return close
    .map((c, i) => ({ c, i, k: costs[i]! }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.c);
}
