// One test walks test/fixtures/models/manifest.json: each case is a folder laid out like a Hub
// repo, copied to a temp dir (with any real license texts written in at test time) and inspected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { tempDir } from "./binary-writers.js";
import { manifest, materialise, missingTexts, MODELS, type Expect } from "./model-fixtures.js";

test("every fixture folder has a manifest entry and every entry a folder", () => {
  const folders = readdirSync(MODELS)
    .filter((n) => statSync(join(MODELS, n)).isDirectory())
    .sort();
  assert.deepEqual(folders, Object.keys(manifest.cases).sort());
});

test("fixture model folders inspect as the manifest says", async (t) => {
  const tmp = tempDir("mlicense-models-");
  t.after(() => tmp.done());
  for (const [name, c] of Object.entries(manifest.cases)) {
    const missing = missingTexts(name);
    await t.test(
      name,
      { skip: missing.length ? `corpus text for ${missing.join(", ")} not present` : false },
      () => {
        const r = inspectFolder(materialise(tmp.dir, name));
        const e = c.expect;
        const got: Expect = {
          license: r.license.id,
          ...(e.ids ? { ids: r.license.ids } : {}),
          name: r.name,
          nameSource: r.nameSource,
          components: r.components
            .map((x) => ({
              kind: x.kind,
              license: x.license,
              sources: [...new Set(x.evidence.map((ev) => ev.source))].sort(),
            }))
            .sort((a, b) => a.kind.localeCompare(b.kind)),
          bases: r.bases.map((b) => ({ id: b.id, relation: b.relation })),
          datasets: r.datasets.map((d) => d.id),
          ...(e.generatedBy ? { generatedBy: r.generatedBy ?? [] } : {}),
          findings: [...new Set(r.findings.map((f) => f.code))].sort(),
        };
        const want: Expect = {
          ...e,
          components: e.components
            .map((x) => ({ ...x, sources: [...x.sources].sort() }))
            .sort((a, b) => a.kind.localeCompare(b.kind)),
          findings: [...e.findings].sort(),
        };
        assert.deepEqual(got, want, `${name}: ${c.description}`);
        // every finding says what is wrong in words, and every fact keeps its evidence
        for (const f of r.findings) assert.ok(f.message.length > 10, `${name}: ${f.code} has no message`);
        for (const x of [...r.components, ...r.bases, ...r.datasets])
          assert.ok(x.evidence.length > 0, `${name}: a fact without evidence`);
        if (r.license.id !== "NONE") assert.ok(r.license.evidence.length > 0, `${name}: license evidence`);
        // ids are every id of the expression, and the record's license is the weights'
        assert.deepEqual(
          new Set(r.license.ids),
          new Set(r.license.id.split(/ AND | OR |[()]/).filter(Boolean)),
        );
        const w = r.components.find((x) => x.kind === "weights");
        if (w) assert.equal(w.license, r.license.id, `${name}: weights component and license`);
      },
    );
  }
});
