// Normalisation of license texts before matching: an ordered list of small named stages. Each
// stage maps lines to lines and keeps the line count, so every token can still say which line of
// the original file it came from (needed for line ranges of multi-license files and changes).

export interface Stage {
  name: string;
  apply(lines: string[]): string[];
}

const perLine = (name: string, fn: (line: string) => string): Stage => ({ name, apply: (ls) => ls.map(fn) });

/** Lines made only of these are dropped: a copyright line names a holder, not a license term. */
// "Copyright (c) 2024 X", "Copyright 2019 X", "Copyright [yyyy] [name]": a notice, not the word
// "copyright" starting a wrapped line of a sentence ("COPYRIGHT HOLDERS BE LIABLE", "copyright notice").
const COPYRIGHT =
  /^\s*(?:[-*#>\s]*)(?:copyright\s*(?:\(c\)|©|\d{4}|[[<{])|\(c\)\s*\d|©|all rights reserved)/i;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/gi;

export const STAGES: readonly Stage[] = [
  perLine("unicode", (l) =>
    l
      .normalize("NFKC")
      .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
      .replace(/[\u201c\u201d\u201e\u2033\u00ab\u00bb]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, " "),
  ),
  perLine("html", (l) =>
    l
      .replace(/<[^>]{0,200}>/g, " ")
      .replace(/&nbsp;/gi, " ")
      .replace(/&amp;/gi, "&")
      .replace(/&(?:quot|#34);/gi, '"')
      .replace(/&(?:apos|#39);/gi, "'")
      .replace(/&lt;/gi, "<")
      .replace(/&gt;/gi, ">"),
  ),
  perLine("urls", (l) => l.replace(URL, " ")),
  perLine("markdown", (l) =>
    l
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?)+/, "")
      .replace(/^\s*(?:[-*_=]\s*){3,}$/, "")
      .replace(/(\*\*|__|\*|~~)(?=\S)|(?<=\S)(\*\*|__|\*|~~)/g, "")
      .replace(/`+/g, ""),
  ),
  perLine("copyright", (l) => (COPYRIGHT.test(l) ? "" : l)),
  perLine("bullets", (l) =>
    l
      .replace(/^\s*(?:[-*+•·o▪]\s+|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]\s+)+/i, "")
      // list markers inside a line ("... as follows: (a) ...; (b) ..."): where a line breaks
      // must not decide whether a marker is a word, or a re-wrapped license looks modified
      .replace(/(^|[\s:;,])\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)](?=\s)/gi, "$1"),
  ),
  perLine("case", (l) => l.toLowerCase()),
  perLine("spelling", (l) =>
    // British and American spellings are the same license (licensee does the same).
    l
      .replace(/\blicen[cs]e(s|d)?\b/g, "license$1")
      .replace(/\bauthori[sz]/g, "authoriz")
      .replace(/\bor\s+later\b/g, "or later")
      .replace(/\bnon-?commercial/g, "noncommercial")
      .replace(/\bsub-?license/g, "sublicense"),
  ),
  {
    // A leading title ("# MIT License", "Version 2.0, January 2004") varies between copies of the
    // same text; drop up to three short leading lines that read like a title.
    name: "title",
    apply(lines) {
      const out = lines.slice();
      let dropped = 0;
      for (let i = 0; i < out.length && dropped < 3; i++) {
        const l = out[i]!.trim();
        if (!l) continue;
        const words = l.split(/\s+/).length;
        // a title stands in a short block of its own: the first lines of a paragraph re-wrapped
        // to short lines ("This License Agreement (as may be amended ...") are not a title
        let first = i,
          last = i;
        while (first > 0 && out[first - 1]!.trim()) first--;
        while (last + 1 < out.length && out[last + 1]!.trim()) last++;
        if (
          last - first < 3 &&
          words <= 12 &&
          /\b(license|agreement|terms|version|policy|dated)\b/.test(l) &&
          !/[.;:]\s*\S/.test(l.replace(/\d\.\d/g, ""))
        ) {
          out[i] = "";
          dropped++;
        } else break;
      }
      return out;
    },
  },
];

export interface Token {
  word: string;
  /** 0-based line of the original text. */
  line: number;
}

const WORD = /[a-z0-9]+(?:[.'][a-z0-9]+)*/g;

/** Runs every stage and splits into word tokens that remember their line. */
export function tokenize(text: string, stages: readonly Stage[] = STAGES): Token[] {
  let lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  for (const s of stages) lines = s.apply(lines);
  const tokens: Token[] = [];
  lines.forEach((l, line) => {
    for (const m of l.matchAll(WORD)) tokens.push({ word: m[0].replace(/'/g, ""), line });
  });
  return tokens;
}
