// Full-text matching against the reference fingerprints: exact hash of the normalised text first,
// then word-shingle similarity. Finds every license in a file (a LICENSE holding MIT for code and
// OpenRAIL-M for weights; a license with its acceptable use policy appended) with its line range,
// and reports where a text departs from its reference and whether that changes terms: a text
// that differs from its closest reference in substance is a stranger, reported as resembling it.
import type { Tokens } from "./normalize.js";
import { SHINGLE_SIZE, exactHash, shingleSequence, shingleSetAndRank } from "./shingles.js";
import type { LoadedEntry } from "./fingerprint-index.js";
import type { ShingleIndex } from "./shingle-index.js";
import { foldName } from "../kb/names.js";
import { rankVariants } from "./variant-choice.js";
import {
  classifyAdded,
  classifyRemoved,
  kindAt,
  KIND_NAME,
  KIND_NONE,
  missingRuns,
  wordKind,
  wordsOf,
  MIN_CLAUSE_WORDS,
  type Change,
} from "./differences.js";

export type { Change } from "./differences.js";

export interface TextMatch {
  id: string;
  name: string;
  /** 0..1: Dice coefficient of the matched region against the reference text. */
  confidence: number;
  method: "exact" | "dice";
  spdx: string | null;
  part: "license" | "acceptable-use-policy";
  /** 1-based inclusive line range of the region that matched. */
  lines: [number, number];
  /** Some difference from the reference is substantive (see differences.ts). */
  modified: boolean;
  /** Every departure from the reference, boilerplate ones included. */
  changes: Change[];
  /** The reference matched (its fingerprint key), for showing removed text. */
  key: string;
}

export interface TextMatchOptions {
  /** Minimum share of a reference's shingles the text must contain to be considered (0..1). */
  minContainment?: number;
  /** Minimum Dice score of a reported match (0..1). */
  minConfidence?: number;
  /** At most this many licenses per file. */
  maxMatches?: number;
}

// Why these defaults: a license with a paragraph added or removed keeps well over half of its
// shingles (containment ≥ 0.8 in practice) and scores Dice ≥ 0.8; prose that merely quotes a
// sentence of a license contains a few percent. 0.5 leaves room for heavy edits without letting
// fragments through; short licenses need at least MIN_SHARED shingles so a stray sentence of
// boilerplate ("provided as is without warranty") is not a license.
const DEFAULTS: Required<TextMatchOptions> = { minContainment: 0.5, minConfidence: 0.5, maxMatches: 8 };
const MIN_SHARED = 12;
/** Below any real score (which is at least minus twice the longest reference's shingles). */
const NO_SCORE = -(2 ** 30);
/** A run of at least this many unmatched shingles inside a region is an added passage. */
const MIN_ADDED_RUN = 3;
/**
 * A reference that matches its region almost word for word is claimed before looser candidates:
 * a file of Llama 3.1 plus its policy is those two texts, not Llama 3 (whose file also carries a
 * policy) at 95%.
 */
const NEAR_EXACT = 0.98;
/** Scores within this fraction of each other are a tie, broken by the name the text states. */
const TIE = 0.01;
/** How much of the text's start is searched for a license's name when breaking ties. */
const HEAD_CHARS = 2000;
/** Unclaimed text at the edge of a license file this long (shingles) is added text, not a title. */
const EDGE_ADDED_MIN = 8;
/** At most this many words next to a license are read as continuing it. */
const MAX_ADJACENT = 300;
/** Matched shingles read back from an added run to place it in the reference's end matter. */
const END_LOOKBACK = 8;
/**
 * Words between two matches within which one paragraph runs on from the first into the second:
 * fewer than an edge's added text needs to be judged at all.
 */
const RUN_ON_GAP = EDGE_ADDED_MIN;
/** Shingles before a reference's end within which a span ends at the license's last words. */
const EPILOGUE_SLACK = 16;
/** Added runs closer than this many shingles are reported as one change. */
const MERGE_GAP = 12;

interface Scored {
  e: LoadedEntry;
  first: number;
  last: number;
  shared: number;
  region: number;
  score: number;
  dice: number;
}

