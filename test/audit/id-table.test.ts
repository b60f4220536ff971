// The audit's id index: hashes of ids to rows, exact when two different ids share a hash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IdTable } from "../../src/audit/id-table.js";
import { hashInto } from "../../src/audit/batch.js";
import { RecentIds } from "../../src/audit/recent-ids.js";

function hashes(id: string): [number, number] {
  const h = new Uint32Array(2);
  hashInto(id, h, 0);
  return [h[0]!, h[1]!];
}

test("ids are found case-insensitively, duplicates refused, the table grows", () => {
  const t = new IdTable();
  const ids = Array.from({ length: 5000 }, (_, i) => `Owner${i % 97}/Model-${i}`);
  const idOf = (r: number) => ids[r]!;
  ids.forEach((id, r) =>
    assert.equal(
      t.insert(...hashes(id), r, () => id, idOf),
      true,
    ),
  );
  assert.equal(
    t.insert(...hashes("owner3/model-3"), 9999, () => "owner3/model-3", idOf),
    false,
  );
  for (const [r, id] of ids.entries())
    assert.equal(
      t.find(...hashes(id.toUpperCase()), () => id, idOf),
      r,
    );
  assert.equal(
    t.find(...hashes("nobody/none"), () => "nobody/none", idOf),
    -1,
  );
});

test("two different ids under the same hashes stay two rows, each found exactly", () => {
  const t = new IdTable();
  const ids = ["a/first", "b/second", "c/third"];
  const idOf = (r: number) => ids[r]!;
  // force the collision: every id inserted under the same pair of hashes
  for (const [r, id] of ids.entries())
    assert.equal(
      t.insert(7, 11, r, () => id, idOf),
      true,
    );
  assert.equal(
    t.insert(7, 11, 3, () => "B/Second", idOf),
    false,
    "a duplicate of a collided id",
  );
  for (const [r, id] of ids.entries())
    assert.equal(
      t.find(7, 11, () => id, idOf),
      r,
    );
  assert.equal(
    t.find(7, 11, () => "d/fourth", idOf),
    -1,
  );
});

test("findOrInsert gives the first row stored under an id's hashes", () => {
  const t = new IdTable(10);
  assert.equal(t.findOrInsert(...hashes("x/y"), 0), 0);
  assert.equal(t.findOrInsert(...hashes("x/z"), 1), 1);
  assert.equal(t.findOrInsert(...hashes("X/Y"), 2), 0);
});

test("recent ids: a repeat is seen whatever its case; other ids, and ids long gone, are not", () => {
  const r = new RecentIds();
  assert.equal(r.seen("Org/Model"), false);
  assert.equal(r.seen("org/model"), true);
  assert.equal(r.seen("ORG/MODEL"), true);
  assert.equal(r.seen("org/model-2"), false);
  // the hashes it leaves are the ones the batches carry for the id
  const h = new Uint32Array(2);
  hashInto("org/model-2", h, 0);
  assert.deepEqual([...r.hash], [...h]);
  // a small table: after enough other ids an old one may be forgotten (the audit's id table
  // catches that repeat), but never mistaken for another
  for (let i = 0; i < 100_000; i++) assert.equal(r.seen(`u/m-${i}`), false);
});

test("an id hashes as its lower-cased form, ASCII or not", () => {
  assert.deepEqual(hashes("Org/Model"), hashes("org/model"));
  assert.deepEqual(hashes("Ünïcode/ÄModel"), hashes("ünïcode/ämodel"));
  assert.deepEqual(hashes("ORG/Ünï"), hashes("org/ünï"));
  assert.notDeepEqual(hashes("org/a"), hashes("org/b"));
});
