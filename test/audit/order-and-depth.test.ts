// Verdicts that do not depend on the order of the rows or the depth of the lineage, and shapes
// that made the former audit cut lineages silently or expand ancestor trees without bound.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { audit, type AuditSummary } from "../../src/audit/audit.js";
import { chain, mixedDump, outRows, reorderings, rng, tmp, writeDump, type DumpRow } from "./_dumps.js";

/** The summary without what may differ between runs of the same rows (timings). */
function stable(s: AuditSummary): Omit<AuditSummary, "timings"> {
  const { timings: _, ...rest } = s;
  return rest;
}

async function auditOrders(rows: DumpRow[], name: string) {
  const dir = tmp();
  const { reversed, shuffled } = reorderings(rows);
  const out: Record<string, { summary: AuditSummary; rows: ReturnType<typeof outRows> }> = {};
  for (const [order, list] of [
    ["file", rows],
    ["reversed", reversed],
    ["shuffled", shuffled],
  ] as const) {
    const dump = writeDump(join(dir, `${name}-${order}.jsonl`), list);
    const o = join(dir, `${name}-${order}.out.jsonl`);
    out[order] = { summary: await audit(dump, { out: o }), rows: outRows(o) };
  }
  return out as Record<"file" | "reversed" | "shuffled", (typeof out)[string]>;
}

test("the same dump in file, reversed and shuffled order gives every model the same verdict and findings", async () => {
  const rows = mixedDump(3000, 11);
  const r = await auditOrders(rows, "mixed");
  assert.equal(r.file.rows.size, rows.length);
  const verdicts = new Set([...r.file.rows.values()].map((x) => x.verdict));
  assert.ok(verdicts.size === 4, `the dump exercises every verdict: ${[...verdicts]}`);
  for (const order of ["reversed", "shuffled"] as const) {
    for (const [id, row] of r.file.rows) assert.deepEqual(r[order].rows.get(id), row, `${order}: ${id}`);
    // the same bytes, not only the same values: JSON keeps the order keys were first counted in
    assert.equal(JSON.stringify(stable(r[order].summary)), JSON.stringify(stable(r.file.summary)), order);
  }
});

test("a 200,000-row chain of relicensed fine-tunes is judged whole in both orders: no depth cut", async () => {
  const rows = chain(200_000, "CompVis/stable-diffusion-v1-4", ["apache-2.0", "mit"]);
  const dir = tmp();
  for (const [order, list] of [
    ["file", rows],
    ["reversed", [...rows].reverse()],
  ] as const) {
    const out = join(dir, `${order}.out.jsonl`);
    const s = await audit(writeDump(join(dir, `${order}.jsonl`), list), { out });
    // every link drops the OpenRAIL-M use restrictions it inherits, however far up they start
    assert.deepEqual(s.verdicts, { ok: 0, conditional: 0, violation: 200_000, unknown: 0 }, order);
    // depth counts the catalogue's own ancestry above the root too, so at least these are 6+
    assert.ok(s.depth["6+"]! >= 200_000 - 5, `depth: ${JSON.stringify(s.depth)}`);
    assert.equal(
      Object.values(s.depth).reduce((a, b) => a + b, 0),
      200_000,
    );
    // the root is the catalogue's first Stable Diffusion, which v1-4 was trained from
    assert.deepEqual(s.worst_roots[0], {
      id: "CompVis/stable-diffusion-v1-1",
      license: "creativeml-openrail-m",
      violating_descendants: 200_000,
      catalogue: true,
    });
    const last = outRows(out).get("chain/link-199999")!;
    const dropped = last.findings.find((f) => f.code === "use-restrictions-dropped")!;
    assert.equal(dropped.license, "creativeml-openrail-m");
    // the path runs to the root, clipped in the middle
    assert.equal(dropped.path.length, 12);
    assert.equal(dropped.path[0], "chain/link-199999");
    assert.equal(dropped.path.at(-1), "CompVis/stable-diffusion-v1-4");
    assert.match(dropped.path[6]!, /199,990 more|199990 more/);
  }
});

