// Licenses as expressions: a card's list is an AND, `A AND B` / `A OR B` are read as written, SPDX
// ids map to knowledge-base ids, a leaf nothing recognises is NOASSERTION inside the expression
// with a finding naming it; a card and a license file that disagree are both read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { formatExpr } from "../../src/kb/expression.js";
import { resolveExpression } from "../../src/kb/resolve-expression.js";
import { resolveDeclared } from "../../src/inspect/declared-license.js";
import { inspectFiles, inspectFolder } from "../../src/inspect/inspect.js";
import { tempDir } from "./binary-writers.js";
import { materialise, missingTexts } from "./model-fixtures.js";

const kb = knowledgeBase();
const tmp = tempDir("mlicense-expr-");
test.after(() => tmp.done());

test("resolveExpression: ids, names, SPDX ids, operators in either case, exceptions, unknown leaves", () => {
  const cases: [string, string, string[]][] = [
    ["MIT", "mit", []],
    ["Apache-2.0", "apache-2.0", []],
    ["mit OR apache-2.0", "mit OR apache-2.0", []],
    ["MIT AND (Apache-2.0 OR CC-BY-4.0)", "mit AND (apache-2.0 OR cc-by-4.0)", []],
    ["Apache License 2.0 OR MIT", "apache-2.0 OR mit", []],
    ["(Apache License 2.0 AND MIT)", "apache-2.0 AND mit", []],
    ["Apache-2.0 WITH LLVM-exception", "apache-2.0", []],
    ["GPL-3.0+", "gpl-3.0", []],
    ["LicenseRef-llama3.1", "llama3.1", []],
    ["apache-2.0 AND frobnicate-1.0", "apache-2.0 AND NOASSERTION", ["frobnicate-1.0"]],
    ["LicenseRef-acme OR mit", "NOASSERTION OR mit", ["LicenseRef-acme"]],
    ["mit AND mit", "mit", []],
  ];
  for (const [text, want, unrecognised] of cases) {
    const r = resolveExpression(kb, text);
    assert.ok(r, text);
    assert.equal(formatExpr(r.expr), want, text);
    assert.deepEqual(r.unrecognised, unrecognised, text);
  }
  assert.deepEqual(resolveExpression(kb, "Apache-2.0 WITH LLVM-exception")?.exceptions, [
    { license: "apache-2.0", exception: "LLVM-exception" },
  ]);
  // not expressions: nothing, an operator missing or doubled, unbalanced parentheses, absurd length
  for (const bad of [
    "",
    "  ",
    "mit OR",
    "AND mit",
    "(mit OR apache-2.0",
    "mit OR OR apache-2.0",
    "x ".repeat(3000),
  ])
    assert.equal(resolveExpression(kb, bad), null, JSON.stringify(bad.slice(0, 20)));
});

test("resolveDeclared: several values are an AND; `other` with nothing naming it stays NOASSERTION inside", () => {
  const ev = (value: string) => ({
    value,
    evidence: { source: "card" as const, file: "README.md", field: "license", value },
  });
  const list = resolveDeclared(kb, [ev("llama3.1"), ev("gemma")])!;
  assert.equal(formatExpr(list.expr), "llama3.1 AND gemma");
  assert.equal(list.declared, "[llama3.1, gemma]");
  assert.deepEqual(list.findings, []);
  const withOther = resolveDeclared(kb, [ev("mit"), ev("other")])!;
  assert.equal(formatExpr(withOther.expr), "mit AND NOASSERTION");
  assert.equal(withOther.unresolved, false);
  assert.deepEqual(
    withOther.findings.map((f) => f.code),
    ["other-without-name"],
  );
  const named = resolveDeclared(kb, [ev("other")], { name: "Yi License" })!;
  assert.equal(formatExpr(named.expr), "yi-license");
  assert.equal(resolveDeclared(kb, []), null);
});

test("a card's license list: both licenses bind, each with its own line", () => {
  const r = inspectFolder(materialise(tmp.dir, "license-list-and"));
  assert.equal(r.license.id, "llama3.1 AND gemma");
  assert.deepEqual(r.license.ids, ["llama3.1", "gemma"]);
  assert.equal(r.license.declared, "[llama3.1, gemma]");
  assert.match(r.license.name, /Llama 3\.1.* AND .*Gemma/);
  assert.deepEqual(
    r.license.evidence.map((e) => [e.field, e.value, e.line]),
    [
      ["license", "llama3.1", 3],
      ["license", "gemma", 4],
    ],
  );
});

