// License files written by word processors (an EULA or a vendor's license saved as .rtf) hide
// their words among control words, font tables and embedded pictures: read as text they are no
// license at all. Their words are taken out here, paragraph breaks kept as line breaks, so that
// the matchers read them as they would the same license saved as plain text. One pass over the
// input with a bounded look-ahead per step: linear on any input, however malformed.

/** A document opens "{\rtf"; a byte-order mark or blank lines may come first. */
const RTF_START = /^\uFEFF?[ \t\r\n]*\{\\rtf/;

export function isRtf(text: string): boolean {
  return RTF_START.test(text.slice(0, 64));
}

/**
 * Destinations whose content is no part of the document's text: tables of fonts, colours and
 * styles, document properties, pictures and objects, field instructions (a field's result is
 * kept), headers and footers (a page number, a title repeated on every page).
 */
const SKIPPED = new Set([
  "fonttbl",
  "colortbl",
  "stylesheet",
  "info",
  "pict",
  "object",
  "objdata",
  "themedata",
  "colorschememapping",
  "latentstyles",
  "datastore",
  "xmlnstbl",
  "listtable",
  "listoverridetable",
  "rsidtbl",
  "revtbl",
  "filetbl",
  "generator",
  "fldinst",
  "nonshppict",
  "header",
  "headerl",
  "headerr",
  "headerf",
  "footer",
  "footerl",
  "footerr",
  "footerf",
]);

/** Control words that stand for text. */
const WORD_TEXT: Record<string, string> = {
  par: "\n",
  line: "\n",
  sect: "\n",
  page: "\n",
  row: "\n",
  tab: "\t",
  cell: "\t",
  emdash: "\u2014",
  endash: "\u2013",
  emspace: " ",
  enspace: " ",
  qmspace: " ",
  lquote: "\u2018",
  rquote: "\u2019",
  ldblquote: "\u201c",
  rdblquote: "\u201d",
  bullet: "\u2022",
};

/** Control symbols (a backslash and one character) that stand for text. */
const SYMBOL_TEXT: Record<string, string> = {
  "\\": "\\",
  "{": "{",
  "}": "}",
  "~": " ",
  _: "-",
  "-": "",
  "\n": "\n",
  "\r": "\n",
};

/** The RFC's limits on a control word's letters and its numeric parameter's digits. */
const MAX_WORD = 32;
const MAX_DIGITS = 10;

/** Windows-1252's 0x80-0x9F, where it differs from Latin-1 (typographic quotes and dashes). */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Braces, backslash, line breaks and NUL: the characters that end a run of plain text. */
const isSpecial = (c: number) => c === 123 || c === 125 || c === 92 || c === 10 || c === 13 || c === 0;
const HEX = /^[0-9a-fA-F]{2}$/;

/** The text of an RTF document: its words, with a line break for each paragraph. */
export function rtfToText(src: string): string {
  const out: string[] = [];
  // per open group: whether its content is skipped, and how many fallback characters follow \uN
  const skips: boolean[] = [];
  const ucs: number[] = [];
  let skip = false;
  let uc = 1;
  // fallback characters still to drop after a \uN (readers without Unicode show those instead)
  let fallback = 0;
  // a group's first control word may name a destination
  let groupStart = false;
  const n = src.length;
  let i = 0;
  const emit = (s: string) => {
    if (!skip) out.push(s);
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 123) {
      skips.push(skip);
      ucs.push(uc);
      groupStart = true;
      fallback = 0;
      i++;
      continue;
    }
    if (c === 125) {
      if (skips.length) {
        skip = skips.pop()!;
        uc = ucs.pop()!;
      }
      groupStart = false;
      fallback = 0;
      i++;
      continue;
    }
    if (c === 92) {
      const d = src.charCodeAt(i + 1);
      if (isLetter(d)) {
        let j = i + 1;
        while (j < n && j - i <= MAX_WORD && isLetter(src.charCodeAt(j))) j++;
        const word = src.slice(i + 1, j);
        let k = j;
        if (src.charCodeAt(k) === 45 && isDigit(src.charCodeAt(k + 1))) k++;
        const digits = k;
        while (k < n && k - digits < MAX_DIGITS && isDigit(src.charCodeAt(k))) k++;
        const num = k > digits ? Number(src.slice(j, k)) : NaN;
        // one space delimits a control word and is no text
        if (src.charCodeAt(k) === 32) k++;
        i = k;
        const first = groupStart;
        groupStart = false;
        if (first && SKIPPED.has(word)) {
          skip = true;
          continue;
        }
        if (word === "bin" && num > 0) {
          i += num;
          continue;
        }
        if (word === "uc" && num >= 0) {
          uc = num;
          continue;
        }
        if (word === "u" && !Number.isNaN(num)) {
          const code = num < 0 ? num + 65536 : num;
          if (code > 0 && code < 0xd800) emit(String.fromCharCode(code));
          else if (code >= 0xe000 && code <= 0xffff) emit(String.fromCharCode(code));
          fallback = uc;
          continue;
        }
        const t = WORD_TEXT[word];
        if (t !== undefined) {
          fallback = 0;
          emit(t);
        }
        continue;
      }
      const sym = src[i + 1] ?? "";
      if (sym === "*") {
        // "{\*\dest ...}": a destination this reader may not know, to be skipped
        if (groupStart) skip = true;
        i += 2;
        continue;
      }
      groupStart = false;
      if (sym === "'") {
        const hex = src.slice(i + 2, i + 4);
        i += 2;
        if (!HEX.test(hex)) continue;
        i += 2;
        if (fallback > 0) {
          fallback--;
          continue;
        }
        const b = parseInt(hex, 16);
        emit(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b));
        continue;
      }
      i += 2;
      const t = SYMBOL_TEXT[sym];
      if (t !== undefined) {
        if (fallback > 0) fallback--;
        else emit(t);
      }
      continue;
    }
    // line breaks in the source are no text; NULs some writers leave at the end are none either
    if (c === 10 || c === 13 || c === 0) {
      i++;
      continue;
    }
    groupStart = false;
    if (fallback > 0) {
      fallback--;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isSpecial(src.charCodeAt(j))) j++;
    emit(src.slice(i, j));
    i = j;
  }
  return out.join("");
}
