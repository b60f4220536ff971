// Where a text departs from the reference it matched, and whether each departure changes terms.
//
// A copy of a license may differ from its reference in boilerplate: the names and dates filled in,
// a title, formatting, the instructions at the end that copies leave out. Any other difference is
// substantive: a clause added, removed or reworded makes another license, which must not be
// reported under the reference's name (a confident wrong name is worse than none in a legal tool).
import type { Tokens } from "./normalize.js";
import { SHINGLE_SIZE } from "./shingles.js";

export interface Change {
  kind: "added" | "removed";
  /** 1-based inclusive line range in the input, for added text. */
  lines?: [number, number];
  /** Approximate number of words added or missing. */
  words: number;
  /** For removed text: the 0-based range of words of the reference that the text lacks. */
  reference?: [number, number];
  /** The differing words: of the input for added text, of the reference when it is at hand. */
  text?: string;
  /** Whether the change can alter terms (see classify); false for names, dates, titles, end matter. */
  substantive: boolean;
  /** Why it was judged so, in a few words. */
  why: string;
  /** Added text that is a licensing statement of its own ("alternatively ... under the GPL"). */
  statement?: true;
}

/**
 * Fewer changed words than this are names, dates, a product or a version filled into a template
 * ("Neither the name of <the copyright holder>" becomes "of Acme Inc."): no clause is that short.
 */
export const MIN_CLAUSE_WORDS = 6;
/** Leading shingles of a reference that may be a title or a preamble line copies drop or reword. */
const HEAD_POSITIONS = 12;

/**
 * Words that carry legal effect, in three kinds. An added or missing run of words holding none of
 * them (a project description, a contact line, a heading) changes no terms. A strong word (a
 * grant, a condition, a restriction, a party) always makes the run a change of terms. A weak word
 * ("shall", "may") does too, unless the run is a warranty disclaimer: a copy that drops or adds a
 * disclaimer of warranty keeps every permission and condition of the license.
 */
const STRONG = words(
  "grant grants granted permit permits permitted permission prohibit prohibits prohibited restrict " +
    "restricts restricted restriction restrictions require requires required requirement condition " +
    "conditions commercial commercially noncommercial revenue revenues users royalty royalties fee fees " +
    "attribution display redistribute redistribution sublicense distribute distribution modify " +
    "modification military weapons surveillance terminate terminates termination licensee licensees " +
    "licensor licensors must agree agrees agreed comply compliance breach consent obligation obligations " +
    "forbidden exclusively solely unless indemnify indemnification jurisdiction governed prohibition",
);
const WEAK = words("shall may might rights law laws hereby herein thereof notwithstanding except provided");
const DISCLAIMER = words(
  "warranty warranties warrant liable liability damages merchantability noninfringement fitness",
);

/**
 * Words that name a party or only join others: where two variants of a license differ in these
 * alone ("the copyright holder" or "the author", "the Regents of the University of California"),
 * they differ in who is named, not in what is granted or required, which SPDX's templates mark as
 * replaceable text. Comparing variants, such words weigh little (see NAME_WEIGHT).
 */
const NAME = words(
  "the a an of and or by its it their his her nor to in for as be is are this that these those " +
    "with at on from any all other such name names neither either author authors copyright holder " +
    "holders owner owners contributor contributors regents university california berkeley " +
    "organization organisation institute foundation company inc ltd llc corporation corp project " +
    "developers developer team members member individual individuals herein above following",
);

function words(s: string): Set<string> {
  return new Set(s.split(/\s+/));
}

/** Kinds of words: none of the below, a weak or strong word of terms, a disclaimer's, a name's. */
export const KIND_NONE = 0;
export const KIND_WEAK = 1;
export const KIND_STRONG = 2;
export const KIND_DISCLAIMER = 3;
export const KIND_NAME = 4;

/** A word's kind (KIND_*). */
export function wordKind(w: string): number {
  return STRONG.has(w)
    ? KIND_STRONG
    : DISCLAIMER.has(w)
      ? KIND_DISCLAIMER
      : WEAK.has(w)
        ? KIND_WEAK
        : NAME.has(w)
          ? KIND_NAME
          : KIND_NONE;
}

