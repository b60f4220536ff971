// Lists of numbers interned as numbers (the engine's keys for merges): equal lists meet, lists that
// differ in any item, in order or in length do not, however many there are.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { IntLists } from "../../src/policy/int-lists.js";

test("equal lists get one number; order, length and items tell lists apart", () => {
  const t = new IntLists();
  const a = t.of([1, 2, 3], 3);
  assert.equal(t.of(Int32Array.from([1, 2, 3]), 3), a);
  assert.notEqual(t.of([3, 2, 1], 3), a);
  assert.notEqual(t.of([1, 2], 2), a);
  assert.equal(t.of([1, 2, 3, 9], 3), a, "only the first n items count");
  assert.notEqual(t.of([], 0), a);
  assert.equal(t.of([], 0), t.of([7], 0));
});

test("numbers follow the lists exactly over thousands of random lists (a map of strings as the oracle)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.nat({ max: 40 }), { maxLength: 30 }), { minLength: 1, maxLength: 3000 }),
      (lists) => {
        const t = new IntLists();
        const oracle = new Map<string, number>();
        for (const l of lists) {
          const id = t.of(l, l.length);
          const key = l.join(",");
          const known = oracle.get(key);
          if (known === undefined) {
            assert.equal(id, oracle.size, "a new list gets the next number");
            oracle.set(key, id);
          } else assert.equal(id, known);
        }
        assert.equal(t.size, oracle.size);
      },
    ),
    { numRuns: 30 },
  );
});

test("room reserved at any point keeps every list and its number, and lists go on meeting", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.nat({ max: 40 }), { maxLength: 30 }), { minLength: 1, maxLength: 400 }),
      fc.array(
        fc.record({ at: fc.nat({ max: 400 }), lists: fc.nat({ max: 300 }), items: fc.nat({ max: 5000 }) }),
        {
          maxLength: 4,
        },
      ),
      (lists, reserves) => {
        const t = new IntLists();
        const ids: number[] = [];
        lists.forEach((l, k) => {
          for (const r of reserves) if (r.at === k) t.reserve(r.lists, r.items);
          ids.push(t.of(l, l.length));
        });
        lists.forEach((l, k) => {
          assert.equal(t.of(l, l.length), ids[k]);
          assert.deepEqual([...t.pool.subarray(t.from(ids[k]!), t.to(ids[k]!))], l);
        });
      },
    ),
    { numRuns: 40 },
  );
});

test("room is made by doubling: small reservations one after another do not copy the pool each time", () => {
  const t = new IntLists();
  let copies = 0;
  let pool = t.pool;
  for (let k = 0; k < 10_000; k++) {
    t.reserve(8, 16);
    for (let i = 0; i < 8; i++) t.of([k, i], 2);
    if (t.pool !== pool) {
      copies++;
      pool = t.pool;
    }
  }
  // 160,000 items: a doubling pool is replaced about log2(160,000 / 4,096) times
  assert.ok(copies <= 8, `${copies} copies`);
});
