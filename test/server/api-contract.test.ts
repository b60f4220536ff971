// The API people call by hand and what a browser must not make it do, in-process: hand-written
// records with defaults, every problem at once, stable ids and explicit replacement, the guard
// (Host, Origin, Sec-Fetch-Site, JSON content type, token on the decoded route), errors as 4xx
// JSON, and the OpenAPI document generated from the same schemas.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createApp } from "../../src/server/app.js";
import { Inventory } from "../../src/store/inventory.js";
import { recordFromCatalogue } from "../../src/inspect/inspect.js";

const inventory = await Inventory.open({ dataDir: null });
test.after(() => inventory.close());
const app = createApp({ inventory, offline: true });
const locked = createApp({ inventory, offline: true, token: "s3cret" });
const json = (body: unknown, headers: Record<string, string> = {}, method = "POST") => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const minimal = (id: string) => ({
  id,
  license: { id: "apache-2.0" },
  bases: [{ id: "CompVis/stable-diffusion-v1-4", relation: "finetune" }],
});

test("a minimal hand-written record is checked and stored, defaults filled", async () => {
  const r = await app.request("/api/check", json({ record: minimal("acme/ink") }));
  assert.equal(r.status, 200);
  const report = await r.json();
  assert.equal(report.verdict, "violation");
  assert.equal(report.target, "acme/ink");
  const add = await app.request("/api/models", json({ record: minimal("acme/ink") }));
  assert.equal(add.status, 201);
  const e = await add.json();
  assert.equal(e.id, "acme/ink");
  assert.deepEqual(e.record.license.ids, ["apache-2.0"]);
  assert.equal(e.record.name, "ink");
  assert.deepEqual(e.record.findings, []);
  // the coming record shape: expressions, combination, evidence line, generatedBy
  const next = await app.request(
    "/api/check",
    json({
      record: {
        id: "acme/router",
        license: {
          id: "mit AND apache-2.0",
          evidence: [{ source: "card", file: "README.md", line: 3, value: "x" }],
        },
        bases: [{ id: "acme/part", relation: "combination", license: "mit" }],
        datasets: [{ id: "acme/synthetic", generatedBy: ["openai/gpt-3"] }],
      },
    }),
  );
  assert.equal(next.status, 200, await next.clone().text());
  await inventory.remove("acme/ink");
});

test("every problem of a record is reported at once as {code, path, message}", async () => {
  const r = await app.request(
    "/api/models",
    json({
      record: {
        id: "acme/x\u0000",
        license: {},
        bases: [{ id: "a/b", relation: "borrowed" }],
        findings: [null],
        datasets: [null],
        components: [null],
      },
    }),
  );
  assert.equal(r.status, 400);
  const { error } = await r.json();
  const paths = error.issues.map((i: { path: string }) => i.path).sort();
  assert.deepEqual(paths, [
    "record.bases.0.relation",
    "record.components.0",
    "record.datasets.0",
    "record.findings.0",
    "record.id",
    "record.license.id",
  ]);
  for (const i of error.issues) {
    assert.equal(typeof i.code, "string");
    assert.ok(i.message.length > 0);
  }
  assert.equal((await app.request("/api/models")).status, 200);
  assert.equal((await inventory.list()).length, 0, "nothing was stored");
});

test("bad client input is a 4xx, never a 5xx", async () => {
  const cases: [string, RequestInit, number][] = [
    ["/api/check", json({ target: "openai/gpt-3", options: { use: { a: 1 } } }), 400],
    ["/api/check", json({ target: "openai/gpt-3", options: { as: "no-such-license" } }), 400],
    ["/api/check", json({ target: "openai/gpt-3", options: { as: "x".repeat(1_000_000) } }), 400],
    ["/api/check", json({ target: "openai/gpt-3", options: { comercial: true } }), 400],
    ["/api/check", json({ target: "openai/gpt-3", record: minimal("a/b") }), 400],
    ["/api/check", json("{not json"), 400],
    ["/api/check", json([1, 2]), 400],
    ["/api/models/a%00b", {}, 400],
    ["/api/models/%E0%A4%A", {}, 400],
    ["/%E0%A4%A", {}, 400],
    ["/api/no-such-route", {}, 404],
    ["/api/models?license=a%00b", {}, 400],
    ["/api/models?license=%E0%A4%A", {}, 400],
    ["/api/models/acme/none", { method: "DELETE" }, 404],
  ];
  for (const [path, init, status] of cases) {
    const r = await app.request(path, init);
    assert.equal(r.status, status, `${path} ${String(init.body ?? "").slice(0, 80)}`);
    const body = await r.json();
    assert.equal(typeof body.error.code, "string", path);
  }
});

test("entries are keyed by a stable id; replacing is explicit (409 with the entry, or PUT)", async () => {
  const upload = (text: string) =>
    json({ files: { "README.md": `---\nlicense: mit\n---\n# Model\n${text}` } });
  const a = await (await app.request("/api/models", upload("one"))).json();
  const b = await (await app.request("/api/models", upload("two"))).json();
  assert.notEqual(a.id, b.id, "two uploads without an id are two entries");
  assert.doesNotMatch(a.id, /^uploaded-model$/);
  const again = await app.request("/api/models", upload("one"));
  assert.equal(again.status, 409);
  const conflict = await again.json();
  assert.equal(conflict.error.code, "exists");
  assert.equal(conflict.error.existing.id, a.id);
  const named = await app.request("/api/models", json({ record: minimal("acme/named") }));
  assert.equal(named.status, 201);
  assert.equal((await app.request("/api/models", json({ record: minimal("acme/named") }))).status, 409);
  const put = await app.request(
    "/api/models/acme/named",
    json({ record: { ...minimal("acme/named"), license: { id: "mit" } } }, {}, "PUT"),
  );
  assert.equal(put.status, 200);
  assert.equal((await put.json()).license, "mit");
  assert.equal((await inventory.list()).filter((m) => m.id === "acme/named").length, 1);
  for (const id of [a.id, b.id, "acme/named"]) await inventory.remove(id);
});