export class TextMatcher {
  private readonly byExact = new Map<string, LoadedEntry[]>();
  private readonly folded = new Map<LoadedEntry, string>();
  /** Word counts of the references: a text of any other length cannot be an exact copy. */
  private readonly wordCounts = new Set<number>();

  constructor(
    private readonly entries: readonly LoadedEntry[],
    private readonly index: ShingleIndex,
  ) {
    for (const e of entries) {
      const list = this.byExact.get(e.exact) ?? [];
      list.push(e);
      this.byExact.set(e.exact, list);
      this.wordCounts.add(e.words);
    }
  }

  private foldedName(e: LoadedEntry): string {
    let f = this.folded.get(e);
    if (f === undefined) this.folded.set(e, (f = foldName(e.name)));
    return f;
  }

  /**
   * `head`: the start of the raw text. Titles are normalised away, yet a title is what tells apart
   * two licenses whose bodies are the same words (DeepFloyd IF and SDXL 0.9 research): when the
   * evidence ties, the reference whose name the text states wins.
   */
  match(tokens: Tokens, options: TextMatchOptions = {}, head = ""): TextMatch[] {
    // one shape for every call (an option given as undefined takes its default, not undefined)
    const opts: Required<TextMatchOptions> = {
      minContainment: options.minContainment ?? DEFAULTS.minContainment,
      minConfidence: options.minConfidence ?? DEFAULTS.minConfidence,
      maxMatches: options.maxMatches ?? DEFAULTS.maxMatches,
    };
    let headFolded: string | undefined;
    const named = (e: LoadedEntry) => {
      headFolded ??= foldName(head.slice(0, HEAD_CHARS));
      return headFolded && headFolded.includes(this.foldedName(e)) ? 1 : 0;
    };
    const count = tokens.count;
    if (count < SHINGLE_SIZE + 4) return [];
    const lineOf = (tokenIdx: number) => tokens.lines[Math.min(tokenIdx, count - 1)]! + 1;
    // the text's word kinds, read only where variants are compared
    let kinds: Uint8Array | undefined;
    const textKind = (w: number): number => {
      kinds ??= new Uint8Array(count).fill(255);
      let k = kinds[w]!;
      if (k === 255) kinds[w] = k = wordKind(tokens.word(w));
      return k;
    };

    // Most license files are verbatim copies: one hash of the whole normalised text answers them,
    // computed only when some reference has exactly as many words.
    const exact = this.wordCounts.has(count) ? this.byExact.get(exactHash(tokens)) : undefined;
    if (exact?.length) {
      const e = [...exact].sort((a, b) => named(b) - named(a))[0]!;
      return [
        {
          id: e.id,
          name: e.name,
          confidence: 1,
          method: "exact",
          spdx: e.spdx,
          part: e.part,
          lines: [lineOf(0), lineOf(count - 1)],
          modified: false,
          changes: [],
          key: e.key,
        },
      ];
    }

    const seq = shingleSequence(tokens);
    // Per text, once: the sorted distinct shingles, and each position's rank among them, so that
    // membership in a reference is a byte lookup.
    const { set, rank } = shingleSetAndRank(seq);
    // Shared shingles per reference, counted in one pass over the text's set and the postings.
    const { shared, at } = this.index.count(set, this.entries.length);

    const chosen: number[] = [];
    for (let k = 0; k < shared.length; k++) {
      const c = shared[k]!;
      if (c === 0) continue;
      const size = this.entries[k]!.size;
      if (c >= Math.min(MIN_SHARED, size) && c / size >= opts.minContainment) chosen.push(k);
    }
    const pool = chosen.map((k) => this.entries[k]!);
    const memberships = this.index.members(at, chosen, this.entries.length);
    const members = new Map<LoadedEntry, Uint8Array>(pool.map((e, c) => [e, memberships[c]!]));
    const inSetOf = (e: LoadedEntry): Uint8Array => members.get(e)!;
    const stamp = new Int32Array(set.length);
    let stampId = 0;
    /** Distinct shingles in seq[first..last], and how many of them the reference has. */
    const regionCounts = (first: number, last: number, inSet: Uint8Array): [number, number] => {
      stampId++;
      let distinct = 0,
        shared = 0;
      for (let p = first; p <= last; p++) {
        const r = rank[p]!;
        if (stamp[r] === stampId) continue;
        stamp[r] = stampId;
        distinct++;
        if (inSet[r]) shared++;
      }
      return [distinct, shared];
    };
    const available = new Uint8Array(seq.length).fill(1);
    // each reference's positions for this text, read from the index once
    const positionCache = new Map<LoadedEntry, Int32Array>();
    const positionsOf = (e: LoadedEntry) => {
      let p = positionCache.get(e);
      if (!p) positionCache.set(e, (p = this.index.positionsIn(at, e.index)));
      return p;
    };
    const out: TextMatch[] = [];
    const matched = new Map<string, TextMatch>();
    /** By reference: a second copy of the same text is the same answer. */
    const matchedKeys = new Map<string, TextMatch>();
    const spans: { first: number; last: number; match: TextMatch; e: LoadedEntry }[] = [];
    // A reference already found stays a candidate: a file holding two copies of MIT is MIT twice,
    // not MIT and then whichever other reference the second copy resembles most.
    let candidates = pool;
    const score = (e: LoadedEntry): Scored => {
      const inSet = inSetOf(e);
      const span = bestSpan(rank, available, inSet, set.length);
      // no span: the lowest score there is (an integer, like every other score: a float in the
      // same field would make the optimiser give up on this function)
      if (!span) return { e, first: 0, last: 0, shared: 0, region: 0, score: NO_SCORE, dice: 0 };
      const [first, last] = span;
      const [regionSize, sh] = regionCounts(first, last, inSet);
      return {
        e,
        first,
        last,
        shared: sh,
        region: regionSize,
        score: 3 * sh - regionSize - e.size,
        dice: (2 * sh) / (regionSize + e.size),
      };
    };
    for (let pass = 0; candidates.length && pass < opts.maxMatches * 2; pass++) {
      // Score each candidate on the shingles not yet claimed by an earlier match, over the region
      // it would claim. The score rewards shared shingles and charges both the region's extra text
      // and the reference's missing text, so a longer reference that also covers an appended
      // policy (Llama 3's file carries its AUP) does not beat the exact version next to it.
      const scored = candidates.map(score);
      scored.sort(
        (a, b) =>
          Number(b.dice >= NEAR_EXACT) - Number(a.dice >= NEAR_EXACT) ||
          (Math.abs(b.score - a.score) <= TIE * Math.max(a.score, b.score) ? named(b.e) - named(a.e) : 0) ||
          b.score - a.score ||
          // equal evidence: an appended policy belongs to the license already found in the file
          Number(matched.has(b.e.id)) - Number(matched.has(a.e.id)),
      );
      const top = scored[0]!;
      if (top.shared / top.e.size < opts.minContainment || top.shared < Math.min(MIN_SHARED, top.e.size))
        break;
      // near-identical references (Apache-2.0 and Pixar, ISC and 0BSD): the words where they
      // differ decide, never a point of Dice
      const ranked = rankVariants(scored, (c, region) =>
        differingWords(c, rank, inSetOf(c.e), positionsOf(c.e), textKind, region),
      );
      let best = ranked[0]!;
      let bestChanges: Change[] | undefined;
      if (ranked.length > 1) {
        // a name may be given only where the differences are boilerplate: of close variants, the
        // first that the text differs from in no substance, else the closest
        bestChanges = this.changes(best, tokens, rank, inSetOf(best.e), positionsOf(best.e), lineOf);
        if (bestChanges.some((c) => c.substantive))
          for (const c of ranked.slice(1)) {
            if (c.dice < opts.minConfidence) continue;
            const ch = this.changes(c, tokens, rank, inSetOf(c.e), positionsOf(c.e), lineOf);
            if (!ch.some((x) => x.substantive)) {
              best = c;
              bestChanges = ch;
              break;
            }
          }
      }
      const { first, last } = best;
      for (let p = first; p <= last; p++) available[p] = 0;
      candidates = scored.filter((s) => s.score > NO_SCORE).map((s) => s.e);
      if (best.dice < opts.minConfidence) {
        candidates = candidates.filter((e) => e !== best.e);
        continue;
      }
      const again = matchedKeys.get(best.e.key);
      if (again) {
        // another copy of a license already found: one answer, its lines widened
        again.lines = [Math.min(again.lines[0], lineOf(first)), Math.max(again.lines[1], lineOf(last + 2))];
        continue;
      }
      if (out.length >= opts.maxMatches) break;
      const changes =
        bestChanges ?? this.changes(best, tokens, rank, inSetOf(best.e), positionsOf(best.e), lineOf);
      const m: TextMatch = {
        id: best.e.id,
        name: best.e.name,
        confidence: round(best.dice),
        method: "dice",
        spdx: best.e.spdx,
        part: best.e.part,
        lines: [lineOf(first), lineOf(last + SHINGLE_SIZE - 1)],
        modified: changes.some((c) => c.substantive),
        changes,
        key: best.e.key,
      };
      matched.set(best.e.id, m);
      matchedKeys.set(best.e.key, m);
      spans.push({ first, last, match: m, e: best.e });
      out.push(m);
    }
    // Unclaimed text next to a license is an added clause when it continues the license: in a
    // file that is essentially one license, everything before or after it (a paragraph appended
    // to a Llama license); elsewhere, the paragraph that runs on from it with no blank line between
    // (a clause added at the end of a BSD header). In a README the rest is just other prose.
    const claimedTokens = spans.map(({ first, last }) => [first, last + SHINGLE_SIZE - 1] as const);
    const isClaimed = (t: number) => claimedTokens.some(([a, b]) => t >= a && t <= b);
    const whole = spans.length === 1 && spans[0]!.last - spans[0]!.first + 1 >= seq.length * 0.6;
    for (const { first, last, match: m, e } of spans) {
      // the span ends inside the reference's end matter (GPL-2.0's "How to Apply These Terms"):
      // what follows is more of the same instructions when it binds no one and grants no exception
      const endsInEndMatter = e.tail < e.length && positionsOf(e)[rank[last]!]! >= e.tail;
      const edges: [number, number][] = [];
      if (whole) edges.push([0, first - 1], [last + SHINGLE_SIZE, count - 1]);
      else {
        let a = first;
        while (
          a > 0 &&
          !isClaimed(a - 1) &&
          tokens.lines[a]! - tokens.lines[a - 1]! <= 1 &&
          first - a < MAX_ADJACENT
        )
          a--;
        let b = last + SHINGLE_SIZE - 1;
        while (
          b + 1 < count &&
          !isClaimed(b + 1) &&
          tokens.lines[b + 1]! - tokens.lines[b]! <= 1 &&
          b - last < MAX_ADJACENT
        )
          b++;
        edges.push([a, first - 1], [last + SHINGLE_SIZE, b]);
      }
      for (const [from, to] of edges) {
        if (to - from + 1 < EDGE_ADDED_MIN) continue;
        const words = wordsOf(tokens, from, to).split(" ");
        // text before the license, set apart from it by a blank line (not the start of its first
        // sentence, cut off where the reference's words resume)
        const prologue = from < first && tokens.lines[first]! - tokens.lines[to]! >= 2;
        // text after the license's own last words (a web page's closing lines: where to ask)
        // (and not running on into another match: the rest of a notice a looser reference claimed;
        // nor after a copy with words of its own added in it: its closing words may go on with them)
        const epilogue =
          from > last &&
          positionsOf(e)[rank[last]!]! >= e.length - EPILOGUE_SLACK &&
          (to + 1 >= count || !isClaimed(to + 1)) &&
          !m.changes.some((c) => c.kind === "added" && c.words >= MIN_CLAUSE_WORDS);
        let verdict =
          from < first && titleOf(words, this.foldedName(e))
            ? { substantive: false, why: "the license's own name, as a title" }
            : classifyEdge(words, head, lineOf(from), lineOf(to), prologue, epilogue);
        if (verdict.substantive && !verdict.statement && from > last && endsInEndMatter) {
          const continued = endMatterContinued(words);
          if (continued) {
            verdict = continued;
            // part of the license: its lines are the license's, not a statement beside it
            m.lines = [m.lines[0], Math.max(m.lines[1], lineOf(to))];
          }
        }
        m.changes.push({ kind: "added", lines: [lineOf(from), lineOf(to)], words: words.length, ...verdict });
        if (verdict.substantive) m.modified = true;
      }
      m.changes.sort((x, y) => (x.lines?.[0] ?? Infinity) - (y.lines?.[0] ?? Infinity));
    }
    // A license whose paragraph runs on, with no blank line, into a region that another reference
    // only resembles: the first sentence of an old permission notice is a short license's whole
    // text, and the rest of the notice, unlike any license, was claimed by a looser match. The
    // paragraph is one text; the short license is not it.
    for (const s of spans) {
      if (s.match.modified) continue;
      const end = s.last + SHINGLE_SIZE - 1;
      const runOn = spans.find(
        (t) =>
          t !== s &&
          t.match.modified &&
          ((t.first > end &&
            t.first - end <= RUN_ON_GAP &&
            tokens.lines[t.first]! - tokens.lines[end]! <= 1) ||
            (t.last + SHINGLE_SIZE - 1 < s.first &&
              s.first - (t.last + SHINGLE_SIZE - 1) <= RUN_ON_GAP &&
              tokens.lines[s.first]! - tokens.lines[t.last + SHINGLE_SIZE - 1]! <= 1)),
      );
      if (!runOn) continue;
      s.match.modified = true;
      s.match.changes.push({
        kind: "added",
        lines: runOn.match.lines,
        words: runOn.last - runOn.first + SHINGLE_SIZE,
        substantive: true,
        why: `the paragraph runs on into text that is not this license (resembling ${runOn.match.id})`,
      });
    }
    return out.sort(
      (a, b) =>
        Number(a.part !== "license") - Number(b.part !== "license") ||
        b.confidence * (b.lines[1] - b.lines[0] + 1) - a.confidence * (a.lines[1] - a.lines[0] + 1),
    );
  }

