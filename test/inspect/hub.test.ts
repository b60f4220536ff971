// The Hub client against a local server (127.0.0.1) that serves a recorded Hub API response for
// one model and the files @huggingface/hub's downloadFile asks for; then the cache, offline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cachedFolder, fetchToCache } from "../../src/hub/hub-client.js";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { spdxTexts } from "../../src/kb/reference-texts.js";
import { InputError } from "../../src/errors.js";
import { cli, fixture } from "../helpers.js";
import { tempDir } from "./binary-writers.js";

const ID = "acme-ai/qwen2.5-7b-support";
const REPO = fixture("hub", ...ID.split("/"));
const modelInfo = readFileSync(join(REPO, "model-info.json"), "utf8");
/** The repo's files as the server holds them; LICENSE is a real text, written at test time. */
const files: Record<string, Buffer> = {
  "README.md": readFileSync(join(REPO, "README.md")),
  "config.json": readFileSync(join(REPO, "config.json")),
  LICENSE: Buffer.from(spdxTexts()["Apache-2.0"]!.licenseText),
};

interface Hub {
  url: string;
  requests: { method: string; path: string; range?: string }[];
  close: () => Promise<void>;
}

/**
 * What @huggingface/hub requests (dist/index.mjs): modelInfo GETs
 * /api/models/<id>/revision/HEAD?expand=...; downloadFile first GETs /<id>/resolve/main/<path>
 * with `Range: bytes=0-0` and needs a Content-Range with the size and an ETag, then GETs the
 * whole file. A missing repo is a 404 (modelInfo then throws with statusCode 404).
 */