test("writes from another origin, or not sent as JSON, are refused; same-origin and curl pass", async () => {
  const body = { record: minimal("acme/csrf") };
  const refused: Record<string, string>[] = [
    { origin: "http://evil.example" },
    { origin: "http://localhost:3000" }, // another port on the same machine is another origin
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
  ];
  for (const h of refused) {
    const r = await app.request("http://localhost/api/models", json(body, h));
    assert.equal(r.status, 403, JSON.stringify(h));
  }
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    const r = await app.request("/api/models", {
      method: "POST",
      headers: { "content-type": type },
      body: JSON.stringify(body),
    });
    assert.equal(r.status, 415, type);
  }
  const del = await app.request("http://localhost/api/models/acme/x", {
    method: "DELETE",
    headers: { origin: "http://evil.example" },
  });
  assert.equal(del.status, 403);
  assert.equal((await inventory.list()).length, 0);
  const same = await app.request(
    "http://localhost/api/models",
    json(body, { origin: "http://localhost", "sec-fetch-site": "same-origin" }),
  );
  assert.equal(same.status, 201);
  await inventory.remove("acme/csrf");
});

test("the Host header must name the server (DNS rebinding)", async () => {
  const pinned = createApp({ inventory, offline: true, allowedHosts: ["127.0.0.1:8339", "localhost:8339"] });
  assert.equal((await pinned.request("/api/health", { headers: { host: "127.0.0.1:8339" } })).status, 200);
  for (const host of ["rebind.example:8339", "127.0.0.1:9999", "localhost.evil.example:8339"]) {
    const r = await pinned.request("/api/models", { headers: { host } });
    assert.equal(r.status, 403, host);
  }
  // in-process apps answer loopback names only
  assert.equal((await app.request("http://evil.example/api/models")).status, 403);
});

test("the token is checked on the route as decoded: %2Fbom is the BOM route", async () => {
  await inventory.put({
    id: "acme/tok",
    name: "tok",
    license: "mit",
    family: "permissive",
    verdict: "ok",
    record: recordFromCatalogue("openai-community/gpt2") ?? (minimal("acme/tok") as never),
    report: {} as never,
    kb_version: "x",
  });
  for (const path of [
    "/api/models/acme/tok/bom",
    "/api/models/acme/tok%2Fbom",
    "/api/models/acme%2Ftok%2Fbom",
  ])
    assert.equal((await locked.request(path)).status, 401, path);
  assert.equal((await locked.request("/api/models/acme/tok")).status, 200);
  const wrong = await locked.request("/api/models/acme/tok/bom", {
    headers: { authorization: "Bearer s3cre" },
  });
  assert.equal(wrong.status, 401);
  const ok = await locked.request("/api/models/acme/tok/bom", {
    headers: { authorization: "Bearer s3cret" },
  });
  assert.equal(ok.status, 200);
  await inventory.remove("acme/tok");
});

test("identify takes at most 1 MiB, as the CLI reads at most 1 MiB of a file", async () => {
  const r = await app.request("/api/identify", { method: "POST", body: "x".repeat(1024 * 1024 + 1) });
  assert.equal(r.status, 413);
  const ok = await app.request("/api/identify", {
    method: "POST",
    body: "MIT License\n" + "x ".repeat(1000),
  });
  assert.equal(ok.status, 200);
});

test("identify reads a UTF-16 body by its byte-order mark and says so, as the CLI does", async () => {
  const body = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from("SPDX-License-Identifier: MIT\n", "utf16le"),
  ]);
  const r = await app.request("/api/identify", { method: "POST", body });
  assert.equal(r.status, 200);
  const j = await r.json();
  assert.equal(j.results[0].matches[0].id, "mit");
  assert.equal(j.results[0].encoding, "utf-16le");
});

test("/api/openapi.json is generated from the schemas that validate requests", async () => {
  const doc = await (await app.request("/api/openapi.json")).json();
  assert.equal(doc.openapi, "3.1.0");
  for (const p of ["/api/check", "/api/models", "/api/models/{id}", "/api/identify"])
    assert.ok(doc.paths[p], p);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // the schemas refer to each other as #/components/schemas/<name>: one document holds them all
  ajv.addSchema({ $id: "urn:mlicense:openapi", components: doc.components });
  const schema = (name: string) => ajv.getSchema(`urn:mlicense:openapi#/components/schemas/${name}`)!;
  const validRecord = schema("ModelRecord");
  assert.ok(validRecord(minimal("acme/a")), JSON.stringify(validRecord.errors));
  assert.ok(validRecord(recordFromCatalogue("meta-llama/Llama-3.1-8B")), JSON.stringify(validRecord.errors));
  assert.equal(validRecord({ id: "x" }), false, "license is required");
  const validInput = schema("ModelInput");
  assert.ok(validInput({ target: "openai/gpt-3", options: { use: ["medical-advice"], mode: "hosted" } }));
  assert.equal(validInput({ target: "x", options: { mode: "everywhere" } }), false);
});
