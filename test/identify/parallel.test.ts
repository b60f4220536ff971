// Many files at once go through worker threads; the answers and their order must not change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { identifyFilesParallel } from "../../src/identify/identify-parallel.js";
import { identifier } from "../../src/identify/identify.js";

test("parallel identification returns the same results, in order, as one thread", async () => {
  const spdx = createRequire(import.meta.url)("spdx-license-list/full") as Record<
    string,
    { licenseText: string }
  >;
  const dir = mkdtempSync(join(tmpdir(), "idpar-"));
  const ids = Object.keys(spdx).slice(0, 230);
  const paths = ids.map((id, k) => {
    const p = join(dir, `${k}.txt`);
    // every third file is prose, not a license, so empty answers are interleaved too
    writeFileSync(
      p,
      k % 3 === 2 ? `Release notes ${k}: fixed a crash in the loader.` : spdx[id]!.licenseText,
    );
    return p;
  });
  paths.push(join(dir, "missing.txt"));
  const parallel = await identifyFilesParallel(paths, {}, 3, 1);
  const single = paths.map((p) => identifier().identifyFile(p));
  assert.equal(parallel.length, paths.length);
  assert.deepEqual(parallel, single);
});
