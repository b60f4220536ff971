// Normalisation of license texts before matching: an ordered list of small named stages.
//
// Why stages come in two kinds: a copy of a license differs from its reference in how it is
// wrapped, so anything that may span a line break (a copyright notice, "All Rights\nReserved", an
// HTML tag, a list marker that lands at a line's start in one copy and mid-line in another) must
// be judged on the whole text, never line by line. Text stages therefore run on the whole
// document and *blank out* what they remove (every character but newlines becomes a space), so
// each token still knows the line of the original file it came from, which the line ranges of
// multi-license files and of changes need. Line stages that may change a line's length (Unicode
// folding, case, spelling) run first, one line at a time.

export interface LineStage {
  name: string;
  kind: "line";
  /** Folds characters or spellings; never adds or removes a line break, never anchors to one. */
  apply(text: string): string;
}

export interface TextStage {
  name: string;
  kind: "text";
  /**
   * Spans to blank out in the whole text (regular expressions with the g flag). A pattern with
   * `needs` can only match where one of those strings occurs: a text with none of them skips it,
   * which a search for a single character decides far faster than a pass of the expression.
   */
  patterns: (RegExp | { re: RegExp; needs: string[] })[];
}

export interface BlankStage {
  name: string;
  kind: "blank";
  /** Returns the text with the spans it removes blanked (same length, same newlines). */
  apply(text: string): string;
}

export type Stage = LineStage | TextStage | BlankStage;

const HTML_TAG =
  /<\/?(?:a|b|i|u|p|br|hr|div|span|h[1-6]|ul|ol|li|em|strong|code|pre|table|tr|td|th|tbody|thead|blockquote|sup|sub|font|center|img|section|article|header|footer|nav|small|big|details|summary|dl|dt|dd|html|body|head|title|meta|link)(?:\s[^<>]{0,300})?\/?>/g;
/**
 * A copyright notice: its marker, then up to the end of its sentence ("Inc. All ..."), of its
 * paragraph, or 300 characters, whichever comes first. The word "copyright" alone ("the above
 * copyright notice") is not a notice; it needs "(c)", "©", a year or a placeholder after it.
 * It also ends before the words that start a license's terms ("Licensed under", "You may",
 * "Permission is"), wherever they stand after a blank: a notice that stopped only where such
 * words begin a line would take more or fewer words depending on how the text is wrapped, and
 * re-wrapping a license must never change its words.
 */
// one blank before the words, not a run: the notice takes the blanks before them, and a run in
// the look-ahead would rescan every run of spaces from each of its positions
const NOTICE_STOP = String.raw`[ \t\n](?:Permission|Redistribution|Licensed|This\s+(?:file|program|library|software|code|source|work|package|module)|THIS\s+SOFTWARE|THE\s+SOFTWARE|Use\s+of|Everyone|You\s+may|Subject\s+to|Unless|Neither|SPDX|Released|Distributed|Available)\b`;
const NOTICE = new RegExp(
  String.raw`(?:\b(?:portions\s+)?copyright\s*(?:\(c\)|©|\d{4}|[[<{])|\(c\)\s*\d{4}|©)(?:(?!${NOTICE_STOP})(?:[^.\n]|\n(?![ \t]*\n)|\.(?![ \t\n]+[A-Z]|\s*$))){0,300}\.?`,
  "gi",
);
/**
 * Comment markers at a line's start and end ("/*", " * ", "//", "# ", ";;", "-- ", "dnl", "REM"),
 * blanked first: a license in a source file's header is the same text, and a line holding only a
 * marker is a blank line between paragraphs, which the copyright and title stages rely on.
 */
