// The `identify` command-line contract: --json prints {results: [{file, matches: [{id, name,
// confidence, method}], modified}]}; '-' reads stdin; exit 0 on success, 2 on usage errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identifyText } from "../../src/identify/identify.js";
import { cli, fixture, ROOT } from "../helpers.js";
import { spdxText } from "./_texts.js";

let dir = "";
before(() => {
  dir = mkdtempSync(join(tmpdir(), "mlicense-identify-cli-"));
  writeFileSync(join(dir, "LICENSE"), spdxText("Apache-2.0"));
  writeFileSync(join(dir, "README.md"), "# A model\n\nNothing about licenses in here, just a model.\n");
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The built CLI in a child process, for stdin. */
function run(
  args: string[],
  input: string | Buffer,
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "mlicense.js"), ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("--json: one document with results[].file, matches[] {id, name, confidence, method}, modified", async () => {
  const files = [
    join(dir, "LICENSE"),
    join(dir, "README.md"),
    fixture("identify", "llama3", "model-card-prose.txt"),
  ];
  const r = await cli("identify", "--json", ...files);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "");
  assert.deepEqual(Object.keys(r.json), ["results"]);
  assert.deepEqual(
    r.json.results.map((x: { file: string }) => x.file),
    files,
  );
  for (const res of r.json.results) {
    assert.equal(typeof res.modified, "boolean");
    assert.ok(Array.isArray(res.matches));
    for (const m of res.matches) {
      assert.equal(typeof m.id, "string");
      assert.equal(typeof m.name, "string");
      assert.ok(m.confidence >= 0 && m.confidence <= 1, `confidence ${m.confidence} is 0..1`);
      assert.ok(
        ["card", "id", "spdx-expression", "exact", "dice", "notice", "name", "url"].includes(m.method),
        m.method,
      );
    }
  }
  const [license, readme, card] = r.json.results;
  assert.deepEqual(
    license.matches.map((m: { id: string; method: string }) => [m.id, m.method]),
    [["apache-2.0", "exact"]],
  );
  assert.equal(license.matches[0].confidence, 1);
  assert.equal(license.matches[0].name, "Apache License 2.0");
  assert.equal(license.modified, false);
  assert.deepEqual(readme.matches, []);
  assert.equal(card.matches[0].id, "llama3");
  assert.equal(card.matches[0].method, "name");
});

test("without --json: one line per file naming the license, or saying none was found", async () => {
  const r = await cli("identify", join(dir, "LICENSE"), join(dir, "README.md"));
  assert.equal(r.code, 0);
  assert.match(r.stdout, /LICENSE[\s\S]*apache-2\.0\s+100%\s+exact/);
  assert.match(r.stdout, /README\.md: no license found/);
});

test("--min-confidence drops text matches below it and is checked", async () => {
  // "Copyright (c) <year>" reworded: no change of terms, still MIT, at less than 100%
  const text = spdxText("MIT").replace("furnished to do so", "furnished, as they may wish, to do so");
  writeFileSync(join(dir, "MIT-changed"), text);
  const loose = await cli("identify", "--json", join(dir, "MIT-changed"));
  assert.equal(loose.json.results[0].matches[0].id, "mit", JSON.stringify(loose.json.results[0]));
  const conf = loose.json.results[0].matches[0].confidence;
  assert.ok(conf < 1);
  const strict = await cli(
    "identify",
    "--json",
    "--min-confidence",
    String(Math.min(1, conf + 0.001)),
    join(dir, "MIT-changed"),
  );
  assert.equal(strict.code, 0);
  assert.ok(!strict.json.results[0].matches.some((m: { method: string }) => m.method === "dice"));
});

test("a license text with a clause of terms changed is an unknown license resembling it", async () => {
  const text = spdxText("MIT").replace("free of charge", "for a fee of one dollar, payable in advance,");
  writeFileSync(join(dir, "MIT-fee"), text);
  const r = await cli("identify", "--json", join(dir, "MIT-fee"));
  const res = r.json.results[0];
  assert.equal(res.matches[0].id, "NOASSERTION");
  assert.equal(res.modified, true);
  assert.equal(res.resembles[0].id, "mit");
  assert.ok(res.resembles[0].similarity > 0.8 && res.resembles[0].similarity < 1);
  assert.ok(res.resembles[0].differences.some((d: { text?: string }) => /one dollar/.test(d.text ?? "")));
  const plain = await cli("identify", join(dir, "MIT-fee"));
  assert.match(plain.stdout, /resembles mit/);
});

test("--min-confidence is checked", async () => {
  for (const bad of ["2", "-0.1", "high"]) {
    const r = await cli("identify", "--json", "--min-confidence", bad, join(dir, "LICENSE"));
    assert.equal(r.code, 2, bad);
    assert.equal(r.json.error.code, "usage");
  }
});

test("usage errors exit 2: no file, an unknown option", async () => {
  const none = await cli("identify", "--json");
  assert.equal(none.code, 2);
  assert.equal(none.json.error.code, "usage");
  const unknown = await cli("identify", "--fast", join(dir, "LICENSE"));
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /fast/);
});

test("'-' reads stdin: an SPDX expression", () => {
  const r = run(["identify", "-", "--json"], "MIT OR Apache-2.0\n");
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.results[0].file, "-");
  assert.deepEqual(
    doc.results[0].matches.map((m: { id: string }) => m.id),
    ["mit", "apache-2.0"],
  );
  assert.equal(doc.results[0].matches[0].method, "spdx-expression");
});

test("'-' reads stdin: a license text, the same answer as identifyText", () => {
  const text = spdxText("BSD-3-Clause");
  const r = run(["identify", "-", "--json"], text);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  const direct = identifyText(text);
  assert.deepEqual(doc.results[0].matches, JSON.parse(JSON.stringify(direct.matches)));
  assert.equal(doc.results[0].matches[0].id, "bsd-3-clause");
});

test("'-' with empty or binary stdin: a per-file error and exit 2", () => {
  const empty = run(["identify", "-", "--json"], "");
  assert.equal(empty.code, 2);
  assert.equal(JSON.parse(empty.stdout).results[0].error.code, "empty");
  const binary = run(["identify", "-", "--json"], Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
  assert.equal(binary.code, 2);
  assert.equal(JSON.parse(binary.stdout).results[0].error.code, "binary");
});

test("'-' with more than 1 MiB on stdin: truncated like a file, not an encoding error", () => {
  // MIT, then accented changelog lines; the 1 MiB cut falls inside a two-byte character
  const entry = "- amélioré la documentation du tokeniseur\n";
  const text = spdxText("MIT") + "\n\n" + entry.repeat(Math.ceil(1_500_000 / Buffer.byteLength(entry)));
  const cut = 1024 * 1024;
  let lead = cut - 1;
  const plain = Buffer.from(text);
  while ((plain[lead]! & 0xe0) !== 0xc0) lead--;
  // shift the text so that a two-byte character starts on the last byte kept
  const buf = Buffer.concat([Buffer.from(" ".repeat(cut - 1 - lead)), plain]);
  assert.equal(buf[cut - 1]! & 0xe0, 0xc0);
  const r = run(["identify", "-", "--json"], buf);
  const res = JSON.parse(r.stdout).results[0];
  assert.equal(res.error, undefined, JSON.stringify(res.error));
  assert.equal(res.matches[0]?.id, "mit");
  assert.equal(res.truncated, true);
  assert.equal(r.code, 0);
});
