// audit over messy dumps in every input format, against the same engine as check.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  existsSync,
} from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { audit } from "../../src/audit/audit.js";
import { ingest } from "../../src/audit/ingest.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { checkRecord } from "../../src/check.js";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { cli, fixture, SHARED } from "../helpers.js";

const messy = fixture("audit", "messy.jsonl");
const tmp = () => mkdtempSync(join(tmpdir(), "audit-"));

function rowsOf(
  file: string,
): Map<
  string,
  { license: string; bases: string[]; verdict: string; findings: { code: string; license?: string }[] }
> {
  return new Map(
    readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .map((r) => [r.id, r]),
  );
}

test("messy rows: counts, skips by reason, and each model's verdict", async () => {
  const out = join(tmp(), "rows.jsonl");
  const s = await audit(messy, { out });
  assert.equal(s.models, 14);
  assert.deepEqual(s.skipped, { "invalid-json": 1, "duplicate-id": 1, "no-id": 1 });
  const rows = rowsOf(out);
  assert.equal(rows.size, 14);
  const v = (id: string) => rows.get(id)?.verdict;
  const codes = (id: string) => rows.get(id)!.findings.map((f) => f.code);
  assert.equal(v("alice/Llama-3-chat"), "conditional"); // the first row wins; named properly
  assert.equal(v("bob/chat-8b"), "violation");
  assert.ok(codes("bob/chat-8b").includes("naming-duty-unmet"));
  assert.equal(v("carol/sd-apache"), "violation"); // the base given as a URL resolves in the catalogue
  assert.ok(codes("carol/sd-apache").includes("use-restrictions-dropped"));
  assert.equal(v("dave/sd-keeps"), "conditional"); // the base given with a revision
  assert.equal(v("frank/ncsa-child"), "violation"); // license and base from tags only
  assert.ok(codes("frank/ncsa-child").includes("non-commercial-dropped"));
  assert.deepEqual(rows.get("grace/removed")!.bases, []); // "Removed" is not a base
  assert.equal(rows.get("heidi/other-opt")!.license, "opt-175b"); // other + license_name
  assert.equal(rows.get("ivan/no-card")!.license, "NONE");
  assert.equal(v("ivan/no-card"), "unknown");
  assert.equal(rows.get("judy/upper")!.license, "apache-2.0");
  assert.equal(v("niaj/unknown-base"), "unknown");
  assert.ok(codes("niaj/unknown-base").includes("base-unresolved"));
  // a cycle is reported (unknown: what the models in it inherit cannot be known), never a hang
  assert.equal(v("mallory/loop-a"), "unknown");
  assert.ok(codes("mallory/loop-a").includes("lineage-cycle"));
  assert.equal(s.derived, 9);
  assert.equal(s.verdicts.ok + s.verdicts.conditional + s.verdicts.violation + s.verdicts.unknown, 14);
  assert.ok(
    s.transitions.some(
      (t) => t.parent === "creativeml-openrail-m" && t.child === "apache-2.0" && t.verdicts.violation === 1,
    ),
  );
  assert.ok(s.top_findings.some((f) => f.code === "naming-duty-unmet" && f.license === "llama3"));
  assert.ok(s.worst_roots.some((r) => r.id === "erin/ncsa-base" && r.violating_descendants === 1));
});

test("gzip, CSV (with a column mapping) and parquet give the same answers as JSONL", async () => {
  const dir = tmp();
  const base = await audit(messy);
  writeFileSync(join(dir, "d.jsonl.gz"), gzipSync(readFileSync(messy)));
  const gz = await audit(join(dir, "d.jsonl.gz"));
  assert.deepEqual(gz.verdicts, base.verdicts);
  const csv = [
    "model_id,lic,license_name,base_model,base_model_relation",
    "meta-llama/Meta-Llama-3-8B,llama3,,,",
    'bob/chat-8b,llama3,,"[""meta-llama/Meta-Llama-3-8B""]",finetune',
    "carol/sd-apache,apache-2.0,,CompVis/stable-diffusion-v1-4,",
    "heidi/other-opt,other,opt-175b,,",
  ].join("\n");
  writeFileSync(join(dir, "d.csv"), csv);
  const c = await audit(join(dir, "d.csv"), {
    out: join(dir, "c.jsonl"),
    columns: { id: "model_id", license: "lic" },
  });
  assert.equal(c.models, 4);
  const crow = rowsOf(join(dir, "c.jsonl"));
  assert.equal(crow.get("bob/chat-8b")!.verdict, "violation");
  assert.equal(crow.get("heidi/other-opt")!.license, "opt-175b");
  const pq = parquetWriteBuffer({
    columnData: [
      { name: "id", data: ["meta-llama/Meta-Llama-3-8B", "bob/chat-8b", "carol/sd-apache"], type: "STRING" },
      { name: "license", data: ["llama3", "llama3", "apache-2.0"], type: "STRING" },
      {
        name: "base_model",
        data: [null, "meta-llama/Meta-Llama-3-8B", "CompVis/stable-diffusion-v1-4"],
        type: "STRING",
      },
    ],
  });
  writeFileSync(join(dir, "d.parquet"), Buffer.from(pq));
  const p = await audit(join(dir, "d.parquet"), { out: join(dir, "p.jsonl") });
  assert.equal(p.models, 3);
  assert.equal(rowsOf(join(dir, "p.jsonl")).get("carol/sd-apache")!.verdict, "violation");
});

