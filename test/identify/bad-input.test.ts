// Bad input, one file at a time: every unreadable file gets a per-file error (or a truncated result),
// never an exception, and the CLI exits 2 only when nothing at all could be read.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identifyFiles } from "../../src/identify/identify.js";
import { DEFAULT_MAX_BYTES } from "../../src/io/read-text.js";
import { cli } from "../helpers.js";
import { prng, spdxText } from "./_texts.js";

const require = createRequire(import.meta.url);
const fs = require("node:fs") as typeof import("node:fs");

let dir = "";
const p = (name: string) => join(dir, name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), "mlicense-identify-"));
  writeFileSync(p("LICENSE"), spdxText("MIT"));
  writeFileSync(p("empty.txt"), "");
  const rnd = prng(7);
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rnd() * 256);
  junk[100] = 0;
  junk[2000] = 0;
  writeFileSync(p("weights.bin"), junk);
  // a license saved in Latin-1: « » and é are single bytes that are not valid UTF-8
  writeFileSync(
    p("LICENCE-latin1.txt"),
    Buffer.from("Licence « libre » : vous pouvez copier, modifier et redistribuer ce modèle.\n", "latin1"),
  );
  mkdirSync(p("a-directory"));
  // 1.5 MB of text: the license at the top, then a long changelog
  const entry = "- fixed a typo in the documentation of the tokenizer module\n";
  writeFileSync(
    p("big.txt"),
    spdxText("Apache-2.0") + "\n\n" + entry.repeat(Math.ceil(1_500_000 / entry.length)),
  );
  // 2 GB that is nothing but a hole
  writeFileSync(p("huge-sparse.bin"), "");
  truncateSync(p("huge-sparse.bin"), 2 * 1024 ** 3);
  // 2 GB with a license at the top and a hole after it
  writeFileSync(p("huge-sparse-license.txt"), spdxText("Apache-2.0"));
  truncateSync(p("huge-sparse-license.txt"), 2 * 1024 ** 3);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const one = (name: string) => identifyFiles([p(name)])[0]!;

test("an empty file: a per-file error", () => {
  const r = one("empty.txt");
  assert.deepEqual(r.matches, []);
  assert.equal(r.error?.code, "empty");
  assert.equal(r.file, p("empty.txt"));
});

test("binary junk with NUL bytes: a per-file error, not decoded", () => {
  const r = one("weights.bin");
  assert.deepEqual(r.matches, []);
  assert.equal(r.error?.code, "binary");
});

test("a text that is not UTF-8 is read as Windows-1252, and says so", () => {
  const r = one("LICENCE-latin1.txt");
  assert.equal(r.error, undefined);
  assert.equal(r.encoding, "windows-1252");
  assert.deepEqual(r.matches, []);
  // a license saved in Latin-1 is still that license
  const mit = spdxText("MIT").replace("Copyright (c) <year>", "Copyright \u00a9 1998 Société Générale");
  writeFileSync(p("LICENSE-latin1-mit"), Buffer.from(mit, "latin1"));
  const m = one("LICENSE-latin1-mit");
  assert.equal(m.encoding, "windows-1252");
  assert.equal(m.matches[0]?.id, "mit", JSON.stringify(m));
});

test("a license saved as UTF-16 (either byte order, with its mark) is read as that license, and says so", () => {
  const mit = spdxText("MIT");
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(mit, "utf16le")]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(mit, "utf16le").swap16()]);
  for (const [name, bytes, encoding] of [
    ["LICENSE-utf16le.txt", le, "utf-16le"],
    ["LICENSE-utf16be.txt", be, "utf-16be"],
  ] as const) {
    writeFileSync(p(name), bytes);
    const r = one(name);
    assert.equal(r.error, undefined, name);
    assert.equal(r.encoding, encoding);
    assert.equal(r.matches[0]?.id, "mit", JSON.stringify(r));
  }
  // a lone half of a surrogate pair is a replacement character, and an odd last byte is dropped
  writeFileSync(p("odd-utf16.txt"), Buffer.concat([le, Buffer.from([0x00, 0xd8, 0x41])]));
  const odd = one("odd-utf16.txt");
  assert.equal(odd.error, undefined);
  assert.equal(odd.encoding, "utf-16le");
  assert.equal(odd.matches[0]?.id, "mit");
  // binary data that starts with the mark is still binary
  const junk = Buffer.alloc(4096);
  const rnd = prng(3);
  for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rnd() * 256);
  junk[0] = 0xff;
  junk[1] = 0xfe;
  writeFileSync(p("marked-junk.bin"), junk);
  assert.equal(one("marked-junk.bin").error?.code, "binary");
});