  /** The added runs of the text and the missing runs of the reference, each judged. */
  private changes(
    best: Scored,
    tokens: Tokens,
    rank: Uint32Array,
    inSet: Uint8Array,
    positions: Int32Array,
    lineOf: (t: number) => number,
  ): Change[] {
    const { first, last, e } = best;
    const changes: Change[] = [];
    /**
     * Whether the matched text just before p is the reference's end matter. A shingle's position
     * is its first occurrence in the reference, so a phrase the end matter repeats from the terms
     * ("you may not") points back into them: one of the few matched shingles before p that occurs
     * only in the end matter is what places the text there.
     */
    const inEndMatter = (p: number) => {
      let seen = 0;
      for (let k = p - 1; k >= first && seen < END_LOOKBACK; k--) {
        const q = positions[rank[k]!]!;
        if (q < 0) continue;
        if (q >= e.tail) return true;
        seen++;
      }
      return false;
    };
    let runStart = -1;
    let prev: { change: Change; end: number } | undefined;
    for (let p = first; p <= last + 1; p++) {
      const inRef = p <= last && inSet[rank[p]!] === 1;
      if (p <= last && !inRef) {
        if (runStart < 0) runStart = p;
        continue;
      }
      if (runStart < 0) continue;
      const len = p - runStart;
      if (len >= MIN_ADDED_RUN) {
        // the run's new words: its shingles' words less the matched words they start with
        const from = runStart + SHINGLE_SIZE - 1;
        const to = p - 1;
        const lines: [number, number] = [lineOf(runStart), lineOf(p - 1 + SHINGLE_SIZE - 1)];
        const text = wordsOf(tokens, from, to);
        // each run is judged on its own words: two names filled in a few words apart must not
        // add up to a clause
        // nothing of the reference is missing between the shingles either side: words inserted,
        // none replaced (a list's "1", a footnote's "¹" is no number of the terms changed)
        const qBefore = positions[rank[runStart - 1]!]!;
        const qAfter = p <= last ? positions[rank[p]!]! : -1;
        const inserted = qBefore >= 0 && qAfter > qBefore && qAfter - qBefore <= SHINGLE_SIZE;
        const verdict = inEndMatter(runStart)
          ? { substantive: false, why: "in the reference's end matter (instructions)" }
          : classifyAdded(text ? text.split(" ") : [], {
              inserted,
              product: productNames(e),
              before: from > 0 ? tokens.word(from - 1) : "",
            });
        // edits a few words apart are one change to a reader
        if (prev && lines[0] - prev.change.lines![1] <= 1 && runStart - prev.end <= MERGE_GAP) {
          const c = prev.change;
          c.lines![1] = lines[1];
          c.words += Math.max(1, to - from + 1);
          c.text = `${c.text} … ${text}`;
          if (verdict.substantive && !c.substantive) Object.assign(c, verdict);
          prev.end = p;
        } else {
          const change: Change = {
            kind: "added",
            lines,
            words: Math.max(1, to - from + 1),
            text,
            ...verdict,
          };
          changes.push(change);
          prev = { change, end: p };
        }
      }
      runStart = -1;
    }
    const renamed = renamedLicensor(e, tokens);
    if (renamed) changes.push(renamed);
    const covered = new Uint8Array(e.length);
    for (let p = first; p <= last; p++) {
      const q = positions[rank[p]!]!;
      if (q >= 0 && q < e.length) covered[q] = 1;
    }
    for (const [a, b0] of missingRuns(covered, e.firsts, e.length)) {
      const b = a < e.tail && b0 >= e.tail ? e.tail - 1 : b0;
      const words = Math.max(1, b - a + 1 - (SHINGLE_SIZE - 1));
      // a word or two missing is normalisation noise or a name; only report what a reader sees
      if (b - a + 1 < MIN_ADDED_RUN) continue;
      changes.push({
        kind: "removed",
        words,
        reference: [a, b + SHINGLE_SIZE - 1],
        ...classifyRemoved(Math.max(a, a < e.head && b >= e.head ? e.head : a), b, e.tail, e.kinds, e.head),
      });
    }
    return changes;
  }
}

