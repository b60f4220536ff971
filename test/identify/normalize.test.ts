// The normalisers and the word scanner, on small texts whose words are known. Each text starts
// with a sentence: a short first paragraph without one is a title, and titles are dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenize } from "../../src/identify/normalize.js";

const words = (text: string) => {
  const t = tokenize(text);
  return Array.from({ length: t.count }, (_, i) => t.word(i));
};

test("case, quotes, spelling and apostrophes fold; dotted versions stay one word", () => {
  assert.deepEqual(words("Read this. The Licensor\u2019s LICENCE, version 2.0 \u2014 Non-Commercial"), [
    "read",
    "this",
    "the",
    "licensors",
    "license",
    "version",
    "2.0",
    "noncommercial",
  ]);
});

test("list markers go wherever they stand after a boundary; words ending a sentence stay", () => {
  assert.deepEqual(words("Terms follow. (a) use it; ii. share it: 3) keep it\nplan b. i am here"), [
    "terms",
    "follow",
    "use",
    "it",
    "share",
    "it",
    "keep",
    "it",
    "plan",
    "i",
    "am",
    "here",
  ]);
  // "abc." ends a sentence and "x1)" is no marker
  assert.deepEqual(words("Terms follow. see abc. and x1) too"), [
    "terms",
    "follow",
    "see",
    "abc",
    "and",
    "x1",
    "too",
  ]);
});

test("a title, copyright lines, markdown, HTML tags and URLs are blanked without moving lines", () => {
  const t = tokenize(
    "# Title Line\n\nCopyright (c) 2024 Someone Inc. All rights reserved.\n\n" +
      "Read this first. **Permission** is <b>granted</b>, see https://example.com/x.\n- free\n",
  );
  assert.deepEqual(
    Array.from({ length: t.count }, (_, i) => `${t.word(i)}@${t.lines[i]}`),
    ["read@4", "this@4", "first@4", "permission@4", "is@4", "granted@4", "see@4", "free@5"],
  );
});

test("a copyright notice takes the same words however the text is wrapped", () => {
  // the sample notice of a license's appendix, the copyright line and the grant on one line, as
  // some licenses print it: the notice ends before "Licensed" and "you may" wherever they stand
  const notice =
    'Copyright [yyyy] [name of copyright owner] Licensed under the Example License, Version 1.0 (the "License"); you may not use this file except in compliance with the License.';
  const expected = words(notice);
  assert.ok(expected.includes("licensed") && expected.includes("compliance"), expected.join(" "));
  assert.ok(!expected.includes("owner"), expected.join(" "));
  const split = notice.split(" ");
  for (let width = 1; width < split.length; width++) {
    const lines: string[] = [];
    for (let i = 0; i < split.length; i += width) lines.push(split.slice(i, i + width).join(" "));
    // after a first paragraph of its own: a short one without a sentence would be a title
    const text = `Read this first. It is a sentence.\n\n${lines.join("\n")}`;
    assert.deepEqual(words(text).slice(7), expected, `${width} words a line`);
  }
  // still blanked up to the end of its sentence where no such words follow
  assert.deepEqual(words("Read this. Copyright 2024 Acme Widgets\nand Sons. Read it."), [
    "read",
    "this",
    "read",
    "it",
  ]);
});
