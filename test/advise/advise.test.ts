// advise: ranked candidates, card front matter, NOTICE, and a smallest fix that check accepts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { advise, plannedRecord } from "../../src/advise.js";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { checkRecord } from "../../src/check.js";
import { openness } from "../../src/openness.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { cli, ROOT } from "../helpers.js";

const registry = [join(ROOT, "examples", "registry")];

test("a CreativeML OpenRAIL-M derivative may use any license carrying Attachment A, not Apache", async () => {
  const a = await advise(plannedRecord(["CompVis/stable-diffusion-v1-4"], [], "finetune"), { offline: true });
  const ids = a.candidates.map((c) => c.id);
  assert.equal(ids[0], "creativeml-openrail-m");
  assert.ok(ids.includes("openrail++"));
  assert.ok(!ids.includes("apache-2.0") && !ids.includes("mit"));
  assert.match(
    a.model_card,
    /^---\nlicense: creativeml-openrail-m\nbase_model: CompVis\/stable-diffusion-v1-4\n/,
  );
  assert.match(a.notice, /CompVis\/stable-diffusion-v1-4/);
});

test("a Llama 3.1 derivative keeps the Llama 3.1 license and learns its naming and notice duties", async () => {
  const a = await advise(plannedRecord(["meta-llama/Llama-3.1-8B"], [], "finetune", "My Assistant"), {
    offline: true,
    goal: "commercial",
  });
  assert.deepEqual(
    a.candidates.map((c) => c.id),
    ["llama3.1"],
  );
  assert.ok(a.candidates[0]!.duties.some((d) => /name with "Llama"/.test(d)));
  assert.match(a.notice, /Llama 3\.1 is licensed under the Llama 3\.1 Community License/);
  assert.match(a.notice, /Built with Llama/);
});

test("the goal reorders candidates: copyleft first for a permissive base", async () => {
  const a = await advise(plannedRecord(["mistralai/Mistral-7B-v0.1"], [], "finetune"), {
    offline: true,
    goal: "copyleft",
  });
  assert.ok(["copyleft", "weak-copyleft"].includes(a.candidates[0]!.family), a.candidates[0]!.id);
  const open = await advise(plannedRecord(["mistralai/Mistral-7B-v0.1"], [], "finetune"), {
    offline: true,
    goal: "open",
  });
  assert.ok(["permissive", "public-domain"].includes(open.candidates[0]!.family));
});

test("an exclusive base is a blocker no license cures", async () => {
  const a = await advise(plannedRecord(["openai/gpt-3"], [], "distill"), { offline: true });
  assert.equal(a.candidates.length, 0);
  assert.ok(a.blockers.some((b) => b.code === "exclusive-license"));
});

test("the proposed fix for a violating model passes check --as", async () => {
  const dir = join(ROOT, "examples", "watercolour-diffusion");
  const rec = inspectFolder(dir);
  const a = await advise(rec, { registry, offline: true, targetDir: dir });
  assert.equal(a.current?.verdict, "violation");
  const fix = a.current!.fixes.find((f) => f.kind === "change-license");
  assert.ok(fix, JSON.stringify(a.current));
  assert.notEqual(a.current!.fixed_verdict, "violation");
  const report = await checkRecord(rec, { registry, offline: true, as: a.candidates[0]!.id }, dir);
  assert.notEqual(report.verdict, "violation");
});

test("a naming violation is fixed by a rename that check accepts", async () => {
  const dir = join(ROOT, "..", "shared", "scenarios", "llama3-finetune-without-name-prefix", "model");
  const reg = [join(ROOT, "..", "shared", "scenarios", "registry")];
  const { existsSync } = await import("node:fs");
  if (!existsSync(dir)) return;
  const rec = inspectFolder(dir);
  const a = await advise(rec, { registry: reg, offline: true, targetDir: dir });
  const rename = a.current?.fixes.find((f) => f.kind === "rename");
  assert.ok(rename && /"Llama 3 Chatty 8B"/.test(rename.text), JSON.stringify(a.current));
  assert.equal(a.current!.fixed_verdict, "conditional");
});

test("advise CLI: --base and --goal, JSON contract, bad goal exits 2", async () => {
  const r = await cli(
    "advise",
    "--base",
    "CompVis/stable-diffusion-v1-4",
    "--goal",
    "commercial",
    "--offline",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.json.candidates[0].id && r.json.candidates[0].why.length);
  assert.equal(typeof r.json.model_card, "string");
  assert.equal(typeof r.json.notice, "string");
  assert.equal((await cli("advise", "--base", "x/y", "--goal", "cheap")).code, 2);
  assert.equal((await cli("advise")).code, 2);
});

test("openness: an Apache model with MIT code reaches Class III; a RAIL model does not", () => {
  const kb = knowledgeBase();
  const rec = plannedRecord([], [], "finetune");
  rec.license = { id: "apache-2.0", ids: ["apache-2.0"], name: "Apache", evidence: [] };
  rec.components = [
    { kind: "weights", license: "apache-2.0", evidence: [] },
    { kind: "code", license: "mit", evidence: [] },
  ];
  const o = openness(rec, ["cc-by-4.0"], kb);
  assert.equal(o.mof_class, "I");
  assert.equal(o.osaid.meets, true);
  const noData = openness(rec, [], kb);
  assert.equal(noData.mof_class, "II");
  rec.components[0]!.license = "creativeml-openrail-m";
  const rail = openness(rec, [], kb);
  assert.equal(rail.mof_class, null);
  assert.equal(rail.osaid.meets, false);
  assert.ok(rail.blockers.some((b) => b.component === "weights" && /restricts use/.test(b.reason)));
  rec.components[0]!.license = "cc-by-nc-4.0";
  assert.ok(openness(rec, [], kb).blockers.some((b) => /commercial/.test(b.reason)));
});
