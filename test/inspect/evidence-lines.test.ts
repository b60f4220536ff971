// Evidence and findings carry the 1-based line of README.md (front matter fields, tags, list
// items, the prose), of a license file (its first matched line) and of config keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspectFiles } from "../../src/inspect/inspect.js";
import { frontMatterLines } from "../../src/inspect/card-lines.js";
import type { ModelRecord } from "../../src/inspect/record.js";

const CARD = [
  "---", // 1
  "language: [en]", // 2
  "license: other", // 3
  "license_name: Yi License", // 4
  "base_model:", // 5
  "  - org/base-a", // 6
  "  # a comment", // 7
  "  - org/base-b", // 8
  "base_model_relation: sideways", // 9
  "datasets: [org/data-1, org/data-2]", // 10
  "tags:", // 11
  "- text-generation", // 12
  "- base_model:adapter:org/base-c", // 13
  "model_name: 42", // 14
  "pipeline_tag: [not, a, string]", // 15
  "---", // 16
  "", // 17
  "# Lines", // 18
].join("\n");

const lines = (r: ModelRecord, pick: (ev: { field?: string; value: string }) => boolean) =>
  [...r.bases, ...r.datasets, { evidence: r.license.evidence }]
    .flatMap((x) => x.evidence)
    .filter(pick)
    .map((e) => [e.field, e.value, e.line]);

test("card fields, list items and tags carry their lines", () => {
  const r = inspectFiles({ "README.md": CARD });
  assert.equal(r.license.id, "yi-license");
  assert.deepEqual(
    lines(r, (e) => e.field === "license" || e.field === "license_name"),
    [
      ["license", "other", 3],
      ["license_name", "Yi License", 4],
    ],
  );
  assert.deepEqual(
    lines(r, (e) => e.field === "base_model" || e.field === "tags"),
    [
      ["base_model", "org/base-a", 6],
      ["base_model", "org/base-b", 8],
      ["tags", "base_model:adapter:org/base-c", 13],
    ],
  );
  assert.deepEqual(
    lines(r, (e) => e.field === "datasets"),
    [
      ["datasets", "org/data-1", 10],
      ["datasets", "org/data-2", 10],
    ],
  );
});

test("findings about card fields carry the field's line", () => {
  const r = inspectFiles({ "README.md": CARD });
  const at = (code: string, field: string) =>
    r.findings.find((f) => f.code === code && f.field === field)?.line;
  assert.equal(at("bad-card-field", "base_model_relation"), 9);
  assert.equal(at("bad-card-field", "pipeline_tag"), 15);
});

test("a license named in the prose: the line in README.md, not in the body", () => {
  const r = inspectFiles({
    "README.md":
      "---\ntags: [x]\n---\n\n# Prose\n\nIntro.\n\nThis model is released under the Apache 2.0 license.\n",
  });
  assert.equal(r.license.id, "apache-2.0");
  const ev = r.license.evidence[0]!;
  assert.equal(ev.source, "card-prose");
  assert.equal(ev.line, 9);
});

test("config and adapter-config keys carry their lines", () => {
  const r = inspectFiles({
    "adapter_config.json": '{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "org/base"\n}\n',
  });
  assert.deepEqual(
    r.bases[0]!.evidence.filter((e) => e.source === "adapter-config").map((e) => e.line),
    [3],
  );
  const c = inspectFiles({ "config.json": '{\n"architectures": ["X"],\n"_name_or_path": "org/base"\n}' });
  assert.equal(c.bases[0]!.evidence[0]!.line, 3);
  assert.equal(c.architecture, "X");
});

test("frontMatterLines: quoted keys, flow lists, values YAML rewrote, many misses", () => {
  const text = '---\n"license": mit\nbase_model: [a/b, c/d]\nlist:\n  - "q/r"\n  - 7\n---\n';
  const l = frontMatterLines(text, 8);
  assert.equal(l.line("license"), 2);
  assert.deepEqual(l.valueLines("base_model", ["a/b", "c/d"]), [3, 3]);
  assert.deepEqual(l.valueLines("list", ["q/r", "7", "absent"]), [5, 6, 4]);
  assert.equal(l.line("nothing"), undefined);
  const many = Array.from({ length: 50 }, (_, i) => `missing-${i}`);
  assert.deepEqual(new Set(l.valueLines("list", many)), new Set([4]));
});
