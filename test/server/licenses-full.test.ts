// GET /api/licenses?full=1: every license with its terms and clauses in one response, the
// same entries GET /api/licenses/{id} gives one at a time (the web explorer filters on them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createApp } from "../../src/server/app.js";
import type { Inventory } from "../../src/store/inventory.js";

// these routes read only the knowledge base; an inventory that throws proves it is not touched
const noInventory = new Proxy({} as Inventory, {
  get() {
    throw new Error("the licenses routes must not use the inventory");
  },
});
const app = createApp({ inventory: noInventory });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const get = async (path: string): Promise<{ status: number; body: any }> => {
  const r = await app.request(path);
  return { status: r.status, body: await r.json() };
};

test("full=1 lists every license with terms, clauses, use restrictions and derivatives_must", async () => {
  const short = await get("/api/licenses");
  const full = await get("/api/licenses?full=1");
  assert.equal(full.status, 200);
  assert.deepEqual(
    full.body.licenses.map((l: { id: string }) => l.id),
    short.body.licenses.map((l: { id: string }) => l.id),
    "same licenses in the same order as the short list",
  );
  for (const l of full.body.licenses) {
    assert.equal(l.kind, "license", l.id);
    assert.ok(l.terms?.commercial?.value, `${l.id} has a commercial term`);
    assert.ok(Array.isArray(l.use_restrictions), `${l.id} lists its use restrictions`);
    assert.equal(typeof l.derivatives_must, "string", `${l.id} says what derivatives must carry`);
  }
});

test("each full entry equals GET /api/licenses/{id}", async () => {
  const full = (await get("/api/licenses?full=1")).body.licenses as { id: string }[];
  for (const id of ["llama3.1", "mit", "creativeml-openrail-m"]) {
    const one = await get(`/api/licenses/${id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(
      full.find((l) => l.id === id),
      one.body,
      id,
    );
  }
});

test("full=1 keeps the q and family filters; anything but 1/true gives the short list", async () => {
  const q = await get("/api/licenses?full=1&q=llama");
  assert.ok(q.body.licenses.length >= 2);
  for (const l of q.body.licenses) assert.match(`${l.id} ${l.name}`.toLowerCase(), /llama/);
  assert.ok(
    q.body.licenses.every((l: { terms?: unknown }) => l.terms),
    "full entries",
  );

  const fam = await get("/api/licenses?full=true&family=open-rail");
  assert.ok(fam.body.licenses.length > 0);
  for (const l of fam.body.licenses) assert.equal(l.family, "open-rail");

  const short = await get("/api/licenses?full=0");
  assert.equal(short.body.licenses[0].terms, undefined, "full=0 is the short list");

  const bad = await get("/api/licenses?full=1&family=no-such-family");
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /unknown family/);
});
