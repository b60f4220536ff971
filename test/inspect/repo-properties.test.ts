// Property-based tests of the readers together: whatever bytes a card, a license file, a config,
// an adapter config or a mergekit config hold, inspecting the folder ends in a record (whose
// license expression is well-formed) or in an InputError naming one of the files, nothing else.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { inspectFiles, inspectFolder } from "../../src/inspect/inspect.js";
import { parseExprString, idsOf } from "../../src/kb/expression.js";
import { isRelation } from "../../src/kb/vocabulary.js";
import type { ModelRecord } from "../../src/inspect/record.js";
import { tempDir } from "./binary-writers.js";

const tmp = tempDir("mlicense-repo-props-");
test.after(() => tmp.done());

const FILES = [
  "README.md",
  "LICENSE",
  "USE_POLICY.md",
  "config.json",
  "adapter_config.json",
  "mergekit_config.yml",
];

/** Pieces of card, config and mergekit syntax, glued at random into texts that are often almost valid. */
const piece = fc.constantFrom(
  "---\n",
  "license: ",
  "license:\n  - ",
  "mit",
  "llama3.1",
  "gemma",
  "other",
  " AND ",
  " OR ",
  " WITH ",
  "(",
  ")",
  "apache-2.0",
  "frob-1.0",
  "license_name: ",
  "license_link: https://x/LICENSE.md",
  "base_model: ",
  "base_model_relation: ",
  "combination",
  "ensemble",
  "merge",
  "org/model",
  "https://huggingface.co/org/m/tree/main",
  "datasets: ",
  "generated_by: ",
  "source_model: ",
  "tags: [license:mit, base_model:adapter:a/b]",
  "models:\n  - model: ",
  "slices:\n  - sources:\n      - model: ",
  "experts:\n  - source_model: ",
  "merge_method: slerp\n",
  "a/b+c/d",
  "SPDX-License-Identifier: ",
  '{"base_model_name_or_path": "',
  '{"_name_or_path": "a/b", "architectures": ["X"]}',
  '"',
  "- ",
  "  ",
  "\n",
  ": ",
  "[",
  "]",
  "{",
  "}",
  "&a ",
  "*a",
  "# ",
  "#",
  "```\n",
  "\r\n",
  "\ufeff",
);
const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(""));
const bytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a));
const content = fc.oneof(
  text,
  text.map((t) => Buffer.from(t)),
  bytes,
  fc.string({ maxLength: 200 }),
);
const repo = fc.dictionary(fc.constantFrom(...FILES), content, { maxKeys: FILES.length });

/** What every record must satisfy, however odd the input. */
function wellFormed(r: ModelRecord): void {
  assert.equal(typeof r.license.id, "string");
  assert.ok(r.license.id.length > 0);
  const e = parseExprString(r.license.id);
  assert.ok(e, `license.id '${r.license.id}' is not an expression`);
  assert.deepEqual(r.license.ids, idsOf(e));
  for (const c of r.components) assert.ok(parseExprString(c.license), c.license);
  for (const b of r.bases) assert.ok(isRelation(b.relation) && b.relation !== "unknown", b.relation);
  for (const f of r.findings) {
    assert.match(f.code, /^[a-z0-9-]+$/);
    assert.ok(f.message.length > 0);
    if (f.line !== undefined) assert.ok(Number.isInteger(f.line) && f.line >= 1);
  }
  for (const x of [...r.components, ...r.bases, ...r.datasets])
    for (const ev of x.evidence)
      if (ev.line !== undefined) assert.ok(Number.isInteger(ev.line) && ev.line >= 1);
}

test("a folder of random card, license, config and mergekit bytes: a record or an InputError naming a file", () => {
  let n = 0;
  fc.assert(
    fc.property(repo, (files) => {
      const dir = join(tmp.dir, `r${n++}`);
      mkdirSync(dir);
      for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
      try {
        wellFormed(inspectFolder(dir));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        assert.ok(e.file && FILES.some((f) => e.file === join(dir, f)), `${e.message} (${e.file})`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 300 },
  );
});

test("the same as uploads held in memory", () => {
  const upload = fc.dictionary(fc.constantFrom(...FILES), fc.oneof(text, fc.string({ maxLength: 200 })), {
    maxKeys: FILES.length,
  });
  fc.assert(
    fc.property(upload, (files) => {
      try {
        wellFormed(inspectFiles(files));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        assert.ok(e.file?.startsWith("(upload)/"), `${e.message} (${e.file})`);
      }
    }),
    { numRuns: 600 },
  );
});