/**
 * The name words of an SPDX reference, after which a number is its product's version. Not for the
 * knowledge base's own texts: "Llama 3" and "Llama 3.1" name different licenses.
 */
const productCache = new WeakMap<LoadedEntry, ReadonlySet<string>>();
function productNames(e: LoadedEntry): ReadonlySet<string> | undefined {
  if (!e.key.startsWith("spdx:") || !e.names.length) return undefined;
  let s = productCache.get(e);
  if (!s) productCache.set(e, (s = new Set(e.names)));
  return s;
}

/**
 * A license whose terms name its own licensor or product ("the name "SAXPath" must not be used")
 * is another license when a text on the same template names someone else: JDOM's license is
 * SAXPath's words with JDOM's name, a license on Apache 1.1's template with every Apache name
 * replaced is that project's. Null when the text holds one of the reference's own name words
 * anywhere (a title or a copyright line counts), or the reference has none.
 */
function renamedLicensor(e: LoadedEntry, tokens: Tokens): Change | null {
  if (!e.names.length) return null;
  const names = new Set(e.names);
  for (let w = 0; w < tokens.count; w++) if (names.has(tokens.word(w))) return null;
  return {
    kind: "removed",
    words: e.names.length,
    text: e.names.join(" "),
    substantive: true,
    why: `the license's own name (${e.names.join(", ")}) is not in the text: the same template for another licensor`,
  };
}

