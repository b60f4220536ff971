// Property-based tests: whatever bytes a model file holds and whatever text a card's front matter
// holds, the readers answer or throw an InputError naming the file, nothing else.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { readGgufHeader } from "../../src/inspect/gguf.js";
import { readSafetensorsMetadata } from "../../src/inspect/safetensors.js";
import { readOnnxInfo } from "../../src/inspect/onnx.js";
import { splitFrontMatter } from "../../src/inspect/front-matter.js";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { cli } from "../helpers.js";
import {
  GGUF,
  ggufFile,
  ggufPreamble,
  onnxFile,
  safetensorsFile,
  safetensorsRaw,
  tempDir,
  typed,
  u32,
  u64,
} from "./binary-writers.js";

const tmp = tempDir("mlicense-props-");
test.after(() => tmp.done());

/** Only an InputError about `file` may escape. */
function onlyInputError(fn: () => unknown, file: string): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    assert.equal(e.file, file);
    assert.ok(e.message.length > 0);
  }
}

/** Random edits of a valid file: flipped bytes, a cut, bytes spliced in. */
function mutated(base: Buffer): fc.Arbitrary<Buffer> {
  return fc
    .record({
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
      splice: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 16 }))),
    })
    .map(({ flips, cut, splice }) => {
      let b = Buffer.from(base);
      for (const [at, v] of flips) if (b.length) b[at % b.length] = v;
      if (splice) {
        const at = splice[0] % (b.length + 1);
        b = Buffer.concat([b.subarray(0, at), Buffer.from(splice[1]), b.subarray(at)]);
      }
      if (cut !== null) b = b.subarray(0, cut % (b.length + 1));
      return b;
    });
}

const bytes = fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a));
const RUNS = 400;

const validGguf = ggufFile({
  "general.name": "Prop",
  "general.license": "mit",
  "general.base_model.count": 1,
  "general.base_model.0.repo_url": "https://huggingface.co/org/base",
  "tokenizer.ggml.tokens": Array.from({ length: 70 }, (_, i) => `t${i}`),
  arr: typed(GGUF.ARRAY, [1, 2, 3], GGUF.U64),
  f: typed(GGUF.F64, 1.5),
});

test("readGgufHeader: random bytes, GGUF-prefixed garbage and mutated files", () => {
  const p = tmp.file("prop.gguf", "");
  const gguf = fc.oneof(
    bytes,
    // a believable preamble with small counts, then garbage: gets past the first checks
    fc
      .tuple(fc.bigInt({ min: 0n, max: 40n }), fc.integer({ min: 1, max: 3 }), bytes)
      .map(([kv, v, rest]) => Buffer.concat([ggufPreamble(kv, 0n, v), rest])),
    // one key-value with a random type and random payload
    fc
      .tuple(fc.integer({ min: 0, max: 14 }), bytes)
      .map(([type, rest]) => Buffer.concat([ggufPreamble(1n), u64(3), Buffer.from("key"), u32(type), rest])),
    mutated(validGguf),
  );
  fc.assert(
    fc.property(gguf, (b) => {
      tmp.file("prop.gguf", b);
      onlyInputError(() => readGgufHeader(p), p);
    }),
    { numRuns: RUNS * 2 },
  );
});

test("readSafetensorsMetadata: random bytes, random JSON headers and mutated files", () => {
  const p = tmp.file("prop.safetensors", "");
  const header = fc.oneof(
    fc.json(),
    fc.string(),
    fc
      .dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 })
      .map((meta) => JSON.stringify({ __metadata__: meta })),
  );
  const st = fc.oneof(
    bytes,
    fc.tuple(header, fc.nat({ max: 64 })).map(([h, n]) => safetensorsRaw(h, n)),
    fc
      .tuple(header, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }))
      .map(([h, len]) => safetensorsRaw(h, 0, len)),
    mutated(safetensorsFile({ "modelspec.license": "mit", "modelspec.title": "x" })),
  );
  fc.assert(
    fc.property(st, (b) => {
      tmp.file("prop.safetensors", b);
      onlyInputError(() => {
        const meta = readSafetensorsMetadata(p);
        // when it answers, the answer is a map of strings
        for (const v of Object.values(meta)) assert.equal(typeof v, "string");
      }, p);
    }),
    { numRuns: RUNS * 2 },
  );
});

test("readOnnxInfo: random bytes and mutated files", () => {
  const p = tmp.file("prop.onnx", "");
  const onnx = fc.oneof(
    bytes,
    mutated(onnxFile({ metadata: { license: "mit", author: "x" }, graphBytes: 64, docString: "d" })),
  );
  fc.assert(
    fc.property(onnx, (b) => {
      tmp.file("prop.onnx", b);
      onlyInputError(() => {
        const info = readOnnxInfo(p);
        for (const v of Object.values(info.metadata)) assert.equal(typeof v, "string");
      }, p);
    }),
    { numRuns: RUNS * 2 },
  );
});

