// Column batches: every row's id, license and bases survive however far the builder grows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BatchBuilder, stringAt } from "../../src/audit/batch.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";

test("a batch of thousands of rows keeps each row's id, license and bases", () => {
  const b = new BatchBuilder(knowledgeBase());
  const n = 5000;
  for (let i = 0; i < n; i++)
    b.add({
      id: `o/m-${i}`,
      license: i % 2 ? "mit" : "apache-2.0",
      licenseName: null,
      licenseLink: null,
      bases: Array.from({ length: i % 4 }, (_, k) => `o/base-${i}-${k}`),
      relation: i % 4 > 1 ? "merge" : null,
      fields: 0,
    });
  const batch = b.finish();
  assert.equal(batch.rows, n);
  for (let i = 0; i < n; i++) {
    assert.equal(stringAt(batch, batch.idAt[i]!), `o/m-${i}`);
    assert.equal(batch.licenses[batch.license[i]!], i % 2 ? "mit" : "apache-2.0");
    const bases = [];
    for (let k = batch.baseStart[i]!; k < batch.baseStart[i + 1]!; k++)
      bases.push(stringAt(batch, batch.baseAt[k]!));
    assert.deepEqual(
      bases,
      Array.from({ length: i % 4 }, (_, k) => `o/base-${i}-${k}`),
    );
  }
});
