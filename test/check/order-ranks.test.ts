// The numbers the engine sorts a summary's groups by must order as their strings do, after any
// sequence of insertions, including ones that exhaust the room between two neighbours.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { OrderRanks, type Rank } from "../../src/policy/order-ranks.js";

function assertOrdered(places: Rank[]): void {
  const sorted = [...places].sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  for (let i = 1; i < sorted.length; i++)
    assert.ok(sorted[i - 1]!.r < sorted[i]!.r, `${sorted[i - 1]!.s} before ${sorted[i]!.s}`);
}

test("ranks order as their strings do after any insertions; a string met again keeps its place", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (strings) => {
      const ranks = new OrderRanks();
      const seen = new Map<string, Rank>();
      for (const s of strings) {
        const r = ranks.rank(s);
        if (seen.has(s)) assert.equal(r, seen.get(s));
        seen.set(s, r);
        assertOrdered([...seen.values()]);
      }
      assert.equal(ranks.size, seen.size);
    }),
  );
});

test("inserting always between the same two neighbours runs out of room and renumbers, still in order", () => {
  const ranks = new OrderRanks();
  const places = [ranks.rank("a"), ranks.rank("b")];
  // "a", "aa", "aaa", ...: each sorts right after "a", so each halves the same gap (53 bits of
  // a double run out after about 70 halvings)
  let s = "a";
  for (let i = 0; i < 500; i++) {
    s += "a";
    places.push(ranks.rank(s));
  }
  assertOrdered(places);
});
