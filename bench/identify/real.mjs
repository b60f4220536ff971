#!/usr/bin/env node
// Real-file identification bench: mlicense against licensee and licensecheck on other detectors'
// public test files (full texts, notices, source headers, references, bare URLs, non-licenses),
// plus a generated class of notices and URLs (each GNU license's own recommended notice with and
// without "or any later version", Apache's appendix notice, MPL's exhibit, license URLs in their
// many spellings). Accuracy by class and time, on the same files, in one process per tool.
//
//   node bench/identify/real.mjs --scancode DIR --licensee DIR --askalono DIR [--per-source N] [--runs N]
//
// DIR: checkouts of aboutcode-org/scancode-toolkit, licensee/licensee, jpeddicord/askalono. Their
// files are read where they are, never copied into this repository; their expectations are mapped
// into mlicense's ids by real-corpus.mjs. A file is right when the set of licenses a tool names
// equals its expectation (NOASSERTION and "unknown" answers name nothing); for a license neither
// the knowledge base nor SPDX has, right is naming nothing.
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
  median,
  ratio,
  table,
  timeSpawn,
} from "../_lib/common.mjs";
import { idMapper } from "./corpus.mjs";
import { buildRealCorpus } from "./real-corpus.mjs";

const { values: opt } = parseArgs({
  options: {
    scancode: { type: "string" },
    licensee: { type: "string" },
    askalono: { type: "string" },
    "per-source": { type: "string" },
    runs: { type: "string", default: "1" },
    misses: { type: "string", default: "40" },
  },
});
const RUNS = Math.max(1, Number(opt.runs) || 1);
ensureBuilt();
const tools = ensureApt({ licensee: "ruby-licensee", licensecheck: "licensecheck", "/usr/bin/time": "time" });
const kb = JSON.parse(readFileSync(join(ROOT, "dist", "kb.json"), "utf8"));
const toKb = idMapper(kb);
const require = createRequire(import.meta.url);
const spdx = require("spdx-license-list/full");

