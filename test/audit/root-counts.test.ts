// worst_roots against a count made the slow way: every root's violating descendants, found by
// walking the bases of every model, on dumps whose models descend from more roots than the audit
// tracks per model (merges of merges), with cycles, in any row order.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { join } from "node:path";
import { audit } from "../../src/audit/audit.js";
import { recountRoots } from "../../src/audit/root-counts.js";
import { outRows, reorderings, tmp, writeDump, type DumpRow } from "./_dumps.js";

const LICENSES = ["llama3", "mit", "cc-by-nc-4.0", "apache-2.0", "cc-by-sa-4.0", "gemma"];

/** Top roots by violating descendants, ties by id, from the rows' bases and verdicts alone. */
function slowRoots(rows: DumpRow[], verdict: Map<string, string>): [string, number][] {
  const ids = rows.map((r) => r.id);
  const at = new Map(ids.map((id, i) => [id, i]));
  const bases = rows.map((r) => {
    const b = (r.cardData as { base_model?: string[] } | undefined)?.base_model ?? [];
    return b.map((x) => at.get(x)!);
  });
  const n = rows.length;
  // the same component: each reaches the other through bases (edges inside one are no descent)
  const reach = Array.from({ length: n }, (_, i) => {
    const seen = new Set<number>();
    const todo = [...bases[i]!];
    while (todo.length) {
      const x = todo.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      todo.push(...bases[x]!);
    }
    return seen;
  });
  const sameComponent = (a: number, b: number) => a === b || (reach[a]!.has(b) && reach[b]!.has(a));
  const descent = bases.map((bs, i) => bs.filter((b) => !sameComponent(i, b)));
  const rootsOf = (i: number, memo: Map<number, Set<number>>): Set<number> => {
    let r = memo.get(i);
    if (r) return r;
    r = new Set();
    if (descent[i]!.length === 0) r.add(i);
    for (const b of descent[i]!) for (const x of rootsOf(b, memo)) r.add(x);
    memo.set(i, r);
    return r;
  };
  const memo = new Map<number, Set<number>>();
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (verdict.get(ids[i]!) !== "violation") continue;
    for (const r of rootsOf(i, memo)) if (r !== i) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts]
    .map(([r, c]): [string, number] => [ids[r]!, c])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 20);
}

async function auditRoots(rows: DumpRow[], name: string) {
  const dir = tmp();
  const out = join(dir, `${name}.out.jsonl`);
  const s = await audit(writeDump(join(dir, `${name}.jsonl`), rows), { out });
  const verdict = new Map([...outRows(out)].map(([id, r]) => [id, r.verdict]));
  return { s, verdict, roots: s.worst_roots.map((r): [string, number] => [r.id, r.violating_descendants]) };
}

test("a merge of twelve lineages counts a violating descendant for each of their twelve roots", async () => {
  // the audit tracks eight roots per model; the others were dropped without a word
  const rows: DumpRow[] = [];
  for (let k = 0; k < 12; k++)
    rows.push({ id: `root/r${String(k).padStart(2, "0")}`, cardData: { license: "llama3" } });
  rows.push({
    id: "blend/all",
    cardData: { license: "mit", base_model: rows.map((r) => r.id), base_model_relation: "merge" },
  });
  rows.push({ id: "blend/all-ft", cardData: { license: "mit", base_model: ["blend/all"] } });
  const { s, verdict, roots } = await auditRoots(rows, "twelve");
  assert.equal(verdict.get("blend/all"), "violation");
  assert.equal(verdict.get("blend/all-ft"), "violation");
  assert.deepEqual(roots, slowRoots(rows, verdict));
  assert.equal(roots.length, 12);
  assert.ok(roots.every(([, c]) => c === 2));
  assert.deepEqual(s.warnings, []);
});

const row = (n: number) =>
  fc.record({
    license: fc.nat({ max: LICENSES.length - 1 }),
    // a third of the models are roots; the others merge up to five models, any of them
    bases: fc.oneof(fc.constant([]), fc.array(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: 5 })),
  });

test("worst_roots is the slow count on random dumps of merges of merges, cycles included, in any row order", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 2, max: 60 }).chain((n) => fc.array(row(n), { minLength: n, maxLength: n })),
      async (drawn) => {
        const rows: DumpRow[] = drawn.map((d, i) => {
          const bases = [...new Set(d.bases)].filter((b) => b !== i).map((b) => `m/n${b}`);
          return {
            id: `m/n${i}`,
            cardData: {
              license: LICENSES[d.license]!,
              ...(bases.length ? { base_model: bases, base_model_relation: "merge" } : {}),
            },
          };
        });
        const file = await auditRoots(rows, "random");
        assert.deepEqual(file.roots, slowRoots(rows, file.verdict));
        assert.deepEqual(file.s.warnings, []);
        const again = await auditRoots(reorderings(rows).reversed, "random-reversed");
        assert.deepEqual(again.roots, file.roots);
      },
    ),
    { numRuns: 60, seed: 20261203 },
  );
});

test("beyond its budget the recount is exact for the roots it counts again, and says it may miss one", () => {
  // 100 roots, each with its own violating child, and 40 violating merges of every root: every
  // count is 41, but the tracked counts keep only the first roots of each merge
  const roots = 100;
  const merges = 40;
  const n = roots * 2 + merges;
  const base = (i: number): number[] =>
    i < roots ? [] : i < 2 * roots ? [i - roots] : Array.from({ length: roots }, (_, r) => r);
  const g = {
    order: Int32Array.from({ length: n }, (_, i) => i),
    component: Int32Array.from({ length: n }, (_, i) => i),
    baseCount: (i: number) => base(i).length,
    base: (i: number, k: number) => base(i)[k]!,
    rows: n,
  };
  const violating = Uint8Array.from({ length: n }, (_, i) => (i >= roots ? 1 : 0));
  const counts = new Uint32Array(n);
  for (let r = 0; r < roots; r++) counts[r] = 1 + (r < 8 ? merges : 0);
  const id = (i: number) => `r/${String(i).padStart(3, "0")}`;
  const allRoots = Int32Array.from({ length: roots }, (_, r) => r);
  const recount = (work?: number) => recountRoots(g, allRoots, violating, counts, merges, 20, id, work);
  // one pass of 32 roots: the eight with the highest tracked counts, then 24 more by id
  const small = recount(1);
  assert.equal(small.recounted, 32);
  assert.equal(small.exact, false);
  for (let r = 0; r < 32; r++) assert.equal(counts[r], 1 + merges, `root ${r}`);
  assert.equal(counts[32], 1, "a root not counted again keeps its lower bound");
  // with room for every root, all are exact and so is the answer
  const all = recount();
  assert.deepEqual(all, { exact: true, recounted: roots });
  assert.ok(counts.subarray(0, roots).every((c) => c === 1 + merges));
});
