// Fuzz cases, one per parser, run by parsers-fuzz.test.ts in a worker under a hang bound. Each
// feeds random bytes, truncations of valid inputs and valid inputs whose length fields were
// overwritten (the 32-bit and 64-bit extremes included), and accepts only an answer or an
// InputError naming the input.
import assert from "node:assert/strict";
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { InputError, ValidationError } from "../../src/errors.js";
import { readGgufHeader } from "../../src/inspect/gguf.js";
import { readSafetensorsMetadata, scanHeader } from "../../src/inspect/safetensors.js";
import { readOnnxInfo } from "../../src/inspect/onnx.js";
import { splitFrontMatter } from "../../src/inspect/front-matter.js";
import { parseRecord, parseModelInput } from "../../src/inspect/record-schema.js";
import { ingest } from "../../src/audit/ingest.js";
import { readDump } from "../../src/audit/readers.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import {
  ggufFile,
  onnxFile,
  pbBytes,
  safetensorsFile,
  safetensorsRaw,
  tempDir,
  u32,
  u64,
  varint,
} from "../inspect/binary-writers.js";

const RUNS = 300;
const bytes = fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a));
/** Lengths a corrupted field may claim: small, at the 32-bit sign and wrap points, huge. */
const badLength = fc.oneof(
  fc.bigInt({ min: 0n, max: 4096n }),
  fc.constantFrom(
    2n ** 31n - 1n,
    2n ** 31n,
    2n ** 32n - 6n,
    2n ** 32n - 1n,
    2n ** 32n,
    2n ** 53n + 1n,
    2n ** 63n,
    2n ** 64n - 1n,
  ),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);

function onlyInputError(fn: () => unknown, file: string): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    assert.equal(e.file, file);
  }
}

/** A valid file, cut anywhere. */
const truncated = (full: Buffer) => fc.nat({ max: full.length }).map((n) => full.subarray(0, n));

/** A valid file with `width` bytes at a random offset overwritten by a little-endian length. */
function lengthCorrupted(full: Buffer, width: 4 | 8): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.nat({ max: Math.max(0, full.length - width) }), badLength).map(([at, len]) => {
    const b = Buffer.from(full);
    const v = width === 8 ? u64(len) : u32(Number(len & 0xffffffffn));
    v.copy(b, at);
    return b;
  });
}

function property(name: string, arb: fc.Arbitrary<Buffer>, read: (p: string) => unknown): void {
  const tmp = tempDir(`mlicense-fuzz-${name}-`);
  try {
    const p = tmp.file(`x.${name}`, "");
    fc.assert(
      fc.property(arb, (b) => {
        tmp.file(`x.${name}`, b);
        onlyInputError(() => read(p), p);
      }),
      { numRuns: RUNS },
    );
  } finally {
    tmp.done();
  }
}

const onnx = onnxFile({ metadata: { license: "mit", author: "x" }, graphBytes: 40, docString: "d" });
const gguf = ggufFile({
  "general.name": "Fuzz",
  "general.license": "mit",
  "general.base_model.count": 1,
  "general.base_model.0.repo_url": "https://huggingface.co/org/base",
  "tokenizer.ggml.tokens": Array.from({ length: 70 }, (_, i) => `t${i}`),
});
const safetensors = safetensorsFile({ "modelspec.license": "mit", "modelspec.title": "x" });

