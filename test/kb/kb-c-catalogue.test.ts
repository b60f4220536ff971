// The catalogue entries of engineer C's area carry the licenses their cards and texts establish, and
// the licensors' own releases come out without violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { cli } from "../helpers.js";

const kb = knowledgeBase();

const EXPECTED: [string, string][] = [
  ["nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", "llama3.1"],
  ["nvidia/Nemotron-4-340B-Instruct", "nvidia-open-model-license-2024-06"],
  ["nvidia/Mistral-NeMo-Minitron-8B-Base", "nvidia-open-model-license-2024-06"],
  ["nvidia/Nemotron-H-8B-Base-8K", "nvidia-internal-scientific-research-and-development-model-license"],
  ["nvidia/Cosmos-1.0-Diffusion-7B-Text2World", "nvidia-open-model-license"],
  ["databricks/dbrx-base", "databricks-open-model-license"],
  ["databricks/dbrx-instruct", "databricks-open-model-license"],
  ["mistralai/Mistral-Nemo-Instruct-2407", "apache-2.0"],
  ["mistralai/Mixtral-8x22B-Instruct-v0.1", "apache-2.0"],
  ["mistralai/Mistral-Small-24B-Instruct-2501", "apache-2.0"],
  ["mistralai/Mistral-Large-Instruct-2407", "mrl"],
  ["mistralai/Mistral-Large-Instruct-2411", "mrl"],
  ["mistralai/Ministral-8B-Instruct-2410", "mrl"],
  ["mistralai/Codestral-22B-v0.1", "mnpl"],
  ["tiiuae/falcon-11B", "falcon-2-11b-tii-license-1.0"],
  ["tiiuae/Falcon3-7B-Instruct", "falcon-llm-license"],
  ["tiiuae/falcon-180B", "falcon-180b-tii-license"],
  ["tiiuae/falcon-7b", "apache-2.0"],
];

for (const [id, license] of EXPECTED)
  test(`${id} is under ${license}`, () => assert.equal(kb.findModel(id)?.licenses.weights, license));

test("Nemotron 70B is a Llama 3.1 derivative", () => {
  const m = kb.findModel("nvidia/Llama-3.1-Nemotron-70B-Instruct-HF")!;
  assert.deepEqual(m.bases, [{ id: "meta-llama/Llama-3.1-70B-Instruct", relation: "finetune" }]);
});

test("the Nemotron pre-training sample is a dataset under the NVIDIA data agreement", () => {
  const d = kb.findModel("nvidia/Nemotron-Pretraining-Dataset-sample")!;
  assert.equal(d.kind, "dataset");
  assert.equal(d.licenses.data, "nvidia-data-agreement-for-model-training");
});

for (const id of [
  "google/gemma-2-9b-it",
  "databricks/dbrx-instruct",
  "meta-llama/Llama-3.1-8B-Instruct",
  "tiiuae/falcon-11B-vlm",
])
  test(`distributing the licensor's own ${id} commercially reports no violation`, async () => {
    const r = await cli("check", id, "--offline", "--mode", "distribute", "--commercial", "--json");
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.notEqual(r.json.verdict, "violation");
    assert.deepEqual(
      r.json.findings.filter((f: { severity: string }) => f.severity === "violation"),
      [],
    );
  });
