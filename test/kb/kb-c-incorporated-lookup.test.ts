// A license looked up by id or name carries the restrictions of the policies it incorporates, so
// that explain and check see Gemma's Prohibited Use Policy as part of the Gemma terms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { cli } from "../helpers.js";

const kb = knowledgeBase();

test("kb.license and kb.findLicense return the incorporated restrictions", () => {
  for (const g of [kb.license("gemma")!, kb.findLicense("Gemma Terms of Use")!]) {
    const cats = new Set(g.use_restrictions.map((r) => r.category));
    for (const c of ["violence", "sexual-content", "circumvention", "minors"]) assert.ok(cats.has(c), c);
  }
});

test("using a Gemma model for violent content is a violation cited to the Prohibited Use Policy", async () => {
  const r = await cli("check", "google/gemma-2-9b-it", "--offline", "--use", "violence", "--json");
  assert.equal(r.json.verdict, "violation", r.stdout);
  assert.equal(r.code, 1);
  const f = r.json.findings.find((x: { severity: string }) => x.severity === "violation");
  assert.equal(f.license, "gemma");
  assert.match(f.clause.quote, /violen/i);
});
