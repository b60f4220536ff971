// CSV records as RFC 4180 writes them: a quoted field may hold commas, doubled quotes and line
// breaks (a model card in a cell), and a row is one row however many lines it spans.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CsvRecords, splitCsv, TOO_LONG } from "../../src/audit/csv.js";

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