/**
 * Text before or after the one license of a file: source code around a license header, or a
 * licensing statement of its own ("this header may also be distributed under the BSD license"),
 * adds no terms to the license; nor does text before it that binds no one (a project's
 * description, "The X.Org Foundation has chosen the following format of the MIT License", "the
 * license set forth below applies to all parts of the project"): terms added ahead of a license
 * bind ("must", "shall", "may only be used"). Anything else is judged as added text.
 */
function classifyEdge(
  words: string[],
  raw: string,
  fromLine: number,
  toLine: number,
  prologue: boolean,
  epilogue = false,
): { substantive: boolean; why: string; statement?: true } {
  const verdict = classifyAdded(words);
  if (!verdict.substantive) return verdict;
  const lines = raw
    .split(/\r\n|\r|\n/, toLine)
    .slice(fromLine - 1)
    .filter((l) => l.trim());
  const code = lines.filter((l) => CODE_LINE.test(l)).length;
  if (lines.length >= 3 && code >= lines.length * 0.3)
    return { substantive: false, why: "source code around the license" };
  if (prologue && !PROLOGUE_BINDING.test(words.join(" ")))
    return { substantive: false, why: "text before the license that binds no one (a description)" };
  // after the license's last words, what neither binds, grants, nor limits the license's reach
  // ("do not extend to the fonts", "applies only to the code") only points elsewhere
  const joined = words.join(" ");
  if (epilogue && !PROLOGUE_BINDING.test(joined) && !END_MATTER_GRANT.test(joined) && !LIMITING.test(joined))
    return {
      substantive: false,
      why: "text after the license that binds no one (where to ask, a revision line)",
    };
  return verdict;
}

