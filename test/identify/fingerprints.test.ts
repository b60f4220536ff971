// The fingerprint index is generated: rebuilding it from the SPDX texts and the corpus must give the
// committed file's content hash, so a change to the normalisers, the corpus or the knowledge base
// without `npm run fingerprints` fails here. The format version is pinned so a change is deliberate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildFingerprints } from "../../scripts/build-fingerprints.js";
import { ShingleIndex } from "../../src/identify/shingle-index.js";
import {
  decodeBinary,
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
  assert.equal(FINGERPRINT_FORMAT, 8);
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
  const { entries, index } = loadFingerprints();
  const sets = index.sets(entries.length);
  const kb = knowledgeBase();
  const keys = new Map<string, string[]>();
  for (const e of committed.entries) keys.set(e.key, [...(keys.get(e.key) ?? []), e.id]);
  const dupes = [...keys].filter(([, ids]) => ids.length > 1).map(([k, ids]) => `${k}: ${ids.join(", ")}`);
  assert.deepEqual(dupes, [], "each source text is one entry (FingerprintEntry.key is unique)");
  for (const [k, e] of entries.entries()) {
    if (e.key.startsWith("corpus:"))
      assert.ok(kb.license(e.id), `${e.key}: ${e.id} is not in the knowledge base`);
    assert.ok(e.words >= 8, `${e.key}: ${e.words} words`);
    assert.match(e.exact, /^[0-9a-f]{24}$/);
    const set = sets[k]!;
    assert.ok(set.length > 0);
    assert.equal(set.length, e.size, `${e.key}: size ${e.size} but ${set.length} shingles indexed`);
    for (let i = 1; i < set.length; i++) assert.ok(set[i - 1]! < set[i]!, `${e.key}: set not sorted`);
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
  const decoded = decodeBinary(bin, "memory");
  const sets = decoded.index.sets(decoded.entries.length);
  for (const [i, e] of built.entries.entries()) {
    const set = decodeSet(e.shingles);
    assert.equal(header.entries[i]!.count, set.length);
    assert.equal(decoded.entries[i]!.key, e.key);
    assert.deepEqual([...sets[i]!], [...set], e.key);
  }
});

test("the shingle index counts each reference's overlap with a text and finds its members", () => {
  const a = Uint32Array.from([3, 70000, 1 << 20, 0xfffffff0]);
  const b = Uint32Array.from([3, 5, 1 << 20]);
  const c = Uint32Array.from([5, 0xffffffff]);
  const index = ShingleIndex.fromSets([a, b, c]);
  assert.deepEqual([...index.keys], [3, 5, 70000, 1 << 20, 0xfffffff0, 0xffffffff]);
  assert.deepEqual(
    index.sets(3).map((s) => [...s]),
    [[...a], [...b], [...c]],
  );
  const text = Uint32Array.from([3, 5, 6, 0xffffffff]);
  const { shared, at } = index.count(text, 3);
  assert.deepEqual([...shared], [1, 2, 2]);
  assert.deepEqual([...at], [0, 1, -1, 5]);
  const [mb, mc] = index.members(at, [1, 2], 3);
  assert.deepEqual([...mb!], [1, 1, 0, 0]);
  assert.deepEqual([...mc!], [0, 1, 0, 1]);
  assert.equal(index.find(4), -1);
  assert.throws(() => new ShingleIndex(index.keys, index.starts.subarray(1), index.refs), /disagree/);
});
