// Builds data/generated/fingerprints.bin from the SPDX texts of the spdx-license-list package and
// the knowledge base's corpus texts (../shared/corpus). Only hashes are written, never the texts.
// Usage: npm run fingerprints   (or with --check: exit 1 when the committed file is stale)
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadKbSource } from "../src/kb/load-data.js";
import { defaultCorpusDir, spdxTexts } from "../src/kb/reference-texts.js";
import { tokenize, type Tokens } from "../src/identify/normalize.js";
import { KIND_DISCLAIMER, wordKind, wordKinds } from "../src/identify/differences.js";
import { corpusTitles, referencePart } from "../src/identify/reference-part.js";
import { exactHash, SHINGLE_SIZE, shingleSequence, shingleSetAndRank } from "../src/identify/shingles.js";
import {
  encodeBinary,
  readHeader,
  encodeSet,
  encodeU16,
  FINGERPRINT_FORMAT,
  fingerprintPath,
  type FingerprintEntry,
  type FingerprintFile,
} from "../src/identify/fingerprint-index.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Where a license's end matter begins: the instructions and sample notices after its terms, and
 * the licensor's notice after a Creative Commons license. Copies of a license often leave them
 * out, so their absence is no change to the terms. Only looked for in the last half of the text,
 * since some licenses name "Exhibit A" in their definitions. The GFDL's addendum ("How to use this
 * License for your documents") is its sample notice: a project's own notice written above the
 * license repeats its words, and what lies between them is no term of the license.
 */
const END_MATTER = [
  "end of terms and conditions",
  "how to apply these terms",
  "appendix how to apply",
  "addendum how to use this license for your documents",
  "exhibit a source code form license notice",
  "creative commons is not a party to",
  "creative commons notice",
].map((m) => m.split(" "));

function tailOf(tokens: Tokens): number {
  const n = tokens.count;
  for (let i = Math.floor(n / 2); i < n; i++)
    for (const m of END_MATTER)
      if (m.every((w, k) => i + k < n && tokens.word(i + k) === w)) return Math.min(i, seqLength(n));
  return seqLength(n);
}

/**
 * Where a license's terms begin after a preamble that copies leave out: Creative Commons texts
 * open with the notice that Creative Commons is not a law firm and its advice to licensors.
 * Looked for in the first 40% of the text.
 */
const TERMS_START = [
  "by exercising the licensed rights",
  "the work as defined below is provided under the terms",
  "statement of purpose",
].map((m) => m.split(" "));

function headOf(tokens: Tokens): number {
  const n = Math.floor(tokens.count * 0.4);
  for (let i = 0; i < n; i++)
    for (const m of TERMS_START) if (m.every((w, k) => tokens.word(i + k) === w)) return i;
  return 0;
}

const seqLength = (words: number) => Math.max(0, words - SHINGLE_SIZE + 1);

/**
 * A name word is distinctive when the terms of licenses of at most this many families (an id's
 * first part: "OLDAP", "Apache", "llama3") use it: "llama", "saxpath", "openldap"; not "gnu",
 * "commons" or "software".
 */
const MAX_NAME_SPREAD = 5;

const familyOf = (id: string) => id.toLowerCase().split(/[-_.]/)[0]!;

/**
 * The words of an id and a name (lower-case letters and digits, two or more, not a number), and
 * each two neighbours run together ("Open LDAP" is "openldap" in the terms).
 */
function nameWordsOf(...names: string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const ws = n.toLowerCase().split(/[^a-z0-9]+/);
    for (const [i, w] of ws.entries()) {
      if (w.length >= 2 && !/^\d+$/.test(w) && !/^v\d/.test(w)) out.add(w);
      const next = ws[i + 1];
      if (next && /^[a-z]/.test(next) && /^[a-z]/.test(w)) out.add(w + next);
    }
  }
  return [...out];
}

/**
 * Words a text's opening holds before its terms proper: a title, what a copyright notice leaves
 * ("Internet Systems Consortium ("ISC")"), which copies by other licensors replace.
 */
const OPENING_WORDS = 20;

/**
 * A name this close to a word of a warranty disclaimer names the party that disclaims ("ISC
 * DISCLAIMS ALL WARRANTIES", "SHALL TOM WU BE LIABLE"), which every copy by another licensor
 * replaces: only a name in the grant or its conditions ("the name "SAXPath" must not be used")
 * makes the license that licensor's own.
 */
const DISCLAIMER_REACH = 6;

