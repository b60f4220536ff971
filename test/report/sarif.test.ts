// check --format sarif: SARIF 2.1.0 that validates against the official schema (vendored in
// test/fixtures/sarif), one rule per finding code whose help cites the clause, results located
// at the card line that declared the license; GitHub annotations in GitHub Actions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import fc from "fast-check";
import { main } from "../../src/cli/main.js";
import { lineOfField } from "../../src/report/locations.js";
import { cli, fixture, ROOT } from "../helpers.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const schema = JSON.parse(readFileSync(fixture("sarif", "sarif-schema-2.1.0.json"), "utf8"));
// both packages are CommonJS with a default export; require() gives the constructor and function
const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(doc: unknown): void {
  const ok = validate(doc);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

const CACHE = fixture("hf-cache", "hub");
const INK = join(
  CACHE,
  "models--acme-ai--ink-diffusion",
  "snapshots",
  "7d3f1c2a9b8e4d5f6a7b8c9d0e1f2a3b4c5d6e7f",
);

test("the vendored schema rejects what it should (the validator is not vacuous)", () => {
  assert.equal(validate({ version: "2.1.0" }), false, "runs is required");
  assert.equal(validate({ version: "2.0.0", runs: [] }), false);
  assert.equal(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }), false, "driver.name");
  assert.equal(
    validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{}] }] }),
    false,
  );
});

test("SARIF of a violating fine-tune: valid, rule per code with the clause, located at the license line", async () => {
  const r = await cli("check", INK, "--offline", "--format", "sarif");
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout) as Json;
  assertValid(log);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, "mlicense");
  const rule = run.tool.driver.rules.find((x: Json) => x.id === "use-restrictions-dropped");
  assert.ok(rule, "rule id = finding code");
  assert.match(rule.help.text, /creativeml-openrail-m §4\(a\): "Use-based restrictions/);
  const res = run.results.find((x: Json) => x.ruleId === "use-restrictions-dropped");
  assert.equal(res.level, "error");
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uriBaseId, "SRCROOT");
  assert.equal(
    loc.artifactLocation.uri,
    relative(process.cwd(), join(INK, "README.md")).split("\\").join("/"),
  );
  assert.equal(loc.region.startLine, 2, "the card's license: line");
  assert.deepEqual(run.invocations[0].properties.options, {
    use: [],
    commercial: false,
    mode: "distribute",
    as: null,
    mau: null,
    fail_on: "violation",
  });
});

test("SARIF for every check fixture validates; each result has a location and a known rule", async () => {
  const cases = ["llama3-finetune-mit", "merge-sa-and-nc", "unknown-dataset", "no-license-anywhere"];
  for (const c of cases) {
    const dir = fixture("check", c);
    const r = await cli("check", dir, "--offline", "--registry", fixture("check", c), "--format", "sarif");
    assert.ok(r.code === 0 || r.code === 1, `${c}: ${r.stderr}`);
    const log = JSON.parse(r.stdout) as Json;
    assertValid(log);
    const ids = log.runs[0].tool.driver.rules.map((x: Json) => x.id);
    for (const res of log.runs[0].results) {
      assert.ok(ids.includes(res.ruleId), `${c}: ${res.ruleId}`);
      assert.ok(res.locations?.length, `${c}: ${res.ruleId} has a location`);
    }
  }
});

test("SARIF goes to -o FILE, stdout then says where; --json and --format text contradict", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "mlicense-sarif-"));
  try {
    const out = join(tmp, "out.sarif");
    const r = await cli("check", INK, "--offline", "--format", "sarif", "-o", out);
    assert.equal(r.code, 1);
    assertValid(JSON.parse(readFileSync(out, "utf8")));
    assert.deepEqual(JSON.parse(r.stdout), { file: out, format: "sarif", verdict: "violation" });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const bad = await cli("check", INK, "--json", "--format", "text");
  assert.equal(bad.code, 2);
  assert.equal((await cli("check", INK, "--format", "xml")).code, 2);
});