async function startHub(): Promise<Hub> {
  const requests: Hub["requests"] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const range = req.headers.range;
    requests.push({ method: req.method ?? "", path: url.pathname, range });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === `/api/models/${ID}/revision/HEAD`) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(modelInfo);
      return;
    }
    if (url.pathname.startsWith("/api/models/"))
      return json(404, { error: "Repository not found" }, { "X-Error-Code": "RepoNotFound" });
    const prefix = `/${ID}/resolve/main/`;
    if (url.pathname.startsWith(prefix)) {
      const path = decodeURIComponent(url.pathname.slice(prefix.length));
      const body = files[path];
      if (!body) return json(404, { error: "Entry not found" }, { "X-Error-Code": "EntryNotFound" });
      const etag = `"${body.length.toString(16)}-${path}"`;
      const m = range && /^bytes=(\d+)-(\d+)$/.exec(range);
      if (m) {
        const [start, end] = [Number(m[1]), Math.min(Number(m[2]), body.length - 1)];
        res.writeHead(206, {
          "Content-Range": `bytes ${start}-${end}/${body.length}`,
          "Content-Length": String(end - start + 1),
          ETag: etag,
          "Content-Type": "application/octet-stream",
        });
        res.end(body.subarray(start, end + 1));
        return;
      }
      res.writeHead(200, { "Content-Length": String(body.length), ETag: etag });
      res.end(body);
      return;
    }
    json(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

test("fetchToCache fetches card, license and configs once; inspectFolder reads them; offline uses the cache", async (t) => {
  const tmp = tempDir("mlicense-hub-");
  t.after(() => tmp.done());
  const cacheDir = join(tmp.dir, "cache");
  const hub = await startHub();
  let closed = false;
  t.after(async () => {
    if (!closed) await hub.close();
  });

  // offline with an empty cache: nothing, and no request
  assert.equal(await fetchToCache(ID, { hubUrl: hub.url, cacheDir, offline: true }), null);
  assert.equal(hub.requests.length, 0);

  const dir = await fetchToCache(ID, { hubUrl: hub.url, cacheDir });
  assert.equal(dir, join(cacheDir, "acme-ai", "qwen2.5-7b-support"));
  assert.equal(cachedFolder(ID, cacheDir), dir);
  // the card, the license and config.json; never weights, tokenizers or files in subfolders
  const cached = readdirSync(dir!).sort();
  assert.deepEqual(cached, [".mlicense-hub.json", "LICENSE", "README.md", "config.json"]);
  for (const f of ["README.md", "LICENSE", "config.json"])
    assert.deepEqual(readFileSync(join(dir!, f)), files[f], f);
  const fetched = hub.requests.filter((r) => r.path.includes("/resolve/")).map((r) => r.path);
  assert.ok(
    fetched.every((p) => /\/(README\.md|LICENSE|config\.json)$/.test(p)),
    `unexpected downloads: ${fetched.join(", ")}`,
  );
  const meta = JSON.parse(readFileSync(join(dir!, ".mlicense-hub.json"), "utf8"));
  assert.equal(meta.id, ID);
  assert.equal(meta.cardData.license, "apache-2.0");
  assert.ok(meta.tags.includes("license:apache-2.0"));

  const check = (r: ReturnType<typeof inspectFolder>) => {
    assert.equal(r.id, ID);
    assert.equal(r.name, "qwen2.5-7b-support");
    assert.equal(r.nameSource, "hub-id");
    assert.equal(r.license.id, "apache-2.0");
    assert.deepEqual(
      r.components.map((c) => [c.kind, c.license, [...new Set(c.evidence.map((e) => e.source))].sort()]),
      [["weights", "apache-2.0", ["card", "license-file"]]],
    );
    assert.deepEqual(
      r.bases.map((b) => [b.id, b.relation]),
      [["Qwen/Qwen2.5-7B-Instruct", "finetune"]],
    );
    assert.deepEqual(
      r.datasets.map((d) => d.id),
      ["acme-ai/support-tickets-2024"],
    );
    assert.deepEqual(
      r.findings.map((f) => f.code),
      [],
    );
  };
  check(inspectFolder(dir!, { hubId: ID }));

  // a second fetch is served from the cache: no new request
  const before = hub.requests.length;
  assert.equal(await fetchToCache(ID, { hubUrl: hub.url, cacheDir }), dir);
  assert.equal(hub.requests.length, before);

  // an id the Hub does not know, and ids that are no Hub ids
  assert.equal(await fetchToCache("acme-ai/no-such-model", { hubUrl: hub.url, cacheDir }), null);
  for (const bad of ["../../etc/passwd", "acme-ai/../x", "a/b/c", "no-owner", "acme-ai/"])
    assert.equal(await fetchToCache(bad, { hubUrl: hub.url, cacheDir }), null, bad);
  assert.ok(!existsSync(join(cacheDir, "acme-ai", "no-such-model", ".mlicense-hub.json")));

  // now without the server: offline and online both answer from the cache
  await hub.close();
  closed = true;
  assert.equal(await fetchToCache(ID, { hubUrl: hub.url, cacheDir, offline: true }), dir);
  assert.equal(await fetchToCache(ID, { hubUrl: hub.url, cacheDir }), dir);
  check(inspectFolder(dir!, { hubId: ID }));
  assert.equal(await fetchToCache("acme-ai/other-model", { hubUrl: hub.url, cacheDir, offline: true }), null);

  // the CLI: hf:<id> --offline from the filled cache, and from an empty one (exit 2)
  const r = await cli("inspect", `hf:${ID}`, "--offline", "--cache-dir", cacheDir, "--json");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.id, ID);
  assert.equal(r.json.license.id, "apache-2.0");
  const empty = await cli(
    "inspect",
    `hf:${ID}`,
    "--offline",
    "--cache-dir",
    join(tmp.dir, "empty"),
    "--json",
  );
  assert.equal(empty.code, 2);
  assert.equal(empty.json.error.code, "not-cached");
  assert.match(empty.stderr, /acme-ai\/qwen2\.5-7b-support/);
});

test("an unreachable Hub is an InputError naming the id, not a crash", async () => {
  const tmp = tempDir("mlicense-hub-down-");
  try {
    // a port that was just free: nothing listens there
    const hub = await startHub();
    const url = hub.url;
    await hub.close();
    await assert.rejects(
      fetchToCache(ID, { hubUrl: url, cacheDir: tmp.dir }),
      (e: unknown) => e instanceof InputError && e.code === "hub-unavailable" && e.file === ID,
    );
    assert.equal(cachedFolder(ID, tmp.dir), null);
  } finally {
    tmp.done();
  }
});

test("a download failing half-way is hub-unavailable and leaves no cache entry that passes for complete", async () => {
  const tmp = tempDir("mlicense-hub-half-");
  // the API answers, but every file download fails with a server error
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/api/models/")) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(modelInfo);
    } else {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: "Internal Error" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // like an unreachable Hub: an InputError naming the id (exit 2), not an internal error
    await assert.rejects(
      fetchToCache(ID, { hubUrl: url, cacheDir: tmp.dir }),
      (e: unknown) => e instanceof InputError && e.code === "hub-unavailable" && e.file === ID,
    );
    assert.equal(cachedFolder(ID, tmp.dir), null);
    assert.equal(await fetchToCache(ID, { hubUrl: url, cacheDir: tmp.dir, offline: true }), null);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    tmp.done();
  }
});