export const CASES: Record<string, () => unknown> = {
  onnx() {
    // a metadata entry whose inner lengths are any varint: the 8-byte file that looped forever
    // (72 06 0a fa ff ff ff 0f) is one of them
    const entry = fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.uint8Array({ maxLength: 12 }))
      .map(([len, rest]) => {
        const inner = Buffer.concat([Buffer.from([0x0a]), varint(len), Buffer.from(rest)]);
        return pbBytes(14, inner);
      });
    const exact = fc.constant(Buffer.from([0x72, 0x06, 0x0a, 0xfa, 0xff, 0xff, 0xff, 0x0f]));
    property("onnx", fc.oneof(bytes, truncated(onnx), lengthCorrupted(onnx, 4), entry, exact), (p) => {
      const info = readOnnxInfo(p);
      for (const v of Object.values(info.metadata)) assert.equal(typeof v, "string");
    });
  },
  safetensors() {
    const deep = fc
      .tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom("[", '{"a":'))
      .map(([n, open]) => safetensorsRaw(`{"__metadata__":{},"t":${open.repeat(n)}`));
    property(
      "safetensors",
      fc.oneof(bytes, truncated(safetensors), lengthCorrupted(safetensors, 8), deep),
      (p) => {
        const meta = readSafetensorsMetadata(p);
        for (const v of Object.values(meta)) assert.equal(typeof v, "string");
      },
    );
  },
  "safetensors header scan agrees with JSON.parse"() {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json({ depthSize: "small" }),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ v })),
        ),
        (text) => {
          let parsed: unknown;
          let ok = true;
          try {
            parsed = JSON.parse(text);
          } catch {
            ok = false;
          }
          const isObject = ok && !!parsed && typeof parsed === "object" && !Array.isArray(parsed);
          const scan = scanHeader(Buffer.from(text));
          assert.equal(typeof scan !== "string", isObject, `${text.slice(0, 80)} -> ${String(scan)}`);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  },
  gguf() {
    property(
      "gguf",
      fc.oneof(bytes, truncated(gguf), lengthCorrupted(gguf, 8), lengthCorrupted(gguf, 4)),
      (p) => readGgufHeader(p),
    );
  },
  "front matter"() {
    const card = fc
      .tuple(fc.string({ maxLength: 300 }), fc.boolean(), fc.string({ maxLength: 40 }))
      .map(([yaml, closed, body]) => `---\n${yaml}\n${closed ? "---\n" : ""}${body}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), card), (text) => {
        try {
          splitFrontMatter(text, "README.md");
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          assert.equal(e.file, "README.md");
        }
      }),
      { numRuns: RUNS * 2 },
    );
  },
  "record schema"() {
    const nearRecord = fc.record(
      {
        id: fc.oneof(fc.string(), fc.anything()),
        license: fc.oneof(fc.record({ id: fc.oneof(fc.string(), fc.anything()) }), fc.anything()),
        bases: fc.oneof(fc.array(fc.record({ id: fc.string(), relation: fc.string() })), fc.anything()),
        findings: fc.anything(),
        datasets: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearRecord), (doc) => {
        for (const parse of [
          () => parseRecord(doc, "x.json"),
          () => parseModelInput({ record: doc }),
          () => parseModelInput(doc),
        ])
          try {
            parse();
          } catch (e) {
            if (!(e instanceof ValidationError)) throw e;
            assert.ok(e.issues.length > 0);
            for (const i of e.issues) assert.equal(typeof i.path, "string");
          }
      }),
      { numRuns: RUNS * 2 },
    );
  },
  async "audit dump read by worker threads, as by one"() {
    // the parse workers drop repeats by a small table of recent ids and leave the rest to the
    // audit's id table: random and cut lines, and rows repeated near and far, must give the same
    // rows and the same skip counts as one thread
    const tmp = tempDir("mlicense-fuzz-workers-");
    const kb = knowledgeBase();
    const row = fc
      .record({
        id: fc.constantFrom("o/a", "O/A", "o/b", "x/y-1", "x/y-2", "u/ü", "U/Ü", "", "bad id"),
        license: fc.constantFrom("mit", "llama3", "cc-by-nc-4.0", undefined),
        base: fc.constantFrom("o/a", "x/y-1", "https://huggingface.co/o/b", undefined),
      })
      .map((r) => JSON.stringify({ id: r.id, cardData: { license: r.license, base_model: r.base } }));
    const line = fc.oneof(
      { weight: 6, arbitrary: row },
      { weight: 1, arbitrary: row.map((l) => l.slice(0, Math.floor(l.length / 2))) },
      { weight: 1, arbitrary: bytes.map((b) => b.toString("latin1").replace(/\n/g, " ")) },
      // blank lines, of every kind of blank: no row and no skip, on one thread or many
      { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", " \r", "\u00a0", "\ufeff") },
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(line, { maxLength: 400 }), fc.boolean(), async (lines, bom) => {
          // with or without the byte-order mark an editor may write first
          const p = tmp.file("d.jsonl", Buffer.from((bom ? "\ufeff" : "") + lines.join("\n")));
          const one = await ingest(p, kb, { workers: 1 });
          const many = await ingest(p, kb, { workers: 2, parallelMinBytes: 0 });
          assert.equal(many.n, one.n);
          assert.deepEqual(Object.entries(many.skipped).sort(), Object.entries(one.skipped).sort());
          for (let i = 0; i < one.n; i++) {
            assert.equal(many.idOf(i), one.idOf(i));
            assert.equal(many.licStrings[many.rowLic[i]!], one.licStrings[one.rowLic[i]!]);
          }
        }),
        { numRuns: 25 },
      );
    } finally {
      tmp.done();
    }
  },
  async "audit dump readers"() {
    const tmp = tempDir("mlicense-fuzz-dump-");
    const kb = knowledgeBase();
    try {
      const line = JSON.stringify({ id: "o/m", cardData: { license: "mit", base_model: "x/y" } }) + "\n";
      const gz = gzipSync(Buffer.from(line.repeat(50)));
      // one JSON array of rows, as a .json dump may hold: cut anywhere, or with random bytes after "["
      const array = Buffer.from("[" + line.trim().concat(",").repeat(50).slice(0, -1) + "]");
      const dump = fc.oneof(
        fc.tuple(fc.constant("jsonl"), bytes),
        fc.tuple(fc.constant("json"), bytes),
        fc.tuple(fc.constant("json"), truncated(array)),
        fc.tuple(
          fc.constant("json"),
          bytes.map((b) => Buffer.concat([Buffer.from("["), b])),
        ),
        fc.tuple(fc.constant("json.gz"), truncated(gzipSync(array))),
        fc.tuple(fc.constant("csv"), bytes),
        fc.tuple(fc.constant("jsonl.gz"), bytes),
        fc.tuple(fc.constant("jsonl.gz"), truncated(gz)),
        fc.tuple(
          fc.constant("jsonl.gz"),
          bytes.map((b) => gzipSync(b)),
        ),
      );
      await fc.assert(
        fc.asyncProperty(dump, async ([ext, b]) => {
          const p = tmp.file(`d.${ext}`, b);
          try {
            for await (const batch of readDump(p, kb, { workers: 1 })) assert.ok(batch.rows >= 0);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            assert.equal(e.file, p);
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      tmp.done();
    }
  },
};
