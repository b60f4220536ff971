// The Hub spellings (license_name of `license: other` cards), titles and ScanCode keys of the
// licenses engineer C's area adds resolve to their entries, and unverified entries stay unknown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";

const kb = knowledgeBase();

const SPELLINGS: [string, string][] = [
  // Hub license_name values
  ["nvidia-open-model-license", "nvidia-open-model-license"],
  ["databricks-open-model-license", "databricks-open-model-license"],
  ["mrl", "mrl"],
  ["mnpl", "mnpl"],
  ["falcon-llm-license", "falcon-llm-license"],
  ["nv-ai-foundation-models-license", "nv-ai-foundation-models-license"],
  ["jamba-open-model-license", "jamba-open-model-license"],
  ["ai2-impact-license-low-risk", "ai2-impact-license-low-risk"],
  ["ai2-impact-license-medium-risk", "ai2-impact-license-medium-risk"],
  ["ai2-impact-license-high-risk", "ai2-impact-license-high-risk"],
  ["glm-4", "glm-4"],
  ["gemma", "gemma"],
  // titles and common names
  ["NVIDIA Open Model License Agreement", "nvidia-open-model-license"],
  ["Databricks Open Model License", "databricks-open-model-license"],
  ["Mistral AI Research License", "mrl"],
  ["Mistral AI Non-Production License", "mnpl"],
  ["TII Falcon License 2.0", "falcon-llm-license"],
  ["TII Falcon-LLM License 2.0", "falcon-llm-license"],
  ["Falcon-180B TII License", "falcon-180b-tii-license"],
  ["Falcon 2 11B TII License", "falcon-2-11b-tii-license-1.0"],
  ["NVIDIA AI Foundation Models Community License Agreement", "nv-ai-foundation-models-license"],
  ["AI21 Jamba Open Model License", "jamba-open-model-license"],
  ["AI2 ImpACT License – Low Risk Artifacts", "ai2-impact-license-low-risk"],
  ["Baichuan 2 Model Community License Agreement", "baichuan2-community-license"],
  ["C4AI Acceptable Use Policy", "c4ai-acceptable-use-policy"],
  ["Gemma Prohibited Use Policy", "gemma-prohibited-use-policy"],
  ["Gemma Terms of Use", "gemma"],
  ["NVIDIA Data Agreement for Model Training", "nvidia-data-agreement-for-model-training"],
  ["Salesforce AI Acceptable Use Policy", "salesforce-ai-acceptable-use-policy"],
  [
    "Salesforce Acceptable Use and External-Facing Services Policy",
    "salesforce-acceptable-use-external-facing-services-policy",
  ],
  ["Ethics disclaimer for Salesforce AI models, data, code", "salesforce-ai-ethics-disclaimer"],
  // ScanCode keys
  ["gemma-pup-2024-02-21", "gemma-prohibited-use-policy"],
  ["gemma-tou-2024-04-01", "gemma-2024-04-01"],
  ["gemma-tou-2025-03-24", "gemma"],
  ["nvidia-open-model-2025-04-28", "nvidia-open-model-license-2025-04-28"],
  ["nvidia-model-training-2025", "nvidia-data-agreement-for-model-training"],
  ["falcon-2-11b-1.0", "falcon-2-11b-tii-license-1.0"],
  ["salesforce-ai-aup-2025", "salesforce-ai-acceptable-use-policy"],
  ["salesforce-au-external-2025", "salesforce-acceptable-use-external-facing-services-policy"],
  ["salesforce-ai-ethics-2025", "salesforce-ai-ethics-disclaimer"],
];

for (const [spelling, id] of SPELLINGS)
  test(`'${spelling}' resolves to ${id}`, () => assert.equal(kb.findLicense(spelling)?.id, id));

test("the Hub id gemma is the current Gemma terms, not the 2024 version", () => {
  assert.equal(kb.fromHubId("gemma"), "gemma");
  assert.equal(kb.license("gemma")!.hub, "gemma");
  assert.equal(kb.license("gemma-2024-04-01")!.hub, null);
});

const UNVERIFIED = [
  "mrl",
  "mnpl",
  "falcon-180b-tii-license",
  "falcon-llm-license",
  "nv-ai-foundation-models-license",
  "nvidia-open-model-license-2024-06",
  "nvidia-internal-scientific-research-and-development-model-license",
  "jamba-open-model-license",
  "ai2-impact-license-low-risk",
  "ai2-impact-license-medium-risk",
  "ai2-impact-license-high-risk",
  "glm-4",
  "baichuan2-community-license",
  "c4ai-acceptable-use-policy",
];

test("licenses without a text in the corpus are unverified with every term unknown", () => {
  for (const id of UNVERIFIED) {
    const l = kb.license(id);
    assert.ok(l, id);
    assert.equal(l.verified, false, id);
    assert.equal(l.reference_text, undefined, id);
    for (const [name, t] of Object.entries(l.terms)) assert.equal(t?.value, "unknown", `${id}: ${name}`);
    assert.ok(
      l.warnings.some((w) => w.code === "unverified-terms"),
      `${id} says its terms are unverified`,
    );
  }
});

test("the Salesforce and Gemma policies are policy entries with cited restrictions", () => {
  for (const id of [
    "gemma-prohibited-use-policy",
    "salesforce-ai-acceptable-use-policy",
    "salesforce-acceptable-use-external-facing-services-policy",
    "salesforce-ai-ethics-disclaimer",
  ])
    assert.equal(kb.license(id)!.family, "policy", id);
  const ai = kb.license("salesforce-ai-acceptable-use-policy")!;
  const cats = new Set(ai.use_restrictions.map((r) => r.category));
  for (const c of [
    "automated-decisions",
    "medical-advice",
    "biometric",
    "weapons",
    "political-campaigns",
    "sexual-content",
  ])
    assert.ok(cats.has(c), `Salesforce AI AUP restricts ${c}`);
  // the external-facing policy incorporates the AI policy by reference (§1.A)
  const ext = kb.licenses.find((l) => l.id === "salesforce-acceptable-use-external-facing-services-policy")!;
  assert.deepEqual(
    ext.incorporates.map((i) => i.license),
    ["salesforce-ai-acceptable-use-policy"],
  );
  assert.ok(ext.use_restrictions.some((r) => r.category === "political-campaigns" && r.via === ai.id));
});
