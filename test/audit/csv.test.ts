// CSV records as RFC 4180 writes them: a quoted field may hold commas, doubled quotes and line
// breaks (a model card in a cell), and a row is one row however many lines it spans.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsvRecords, splitCsv, TOO_LONG } from "../../src/audit/csv.js";
import { cli } from "../helpers.js";

/** A field as a CSV writer writes it: quoted when it holds a quote, a comma or a line break. */
const written = (v: string) => (/[",\r\n]/.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v);

/** The records of `text`, read as the CSV reader reads it: by lines, then fields. */
function read(text: string, max = 1 << 20): (string[] | "too long")[] {
  const r = new CsvRecords(max);
  const out: (string[] | "too long")[] = [];
  for (const line of text.split("\n")) {
    const rec = r.push(line);
    if (rec === TOO_LONG) out.push("too long");
    else if (rec !== null) out.push(splitCsv(rec));
  }
  const last = r.end();
  if (last !== null) out.push(splitCsv(last));
  return out;
}

const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', '""', ",", "\n", "\r\n", "\n\n", "a\nb", 'say "hi"', "---\nlicense: mit\n---\n"),
);

test("property: a table written as RFC 4180 CSV reads back as the same rows, line breaks in cells included", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      (rows, crlf) => {
        const text =
          rows.map((r) => r.map(written).join(",")).join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n");
        // with CRLF line ends, the \r after a record's last field is no part of it
        assert.deepEqual(read(text), rows);
      },
    ),
    { numRuns: 500, seed: 21 },
  );
});

test("blank lines between records are passed over; inside a quoted field they are its text", () => {
  assert.deepEqual(read('a,b\n\n\n"x\n\ny",z\n'), [
    ["a", "b"],
    ["x\n\ny", "z"],
  ]);
});

test("a quoted field that never closes is one record to the end; one past the bound is dropped and the next read", () => {
  assert.deepEqual(read('a,"b\nc\nd'), [["a", "b\nc\nd"]]);
  assert.deepEqual(read(`a,"${"x".repeat(50)}\n${"y".repeat(50)}"\nnext,row`, 80), [
    "too long",
    ["next", "row"],
  ]);
  // a quote inside an unquoted field is a character, not the start of a quoted field
  assert.deepEqual(read('a 5" screen,b\nc,d'), [
    ['a 5" screen', "b"],
    ["c", "d"],
  ]);
});

test("a record is open while a quoted field runs past its line, and closed once the quote ends", () => {
  const r = new CsvRecords(1 << 20);
  assert.equal(r.push('a,"b'), null);
  assert.equal(r.open, true);
  assert.equal(r.push('c",d'), 'a,"b\nc",d');
  assert.equal(r.open, false);
  assert.equal(r.push('x,"y'), null);
  assert.equal(r.open, true);
  assert.equal(r.end(), 'x,"y');
  assert.equal(r.open, false);
});

test("a CSV dump whose quote never closes drops the record it swallowed and says the figures stop there", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mlicense-csv-"));
  const f = join(dir, "stray.csv");
  // the third row's stray quote takes every later line into its id field
  writeFileSync(f, 'id,license\na/one,mit\na/two,apache-2.0\n"a/three,mit\na/four,mit\na/five,mit\n');
  const r = await cli("audit", f, "--json");
  assert.equal(r.code, 0);
  assert.equal(r.json.models, 2);
  assert.deepEqual(r.json.skipped, { "quote-not-closed": 1 });
  assert.match(r.json.warnings.join("\n"), /CSV ends inside a quoted field.* 2 rows/);
  // closed by the file's last line, the same quote is one (odd) row and nothing is said
  writeFileSync(f, 'id,license\na/one,mit\n"a/two\n",mit\n');
  const closed = await cli("audit", f, "--json");
  assert.equal(closed.json.models, 2);
  assert.deepEqual(closed.json.warnings, []);
});