const COMMENT_MARK = String.raw`[ \t]*(?:\/\*+!?|\*+(?=[ \t\n/]|$)|\/\/+!?|#+!?(?=[ \t\n/]|$)|;+|--(?=[ \t\n]|$)|%+|!(?=[ \t\n])|(?:dnl|rem|REM|@c|@rem)(?=[ \t\n]|$)|'(?=[ \t])|"""|'''|<!--|\(\*|\{-|\.\\"|'\\")[ \t]?`;
// twice, as the markdown rules: at the text's start, and after a newline (kept by blanking)
const COMMENT_START = [new RegExp(`^${COMMENT_MARK}`, "g"), new RegExp(`\\n${COMMENT_MARK}`, "g")];
// the closer alone: a leading run of blanks would make the engine re-scan every run of spaces
// from each of its positions (quadratic on a long line of spaces)
const COMMENT_END = /(?:\*+\/|-->|\*\)|-\})(?=[ \t]*(?:\n|$))/g;
const RESERVED = /\ball\s+rights\s+reserved\b\.?/gi;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/gi;

/** Anything NFKC or the quote, dash and space folding below would change. */
const NEEDS_UNICODE = /[^\x00-\x7f]/;
// two passes, as before: "&amp;quot;" is a quote, "&amp;nbsp;" stays "&nbsp;"
const ENTITY_1 = /&(?:nbsp|amp);/gi;
const ENTITY_2 = /&(?:quot|#34|apos|#39|lt|gt);/gi;
/** Typographic entities of HTML copies ("&ldquo;Licensor&rdquo;"), and numeric ones. */
const ENTITY_3 =
  /&(?:[lr][sd]quo|[mn]dash|hellip|copy|reg|trade|sect|para|middot|bull|#\d{2,5}|#x[0-9a-f]{2,4});/gi;
const NAMED: Record<string, string> = {
  "&lsquo;": "'",
  "&rsquo;": "'",
  "&ldquo;": '"',
  "&rdquo;": '"',
  "&mdash;": "-",
  "&ndash;": "-",
  "&hellip;": "...",
  "&copy;": "©",
  "&reg;": " ",
  "&trade;": " ",
  "&sect;": "§",
  "&para;": " ",
  "&middot;": " ",
  "&bull;": " ",
};
function entity3(e: string): string {
  const k = e.toLowerCase();
  if (NAMED[k]) return NAMED[k];
  const code = k[2] === "x" ? parseInt(k.slice(3, -1), 16) : parseInt(k.slice(2, -1), 10);
  // a numeric entity for a control character or a line break would move lines: a space instead
  return code >= 32 && code < 0xd800 ? String.fromCharCode(code) : " ";
}
/** Quotes, dashes and spaces folded to their ASCII forms, in one pass. */
const FOLD: Record<string, string> = {};
for (const c of "\u2018\u2019\u201a\u201b\u2032\u00b4`") FOLD[c] = "'";
for (const c of "\u201c\u201d\u201e\u2033\u00ab\u00bb") FOLD[c] = '"';
for (const c of "\u2010\u2011\u2012\u2013\u2014\u2015\u2212") FOLD[c] = "-";
for (const c of "\u00a0\u202f\u205f\u3000\ufeff") FOLD[c] = " ";
for (let c = 0x2000; c <= 0x200b; c++) FOLD[String.fromCharCode(c)] = " ";
const FOLDED = new RegExp(`[${Object.keys(FOLD).join("")}]`, "g");
const ENTITIES: Record<string, string> = {
  "&nbsp;": " ",
  "&amp;": "&",
  "&quot;": '"',
  "&#34;": '"',
  "&apos;": "'",
  "&#39;": "'",
  "&lt;": "<",
  "&gt;": ">",
};

export const STAGES: readonly Stage[] = [
  {
    name: "unicode",
    kind: "line",
    // most license files are plain ASCII: one scan decides whether the folding passes are needed
    apply(l) {
      if (NEEDS_UNICODE.test(l)) l = l.normalize("NFKC").replace(FOLDED, (c) => FOLD[c]!);
      else if (l.includes("`")) l = l.replace(/`/g, "'");
      if (!l.includes("&")) return l;
      const entity = (e: string) => ENTITIES[e.toLowerCase()]!;
      return l.replace(ENTITY_1, entity).replace(ENTITY_2, entity).replace(ENTITY_3, entity3);
    },
  },
  { name: "comments", kind: "text", patterns: [...COMMENT_START, COMMENT_END] },
  // copyright notices are matched before case folding: a sentence ends at ". Capital"
  { name: "copyright", kind: "text", patterns: [NOTICE, RESERVED] },
  // real tags only: "<year>", "<name of author>" are placeholders whose words count
  { name: "html", kind: "text", patterns: [{ re: HTML_TAG, needs: ["<"] }] },
  { name: "urls", kind: "text", patterns: [URL] },
  {
    name: "markdown",
    kind: "text",
    // Every alternative starts with a literal character (a lookbehind goes after it), so the
    // regular expression engine skips ahead to candidates instead of trying every position.
    patterns: [
      { re: /\]\([^)\n]*\)/g, needs: ["]("] },
      { re: /!?\[(?=[^\]\n]*\])/g, needs: ["["] },
      // line-start rules come twice: at the text's start, and after a newline (matched with the
      // rule, which blanking keeps), which the engine finds faster than a multi-line "^"
      /^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)+/g,
      { re: /\n[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)+/g, needs: ["#", ">"] },
      /^[ \t]*(?:[-*_=][ \t]*){3,}(?=\n|$)/g,
      /\n[ \t]*(?:[-*_=][ \t]*){3,}(?=\n|$)/g,
      { re: /\*\*|__|~~|\*(?=\S)|\*(?<=\S\*)|`+/g, needs: ["*", "__", "~~", "`"] },
    ],
  },
  {
    name: "bullets",
    kind: "text",
    // bullets at a line's start ("- ", "• ")
    patterns: [/^[ \t]*[-*+•·▪][ \t]+/g, /\n[ \t]*[-*+•·▪][ \t]+/g],
  },
  // list markers ("(a)", "ii.", "3)") wherever they stand
  { name: "list-markers", kind: "blank", apply: blankListMarkers },
  { name: "case", kind: "line", apply: (l) => l.toLowerCase() },
  {
    name: "spelling",
    kind: "line",
    // British and American spellings are the same license (licensee does the same); each fold is
    // tried only where its stem occurs, which in most texts is nowhere
    apply(l) {
      if (!SPELLING_STEMS.test(l)) return l;
      for (const f of SPELLINGS) if (l.includes(f.stem)) l = l.replace(f.re, atWord(f.to));
      return l;
    },
  },
  {
    // A leading title ("# MIT License", "Version 2.0, January 2004") varies between copies of the
    // same text. A title is a whole paragraph of its own of a few words with no sentence in it;
    // judging whole paragraphs keeps the decision the same however the text is wrapped. Up to
    // five such paragraphs at the start are dropped.
    name: "title",
    kind: "blank",
    apply(doc) {
      const n = doc.length;
      const lineEnd = (p: number) => {
        const e = doc.indexOf("\n", p);
        return e < 0 ? n : e;
      };
      const blankLine = (a: number, b: number) => !doc.slice(a, b).trim();
      let pos = 0;
      let cut = 0;
      for (let dropped = 0; dropped < MAX_TITLES; dropped++) {
        while (pos < n && blankLine(pos, lineEnd(pos))) pos = lineEnd(pos) + 1;
        if (pos >= n) break;
        // the paragraph's lines, stopping as soon as it has too many words to be a title
        let end = pos;
        let words = 0;
        while (end < n && words <= TITLE_WORDS) {
          const line = doc.slice(end, lineEnd(end)).trim();
          if (!line) break;
          words += line.split(/\s+/).length;
          end = lineEnd(end) + 1;
        }
        if (words > TITLE_WORDS) break;
        const para = doc.slice(pos, Math.min(end, n)).replace(/\n/g, " ").trim();
        // no sentence inside it: a heading, a name, a date line, "Section I: PREAMBLE"
        // nor a sentence of terms: "You may not use the Software to train any model." is a
        // clause added ahead of the license, which matching must see
        const titleLike =
          words > 0 && !/[.;]\s+\S/.test(para.replace(/\d\.\d/g, "")) && !BINDING_WORDS.test(para);
        if (!titleLike) break;
        cut = pos = Math.min(end, n);
      }
      return cut ? blank(doc.slice(0, cut)) + doc.slice(cut) : doc;
    },
  },
];

/**
 * A replacer that applies only at the start of a word: the same as a leading \b in the
 * expression, which would make the engine try every position instead of skipping to the stem.
 */
function atWord(
  to: (m: string, ...groups: (string | undefined)[]) => string,
): (m: string, ...rest: unknown[]) => string {
  return (m, ...rest) => {
    const offset = rest[rest.length - 2] as number;
    const text = rest[rest.length - 1] as string;
    const prev = offset > 0 ? text.charCodeAt(offset - 1) : 32;
    return isWordChar(prev) || prev === 95 || (prev >= 65 && prev <= 90)
      ? m
      : to(m, ...(rest.slice(0, -2) as (string | undefined)[]));
  };
}

/**
 * Spellings folded to one: each applies at the start of a word, and only where its stem occurs
 * (without the stem, the expression cannot change anything).
 */
const SPELLINGS: {
  stem: string;
  re: RegExp;
  to: (m: string, ...groups: (string | undefined)[]) => string;
}[] = [
  { stem: "licenc", re: /licen[cs]e(s|d)?\b/g, to: (_, sd) => `license${sd ?? ""}` },
  { stem: "authoris", re: /authori[sz]/g, to: () => "authoriz" },
  { stem: "non-commercial", re: /non-?commercial/g, to: () => "noncommercial" },
  { stem: "sub-license", re: /sub-?license/g, to: () => "sublicense" },
];
const SPELLING_STEMS = new RegExp(SPELLINGS.map((f) => f.stem).join("|"));
const MAX_TITLES = 5;
const TITLE_WORDS = 12;
/** Words by which a short paragraph binds its reader, which no title does. */
const BINDING_WORDS =
  /\b(?:shall|must|may not|may only|cannot|can not|agree|agrees|prohibited|forbidden|not permitted|only be used|solely|exclusively)\b/i;

/** What JavaScript's \s matches. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x80 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

const isAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** i v x l c, either case */
const isRoman = (c: number) => "ivxlcIVXLC".includes(String.fromCharCode(c));

/**
 * Blanks list markers: "(a)", "ii.", "3)", "b." standing at the text's start or after a space,
 * ":", ";", "," or "(", and followed by a space or the end. The same rule as the expression
 * /(?<=^|[\s:;,(])\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)](?=\s|$)/gi, found from the "." or ")"
 * backwards: a regular expression has to try every letter as a marker's start, and is the
 * slowest stage by far.
 */
function blankListMarkers(doc: string): string {
  const n = doc.length;
  let out = "";
  let copied = 0;
  let dot = doc.indexOf(".");
  let paren = doc.indexOf(")");
  while (dot >= 0 || paren >= 0) {
    // the next "." or ")", found by indexOf (far faster than a loop over every character)
    let i: number;
    if (paren < 0 || (dot >= 0 && dot < paren)) {
      i = dot;
      dot = doc.indexOf(".", dot + 1);
    } else {
      i = paren;
      paren = doc.indexOf(")", paren + 1);
    }
    if (i + 1 < n && !isSpace(doc.charCodeAt(i + 1))) continue;
    let start = i;
    while (start > 0 && isAlnum(doc.charCodeAt(start - 1))) start--;
    const len = i - start;
    if (len === 0 || len > 6) continue;
    let digits = 0,
      roman = 0;
    for (let k = start; k < i; k++) {
      const c = doc.charCodeAt(k);
      if (isDigit(c)) digits++;
      else if (isRoman(c)) roman++;
    }
    const marker = (digits === len && len <= 3) || (digits === 0 && (len === 1 || roman === len));
    if (!marker) continue;
    if (start > 0 && doc.charCodeAt(start - 1) === 40) start--; // "("
    // the boundary before the marker (an opening parenthesis is one itself)
    if (start > 0) {
      const b = doc.charCodeAt(start - 1);
      if (!(isSpace(b) || b === 58 || b === 59 || b === 44 || b === 40) && doc.charCodeAt(start) !== 40)
        continue;
    }
    out += doc.slice(copied, start) + " ".repeat(i + 1 - start);
    copied = i + 1;
  }
  return copied ? out + doc.slice(copied) : doc;
}

/** Replaces a match by spaces, keeping its newlines, so offsets and line numbers survive. */
function blank(m: string): string {
  return m.includes("\n") ? m.replace(/[^\n]/g, " ") : " ".repeat(m.length);
}

/**
 * The words of a normalised text, in order, as spans of the normalised document, with the 0-based
 * line of the original each came from. Spans, not strings: hashing shingles straight from the
 * document saves a string per word, which was most of what identification allocated.
 */
export class Tokens {
  constructor(
    /** The normalised document. */
    readonly doc: string,
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly lines: Uint32Array,
    /** Whether some word holds an apostrophe (dropped from the word). */
    readonly apostrophes: boolean,
  ) {}

  get count(): number {
    return this.starts.length;
  }

  word(i: number): string {
    const w = this.doc.slice(this.starts[i], this.ends[i]);
    return this.apostrophes && w.includes("'") ? w.replace(/'/g, "") : w;
  }
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
let scratch = new Uint32Array(3 * 8192);

/** Runs every stage and splits into words that remember their line. */
export function tokenize(text: string, stages: readonly Stage[] = STAGES): Tokens {
  // One string for the whole document: line stages never change the number of lines (they fold
  // characters and spellings, and none is anchored to a line's ends), so they run on the whole
  // text too.
  let doc = text.replace(/^\ufeff/, "");
  if (doc.includes("\r")) doc = doc.replace(/\r\n?/g, "\n");
  for (const s of stages) {
    if (s.kind === "text")
      for (const p of s.patterns) {
        if (p instanceof RegExp) doc = doc.replace(p, blank);
        else if (p.needs.some((n) => doc.includes(n))) doc = doc.replace(p.re, blank);
      }
    else doc = s.apply(doc);
  }
  // A word is [a-z0-9]+ joined by single dots or apostrophes ("3.0", "licensor's"); apostrophes
  // are dropped. Scanned by hand: a regular expression match object per word costs more than the
  // rest of tokenizing.
  const max = (doc.length >> 1) + 1;
  if (scratch.length < max) scratch = new Uint32Array(Math.max(max, 2 * scratch.length) * 3);
  // one scratch buffer for the three arrays, copied out at their final size: allocating them at
  // the largest size they could need, per file, cost more in memory traffic than the scan
  const cap = Math.floor(scratch.length / 3);
  const starts = scratch.subarray(0, cap);
  const ends = scratch.subarray(cap, 2 * cap);
  const lines = scratch.subarray(2 * cap);
  const n = doc.length;
  let count = 0;
  let line = 0;
  let apostrophes = false;
  for (let i = 0; i < n;) {
    const c = doc.charCodeAt(i);
    if (!isWordChar(c)) {
      if (c === 10) line++;
      i++;
      continue;
    }
    const start = i++;
    for (;;) {
      while (i < n && isWordChar(doc.charCodeAt(i))) i++;
      const d = doc.charCodeAt(i);
      if ((d === 46 || d === 39) && i + 1 < n && isWordChar(doc.charCodeAt(i + 1))) {
        if (d === 39) apostrophes = true;
        i += 2;
      } else break;
    }
    starts[count] = start;
    ends[count] = i;
    lines[count++] = line;
  }
  return new Tokens(doc, starts.slice(0, count), ends.slice(0, count), lines.slice(0, count), apostrophes);
}
