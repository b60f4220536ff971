#!/usr/bin/env node
// Hostile-card bench: inspect on the card shapes that were slow before the readers were split (a
// heading of thousands of spaces, a base_model list of 20,000 entries) at growing sizes, against
// the former patterns run on the same input: the heading regex /^#\s+(.+?)\s*#*\s*$/m and the
// base de-duplication by a linear search per base. The growth factor per doubling says linear
// (about 2x) or not (4x and more).
//
//   node bench/inspect/hostile-cards.mjs [--runs N]     (default 5; the former heading regex is
//                                                        timed at small sizes only: it is
//                                                        worse than quadratic)
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { ensureBuilt, machine, median, ROOT, table } from "../_lib/common.mjs";

const { values: opt } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Math.max(3, Number(opt.runs) || 5);

ensureBuilt();
const { inspectFiles } = await import(pathToFileURL(join(ROOT, "dist", "src", "inspect", "inspect.js")).href);
const { firstHeading } = await import(
  pathToFileURL(join(ROOT, "dist", "src", "inspect", "card-heading.js")).href
);

function time(fn) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}
const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

console.log(`hostile-cards bench — ${machine()}; ${RUNS} runs, medians in ms`);

// a heading line of n spaces with a near-miss at the end: "# " + spaces + "x" + spaces + "#a"
const heading = (n) => `# ${" ".repeat(n)}x${" ".repeat(n)}#a\n`;
const FORMER_HEADING = /^#\s+(.+?)\s*#*\s*$/m;
const rows = [["spaces", "scan", "card (inspect)", "former regex", "regex / scan"]];
for (const n of [250, 500, 1000, 2000, 20_000, 100_000]) {
  const md = heading(n);
  const scan = time(() => firstHeading(md));
  const card = time(() => inspectFiles({ "README.md": `---\nlicense: mit\n---\n${md}` }));
  const former = n <= 1000 ? time(() => FORMER_HEADING.exec(md)) : undefined;
  rows.push([
    String(n),
    fmt(scan),
    fmt(card),
    former === undefined ? "(not run)" : fmt(former),
    former === undefined ? "-" : `${(former / Math.max(scan, 1e-3)).toFixed(0)}x`,
  ]);
}
console.log("\nheading of spaces");
table(rows);

// short ids: 20,000 of them must fit the front matter cap (256 kB)
const bases = (n) => Array.from({ length: n }, (_, i) => `o/m${i}`);
function formerDedup(ids) {
  const out = [];
  for (const id of ids) {
    const prev = out.find((b) => b.id.toLowerCase() === id.toLowerCase());
    if (prev) prev.n++;
    else out.push({ id, n: 1 });
  }
  return out.length;
}
function dedup(ids) {
  const m = new Map();
  for (const id of ids) {
    const k = id.toLowerCase();
    const prev = m.get(k);
    if (prev) prev.n++;
    else m.set(k, { id, n: 1 });
  }
  return m.size;
}
const rows2 = [["bases", "de-dup (Map)", "former (find)", "former / Map", "card (inspect, YAML included)"]];
for (const n of [2500, 5000, 10_000, 20_000]) {
  const ids = bases(n);
  const card = `---\nlicense: mit\nbase_model:\n${ids.map((i) => `- ${i}`).join("\n")}\n---\n`;
  const now = time(() => dedup(ids));
  const former = time(() => formerDedup(ids));
  const whole = time(() => inspectFiles({ "README.md": card }));
  rows2.push([String(n), fmt(now), fmt(former), `${(former / Math.max(now, 1e-3)).toFixed(0)}x`, fmt(whole)]);
}
console.log("\nbase_model list");
table(rows2);
