// License files saved by a word processor as RTF: their words are read out of the markup, so that
// they are the licenses they hold. The documents are built here from SPDX texts, the way an
// editor writes them (a font table, a generator stamp, a picture, typographic quotes as control
// words, accented letters as hex escapes, a NUL after the last brace).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { identifyFiles, identifyText } from "../../src/identify/identify.js";
import { isRtf, rtfToText } from "../../src/identify/rtf.js";
import { paragraphs, spdxText } from "./_texts.js";

/** An editor's RTF of a plain text: one \par-ended paragraph per paragraph, lines run together. */
function asRtf(text: string): string {
  const escape = (s: string) =>
    s
      .replace(/[\\{}]/g, (c) => `\\${c}`)
      .replace(/\u2019/g, "\\rquote ")
      .replace(/'/g, "\\rquote ")
      .replace(/"([^"]*)"/g, "\\ldblquote $1\\rdblquote ")
      .replace(/[^\x00-\x7f]/g, (c) => {
        const code = c.charCodeAt(0);
        return code < 256 ? `\\'${code.toString(16)}` : `\\uc1\\u${code}?`;
      });
  const body = paragraphs(text)
    .map((p) => {
      // an editor breaks its source lines anywhere, a control word's delimiter included
      const words = escape(p.replace(/\s+/g, " ")).split(" ");
      const lines: string[] = [];
      for (let k = 0; k < words.length; k += 12) lines.push(words.slice(k, k + 12).join(" "));
      return `\\pard\\plain\\f1\\fs20 ${lines.join("\r\n ")}\\par`;
    })
    .join("\r\n");
  return (
    "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}" +
    "{\\f1\\fswiss\\fcharset0 Arial;}}\r\n{\\colortbl ;\\red0\\green0\\blue255;}\r\n" +
    "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1\r\n" +
    "{\\info{\\title License terms}{\\author Legal}}\r\n" +
    "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a0000000d49484452}\r\n" +
    `${body}\r\n}\r\n\u0000`
  );
}

test("an RTF document is recognised by its opening, a byte-order mark or blank lines before it", () => {
  assert.ok(isRtf("{\\rtf1\\ansi hello}"));
  assert.ok(isRtf("\uFEFF\r\n{\\rtf1 hello}"));
  assert.ok(!isRtf("The {\\rtf1} control word"));
  assert.ok(!isRtf("MIT License"));
});

test("the words of an RTF document, its tables, pictures and escapes read out", () => {
  const t = rtfToText(
    "{\\rtf1{\\fonttbl{\\f0 Arial;}}{\\*\\panose 0203}{\\pict 0a0b}\\pard Caf\\'e9 \\ldblquote A\\rdblquote  " +
      'x\\u8212?y \\{b\\}\\par {\\field{\\*\\fldinst HYPERLINK "http://x"}{\\fldrslt link}}\\par}',
  );
  assert.equal(t, "Caf\u00e9 \u201cA\u201d x\u2014y {b}\nlink\n");
});

for (const id of ["MS-RL", "MS-PL", "Apache-2.0", "MPL-2.0"])
  test(`the ${id} text saved as RTF is ${id}`, () => {
    const r = identifyText(asRtf(spdxText(id)));
    assert.equal(r.matches.length, 1, JSON.stringify(r.matches));
    assert.equal(r.matches[0]!.spdx, id, JSON.stringify(r.matches));
    assert.equal(r.modified, false);
  });

test("a GNU notice in an RTF file keeps its version and its 'or later'", () => {
  const notice =
    "Copyright (C) 2024 Jane Doe\n\nThis program is free software; you can redistribute it and/or modify it " +
    "under the terms of the GNU General Public License as published by the Free Software Foundation; " +
    "either version 2 of the License, or (at your option) any later version.";
  const r = identifyText(asRtf(notice));
  assert.deepEqual(
    r.matches.map((m) => m.id),
    ["GPL-2.0-or-later"],
  );
});

test("an RTF file with a NUL after its last brace is read, not refused as binary", () => {
  const dir = mkdtempSync(join(tmpdir(), "mlicense-rtf-"));
  try {
    const file = join(dir, "License.rtf");
    writeFileSync(file, asRtf(spdxText("MIT")), "latin1");
    const [r] = identifyFiles([file]);
    assert.equal(r!.error, undefined);
    assert.deepEqual(
      r!.matches.map((m) => m.id),
      ["mit"],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("RTF markup around no license names nothing", () => {
  const r = identifyText(asRtf("Meeting notes\n\nWe agreed to ship the release on Friday. Bring cake."));
  assert.deepEqual(r.matches, []);
});

test("random and truncated RTF ends, in bounded time", { timeout: 120_000 }, () => {
  const pieces = fc.constantFrom(
    "{",
    "}",
    "\\",
    "\\par ",
    "\\u",
    "\\u-3999",
    "\\uc9",
    "\\bin",
    "\\bin99999999 ",
    "\\'",
    "\\'zz",
    "\\*",
    "{\\*\\x ",
    "{\\fonttbl",
    "\\fs20",
    "word ",
    "\n",
    "\u0000",
    "licensed under the MIT license ",
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 200 }), fc.string({ maxLength: 50 }), (parts, tail) => {
      const t = rtfToText(`{\\rtf1 ${parts.join("")}${tail}`);
      assert.equal(typeof t, "string");
      identifyText(`{\\rtf1 ${parts.join("")}${tail}`);
    }),
    { numRuns: 300 },
  );
  // a 2 MB document of one group's control words, and of one long unbroken word
  const big = `{\\rtf1 ${"\\b\\i0\\'e9{".repeat(2_000_000 / 12)}}`;
  assert.equal(typeof rtfToText(big), "string");
  assert.equal(rtfToText(`{\\rtf1 ${"a".repeat(2_000_000)}}`).length, 2_000_000);
});
