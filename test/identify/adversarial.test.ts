// Inputs built to make a matcher slow: one long line of a license name repeated (the name matcher
// once re-read the whole line for every name on it), an SPDX tag followed by a line of spaces (the
// tag's expression once backtracked on it), and random text for the statement and URL readers.
// There is no timing threshold here (speed is measured in bench/); each call must return, and
// node's test timeout below is a guard against a hang, not a performance bar.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { identifyText } from "../../src/identify/identify.js";
import { readGnuNotice } from "../../src/identify/gnu-notice.js";
import { normaliseLicenseUrl } from "../../src/kb/license-urls.js";
import { nameTokens } from "../../src/kb/names.js";

const HANG_GUARD = { timeout: 120_000 };
const KB100 = 100 * 1024;

test("a 100 kB line of 'license mit ' returns, naming at most MIT once", HANG_GUARD, () => {
  const r = identifyText("license mit ".repeat(Math.ceil(KB100 / 12)));
  assert.ok(r.matches.length <= 1 && r.matches.every((m) => m.id === "mit"), JSON.stringify(r.matches));
  // with a label on the line every name is a candidate statement, still read in one pass
  const labelled = identifyText(`License: ${"mit ".repeat(KB100 / 4)}`);
  assert.deepEqual(
    labelled.matches.map((m) => m.id),
    ["mit"],
  );
});

test("an SPDX tag followed by 100 kB of spaces on its line", HANG_GUARD, () => {
  const r = identifyText(`// SPDX-License-Identifier:${" ".repeat(KB100)}\nint x;\n`);
  assert.deepEqual(r.matches, []);
  const tagged = identifyText(`// SPDX-License-Identifier: MIT${" ".repeat(KB100)} */\n`);
  assert.deepEqual(
    tagged.matches.map((m) => m.id),
    ["mit"],
  );
});

test("100 kB lines of URL-like and notice-like junk", HANG_GUARD, () => {
  for (const line of [
    "https://".repeat(KB100 / 8),
    "licensed under the ".repeat(KB100 / 19),
    "GNU General Public License version ".repeat(KB100 / 35),
    `${"(".repeat(KB100 / 2)}copyright (c) 2020`,
  ]) {
    const r = identifyText(line);
    assert.equal(r.error, undefined);
  }
});

test("the URL normaliser returns a key or null for any string", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      const k = normaliseLicenseUrl(s);
      assert.ok(k === null || (typeof k === "string" && k.includes("/")));
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.webUrl(), (u) => {
      const k = normaliseLicenseUrl(u);
      if (k !== null) assert.equal(k, normaliseLicenseUrl(k), "normalising twice changes nothing");
    }),
    { numRuns: 300 },
  );
});

test("the GNU notice reader gives a well-formed answer for any words", () => {
  const words = fc.array(
    fc.constantFrom(
      "gpl",
      "version",
      "2",
      "2.1",
      "3",
      "or",
      "later",
      "any",
      "at",
      "your",
      "option",
      "+",
      "only",
      "of",
      "the",
      "license",
      "x",
    ),
    { maxLength: 40 },
  );
  fc.assert(
    fc.property(words, fc.nat(), (w, at) => {
      const name = ["gnu", "general", "public", "license"];
      const text = [...w.slice(0, at % (w.length + 1)), ...name, ...w.slice(at % (w.length + 1))];
      const start = text.indexOf("gnu");
      const g = readGnuNotice(text, start, start + 3, name);
      // a GPL name with the version 2.1, which only the LGPL has, is read as the LGPL's notice
      if (g.family === "lgpl") assert.match(g.spdx ?? "", /^LGPL-2\.1-(only|or-later)$/);
      else {
        assert.equal(g.family, "gpl");
        if (g.spdx) assert.match(g.spdx, /^GPL-[123]\.0-(only|or-later)$/);
        else assert.equal(g.orLater, false);
      }
    }),
    { numRuns: 500 },
  );
  assert.deepEqual(nameTokens("GPLv2+"), ["gplv", "2", "+"]);
});

test(
  "thousands of short statement lines are read in time that grows with the text, not its square",
  HANG_GUARD,
  () => {
    // each cued name is remembered as a span, and every later statement looked at the spans before
    // it: a file of 40,000 " * GPL v2, see COPYING" lines took seconds
    const time = (lines: number, line: string) => {
      const text = line.repeat(lines);
      const t0 = performance.now();
      identifyText(text);
      return performance.now() - t0;
    };
    for (const line of [" * GPL v2, see COPYING\n", "- walrus is GPLv2\n"]) {
      time(2000, line); // warm up
      const small = time(10000, line);
      const large = time(40000, line);
      assert.ok(
        large < 6 * small + 300,
        `${line.trim()}: ${small.toFixed(0)} ms, 4x the lines ${large.toFixed(0)} ms`,
      );
    }
  },
);