/** The kind of word w in a packed kinds array (wordKinds): four bits a word. */
export function kindAt(kinds: Uint8Array, w: number): number {
  return (kinds[w >> 1]! >> ((w & 1) * 4)) & 15;
}

/** Whether words of these kinds change terms, and which of them say so. */
/**
 * Weak words alone make a change of terms only in a run this long: a name replaced in "the name of
 * <X> may not be used" brings "may" along with it, a new sentence of terms is longer.
 */
const WEAK_CLAUSE_WORDS = 12;

function judge(kinds: number[], list: string[], weakCounts = true): { substantive: boolean; why: string } {
  const strong = list.filter((_, i) => kinds[i] === KIND_STRONG);
  if (strong.length)
    return { substantive: true, why: `terms (${[...new Set(strong)].slice(0, 4).join(", ")})` };
  const disclaimer = kinds.includes(KIND_DISCLAIMER);
  const weak = list.filter((_, i) => kinds[i] === KIND_WEAK);
  if (weakCounts && weak.length && !disclaimer && list.length >= WEAK_CLAUSE_WORDS)
    return { substantive: true, why: `terms (${[...new Set(weak)].slice(0, 4).join(", ")})` };
  return disclaimer
    ? { substantive: false, why: "a warranty disclaimer (no permission or condition changes)" }
    : { substantive: false, why: "no terms in it (a heading, a description)" };
}

/** The words of tokens [from, to] (inclusive), as one string. */
export function wordsOf(tokens: Tokens, from: number, to: number): string {
  const out: string[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, tokens.count - 1); i++) out.push(tokens.word(i));
  return out.join(" ");
}

/**
 * Judges an added run of words; `inserted` when the reference lacks nothing where they stand
 * (words added, none replaced).
 */
export function classifyAdded(
  words: string[],
  {
    inserted = false,
    product,
    before = "",
  }: { inserted?: boolean; product?: ReadonlySet<string>; before?: string } = {},
): { substantive: boolean; why: string; statement?: true } {
  // a number other than a year in place of the reference's words is a term's number changed (a
  // user threshold, a number of days); one only inserted numbers a list or a footnote
  // nor is the version of the product a license names itself after ("using Python 3.12.1
  // software" in a copy of the PSF license, whose reference says "this software ("Python")")
  const number = words.find(
    (w, k) =>
      /^\d/.test(w) &&
      !/^(?:19|20)\d\d$/.test(w) &&
      !product?.has((k > 0 ? words[k - 1]! : before).toLowerCase()),
  );
  // a number inserted with what it counts ("for 2 years", "up to 100 users") is a term's limit,
  // which a list's or a footnote's number never carries
  const counted = words.some((w, k) => /^\d/.test(w) && w === number && COUNTED.test(words[k + 1] ?? ""));
  if (words.length < MIN_CLAUSE_WORDS)
    return number && counted && inserted
      ? { substantive: true, why: `a number inserted with what it counts (${number})` }
      : number && !inserted
        ? { substantive: true, why: `a number changed (${number})` }
        : {
            substantive: false,
            why: number ? "a number inserted (a list or a footnote)" : "a few words (names, dates)",
          };
  const joined = words.join(" ");
  let verdict = judge(words.map(wordKind), words);
  // a restriction said with weak words alone ("you may only run this code on your own devices")
  if (!verdict.substantive && RESTRICTING.test(joined)) {
    const phrase = RESTRICTING.exec(joined)![0];
    verdict = { substantive: true, why: `terms (${phrase})` };
  }
  // "Alternatively, this software may be distributed under the terms of the GNU GPL": another
  // license offered beside this one, which the statement reader names, not a change to this one
  if (verdict.substantive && STATEMENT.test(joined) && !BINDING.test(joined.replace(ALTERNATIVE_TERMS, "")))
    return { substantive: false, why: "a licensing statement of its own", statement: true };
  return verdict;
}

/** A restriction in words no one of which binds alone: "may only", "may not", "can only be used". */
const RESTRICTING =
  /\b(?:may not|may only|can only|cannot|can not|only (?:be )?(?:used|run|copied|distributed|installed|deployed)|not be used)\b/;