test("worker threads parse byte ranges to the same rows as one thread", async () => {
  const dir = tmp();
  // many copies of the messy rows with distinct ids, so ranges split inside the file
  const lines = readFileSync(messy, "utf8").trim().split("\n");
  const big: string[] = [];
  for (let k = 0; k < 300; k++)
    for (const l of lines)
      big.push(l.replace(/"id":"([^"]+)"/, (_, id) => (k ? `"id":"${id}-${k}"` : `"id":"${id}"`)));
  writeFileSync(join(dir, "big.jsonl"), big.join("\n"));
  const one = await audit(join(dir, "big.jsonl"), { workers: 1, out: join(dir, "one.jsonl") });
  const many = await audit(join(dir, "big.jsonl"), {
    workers: 3,
    parallelMinBytes: 0,
    out: join(dir, "many.jsonl"),
  });
  assert.deepEqual(many.verdicts, one.verdicts);
  assert.deepEqual(many.skipped, one.skipped);
  assert.equal(readFileSync(join(dir, "many.jsonl"), "utf8"), readFileSync(join(dir, "one.jsonl"), "utf8"));
});

test("worker threads drop a row repeated over and over where they read it; farther repeats still count once", async () => {
  const dir = tmp();
  const row = (id: string, license: string) => JSON.stringify({ id, cardData: { license } });
  const lines: string[] = [];
  // one row 30,000 times in a row (the shape that once filled gigabytes), then 5,000 distinct rows
  // each repeated 5,000 rows later with another license and another spelling of its id
  for (let i = 0; i < 30_000; i++) lines.push(row("Same/Model", "mit"));
  for (let i = 0; i < 5_000; i++) lines.push(row(`u/m-${i}`, "mit"));
  for (let i = 0; i < 5_000; i++) lines.push(row(`U/M-${i}`, "cc-by-nc-4.0"));
  writeFileSync(join(dir, "rep.jsonl"), lines.join("\n") + "\n");
  const kb = knowledgeBase();
  const many = await ingest(join(dir, "rep.jsonl"), kb, { workers: 2, parallelMinBytes: 0 });
  assert.equal(many.n, 5_001);
  assert.equal(many.skipped["duplicate-id"], 30_000 - 1 + 5_000);
  // the first row of an id wins, wherever its repeat was caught
  for (let i = 0; i < many.n; i++) assert.equal(many.licStrings[many.rowLic[i]!], "mit");
  // what the batches hold grows with the distinct rows, not with the 30,000 repeats
  const held = many.batches.reduce((s, b) => s + b.rows, 0);
  assert.ok(held < 12_000, `${held} rows held in batches`);
  const one = await audit(join(dir, "rep.jsonl"), { workers: 1 });
  const par = await audit(join(dir, "rep.jsonl"), { workers: 2, parallelMinBytes: 0 });
  assert.deepEqual(par.skipped, one.skipped);
  assert.deepEqual(par.verdicts, one.verdicts);
});

