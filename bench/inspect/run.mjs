#!/usr/bin/env node
// Inspect bench: `mlicense inspect` on a model folder whose .safetensors and .gguf are 10 GiB
// (sparse: a valid header, then a hole) against the same folder with 1 KiB files. Inspect reads
// headers only, so the two should cost the same; the ratio says whether file size leaks in.
//
//   node bench/inspect/run.mjs [--runs N] [--size-gib G]     (defaults: 15 runs, 10 GiB)
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CLI,
  ensureApt,
  ensureBuilt,
  machine,
  ms,
  ratio,
  table,
  timeCommands,
  timeSpawn,
} from "../_lib/common.mjs";
import { writeGguf, writeSafetensors } from "./model-files.mjs";

const { values: opt } = parseArgs({
  options: { runs: { type: "string", default: "15" }, "size-gib": { type: "string", default: "10" } },
});
const RUNS = Math.max(10, Number(opt.runs) || 15);
const BIG = Math.round((Number(opt["size-gib"]) || 10) * 2 ** 30);
const SMALL = 1024;

ensureBuilt();
ensureApt({ hyperfine: "hyperfine" });

const dir = mkdtempSync(join(tmpdir(), "mlicense-bench-inspect-"));
try {
  const card = `---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B
base_model_relation: quantized
---

# Llama-3.1-8B-Bench

Weights in safetensors and GGUF, for the inspect bench.
`;
  const meta = {
    format: "pt",
    "modelspec.title": "Llama-3.1-8B-Bench",
    "modelspec.license": "llama3.1",
  };
  const kv = {
    "general.architecture": "llama",
    "general.name": "Llama-3.1-8B-Bench",
    "general.license": "llama3.1",
    "general.base_model.count": 1,
    "general.base_model.0.name": "Llama 3.1 8B",
    "general.base_model.0.organization": "Meta Llama",
    "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B",
  };
  const folders = {};
  for (const [name, size] of [
    ["big", BIG],
    ["small", SMALL],
  ]) {
    const d = join(dir, name);
    mkdirSync(d);
    writeFileSync(join(d, "README.md"), card);
    writeFileSync(join(d, "config.json"), JSON.stringify({ architectures: ["LlamaForCausalLM"] }));
    writeSafetensors(join(d, "model.safetensors"), size, meta);
    writeGguf(join(d, "model.Q4_K_M.gguf"), size, kv);
    folders[name] = d;
  }
  const allocated = ["model.safetensors", "model.Q4_K_M.gguf"]
    .map((f) => statSync(join(folders.big, f)).blocks * 512)
    .reduce((a, b) => a + b, 0);

  // what inspect answers, both ways: the same record apart from paths
  const answer = (d) => {
    const r = timeSpawn(process.execPath, [CLI, "inspect", d, "--json"]);
    if (r.status !== 0) throw new Error(`inspect ${d} failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
    const rec = JSON.parse(r.stdout);
    return `license ${rec.license.id}, ${rec.components.length} components, bases ${rec.bases.map((b) => `${b.id} (${b.relation})`).join(", ")}, ${rec.findings.length} findings`;
  };
  const bigAnswer = answer(folders.big);
  const smallAnswer = answer(folders.small);

  console.log(`inspect bench — ${machine()}`);
  console.log(
    `model folder: README.md, config.json, model.safetensors, model.Q4_K_M.gguf; big files ${(BIG / 2 ** 30).toFixed(1)} GiB each ` +
      `(${(allocated / 1024).toFixed(0)} KiB allocated on disk for both: sparse), small files ${SMALL} bytes each`,
  );
  console.log(`answers: big -> ${bigAnswer}`);
  console.log(`         small -> ${smallAnswer}${bigAnswer === smallAnswer ? " (same)" : " (DIFFERENT)"}`);

  const node = process.execPath;
  const commands = [
    { name: "node -e 0", cmd: [node, "-e", "0"] },
    { name: "inspect folder, 1 KiB files", cmd: [node, CLI, "inspect", folders.small, "--json"] },
    { name: "inspect folder, 10 GiB files", cmd: [node, CLI, "inspect", folders.big, "--json"] },
    {
      name: "inspect .gguf, 1 KiB",
      cmd: [node, CLI, "inspect", join(folders.small, "model.Q4_K_M.gguf"), "--json"],
    },
    {
      name: "inspect .gguf, 10 GiB",
      cmd: [node, CLI, "inspect", join(folders.big, "model.Q4_K_M.gguf"), "--json"],
    },
    {
      name: "inspect .safetensors, 1 KiB",
      cmd: [node, CLI, "inspect", join(folders.small, "model.safetensors"), "--json"],
    },
    {
      name: "inspect .safetensors, 10 GiB",
      cmd: [node, CLI, "inspect", join(folders.big, "model.safetensors"), "--json"],
    },
  ];
  const t = timeCommands(commands, { runs: RUNS, warmup: 2 });
  console.log(`timed with ${t["node -e 0"].tool}, ${RUNS} runs per command after 2 warm-up runs; medians\n`);
  const rows = [["command", "median wall", "CPU user+sys"]];
  for (const c of commands) rows.push([c.name, ms(t[c.name].median), ms(t[c.name].cpu)]);
  table(rows);
  console.log("\nratios, 10 GiB / 1 KiB (1.00x: file size does not matter):");
  const floor = t["node -e 0"].median;
  for (const what of ["folder", ".gguf", ".safetensors"]) {
    const b = t[`inspect ${what}, 10 GiB${what === "folder" ? " files" : ""}`];
    const s = t[`inspect ${what}, 1 KiB${what === "folder" ? " files" : ""}`];
    console.log(
      `  ${what.padEnd(13)} wall ${ratio(b.median, s.median)}, CPU ${ratio(b.cpu, s.cpu)}; ` +
        `above node -e 0: ${ratio(b.median - floor, s.median - floor)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
