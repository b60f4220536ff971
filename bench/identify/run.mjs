#!/usr/bin/env node
// Identification bench: accuracy and speed of `mlicense identify` against licensee and
// licensecheck on the same generated corpus (perturbed SPDX texts, perturbed ML licenses, and
// files that are not licenses), run in this script on this machine.
//
//   node bench/identify/run.mjs [--runs N] [--keep]
//
// Each tool runs over all files in one process, N times (default 3); speeds are medians, accuracy
// comes from the first run. Nothing here fails on a time: the figures are for reading.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  median,
  ratio,
  table,
  timeSpawn,
} from "../_lib/common.mjs";
import { KINDS, buildCorpus, idMapper } from "./corpus.mjs";

const { values: opt } = parseArgs({
  options: { runs: { type: "string", default: "3" }, keep: { type: "boolean", default: false } },
});
const RUNS = Math.max(1, Number(opt.runs) || 3);
/** Perturbations that change a sentence of the terms (see corpus.mjs). */
const SUBSTANTIVE = new Set(["sentence-changed", "markdown+sentence"]);

ensureBuilt();
const tools = ensureApt({ licensee: "ruby-licensee", licensecheck: "licensecheck", "/usr/bin/time": "time" });
const kb = JSON.parse(readFileSync(join(ROOT, "dist", "kb.json"), "utf8"));
const toKb = idMapper(kb);

