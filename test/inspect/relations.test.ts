// Relations: mergekit configs give `merge` parents with file, field and line; `combination` comes
// from base_model_relation (and its words ensemble / pipeline / router) and from tags; several
// bases with no relation stay `merge`; a dataset card names the models that generated it.
import { catalogueLicense } from "../../src/kb/knowledge-base.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspectFiles, inspectFolder, recordFromCatalogue } from "../../src/inspect/inspect.js";
import { relationOf } from "../../src/inspect/model-card.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { tempDir } from "./binary-writers.js";
import { materialise } from "./model-fixtures.js";

const tmp = tempDir("mlicense-relations-");
test.after(() => tmp.done());

const evidenceOf = (r: ReturnType<typeof inspectFolder>, id: string) =>
  r.bases
    .find((b) => b.id === id)!
    .evidence.filter((e) => e.source === "mergekit-config")
    .map((e) => [e.field, e.line]);

test("mergekit slerp: slices' models and base_model, each with its field and line", () => {
  const r = inspectFolder(materialise(tmp.dir, "mergekit-slerp"));
  assert.deepEqual(evidenceOf(r, "mistralai/Mistral-7B-v0.1"), [
    ["base_model", 8],
    ["slices[0].sources[0].model", 3],
  ]);
  assert.deepEqual(evidenceOf(r, "HuggingFaceH4/zephyr-7b-beta"), [["slices[0].sources[1].model", 5]]);
  const ev = r.bases[0]!.evidence[0]!;
  assert.ok(ev.file?.endsWith("mergekit_config.yml"));
  assert.match(ev.value, /merge_method slerp/);
});

test("mergekit ties: the card's base_model list and the config agree on each parent", () => {
  const r = inspectFolder(materialise(tmp.dir, "mergekit-ties"));
  for (const b of r.bases) {
    assert.equal(b.relation, "merge");
    assert.deepEqual([...new Set(b.evidence.map((e) => e.source))].sort(), ["card", "mergekit-config"]);
    assert.ok(!b.evidence.some((e) => e.source === "inferred"), "the relation is read, not inferred");
  }
  assert.deepEqual(evidenceOf(r, "teknium/OpenHermes-2.5-Mistral-7B"), [["models[1].model", 4]]);
});

test("mergekit passthrough of one model and mergekit-moe experts are merges", () => {
  const p = inspectFolder(materialise(tmp.dir, "mergekit-passthrough"));
  assert.deepEqual(
    p.bases.map((b) => [b.id, b.relation]),
    [["mistralai/Mistral-7B-Instruct-v0.2", "merge"]],
  );
  assert.ok(p.bases[0]!.evidence[0]!.file!.endsWith("mergekit_config.yaml"));
  const m = inspectFolder(materialise(tmp.dir, "mergekit-moe"));
  assert.deepEqual(evidenceOf(m, "meta-math/MetaMath-Mistral-7B"), [["experts[1].source_model", 9]]);
  assert.match(m.bases[0]!.evidence[0]!.value, /merge_method moe/);
});

test("mergekit: a model with a LoRA applied names both; a broken config is a finding, the rest is read", () => {
  const lora = inspectFiles({
    "mergekit_config.yml":
      "merge_method: linear\nmodels:\n  - model: org/base+org/lora\n  - model: org/other\n",
  });
  assert.deepEqual(
    lora.bases.map((b) => [b.id, b.relation]),
    [
      ["org/base", "merge"],
      ["org/lora", "merge"],
      ["org/other", "merge"],
    ],
  );
  const broken = inspectFiles({
    "README.md": "---\nlicense: mit\nbase_model: org/a\n---\n",
    "mergekit_config.yml": "models: [\n  - model: x\n",
  });
  assert.equal(broken.license.id, "mit");
  assert.deepEqual(
    broken.bases.map((b) => [b.id, b.relation]),
    [["org/a", "finetune"]],
  );
  const f = broken.findings.find((x) => x.code === "mergekit-config-unreadable");
  assert.ok(f?.file?.endsWith("mergekit_config.yml"));
});

test("relationOf: the vocabulary, and the words that name a combination", () => {
  const cases: [string | undefined, string | undefined | null][] = [
    [undefined, undefined],
    ["merge", "merge"],
    ["Quantized", "quantized"],
    ["combination", "combination"],
    ["ensemble", "combination"],
    ["ensemble of classifiers", "combination"],
    ["pipeline", "combination"],
    ["router", "combination"],
    ["mixture", null],
  ];
  for (const [raw, want] of cases) assert.equal(relationOf(raw), want, String(raw));
});

test("combination from base_model_relation, from its words, and from base_model:combination: tags", () => {
  const r = inspectFolder(materialise(tmp.dir, "combination-relation"));
  assert.equal(r.license.id, "mit AND llama3.1");
  for (const b of r.bases) assert.equal(b.relation, "combination");
  const e = inspectFolder(materialise(tmp.dir, "combination-ensemble"));
  assert.deepEqual([...new Set(e.bases.map((b) => b.relation))], ["combination"]);
  const t = inspectFiles({
    "README.md":
      "---\nlicense: apache-2.0\ntags:\n- base_model:combination:org/a\n- base_model:combination:org/b\n---\n",
  });
  assert.deepEqual(
    t.bases.map((b) => [b.id, b.relation]),
    [
      ["org/a", "combination"],
      ["org/b", "combination"],
    ],
  );
});

test("a synthetic dataset's card: generated_by and source_model (string or list) become generatedBy", () => {
  const r = inspectFolder(materialise(tmp.dir, "dataset-generated-by"));
  assert.deepEqual(r.generatedBy, ["meta-llama/Llama-3.1-70B-Instruct", "google/gemma-2-27b-it"]);
  const list = inspectFiles({
    "README.md": "---\nsource_models: [org/a, org/b]\nsource_model: org/a\n---\n",
  });
  assert.deepEqual(list.generatedBy, ["org/a", "org/b"]);
  assert.equal(inspectFiles({ "README.md": "---\nlicense: mit\n---\n" }).generatedBy, undefined);
  const bad = inspectFiles({ "README.md": "---\ngenerated_by: {model: x}\n---\n" });
  assert.ok(bad.findings.some((f) => f.code === "bad-card-field" && f.field === "generated_by"));
});

test("a catalogue dataset generated by models carries generatedBy; catalogue licenses keep their ids", () => {
  const kb = knowledgeBase();
  const ds = kb.models.find((m) => m.generated_by.length);
  if (ds) assert.deepEqual(recordFromCatalogue(ds.id, kb)!.generatedBy, ds.generated_by);
  for (const m of kb.models.slice(0, 40)) {
    const r = recordFromCatalogue(m.id, kb)!;
    assert.equal(r.license.id, catalogueLicense(m));
    assert.ok(r.license.ids.length >= 1);
  }
});

test("base_model de-duplication keeps the first spelling and every piece of evidence (20,000 entries)", () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `org/m${i % 10_000}`);
  const r = inspectFiles({
    "README.md": `---\nlicense: mit\nbase_model:\n${ids.map((i) => `- ${i}`).join("\n")}\n---\n`,
  });
  assert.equal(r.bases.length, 10_000);
  assert.equal(r.bases[42]!.evidence.filter((e) => e.source === "card").length, 2);
  assert.deepEqual(
    r.bases[42]!.evidence.filter((e) => e.source === "card").map((e) => e.line),
    [46, 10_046],
  );
});
