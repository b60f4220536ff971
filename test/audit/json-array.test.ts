// A .json dump holding one JSON array (the Hub API's listing, a `json.dump` of a list): its rows are
// the array's elements whatever the layout, the chunking of the text or the strings inside, and
// a broken or cut array costs the elements it breaks, never the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import fc from "fast-check";
import { ArrayElements, type Element } from "../../src/audit/json-array.js";
import { audit } from "../../src/audit/audit.js";
import { cli } from "../helpers.js";
import { chain, mixedDump, tmp, writeDump } from "./_dumps.js";

/** The elements the cutter makes of `text` given in pieces cut at `cuts`. */
function cut(
  text: string,
  cuts: number[],
  max = 1 << 20,
): { elements: Element[]; unclosed: boolean; trailing: boolean } {
  const c = new ArrayElements(max);
  const elements: Element[] = [];
  let at = 0;
  for (const k of [...cuts].sort((a, b) => a - b)) {
    c.feed(text.slice(at, k), elements);
    at = k;
  }
  c.feed(text.slice(at), elements);
  const unclosed = c.end(elements);
  return { elements, unclosed, trailing: c.trailing };
}

/** `text`, cut into pieces at `rawCuts` (any numbers), gives exactly the rows `want`, closed. */
function assertRows(text: string, rawCuts: number[], want: unknown[]): void {
  const { elements, unclosed, trailing } = cut(
    text,
    rawCuts.map((c) => c % (text.length + 1)),
  );
  assert.equal(unclosed, false);
  assert.equal(trailing, false);
  assert.deepEqual(
    elements.map((e) => JSON.parse(e!)),
    want,
  );
}

// strings that trip a cutter: brackets, commas and quotes inside strings, escapes, a lone backslash
const tricky = fc.constantFrom("a,b]", "[{", '}"', "\\", '\\"', "\u2028", "é", "");
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.oneof(fc.string(), tricky),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), tricky), tie("v"), { maxKeys: 4 }),
  ),
})).v;

test("property: a JSON array's elements come out as JSON.parse reads them, in any layout and any chunking", () => {
  fc.assert(
    fc.property(
      fc.array(value, { maxLength: 12 }),
      fc.constantFrom(undefined, 2, "\t"),
      fc.array(fc.nat(), { maxLength: 8 }),
      (items, indent, rawCuts) => {
        const text = JSON.stringify(items, null, indent);
        assertRows(text, rawCuts, JSON.parse(text));
      },
    ),
    { numRuns: 400, seed: 11 },
  );
});

test("property: cut, broken or random text ends in elements, never a throw, and says when the array is not closed", () => {
  fc.assert(
    fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), fc.nat(), (items, k) => {
      const text = JSON.stringify(items);
      const cutAt = 1 + (k % (text.length - 1));
      const r = cut(text.slice(0, cutAt), []);
      // every element before the cut is whole; the array is open unless the cut fell after "]"
      assert.equal(r.unclosed, cutAt < text.length);
      const whole = r.elements.slice(0, r.unclosed ? -1 : undefined);
      const parsed = JSON.parse(text) as unknown[];
      for (const [i, e] of whole.entries()) assert.deepEqual(JSON.parse(e!), parsed[i]);
    }),
    { numRuns: 300, seed: 12 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      cut("[" + s, [1 + (s.length >> 1)]);
      cut(s, []);
    }),
    { numRuns: 500, seed: 13 },
  );
});

test("an element longer than the bound is handed on as null and the next is read", () => {
  const text = JSON.stringify([{ id: "a/b" }, { id: "x".repeat(500) }, { id: "c/d" }]);
  const { elements } = cut(text, [10, 100, 300], 100);
  assert.deepEqual(elements, ['{"id":"a/b"}', null, '{"id":"c/d"}']);
});

test("pages of a listing one after another are one list; text after them is said once", () => {
  const r = cut('[{"id":"a/b"}]\n[{"id":"c/d"}] ,', []);
  assert.deepEqual(r.elements, ['{"id":"a/b"}', '{"id":"c/d"}']);
  assert.equal(r.trailing, true);
});

test("a .json array dump, pretty-printed, one line or gzip, audits as the same rows in JSONL", async () => {
  const dir = tmp();
  const rows = mixedDump(80, 3);
  const jsonl = writeDump(join(dir, "d.jsonl"), rows);
  const pretty = join(dir, "pretty.json");
  writeFileSync(pretty, "\ufeff" + JSON.stringify(rows, null, 2));
  const gz = join(dir, "one-line.json.gz");
  writeFileSync(gz, gzipSync(JSON.stringify(rows)));
  // a .json file of JSON lines is still read as lines
  const lines = writeDump(join(dir, "lines.json"), rows);
  const want = await cli("audit", jsonl, "--json");
  assert.equal(want.code, 0);
  delete want.json.timings;
  for (const f of [pretty, gz, lines]) {
    const r = await cli("audit", f, "--json");
    assert.equal(r.code, 0, f);
    delete r.json.timings;
    assert.deepEqual(r.json, want.json, f);
  }
});