/** The words of each entry's terms, between its opening and its end matter, outside disclaimers. */
function termWords(tokens: Tokens): Set<string> {
  const out = new Set<string>();
  const end = Math.min(tailOf(tokens), tokens.count);
  const disclaimer: number[] = [];
  for (let w = 0; w < tokens.count; w++) if (wordKind(tokens.word(w)) === KIND_DISCLAIMER) disclaimer.push(w);
  let d = 0;
  for (let w = headOf(tokens) + OPENING_WORDS; w < end; w++) {
    while (d < disclaimer.length && disclaimer[d]! < w - DISCLAIMER_REACH) d++;
    if (d < disclaimer.length && disclaimer[d]! <= w + DISCLAIMER_REACH) continue;
    // a name before "License" names a license the terms refer to ("the Apache License"), not a party
    if (w + 1 < tokens.count && /^licen[cs]e/.test(tokens.word(w + 1))) continue;
    out.add(tokens.word(w));
  }
  return out;
}

function entryFromTokens(
  key: string,
  id: string,
  name: string,
  part: FingerprintEntry["part"],
  spdx: string | null,
  tokens: Tokens,
): FingerprintEntry {
  const seq = shingleSequence(tokens);
  const { set, rank } = shingleSetAndRank(seq);
  // each distinct shingle's first position, and which positions are first occurrences
  const first = new Uint16Array(set.length).fill(0xffff);
  const firsts = Buffer.alloc(Math.ceil(seq.length / 8));
  const seen = new Uint8Array(set.length);
  for (let p = 0; p < seq.length; p++) {
    const r = rank[p]!;
    if (seen[r]) continue;
    seen[r] = 1;
    first[r] = Math.min(p, 0xffff);
    firsts[p >> 3]! |= 1 << (p & 7);
  }
  return {
    key,
    id,
    name,
    part,
    spdx,
    exact: exactHash(tokens),
    words: tokens.count,
    shingles: encodeSet(set),
    positions: encodeU16(first),
    length: seq.length,
    head: headOf(tokens),
    tail: tailOf(tokens),
    names: [],
    firsts: firsts.toString("base64"),
    kinds: Buffer.from(wordKinds(tokens)).toString("base64"),
  };
}

/** Each entry's term words (termWords), by key, for the names pass. */
const terms = new Map<string, Set<string>>();

function entryFor(
  key: string,
  id: string,
  name: string,
  part: FingerprintEntry["part"],
  spdx: string | null,
  text: string,
): FingerprintEntry {
  const tokens = tokenize(text);
  terms.set(key, termWords(tokens));
  return entryFromTokens(key, id, name, part, spdx, tokens);
}

/** Sets each entry's distinctive name words (FingerprintEntry.names). */
function setNames(entries: FingerprintEntry[], termsByKey: Map<string, Set<string>>): void {
  // how many families of licenses use each word in their terms
  const familiesOf = new Map<string, Set<string>>();
  for (const e of entries)
    for (const w of termsByKey.get(e.key) ?? []) {
      let families = familiesOf.get(w);
      if (!families) familiesOf.set(w, (families = new Set()));
      families.add(familyOf(e.id));
    }
  for (const e of entries) {
    const own = termsByKey.get(e.key);
    if (!own) continue;
    e.names = nameWordsOf(e.id, e.name, e.spdx ?? "").filter(
      (w) => own.has(w) && (familiesOf.get(w)?.size ?? 0) <= MAX_NAME_SPREAD,
    );
  }
}

/**
 * SPDX's text of a license that adds terms to another carries both (the LGPL-3.0 text is its own
 * permissions followed by the whole GPL-3.0), while a project's COPYING.LESSER holds only the
 * first part. For a text that ends with another reference, whole, covering at least a third of
 * it, what comes before is a reference of its own: the license's own part.
 */
function ownParts(
  entries: FingerprintEntry[],
  spdx: Record<string, { licenseText: string }>,
): FingerprintEntry[] {
  const out: FingerprintEntry[] = [];
  const lists = entries.map((e) => decodeSetOf(e));
  const sets = lists.map((l) => new Set(l));
  for (const [i, a] of entries.entries()) {
    if (!a.key.startsWith("spdx:")) continue;
    const tokens = tokenize(spdx[a.spdx!]!.licenseText);
    const seq = shingleSequence(tokens);
    for (const [j, b] of entries.entries()) {
      if (i === j || b.length < seq.length / 3 || b.length > seq.length * 0.9) continue;
      // a quick sample first: most pairs share little
      const lb = lists[j]!;
      let sampled = 0;
      for (let k = 0; k < 32; k++) if (sets[i]!.has(lb[Math.floor((k * lb.length) / 32)]!)) sampled++;
      if (sampled < 28) continue;
      // the longest stretch of a's shingles that b holds
      let best = [0, -1],
        start = 0;
      for (let p = 0; p < seq.length; p++) {
        if (!sets[j]!.has(seq[p]!)) start = p + 1;
        else if (p - start > best[1]! - best[0]!) best = [start, p];
      }
      const [first, last] = best as [number, number];
      // the other license is appended whole, at the end
      if (last - first + 1 < b.length * 0.9 || last < seq.length - 1 - seq.length * 0.02) continue;
      const keep: number[] = [];
      for (let w = 0; w < tokens.count; w++) if (w < first || w > last + SHINGLE_SIZE - 1) keep.push(w);
      if (keep.length < 100) continue;
      const own = tokenize(keep.map((w) => tokens.word(w)).join(" "));
      terms.set(`${a.key}#own-part`, termWords(own));
      out.push(entryFromTokens(`${a.key}#own-part`, a.id, a.name, a.part, a.spdx, own));
      break;
    }
  }
  return out;
}

