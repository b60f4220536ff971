// What the audit's summary counts: roots are the models with no base (catalogue models
// included), transitions go from the parent's license to the child's, and --out rows say why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { audit } from "../../src/audit/audit.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { chain, outRows, tmp, writeDump } from "./_dumps.js";

const kb = knowledgeBase();

test("roots: a catalogue root is counted, and a deep chain's root is its first model, not a cut point", async () => {
  const dir = tmp();
  const rows = [
    ...chain(100, "meta-llama/Meta-Llama-3-8B", ["mit", "apache-2.0"], "deep/link"),
    { id: "own/root", cardData: { license: "cc-by-nc-4.0" } },
    ...chain(3, "own/root", ["mit"], "own/child"),
  ];
  const s = await audit(writeDump(join(dir, "d.jsonl"), rows));
  const root = s.worst_roots.find((r) => r.id === "meta-llama/Meta-Llama-3-8B");
  assert.deepEqual(root, {
    id: "meta-llama/Meta-Llama-3-8B",
    license: "llama3",
    violating_descendants: 100,
    catalogue: true,
  });
  assert.deepEqual(
    s.worst_roots.find((r) => r.id === "own/root"),
    { id: "own/root", license: "cc-by-nc-4.0", violating_descendants: 3, catalogue: false },
  );
  // no model inside a chain is a root
  assert.ok(!s.worst_roots.some((r) => r.id.startsWith("deep/") || r.id.startsWith("own/child")));
  assert.equal(s.worst_roots.length, 2);
});

test("transitions count the parent's license and the child's, per base edge", async () => {
  const dir = tmp();
  const rows = [
    { id: "a/nc", cardData: { license: "cc-by-nc-4.0" } },
    { id: "a/mit", cardData: { license: "mit" } },
    // a model under Apache built on an MIT model built on a non-commercial one: its transition is
    // mit -> apache-2.0, whatever restriction it inherits from further up
    { id: "b/mit-child", cardData: { license: "mit", base_model: "a/nc" } },
    { id: "b/apache-grandchild", cardData: { license: "apache-2.0", base_model: "b/mit-child" } },
    { id: "c/merge", cardData: { license: "gpl-3.0", base_model: ["a/nc", "a/mit"] } },
  ];
  const s = await audit(writeDump(join(dir, "t.jsonl"), rows));
  const t = (parent: string, child: string) =>
    s.transitions.find((x) => x.parent === parent && x.child === child);
  assert.deepEqual(t("mit", "apache-2.0"), {
    parent: "mit",
    child: "apache-2.0",
    count: 1,
    verdicts: { violation: 1 },
  });
  assert.equal(t("cc-by-nc-4.0", "mit")?.count, 1);
  assert.equal(t("cc-by-nc-4.0", "apache-2.0"), undefined);
  assert.equal(t("cc-by-nc-4.0", "gpl-3.0")?.count, 1);
  assert.equal(t("mit", "gpl-3.0")?.count, 1);
  assert.equal(
    s.transitions.reduce((n, x) => n + x.count, 0),
    4,
  );
});

test("violations by base family count a merge once under each family its bases are in", async () => {
  const dir = tmp();
  const rows = [
    { id: "x/nc", cardData: { license: "cc-by-nc-4.0" } },
    // a merge of a Llama 3 model and a non-commercial one, relicensed MIT, breaks both families'
    // terms; its first base alone was counted, so the non-commercial side did not show
    { id: "m/llama-nc", cardData: { license: "mit", base_model: ["meta-llama/Meta-Llama-3-8B", "x/nc"] } },
    // two bases of one family count once
    {
      id: "m/two-llamas",
      cardData: { license: "mit", base_model: ["meta-llama/Meta-Llama-3-8B", "meta-llama/Llama-3.1-8B"] },
    },
    { id: "m/ft", cardData: { license: "mit", base_model: "x/nc" } },
  ];
  const s = await audit(writeDump(join(dir, "f.jsonl"), rows));
  assert.equal(s.verdicts.violation, 3);
  const llama = kb.license("llama3")!.family;
  const nc = kb.license("cc-by-nc-4.0")!.family;
  assert.notEqual(llama, nc);
  assert.equal(kb.license("llama3.1")!.family, llama);
  assert.deepEqual(s.violations_by_base_family, { [llama]: 2, [nc]: 2 });
});

