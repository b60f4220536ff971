// Judgments that need more than a static fixture: a license file holding a corpus text (built at
// test time, never committed), catalogue models published by their licensor, advice over an
// unknown base, and what `check` says it checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, fixture, SHARED } from "../helpers.js";

const corpus = (rel: string) => join(SHARED, "corpus", rel);
const REGISTRY = fixture("check", "registry");

test("a card that says MIT beside a LICENSE holding CreativeML OpenRAIL-M is not ok: the file's restrictions bind", async (t) => {
  const text = corpus("ml-licenses/creativeml-openrail-m.txt");
  if (!existsSync(text)) return t.skip("corpus not present");
  const dir = mkdtempSync(join(tmpdir(), "mlicense-mit-rail-"));
  try {
    writeFileSync(join(dir, "README.md"), "---\nlicense: mit\n---\n\n# Painter\n\nA diffusion model.\n");
    writeFileSync(join(dir, "LICENSE"), readFileSync(text));
    const r = await cli("check", dir, "--offline", "--json");
    assert.notEqual(r.json.verdict, "ok");
    assert.equal(r.json.license.id, "mit AND creativeml-openrail-m");
    assert.deepEqual(r.json.license.ids, ["mit", "creativeml-openrail-m"]);
    assert.ok(r.json.findings.some((f: { code: string }) => f.code === "license-mismatch"));
    // the stricter reading's duties are listed: its use restrictions and its copy
    const cited = r.json.obligations.filter(
      (o: { license: string }) => o.license === "creativeml-openrail-m",
    );
    assert.ok(
      cited.some((o: { text: string }) => /use restrictions/.test(o.text)),
      JSON.stringify(r.json.obligations),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the licensor's own release is not its licensee: Meta's Llama 3 Instruct breaks no naming duty", async () => {
  const r = await cli("check", "meta-llama/Meta-Llama-3-8B-Instruct", "--offline", "--json");
  assert.notEqual(r.json.verdict, "violation", JSON.stringify(r.json.findings));
  assert.ok(!r.json.findings.some((f: { code: string }) => f.code === "naming-duty-unmet"));
  assert.ok(r.json.findings.some((f: { code: string }) => f.code === "licensor-own-release"));
  // a planned release of the same model under Apache-2.0 is the user's, not Meta's
  const planned = await cli(
    "check",
    "meta-llama/Meta-Llama-3-8B-Instruct",
    "--offline",
    "--as",
    "apache-2.0",
    "--json",
  );
  assert.equal(planned.json.verdict, "violation");
});

test("advice over a base whose license is unknown recommends nothing until it is known", async () => {
  const r = await cli("advise", "--base", "nobody/unknown-model", "--offline", "--json");
  assert.equal(r.code, 0);
  assert.deepEqual(r.json.candidates, []);
  assert.ok(
    r.json.blockers.some((b: { code: string }) => b.code === "base-license-unknown"),
    JSON.stringify(r.json),
  );
});

test("advice over a merge of two vendors' models offers their licenses together", async () => {
  const r = await cli(
    "advise",
    "--base",
    "example-org/llama31-base",
    "--base",
    "example-org/gemma-base",
    "--registry",
    REGISTRY,
    "--offline",
    "--json",
  );
  assert.ok(
    r.json.candidates.some(
      (c: { id: string }) => c.id === "llama3.1 AND gemma" || c.id === "gemma AND llama3.1",
    ),
    JSON.stringify(r.json.candidates.map((c: { id: string }) => c.id)),
  );
});

test("check says what it checked, in JSON and in text, and --fail-on unknown stops an unlicensed model", async () => {
  const model = fixture("check", "no-license-anywhere", "model");
  const r = await cli(
    "check",
    model,
    "--registry",
    REGISTRY,
    "--offline",
    "--use",
    "medical-advice",
    "--commercial",
    "--json",
  );
  assert.deepEqual(
    { use: r.json.options.use, commercial: r.json.options.commercial, mode: r.json.options.mode },
    { use: ["medical-advice"], commercial: true, mode: "distribute" },
  );
  const text = await cli(
    "check",
    model,
    "--registry",
    REGISTRY,
    "--offline",
    "--use",
    "medical-advice",
    "--as",
    "mit",
  );
  assert.match(text.stdout, /medical-advice/);
  assert.match(text.stdout, /mit/);
  assert.equal(r.json.verdict, "unknown");
  assert.equal(r.code, 0);
  const gated = await cli(
    "check",
    model,
    "--registry",
    REGISTRY,
    "--offline",
    "--fail-on",
    "unknown",
    "--json",
  );
  assert.equal(gated.code, 1);
});

test("text output shows the info findings --json shows", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mlicense-info-"));
  try {
    mkdirSync(join(dir, "m"));
    writeFileSync(join(dir, "m", "README.md"), "---\nlicense: apache-2.0 OR mit\n---\n\n# Either\n");
    const text = await cli("check", join(dir, "m"), "--offline");
    const json = await cli("check", join(dir, "m"), "--offline", "--json");
    const infos = json.json.findings.filter((f: { severity: string }) => f.severity === "info");
    assert.ok(infos.length > 0);
    for (const f of infos) assert.ok(text.stdout.includes(f.code), `${f.code} missing from text output`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
