#!/usr/bin/env node
// Audit speed and memory against a bare reader that only parses the same file (JSON.parse per
// line), side by side in one run: the audit's cost over the bare parse is the number to drive down.
// Usage: node bench/audit/run.mjs [rows...]   (default 10000 100000 1000000 2000000)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT as root, ensureBuilt, machine } from "../_lib/common.mjs";

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
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
  "rows        file MB  bare s  bare MB  audit s  audit MB  time vs bare  memory vs bare  rows/s (audit)",
);
for (const n of list) {
  const file = join(tmpdir(), `mlicense-hub-${n}.jsonl`);
  if (!existsSync(file))
    execFileSync("node", [join(root, "bench", "audit", "generate.mjs"), String(n), file], {
      stdio: "ignore",
    });
  // three runs even for the big dumps: on a shared 2-CPU machine one run can be 30% off the median
  const runs = 3;
  const [bt, bm] = figures([bare, file], runs);
  const [at, am] = figures([CLI, "audit", file, "--json"], runs);
  console.log(
    [
      String(n).padEnd(10),
      (statSync(file).size / 1e6).toFixed(0).padStart(8),
      bt.toFixed(2).padStart(7),
      bm.toFixed(0).padStart(8),
      at.toFixed(2).padStart(8),
      am.toFixed(0).padStart(9),
      `${(at / bt).toFixed(2)}x`.padStart(13),
      `${(am / bm).toFixed(2)}x`.padStart(15),
      Math.round(n / at)
        .toLocaleString("en-US")
        .padStart(15),
    ].join(" "),
  );
}
