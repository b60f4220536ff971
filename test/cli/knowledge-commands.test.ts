// licenses / explain / compare through the CLI: the JSON contract, names resolving, exit codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cli } from "../helpers.js";

test("licenses --json lists every license with id, name and family", async () => {
  const r = await cli("licenses", "--json");
  assert.equal(r.code, 0);
  assert.ok(r.json.licenses.length >= 90);
  for (const l of r.json.licenses) assert.ok(l.id && l.name && l.family, JSON.stringify(l));
});

test("licenses --family filters, and an unknown family exits 2", async () => {
  const r = await cli("licenses", "--family", "open-rail", "--json");
  assert.deepEqual(r.json.licenses.map((l: { id: string }) => l.id).sort(), [
    "bigcode-openrail-m",
    "bigscience-openrail-m",
    "creativeml-openrail-m",
    "openrail",
    "openrail++",
  ]);
  const bad = await cli("licenses", "--family", "nonsense");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown family 'nonsense'/);
});

test("explain resolves ids, aliases, SPDX ids and model names case-insensitively", async () => {
  const cases: [string, string, string][] = [
    ["llama3.1", "license", "llama3.1"],
    ["Apache License 2.0", "license", "apache-2.0"],
    ["CreativeML Open RAIL-M", "license", "creativeml-openrail-m"],
    ["Llama 3.1 Community License", "license", "llama3.1"],
    ["MIT", "license", "mit"],
    ["gpt-3", "license", "gpt-3"],
    ["GPT-2", "model", "openai-community/gpt2"],
    ["yolo", "license", "yolo"],
    ["darknet", "model", "pjreddie/darknet"],
    ["bigscience/bloom", "model", "bigscience/bloom"],
  ];
  for (const [q, kind, id] of cases) {
    const r = await cli("explain", q, "--json");
    assert.equal(r.code, 0, `${q}: ${r.stderr}`);
    assert.equal(r.json.kind, kind, q);
    assert.equal(r.json.id, id, q);
  }
});

test("explain --json carries the contract's fields and a derivatives sentence", async () => {
  const r = await cli("explain", "creativeml-openrail-m", "--json");
  for (const k of [
    "id",
    "name",
    "spdx",
    "hub",
    "aliases",
    "url",
    "family",
    "covers",
    "terms",
    "use_restrictions",
    "flow_down",
    "verified",
  ])
    assert.ok(k in r.json, k);
  assert.equal(r.json.terms.commercial.value, "allowed");
  assert.ok(r.json.terms.commercial.clause.quote);
  assert.match(r.json.derivatives_must, /use restrictions/);
  const text = await cli("explain", "creativeml-openrail-m");
  assert.match(text.stdout, /Use restrictions:/);
  assert.match(text.stdout, /Derivatives: Every derivative must/);
});

test("an unknown id exits 2 with the nearest suggestions", async () => {
  const r = await cli("explain", "llama3.4", "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "unknown-id");
  assert.ok(
    r.json.error.suggestions.includes("llama3.1") || r.json.error.suggestions.includes("llama3.3"),
    r.json.error.suggestions,
  );
  assert.match(r.stderr, /did you mean/);
});

test("compare marks the rows that differ", async () => {
  const r = await cli("compare", "creativeml-openrail-m", "openrail++", "llama3", "--json");
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.json.licenses.map((l: { id: string }) => l.id),
    ["creativeml-openrail-m", "openrail++", "llama3"],
  );
  const row = (t: string) => r.json.rows.find((x: { term: string }) => x.term === t);
  assert.equal(row("family").differs, true);
  assert.deepEqual(row("flow_down.use_restrictions").values, ["required", "required", "required"]);
  assert.equal(row("flow_down.use_restrictions").differs, false);
  assert.equal(row("use.medical-advice").values[0], "restricted");
  const one = await cli("compare", "mit");
  assert.equal(one.code, 2);
});

test("every command answers --help with an example", async () => {
  for (const c of ["identify", "inspect", "check", "explain", "compare", "licenses"]) {
    const r = await cli(c, "--help");
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, /Example/, c);
  }
  const top = await cli("--help");
  assert.match(top.stdout, /not legal advice/);
  assert.equal((await cli("frobnicate")).code, 2);
});

test("inspect --json fills each base's license (the contract's bases[].license) from registry and catalogue", async () => {
  const { join } = await import("node:path");
  const { existsSync } = await import("node:fs");
  const { SHARED } = await import("../helpers.js");
  const model = join(SHARED, "scenarios", "gemma-adapter", "model");
  if (!existsSync(model)) return;
  const r = await cli(
    "inspect",
    model,
    "--registry",
    join(SHARED, "scenarios", "registry"),
    "--offline",
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.json.bases.map((b: { id: string; relation: string; license: string }) => [b.id, b.relation, b.license]),
    [["example-org/gemma-base", "adapter", "gemma"]],
  );
  const gpt = await cli(
    "inspect",
    join(SHARED, "scenarios", "gpt3-distilled", "model"),
    "--offline",
    "--json",
  );
  assert.equal(gpt.json.bases[0].license, "gpt-3");
  const missing = await cli(
    "inspect",
    join(SHARED, "scenarios", "bloom-finetune-keeps-rail", "model"),
    "--offline",
    "--json",
  );
  assert.equal(missing.json.bases[0].license, "NOASSERTION");
});
