// The fingerprint index is generated: rebuilding it from the SPDX texts and the corpus must give the
// committed file's content hash, so a change to the normalisers, the corpus or the knowledge base
// without `npm run fingerprints` fails here. The format version is pinned so a change is deliberate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildFingerprints } from "../../scripts/build-fingerprints.js";
import {
  decodeSet,
  encodeBinary,
  FINGERPRINT_FORMAT,
  fingerprintPath,
  loadFingerprints,
  readHeader,
} from "../../src/identify/fingerprint-index.js";
import { SHINGLE_SIZE } from "../../src/identify/shingles.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { NEEDS_CORPUS } from "./_texts.js";

const committed = readHeader(readFileSync(fingerprintPath()), fingerprintPath());

test("the fingerprint format version is pinned", () => {
  // Bump both together with a rebuilt data/generated/fingerprints.bin.
  assert.equal(FINGERPRINT_FORMAT, 3);
  assert.equal(committed.format, FINGERPRINT_FORMAT);
  assert.equal(committed.shingle_size, SHINGLE_SIZE);
  assert.equal(SHINGLE_SIZE, 3);
});

test("the committed index matches a rebuild from the sources", { skip: NEEDS_CORPUS }, () => {
  const built = buildFingerprints();
  assert.equal(built.format, committed.format);
  assert.equal(built.entries.length, committed.entries.length);
  assert.equal(
    built.content_hash,
    committed.content_hash,
    "data/generated/fingerprints.bin is stale: run npm run fingerprints",
  );
});

test("every entry is well formed: unique key, known id, sorted distinct shingles", () => {
  const kb = knowledgeBase();
  const keys = new Map<string, string[]>();
  for (const e of committed.entries) keys.set(e.key, [...(keys.get(e.key) ?? []), e.id]);
  const dupes = [...keys].filter(([, ids]) => ids.length > 1).map(([k, ids]) => `${k}: ${ids.join(", ")}`);
  assert.deepEqual(dupes, [], "each source text is one entry (FingerprintEntry.key is unique)");
  for (const e of loadFingerprints().entries) {
    if (e.key.startsWith("corpus:"))
      assert.ok(kb.license(e.id), `${e.key}: ${e.id} is not in the knowledge base`);
    assert.ok(e.words >= 8, `${e.key}: ${e.words} words`);
    assert.match(e.exact, /^[0-9a-f]{40}$/);
    assert.ok(e.set.length > 0);
    for (let i = 1; i < e.set.length; i++) assert.ok(e.set[i - 1]! < e.set[i]!, `${e.key}: set not sorted`);
  }
  const spdxOfKb = new Set(kb.licenses.map((l) => l.reference_text?.spdx).filter(Boolean));
  for (const s of spdxOfKb)
    assert.ok(
      committed.entries.some((e) => e.spdx === s || e.key === `spdx:${s}`),
      `no entry for the SPDX text ${s}`,
    );
});

test("the binary index round-trips: encoded sets load back identical", { skip: NEEDS_CORPUS }, () => {
  const built = buildFingerprints();
  const bin = encodeBinary(built);
  const header = readHeader(bin, "memory");
  assert.equal(header.content_hash, built.content_hash);
  const loaded = loadFingerprints().entries;
  for (const [i, e] of built.entries.entries()) {
    const set = decodeSet(e.shingles);
    assert.equal(header.entries[i]!.count, set.length);
    const same = loaded.find((l) => l.key === e.key)!;
    assert.deepEqual([...same.set], [...set], e.key);
  }
});
