// The audit's fast path for ids: `isPlainId` scans a string once instead of running two regular
// expressions, millions of times per dump. It must agree with those expressions on any string,
// above all on names that are, end in or nearly are "tree", "blob" and "resolve".
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { cleanModelId, cleanModelIdByRules, isPlainId } from "../../src/inspect/model-id.js";

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

test("the Hub's short domain, its URL without a scheme, hf:// and an Ollama quantization tag are the same id", () => {
  for (const s of [
    "https://hf.co/meta-llama/Meta-Llama-3-8B",
    "hf.co/meta-llama/Meta-Llama-3-8B",
    "huggingface.co/meta-llama/Meta-Llama-3-8B",
    "hf://meta-llama/Meta-Llama-3-8B",
    "hf://models/meta-llama/Meta-Llama-3-8B",
    "meta-llama/Meta-Llama-3-8B:Q4_K_M",
    "hf.co/meta-llama/Meta-Llama-3-8B:latest",
    "https://hf.co/meta-llama/Meta-Llama-3-8B/tree/main",
  ])
    assert.equal(cleanModelId(s), "meta-llama/Meta-Llama-3-8B", s);
  // another site's URL keeps its colon: it is no Hub id, and is not made into one
  assert.equal(cleanModelId("https://github.com/org/repo"), "https://github.com/org/repo");
  assert.equal(cleanModelId("hf.com/org/name"), "hf.com/org/name");
});

test("the fast paths of cleanModelId (Hub URLs, pinned revisions) give what its rules give, on ids and near misses", () => {
  const prefix = fc.constantFrom(
    "https://huggingface.co/",
    "https://huggingface.co/models/",
    "https://huggingface.co/datasets/",
    "https://huggingface.co/Models/",
    "https://www.huggingface.co/",
    "https://HuggingFace.co/",
    "http://huggingface.co/",
    "https://huggingface.co",
    "",
    "models/",
    "datasets/",
    "hf:",
    "hf://",
    "hf.co/",
    "https://hf.co/",
    "huggingface.co/",
    " ",
  );
  const tail = fc.constantFrom(
    "",
    "/",
    "/tree/main",
    "@rev",
    " ",
    "\n",
    "#x",
    "@",
    "@main ",
    "@re v",
    "@rev\nx",
    "@rev\u2028",
    "#x@y",
    "@main/tree/x",
    "@".repeat(3),
    ":Q4_K_M",
    ":",
    ":x@rev",
  );
  fc.assert(
    fc.property(prefix, fc.array(part, { maxLength: 6 }), tail, (p, parts, t) => {
      const s = p + parts.join("") + t;
      // a plain id is its own clean id; anything else is what the rules make of it
      assert.equal(cleanModelId(s), isPlainId(s) ? s : cleanModelIdByRules(s), JSON.stringify(s));
    }),
    { numRuns: 20_000, seed: 5 },
  );
  for (const s of [
    "n/a",
    "N/A",
    "none/x",
    "a".repeat(150) + "/" + "b".repeat(49),
    "a".repeat(150) + "/" + "b".repeat(50),
  ]) {
    assert.equal(cleanModelId(s + "@rev"), cleanModelIdByRules(s + "@rev"), s);
    assert.equal(
      cleanModelId("https://huggingface.co/" + s),
      cleanModelIdByRules("https://huggingface.co/" + s),
      s,
    );
  }
  assert.equal(cleanModelId("https://huggingface.co/org/name"), "org/name");
  assert.equal(cleanModelId("Org/Name@main"), "Org/Name");
});

test("cleanModelId ends at once on 100 kB ids shaped to make its expressions backtrack", () => {
  const long = 100_000;
  for (const s of [
    "https://huggingface.co/" + "a".repeat(long),
    "https://huggingface.co/" + "a/".repeat(long / 2),
    "https://huggingface.co/" + "/tree/".repeat(long / 6),
    "hf:" + "@".repeat(long),
    " ".repeat(long) + "org/name",
    "org/" + "a".repeat(long) + "@",
    "https://huggingface.co/org/" + "n".repeat(long) + "/tree/main",
  ]) {
    // longer than any id with a URL around it: junk, whatever it holds
    assert.equal(cleanModelId(s), null, s.slice(0, 40));
    assert.equal(cleanModelIdByRules(s), null);
  }
});
