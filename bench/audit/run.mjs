#!/usr/bin/env node
// Audit speed and memory against bare readers that only parse the same file (JSON.parse per
// line; once in one thread, once split between two worker threads as the audit's reader is),
// side by side in one run: the audit's cost over the bare parse is the number to drive down.
// With --out, the rows the audit writes are timed too (its `write` phase), against a bare writer
// that reads those rows back and writes them again (JSON.parse and JSON.stringify per line).
// Usage: node bench/audit/run.mjs [--mode realistic|independent|chain|merge3] [--out] [rows...]
//        (default 10000 100000 1000000 2000000, realistic mode; the generator's variables, such
//        as FIELDS=hub or POOL=real, pass through: see generate.mjs)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT as root, ensureBuilt, machine } from "../_lib/common.mjs";

const args = process.argv.slice(2);
const modeAt = args.indexOf("--mode");
const mode = modeAt >= 0 ? args.splice(modeAt, 2)[1] : "realistic";
const outAt = args.indexOf("--out");
const withOut = outAt >= 0 && args.splice(outAt, 1).length > 0;
const sizes = args.map(Number).filter(Boolean);
const list = sizes.length ? sizes : [10_000, 100_000, 1_000_000, 2_000_000];
ensureBuilt();

const bare = join(tmpdir(), "mlicense-bare-reader.mjs");
writeFileSync(
  bare,
  `import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
let n = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]) })) { try { JSON.parse(line); n++; } catch {} }
console.log(n);
`,
);

// two threads, each parsing the lines that start in its half of the file
const bare2 = join(tmpdir(), "mlicense-bare-reader-2.mjs");
writeFileSync(
  bare2,
  `import { Worker, isMainThread, workerData, parentPort } from "node:worker_threads";
import { openSync, readSync, fstatSync, closeSync } from "node:fs";
if (isMainThread) {
  const size = fstatSync(openSync(process.argv[2], "r")).size;
  const half = Math.floor(size / 2);
  const counts = await Promise.all([[0, half], [half, size]].map(([from, to]) => new Promise((res, rej) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { file: process.argv[2], from, to } });
    w.once("message", res); w.once("error", rej);
  })));
  console.log(counts[0] + counts[1]);
} else {
  // a line belongs to the thread whose range holds its first byte
  const { file, from, to } = workerData;
  const fd = openSync(file, "r");
  const one = Buffer.alloc(1);
  let skip = from > 0 && readSync(fd, one, 0, 1, from - 1) === 1 && one[0] !== 10;
  let n = 0, pos = from, carry = Buffer.alloc(0), start = from;
  const parse = (b, i, j) => { try { JSON.parse(b.toString("utf8", i, j)); n++; } catch {} };
  for (;;) {
    const chunk = Buffer.alloc(1 << 22);
    const got = readSync(fd, chunk, 0, chunk.length, pos);
    const b = carry.length ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
    let at = 0, done = false;
    for (let nl = b.indexOf(10); nl >= 0; nl = b.indexOf(10, at)) {
      if (start + at >= to) { done = true; break; }
      if (skip) skip = false; else parse(b, at, nl);
      at = nl + 1;
    }
    if (done || start + at >= to) break;
    if (!got) { if (at < b.length && !skip) parse(b, at, b.length); break; }
    carry = Buffer.from(b.subarray(at));
    start += at;
    pos += got;
  }
  closeSync(fd);
  parentPort.postMessage(n);
}
`,
);

// the peer for writing rows: the same lines parsed and written again, one at a time
const bareOut = join(tmpdir(), "mlicense-bare-writer.mjs");
writeFileSync(
  bareOut,
  `import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
const out = createWriteStream(process.argv[3]);
const t = performance.now();
for await (const line of createInterface({ input: createReadStream(process.argv[2]) }))
  if (!out.write(JSON.stringify(JSON.parse(line)) + "\\n")) await new Promise((r) => out.once("drain", r));
await new Promise((r) => out.end(r));
console.log((performance.now() - t) / 1000);
`,
);

/** The audit's write phase (seconds, from its --json timings) and the bytes it wrote, then the bare writer's seconds over those rows. */
function writeFigures(file) {
  const rowsFile = join(tmpdir(), "mlicense-bench-rows.jsonl");
  const again = join(tmpdir(), "mlicense-bench-rows-again.jsonl");
  const r = spawnSync("node", [CLI, "audit", file, "--json", "--out", rowsFile], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const write = JSON.parse(r.stdout).timings.write;
  const bytes = statSync(rowsFile).size;
  const bareWrite = Number(execFileSync("node", [bareOut, rowsFile, again], { encoding: "utf8" }));
  return [write, bytes, bareWrite];
}

/** Median wall seconds and peak RSS (MB) of a command over `runs` runs, from /usr/bin/time. */
function figures(args, runs) {
  const samples = [];
  for (let k = 0; k < runs; k++) {
    const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %M", "node", ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`no timing for ${args.join(" ")}: ${r.stderr.slice(-500)}`);
    samples.push([Number(m[1]), Number(m[2]) / 1024]);
  }
  samples.sort((a, b) => a[0] - b[0]);
  return samples[Math.floor(samples.length / 2)];
}

console.log(`audit bench — ${machine()}`);
console.log(
  `mode ${mode}\nrows        file MB  bare s  bare2 s  bare MB  audit s  audit MB  time vs bare  vs bare2  memory vs bare  rows/s (audit)` +
    (withOut ? "  write s  out MB  out MB/s  bare write s  write vs bare" : ""),
);
for (const n of list) {
  // the generator's variables change the rows: a dump cached under another setting is another dump
  const knobs = ["POOL", "RECENTP", "ROOTP", "FIELDS"]
    .filter((k) => process.env[k])
    .map((k) => `-${k.toLowerCase()}-${process.env[k]}`)
    .join("");
  const file = join(
    tmpdir(),
    mode === "realistic" ? `mlicense-hub-${n}${knobs}.jsonl` : `mlicense-hub-${mode}-${n}${knobs}.jsonl`,
  );
  if (!existsSync(file))
    execFileSync(
      "node",
      [join(root, "bench", "audit", "generate.mjs"), String(n), file, "42", "--mode", mode],
      {
        stdio: "ignore",
      },
    );
  // three runs even for the big dumps: on a shared 2-CPU machine one run can be 30% off the median
  const runs = 3;
  const [bt, bm] = figures([bare, file], runs);
  const [b2t] = figures([bare2, file], runs);
  const [at, am] = figures([CLI, "audit", file, "--json"], runs);
  const w = withOut ? writeFigures(file) : null;
  console.log(
    [
      String(n).padEnd(10),
      (statSync(file).size / 1e6).toFixed(0).padStart(8),
      bt.toFixed(2).padStart(7),
      b2t.toFixed(2).padStart(8),
      bm.toFixed(0).padStart(8),
      at.toFixed(2).padStart(8),
      am.toFixed(0).padStart(9),
      `${(at / bt).toFixed(2)}x`.padStart(13),
      `${(at / b2t).toFixed(2)}x`.padStart(9),
      `${(am / bm).toFixed(2)}x`.padStart(15),
      Math.round(n / at)
        .toLocaleString("en-US")
        .padStart(15),
      ...(w
        ? [
            w[0].toFixed(2).padStart(8),
            (w[1] / 1e6).toFixed(0).padStart(7),
            (w[1] / 1e6 / w[0]).toFixed(0).padStart(9),
            w[2].toFixed(2).padStart(13),
            `${(w[0] / w[2]).toFixed(2)}x`.padStart(14),
          ]
        : []),
    ].join(" "),
  );
}
