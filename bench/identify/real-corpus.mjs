// Builds a manifest of real files from other detectors' public test data, for measuring only:
// the files stay in the peers' checkouts (nothing is copied into this repository), and each
// file's expectation is mapped from the peer's own id space into mlicense's.
//
//   node bench/identify/real-corpus.mjs --scancode DIR --licensee DIR --askalono DIR --out manifest.json
//
// DIR is a checkout of aboutcode-org/scancode-toolkit (tests/licensedcode/data/datadriven and
// src/licensedcode/data/licenses are read), licensee/licensee (spec/fixtures) or
// jpeddicord/askalono (tests/data/real-licenses); any may be left out.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { rng } from "./corpus.mjs";

const spdxTexts = createRequire(import.meta.url)("spdx-license-list/full");

/**
 * Scancode keys that name no particular license (a reference to "see LICENSE", a warranty
 * disclaimer, "some permissive terms"): files whose expectation holds one are left out, since no
 * id in any detector's space is the answer.
 */
const VAGUE =
  /^(unknown|unknown-license-reference|unknown-spdx|warranty-disclaimer|free-unknown|other-permissive|other-copyleft|proprietary-license|commercial-license|generic-.*|public-domain|public-domain-disclaimer|license-file-reference.*|see-license|lead|fsf-notice|fsf-free|historical|gpl-generic-additional-terms|cla-.*|.*-exception.*|linux-syscall-note|autoconf-.*|bison-.*|classpath-.*|unknown-.*)$/;

/**
 * Scancode keys it gives both to a text naming "version 2 or later" and to one naming no version
 * at all: either the family or the SPDX "-or-later" id is right ("a|b" in a truth list).
 */
const FAMILY = { "gpl-1.0-plus": "gpl|gpl-1.0-or-later", "lgpl-2.0-plus": "lgpl|lgpl-2.0-or-later" };

function frontMatter(text) {
  const m = /^---\n([\s\S]*?)\n---/.exec(text);
  const out = {};
  if (!m) return out;
  let key = null;
  for (const line of m[1].split("\n")) {
    const kv = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (kv) {
      key = kv[1];
      out[key] = kv[2] === "" ? [] : kv[2];
    } else if (key && Array.isArray(out[key])) {
      const item = /^\s+-\s+(.*)$/.exec(line);
      if (item) out[key].push(item[1]);
    }
  }
  return out;
}

/** Maps a peer's SPDX-style or scancode id into mlicense's space. */
export function truthMapper(kb, scancodeDb) {
  const bySpdx = new Map();
  const byScancode = new Map();
  const kbIds = new Set();
  for (const l of kb.licenses) {
    kbIds.add(l.id);
    if (l.spdx) bySpdx.set(l.spdx.toLowerCase(), l.id);
    if (l.scancode) byScancode.set(l.scancode, l.id);
  }
  // deprecated SPDX spellings of the -only forms name the same license
  for (const [k, v] of [...bySpdx]) if (k.endsWith("-only")) bySpdx.set(k.replace(/-only$/, ""), v);
  const fromSpdx = (s) => {
    const lower = s.toLowerCase().replace(/\+$/, "-or-later");
    if (kbIds.has(lower)) return lower;
    // a deprecated bare GNU version ("GFDL-1.3", as licensee keys it) is that version alone
    const only = /^(?:a?gpl|lgpl|gfdl)-\d\.\d$/.test(lower) ? `${lower}-only` : lower;
    return bySpdx.get(lower) ?? (only !== lower ? only : s.replace(/\+$/, "-or-later"));
  };
  const fromScancode = (key) => {
    if (FAMILY[key]) return { id: FAMILY[key] };
    if (byScancode.has(key)) return { id: byScancode.get(key) };
    const spdx = scancodeDb.get(key);
    if (!spdx) return { unknown: key };
    if (spdx.startsWith("LicenseRef-")) {
      // scancode keeps a license's English translation apart (`cecill-c-en` beside the French
      // `cecill-c`); where SPDX's text of the original is that English text, it is that license
      const original = key.endsWith("-en") ? scancodeDb.get(key.slice(0, -3)) : undefined;
      const text = original && spdxTexts[original]?.licenseText;
      if (text && head(text) === scancodeDb.heads?.get(key)) return { id: fromSpdx(original) };
      // a key of scancode's own for words SPDX lists under an id (its `stlport-4.5` is, but for
      // the copyright lines, SPDX's Boehm-GC-without-fee) is that SPDX license
      const same = sameWords(scancodeDb.words?.get(key) ?? "");
      return same ? { id: fromSpdx(same) } : { unknown: key };
    }
    return { id: fromSpdx(spdx) };
  };
  return { fromSpdx, fromScancode };
}

