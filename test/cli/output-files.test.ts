// Output files named on the command line: a path that cannot be a file is a usage error before
// any work, and a write that fails midway (a full disk) is exit 2 naming the file, the flag and
// the reason, with no cut-off file left behind to be taken for a whole one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../src/errors.js";
import { writeFailed, writeOutput } from "../../src/io/output-path.js";
import { cli } from "../helpers.js";
import { tmp, writeDump } from "../audit/_dumps.js";

const EXAMPLE = join(import.meta.dirname, "..", "..", "..", "examples", "llama3-chat-finetune");

function dump(): string {
  return writeDump(join(tmp(), "d.jsonl"), [
    { id: "a/base", cardData: { license: "llama3" } },
    { id: "b/tune", cardData: { license: "mit", base_model: "a/base" } },
  ]);
}

test("every output flag refuses a missing folder or a folder, before any work, naming the flag", async () => {
  const d = dump();
  const missing = join(tmp(), "nowhere", "x.out");
  const folder = tmp();
  const cases: [string[], string][] = [
    [["audit", d, "--out"], "--out"],
    [["audit", d, "--report"], "--report"],
    [["check", EXAMPLE, "--output"], "--output"],
    [["bom", EXAMPLE, "--format", "cyclonedx", "--output"], "--output"],
  ];
  for (const [args, flag] of cases)
    for (const path of [missing, folder]) {
      const r = await cli(...args, path, "--json");
      assert.equal(r.code, 2, `${args.join(" ")} ${path}: ${r.stderr}`);
      assert.equal(r.json.error.code, "bad-output");
      assert.equal(r.json.error.field, flag);
      assert.equal(r.json.error.file, path);
    }
});

test("a full disk under --out is exit 2 'write-failed' with the reason, not an internal error", async (t) => {
  if (!existsSync("/dev/full")) return t.skip("no /dev/full on this system");
  const r = await cli("audit", dump(), "--out", "/dev/full", "--json");
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.json.error.code, "write-failed");
  assert.equal(r.json.error.field, "--out");
  assert.equal(r.json.error.file, "/dev/full");
  assert.match(r.json.error.message, /disk is full \(ENOSPC\)/);
  assert.doesNotMatch(r.stderr, /internal error/);
  // a device is not a partial file: it stays
  assert.ok(existsSync("/dev/full"));
  assert.ok(statSync("/dev/full").isCharacterDevice());
});

test("writeOutput turns a failed write into the error users see and removes the partial file", () => {
  const dir = tmp();
  // a folder made after the flag was checked: the write itself fails
  const late = join(dir, "late");
  mkdirSync(late);
  assert.throws(
    () => writeOutput(late, "--output", "{}"),
    (e: unknown) =>
      e instanceof InputError &&
      e.code === "write-failed" &&
      e.file === late &&
      e.field === "--output" &&
      /it is a folder \(EISDIR\)/.test(e.message),
  );
  assert.ok(existsSync(late), "a folder in the way is not removed");
  const partial = join(dir, "rows.jsonl");
  writeOutput(partial, "--out", "half a line");
  const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const e = writeFailed(full, partial, "--out");
  assert.equal(e.message, "could not be written: the disk is full (ENOSPC)");
  assert.ok(!existsSync(partial), "the cut-off file is removed");
  // a reason the table does not know keeps the system's message
  assert.match(writeFailed(new Error("odd failure"), partial, "--out").message, /odd failure/);
});