const dir = mkdtempSync(join(tmpdir(), "mlicense-bench-identify-"));
try {
  const { manifest, unscored, spdxClasses, spdxIds } = buildCorpus({ dir, root: ROOT, shared: SHARED, kb });
  const files = manifest.map((m) => m.file);
  const parts = ["spdx", "ml", "negative"];
  const count = (p) => manifest.filter((m) => m.part === p).length;
  const negKinds = ["source", "readme", "changelog"].map(
    (k) => `${k} ${manifest.filter((m) => m.part === "negative" && m.kind === k).length}`,
  );

  console.log(`identify bench — ${machine()}`);
  console.log(
    `corpus: ${files.length} files — spdx ${count("spdx")} (one per license text that can be told apart: ${spdxClasses} classes of ${spdxIds} SPDX ids), ` +
      `ml ${count("ml")} (${new Set(manifest.filter((m) => m.part === "ml").map((m) => m.source)).size} ML license files x ${Object.keys(KINDS).length} perturbations), ` +
      `negatives ${count("negative")} (${negKinds.join(", ")})`,
  );
  console.log(`perturbations: ${Object.keys(KINDS).join(", ")}`);
  if (unscored.length)
    console.log(`ML files left out (no agreed truth in the knowledge base): ${unscored.join(", ")}`);
  console.log(`runs per tool: ${RUNS}; times are medians\n`);

  // ---- run the tools: one round runs each tool once, so load changes hit all tools alike ----
  const runner = join(SHARED, "tools", "licensee-identify.rb");
  if (!tools.licensee) console.log("licensee: not available (ruby-licensee could not be installed); skipped");
  if (!existsSync(runner)) console.log(`licensee: no runner at ${runner}; skipped`);
  if (!tools.licensecheck) console.log("licensecheck: not available; skipped");
  const commands = { mlicense: [process.execPath, [CLI, "identify", "--json", ...files]] };
  if (tools.licensee && existsSync(runner)) commands.licensee = ["ruby", [runner, ...files]];
  // --lines 0: read whole files (the default 60 lines is for source headers, not license texts);
  // --check .: take every file given, not only "common source files"
  if (tools.licensecheck)
    commands.licensecheck = [
      "licensecheck",
      ["--machine", "--shortname-scheme", "spdx", "--lines", "0", "--check", ".", ...files],
    ];
  const raw = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++)
    for (const [tool, [cmd, args]] of Object.entries(commands)) raw[tool].push(timeSpawn(cmd, args));

  const runs = {};
  const timing = (rs) => ({ wall: median(rs.map((r) => r.seconds)), cpu: median(rs.map((r) => r.cpu)) });
  const mlDoc = JSON.parse(raw.mlicense[0].stdout);
  runs.mlicense = {
    ...timing(raw.mlicense),
    answers: new Map(mlDoc.results.map((r) => [r.file, r.matches[0]?.id ?? null])),
    extra: new Map(mlDoc.results.map((r) => [r.file, r])),
  };
  if (raw.licensee) {
    if (raw.licensee[0].status !== 0)
      console.log(`licensee runner failed: ${raw.licensee[0].stderr.slice(0, 500)}`);
    else {
      const lines = raw.licensee.map((r) =>
        r.stdout
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l)),
      );
      runs.licensee = {
        ...timing(raw.licensee),
        ident: median(lines.map((ls) => ls.at(-1).seconds)),
        answers: new Map(lines[0].filter((o) => "file" in o).map((o) => [o.file, o.id ?? o.key ?? null])),
      };
    }
  }
  if (raw.licensecheck) {
    const answers = new Map();
    for (const line of raw.licensecheck[0].stdout.split("\n")) {
      const tab = line.indexOf("\t");
      if (tab > 0)
        answers.set(
          line.slice(0, tab),
          line
            .slice(tab + 1)
            .replace(/\*No copyright\*/g, "")
            .trim(),
        );
    }
    runs.licensecheck = { ...timing(raw.licensecheck), answers, multi: true };
  }

  // ---- score ----
  /** licensecheck names several licenses in one string ("GPL-2+ and/or MIT", "X with Y exception"). */
  const candidates = (tool, raw) => {
    if (raw === null || raw === undefined) return [];
    if (!runs[tool].multi) return [toKb(raw)].filter(Boolean);
    return String(raw)
      .split(/\s+(?:and\/or|or|and)\s+|,\s*/i)
      .map((s) => s.replace(/\s+with\s+.*$/i, "").trim())
      .map(toKb)
      .filter(Boolean);
  };
  /**
   * Right: naming the truth, or nothing on a negative. A sentence of the terms replaced makes
   * another license: right there is naming no other license, and for mlicense also reporting the
   * text as resembling the license it was made from.
   */
  const isRight = (tool, m, got) => {
    if (!m.truth.length) return got.length === 0;
    if (!SUBSTANTIVE.has(m.kind)) return got.some((g) => m.truth.includes(g));
    const resembles = (runs[tool].extra?.get(m.file)?.resembles ?? []).map((x) => toKb(x.id));
    return (
      got.every((g) => m.truth.includes(g)) &&
      (tool !== "mlicense" || [...got, ...resembles].some((g) => m.truth.includes(g)))
    );
  };
  const score = {};
  for (const tool of Object.keys(runs)) {
    const s = (score[tool] = { byPart: {}, byKind: {}, misses: [] });
    for (const p of parts) s.byPart[p] = { ok: 0, n: 0, none: 0 };
    for (const m of manifest) {
      const got = candidates(tool, runs[tool].answers.get(m.file));
      const ok = isRight(tool, m, got);
      const b = s.byPart[m.part];
      b.n++;
      if (ok) b.ok++;
      if (!got.length) b.none++;
      if (m.part !== "negative") {
        const k = (s.byKind[m.kind] ??= { ok: 0, n: 0 });
        k.n++;
        if (ok) k.ok++;
      }
      if (!ok) s.misses.push({ m, got });
    }
  }

  // Head to head on the licenses each peer knows at all (its own list), so that a peer is not
  // judged on licenses it never claims to detect.
  const known = {};
  if (runs.licensee) {
    const r = timeSpawn("ruby", [
      "-e",
      'require "licensee"; puts Licensee.licenses(hidden: true).map(&:spdx_id)',
    ]);
    known.licensee = new Set(r.stdout.split("\n").map(toKb).filter(Boolean));
  }
  if (runs.licensecheck) {
    const r = timeSpawn("licensecheck", ["--list-licenses", "--shortname-scheme", "spdx"]);
    known.licensecheck = new Set(r.stdout.split("\n").map(toKb).filter(Boolean));
  }
  const subset = (peer) => {
    const files = manifest.filter((m) => m.part !== "negative" && m.truth.some((t) => known[peer].has(t)));
    const acc = (tool) => {
      const b = { ok: 0, n: files.length };
      for (const m of files) if (isRight(tool, m, candidates(tool, runs[tool].answers.get(m.file)))) b.ok++;
      return b;
    };
    return {
      n: files.length,
      licenses: new Set(files.map((m) => m.source)).size,
      mine: acc("mlicense"),
      peer: acc(peer),
    };
  };

  const pct = (b) => (b.n ? `${b.ok}/${b.n} ${((100 * b.ok) / b.n).toFixed(1)}%` : "n/a");
  const fp = (b) => `${b.n - b.ok}/${b.n}`;
  const rows = [
    [
      "tool",
      "SPDX accuracy",
      "ML accuracy",
      "false positives",
      "files/s wall",
      "files/CPU-s",
      "files/s ident.",
    ],
  ];
  for (const [tool, r] of Object.entries(runs)) {
    const s = score[tool].byPart;
    rows.push([
      tool,
      pct(s.spdx),
      pct(s.ml),
      fp(s.negative),
      (files.length / r.wall).toFixed(0),
      Number.isFinite(r.cpu) ? (files.length / r.cpu).toFixed(0) : "-",
      r.ident ? (files.length / r.ident).toFixed(0) : "-",
    ]);
  }
  table(rows);
  console.log(
    "\n  files/s wall: whole process, start-up included (median of runs); files/CPU-s: the same over user +\n" +
      "  system CPU time (steadier on a busy machine); files/s ident.: licensee's own timing of its\n" +
      "  identification loop, Ruby and licensee start-up excluded.",
  );

  for (const peer of Object.keys(known)) {
    const s = subset(peer);
    console.log(
      `\non the ${s.n} license files whose license ${peer} lists (${s.licenses} source texts): ` +
        `mlicense ${pct(s.mine)}, ${peer} ${pct(s.peer)}`,
    );
  }

  console.log("\nspeed ratios, mlicense / peer (files per second, medians; > 1 means mlicense is faster):");
  const rate = (r, k) => files.length / r[k];
  const mine = runs.mlicense;
  if (runs.licensee) {
    console.log(
      `  vs licensee, wall (both with start-up):                ${ratio(rate(mine, "wall"), rate(runs.licensee, "wall"))}`,
    );
    console.log(
      `  vs licensee, CPU time (both with start-up):            ${ratio(rate(mine, "cpu"), rate(runs.licensee, "cpu"))}`,
    );
    console.log(
      `  vs licensee's identification loop (its start-up out):  ${ratio(rate(mine, "wall"), rate(runs.licensee, "ident"))}`,
    );
  }
  if (runs.licensecheck) {
    console.log(
      `  vs licensecheck, wall:                                 ${ratio(rate(mine, "wall"), rate(runs.licensecheck, "wall"))}`,
    );
    console.log(
      `  vs licensecheck, CPU time:                             ${ratio(rate(mine, "cpu"), rate(runs.licensecheck, "cpu"))}`,
    );
  }

  console.log("\naccuracy by perturbation (SPDX and ML files together):");
  const kindRows = [["perturbation", ...Object.keys(runs)]];
  for (const k of Object.keys(KINDS))
    kindRows.push([k, ...Object.keys(runs).map((t) => pct(score[t].byKind[k] ?? { ok: 0, n: 0 }))]);
  table(kindRows);

  const shown = 60;
  const order = { negative: 0, ml: 1, spdx: 2 };
  const misses = score.mlicense.misses.sort((a, b) => order[a.m.part] - order[b.m.part]);
  console.log(`\nmlicense misses (${misses.length}${misses.length > shown ? `; first ${shown}` : ""}):`);
  for (const { m } of misses.slice(0, shown)) {
    const r = runs.mlicense.extra.get(m.file);
    const best = r?.matches?.[0];
    const gotText = r?.error
      ? `error ${r.error.code}`
      : best
        ? `${best.id} (${best.method}, ${Math.round(best.confidence * 100)}%)`
        : "no match";
    const src = m.source.replace(/^negative:.*\/node_modules\//, "negative:node_modules/");
    console.log(
      `  ${m.part.padEnd(8)} ${m.kind.padEnd(17)} ${src.slice(0, 60).padEnd(60)} want ${m.truth.slice(0, 3).join("|") + (m.truth.length > 3 ? "|…" : "") || "none"}; got ${gotText}`,
    );
  }
  if (opt.keep) console.log(`\ncorpus kept in ${dir} (manifest.json lists each file's truth)`);
} finally {
  if (!opt.keep) rmSync(dir, { recursive: true, force: true });
}
