// Listing a model folder: names that are not UTF-8 are reported (shown escaped), not silently
// lost; folders past MAX_ENTRIES are read up to the cap, and say so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { MAX_ENTRIES } from "../../src/inspect/model-folder.js";
import { ggufFile, tempDir } from "./binary-writers.js";

const tmp = tempDir("mlicense-listing-");
test.after(() => tmp.done());

test("a model file whose name is not UTF-8 is a model-file-unreadable finding with the name escaped", (t) => {
  const dir = join(tmp.dir, "latin1-names");
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), "---\nlicense: mit\n---\n# latin1-names\n");
  const bad = Buffer.concat([
    Buffer.from(join(dir, "mod")),
    Buffer.from([0xe8, 0x6c, 0x65]),
    Buffer.from(".gguf"),
  ]);
  try {
    writeFileSync(bad, ggufFile({ "general.license": "apache-2.0" }));
  } catch (e) {
    // some filesystems (and macOS) refuse names that are not UTF-8: nothing to list then
    t.skip(`this filesystem refuses the name: ${(e as Error).message}`);
    return;
  }
  // a license file too: the readers would have read it
  writeFileSync(Buffer.concat([Buffer.from(join(dir, "LICENSE-")), Buffer.from([0xff])]), "MIT");
  const r = inspectFolder(dir);
  const model = r.findings.find((f) => f.code === "model-file-unreadable");
  assert.ok(model, r.findings.map((f) => f.code).join(","));
  assert.match(model.message, /mod\\xe8le\.gguf/);
  assert.match(model.message, /not valid UTF-8/);
  const lic = r.findings.find((f) => f.code === "license-file-unreadable");
  assert.ok(lic);
  assert.match(lic.message, /LICENSE-\\xff/);
  // the rest of the folder is read as usual
  assert.equal(r.license.id, "mit");
});

test(`a folder of more than ${MAX_ENTRIES} entries is read up to the cap, with a folder-truncated finding`, () => {
  const dir = join(tmp.dir, "huge");
  mkdirSync(dir);
  writeFileSync(join(dir, "README.md"), "---\nlicense: apache-2.0\n---\n# huge\n");
  for (let i = 0; i < MAX_ENTRIES + 5; i++) writeFileSync(join(dir, `shard-${i}.bin`), "");
  const r = inspectFolder(dir);
  const f = r.findings.find((x) => x.code === "folder-truncated");
  assert.ok(f, r.findings.map((x) => x.code).join(","));
  assert.equal(f.severity, "info");
  assert.equal(f.file, dir);
  // a folder at the cap or below says nothing
  const small = join(tmp.dir, "small");
  mkdirSync(small);
  writeFileSync(join(small, "README.md"), "---\nlicense: apache-2.0\n---\n# small\n");
  assert.ok(!inspectFolder(small).findings.some((x) => x.code === "folder-truncated"));
});
