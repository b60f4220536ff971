// One engine for `check` and `audit`: over random lineage graphs (chains, wide merges, cycles,
// licenses that change at every link, lists and expressions, catalogue and missing bases) every
// model gets the same verdict and the same findings, message and path included, whether it is
// checked on its own (its card read by the card reader, its bases from records in memory) or
// audited with the whole dump.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { audit } from "../../src/audit/audit.js";
import { checkRecord } from "../../src/check.js";
import { inspectFiles } from "../../src/inspect/inspect.js";
import type { ModelRecord } from "../../src/inspect/record.js";
import { outRows, tmp, writeDump, type DumpRow } from "./_dumps.js";

const LICENSES: unknown[] = [
  "apache-2.0",
  "mit",
  "cc-by-nc-4.0",
  "cc-by-sa-4.0",
  "gpl-3.0",
  "agpl-3.0",
  "creativeml-openrail-m",
  "bigscience-bloom-rail-1.0",
  "openrail",
  "llama3",
  "llama3.1",
  "gemma",
  "other",
  "made-up-license",
  ["llama3.1", "gemma"],
  ["mit", "cc-by-nc-4.0"],
  "apache-2.0 OR mit",
  undefined,
];
/** Bases outside the dump: catalogue models, and one that exists nowhere. */
const OUTSIDE = [
  "meta-llama/Meta-Llama-3-8B",
  "google/gemma-2-9b",
  "CompVis/stable-diffusion-v1-4",
  "openai/gpt-3",
  "bigscience/bloom",
  "nobody/missing-model",
];
/** The fields a card's `license: other` comes with: a name, links of every kind the resolver reads, or none. */
const OTHER: Record<string, string>[] = [
  {},
  { license_name: "llama3" },
  { license_link: "https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/LICENSE" },
  { license_link: "https://ai.google.dev/gemma/terms" },
  { license_link: "LICENSE" },
  { license_name: "some-house-license", license_link: "https://example.com/terms" },
];
const RELATIONS = [undefined, "finetune", "adapter", "merge", "quantized", "distill", "combination"];

interface Spec {
  license: number;
  /** What a `license: other` comes with: an index into OTHER. */
  other: number;
  /** Per base: an index into the rows (any row: a later one makes cycles possible) or the outside list. */
  bases: { row: number; outside: boolean }[];
  relation: number;
  /** Whether the id starts with a naming prefix (Llama's "Llama-3"). */
  named: boolean;
}

const spec = fc.record({
  license: fc.nat({ max: LICENSES.length - 1 }),
  other: fc.nat({ max: 5 }),
  bases: fc.array(fc.record({ row: fc.nat({ max: 1000 }), outside: fc.boolean() }), { maxLength: 3 }),
  relation: fc.nat({ max: RELATIONS.length - 1 }),
  named: fc.boolean(),
});

function rowsOf(specs: Spec[], acyclic: boolean): DumpRow[] {
  const ids = specs.map((s, i) => `org${i % 3}/${s.named ? "Llama-3-" : ""}model-${i}`);
  return specs.map((s, i) => {
    const card: Record<string, unknown> = {};
    const lic = LICENSES[s.license];
    if (lic !== undefined) card.license = lic;
    if (lic === "other") Object.assign(card, OTHER[s.other % OTHER.length]);
    const bases = [
      ...new Set(
        s.bases
          .map((b) => {
            if (b.outside) return OUTSIDE[b.row % OUTSIDE.length]!;
            // acyclic graphs take earlier rows only; others any row but the model itself
            const j = acyclic ? (i === 0 ? -1 : b.row % i) : b.row % specs.length;
            return j < 0 || j === i ? null : ids[j]!;
          })
          .filter((x): x is string => x !== null),
      ),
    ];
    if (bases.length) card.base_model = bases.length === 1 ? bases[0] : bases;
    const rel = RELATIONS[s.relation];
    if (rel && bases.length) card.base_model_relation = rel;
    return { id: ids[i]!, cardData: card };
  });
}

/** The record `check` would build from a Hub repo whose README.md carries this row's card. */
function recordOf(row: DumpRow): ModelRecord {
  const front = Object.keys(row.cardData ?? {}).length ? stringify(row.cardData) : "";
  // titled with the repo's name, the name a dump row gives its model
  const title = row.id.slice(row.id.indexOf("/") + 1);
  const record = inspectFiles({ "README.md": `---\n${front}---\n\n# ${title}\n` }, { name: row.id });
  return { ...record, id: row.id };
}