test("--out rows say why: each finding's severity, code, license, message and path to the model it is about", async () => {
  const dir = tmp();
  const rows = [
    { id: "a/base", cardData: { license: "creativeml-openrail-m" } },
    { id: "b/tune", cardData: { license: "apache-2.0", base_model: "a/base" } },
    { id: "c/child", cardData: { license: "apache-2.0", base_model: "b/tune" } },
    { id: "d/orphan", cardData: { license: "mit", base_model: "nobody/nowhere" } },
  ];
  const out = join(dir, "out.jsonl");
  await audit(writeDump(join(dir, "d.jsonl"), rows), { out });
  const got = outRows(out);
  const tune = got.get("b/tune")!;
  assert.equal(tune.verdict, "violation");
  assert.deepEqual(tune.bases, ["a/base"]);
  const dropped = tune.findings.find((f) => f.code === "use-restrictions-dropped")!;
  assert.equal(dropped.severity, "violation");
  assert.equal(dropped.license, "creativeml-openrail-m");
  assert.deepEqual(dropped.path, ["b/tune", "a/base"]);
  assert.match(dropped.message, /b\/tune is under Apache License 2\.0/);
  const child = got.get("c/child")!;
  const upstream = child.findings.find((f) => f.code === "upstream-use-restrictions-dropped")!;
  assert.equal(upstream.severity, "warning");
  assert.deepEqual(upstream.path, ["c/child", "b/tune"]);
  assert.match(upstream.message, /^b\/tune, which c\/child is built from, already breaks/);
  assert.deepEqual(child.findings.find((f) => f.code === "use-restrictions-dropped")?.path, [
    "c/child",
    "b/tune",
    "a/base",
  ]);
  // which base is missing: the path names it
  const orphan = got.get("d/orphan")!;
  assert.equal(orphan.verdict, "unknown");
  const missing = orphan.findings.find((f) => f.code === "base-unresolved")!;
  assert.deepEqual(missing.path, ["d/orphan", "nobody/nowhere"]);
  assert.match(missing.message, /could not be found/);
  // info findings are not written
  for (const r of got.values()) assert.ok(r.findings.every((f) => f.severity !== "info"));
});

test("--out rows are JSON.stringify's bytes, and a model id is written as it is, whatever it holds", async () => {
  const dir = tmp();
  // ids JSON must escape (quotes, backslashes, control characters, a lone surrogate), one that
  // looks like a message placeholder and one that looks like a replacement pattern
  const odd = [
    'q/say-"hi"',
    "q/back\\slash",
    "q/ctl\u0001x",
    "q/lone\ud800",
    "q/{name}-{origin}",
    "q/$&-$'",
    "q/modèle-😀",
  ];
  const rows = [
    { id: "a/base", cardData: { license: "creativeml-openrail-m" } },
    ...odd.map((id) => ({ id, cardData: { license: "apache-2.0", base_model: "a/base" } })),
    ...odd.map((id, k) => ({ id: `r/child-${k}`, cardData: { license: "mit", base_model: id } })),
  ];
  const out = join(dir, "out.jsonl");
  await audit(writeDump(join(dir, "d.jsonl"), rows), { out });
  const lines = readFileSync(out, "utf8").trimEnd().split("\n");
  assert.equal(lines.length, rows.length);
  for (const line of lines) assert.equal(JSON.stringify(JSON.parse(line)), line);
  const got = outRows(out);
  for (const [k, id] of odd.entries()) {
    const own = got.get(id)!.findings.find((f) => f.code === "use-restrictions-dropped")!;
    assert.ok(own.message.includes(`but ${id} is under`), own.message);
    assert.deepEqual(own.path, [id, "a/base"]);
    const up = got.get(`r/child-${k}`)!.findings.find((f) => f.code === "upstream-use-restrictions-dropped")!;
    assert.ok(up.message.startsWith(`${id}, which r/child-${k} is built from`), up.message);
    // the upstream model's own message, quoted in full
    assert.ok(up.message.endsWith(own.message), up.message);
  }
});

test("--out rows.jsonl.gz is gzip-compressed, the same lines as --out rows.jsonl", async () => {
  const dir = tmp();
  const rows = [
    { id: "a/base", cardData: { license: "llama3" } },
    ...Array.from({ length: 3000 }, (_, k) => ({
      id: `b/tune-${k}`,
      cardData: { license: k % 2 ? "mit" : "cc-by-nc-4.0", base_model: k ? `b/tune-${k - 1}` : "a/base" },
    })),
  ];
  const d = writeDump(join(dir, "d.jsonl"), rows);
  await audit(d, { out: join(dir, "rows.jsonl") });
  await audit(d, { out: join(dir, "rows.jsonl.gz") });
  const gz = readFileSync(join(dir, "rows.jsonl.gz"));
  assert.deepEqual([...gz.subarray(0, 2)], [0x1f, 0x8b]);
  const plain = readFileSync(join(dir, "rows.jsonl"));
  assert.ok(gz.length < plain.length / 5, `${gz.length} vs ${plain.length}`);
  assert.equal(gunzipSync(gz).toString("utf8"), plain.toString("utf8"));
});

test("a violation further up is a warning downstream: a model that keeps the terms it inherits is judged by its own findings", async () => {
  const dir = tmp();
  const rows = [
    { id: "meta-llama/Meta-Llama-3-8B", cardData: { license: "llama3" } },
    // drops the Llama 3 use restrictions
    { id: "a/Llama-3-bad", cardData: { license: "mit", base_model: "meta-llama/Meta-Llama-3-8B" } },
    // carries them again, under Llama 3, with a name that meets its naming duty
    { id: "b/Llama-3-good", cardData: { license: "llama3", base_model: "a/Llama-3-bad" } },
  ];
  const out = join(dir, "out.jsonl");
  const s = await audit(writeDump(join(dir, "d.jsonl"), rows), { out });
  const got = outRows(out);
  assert.equal(got.get("a/Llama-3-bad")!.verdict, "violation");
  const good = got.get("b/Llama-3-good")!;
  assert.notEqual(good.verdict, "violation");
  const up = good.findings.find((f) => f.code === "upstream-use-restrictions-dropped")!;
  assert.equal(up.severity, "warning");
  assert.ok(!good.findings.some((f) => f.severity === "violation"), JSON.stringify(good.findings));
  assert.deepEqual(s.verdicts, { ok: 1, conditional: 1, violation: 1, unknown: 0 });
});