function decodeSetOf(e: FingerprintEntry): Uint32Array {
  const buf = Buffer.from(e.shingles, "base64");
  const out = new Uint32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function buildFingerprints(): FingerprintFile {
  const kb = loadKbSource(join(root, "data"));
  if (kb.problems.length)
    throw new Error(`knowledge base has ${kb.problems.length} problem(s); run npm run build`);
  const corpus = defaultCorpusDir(root);
  if (!existsSync(corpus)) throw new Error(`corpus not found at ${corpus} (set MLICENSE_CORPUS)`);
  const titles = corpusTitles(corpus);
  const entries: FingerprintEntry[] = [];
  const kbBySpdx = new Map<string, { id: string; name: string }>();
  // A corpus text that several entries cite (gpt-3 cites the OpenAI Terms of Use) is fingerprinted
  // once, for the entry it is named after (id or ScanCode key = file name), else the first.
  const owner = new Map<string, string>();
  for (const l of kb.licenses)
    for (const rel of l.reference_text?.corpus ?? []) {
      const stem = basename(rel).replace(/\.(txt|LICENSE)$/, "");
      if (!owner.has(rel) || stem === l.id || stem === l.scancode) owner.set(rel, l.id);
    }
  for (const l of kb.licenses) {
    for (const s of [l.spdx, l.reference_text?.spdx])
      if (s && !kbBySpdx.has(s)) kbBySpdx.set(s, { id: l.id, name: l.name });
    for (const rel of l.reference_text?.corpus ?? []) {
      if (owner.get(rel) !== l.id) continue;
      const p = join(corpus, rel);
      if (!existsSync(p)) throw new Error(`${l.id}: reference text ${rel} not in the corpus`);
      const part = referencePart(l, titles.get(rel) ?? "");
      const name = part === "license" ? l.name : `${l.name}: Acceptable Use Policy`;
      entries.push(entryFor(`corpus:${rel}`, l.id, name, part, l.spdx, readFileSync(p, "utf8")));
    }
  }
  const deprecated = new Set<string>(require("spdx-license-ids/deprecated.json") as string[]);
  const spdx = spdxTexts();
  // Several SPDX ids share one text (GPL-2.0-only / -or-later, deprecated ids): keep one entry per
  // text, preferring the id the knowledge base uses, then a current id, then the plainest (the
  // GFDL's own id, not its "-invariants-only" form for a notice's choice the text cannot show).
  const byExact = new Map<string, FingerprintEntry>();
  const rank = (id: string) => (kbBySpdx.has(id) ? 0 : 1) * 1000 + id.length;
  for (const id of Object.keys(spdx).sort()) {
    // a deprecated id never names a text: its text is a current id's, or a current id plus an
    // exception, which is that id with an addition (the "+" forms are deprecated too, though
    // spdx-license-ids lists them as current)
    if ((deprecated.has(id) || id.endsWith("+")) && !kbBySpdx.has(id)) continue;
    const kbEntry = kbBySpdx.get(id);
    const e = entryFor(
      `spdx:${id}`,
      kbEntry?.id ?? id,
      kbEntry?.name ?? spdx[id]!.name,
      "license",
      id,
      spdx[id]!.licenseText,
    );
    if (e.words < 8) continue;
    const prev = byExact.get(e.exact);
    if (!prev || rank(id) < rank(prev.spdx!)) byExact.set(e.exact, e);
  }
  const spdxEntries = [...byExact.values()];
  entries.push(...spdxEntries, ...ownParts(spdxEntries, spdx));
  entries.sort((a, b) => a.key.localeCompare(b.key));
  setNames(entries, terms);
  const content_hash = createHash("sha256").update(JSON.stringify(entries)).digest("hex");
  return { format: FINGERPRINT_FORMAT, shingle_size: SHINGLE_SIZE, content_hash, entries };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = buildFingerprints();
  const out = fingerprintPath();
  if (process.argv.includes("--check")) {
    const have = existsSync(out) ? readHeader(readFileSync(out), out).content_hash : "(none)";
    console.log(
      have === built.content_hash
        ? "fingerprints up to date"
        : `fingerprints stale: ${have} != ${built.content_hash}`,
    );
    process.exit(have === built.content_hash ? 0 : 1);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, encodeBinary(built));
  console.log(`${built.entries.length} fingerprints -> ${out} (${built.content_hash.slice(0, 16)})`);
}