test("a 2,000-row chain under Llama 3, relicensed MIT/Apache at every link, is a violation at every link in both orders", async () => {
  const rows = chain(2000, "meta-llama/Meta-Llama-3-8B", ["mit", "apache-2.0"]);
  const r = { file: rows, reversed: [...rows].reverse() };
  const dir = tmp();
  const got: Record<string, ReturnType<typeof outRows>> = {};
  for (const [order, list] of Object.entries(r)) {
    const out = join(dir, `${order}.out.jsonl`);
    const s = await audit(writeDump(join(dir, `${order}.jsonl`), list), { out });
    assert.deepEqual(s.verdicts, { ok: 0, conditional: 0, violation: 2000, unknown: 0 }, order);
    got[order] = outRows(out);
  }
  for (const [id, row] of got.file!) {
    assert.deepEqual(got.reversed!.get(id), row, id);
    const codes = row.findings.map((f) => `${f.code}:${f.license}`);
    assert.ok(codes.includes("use-restrictions-dropped:llama3"), `${id}: ${codes}`);
    assert.ok(codes.includes("naming-duty-unmet:llama3"), `${id}: ${codes}`);
  }
});

/** Rows that each merge three earlier rows (after three roots), licenses from a small mix. */
function merges(n: number, seed: number): DumpRow[] {
  const rand = rng(seed);
  const licenses = ["apache-2.0", "mit", "cc-by-nc-4.0", "creativeml-openrail-m", "llama3", "gpl-3.0"];
  const rows: DumpRow[] = [];
  for (let i = 0; i < n; i++) {
    const card: Record<string, unknown> = { license: licenses[Math.floor(rand() * licenses.length)] };
    if (i >= 3) {
      const parents = new Set<string>();
      while (parents.size < 3) parents.add(`m/model-${Math.floor(rand() * i)}`);
      card.base_model = [...parents];
      card.base_model_relation = "merge";
    }
    rows.push({ id: `m/model-${i}`, cardData: card });
  }
  return rows;
}

for (const n of [20_000, 100_000])
  test(`${n.toLocaleString("en-US")} rows of three-parent merges are judged, each as a merge of its parents`, async () => {
    const rows = merges(n, n);
    const dir = tmp();
    const out = join(dir, "out.jsonl");
    const s = await audit(writeDump(join(dir, "m.jsonl"), rows), { out });
    assert.equal(s.models, n);
    assert.equal(s.derived, n - 3);
    const total = s.verdicts.ok + s.verdicts.conditional + s.verdicts.violation + s.verdicts.unknown;
    assert.equal(total, n);
    const got = outRows(out);
    // a non-commercial parent and a commercial license: the merge drops the non-commercial terms
    // unless its own license is non-commercial; checked on every row whose parents say so
    const license = new Map(rows.map((r) => [r.id, r.cardData!.license as string]));
    let checked = 0;
    for (const r of rows.slice(3)) {
      const parents = r.cardData!.base_model as string[];
      const own = license.get(r.id)!;
      if (own !== "apache-2.0" || !parents.some((p) => license.get(p) === "cc-by-nc-4.0")) continue;
      const row = got.get(r.id)!;
      assert.equal(row.verdict, "violation", r.id);
      assert.ok(
        row.findings.some((f) => f.code === "non-commercial-dropped" && f.license === "cc-by-nc-4.0"),
        r.id,
      );
      if (++checked >= 200) break;
    }
    assert.ok(checked > 50);
  });

