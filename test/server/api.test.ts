// The HTTP API in-process (app.request, no socket): shapes, errors as {error:{code,message}} with
// 4xx, no path from a request ever read, the token rule, and the inventory routes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createApp } from "../../src/server/app.js";
import { Inventory } from "../../src/store/inventory.js";
import { startServer } from "../../src/server/serve.js";

const inventory = await Inventory.open({ dataDir: null });
test.after(() => inventory.close());
const app = createApp({ inventory, offline: true });
const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

test("health, licenses, a license, compare", async () => {
  assert.equal((await (await app.request("/api/health")).json()).status, "ok");
  const list = await (await app.request("/api/licenses?family=open-rail")).json();
  assert.ok(list.licenses.every((l: { family: string }) => l.family === "open-rail"));
  const lic = await (await app.request("/api/licenses/llama3.1")).json();
  assert.equal(lic.id, "llama3.1");
  const cmp = await (await app.request("/api/compare?ids=mit,apache-2.0")).json();
  assert.equal(cmp.rows.length > 5, true);
  const bad = await app.request("/api/compare?ids=mit");
  assert.equal(bad.status, 400);
});

test("a license id that is a path is just an unknown id; no file outside the web app is ever served", async () => {
  for (const id of ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd"]) {
    const r = await app.request(`/api/licenses/${id}`);
    assert.equal(r.status, 404, id);
    const body = await r.json();
    assert.equal(body.error.code, "unknown-id");
  }
  // a URL that normalises out of /api lands on the web app's index, never on the file system
  for (const path of [
    "/api/licenses/../../etc/passwd",
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
  ]) {
    const text = await (await app.request(path)).text();
    assert.doesNotMatch(text, /root:/, path);
  }
});

test("identify: text in, results out; binary and empty bodies are 400", async () => {
  const r = await (
    await app.request("/api/identify", { method: "POST", body: "Released under the Apache 2.0 license." })
  ).json();
  assert.equal(r.results[0].matches[0].id, "apache-2.0");
  const bin = await app.request("/api/identify", {
    method: "POST",
    body: new Uint8Array([0, 1, 2, 255, 0, 3]),
  });
  assert.equal(bin.status, 400);
  assert.equal((await app.request("/api/identify", { method: "POST", body: "" })).status, 400);
});

test("check: a target must be a Hub id or catalogue name, never a path; uploads are inspected in memory", async () => {
  for (const target of ["/etc/passwd", "../../../etc", "C:\\\\Windows"]) {
    const r = await app.request("/api/check", json({ target }));
    assert.ok(r.status >= 400 && r.status < 500, `${target}: ${r.status}`);
  }
  const cat = await (await app.request("/api/check", json({ target: "openai/gpt-3" }))).json();
  assert.equal(cat.license.id, "gpt-3");
  const up = await (
    await app.request(
      "/api/check",
      json({
        files: {
          "README.md": "---\nlicense: apache-2.0\nbase_model: CompVis/stable-diffusion-v1-4\n---\n# X\n",
        },
        options: { use: ["medical-advice"] },
      }),
    )
  ).json();
  assert.equal(up.verdict, "violation");
  assert.ok(up.findings.some((f: { code: string }) => f.code === "use-restricted"));
  const unknownUse = await app.request(
    "/api/check",
    json({ target: "openai/gpt-3", options: { use: ["astrology"] } }),
  );
  assert.equal(unknownUse.status, 400);
  assert.equal((await app.request("/api/check", { method: "POST", body: "junk" })).status, 415);
  assert.equal((await app.request("/api/check", { ...json({}), body: "junk" })).status, 400);
  assert.equal((await app.request("/api/check", json({ record: { schema: "nope" } }))).status, 400);
});

test("oversized bodies are refused with 413", async () => {
  const r = await app.request("/api/identify", { method: "POST", body: "x".repeat(3 * 1024 * 1024) });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, "too-large");
});

test("inventory: add, list with filter, get, BOM, delete", async () => {
  const add = await app.request("/api/models", json({ target: "meta-llama/Llama-3.1-8B" }));
  assert.equal(add.status, 201);
  const list = await (await app.request("/api/models?license=llama3.1")).json();
  assert.ok(list.models.some((m: { id: string }) => m.id === "meta-llama/Llama-3.1-8B"));
  const one = await (await app.request("/api/models/meta-llama/Llama-3.1-8B")).json();
  assert.equal(one.report.verdict, one.verdict);
  const bom = await (await app.request("/api/models/meta-llama/Llama-3.1-8B/bom")).json();
  assert.equal(bom.bomFormat, "CycloneDX");
  assert.equal((await app.request("/api/models/meta-llama/Llama-3.1-8B", { method: "DELETE" })).status, 200);
  assert.equal((await app.request("/api/models/meta-llama/Llama-3.1-8B")).status, 404);
});

test("with a token, writes and inspections need it; reads do not", async () => {
  const locked = createApp({ inventory, offline: true, token: "s3cret" });
  assert.equal((await locked.request("/api/licenses/mit")).status, 200);
  assert.equal((await locked.request("/api/check", json({ target: "openai/gpt-3" }))).status, 401);
  const ok = await locked.request("/api/check", {
    ...json({ target: "openai/gpt-3" }),
    headers: { "content-type": "application/json", authorization: "Bearer s3cret" },
  });
  assert.equal(ok.status, 200);
});

test("binding beyond loopback without a token is refused", async () => {
  await assert.rejects(
    startServer({ host: "0.0.0.0", port: 0, dataDir: null as unknown as string }),
    /needs --token/,
  );
});
