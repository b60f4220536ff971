// The inventory suite, run against every backend: PGlite always, and a PostgreSQL server when
// MLICENSE_TEST_PG_URL names one (.ci/run starts one on loopback and sets it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Inventory } from "../../src/store/inventory.js";
import { storeModel, recheckStale } from "../../src/store/service.js";
import { recordFromCatalogue } from "../../src/inspect/inspect.js";
import { knowledgeBase, KnowledgeBase } from "../../src/kb/knowledge-base.js";
import { loadBundle } from "../../src/kb/bundle.js";
import { ConflictError } from "../../src/errors.js";

const pgUrl = process.env.MLICENSE_TEST_PG_URL;
const backends: { name: string; open: () => Promise<Inventory>; skip?: string }[] = [
  { name: "pglite", open: () => Inventory.open({ dataDir: null }) },
  {
    name: "postgres",
    open: () => Inventory.open({ db: pgUrl! }),
    skip: pgUrl ? undefined : "MLICENSE_TEST_PG_URL is not set (CI starts a PostgreSQL server and sets it)",
  },
];

for (const b of backends) {
  test(`${b.name}: add, list with filters, get, re-add, remove`, { skip: b.skip }, async () => {
    const inv = await b.open();
    try {
      for (const id of ["acme/x", "openai/gpt-3", "meta-llama/Llama-3.1-8B"]) await inv.remove(id);
      const gpt = recordFromCatalogue("openai/gpt-3")!;
      const llama = recordFromCatalogue("meta-llama/Llama-3.1-8B")!;
      const e1 = await storeModel(inv, llama);
      assert.equal(e1.id, "meta-llama/Llama-3.1-8B");
      assert.equal(e1.license, "llama3.1");
      assert.equal(e1.family, "community");
      assert.match(e1.checked_at, /^\d{4}-\d\d-\d\dT/);
      await storeModel(inv, gpt);
      const all = await inv.list();
      assert.deepEqual(
        all.map((m) => m.id).filter((id) => ["openai/gpt-3", "meta-llama/Llama-3.1-8B"].includes(id)),
        ["meta-llama/Llama-3.1-8B", "openai/gpt-3"],
      );
      assert.deepEqual(
        (await inv.list({ family: "exclusive" })).map((m) => m.id),
        ["openai/gpt-3"],
      );
      assert.ok((await inv.list({ license: "llama3.1" })).some((m) => m.id === "meta-llama/Llama-3.1-8B"));
      const got = await inv.get("meta-llama/Llama-3.1-8B");
      assert.equal(got?.record.license.id, "llama3.1");
      assert.equal(got?.report.verdict, got?.verdict);
      // re-adding is refused with the stored entry; replacing is explicit, and never duplicates
      await assert.rejects(storeModel(inv, llama), (e: unknown) => {
        assert.ok(e instanceof ConflictError);
        assert.equal((e.existing as { id: string }).id, "meta-llama/Llama-3.1-8B");
        return true;
      });
      await storeModel(inv, llama, {}, { replace: true });
      assert.equal((await inv.list()).filter((m) => m.id === "meta-llama/Llama-3.1-8B").length, 1);
      assert.equal(await inv.remove("openai/gpt-3"), true);
      assert.equal(await inv.remove("openai/gpt-3"), false);
      assert.equal(await inv.get("openai/gpt-3"), null);
      await inv.remove("meta-llama/Llama-3.1-8B");
    } finally {
      await inv.close();
    }
  });

  test(
    `${b.name}: models checked against an older knowledge base are re-checked`,
    { skip: b.skip },
    async () => {
      const inv = await b.open();
      try {
        const rec = recordFromCatalogue("CompVis/stable-diffusion-v1-4")!;
        const old = new KnowledgeBase({ ...loadBundle(), version: "older-version" });
        const e = await storeModel(inv, rec, { kb: old });
        assert.equal(e.kb_version, "older-version");
        assert.equal(await recheckStale(inv), 1);
        assert.equal((await inv.get(rec.id))!.kb_version, knowledgeBase().version);
        assert.equal(await recheckStale(inv), 0);
        await inv.remove(rec.id);
      } finally {
        await inv.close();
      }
    },
  );
}

test("pglite: the inventory survives a restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), "inv-"));
  const a = await Inventory.open({ dataDir: dir });
  await storeModel(a, recordFromCatalogue("google/gemma-2-9b")!);
  await a.close();
  const b = await Inventory.open({ dataDir: dir });
  assert.equal((await b.get("google/gemma-2-9b"))?.license, "gemma");
  await b.close();
});

test("a --db that is not a postgres URL is a usage error", async () => {
  await assert.rejects(Inventory.open({ db: "mysql://x" }), /postgres:\/\/ URL/);
});