test("a merge whose parents carry dozens of share-alike and non-commercial licenses gets the same findings in any row order", async () => {
  // each parent's chain relicenses at every link under another demanding license, so one base
  // holds more of them than any small buffer does; the merge's findings must not depend on that
  const nc = ["cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0"];
  const sa = ["cc-by-sa-3.0", "cc-by-sa-4.0", "gpl-2.0", "gpl-3.0", "agpl-3.0", "lgpl-2.1", "lgpl-3.0"];
  const more = ["mpl-2.0", "epl-1.0", "epl-2.0", "eupl-1.1", "eupl-1.2", "odbl", "osl-3.0", "ms-pl"];
  const rows: DumpRow[] = [
    ...chain(20, "meta-llama/Meta-Llama-3-8B", [...nc, ...sa, ...more], "left"),
    ...chain(20, "google/gemma-2-9b", [...more, ...sa, ...nc].reverse(), "right"),
    {
      id: "blend/merged",
      cardData: { license: "mit", base_model: ["left-19", "right-19"], base_model_relation: "merge" },
    },
    {
      id: "blend/merged-again",
      cardData: { license: "mit", base_model: ["right-19", "left-19"], base_model_relation: "merge" },
    },
  ];
  const dir = tmp();
  const { reversed, shuffled } = reorderings(rows, 3);
  const outs = [];
  for (const [name, list] of [
    ["file", rows],
    ["reversed", reversed],
    ["shuffled", shuffled],
  ] as const) {
    const out = join(dir, `${name}.out.jsonl`);
    await audit(writeDump(join(dir, `${name}.jsonl`), list), { out });
    outs.push(outRows(out));
  }
  const conflicts = (r: Map<string, { findings: { code: string; license?: string }[] }>, id: string) =>
    r
      .get(id)!
      .findings.filter((f) => f.code === "merge-conflict")
      .map((f) => f.license)
      .sort();
  const first = conflicts(outs[0]!, "blend/merged");
  assert.ok(first.length > 20, `${first.length} merge conflicts`);
  for (const o of outs) {
    assert.deepEqual(conflicts(o, "blend/merged"), first);
    assert.deepEqual(o.get("blend/merged"), outs[0]!.get("blend/merged"));
    assert.deepEqual(conflicts(o, "blend/merged-again"), first, "the parents in the other order clash alike");
    // in the same order, too: both merges share one judgment, whichever came first (paths, and
    // the words naming where a duty comes from, may differ: between equally short paths, each
    // model's follows its own first base)
    const said = (id: string) => o.get(id)!.findings.map((f) => `${f.severity} ${f.code} ${f.license}`);
    assert.deepEqual(said("blend/merged-again"), said("blend/merged"));
  }
});

test("two merges of the same parents in either order say the same of each, whichever row comes first", async () => {
  // the engine shares one judgment between merges of the same bases in any order; the clash it
  // reports named the parents' licenses in the order of the merge it met first
  const rows: DumpRow[] = [
    { id: "a/nc", cardData: { license: "cc-by-nc-4.0" } },
    { id: "b/sa", cardData: { license: "cc-by-sa-4.0" } },
    {
      id: "c/merge-ab",
      cardData: { license: "mit", base_model: ["a/nc", "b/sa"], base_model_relation: "merge" },
    },
    {
      id: "d/merge-ba",
      cardData: { license: "mit", base_model: ["b/sa", "a/nc"], base_model_relation: "merge" },
    },
  ];
  const r = await auditOrders(rows, "two-merges");
  for (const id of ["c/merge-ab", "d/merge-ba"]) {
    const clash = r.file.rows.get(id)!.findings.filter((f) => f.code === "merge-conflict");
    assert.equal(clash.length, 1, id);
    for (const order of ["reversed", "shuffled"] as const)
      assert.deepEqual(r[order].rows.get(id), r.file.rows.get(id), `${order}: ${id}`);
  }
});

