// Meta's licenses: two licensing entities, the integrated-product exemption, the AUP categories,
// and the one meaning of "no patent license" across the whole knowledge base.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";

const kb = knowledgeBase();
const LLAMA = ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"];
const META = [...LLAMA, "fair-noncommercial-research-license"];

test("Meta grants Llama 2 to 4 and FAIR through two entities, split by the EEA and Switzerland", () => {
  for (const id of META) {
    const l = kb.license(id)!.licensor!;
    assert.deepEqual(l.entities, ["Meta Platforms Ireland Limited", "Meta Platforms, Inc."], id);
    assert.match(l.clause.quote, /EEA or Switzerland\) and Meta Platforms, Inc\./, id);
  }
  assert.deepEqual(kb.license("llama1")!.licensor!.entities, ["Meta Platforms, Inc."]);
});

test("Meta's own Hub organisations are recorded", () => {
  for (const id of ["llama1", ...LLAMA])
    assert.deepEqual(kb.license(id)!.licensor!.hub_orgs, ["meta-llama", "facebook"], id);
  for (const id of ["fair-noncommercial-research-license", "opt-175b"])
    assert.deepEqual(kb.license(id)!.licensor!.hub_orgs, ["facebook"], id);
});

test("end users of a licensee's integrated product are exempt from the user threshold (§1.b.ii)", () => {
  for (const id of LLAMA) {
    const w = kb.license(id)!.warnings.find((x) => x.code === "end-user-exemption");
    assert.ok(w, id);
    assert.equal(w.clause?.section, "§1.b.ii", id);
    assert.match(w.clause!.quote, /integrated end user product, then Section 2/, id);
  }
});

test("'Violence or terrorism' and inciting violence are violence; circumventing safety measures is circumvention", () => {
  for (const id of META) {
    const r = kb.license(id)!.use_restrictions;
    const of = (q: RegExp) => r.filter((x) => q.test(x.clause.quote)).map((x) => x.category);
    assert.deepEqual(of(/^Violence or terrorism$/), ["violence"], id);
    assert.deepEqual(of(/^Any content intended to incite or promote violence/), ["violence"], id);
    for (const c of of(/circumvent/)) assert.equal(c, "circumvention", id);
  }
  for (const id of ["llama3.2", "llama3.3", "llama4", "llama1", "opt-175b", "deepfloyd-if-license"])
    assert.ok(
      kb.license(id)!.use_restrictions.some((x) => x.category === "circumvention"),
      `${id} restricts circumvention`,
    );
});

test("no license codes the absence of a patent license as forbidden", () => {
  const forbidden = kb.licenses.filter((l) => l.terms.patent_grant.value === "forbidden").map((l) => l.id);
  assert.deepEqual(forbidden, []);
  for (const id of ["cc-by-4.0", "cc-by-nc-4.0", "cc0-1.0", "apple-amlr", "opt-175b", "llama1"]) {
    const t = kb.license(id)!.terms.patent_grant;
    assert.equal(t.value, "n/a", id);
    assert.match(t.condition ?? "", /grants no patent license/, id);
    assert.ok(t.clause, `${id} cites the clause that shows it`);
  }
});

test("the same grant wording has the same patent reading in Llama and FAIR", () => {
  for (const id of META) assert.equal(kb.license(id)!.terms.patent_grant.value, "conditional", id);
});
