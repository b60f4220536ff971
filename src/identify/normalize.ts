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
  /** Spans to blank out in the whole text (regular expressions with the g flag). */
  patterns: RegExp[];
}

export interface ParagraphStage {
  name: string;
  kind: "lines";
  apply(lines: string[]): string[];
}

export type Stage = LineStage | TextStage | ParagraphStage;

const HTML_TAG =
  /<\/?(?:a|b|i|u|p|br|hr|div|span|h[1-6]|ul|ol|li|em|strong|code|pre|table|tr|td|th|tbody|thead|blockquote|sup|sub|font|center|img|section|article|header|footer|nav|small|big|details|summary|dl|dt|dd|html|body|head|title|meta|link)(?:\s[^<>]{0,300})?\/?>/g;
/**
 * A copyright notice: its marker, then up to the end of its sentence ("Inc. All ..."), of its
 * paragraph, or 300 characters, whichever comes first. The word "copyright" alone ("the above
 * copyright notice") is not a notice; it needs "(c)", "©", a year or a placeholder after it.
 */
const NOTICE =
  /(?:\b(?:portions\s+)?copyright\s*(?:\(c\)|©|\d{4}|[[<{])|\(c\)\s*\d{4}|©)(?:[^.\n]|\n(?![ \t]*\n)|\.(?!\s+[A-Z]|\s*$)){0,300}\.?/gi;
const RESERVED = /\ball\s+rights\s+reserved\b\.?/gi;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/gi;

export const STAGES: readonly Stage[] = [
  {
    name: "unicode",
    kind: "line",
    apply: (l) =>
      l
        .normalize("NFKC")
        .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
        .replace(/[\u201c\u201d\u201e\u2033\u00ab\u00bb]/g, '"')
        .replace(/[\u2010-\u2015\u2212]/g, "-")
        .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, " ")
        .replace(/&nbsp;/gi, " ")
        .replace(/&amp;/gi, "&")
        .replace(/&(?:quot|#34);/gi, '"')
        .replace(/&(?:apos|#39);/gi, "'")
        .replace(/&lt;/gi, "<")
        .replace(/&gt;/gi, ">"),
  },
  // copyright notices are matched before case folding: a sentence ends at ". Capital"
  { name: "copyright", kind: "text", patterns: [NOTICE, RESERVED] },
  // real tags only: "<year>", "<name of author>" are placeholders whose words count
  { name: "html", kind: "text", patterns: [HTML_TAG] },
  { name: "urls", kind: "text", patterns: [URL] },
  {
    name: "markdown",
    kind: "text",
    patterns: [
      /\]\([^)\n]*\)/g,
      /!?\[(?=[^\]\n]*\])/g,
      /^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)+/gm,
      /^[ \t]*(?:[-*_=][ \t]*){3,}$/gm,
      /\*\*|__|~~|\*(?=\S)|(?<=\S)\*|`+/g,
    ],
  },
  {
    name: "bullets",
    kind: "text",
    // list markers ("- ", "(a)", "ii.", "3)") by one rule wherever they stand
    patterns: [/^[ \t]*[-*+•·▪][ \t]+/gm, /(?<=^|[\s:;,(])\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)](?=\s|$)/gim],
  },
  { name: "case", kind: "line", apply: (l) => l.toLowerCase() },
  {
    name: "spelling",
    kind: "line",
    // British and American spellings are the same license (licensee does the same)
    apply: (l) =>
      l
        .replace(/\blicen[cs]e(s|d)?\b/g, "license$1")
        .replace(/\bauthori[sz]/g, "authoriz")
        .replace(/\bnon-?commercial/g, "noncommercial")
        .replace(/\bsub-?license/g, "sublicense"),
  },
  {
    // A leading title ("# MIT License", "Version 2.0, January 2004") varies between copies of the
    // same text. A title is a whole paragraph of its own of a few words with no sentence in it;
    // judging whole paragraphs keeps the decision the same however the text is wrapped. Up to
    // five such paragraphs at the start are dropped.
    name: "title",
    kind: "lines",
    apply(lines) {
      const out = lines.slice();
      let i = 0;
      for (let dropped = 0; dropped < MAX_TITLES; dropped++) {
        while (i < out.length && !out[i]!.trim()) i++;
        let end = i;
        while (end < out.length && out[end]!.trim()) end++;
        const para = out.slice(i, end).join(" ").trim();
        const words = para ? para.split(/\s+/).length : 0;
        // no sentence inside it: a heading, a name, a date line, "Section I: PREAMBLE"
        const titleLike = words > 0 && words <= 12 && !/[.;]\s+\S/.test(para.replace(/\d\.\d/g, ""));
        if (!titleLike) break;
        for (let k = i; k < end; k++) out[k] = "";
        i = end;
      }
      return out;
    },
  },
];

const MAX_TITLES = 5;

/** Replaces a match by spaces, keeping its newlines, so offsets and line numbers survive. */
function blank(m: string): string {
  return m.replace(/[^\n]/g, " ");
}

export interface Token {
  word: string;
  /** 0-based line of the original text. */
  line: number;
}

const WORD = /[a-z0-9]+(?:[.'][a-z0-9]+)*/g;

/** Runs every stage and splits into word tokens that remember their line. */
export function tokenize(text: string, stages: readonly Stage[] = STAGES): Token[] {
  // One string for the whole document: line stages never change the number of lines (they fold
  // characters and spellings, and none is anchored to a line's ends), so they run on the whole
  // text too; only the paragraph stage needs the text cut into lines.
  let doc = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  for (const s of stages) {
    if (s.kind === "line") doc = s.apply(doc);
    else if (s.kind === "lines") doc = s.apply(doc.split("\n")).join("\n");
    else for (const p of s.patterns) doc = doc.replace(p, blank);
  }
  const tokens: Token[] = [];
  let line = 0;
  let nextBreak = doc.indexOf("\n");
  for (const m of doc.matchAll(WORD)) {
    while (nextBreak >= 0 && nextBreak < m.index) {
      line++;
      nextBreak = doc.indexOf("\n", nextBreak + 1);
    }
    tokens.push({ word: m[0].includes("'") ? m[0].replace(/'/g, "") : m[0], line });
  }
  return tokens;
}