test("lines that are not one JSON object each are judged alone, also when parsed in groups", async () => {
  const dir = tmp();
  const good = (i: number) => JSON.stringify({ id: `u/m-${i}`, cardData: { license: "mit" } });
  // a bracket split over two lines, two values on one line, an array, a string, a blank line, a
  // truncated object: each must count as a skip of its own, never shift rows onto other lines
  const odd = ["[1", "2]", '{"id":"u/a"},{"id":"u/b"}', "[3]", '"text"', "", '{"id":"u/cut", "card'];
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) lines.push(good(i), ...(i % 50 === 7 ? odd : []));
  writeFileSync(join(dir, "odd.jsonl"), lines.join("\n") + "\n");
  const one = await audit(join(dir, "odd.jsonl"), { workers: 1, out: join(dir, "one.jsonl") });
  const many = await audit(join(dir, "odd.jsonl"), {
    workers: 2,
    parallelMinBytes: 0,
    out: join(dir, "many.jsonl"),
  });
  assert.equal(one.models, 600);
  assert.deepEqual(many.skipped, one.skipped);
  assert.equal(many.models, one.models);
  assert.equal(readFileSync(join(dir, "many.jsonl"), "utf8"), readFileSync(join(dir, "one.jsonl"), "utf8"));
});

test(
  "audit verdicts equal check verdicts on the same models (one engine)",
  { skip: !existsSync(join(SHARED, "scenarios")) && "no shared scenarios" },
  async () => {
    const dump = tmp();
    const reg = join(SHARED, "scenarios", "registry");
    for (const owner of readdirSync(reg)) cpSync(join(reg, owner), join(dump, owner), { recursive: true });
    const cases = readdirSync(join(SHARED, "scenarios")).filter((c) =>
      existsSync(join(SHARED, "scenarios", c, "model", "README.md")),
    );
    for (const c of cases) {
      if (existsSync(join(SHARED, "scenarios", c, "model", "adapter_config.json"))) continue; // audit reads cards, not adapter files, of folder dumps alike
      mkdirSync(join(dump, "case"), { recursive: true });
      cpSync(join(SHARED, "scenarios", c, "model"), join(dump, "case", c), { recursive: true });
    }
    const out = join(tmp(), "rows.jsonl");
    await audit(dump, { out });
    const rows = rowsOf(out);
    for (const owner of readdirSync(dump))
      for (const name of readdirSync(join(dump, owner))) {
        const id = `${owner}/${name}`;
        const rec = inspectFolder(join(dump, owner, name), { hubId: id });
        const report = await checkRecord(rec, { registry: [dump], offline: true });
        assert.equal(
          rows.get(id)?.verdict,
          report.verdict,
          `${id}: ${JSON.stringify(rows.get(id)?.findings)} vs ${JSON.stringify(report.findings.map((f) => f.code))}`,
        );
      }
  },
);

test("CLI: --json summary, --report HTML that opens offline, --fail-on violation", async () => {
  const dir = tmp();
  const report = join(dir, "r.html");
  const r = await cli("audit", messy, "--json", "--report", report, "--fail-on", "violation");
  assert.equal(r.code, 1);
  for (const k of ["models", "derived", "verdicts", "top_findings", "transitions", "worst_roots"])
    assert.ok(k in r.json, k);
  const html = readFileSync(report, "utf8");
  assert.match(html, /<svg/);
  assert.doesNotMatch(html, /<script|src="http|href="http|@import/);
  const ok = await cli("audit", messy, "--json");
  assert.equal(ok.code, 0);
  const bad = await cli("audit", join(dir, "nope.jsonl"));
  assert.equal(bad.code, 2);
  const fmt = await cli("audit", report);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /\.jsonl, \.csv or \.parquet/);
});

/** The same table of strings as a CSV file (every cell quoted, as RFC 4180 writes it) and a parquet file. */
function tableFiles(dir: string, names: string[], rows: string[][]): string[] {
  const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = join(dir, "table.csv");
  writeFileSync(csv, names.join(",") + "\n" + rows.map((r) => r.map(cell).join(",")).join("\n") + "\n");
  const pq = join(dir, "table.parquet");
  const columnData = names.map((name, k) => ({
    name,
    data: rows.map((r) => r[k]!),
    type: "STRING" as const,
  }));
  writeFileSync(pq, Buffer.from(parquetWriteBuffer({ columnData })));
  return [csv, pq];
}

test("a card held as JSON text (a CSV or parquet export of the Hub API's rows) is read as the card", async () => {
  const dir = tmp();
  const card = (o: object) => JSON.stringify(o);
  const rows = [
    ["alice/base", card({ license: "llama3" }), "[]"],
    ["bob/tune", card({ license: "mit", base_model: "alice/base" }), "[]"],
    // not JSON (a Python dict's repr): no card, the tags still say the license
    ["carol/x", "{'license': 'mit'}", '["license:apache-2.0"]'],
  ];
  for (const f of tableFiles(dir, ["id", "cardData", "tags"], rows)) {
    const out = join(dir, "out.jsonl");
    await audit(f, { out });
    const got = rowsOf(out);
    assert.equal(got.get("alice/base")!.license, "llama3", f);
    assert.equal(got.get("bob/tune")!.verdict, "violation", f);
    assert.deepEqual(got.get("bob/tune")!.bases, ["alice/base"], f);
    assert.equal(got.get("carol/x")!.license, "apache-2.0", f);
  }
});

