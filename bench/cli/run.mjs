#!/usr/bin/env node
// CLI cold-start bench: a fresh process per run for `explain`, `identify` on one LICENSE and
// `check` on a model with a two-level lineage, against the floors `node -e 0` and `ruby -e 0` and
// against `licensee detect` on the same LICENSE.
//
//   node bench/cli/run.mjs [--runs N]      (default 15 runs per command, after 2 warm-up runs)
//
// Times are medians; the comparison is the ratio to the floor and to licensee. No thresholds.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CLI,
  ROOT,
  SHARED,
  ensureApt,
  ensureBuilt,
  machine,
  ms,
  ratio,
  table,
  timeCommands,
  timeSpawn,
} from "../_lib/common.mjs";

const { values: opt } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const RUNS = Math.max(10, Number(opt.runs) || 15);

ensureBuilt();
const tools = ensureApt({ hyperfine: "hyperfine", licensee: "ruby-licensee" });
const spdx = createRequire(join(ROOT, "package.json"))("spdx-license-list/full");

const dir = mkdtempSync(join(tmpdir(), "mlicense-bench-cli-"));
try {
  // one LICENSE that both tools know: the SPDX Apache-2.0 text
  mkdirSync(join(dir, "project"));
  const license = join(dir, "project", "LICENSE");
  writeFileSync(license, spdx["Apache-2.0"].licenseText);

  // a model whose lineage has two levels: model -> example-org/llama-3.1-mid -> example-org/llama-3.1-root
  const llamaText = join(SHARED, "corpus", "ml-licenses", "llama3.1.txt");
  const card = (front, heading) =>
    `---\n${front}\n---\n\n# ${heading}\n\nA small model used as an example.\n`;
  const model = join(dir, "model");
  const registry = join(dir, "registry");
  const mid = join(registry, "example-org", "llama-3.1-mid");
  const root = join(registry, "example-org", "llama-3.1-root");
  for (const d of [model, mid, root]) mkdirSync(d, { recursive: true });
  writeFileSync(
    join(model, "README.md"),
    card(
      "license: llama3.1\nbase_model: example-org/llama-3.1-mid\nbase_model_relation: finetune",
      "Llama-3.1-Chat-Tuned",
    ),
  );
  writeFileSync(
    join(mid, "README.md"),
    card(
      "license: llama3.1\nbase_model: example-org/llama-3.1-root\nbase_model_relation: finetune",
      "Llama-3.1-Mid",
    ),
  );
  writeFileSync(join(root, "README.md"), card("license: llama3.1", "Llama-3.1-Root"));
  // the model ships its license text, as real model repos do, so `check` identifies a file too
  if (existsSync(llamaText)) writeFileSync(join(model, "LICENSE"), readFileSync(llamaText));

  const node = process.execPath;
  const checkArgs = [CLI, "check", model, "--registry", registry, "--offline", "--json"];
  const commands = [
    { name: "node -e 0", cmd: [node, "-e", "0"] },
    { name: "mlicense explain llama3.1", cmd: [node, CLI, "explain", "llama3.1", "--json"] },
    { name: "mlicense identify LICENSE", cmd: [node, CLI, "identify", license, "--json"] },
    { name: "mlicense check (2-level lineage)", cmd: [node, ...checkArgs] },
  ];
  if (tools.licensee) {
    commands.push({ name: "ruby -e 0", cmd: ["ruby", "-e", "0"] });
    commands.push({ name: "licensee detect LICENSE", cmd: ["licensee", "detect", license] });
  } else console.log("licensee: not available (ruby-licensee could not be installed); skipped");

  // what each command answers, so a broken command is not timed as a fast one
  const idOut = JSON.parse(timeSpawn(node, [CLI, "identify", license, "--json"]).stdout);
  const chk = timeSpawn(node, checkArgs);
  const chkOut = JSON.parse(chk.stdout);
  const depth = (v) => (v?.bases?.length ? 1 + Math.max(...v.bases.map(depth)) : 0);
  const explainOut = JSON.parse(timeSpawn(node, [CLI, "explain", "llama3.1", "--json"]).stdout);

  console.log(`cli cold-start bench — ${machine()}`);
  console.log(
    `answers: explain -> ${explainOut.id ?? explainOut.license?.id ?? "?"}; identify -> ${idOut.results[0].matches[0]?.id}; ` +
      `check -> verdict ${chkOut.verdict} (exit ${chk.status}), lineage depth ${depth(chkOut.lineage)}` +
      `${existsSync(llamaText) ? ", model folder holds the Llama 3.1 LICENSE" : ""}`,
  );

  const t = timeCommands(commands, { runs: RUNS, warmup: 2 });
  const floor = t["node -e 0"].median;
  console.log(`timed with ${t["node -e 0"].tool}, ${RUNS} runs per command after 2 warm-up runs; medians\n`);
  const rows = [["command", "median wall", "CPU user+sys", "x its floor", "above its floor"]];
  for (const c of commands) {
    const m = t[c.name].median;
    const ruby = c.cmd[0] === "ruby" || c.cmd[0] === "licensee";
    const f = ruby ? t["ruby -e 0"].median : floor;
    const isFloor = c.name.endsWith("-e 0");
    rows.push([
      c.name,
      ms(m),
      ms(t[c.name].cpu),
      isFloor ? "(floor)" : ratio(m, f),
      isFloor ? "-" : `${ms(m - f)} (${ruby ? "ruby" : "node"})`,
    ]);
  }
  table(rows);
  if (t["licensee detect LICENSE"]) {
    const mine = t["mlicense identify LICENSE"].median;
    const theirs = t["licensee detect LICENSE"].median;
    console.log(
      `\nmlicense identify / licensee detect, same LICENSE, time ratio: ${ratio(mine, theirs)}` +
        ` (licensee takes ${ratio(theirs, mine)} as long)`,
    );
    const rubyFloor = t["ruby -e 0"].median;
    console.log(
      `CPU time ratio: ${ratio(t["mlicense identify LICENSE"].cpu, t["licensee detect LICENSE"].cpu)}`,
    );
    console.log(
      `above each runtime's own floor: mlicense ${ms(mine - floor)}, licensee ${ms(theirs - rubyFloor)}` +
        ` (ratio ${ratio(mine - floor, theirs - rubyFloor)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