test("license: mit OR apache-2.0 is kept as the licensee's choice", () => {
  const r = inspectFolder(materialise(tmp.dir, "license-or-expression"));
  assert.equal(r.license.id, "mit OR apache-2.0");
  assert.equal(r.license.declared, "mit OR apache-2.0");
  assert.equal(r.license.choice, undefined, "the choice is the check's to make");
});

test("a leaf nothing recognises: NOASSERTION inside the expression, a finding naming it with file, field and line", () => {
  const r = inspectFolder(materialise(tmp.dir, "license-unknown-leaf"));
  assert.equal(r.license.id, "apache-2.0 AND NOASSERTION");
  const f = r.findings.filter((x) => x.code === "license-not-recognised");
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /'frobnicate-1\.0'/);
  assert.equal(f[0]!.field, "license");
  assert.equal(f[0]!.line, 2);
  assert.ok(f[0]!.file?.endsWith("README.md"));
});

test("SPDX expressions in a LICENSE file: its whole text, or an SPDX-License-Identifier line", () => {
  const whole = inspectFolder(materialise(tmp.dir, "license-file-spdx-expression"));
  assert.equal(whole.license.id, "mit OR apache-2.0");
  assert.deepEqual(
    whole.license.evidence.map((e) => [e.source, e.value, e.line]),
    [["license-file", "MIT OR Apache-2.0", 1]],
  );
  const tag = inspectFolder(materialise(tmp.dir, "license-file-spdx-tag"));
  assert.equal(tag.license.id, "apache-2.0 AND cc-by-4.0");
  assert.equal(tag.license.evidence[0]!.line, 3);
  // an unknown id on the tag line is named
  const odd = inspectFiles({
    LICENSE: "Copyright 2024 X\n// SPDX-License-Identifier: MIT AND Acme-Weights-1.0\n",
  });
  assert.equal(odd.license.id, "mit AND NOASSERTION");
  const f = odd.findings.find(
    (x) => x.code === "license-not-recognised" && /Acme-Weights-1\.0/.test(x.message),
  );
  assert.ok(f, odd.findings.map((x) => x.message).join(" | "));
  assert.equal(f.line, 2);
});

test(
  "card MIT beside a LICENSE holding CreativeML OpenRAIL-M: the conjunction, and a mismatch naming both, the file and the card line",
  { skip: missingTexts("card-mit-license-openrail").length ? "corpus absent" : false },
  () => {
    const dir = materialise(tmp.dir, "card-mit-license-openrail");
    const r = inspectFolder(dir);
    assert.equal(r.license.id, "mit AND creativeml-openrail-m");
    assert.deepEqual(r.license.ids, ["mit", "creativeml-openrail-m"]);
    const f = r.findings.filter((x) => x.code === "license-mismatch");
    assert.equal(f.length, 1);
    const m = f[0]!;
    assert.equal(m.severity, "warning");
    assert.match(m.message, /MIT License/);
    assert.match(m.message, /CreativeML Open RAIL-M/);
    assert.match(m.message, /README\.md line 2/);
    assert.match(m.message, /LICENSE/);
    assert.match(m.message, /mit AND creativeml-openrail-m/);
    assert.equal(m.license, "creativeml-openrail-m");
    assert.ok(m.file?.endsWith("LICENSE"));
    assert.ok(m.line && m.line > 1, "the first matched line of the license file");
  },
);

test("a card that agrees with its LICENSE file: one license, no mismatch", () => {
  const r = inspectFolder(materialise(tmp.dir, "card-and-matching-license"));
  assert.equal(r.license.id, "apache-2.0");
  assert.ok(!r.findings.some((f) => f.code === "license-mismatch"));
  // the file confirms the card: both are evidence for the license
  assert.deepEqual([...new Set(r.license.evidence.map((e) => e.source))], ["card", "license-file"]);
});

test("a card's OR is satisfied by a LICENSE file holding one of its choices", () => {
  const r = inspectFiles({ "README.md": "---\nlicense: mit OR apache-2.0\n---\n", LICENSE: "MIT" });
  assert.equal(r.license.id, "mit OR apache-2.0");
  assert.ok(!r.findings.some((f) => f.code === "license-mismatch"));
});