const dir = mkdtempSync(join(tmpdir(), "mlicense-bench-real-"));
try {
  const { entries } = buildRealCorpus({
    scancode: opt.scancode,
    licensee: opt.licensee,
    askalono: opt.askalono,
    kb,
    perSource: opt["per-source"] ? Number(opt["per-source"]) : Infinity,
  });
  // scancode's NuGet URL tests point at arbitrary projects' LICENSE files, which name their
  // license only to a tool that memorised them
  const real = entries.filter((e) => !e.name.startsWith("lic2/nuget/"));
  const generated = noticesAndUrls(join(dir, "generated"));
  const manifest = [...real, ...generated];
  const files = manifest.map((m) => m.file);
  console.log(`real-file identify bench — ${machine()}`);
  const byClass = {};
  for (const m of manifest) byClass[m.class] = (byClass[m.class] ?? 0) + 1;
  console.log(
    `files: ${manifest.length} (${real.length} real, ${generated.length} generated) — ` +
      Object.entries(byClass)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
  );

  const runner = join(SHARED, "tools", "licensee-identify.rb");
  const commands = { mlicense: [process.execPath, [CLI, "identify", "--json", ...files]] };
  if (tools.licensee && existsSync(runner)) commands.licensee = ["ruby", [runner, ...files]];
  if (tools.licensecheck)
    commands.licensecheck = [
      "licensecheck",
      ["--machine", "--shortname-scheme", "spdx", "--lines", "0", "--check", ".", ...files],
    ];
  const raw = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++)
    for (const [tool, [cmd, args]] of Object.entries(commands)) raw[tool].push(timeSpawn(cmd, args));

  const answers = {};
  const doc = JSON.parse(raw.mlicense[0].stdout);
  answers.mlicense = new Map(
    doc.results.map((r) => [r.file, r.matches.map((m) => m.id).filter((id) => id !== "NOASSERTION")]),
  );
  if (raw.licensee?.[0]?.status === 0)
    answers.licensee = new Map(
      raw.licensee[0].stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
        .filter((o) => "file" in o)
        .map((o) => [o.file, [o.id ?? o.key].filter(Boolean)]),
    );
  if (raw.licensecheck) {
    answers.licensecheck = new Map();
    for (const line of raw.licensecheck[0].stdout.split("\n")) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      const ids = line
        .slice(tab + 1)
        .replace(/\*No copyright\*/g, "")
        .split(/\s+(?:and\/or|or|and)\s+|,\s*/i)
        .map((s) => s.replace(/\s+with\s+.*$/i, "").trim())
        .filter(Boolean);
      answers.licensecheck.set(line.slice(0, tab), ids);
    }
  }
  const norm = (ids) => [...new Set(ids.map((x) => toKb(x)).filter(Boolean))].sort();
  const classes = [...new Set(manifest.map((m) => m.class))];
  const rows = [["tool", ...classes, "all", "wrong names (kb lacks)", "s wall", "s CPU"]];
  const misses = [];
  for (const tool of Object.keys(answers)) {
    const ok = Object.fromEntries(classes.map((c) => [c, { ok: 0, n: 0 }]));
    let all = 0,
      wrongUnknown = 0;
    for (const m of manifest) {
      const got = norm(answers[tool].get(m.file) ?? []);
      // a truth "a|b" is right as either id: the one the tool gave, else the first
      const gotSet = new Set(got);
      const want = norm(
        m.truth.map((t) => t.split("|").find((alt) => gotSet.has(toKb(alt))) ?? t.split("|")[0]),
      );
      const right = got.join(" ") === want.join(" ");
      ok[m.class].n++;
      if (right) {
        ok[m.class].ok++;
        all++;
      } else if (tool === "mlicense") misses.push({ m, got, want });
      if (!want.length && m.unknown.length && got.length) wrongUnknown++;
    }
    const r = raw[tool];
    rows.push([
      tool,
      ...classes.map((c) => `${ok[c].ok}/${ok[c].n}`),
      `${all}/${manifest.length} ${((100 * all) / manifest.length).toFixed(1)}%`,
      String(wrongUnknown),
      median(r.map((x) => x.seconds)).toFixed(2),
      median(r.map((x) => x.cpu)).toFixed(2),
    ]);
  }
  console.log();
  table(rows);
  const wall = (t) => median(raw[t].map((x) => x.seconds));
  for (const peer of ["licensee", "licensecheck"])
    if (answers[peer])
      console.log(
        `  speed, files per second, mlicense / ${peer} (wall): ${ratio(1 / wall("mlicense"), 1 / wall(peer))}`,
      );
  const shown = Number(opt.misses);
  console.log(`\nmlicense misses (${misses.length}; first ${Math.min(shown, misses.length)}):`);
  for (const { m, got, want } of misses.slice(0, shown))
    console.log(
      `  ${m.class.padEnd(13)} ${m.name.slice(0, 60).padEnd(60)} want ${want.join(",") || "none"}${m.unknown.length ? ` (${m.unknown.join(",")} unknown)` : ""}; got ${got.join(",") || "none"}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The generated notices/URLs class, with its truth. */
function noticesAndUrls(out) {
  mkdirSync(out, { recursive: true });
  const cases = [];
  const add = (name, text, truth) => {
    const file = join(out, name);
    writeFileSync(file, text);
    cases.push({
      source: "generated",
      file,
      name: `generated/${name}`,
      truth,
      unknown: [],
      class: "notice/url",
    });
  };
  const notice = (id) => {
    const t = spdx[id].licenseText;
    const m =
      /(This (?:program|library) is free software[\s\S]*?(?:any later version|of the License)\.)/.exec(t) ??
      /(Licensed under the Apache License[\s\S]*?limitations under the License\.)/.exec(t) ??
      /(This Source Code Form is subject to[\s\S]*?\/MPL\/2\.0\/\.)/.exec(t);
    return m[1].replace(/<[^>]*>/g, "Example").replace(/\s+/g, " ");
  };
  const comment = (s, k) =>
    k % 2 ? `/*\n * Copyright (C) 2024 Example\n *\n * ${s}\n */\n` : `# Copyright 2024 Example\n#\n# ${s}\n`;
  let k = 0;
  for (const [id, later] of [
    ["GPL-2.0-only", "GPL-2.0-or-later"],
    ["GPL-3.0-only", "GPL-3.0-or-later"],
    ["LGPL-2.1-only", "LGPL-2.1-or-later"],
    ["AGPL-3.0-only", "AGPL-3.0-or-later"],
  ]) {
    const n = notice(id);
    add(`${later}.notice.c`, comment(n, k++), [later]);
    const only = n
      .replace(
        /;? ?either version ([\d.]+) of the License, or \(at your option\) any later version/,
        "; version $1 of the License",
      )
      .replace(/, or \(at your option\) any later version/, "");
    add(`${id}.notice.sh`, comment(only, k++), [id]);
  }
  add("Apache-2.0.notice.java", comment(notice("Apache-2.0"), k++), ["Apache-2.0"]);
  add("MPL-2.0.notice.py", comment(notice("MPL-2.0"), k++), ["MPL-2.0"]);
  const urls = [
    ["http://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0"],
    ["https://opensource.org/licenses/BSD-2-Clause", "BSD-2-Clause"],
    ["www.opensource.org/licenses/mit-license.php", "MIT"],
    ["https://www.gnu.org/licenses/gpl-3.0.txt", "GPL-3.0-only"],
    ["https://creativecommons.org/licenses/by/4.0/legalcode.en", "CC-BY-4.0"],
    ["https://spdx.org/licenses/Zlib.html", "Zlib"],
    ["https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"],
  ];
  for (const [u, id] of urls) add(`${id}.url.txt`, `${u}\n`, [id]);
  for (const l of kb.licenses
    .filter((x) => x.url && /github\.com\/[^/]+\/[^/]+\/blob\//.test(x.url))
    .slice(0, 8)) {
    const raw = l.url.replace(
      /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/blob\//,
      "https://raw.githubusercontent.com/$1/$2/",
    );
    add(`${l.id}.raw-url.txt`, `License: ${raw}\n`, [l.id]);
  }
  return cases;
}