test("a .json array cut short is audited up to the cut and says the array was not closed", async () => {
  const dir = tmp();
  const rows = chain(10, "meta-llama/Meta-Llama-3-8B", ["mit", "llama3"]);
  const f = join(dir, "cut.json");
  const text = JSON.stringify(rows);
  writeFileSync(f, text.slice(0, text.lastIndexOf('{"id"') + 8));
  const r = await cli("audit", f, "--json");
  assert.equal(r.code, 0);
  assert.equal(r.json.models, 9);
  assert.deepEqual(r.json.skipped, { "invalid-json": 1, "array-not-closed": 1 });
  assert.match(r.json.warnings.join("\n"), /never closes.* 9 rows/);
});

test("a broken element of a .json array is said to have cut the audit short, not passed over", async () => {
  const dir = tmp();
  const rows = chain(6, "meta-llama/Meta-Llama-3-8B", ["mit", "llama3"]).map((r) => JSON.stringify(r));
  // the third row loses its closing brace: the rest of the file is inside it
  rows[2] = rows[2]!.slice(0, -1);
  const f = join(dir, "broken.json");
  writeFileSync(f, `[${rows.join(",\n")}]`);
  const r = await cli("audit", f, "--json");
  assert.equal(r.code, 0);
  assert.equal(r.json.models, 2);
  assert.equal(r.json.skipped["array-not-closed"], 1);
  assert.match(r.json.warnings.join("\n"), /never closes.* 2 rows/);
  const report = join(dir, "r.html");
  const text = await cli("audit", f, "--report", report);
  assert.match(text.stdout + text.stderr, /never closes/);
  // the report says so too, where its figures begin
  assert.match(readFileSync(report, "utf8"), /class="warning"[^>]*>Warning: The JSON array never closes/);
});

test("an escape cut by the end of a piece holds across empty pieces", () => {
  const c = new ArrayElements(1 << 20);
  const out: Element[] = [];
  for (const piece of ['[{"id":"a\\', "", "", '"b","x":"\\\\', "", '"},{"id":"c/d"}]']) c.feed(piece, out);
  assert.equal(c.end(out), false);
  assert.deepEqual(
    out.map((e) => JSON.parse(e!)),
    [{ id: 'a"b', x: "\\" }, { id: "c/d" }],
  );
});

test("a byte-order mark is no part of the first row (UTF-8 with one, UTF-16 either way), and an array is one thread's, however many are asked", async () => {
  const dir = tmp();
  const rows = chain(30, "meta-llama/Meta-Llama-3-8B", ["mit", "llama3", "cc-by-nc-4.0"]);
  const text = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const want = await audit(writeDump(join(dir, "plain.jsonl"), rows));
  const utf16be = Buffer.from(text, "utf16le").swap16();
  const files: [string, Buffer][] = [
    ["bom.jsonl", Buffer.from("\ufeff" + text)],
    ["le.jsonl", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ["be.jsonl", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be])],
    ["le.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(rows), "utf16le")])],
    // a .json file of lines goes to the workers, an array does not
    ["bom-lines.json", Buffer.from("\ufeff" + text)],
    ["array.json", Buffer.from(" \n" + JSON.stringify(rows, null, 1))],
    // rows written across lines (jq's output) are not lines either
    ["jq.json", Buffer.from(rows.map((r) => JSON.stringify(r, null, 2)).join("\n"))],
    [
      "bom.csv",
      Buffer.from("\ufeffid,license\n" + rows.map((r) => `${r.id},${r.cardData!.license}`).join("\n")),
    ],
  ];
  for (const [name, bytes] of files) {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    for (const workers of [1, 2]) {
      const got = await audit(f, { workers, parallelMinBytes: 0 });
      assert.equal(got.models, 30, `${name}, ${workers} thread(s)`);
      assert.deepEqual(got.skipped, {}, name);
      if (!name.endsWith(".csv")) assert.deepEqual(got.verdicts, want.verdicts, name);
    }
  }
});

const object = fc.dictionary(fc.oneof(fc.string(), tricky), value, { maxKeys: 4 });

test("property: objects one after another, as jq writes them, come out one row each, in any chunking", () => {
  fc.assert(
    fc.property(
      fc.array(object, { maxLength: 10 }),
      fc.constantFrom(undefined, 2, "\t"),
      fc.constantFrom("\n", "", " \r\n"),
      fc.array(fc.nat(), { maxLength: 8 }),
      (items, indent, gap, rawCuts) => {
        const text = items.map((o) => JSON.stringify(o, null, indent)).join(gap);
        assertRows(
          text,
          rawCuts,
          items.map((o) => JSON.parse(JSON.stringify(o))),
        );
      },
    ),
    { numRuns: 300, seed: 14 },
  );
});

test("a .json file of rows written across lines (jq '.[]') audits as its JSONL; cut inside a row, it says so", async () => {
  const dir = tmp();
  const rows = mixedDump(60, 5);
  const want = await cli("audit", writeDump(join(dir, "d.jsonl"), rows), "--json");
  delete want.json.timings;
  const f = join(dir, "jq.json");
  const text = rows.map((r) => JSON.stringify(r, null, 2)).join("\n") + "\n";
  writeFileSync(f, text);
  const got = await cli("audit", f, "--json");
  delete got.json.timings;
  assert.deepEqual(got.json, want.json);
  writeFileSync(f, text.slice(0, text.lastIndexOf('"id"') + 3));
  const cutShort = await cli("audit", f, "--json");
  assert.equal(cutShort.json.models, 59);
  assert.equal(cutShort.json.skipped["row-not-closed"], 1);
  assert.match(cutShort.json.warnings.join("\n"), /ends inside a row.* 59 rows/);
});