test("--fail-on sets the exit code from the verdict up; bad values are usage errors", async () => {
  const chat = ["check", "hf:acme-ai/support-chat", "--offline", "--hf-cache", CACHE];
  assert.equal((await cli(...chat)).code, 0, "conditional passes the default gate");
  assert.equal((await cli(...chat, "--fail-on", "unknown")).code, 0, "conditional is below unknown");
  const strict = await cli(...chat, "--fail-on", "conditional", "--json");
  assert.equal(strict.code, 1);
  assert.equal(strict.json.options.fail_on, "conditional");
  const none = ["check", "hf:someone/no-license", "--offline", "--hf-cache", CACHE];
  assert.equal((await cli(...none)).code, 0);
  assert.equal((await cli(...none, "--fail-on", "unknown")).code, 1);
  const bad = await cli(...chat, "--fail-on", "warning");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on must be conditional, unknown, violation/);
  // the field leads the message once
  assert.equal(bad.stderr, "mlicense: --fail-on must be conditional, unknown, violation, not 'warning'\n");
});

test("text output echoes what was checked and shows info findings as --json does", async () => {
  const args = ["check", "hf:acme-ai/support-chat", "--offline", "--hf-cache", CACHE];
  const t = await cli(
    ...args,
    "--use",
    "medical-advice",
    "--commercial",
    "--mode",
    "hosted",
    "--mau",
    "5000",
  );
  assert.match(
    t.stdout,
    /Checked: mode hosted; commercial use: yes; uses: medical-advice; monthly active users: 5,000; fails on: violation/,
  );
  const j = await cli(...args, "--json");
  const infos = j.json.findings.filter((f: Json) => f.severity === "info");
  assert.ok(infos.length, "the fixture has an info finding");
  for (const f of infos) assert.ok(t.stdout.includes(`${f.code}: ${f.message}`), f.code);
  assert.doesNotMatch(t.stdout, /\u001b\[/, "no colour into a pipe");
});

test("GITHUB_ACTIONS: one workflow command per finding on stderr, at the card line, escaped", async () => {
  let out = "",
    err = "";
  const code = await main(["check", INK, "--offline", "--json"], {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: ROOT, HF_HOME: join(tmpdir(), "no-hf-home") },
  });
  assert.equal(code, 1);
  const doc = JSON.parse(out);
  const lines = err.split("\n").filter((l) => l.startsWith("::"));
  assert.equal(lines.length, doc.findings.length);
  const file = relative(ROOT, join(INK, "README.md")).split("\\").join("/");
  assert.ok(
    lines.some((l) =>
      l.startsWith(
        `::error file=${file},line=2,title=mlicense use-restrictions-dropped::CreativeML Open RAIL-M`,
      ),
    ),
    lines.join("\n"),
  );
  for (const l of lines) assert.doesNotMatch(l.slice(2), /\n/);
  // outside GitHub Actions: none
  let err2 = "";
  await main(["check", INK, "--offline", "--json"], {
    out: () => undefined,
    err: (s) => void (err2 += s),
    env: {},
  });
  assert.doesNotMatch(err2, /^::/m);
});

test("lines of front-matter keys and list items; prose and bodies do not count", () => {
  const card = "---\nlicense: mit\nbase_model:\n- a/b\n- 'c/d'\ndatasets: [x]\n---\nlicense: in prose\n";
  assert.equal(lineOfField(card, "license"), 2);
  assert.equal(lineOfField(card, "base_model", "c/d"), 5);
  assert.equal(lineOfField(card, "base_model", "a/b"), 4);
  assert.equal(lineOfField(card, "datasets"), 6);
  assert.equal(lineOfField(card, "tags"), undefined);
  assert.equal(lineOfField("no front matter\nlicense: mit\n", "license"), undefined);
  assert.equal(lineOfField("whatever", "lines 3-20"), 3);
  assert.equal(lineOfField("whatever", "line 7"), 7);
});

test("property: any text and field give no line or a line inside the text, never an error", () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ maxLength: 400 }), fc.constantFrom("---\nlicense: mit\n---\n", "---\n---", "---")),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("license", "base_model", "lines 3-4", "(", "[")),
      fc.string({ maxLength: 20 }),
      (text, field, value) => {
        const line = lineOfField(text, field, value);
        if (line === undefined) return;
        assert.ok(Number.isInteger(line) && line >= 1);
        if (!/^lines? \d/.test(field)) assert.ok(line <= text.split(/\r?\n/).length);
      },
    ),
  );
});