test("a column of whole model cards names license: other from the front matter, as check reads the card", async () => {
  const dir = tmp();
  const rows = [
    // the tags say only "other"; the card says which
    ["alice/base", '["license:other"]', "---\nlicense: other\nlicense_name: llama3\n---\n# base\n"],
    // the tags are enough: the card is not read (its front matter would say otherwise)
    ["bob/tune", '["license:mit","base_model:finetune:alice/base"]', "---\nlicense: apache-2.0\n---\n"],
    // no tags: the card gives the license and the base
    ["carol/nc", "[]", "---\nlicense: cc-by-nc-4.0\nbase_model: alice/base\n---\n"],
    // a broken card is no card
    ["dave/broken", '["license:other"]', "---\nlicense: [\n---\n"],
  ];
  for (const f of tableFiles(dir, ["modelId", "tags", "card"], rows)) {
    const out = join(dir, "out.jsonl");
    await audit(f, { out });
    const got = rowsOf(out);
    assert.equal(got.get("alice/base")!.license, "llama3", f);
    assert.equal(got.get("bob/tune")!.license, "mit", f);
    assert.equal(got.get("bob/tune")!.verdict, "violation", f);
    assert.equal(got.get("carol/nc")!.license, "cc-by-nc-4.0", f);
    assert.deepEqual(got.get("carol/nc")!.bases, ["alice/base"], f);
    assert.equal(got.get("dave/broken")!.license, "NOASSERTION", f);
  }
});

test("a license list with `other` in it keeps its other entries, as inspect reads the same card; a CSV cell's JSON list is a list", async () => {
  const dir = tmp();
  const cards: { id: string; card: Record<string, unknown> }[] = [
    { id: "x/listed", card: { license: ["apache-2.0", "other"], license_name: "llama3" } },
    {
      id: "x/linked",
      card: {
        license: ["other", "mit"],
        license_link: "https://huggingface.co/meta-llama/Meta-Llama-3-8B/blob/main/LICENSE",
      },
    },
    { id: "x/unknown-name", card: { license: ["other", "mit"], license_name: "a-license-nobody-knows" } },
    { id: "x/written", card: { license: "MIT AND other", license_name: "gemma" } },
    { id: "x/alone", card: { license: "other", license_name: "llama3" } },
  ];
  const dump = join(dir, "d.jsonl");
  writeFileSync(dump, cards.map((c) => JSON.stringify({ id: c.id, cardData: c.card })).join("\n"));
  const out = join(dir, "o.jsonl");
  await audit(dump, { out });
  const rows = rowsOf(out);
  for (const c of cards) {
    const folder = join(dir, c.id);
    mkdirSync(folder, { recursive: true });
    const yaml = Object.entries(c.card)
      .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `- ${x}`).join("\n")}` : `${k}: ${v}`))
      .join("\n");
    writeFileSync(join(folder, "README.md"), `---\n${yaml}\n---\n# ${c.id}\n`);
    const rec = inspectFolder(folder, { hubId: c.id });
    const weights = rec.components.find((x) => x.kind === "weights")!;
    assert.equal(rows.get(c.id)!.license, weights.license, c.id);
  }
  assert.equal(rows.get("x/listed")!.license, "apache-2.0 AND llama3");
  assert.equal(rows.get("x/alone")!.license, "llama3");
  // written as one expression, `other` is still the entry license_name names
  assert.equal(rows.get("x/written")!.license, "mit AND gemma");
  assert.equal(rows.get("x/unknown-name")!.license, "NOASSERTION AND mit");
  // a CSV holds the list as JSON text in its cell
  writeFileSync(
    join(dir, "d.csv"),
    'id,license,license_name\nx/csv,"[""apache-2.0"", ""other""]",llama3\nx/two,"[""mit"",""cc-by-4.0""]",\n',
  );
  const csvOut = join(dir, "c.jsonl");
  await audit(join(dir, "d.csv"), { out: csvOut });
  const csv = rowsOf(csvOut);
  assert.equal(csv.get("x/csv")!.license, "apache-2.0 AND llama3");
  assert.equal(csv.get("x/two")!.license, "mit AND cc-by-4.0");
});
