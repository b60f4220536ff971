// Dumps the audit cannot use are exit 2 with the file and what is missing, never "0 models" and
// exit 0; a dump where most lines are unusable is audited but says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { cli } from "../helpers.js";
import { tmp, writeDump, type DumpRow } from "./_dumps.js";

test("a CSV without an id column is exit 2 naming the file and the column", async () => {
  const f = join(tmp(), "no-id.csv");
  writeFileSync(f, "name,license,base_model\nfoo,mit,\nbar,apache-2.0,foo\n");
  const r = await cli("audit", f, "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "missing-column");
  assert.equal(r.json.error.file, f);
  assert.match(r.json.error.message, /no 'id' column/);
  assert.match(r.stderr, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*'id'`));
});

test("--columns naming a column the file lacks is exit 2 naming it (CSV and parquet)", async () => {
  const dir = tmp();
  const csv = join(dir, "d.csv");
  writeFileSync(csv, "model_id,lic\nu/a,mit\n");
  const r = await cli("audit", csv, "--columns", "id=model_id,license=licence", "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "missing-column");
  assert.equal(r.json.error.field, "--columns");
  assert.match(r.json.error.message, /'licence'/);
  const ok = await cli("audit", csv, "--columns", "id=model_id,license=lic", "--json");
  assert.equal(ok.code, 0);
  assert.equal(ok.json.models, 1);

  const pq = join(dir, "d.parquet");
  writeFileSync(
    pq,
    Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: "model", data: ["u/a", "u/b"], type: "STRING" },
          { name: "license", data: ["mit", "apache-2.0"], type: "STRING" },
        ],
      }),
    ),
  );
  const p = await cli("audit", pq, "--json");
  assert.equal(p.code, 2);
  assert.equal(p.json.error.file, pq);
  assert.match(p.json.error.message, /no 'id' column/);
  const p2 = await cli("audit", pq, "--columns", "id=model,base_model=parents", "--json");
  assert.equal(p2.code, 2);
  assert.match(p2.json.error.message, /'parents'/);
  const p3 = await cli("audit", pq, "--columns", "id=model", "--json");
  assert.equal(p3.code, 0);
  assert.equal(p3.json.models, 2);
});

test("--columns naming a field no JSONL row holds is exit 2; one some rows hold is fine", async () => {
  const dir = tmp();
  const f = join(dir, "d.jsonl");
  // the second row holds the field (as null): a field rows may leave out is not a missing column
  writeFileSync(
    f,
    [
      { id: "u/a", cardData: { licence: "mit" } },
      { id: "u/b", cardData: { licence: null, parents: "u/a" } },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n") + "\n",
  );
  const r = await cli("audit", f, "--columns", "license=lisence", "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "missing-column");
  assert.equal(r.json.error.file, f);
  assert.equal(r.json.error.field, "--columns");
  assert.match(r.json.error.message, /'lisence'.*none of the 2 usable rows/);
  const r2 = await cli("audit", f, "--columns", "license=licence,base_model=parent", "--json");
  assert.equal(r2.code, 2);
  assert.match(r2.json.error.message, /'parent'/);
  const ok = await cli("audit", f, "--columns", "license=licence,base_model=parents", "--json");
  assert.equal(ok.code, 0);
  assert.equal(ok.json.models, 2);
  assert.equal(ok.json.derived, 1);
});

test("a file with no valid JSON line is exit 2 naming the file and why", async () => {
  const f = join(tmp(), "junk.jsonl");
  writeFileSync(f, "not json\n{also not\n[1,2]\n");
  const r = await cli("audit", f, "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "no-usable-rows");
  assert.equal(r.json.error.file, f);
  assert.match(r.json.error.message, /invalid-json: 2/);
  const empty = join(tmp(), "empty.jsonl");
  writeFileSync(empty, "");
  const e = await cli("audit", empty, "--json");
  assert.equal(e.code, 2);
  assert.match(e.json.error.message, /no rows/);
});

test("a dump where most lines are unusable is audited, and says so in warnings and in the text", async () => {
  const dir = tmp();
  const lines: (string | DumpRow)[] = [];
  for (let i = 0; i < 10; i++) lines.push({ id: `u/m${i}`, cardData: { license: "mit" } });
  for (let i = 0; i < 30; i++) lines.push(`{"broken": ${i}`);
  const f = writeDump(join(dir, "mostly-bad.jsonl"), lines);
  const j = await cli("audit", f, "--json");
  assert.equal(j.code, 0);
  assert.equal(j.json.models, 10);
  assert.equal(j.json.warnings.length, 1);
  assert.match(j.json.warnings[0], /30 of 40 rows \(75%\) were unusable/);
  const t = await cli("audit", f);
  assert.equal(t.code, 0);
  assert.match(t.stdout, /warning: 30 of 40 rows \(75%\) were unusable/);
  // a clean dump has none
  const clean = writeDump(join(dir, "clean.jsonl"), lines.slice(0, 10));
  assert.deepEqual((await cli("audit", clean, "--json")).json.warnings, []);
});
