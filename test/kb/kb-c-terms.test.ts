// Specific facts of engineer C's entries that the issue calls out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";

const kb = knowledgeBase();
const lic = (id: string) => {
  const l = kb.license(id);
  assert.ok(l, id);
  return l;
};

test("C-UDA is not copyleft: trained models are Results it leaves free", () => {
  const c = lic("c-uda");
  assert.notEqual(c.family, "copyleft");
  assert.equal(c.flow_down.same_license, undefined);
  assert.equal(
    kb.license("c-uda")!.warnings.find((w) => w.code === "results-include-models")?.clause?.section,
    "§5.5",
  );
});

test("'Licensor claims no rights in the Output' leaves output ownership unspecified", () => {
  for (const id of ["bigscience-bloom-rail-1.0", "bigscience-openrail-m", "bigcode-openrail-m", "deepseek"]) {
    const o = lic(id).outputs!;
    assert.equal(o.ownership, "unspecified", id);
    assert.match(o.clause!.quote, /claims no rights in the Output/, id);
  }
});

test("licensors' Hub organisations", () => {
  const orgs: [string, string][] = [
    ["bigscience-bloom-rail-1.0", "bigscience"],
    ["deepseek", "deepseek-ai"],
    ["yi-license", "01-ai"],
    ["openai-tou", "openai"],
    ["gpt-3", "openai"],
    ["nvidia-open-model-license", "nvidia"],
    ["nvidia-open-model-license-2025-04-28", "nvidia"],
    ["nvidia-data-agreement-for-model-training", "nvidia"],
    ["databricks-open-model-license", "databricks"],
    ["falcon-2-11b-tii-license-1.0", "tiiuae"],
    ["deepfloyd-if-license", "DeepFloyd"],
    ["salesforce-ai-acceptable-use-policy", "Salesforce"],
  ];
  for (const [id, org] of orgs) assert.ok(lic(id).licensor?.hub_orgs.includes(org), `${id}: ${org}`);
});

test("use-restriction flow-down forms follow the texts", () => {
  for (const id of [
    "gemma",
    "llama2",
    "llama3.1",
    "llama4",
    "opt-175b",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
    "falcon-2-11b-tii-license-1.0",
    "databricks-open-model-license",
  ])
    assert.equal(lic(id).flow_down.use_restrictions?.form, "own", id);
  assert.equal(lic("bigcode-openrail-m").flow_down.use_restrictions?.form, "equivalent");
  // the NVIDIA Open Model License lets derivatives go under their own terms
  assert.equal(lic("nvidia-open-model-license").flow_down.use_restrictions, undefined);
});

test("the two NVIDIA Open Model License texts differ on guardrails", () => {
  const now = lic("nvidia-open-model-license");
  const apr = lic("nvidia-open-model-license-2025-04-28");
  assert.match(
    now.warnings.find((w) => w.code === "guardrail-termination")!.clause!.quote,
    /substantially similar Guardrail/,
  );
  assert.doesNotMatch(
    apr.warnings.find((w) => w.code === "guardrail-termination")!.clause!.quote,
    /substantially similar/,
  );
  assert.ok(now.warnings.some((w) => w.code === "special-purpose-model"));
  assert.ok(!apr.warnings.some((w) => w.code === "special-purpose-model"));
  for (const l of [now, apr]) {
    assert.equal(l.terms.commercial.value, "allowed");
    assert.equal(
      l.flow_down.notice?.text,
      "Licensed by NVIDIA Corporation under the NVIDIA Open Model License",
    );
    assert.ok(l.duties.some((d) => d.code === "built-on-nvidia-cosmos" && d.trigger === "distribute"));
  }
});

test("the NVIDIA data agreement covers data for internal training only and leaves trained models to their makers", () => {
  const d = lic("nvidia-data-agreement-for-model-training");
  assert.deepEqual(d.covers, ["data"]);
  assert.equal(d.terms.distribute.value, "forbidden");
  assert.equal(d.outputs?.ownership, "user");
});

test("Databricks: 700M monthly-active-user threshold, no improving other LLMs, latest-version duty", () => {
  const d = lic("databricks-open-model-license");
  assert.deepEqual(
    d.thresholds.map((t) => [t.metric, t.limit]),
    [["monthly-active-users", 700_000_000]],
  );
  const r = d.outputs!.restrictions.find((x) => x.kind === "improve-other-models")!;
  assert.deepEqual(r.except_licenses, ["databricks-open-model-license"]);
  assert.ok(d.duties.some((x) => x.code === "use-latest-version" && x.clause.section === "§4.1"));
  assert.ok(d.warnings.some((w) => w.code === "aup-incorporated-by-reference"));
});

test("Falcon 2 11B: Apache-style patent grant, the TII publication statement and AUP flow-down", () => {
  const f = lic("falcon-2-11b-tii-license-1.0");
  assert.equal(f.terms.patent_grant.value, "allowed");
  assert.match(
    f.flow_down.naming?.display ?? "",
    /is built using Falcon LLM technology from the Technology Innovation Institute$/,
  );
});

test("RAIL and FAIR duties are duties, not warnings or notices", () => {
  for (const id of ["bigscience-bloom-rail-1.0", "bigscience-openrail-m"])
    assert.ok(
      lic(id).duties.some((d) => d.code === "use-latest-version" && d.clause.section === "§7"),
      id,
    );
  const fair = lic("fair-noncommercial-research-license");
  assert.ok(fair.duties.some((d) => d.code === "publication-acknowledgement"));
  assert.equal(fair.flow_down.notice, undefined);
});
