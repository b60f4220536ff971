// Gemma: the Prohibited Use Policy's restrictions are Gemma's own through §3.2, the 2024-04-01 and
// 2025-03-24 terms are separate versions that accept each other's restrictions, and Google's own
// releases are Google's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";

const kb = knowledgeBase();
const PUP = "gemma-prohibited-use-policy";
/** The entry as rules see it: `kb.licenses` holds licenses with their incorporated policies added. */
const resolved = (id: string) => kb.licenses.find((l) => l.id === id)!;

// Every kind of use the policy forbids, as data/use-categories.yaml names them.
const PUP_CATEGORIES = [
  "ip-infringement",
  "illegal",
  "minors",
  "illegal-drugs",
  "violence",
  "unlicensed-professional-advice",
  "spam",
  "fraud",
  "malware",
  "circumvention",
  "hate-speech",
  "harassment",
  "self-harm",
  "pii",
  "surveillance",
  "discrimination",
  "misinformation",
  "undisclosed-ai-content",
  "impersonation",
  "automated-decisions",
  "sexual-content",
];

test("the Prohibited Use Policy lists every restriction it sets", () => {
  const cats = new Set(kb.license(PUP)!.use_restrictions.map((r) => r.category));
  for (const c of PUP_CATEGORIES) assert.ok(cats.has(c), `policy restricts ${c}`);
});

for (const id of ["gemma", "gemma-2024-04-01"])
  test(`${id} incorporates the Prohibited Use Policy by §3.2 and carries all its restrictions`, () => {
    const g = resolved(id);
    assert.deepEqual(
      g.incorporates.map((i) => [i.license, i.clause.section]),
      [[PUP, "§3.2"]],
    );
    const cats = new Set(g.use_restrictions.map((r) => r.category));
    for (const c of PUP_CATEGORIES) assert.ok(cats.has(c), `${id} restricts ${c}`);
    const viaPolicy = g.use_restrictions.filter((r) => r.via === PUP);
    assert.ok(
      viaPolicy.length >= PUP_CATEGORIES.length - 1,
      "the policy's restrictions are marked as coming from it",
    );
    // each keeps the policy's own clause, not a clause of the terms
    assert.ok(viaPolicy.every((r) => !r.clause.section.startsWith("§")));
    assert.equal(g.flow_down.use_restrictions?.form, "own");
  });

test("the two versions of the terms accept each other's use restrictions", () => {
  assert.deepEqual(kb.license("gemma")!.flow_down.use_restrictions?.accepts, ["gemma-2024-04-01"]);
  assert.deepEqual(kb.license("gemma-2024-04-01")!.flow_down.use_restrictions?.accepts, ["gemma"]);
});

test("the 2024-04-01 terms carry no duty to use the latest version (their §4.1 has none)", () => {
  const old = kb.license("gemma-2024-04-01")!;
  assert.deepEqual(old.duties, []);
  const w = old.warnings.find((x) => x.code === "no-latest-version-duty");
  assert.equal(w?.clause?.section, "§4.1");
});

test("Google is the licensor of Gemma and publishes as google on the Hub", () => {
  for (const id of ["gemma", "gemma-2024-04-01", PUP])
    assert.ok(kb.license(id)!.licensor?.hub_orgs.includes("google"), id);
  assert.deepEqual(kb.license("gemma")!.licensor?.entities, ["Google LLC"]);
});

test("Google claiming no rights in outputs does not make the user their owner", () => {
  assert.equal(kb.license("gemma")!.outputs?.ownership, "unspecified");
});

test("every Gemma catalogue entry is under the Gemma terms", () => {
  const gemmas = kb.models.filter((m) => m.id.startsWith("google/") && /gemma/i.test(m.id));
  assert.ok(gemmas.length >= 25, `${gemmas.length} Gemma models`);
  for (const m of gemmas) assert.equal(m.licenses.weights, "gemma", m.id);
});