// ---------------------------------------------------------------- front matter

/** Pieces of YAML syntax, glued at random into documents that are often almost valid. */
const yamlPiece = fc.constantFrom(
  "license: ",
  "mit",
  "other",
  "base_model: ",
  "- ",
  "  ",
  "\n",
  "\n  ",
  ": ",
  "? ",
  "[",
  "]",
  "{",
  "}",
  ", ",
  "&a ",
  "*a",
  "&b ",
  "*b",
  "<<: *a",
  "!!str ",
  "!!binary ",
  "!!map ",
  "!custom ",
  '"',
  "'",
  "\\u0000",
  "|",
  ">-",
  "#",
  "%YAML 1.2\n",
  "---",
  "...",
  "\t",
  "~",
  "null",
  "0x1F",
  "1e400",
  "2024-01-01",
  "\ufeff",
  "\r\n",
);
const yamlish = fc.array(yamlPiece, { maxLength: 40 }).map((a) => a.join(""));

test("splitFrontMatter: random strings and YAML-ish documents only ever throw InputError", () => {
  const docs = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 200 }).map((s) => `---\n${s}\n---\nbody`),
    yamlish.map((y) => `---\n${y}\n---\n# Title\n`),
    yamlish.map((y) => `---\n${y}`),
    fc.tuple(yamlish, yamlish).map(([a, b]) => `---\r\n${a}\r\n...\r\n${b}`),
  );
  fc.assert(
    fc.property(docs, (text) => {
      try {
        const fm = splitFrontMatter(text, "card/README.md");
        if (fm.data !== null) {
          assert.equal(typeof fm.data, "object");
          assert.ok(!Array.isArray(fm.data));
        }
        assert.ok(fm.bodyLine >= 1);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        assert.equal(e.file, "card/README.md");
        assert.match(e.field ?? "", /^line \d+$/);
      }
    }),
    { numRuns: RUNS * 5 },
  );
});

test("splitFrontMatter: a valid card's fields and body line", () => {
  const fm = splitFrontMatter(
    "---\nlicense: llama3.1\nbase_model:\n- meta-llama/Llama-3.1-8B\n---\n\n# Title\n",
    "README.md",
  );
  assert.deepEqual(fm.data, { license: "llama3.1", base_model: ["meta-llama/Llama-3.1-8B"] });
  assert.equal(fm.bodyLine, 6);
  assert.equal(fm.body, "\n# Title\n");
  assert.deepEqual(splitFrontMatter("# no front matter\n"), {
    data: null,
    body: "# no front matter\n",
    bodyLine: 1,
  });
});

const BILLION_LAUGHS = [
  "---",
  "license: mit",
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
  "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
  "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
  "---",
  "# lol",
  "",
].join("\n");

test("an alias bomb in front matter is an InputError naming the file and a line", () => {
  let err: unknown;
  try {
    splitFrontMatter(BILLION_LAUGHS, "models/lol/README.md");
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof InputError, String(err));
  assert.equal(err.file, "models/lol/README.md");
  assert.match(err.field ?? "", /^line \d+$/);
  const line = Number(err.field!.slice(5));
  assert.ok(line >= 2 && line <= 12, `line ${line} is outside the front matter`);
});

test("an alias bomb in a model folder's card: inspectFolder and the CLI name README.md and the line", async () => {
  const dir = join(tmp.dir, "lol-model");
  mkdirSync(dir);
  const card = join(dir, "README.md");
  writeFileSync(card, BILLION_LAUGHS);
  let err: unknown;
  try {
    inspectFolder(dir);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof InputError, String(err));
  assert.equal(err.file, card);
  assert.match(err.field ?? "", /^line \d+$/);
  const r = await cli("inspect", dir, "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.file, card);
  assert.ok(r.stderr.includes(`${card}: line `), r.stderr);
});

test("front matter: unclosed, oversized, not a mapping", () => {
  const cases: [string, RegExp][] = [
    ["---\nlicense: mit\n# never closed\n", /never closed/],
    [`---\nx: "${"a".repeat(300 * 1024)}"\n---\n`, /larger than/],
    ["---\n- a\n- b\n---\n", /mapping/],
    ["---\njust a string\n---\n", /mapping/],
    ["---\nlicense: [mit\n---\n", /invalid YAML/],
  ];
  for (const [text, message] of cases) {
    let err: unknown;
    try {
      splitFrontMatter(text, "README.md");
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof InputError, `${JSON.stringify(text.slice(0, 40))}: ${String(err)}`);
    assert.match(err.message, message);
    assert.equal(err.file, "README.md");
    assert.match(err.field ?? "", /^line \d+$/);
  }
});
