// Fixtures by feature, the expectation in the path: test/fixtures/identify/<id>[,<id>...]/<source>.txt
// names the ids matches[] must hold, in order; none/<source>.txt must match nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { knowledgeBase, NOASSERTION } from "../../src/kb/knowledge-base.js";
import { identifyFiles } from "../../src/identify/identify.js";
import { fixture } from "../helpers.js";

const kb = knowledgeBase();
const root = fixture("identify");
const cases = readdirSync(root, { withFileTypes: true })
  // class folders (notices/, urls/, ...) carry a manifest and are read by classes.test.ts
  .filter((d) => d.isDirectory() && !existsSync(fixture("identify", d.name, "manifest.json")))
  .flatMap((d) =>
    readdirSync(fixture("identify", d.name))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => ({ dir: d.name, file: f, path: fixture("identify", d.name, f) })),
  );

test("the fixture folders name known ids and hold both positives and negatives", () => {
  const dirs = new Set(cases.map((c) => c.dir));
  for (const dir of dirs) {
    if (dir === "none") continue;
    for (const id of dir.split(","))
      assert.ok(id === NOASSERTION || kb.license(id), `folder '${dir}': '${id}' is not a knowledge-base id`);
  }
  assert.ok(cases.filter((c) => c.dir === "none").length >= 5, "negatives");
  assert.ok(cases.filter((c) => c.dir !== "none").length >= 15, "positives");
});

for (const c of cases) {
  const expected = c.dir === "none" ? [] : c.dir.split(",");
  test(`${c.dir}/${c.file} → ${expected.length ? expected.join(", ") : "no match"}`, () => {
    const [r] = identifyFiles([c.path]);
    assert.ok(r);
    assert.equal(r.error, undefined);
    const got = r.matches.map((m) => m.id);
    assert.deepEqual(got, expected, JSON.stringify(r.matches));
    for (const m of r.matches) {
      assert.ok(m.confidence > 0 && m.confidence <= 1, `confidence ${m.confidence}`);
      assert.equal(m.name, kb.license(m.id)?.name ?? m.name);
    }
    if (!expected.length) assert.equal(r.modified, false);
  });
}
