// Builds the identification corpus in a folder: perturbed SPDX texts, perturbed ML license texts
// from the shared corpus, and negatives (source code, READMEs, changelogs) that state no license.
// Every file's truth is known by construction and written to manifest.json beside the files.
// Deterministic: the same inputs and seed give the same corpus.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  realpathSync,
  existsSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, extname, join } from "node:path";
import { gunzipSync } from "node:zlib";

/** Small seeded PRNG (mulberry32) so the corpus is the same on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    shuffle: (xs) => {
      const a2 = [...xs];
      for (let i = a2.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a2[i], a2[j]] = [a2[j], a2[i]];
      }
      return a2;
    },
  };
}

// ---- perturbations: each takes (text, title, r) and returns the new text ----

const HOLDERS = [
  "Example Labs, Inc.",
  "Jane Doe <jane@example.org>",
  "The Widget Authors",
  "ACME Research GmbH",
];
const NEW_SENTENCES = [
  "The parties agree that this paragraph was reworded for this copy of the terms.",
  "Questions about this notice may be sent to the maintainers at the address in the project README.",
  "Nothing in this section limits the rights that the recipient has under applicable local law.",
];

function paragraphs(text) {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function wrap(words, width) {
  const lines = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

/** Joins each paragraph's lines and wraps it again at another width. */
function rewrap(text, _title, r) {
  const width = r.pick([48, 64, 100, 132]);
  return paragraphs(text)
    .map((p) => wrap(p.split(/\s+/), width))
    .join("\n\n");
}

/** A title line and a copyright line on top, as projects often add. */
function titleAndCopyright(text, title, r) {
  const year = 2015 + r.int(10);
  return `${title}\n\nCopyright (c) ${year}-${year + 1 + r.int(3)} ${r.pick(HOLDERS)}\n\n${text.trim()}\n`;
}

/** Markdown: a heading, sub-headings for short title-like lines, list items, bold terms. */
function markdown(text, title) {
  const out = [`# ${title}`, ""];
  for (const p of paragraphs(text)) {
    const lines = p.split("\n").map((l) => l.trim());
    if (lines.length === 1 && lines[0].length < 70 && !/[.;:,]$/.test(lines[0])) {
      out.push(`## ${lines[0].replace(/^#+\s*/, "")}`, "");
      continue;
    }
    const md = lines.map((l) =>
      l
        .replace(/^(\d+)[.)]\s+/, "$1. ")
        .replace(/^\(?([a-z]|[ivx]+)\)\s+/, "- ")
        .replace(/^[*•·]\s+/, "- ")
        .replace(/"([A-Z][\w ]{1,30})"/g, '**"$1"**')
        .replace(/\u201c([A-Z][\w ]{1,30})\u201d/g, "**\u201c$1\u201d**"),
    );
    out.push(md.join("\n"), "");
  }
  return out.join("\n");
}

/** Replaces one sentence from the middle of the text with a made-up one. */
function sentenceChanged(text, _title, r) {
  const parts = text.split(/(?<=[.;])(\s+)(?=[A-Z(])/);
  // parts alternates sentence, separator, sentence...; pick a long sentence in the middle half
  const idx = [];
  for (let i = 0; i < parts.length; i += 2) {
    const words = parts[i].split(/\s+/).length;
    if (words >= 8 && i >= parts.length * 0.25 && i <= parts.length * 0.75) idx.push(i);
  }
  if (!idx.length)
    for (let i = 0; i < parts.length; i += 2) if (parts[i].split(/\s+/).length >= 6) idx.push(i);
  if (!idx.length) return `${text.trim()}\n\n${r.pick(NEW_SENTENCES)}\n`;
  parts[r.pick(idx)] = r.pick(NEW_SENTENCES);
  return parts.join("");
}

export const KINDS = {
  rewrap: (t, ti, r) => rewrap(t, ti, r),
  "title+copyright": (t, ti, r) => titleAndCopyright(t, ti, r),
  markdown: (t, ti, r) => markdown(t, ti, r),
  "sentence-changed": (t, ti, r) => sentenceChanged(t, ti, r),
  "title+rewrap": (t, ti, r) => titleAndCopyright(rewrap(t, ti, r), ti, r),
  "markdown+sentence": (t, ti, r) => markdown(sentenceChanged(t, ti, r), ti, r),
};
const KIND_NAMES = Object.keys(KINDS);

// ---- truth: ids in the space mlicense reports (kb id when the kb has the license, else SPDX) ----

/** Spelling differences between tools for the same license (case, `+`, GNU short versions). */
export function canonSpelling(id) {
  let s = id.trim().toLowerCase();
  s = s.replace(/\+$/, "-or-later");
  s = s.replace(/^((?:a|l)?gpl)-(\d)(-or-later|-only)?$/, "$1-$2.0$3");
  if (s === "wtfpl-2") s = "wtfpl";
  return s;
}

/** Maps any tool's license id into mlicense's id space, or null for "no match". */
export function idMapper(kb) {
  const kbIds = new Set(kb.licenses.map((l) => l.id.toLowerCase()));
  const spdxToKb = new Map();
  for (const l of kb.licenses) if (l.spdx) spdxToKb.set(canonSpelling(l.spdx), l.id);
  const NO_MATCH = new Set(["noassertion", "none", "other", "no-license", "unknown", ""]);
  return (id) => {
    if (id === null || id === undefined) return null;
    const lower = String(id).trim().toLowerCase();
    if (kbIds.has(lower)) return lower; // already a kb id ("openrail++" is no SPDX "+" form)
    const s = canonSpelling(lower);
    if (NO_MATCH.has(s)) return null;
    return spdxToKb.get(s) ?? s;
  };
}

/** Text folded so that SPDX entries sharing one text fall into one class. */
function foldText(t) {
  return t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// ---- negatives ----

/** Words that would make a "not a license" file state a license after all: such files are skipped. */
const LICENSE_WORDS = new RegExp(
  [
    "licen[cs]",
    "copyright",
    "copyleft",
    "\\(c\\)\\s*\\d",
    "\u00a9",
    "warrant",
    "permission is hereby",
    "spdx",
    "\\b[al]?gpl",
    "general public",
    "public domain",
    "all rights reserved",
    "terms and conditions",
    "(released|distributed|available) under",
    "creative commons",
  ].join("|"),
  "i",
);

function walk(dir, accept, out = [], depth = 0) {
  if (depth > 12) return out;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, accept, out, depth + 1);
    else if (e.isFile() && accept(e.name, p)) out.push(p);
  }
  return out;
}