test("a directory: a per-file error", () => {
  const r = one("a-directory");
  assert.deepEqual(r.matches, []);
  assert.equal(r.error?.code, "is-directory");
});

test("a missing path: a per-file error", () => {
  const r = one("no-such-file.txt");
  assert.deepEqual(r.matches, []);
  assert.equal(r.error?.code, "not-found");
});

test("a file over 1 MiB with the license at the top: truncated and still identified", () => {
  const r = one("big.txt");
  assert.equal(r.error, undefined);
  assert.equal(r.truncated, true);
  assert.equal(r.matches[0]?.id, "apache-2.0");
  assert.equal(r.modified, false, JSON.stringify(r.matches[0]?.changes));
});

/** Runs fn while counting the bytes fs.readSync returns (the ESM named imports see the wrapper). */
function countingReads<T>(fn: () => T): { result: T; bytes: number } {
  const original = fs.readSync;
  let bytes = 0;
  fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
    const n = (original as (...a: unknown[]) => number)(...args);
    bytes += n;
    return n;
  }) as typeof fs.readSync;
  syncBuiltinESMExports();
  try {
    return { result: fn(), bytes };
  } finally {
    fs.readSync = original;
    syncBuiltinESMExports();
  }
}

test("a 2 GB sparse file: a result after reading at most 1 MiB", () => {
  const { result: r, bytes } = countingReads(() => one("huge-sparse.bin"));
  assert.ok(bytes > 0, "the wrapper saw the reads");
  assert.ok(bytes <= DEFAULT_MAX_BYTES, `${bytes} bytes read`);
  assert.deepEqual(r.matches, []);
  assert.ok(r.error || r.truncated, JSON.stringify(r));
  assert.equal(r.error?.code, "binary");
});

test("a 2 GB file with a license at the top: identified from its head, truncated", () => {
  const { result: r, bytes } = countingReads(() => one("huge-sparse-license.txt"));
  assert.ok(bytes <= DEFAULT_MAX_BYTES, `${bytes} bytes read`);
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.truncated, true);
  assert.equal(r.matches[0]?.id, "apache-2.0");
});

test("a batch with bad files answers for every file, in order", () => {
  const names = ["LICENSE", "empty.txt", "weights.bin", "a-directory", "no-such-file.txt", "big.txt"];
  const rs = identifyFiles(names.map(p));
  assert.deepEqual(
    rs.map((r) => r.file),
    names.map(p),
  );
  assert.deepEqual(
    rs.map((r) => r.matches[0]?.id ?? r.error?.code),
    ["mit", "empty", "binary", "is-directory", "not-found", "apache-2.0"],
  );
});

test("CLI: exit 2 when no file could be read, each error naming its file", async () => {
  const bad = ["empty.txt", "weights.bin", "a-directory", "no-such-file.txt"].map(p);
  const r = await cli("identify", "--json", ...bad);
  assert.equal(r.code, 2);
  assert.equal(r.json.results.length, bad.length);
  for (const [i, res] of r.json.results.entries()) {
    assert.equal(res.file, bad[i]);
    assert.deepEqual(res.matches, []);
    assert.equal(typeof res.error.message, "string");
  }
  const text = await cli("identify", p("no-such-file.txt"));
  assert.equal(text.code, 2);
  assert.match(text.stdout + text.stderr, /no-such-file\.txt.*no such file/);
  // a missing file's name that is no text to identify gets no advice about stdin
  assert.doesNotMatch(text.stdout + text.stderr, /stdin/);
});

test("CLI: an expression, Hub id or license name passed as a file is not found, with how to pass it on stdin", async () => {
  for (const arg of [
    "MIT OR Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "meta-llama/Llama-3.1-8B",
    "it's MIT",
  ]) {
    const r = await cli("identify", "--json", arg);
    assert.equal(r.code, 2, arg);
    const [res] = r.json.results;
    assert.equal(res.error.code, "not-found");
    assert.match(res.error.message, /no such file; .*on stdin: echo '.*' \| mlicense identify -/, arg);
  }
});

test("CLI: exit 0 when at least one file was read, with the bad ones reported", async () => {
  const r = await cli("identify", "--json", p("no-such-file.txt"), p("LICENSE"), p("weights.bin"));
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.json.results.map(
      (x: { matches: { id: string }[]; error?: { code: string } }) => x.matches[0]?.id ?? x.error?.code,
    ),
    ["not-found", "mit", "binary"],
  );
});

test("CLI: a truncated file alone is a result, exit 0", async () => {
  const r = await cli("identify", "--json", p("big.txt"));
  assert.equal(r.code, 0);
  assert.equal(r.json.results[0].truncated, true);
  assert.equal(r.json.results[0].matches[0].id, "apache-2.0");
});