/** A text's first dozen words, lower-cased: enough to tell an English text from a French one. */
function head(text) {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(0, 12).join(" ");
}

/** A license text's words without its copyright statements: what two texts must share to be one license. */
function termsWords(text) {
  return text
    .split("\n")
    .filter((l) => !/^\W*((portions|modifications)\s+)?(copyright|\(c\)|©)|^\W*all rights reserved/i.test(l))
    .join(" ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

let bySpdxWords;
/** SPDX ids by the words of their texts (`termsWords`); texts of fewer than 20 words are left out. */
function spdxByWords() {
  if (!bySpdxWords) {
    bySpdxWords = new Map();
    for (const [id, l] of Object.entries(spdxTexts)) {
      const w = termsWords(l.licenseText ?? "");
      if (w.split(" ").length >= 20 && !bySpdxWords.has(w)) bySpdxWords.set(w, id);
    }
  }
  return bySpdxWords;
}

/**
 * The SPDX id whose text has these words (`termsWords`), or after at most eight more words ahead
 * of them (a holder's name on a line of its own, as "SWsoft company"); texts under 20 words never.
 */
function sameWords(w) {
  if (w.split(" ").length < 20) return undefined;
  const exact = spdxByWords().get(w);
  if (exact) return exact;
  for (const [text, id] of spdxByWords())
    if (text.endsWith(` ${w}`) && text.slice(0, -w.length).trim().split(" ").length <= 8) return id;
  return undefined;
}

export function scancodeDb(root) {
  const dir = join(root, "src", "licensedcode", "data", "licenses");
  const out = new Map();
  const heads = new Map();
  const words = new Map();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".LICENSE")) continue;
    const text = readFileSync(join(dir, f), "utf8");
    const fm = frontMatter(text);
    if (!fm.key) continue;
    out.set(fm.key, typeof fm.spdx_license_key === "string" ? fm.spdx_license_key : null);
    const body = text.replace(/^---\n[\s\S]*?\n---/, "");
    if (fm.key.endsWith("-en")) heads.set(fm.key, head(body));
    if (String(fm.spdx_license_key ?? "").startsWith("LicenseRef-")) words.set(fm.key, termsWords(body));
  }
  out.heads = heads;
  out.words = words;
  return out;
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function classOf(text, file) {
  const t = text.trim();
  const words = t.split(/\s+/).filter(Boolean).length;
  if (/^\S*https?:\/\/\S+$/.test(t) || (words <= 6 && /https?:\/\//.test(t))) return "url";
  if (words <= 40) return "reference";
  const src = /\.(c|h|cc|cpp|hpp|java|js|ts|py|rb|pl|pm|sh|el|scm|go|rs|cs|php|m|f|xml|html|css|s)$/i.test(
    file,
  );
  if (words <= 400) return src ? "source-header" : "notice";
  return "full-text";
}

function isText(buf) {
  return buf.length > 0 && buf.length < 1 << 20 && !buf.includes(0);
}

export function buildRealCorpus({ scancode, licensee, askalono, kb, perSource = Infinity, seed = 13 }) {
  const db = scancode ? scancodeDb(scancode) : new Map();
  const { fromSpdx, fromScancode } = truthMapper(kb, db);
  const r = rng(seed);
  const entries = [];
  const skipped = { vague: 0, binary: 0, complex: 0 };
  const add = (source, file, truth, unknown, root) => {
    const buf = readFileSync(file);
    if (!isText(buf)) return void skipped.binary++;
    const text = buf.toString("utf8");
    entries.push({
      source,
      file,
      name: relative(root, file),
      truth: [...new Set(truth)].sort(),
      unknown,
      class: truth.length || unknown.length ? classOf(text, file) : "none",
    });
  };

  if (scancode) {
    const base = join(scancode, "tests", "licensedcode", "data", "datadriven");
    const dirs = [
      "lic1",
      "lic2",
      "lic3",
      "lic4",
      "external/licensecheck",
      "external/slic-tests",
      "external/glc",
      "external/spdx",
      "external/atarashi",
      "external/fossology-tests",
      "unknown",
    ];
    for (const d of dirs) {
      const dir = join(base, d);
      if (!existsSync(dir)) continue;
      const ymls = walk(dir)
        .filter((p) => p.endsWith(".yml"))
        .sort();
      const picked = r.shuffle(ymls).slice(0, perSource);
      for (const y of picked) {
        const file = y.slice(0, -4);
        if (!existsSync(file) || !statSync(file).isFile()) continue;
        const fm = frontMatter(`---\n${readFileSync(y, "utf8")}\n---`);
        const exprs = Array.isArray(fm.license_expressions) ? fm.license_expressions : [];
        const keys = exprs.flatMap((e) =>
          e
            .replace(/[()]/g, " ")
            .split(/\s+(?:AND|OR|and|or)\s+/)
            .map((k) => k.trim())
            .filter(Boolean),
        );
        if (keys.some((k) => / with /i.test(k)) || keys.some((k) => VAGUE.test(k))) {
          skipped.vague++;
          continue;
        }
        const truth = [];
        const unknown = [];
        for (const k of keys) {
          const m = fromScancode(k);
          if (m.id) truth.push(m.id);
          else unknown.push(m.unknown);
        }
        add(`scancode/${d.split("/").pop()}`, file, truth, unknown, base);
      }
    }
  }

  if (licensee) {
    const fx = join(licensee, "spec", "fixtures");
    const yml = readFileSync(join(fx, "fixtures.yml"), "utf8");
    const expect = new Map();
    let cur = null;
    for (const line of yml.split("\n")) {
      const head = /^([^\s#][^:]*):\s*$/.exec(line);
      if (head) cur = head[1];
      const key = /^\s+key:\s*(\S*)/.exec(line);
      if (cur && key) expect.set(cur, key[1] || null);
    }
    for (const [name, key] of expect) {
      // licensee's `other` is its answer for a project, not a file's truth: two license files (MPL
      // beside MIT), a BSD text beside a PATENTS grant, or a text licensee lacks (CC BY-NC-SA,
      // SPDX's Pixar) all get it. Read as "the file's license is unknown", it counted right
      // answers as strangers named wrongly; such fixtures carry no per-file label, so none is used.
      if (key === "other") continue;
      const dir = join(fx, name);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|unlicense)/i.test(f));
      for (const f of files) {
        const p = join(dir, f);
        if (!statSync(p).isFile()) continue;
        const none = !key || key === "no-license";
        add("licensee", p, none ? [] : [fromSpdx(spdxOfLicenseeKey(key))], [], fx);
      }
    }
  }

  if (askalono) {
    const dir = join(askalono, "tests", "data", "real-licenses");
    if (existsSync(dir))
      for (const id of readdirSync(dir))
        for (const f of readdirSync(join(dir, id)))
          add("askalono", join(dir, id, f), [fromSpdx(id)], [], dir);
  }
  return { entries, skipped };
}

/** licensee keys are lower-case SPDX ids, except a few of its own. */
function spdxOfLicenseeKey(key) {
  const own = { "bsd-3-clause-clear": "BSD-3-Clause-Clear", other: "NOASSERTION" };
  return own[key] ?? key;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      scancode: { type: "string" },
      licensee: { type: "string" },
      askalono: { type: "string" },
      out: { type: "string", default: "real-manifest.json" },
      "per-source": { type: "string" },
    },
  });
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const kb = JSON.parse(readFileSync(join(root, "dist", "kb.json"), "utf8"));
  const { entries, skipped } = buildRealCorpus({
    scancode: values.scancode,
    licensee: values.licensee,
    askalono: values.askalono,
    kb,
    perSource: values["per-source"] ? Number(values["per-source"]) : Infinity,
  });
  writeFileSync(values.out, JSON.stringify(entries, null, 1));
  const by = {};
  for (const e of entries) by[e.class] = (by[e.class] ?? 0) + 1;
  console.log(`${entries.length} files -> ${values.out}`, by, "skipped", skipped);
  void basename;
  void extname;
}