type Shown = { severity: string; code: string; license?: string; message: string; path: string[] };

/** The audit writes a path longer than 12 models as its first 6, a count, and its last 5. */
function clipped(path: string[]): string[] {
  if (path.length <= 12) return path;
  return [...path.slice(0, 6), `… ${path.length - 11} more …`, ...path.slice(-5)];
}

function shown(f: Shown): string {
  return JSON.stringify([f.severity, f.code, f.license ?? null, f.message, clipped(f.path)]);
}

async function agree(rows: DumpRow[]): Promise<void> {
  const dir = tmp();
  const out = join(dir, "out.jsonl");
  await audit(writeDump(join(dir, "d.jsonl"), rows), { out });
  const audited = outRows(out);
  const records = new Map(rows.map((r) => [r.id, recordOf(r)] as const));
  for (const row of rows) {
    const record = records.get(row.id)!;
    const report = await checkRecord(record, { records, offline: true });
    const a = audited.get(row.id);
    assert.ok(a, `${row.id} is in the audit's rows`);
    const context = `${row.id} ${JSON.stringify(row.cardData)}`;
    assert.equal(a.verdict, report.verdict, `verdict of ${context}`);
    // the check's own findings after the card reader's; the audit writes neither info nor those
    const fromCheck = report.findings
      .slice(record.findings.length)
      .filter((f) => f.severity !== "info")
      .map((f) => shown(f as Shown))
      .sort();
    const fromAudit = a.findings.map(shown).sort();
    assert.deepEqual(fromAudit, fromCheck, `findings of ${context}`);
  }
}

test("check and audit give every model of a random acyclic lineage graph the same verdict and findings", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 24 }), async (specs) => {
      await agree(rowsOf(specs, true));
    }),
    { numRuns: 40, seed: 20261202 },
  );
});

test("check and audit agree on graphs with cycles, wide merges and deep chains", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(spec, { minLength: 2, maxLength: 16 }), async (specs) => {
      await agree(rowsOf(specs, false));
    }),
    { numRuns: 30, seed: 7 },
  );
  // a chain 300 deep, the license changing at every link, ending in a six-parent merge
  const chainSpecs: Spec[] = Array.from({ length: 300 }, (_, i) => ({
    license: i % LICENSES.length,
    other: i % 6,
    bases: i === 0 ? [{ row: 0, outside: true }] : [{ row: i - 1, outside: false }],
    relation: 1 + (i % 5),
    named: i % 2 === 0,
  }));
  chainSpecs.push({
    license: 0,
    other: 0,
    bases: [0, 50, 100, 150, 200, 299].map((row) => ({ row, outside: false })),
    relation: 3,
    named: false,
  });
  await agree(rowsOf(chainSpecs, true));
});

test("a base named by another of its Hub ids (a legacy name, an org's old name) is the row the dump holds, in check and audit alike", async () => {
  const nc = { license: "cc-by-nc-4.0" };
  const rows: DumpRow[] = [
    { id: "openai-community/gpt2", cardData: nc },
    { id: "alice/from-legacy-name", cardData: { license: "mit", base_model: "gpt2" } },
    // the other way round: the dump holds the legacy id, the card names the new one
    { id: "gpt2-medium", cardData: nc },
    { id: "bob/from-new-name", cardData: { license: "mit", base_model: "openai-community/gpt2-medium" } },
    { id: "zai-org/chatglm-6b", cardData: nc },
    { id: "carol/from-old-org", cardData: { license: "mit", base_model: "THUDM/chatglm-6b" } },
    // not in the dump under any id: the catalogue's entry
    { id: "dave/from-catalogue", cardData: { license: "mit", base_model: "bigscience/bloom" } },
  ];
  await agree(rows);
  const dir = tmp();
  const out = join(dir, "out.jsonl");
  const s = await audit(writeDump(join(dir, "d.jsonl"), rows), { out });
  const got = outRows(out);
  for (const id of ["alice/from-legacy-name", "bob/from-new-name", "carol/from-old-org"]) {
    assert.equal(got.get(id)!.verdict, "violation", id);
    assert.ok(
      got.get(id)!.findings.some((f) => f.code === "non-commercial-dropped"),
      id,
    );
  }
  assert.ok(!got.get("dave/from-catalogue")!.findings.some((f) => f.code === "non-commercial-dropped"));
  // the rows are the roots, not catalogue copies of them; only BLOOM comes from the catalogue
  assert.deepEqual(
    s.worst_roots.filter((r) => r.catalogue).map((r) => r.id),
    ["bigscience/bloom"],
  );
});