test("rows renumbered bases first give the same summary and the same --out bytes, in the order the rows came in", async () => {
  // cycles, merges, catalogue bases and duplicate ids included: the renumbering happens after the
  // first row of an id has won, and must not change which one it is
  const rows: DumpRow[] = [
    ...mixedDump(2000, 5),
    // a catalogue model (BLOOMZ) between two rows: its base is a row of the dump
    { id: "bigscience/bloom", cardData: { license: "cc-by-nc-4.0" } },
    { id: "me/bloomz-tuned", cardData: { license: "mit", base_model: "bigscience/bloomz" } },
  ];
  const { shuffled } = reorderings([...rows, ...rows.slice(0, 50).map((r) => ({ ...r, cardData: {} }))], 9);
  const dir = tmp();
  const dump = writeDump(join(dir, "d.jsonl"), shuffled);
  const runs = [];
  for (const renumber of ["never", "always", "auto"] as const) {
    const out = join(dir, `${renumber}.out.jsonl`);
    runs.push({ summary: await audit(dump, { out, renumber }), text: readFileSync(out, "utf8") });
  }
  const [never, always, auto] = runs;
  assert.equal(JSON.stringify(stable(always!.summary)), JSON.stringify(stable(never!.summary)));
  assert.equal(always!.text, never!.text);
  assert.equal(auto!.text, never!.text);
  // one line per distinct id, in the order the ids first came
  const seen = new Set<string>();
  const firsts = shuffled.filter((r) => !seen.has(r.id.toLowerCase()) && seen.add(r.id.toLowerCase()));
  assert.deepEqual(
    never!.text
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { id: string }).id),
    firsts.map((r) => r.id),
  );
  assert.ok(never!.summary.skipped["duplicate-id"]! >= 50);
  const tuned = always!.text.split("\n").find((l) => l.includes('"id":"me/bloomz-tuned"'))!;
  assert.match(
    tuned,
    /"license":"cc-by-nc-4.0"/,
    "the row under the catalogue model reaches the dump's BLOOM",
  );
});

test("renumbering is invisible: random dumps (forward bases, cycles, repeated ids, catalogue bases) give the same bytes either way", async () => {
  const licenses = [undefined, "mit", "apache-2.0", "llama3", "gemma", "cc-by-nc-4.0", "gpl-3.0", "other"];
  const outside = ["meta-llama/Meta-Llama-3-8B", "bigscience/bloomz", "nobody/missing"];
  const row = fc.record({
    // ids repeat (a later row of an id is a duplicate), and differ in case only
    id: fc.nat({ max: 40 }),
    upper: fc.boolean(),
    license: fc.nat({ max: licenses.length - 1 }),
    bases: fc.array(fc.nat({ max: 43 }), { maxLength: 3 }),
    named: fc.boolean(),
  });
  const dir = tmp();
  let k = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (specs) => {
      // one row may be BLOOM, the base of the catalogue's BLOOMZ: a catalogue model between rows
      const idOf = (n: number, named = false) =>
        n === 40 ? "bigscience/bloom" : `org${n % 3}/${named ? "Llama-3-" : ""}m${n}`;
      const rows: DumpRow[] = specs.map((s) => {
        const card: Record<string, unknown> = {};
        const lic = licenses[s.license];
        if (lic) card.license = lic;
        const bases = s.bases.map((b) => (b >= 41 ? outside[b - 41]! : idOf(b)));
        if (bases.length) card.base_model = bases.length === 1 ? bases[0] : bases;
        const id = idOf(s.id, s.named);
        return { id: s.upper ? id.toUpperCase() : id, cardData: card };
      });
      const dump = writeDump(join(dir, `p${++k}.jsonl`), rows);
      const texts: string[] = [];
      const summaries: string[] = [];
      for (const renumber of ["never", "always"] as const) {
        const out = join(dir, `p${k}-${renumber}.out.jsonl`);
        summaries.push(JSON.stringify(stable(await audit(dump, { out, renumber }))));
        texts.push(readFileSync(out, "utf8"));
      }
      assert.equal(texts[1], texts[0]);
      assert.equal(summaries[1], summaries[0]);
    }),
    { numRuns: 60, seed: 20261203 },
  );
});
