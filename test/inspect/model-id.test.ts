// The audit's fast path for ids: `isPlainId` scans a string once instead of running two regular
// expressions, millions of times per dump. It must agree with those expressions on any string,
// above all on names that are, end in or nearly are "tree", "blob" and "resolve".
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cleanModelId, isPlainId } from "../../src/inspect/model-id.js";

const byRegex = (s: string) =>
  /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(s) && !/\.\.|\/(tree|blob|resolve)$/.test(s);

const part = fc.oneof(
  fc.constantFrom(
    "tree",
    "blob",
    "resolve",
    "trees",
    "xtree",
    "resolv",
    "Tree",
    ".",
    "..",
    "-",
    "_",
    "",
    "/",
    "@",
  ),
  fc.stringMatching(/^[A-Za-z0-9._\-/@ ]{0,8}$/),
);

test("isPlainId agrees with the regular expressions it stands for", () => {
  fc.assert(
    fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
      const s = parts.join("");
      assert.equal(isPlainId(s), byRegex(s), JSON.stringify(s));
    }),
    { numRuns: 20_000, seed: 3 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (s) => assert.equal(isPlainId(s), byRegex(s))),
    {
      numRuns: 5000,
      seed: 4,
    },
  );
  for (const s of ["org/tree", "org/blob", "org/resolve", "a/xtree", "a/resolves", "ab/treeblob"])
    assert.equal(isPlainId(s), byRegex(s), s);
});

test("a plain id is its own clean id; a tree path is not plain and is cut to the id", () => {
  assert.equal(cleanModelId("meta-llama/Meta-Llama-3-8B"), "meta-llama/Meta-Llama-3-8B");
  assert.equal(isPlainId("org/tree"), false);
  assert.equal(cleanModelId("https://huggingface.co/org/name/tree/main"), "org/name");
});