/** Words by which text after a license would limit what it covers. */
const LIMITING =
  /\b(?:not|no|cannot|only|except|excepting|excluding|excludes?|unless|but|nor|never|neither|without)\b/;

/** Words a title may add to the license's name: "(adapted from the original BSD license)". */
const MAX_TITLE_EXTRA = 10;

/**
 * Whether text just above a license is a title: the license's own name (whose words, such as
 * "Attribution" or "Commercial", may be words of terms elsewhere) and a few words that bind no one.
 */
function titleOf(words: readonly string[], name: string): boolean {
  const n = name.split(" ");
  if (n.length < 2 || words.length > n.length + MAX_TITLE_EXTRA) return false;
  const text = ` ${words.join(" ")} `;
  const at = text.indexOf(` ${name} `);
  if (at < 0) return false;
  const rest = `${text.slice(0, at)} ${text.slice(at + name.length + 2)}`.trim();
  // every other word names or joins (short runs of terms pass classifyAdded as names, so not here)
  return (
    !rest ||
    rest.split(/\s+/).every((w) => !TITLE_LIMITING.test(w) && [KIND_NONE, KIND_NAME].includes(wordKind(w)))
  );
}
/** Words that would make a title's aside a limit: "(not for resale)", "(only for research)". */
const TITLE_LIMITING = /^(?:no|not|non|never|only|except|without|nor|but|unless)$/;

