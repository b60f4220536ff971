// One test walks every knowledge-base file: schema, citations, categories, and every quote found
// in its license's text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { clausesOf, loadKbSource } from "../../src/kb/load-data.js";
import { defaultCorpusDir, foldForQuote, referenceTexts } from "../../src/kb/reference-texts.js";
import { ROOT } from "../helpers.js";

const src = loadKbSource(join(ROOT, "data"));

test("every knowledge-base file validates against the schema", () => {
  assert.deepEqual(src.problems, []);
  assert.ok(src.licenses.length >= 90, `only ${src.licenses.length} licenses`);
  assert.ok(src.models.length >= 50, `only ${src.models.length} models`);
});

test("every verified term, restriction and duty carries a clause", () => {
  for (const lic of src.licenses) {
    if (!lic.verified || lic.members?.length) continue;
    for (const [name, term] of Object.entries(lic.terms))
      if (term && term.value !== "n/a") assert.ok(term.clause, `${lic.id}: terms.${name} has no clause`);
    for (const r of lic.use_restrictions) assert.ok(r.clause.quote, `${lic.id}: ${r.category}`);
  }
});

test(
  "every clause quote appears in the license's reference text",
  { skip: !existsSync(defaultCorpusDir(ROOT)) && "corpus not present" },
  () => {
    const corpus = defaultCorpusDir(ROOT);
    let checked = 0;
    const missing: string[] = [];
    for (const lic of src.licenses) {
      const texts = referenceTexts(lic, corpus).map((t) => foldForQuote(t.text));
      if (!texts.length) continue;
      for (const { path, clause } of clausesOf(lic)) {
        checked++;
        if (!texts.some((t) => t.includes(foldForQuote(clause.quote))))
          missing.push(`${lic.id} ${path}: ${clause.quote}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(checked > 1000, `only ${checked} citations checked`);
  },
);

test("the schema rejects an unknown field, a missing clause and an undefined category", async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "kb-"));
  mkdirSync(join(dir, "licenses"));
  mkdirSync(join(dir, "models"));
  copyFileSync(join(ROOT, "data", "use-categories.yaml"), join(dir, "use-categories.yaml"));
  const base = `id: x\nname: X\nspdx: null\nhub: null\nurl: null\nfamily: permissive\ncovers: [code]\nsummary: s\nverified: true\n`;
  const term = (v: string) => `    value: ${v}\n    clause: { section: "1", quote: "q" }\n`;
  const terms = `terms:\n  commercial:\n${term("allowed")}  modify:\n${term("allowed")}  distribute:\n${term("allowed")}  sublicense:\n${term("allowed")}  patent_grant:\n    value: allowed\n`;
  writeFileSync(
    join(dir, "licenses", "x.yaml"),
    base +
      terms +
      "colour: blue\nuse_restrictions:\n  - category: astrology\n    clause: { section: A, quote: q }\n",
  );
  const r = loadKbSource(dir);
  const msgs = r.problems.map((p) => `${p.path}: ${p.message}`).join("\n");
  assert.match(msgs, /colour|Unrecognized key/i);
  writeFileSync(
    join(dir, "licenses", "x.yaml"),
    base + terms + "use_restrictions:\n  - category: astrology\n    clause: { section: A, quote: q }\n",
  );
  const r2 = loadKbSource(dir);
  const msgs2 = r2.problems.map((p) => `${p.path}: ${p.message}`).join("\n");
  assert.match(msgs2, /terms\.patent_grant\.clause: a verified term needs its clause/);
  assert.match(msgs2, /unknown use category 'astrology'/);
});
