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
import { tokenize } from "../src/identify/normalize.js";
import { exactHash, SHINGLE_SIZE, shingleSequence, shingleSetAndRank } from "../src/identify/shingles.js";
import {
  encodeBinary,
  readHeader,
  encodeSet,
  FINGERPRINT_FORMAT,
  fingerprintPath,
  type FingerprintEntry,
  type FingerprintFile,
} from "../src/identify/fingerprint-index.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function manifestTitles(corpus: string): Map<string, string> {
  const out = new Map<string, string>();
  const p = join(corpus, "MANIFEST.tsv");
  if (!existsSync(p)) return out;
  for (const line of readFileSync(p, "utf8").split("\n").slice(1)) {
    const cols = line.split("\t");
    if (cols.length > 5) out.set(cols[1]!, cols[5]!);
  }
  return out;
}

function entryFor(
  key: string,
  id: string,
  name: string,
  part: FingerprintEntry["part"],
  spdx: string | null,
  text: string,
): FingerprintEntry {
  const tokens = tokenize(text);
  return {
    key,
    id,
    name,
    part,
    spdx,
    exact: exactHash(tokens),
    words: tokens.count,
    shingles: encodeSet(shingleSetAndRank(shingleSequence(tokens)).set),
  };
}

export function buildFingerprints(): FingerprintFile {
  const kb = loadKbSource(join(root, "data"));
  if (kb.problems.length)
    throw new Error(`knowledge base has ${kb.problems.length} problem(s); run npm run build`);
  const corpus = defaultCorpusDir(root);
  if (!existsSync(corpus)) throw new Error(`corpus not found at ${corpus} (set MLICENSE_CORPUS)`);
  const titles = manifestTitles(corpus);
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
      const title = titles.get(rel) ?? "";
      const part =
        /acceptable use policy/i.test(title) && !/agreement/i.test(title)
          ? "acceptable-use-policy"
          : "license";
      const name = part === "license" ? l.name : `${l.name}: Acceptable Use Policy`;
      entries.push(entryFor(`corpus:${rel}`, l.id, name, part, l.spdx, readFileSync(p, "utf8")));
    }
  }
  const deprecated = new Set<string>(require("spdx-license-ids/deprecated.json") as string[]);
  const spdx = spdxTexts();
  // Several SPDX ids share one text (GPL-2.0-only / -or-later, deprecated ids): keep one entry per
  // text, preferring the id the knowledge base uses, then a current id.
  const byExact = new Map<string, FingerprintEntry>();
  const rank = (id: string) => (kbBySpdx.has(id) ? 0 : deprecated.has(id) ? 2 : 1);
  for (const id of Object.keys(spdx).sort()) {
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
  entries.push(...byExact.values());
  entries.sort((a, b) => a.key.localeCompare(b.key));
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