/**
 * Text after a license's end matter that only goes on instructing (the GPL-2.0 paragraph "This
 * General Public License does not permit incorporating your program into proprietary programs ...",
 * which SPDX's reference text leaves out), or null when it binds or grants an exception or
 * additional permission (a linking exception appended to the GPL is another license).
 */
function endMatterContinued(words: string[]): { substantive: false; why: string } | null {
  const s = words.join(" ");
  if (PROLOGUE_BINDING.test(s) || END_MATTER_GRANT.test(s)) return null;
  return { substantive: false, why: "after the reference's end matter (instructions)" };
}

/** Words of an exception or permission added to a license. */
const END_MATTER_GRANT =
  /\b(?:exceptions?|additional permissions?|special permissions?|in addition|hereby|grants?|granted|permission is|allowed|waive\w*|notwithstanding)\b/;

/** Words by which text ahead of a license would bind its reader. */
const PROLOGUE_BINDING =
  /\b(?:shall|must|agree|agrees|agreed|prohibited|forbidden|forbids|prohibits|restrict\w*|not permitted|may not|may only|only be used|only for|solely|exclusively|terminat\w*|revoc\w*|noncommercial|commercial use|fees?|royalt\w*|pay\w*)\b/;

/** A line of program text: ends in ; { } or ), or starts with a declaration or directive. */
const CODE_LINE =
  /[;{}()]\s*$|^\s*(?:#\s*(?:include|define|if|ifdef|ifndef|endif|pragma)\b|import\s|from\s+\S+\s+import\b|package\s|using\s|def\s|class\s|function\b|var\s|let\s|const\s|public\s|private\s|static\s|struct\s|typedef\s|return\b|<\/?[a-z][\w:-]*[\s>])/i;
/** Share of a stretch's shingles repeating a span's own above which the stretch is a second text. */
const SECOND_TEXT_SHARE = 0.5;
/** Weight of a differing word that only names a party or joins others, against 1 for any other. */
const NAME_WEIGHT = 0.25;

/**
 * How many words of a candidate's region differ from its reference, words that only name a party
 * weighed lightly: the new words of each run of the region's shingles the reference lacks, the
 * words of each run of the reference's first-occurrence positions the region does not cover,
 * between its preamble and its end matter (both optional in copies), and the words of the region
 * the compared variants span together that this one's own span leaves out and its text lacks.
 */
function differingWords(
  c: Scored,
  rank: Uint32Array,
  inSet: Uint8Array,
  positions: Int32Array,
  textKind: (w: number) => number,
  region: readonly [number, number],
): number {
  const { e, first, last } = c;
  const weight = (kind: number) => (kind === KIND_NAME ? NAME_WEIGHT : 1);
  const covered = new Uint8Array(e.length);
  let cost = 0;
  // the shared region's words before and after this span that this reference lacks (a sentence
  // of the X.Net license's that MIT has not), unless that stretch mostly repeats the span's own
  // words: a second license text after the first (two BSD texts in a row), not more of this one
  if (region[0] < first || region[1] > last) {
    const own = new Set<number>();
    for (let p = first; p <= last; p++) own.add(rank[p]!);
    let repeated = 0;
    for (let p = region[0]; p < first; p++) if (own.has(rank[p]!)) repeated++;
    for (let p = last + 1; p <= region[1]; p++) if (own.has(rank[p]!)) repeated++;
    const outside = first - region[0] + Math.max(0, region[1] - last);
    if (repeated <= outside * SECOND_TEXT_SHARE) {
      for (let p = region[0]; p < first; p++) if (!inSet[rank[p]!]) cost += weight(textKind(p));
      for (let p = last + 1; p <= region[1]; p++)
        if (!inSet[rank[p]!]) cost += weight(textKind(p + SHINGLE_SIZE - 1));
    }
  }
  let run = 0;
  for (let p = first; p <= last + 1; p++) {
    if (p <= last) {
      const r = rank[p]!;
      const q = positions[r]!;
      if (q >= 0 && q < e.length) covered[q] = 1;
      if (!inSet[r]) {
        run++;
        continue;
      }
    }
    // a run of k shingles the reference lacks holds k - 2 words of its own
    for (let w = p - run + SHINGLE_SIZE - 1; w < p; w++) cost += weight(textKind(w));
    run = 0;
  }
  for (const [a, b] of missingRuns(covered, e.firsts, e.length)) {
    const from = Math.max(e.head, a === 0 ? 0 : a + SHINGLE_SIZE - 1);
    const to = Math.min(b, e.tail - 1);
    for (let w = from; w <= to; w++) cost += weight(kindAt(e.kinds, w));
  }
  return cost;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The stretch of the text where this reference dominates: the maximum-sum run (Kadane) scoring +1
 * for a shingle of the reference and -1 for any other. A sentence of the reference repeated far
 * away, or a different license appended after it, falls outside; text claimed by an earlier match
 * cannot be crossed.
 */
export function bestSpan(
  rank: Uint32Array,
  available: Uint8Array,
  inSet: Uint8Array,
  distinct: number,
): [number, number] | null {
  const seen = new Uint8Array(distinct);
  let best = 0,
    bestFirst = -1,
    bestLast = -1,
    sum = 0,
    start = 0;
  for (let p = 0; p < rank.length; p++) {
    if (!available[p]) {
      sum = 0;
      start = p + 1;
      continue;
    }
    // a shingle counts once: a second copy of the same text (a policy appended to a license that
    // already carries it) is not more evidence for this reference, so the span stops before it
    const r = rank[p]!;
    if (!inSet[r]) sum -= 1;
    else if (!seen[r]) {
      seen[r] = 1;
      sum += 1;
    }
    if (sum <= 0) {
      sum = 0;
      start = p + 1;
    } else if (sum > best) {
      best = sum;
      bestFirst = start;
      bestLast = p;
    }
  }
  return bestFirst < 0 ? null : [bestFirst, bestLast];
}