/** The head of a long text, cut at a line end (a changelog's first entries are still a changelog). */
function head(text, max = 16 * 1024) {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max);
  return text.slice(0, cut > 0 ? cut : max);
}

/** A README without its "License" section and license badges. */
function stripLicenseSection(md) {
  const lines = md.split("\n");
  const out = [];
  let skipLevel = 0;
  for (const l of lines) {
    const h = /^(#{1,6})\s+(.*)$/.exec(l);
    if (h) {
      if (skipLevel && h[1].length <= skipLevel) skipLevel = 0;
      if (!skipLevel && /licen[cs]e|copyright/i.test(h[2])) {
        skipLevel = h[1].length;
        continue;
      }
    }
    if (skipLevel) continue;
    if (/licen[cs]e/i.test(l) && /!\[|shields\.io|badge/i.test(l)) continue;
    out.push(l);
  }
  return out.join("\n");
}

function readMaybeGz(p) {
  const buf = readFileSync(p);
  return (p.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
}

function isText(s) {
  return s.length > 200 && !s.includes("\u0000") && !/\ufffd/.test(s.slice(0, 2000));
}

function negatives(root, r, counts) {
  const nm = existsSync(join(root, "node_modules")) ? realpathSync(join(root, "node_modules")) : null;
  const out = [];
  const take = (paths, n, kind, transform) => {
    let k = 0;
    for (const p of r.shuffle(paths.sort())) {
      if (k >= n) break;
      let text;
      try {
        if (statSync(p).size > 4 * 1024 * 1024) continue;
        text = head(transform(readMaybeGz(p)));
      } catch {
        continue;
      }
      if (!isText(text) || LICENSE_WORDS.test(text)) continue;
      out.push({
        kind,
        source: p,
        text,
        ext: kind === "source" ? extname(p) : kind === "readme" ? ".md" : ".txt",
      });
      k++;
    }
    return k;
  };
  const src = nm
    ? walk(nm, (n, p) => /\.(m?js|cjs|ts)$/.test(n) && statSync(p).size < 64 * 1024 && statSync(p).size > 400)
    : [];
  take(src, counts.source, "source", (t) => t);
  const readmes = [
    ...(nm ? walk(nm, (n) => /^readme(\.(md|markdown|txt))?$/i.test(n)) : []),
    ...walk("/usr/share/doc", (n) => /^readme(\.(md|txt|debian))?(\.gz)?$/i.test(n)),
  ];
  take(readmes, counts.readme, "readme", stripLicenseSection);
  const changelogs = [
    ...(nm ? walk(nm, (n) => /^(changelog|history|changes)(\.(md|txt))?$/i.test(n)) : []),
    ...walk("/usr/share/doc", (n) => /^(changelog(\.debian)?|news)(\.gz)?$/i.test(n)),
  ];
  take(changelogs, counts.changelog, "changelog", (t) => t);
  return out;
}

// ---- the corpus ----

/**
 * Writes the corpus into `dir` and returns its manifest: `[{file, part, truth, source, kind}]`,
 * `truth` being the accepted ids (mlicense's id space) or [] for "no license".
 */
export function buildCorpus({ dir, root, shared, kb, seed = 20241124, mlVariants = 6, negativeCounts }) {
  const r = rng(seed);
  const toKb = idMapper(kb);
  const require = createRequire(join(root, "package.json"));
  const spdx = require("spdx-license-list/spdx-full.json");
  mkdirSync(join(dir, "files"), { recursive: true });
  const manifest = [];
  let n = 0;
  const write = (text, ext, entry) => {
    const file = join(dir, "files", `${String(++n).padStart(5, "0")}${ext}`);
    writeFileSync(file, text);
    manifest.push({ file, ...entry });
  };

  // SPDX: one class per license whose text a reader can tell apart. Entries sharing one text
  // (GPL-3.0, GPL-3.0-only, GPL-3.0-or-later, GPL-3.0+) are one class; so are a GNU license's
  // "-only" / "-or-later" / "+" forms even where SPDX stores slightly different copies, since
  // that choice lives in the project's notice, never in the license text.
  const parent = new Map();
  const find = (x) => {
    while (parent.get(x) !== x) x = parent.get(x);
    return x;
  };
  const union = (a, b) => parent.set(find(a), find(b));
  const byText = new Map();
  const byGnu = new Map();
  const entries = Object.entries(spdx).filter(([, e]) => e.licenseText && e.licenseText.trim().length >= 40);
  for (const [id, e] of entries) {
    parent.set(id, id);
    const key = foldText(e.licenseText);
    if (byText.has(key)) union(id, byText.get(key));
    else byText.set(key, id);
    const gnu = /^((?:A|L)?GPL|GFDL)-(\d(?:\.\d)?)(?:-only|-or-later|\+)?$/.exec(id);
    if (gnu) {
      const k = `${gnu[1]}-${gnu[2]}`;
      if (byGnu.has(k)) union(id, byGnu.get(k));
      else byGnu.set(k, id);
    }
  }
  const classes = new Map();
  for (const [id] of entries) {
    const root = find(id);
    if (!classes.has(root)) classes.set(root, { ids: [] });
    classes.get(root).ids.push(id);
  }
  for (const c of classes.values()) {
    c.ids.sort();
    // the text of the current id ("-only" over bare and "+" forms), else the first one
    const at = Math.max(
      0,
      c.ids.findIndex((x) => /-only$/.test(x)),
    );
    const e = spdx[c.ids[at]];
    c.text = e.licenseText;
    c.name = e.name;
  }
  let i = 0;
  for (const c of [...classes.values()].sort((a, b) => a.ids[0].localeCompare(b.ids[0]))) {
    const kind = KIND_NAMES[i++ % KIND_NAMES.length];
    const truth = [...new Set(c.ids.map(toKb))];
    write(KINDS[kind](c.text, c.name, r), kind.startsWith("markdown") ? ".md" : ".txt", {
      part: "spdx",
      truth,
      source: `spdx:${c.ids.join("|")}`,
      kind,
    });
  }

  // ML corpus: truth from the knowledge base's reference texts, plus plain MIT copies
  const mlDir = join(shared, "corpus", "ml-licenses");
  const unscored = [];
  if (existsSync(mlDir)) {
    const byFile = new Map();
    for (const l of kb.licenses)
      for (const rel of l.reference_text?.corpus ?? [])
        if (rel.startsWith("ml-licenses/")) {
          const f = rel.slice("ml-licenses/".length);
          byFile.set(f, [...(byFile.get(f) ?? []), l.id]);
        }
    // verbatim copies of an SPDX text kept in the ML corpus for their provenance
    const SPDX_COPIES = { "dalle-pytorch-mit.txt": "MIT", "darknet-mit.txt": "MIT" };
    const titles = new Map();
    const manifestTsv = join(shared, "corpus", "MANIFEST.tsv");
    if (existsSync(manifestTsv))
      for (const line of readFileSync(manifestTsv, "utf8").split("\n").slice(1)) {
        const cols = line.split("\t");
        if (cols[1]?.startsWith("ml-licenses/"))
          titles.set(basename(cols[1]), cols[5].replace(/\s*\(.*$/, "").trim());
      }
    for (const f of readdirSync(mlDir)
      .filter((x) => x.endsWith(".txt"))
      .sort()) {
      const truth = byFile.get(f) ?? (SPDX_COPIES[f] ? [toKb(SPDX_COPIES[f])] : null);
      if (!truth) {
        unscored.push(f);
        continue;
      }
      const text = readFileSync(join(mlDir, f), "utf8");
      const title = titles.get(f) || basename(f, ".txt");
      for (const kind of KIND_NAMES.slice(0, mlVariants))
        write(KINDS[kind](text, title, r), kind.startsWith("markdown") ? ".md" : ".txt", {
          part: "ml",
          truth: truth.map(toKb),
          source: `ml:${f}`,
          kind,
        });
    }
  }

  for (const neg of negatives(root, r, negativeCounts ?? { source: 100, readme: 50, changelog: 50 }))
    write(neg.text, neg.ext, {
      part: "negative",
      truth: [],
      source: `negative:${neg.source}`,
      kind: neg.kind,
    });

  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
  return { manifest, unscored, spdxClasses: classes.size, spdxIds: entries.length };
}
