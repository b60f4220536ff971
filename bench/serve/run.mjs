#!/usr/bin/env node
// Load on the HTTP API from a loopback generator (autocannon): requests per second and latency
// percentiles for GET /api/licenses/{id} and POST /api/check at 50 connections, compared with a
// floor (a bare node:http server answering the same JSON from memory) in the same run; then the
// server's memory over 100,000 requests, sampled as it goes, to show it stays flat.
// Usage: node bench/serve/run.mjs [seconds per phase, default 10]
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { ROOT as root, ensureBuilt, machine } from "../_lib/common.mjs";
import { spawnSync } from "node:child_process";

// memory samples are taken after a full collection, so the flag is needed: re-run with it
if (!globalThis.gc) {
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exit(r.status ?? 1);
}

const seconds = Number(process.argv[2] ?? 10);
ensureBuilt();
const { startServer } = await import(pathToFileURL(join(root, "dist", "src", "server", "serve.js")).href);

const server = await startServer({
  port: 0,
  dataDir: mkdtempSync(join(tmpdir(), "mlicense-bench-")),
  offline: true,
});
const license = await (await fetch(`${server.url}/api/licenses/llama3.1`)).text();
const floor = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(license);
}).listen(0, "127.0.0.1");
await new Promise((r) => floor.once("listening", r));
const floorUrl = `http://127.0.0.1:${floor.address().port}`;

const checkBody = JSON.stringify({
  files: {
    "README.md": "---\nlicense: apache-2.0\nbase_model: CompVis/stable-diffusion-v1-4\n---\n# Watercolour\n",
  },
  options: { use: ["medical-advice"] },
});
const run = (opts) => autocannon({ connections: 50, duration: seconds, ...opts });
const row = (name, r) =>
  `${name.padEnd(34)} ${Math.round(r.requests.average).toString().padStart(8)} ${r.latency.p50.toFixed(1).padStart(7)} ${r.latency.p90.toFixed(1).padStart(7)} ${r.latency.p99.toFixed(1).padStart(7)} ${String(r.non2xx + r.errors).padStart(7)}`;

console.log(`serve bench — ${machine()}; 50 connections, ${seconds} s per phase`);
console.log(
  `${"endpoint".padEnd(34)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p90 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)}`,
);
const lic = await run({ url: `${server.url}/api/licenses/llama3.1` });
console.log(row("GET /api/licenses/llama3.1", lic));
const fl = await run({ url: floorUrl });
console.log(row("floor: bare node:http, same JSON", fl));
const chk = await run({
  url: `${server.url}/api/check`,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: checkBody,
});
console.log(row("POST /api/check (upload + lineage)", chk));
console.log(
  `GET license vs floor: ${(lic.requests.average / fl.requests.average).toFixed(2)}x the floor's throughput`,
);

// memory over 100,000 requests: resident set size sampled every 10,000
const samples = [];
let done = 0;
const mem = () => {
  globalThis.gc();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
};
global.gc?.();
samples.push(mem());
await new Promise((resolve) => {
  const inst = autocannon(
    {
      url: `${server.url}/api/check`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: checkBody,
      connections: 50,
      amount: 100_000,
    },
    resolve,
  );
  inst.on("response", () => {
    if (++done % 10_000 === 0) samples.push(mem());
  });
});
console.log(
  `heap in use after GC (MB, server and generator in one process) every 10,000 POST /api/check requests: ${samples.join(" ")}`,
);
console.log(`growth from 20,000 to 100,000 requests: ${samples[samples.length - 1] - samples[2]} MB`);
await server.close();
floor.close();
