// Hub model and dataset ids as people write them ("https://huggingface.co/org/name/tree/main",
// "org/name@rev", "hf:org/name") reduced to "org/name".

/**
 * "owner/name" of word characters, dots and dashes, starting with a letter or digit, with no ".."
 * and not ending in "/tree", "/blob" or "/resolve": the same test as
 * /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/ and not /\.\.|\/(tree|blob|resolve)$/, by one scan.
 */
export function isPlainId(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  let slash = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum || c === 95 || c === 45) continue; // _ -
    if (c === 46) {
      if (i > 0 && s.charCodeAt(i - 1) === 46) return false; // ..
      if (i === 0) return false;
      continue;
    }
    if (c === 47 && slash < 0 && i > 0) {
      slash = i;
      continue;
    }
    return false;
  }
  if (slash < 0 || slash === n - 1) return false;
  const first = s.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122)))
    return false;
  // the name compared in place, not as a substring made for every id and base of a dump
  const len = n - slash - 1;
  if (len === 4) return !s.endsWith("tree") && !s.endsWith("blob");
  return len !== 7 || !s.endsWith("resolve");
}

/** Ids are at most 96 + 96 characters on the Hub; with a URL around them, far below this. */
const MAX_RAW_ID = 1024;
const MAX_ID = 200;

/** `s` up to `at` (a revision or a /tree/ path), unless a line break follows: then the id is junk. */
function cut(s: string, at: number): string {
  return at >= 0 && !/[\n\r\u2028\u2029]/.test(s.slice(at)) ? s.slice(0, at) : s;
}

const HUB_URL = "https://huggingface.co/";

/** "https://huggingface.co/org/name", "org/name@rev", "hf:org/name" to "org/name"; junk to null. */
export function cleanModelId(raw: string): string | null {
  // most ids are already clean; skip the string work for them (the audit calls this millions of times)
  if (isPlainId(raw)) return raw;
  // a card's base as the Hub URL of a plain id, as cards often write their bases: what the
  // rules below make of it, without their five regular expressions (test/inspect/model-id.test.ts
  // holds the two to each other)
  if (raw.length > HUB_URL.length && raw.length <= HUB_URL.length + MAX_ID && raw.startsWith(HUB_URL)) {
    const s = raw.slice(HUB_URL.length);
    if (isPlainId(s) && !NOT_AN_ID.test(s)) return s;
  }
  // a pinned base, "org/name@rev" or "org/name#part": the id before the mark, as the rules cut it
  // (they keep the whole string when a line break follows the mark)
  if (raw.length <= MAX_RAW_ID) {
    const at = markAt(raw);
    if (at > 0 && at <= MAX_ID) {
      const s = raw.slice(0, at);
      if (isPlainId(s) && !NOT_AN_ID.test(s) && !LINE_BREAK.test(raw.slice(at))) return s;
    }
  }
  return cleanModelIdByRules(raw);
}

/** What the rules strip or refuse in front of a plain id. */
const NOT_AN_ID = /^(?:models|datasets)\/|^n\/a$/i;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** The first "@" or "#" in `s`, or -1. */
function markAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 64 || c === 35) return i;
  }
  return -1;
}

/**
 * `cleanModelId`'s rules alone, for an id that is not plain (a plain id is its own clean id):
 * exported for the test that holds the Hub URL fast path to them.
 */
export function cleanModelIdByRules(raw: string): string | null {
  if (raw.length > MAX_RAW_ID) return null;
  // hf:org/name, hf://org/name (huggingface_hub's file system), the Hub's URL, also at hf.co, its
  // short domain, and without a scheme when a whole org/name follows (a single "hf.co/x" is an id
  // as it stands, and the fast path above takes it so)
  let s = raw
    .trim()
    .replace(/^hf:(\/\/)?/, "")
    .replace(/^https?:\/\/(www\.)?(huggingface|hf)\.co\//i, "")
    .replace(/^(www\.)?(huggingface|hf)\.co\/(?=[\w.-]+\/)/i, "");
  s = s.replace(/^(models|datasets)\//, "");
  s = cut(s, s.search(/[@#]/));
  // "org/name:Q4_K_M", as Ollama and llama.cpp name a GGUF repo's quantization: no Hub id holds a
  // colon, so what follows one after a whole id is a tag (a URL of another site keeps its colon)
  const colon = s.indexOf(":");
  if (colon > 0 && isPlainId(s.slice(0, colon))) s = s.slice(0, colon);
  s = cut(s, s.search(/\/(tree|blob|resolve)\//));
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--; // trailing slashes
  s = s.slice(0, end);
  if (!s || /\s/.test(s) || s.length > MAX_ID || /^(removed|none|null|n\/a)$/i.test(s)) return null;
  return s;
}