/** What a number in a term counts: a span of time, people, copies, money. */
const COUNTED =
  /^(?:years?|months?|weeks?|days?|hours?|users?|persons?|people|employees|copies|installations?|devices?|machines?|computers?|servers?|seats?|instances?|dollars?|usd|eur|euros?|percent|million|billion|thousand)$/;

/**
 * "distributed under the terms of", "licensed under", "subject to the terms of", "the conditions
 * of the OpenSSL License and the original SSLeay license apply".
 */
export const STATEMENT =
  /\b(?:licensed|released|distributed|available|provided|covered|offered|published)\b(?: \w+){0,6} under\b|\b(?:under|subject to) the terms of\b|\b(?:terms|conditions) of the(?: \w+){0,4} licen[cs]es?\b(?: \w+){0,8} (?:apply|applies)\b/;
/**
 * How a dual-licensing clause says the other license replaces this one's conditions ("ALTERNATIVELY,
 * this product may be distributed under the terms of the GNU General Public License, in which case
 * the provisions of the GPL are required INSTEAD OF the above restrictions. (This clause is
 * necessary due to a potential bad interaction between the GPL and the restrictions contained in a
 * BSD-style copyright.)"): words of restriction that bind no one beyond the other license.
 */
const ALTERNATIVE_TERMS =
  /\bin which case the (?:provisions|terms) of the \w+(?: \w+){0,4} (?:are|is|shall be) (?:required|applicable|apply) instead of the above(?: restrictions| conditions)?|\bthis clause is necessary due to a potential bad interaction between the \w+ and the restrictions contained in a bsd style copyright/g;
/** Words that bind the reader, which a plain licensing statement does not need. */
export const BINDING = /\b(?:shall|must|agree|agrees|prohibited|restrictions?)\b/;

/**
 * Judges a run of the reference's shingle positions [first, last] that the text lacks, given where
 * the reference's end matter starts and the kinds of its words (wordKinds).
 */
export function classifyRemoved(
  first: number,
  last: number,
  tail: number,
  kindsOf: Uint8Array,
  head = 0,
): { substantive: boolean; why: string } {
  if (first >= tail) return { substantive: false, why: "the reference's end matter (instructions)" };
  if (last < head) return { substantive: false, why: "the reference's preamble" };
  const words = last - first + 1 - (SHINGLE_SIZE - 1);
  if (words < MIN_CLAUSE_WORDS) return { substantive: false, why: "a few words (names, dates)" };
  if (last < HEAD_POSITIONS) return { substantive: false, why: "the reference's title" };
  // the words that only the missing shingles hold (the first two are shared with the text
  // before, except at the reference's start)
  const kinds: number[] = [];
  for (let w = first === 0 ? 0 : first + SHINGLE_SIZE - 1; w <= last; w++) kinds.push(kindAt(kindsOf, w));
  const v = judge(
    kinds,
    kinds.map((k) => KIND_NAMES[k]!),
  );
  return v.substantive ? { substantive: true, why: `a passage with ${v.why} is missing` } : v;
}

const KIND_NAMES = ["", "a condition word", "a grant or condition", "a disclaimer word", ""];

/** Each word's kind (wordKind), four bits per word. */
export function wordKinds(tokens: Tokens): Uint8Array {
  const bits = new Uint8Array(Math.ceil(tokens.count / 2));
  for (let w = 0; w < tokens.count; w++) bits[w >> 1]! |= wordKind(tokens.word(w)) << ((w & 1) * 4);
  return bits;
}

/**
 * Runs of the reference's shingle positions [0, length) that no shingle of the text covers.
 * `covered[q]` is 1 where the text holds the shingle first seen at q; positions that repeat an
 * earlier shingle (`firsts` bit clear) say nothing and never break a run.
 */
export function missingRuns(covered: Uint8Array, firsts: Uint8Array, length: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1,
    lastMissing = -1;
  for (let q = 0; q < length; q++) {
    if (!((firsts[q >> 3]! >> (q & 7)) & 1)) continue;
    if (covered[q]) {
      if (start >= 0) runs.push([start, lastMissing]);
      start = -1;
    } else {
      if (start < 0) start = q;
      lastMissing = q;
    }
  }
  if (start >= 0) runs.push([start, lastMissing]);
  return runs;
}
