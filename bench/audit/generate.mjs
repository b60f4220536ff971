#!/usr/bin/env node
// Writes a synthetic Hub dump (JSONL in the Hub API's shape) in one of four shapes:
//   realistic    license and lineage distributions like the Hub's: roots from well-known families,
//                fine-tunes, adapters, quantizations and merges of them and of each other with
//                preferential attachment, licenses mostly kept, and the mess real dumps have;
//   independent  licenses drawn independently per row (so they change at almost every link), a
//                quarter of derived rows merging two parents, and chains that run deep;
//   chain        one chain of relicensed fine-tunes under a Llama 3 root, each link MIT or Apache;
//   merge3       every row after the first three a merge of three earlier rows.
// Usage: node bench/audit/generate.mjs <rows> <out.jsonl> [seed] [--mode M] [--order file|reversed|shuffled]
// The realistic mode writes the same bytes for the same rows and seed as it always has.
// The independent mode reads three variables. POOL=real draws licenses from the realistic mix
// instead of its own wide pool. RECENTP (default 0.7) places a parent: a draw below 0.08 is a
// catalogue model, below RECENTP one of the last 64 rows, and above it an older row. ROOTP
// (default 0.1) is the share of rows that are roots. In any mode, FIELDS=hub gives every row the
// other fields a Hub API model listing carries (sha, dates, downloads, pipeline tag, ...), about
// 500 bytes a row instead of 150, with the same rows otherwise: the bare parse's cost is per byte,
// the audit's mostly per row.
import { createWriteStream } from "node:fs";

const flags = {};
const positional = [];
for (let k = 2; k < process.argv.length; k++) {
  const a = process.argv[k];
  if (a.startsWith("--")) flags[a.slice(2)] = process.argv[++k];
  else positional.push(a);
}
const rows = Number(positional[0] ?? 10000);
const mode = flags.mode ?? "realistic";
const order = flags.order ?? "file";
const outPath = positional[1] ?? `/tmp/hub-${mode}-${rows}.jsonl`;
let seed = Number(positional[2] ?? 42) >>> 0;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const weighted = (pairs) => {
  let r = rand() * pairs.reduce((s, p) => s + p[1], 0);
  for (const [v, w] of pairs) if ((r -= w) <= 0) return v;
  return pairs[0][0];
};

// Roots: catalogue models with their licenses (the dump points at them by Hub id).
const catalogueRoots = [
  ["meta-llama/Meta-Llama-3-8B", "llama3"],
  ["meta-llama/Llama-3.1-8B", "llama3.1"],
  ["meta-llama/Llama-3.1-8B-Instruct", "llama3.1"],
  ["meta-llama/Llama-2-7b-hf", "llama2"],
  ["meta-llama/Llama-3.2-1B", "llama3.2"],
  ["mistralai/Mistral-7B-v0.1", "apache-2.0"],
  ["google/gemma-2-9b", "gemma"],
  ["Qwen/Qwen2.5-7B", "apache-2.0"],
  ["CompVis/stable-diffusion-v1-4", "creativeml-openrail-m"],
  ["stabilityai/stable-diffusion-xl-base-1.0", "openrail++"],
  ["google-bert/bert-base-uncased", "apache-2.0"],
  ["openai/whisper-large-v3", "apache-2.0"],
  ["bigscience/bloom-560m", "bigscience-bloom-rail-1.0"],
  ["microsoft/phi-2", "mit"],
  ["black-forest-labs/FLUX.1-dev", "other"],
  ["openai-community/gpt2", "mit"],
];
const ownLicenses = [
  ["apache-2.0", 30],
  ["mit", 20],
  ["cc-by-nc-4.0", 5],
  ["cc-by-4.0", 4],
  ["openrail", 3],
  ["creativeml-openrail-m", 5],
  ["other", 6],
  [null, 25],
  ["gpl-3.0", 1],
  ["cc-by-nc-sa-4.0", 1],
];
const owners = Array.from({ length: 5000 }, (_, i) => `user${i}`);
const words = [
  "chat",
  "instruct",
  "tuned",
  "lora",
  "merge",
  "gguf",
  "awq",
  "dpo",
  "sft",
  "roleplay",
  "coder",
  "math",
  "med",
  "legal",
  "v2",
  "uncensored",
];

/** Today's realistic mix, exactly as it always was (the bench's figures compare across versions). */
function* realistic() {
  const made = []; // [id, license] of rows so far, for children of children
  for (let i = 0; i < rows; i++) {
    const id = `${pick(owners)}/${pick(words)}-${pick(words)}-${i}`;
    const kind = weighted([
      ["root", 35],
      ["derived", 65],
    ]);
    let row;
    if (kind === "root" || made.length === 0) {
      row = { id, cardData: { license: weighted(ownLicenses) }, tags: [] };
    } else {
      const fromCatalogue = rand() < 0.55;
      // preferential attachment: popular (older) models are fine-tuned far more often than new
      // ones, as on the Hub, so most lineages are shallow and a few are deep
      const [base, baseLic] = fromCatalogue
        ? pick(catalogueRoots)
        : made[Math.floor(rand() ** 3 * made.length)];
      const relation = weighted([
        ["finetune", 45],
        ["adapter", 20],
        ["quantized", 20],
        ["merge", 8],
        [null, 7],
      ]);
      // most derivatives keep the base's license, some change it, some drop it
      const lic = weighted([
        [baseLic, 70],
        ["apache-2.0", 10],
        ["mit", 6],
        [null, 8],
        ["other", 4],
        ["cc-by-nc-4.0", 2],
      ]);
      const name =
        relation && rand() < 0.5 && /^llama/.test(baseLic ?? "") ? `Llama-3-${pick(words)}-${i}` : null;
      const rid = name ? `${id.split("/")[0]}/${name}` : id;
      let bases = [base];
      if (relation === "merge")
        bases = [base, made.length ? made[Math.floor(rand() * made.length)][0] : pick(catalogueRoots)[0]];
      row = messyRow(rid, lic, bases, relation);
      made.push([rid, lic]);
    }
    if (kind === "root") made.push([row.id, row.cardData.license ?? null]);
    if (rand() < 0.001) yield "{not json";
    yield JSON.stringify(row);
  }
}

/** A derived row written the ways real dumps write one (string or list bases, URLs, tags). */
function messyRow(rid, lic, bases, relation) {
  const style = rand();
  const card = { license: lic ?? undefined };
  if (lic === "other" && rand() < 0.6)
    card.license_name = pick(["llama3", "opt-175b", "flux-1-dev-non-commercial-license", "custom"]);
  // real dumps: a string or a list, URLs, revisions, upper case, "Removed", tags instead of card fields
  if (style < 0.5) card.base_model = bases.length === 1 ? bases[0] : bases;
  else if (style < 0.6) card.base_model = bases.map((b) => `https://huggingface.co/${b}`);
  else if (style < 0.65) card.base_model = bases.map((b) => `${b.toUpperCase()}@main`);
  else if (style < 0.67) card.base_model = "Removed";
  if (relation && style < 0.67) card.base_model_relation = relation;
  const tags =
    style >= 0.67 ? bases.map((b) => (relation ? `base_model:${relation}:${b}` : `base_model:${b}`)) : [];
  if (style >= 0.9) (tags.push(`license:${lic ?? "unknown"}`), delete card.license);
  if (rand() < 0.1)
    card.datasets = [pick(["tatsu-lab/alpaca", "HuggingFaceH4/ultrachat_200k", "laion/laion2B-en"])];
  return rand() < 0.03 ? { id: rid, tags } : { id: rid, cardData: card, tags };
}

/**
 * Licenses for the independent mode, drawn per row whatever the base says: permissive, copyleft,
 * RAIL and own-form licenses, non-commercial, vendor licenses with licensors and naming duties,
 * none, unrecognised and `other` with a name, and an AND.
 */
const independentLicenses = [
  ["apache-2.0", 18],
  ["mit", 12],
  [null, 12],
  ["llama3", 6],
  ["llama3.1", 6],
  ["llama2", 3],
  ["gemma", 4],
  ["creativeml-openrail-m", 5],
  ["openrail", 3],
  ["openrail++", 2],
  ["bigscience-bloom-rail-1.0", 2],
  ["bigcode-openrail-m", 2],
  ["cc-by-nc-4.0", 5],
  ["cc-by-nc-sa-4.0", 2],
  ["cc-by-4.0", 3],
  ["cc-by-sa-4.0", 2],
  ["gpl-3.0", 2],
  ["agpl-3.0", 1],
  ["other", 5],
  ["llama3.1 AND gemma", 1],
  ["some-custom-license", 1],
];

/**
 * Licenses change at almost every link; a quarter of derived rows merge two parents; most parents
 * are among the last rows written, so chains run thousands deep, and some are popular older models.
 */
function* independent() {
  const made = [];
  const pool = process.env.POOL === "real" ? ownLicenses : independentLicenses;
  const rootP = Number(process.env.ROOTP ?? 0.1);
  const recentP = Number(process.env.RECENTP ?? 0.7);
  for (let i = 0; i < rows; i++) {
    const lic = weighted(pool);
    const llamaName = rand() < 0.15;
    const owner = rand() < 0.03 ? pick(["meta-llama", "google", "facebook"]) : pick(owners);
    const rid = llamaName
      ? `${owner}/Llama-3-${pick(words)}-${i}`
      : `${owner}/${pick(words)}-${pick(words)}-${i}`;
    if (made.length === 0 || rand() < rootP) {
      made.push(rid);
      yield JSON.stringify({ id: rid, cardData: { license: lic ?? undefined }, tags: [] });
      continue;
    }
    const parent = () => {
      const r = rand();
      if (r < 0.08) return pick(catalogueRoots)[0];
      if (r < recentP) return made[made.length - 1 - Math.floor(rand() * Math.min(made.length, 64))];
      return made[Math.floor(rand() ** 3 * made.length)];
    };
    const merge = rand() < 0.25;
    const bases = merge ? [parent(), parent()] : [parent()];
    const relation = merge
      ? "merge"
      : weighted([
          ["finetune", 50],
          ["adapter", 20],
          ["quantized", 20],
          [null, 10],
        ]);
    made.push(rid);
    if (rand() < 0.001) yield "{not json";
    yield JSON.stringify(messyRow(rid, lic, [...new Set(bases)], relation));
  }
}

/** One chain of relicensed fine-tunes under Meta Llama 3 (a catalogue root), in file order root first. */
function* chain() {
  for (let i = 0; i < rows; i++)
    yield JSON.stringify({
      id: `chain/link-${i}`,
      cardData: {
        license: i % 2 ? "apache-2.0" : "mit",
        base_model: i ? `chain/link-${i - 1}` : "meta-llama/Meta-Llama-3-8B",
        base_model_relation: "finetune",
      },
    });
}

/** Three-parent merges of earlier rows (after three roots), licenses from the independent pool. */
function* merge3() {
  for (let i = 0; i < rows; i++) {
    const lic = weighted(independentLicenses);
    const card = { license: lic ?? undefined };
    if (i >= 3) {
      const ps = new Set();
      while (ps.size < 3) ps.add(`m3/model-${Math.floor(rand() * i)}`);
      card.base_model = [...ps];
      card.base_model_relation = "merge";
    }
    yield JSON.stringify({ id: `m3/model-${i}`, cardData: card });
  }
}

const modes = { realistic, independent, chain, merge3 };
if (!modes[mode]) throw new Error(`--mode must be one of ${Object.keys(modes).join(", ")}`);

/** A row with the Hub API listing's other fields, made from its number alone (no draw of `rand`). */
let listed = 0;
function withHubFields(line) {
  let o;
  try {
    o = JSON.parse(line);
  } catch {
    return line;
  }
  const i = ++listed;
  const { id, cardData, tags } = o;
  return JSON.stringify({
    _id: (0x65a000000000 + i).toString(16),
    id,
    modelId: id,
    author: id.split("/")[0],
    sha: ((i * 2654435761) >>> 0).toString(16).padStart(40, "0"),
    lastModified: "2024-05-01T12:00:00.000Z",
    createdAt: "2024-04-01T12:00:00.000Z",
    private: false,
    gated: false,
    disabled: false,
    downloads: i % 9973,
    likes: i % 97,
    library_name: "transformers",
    pipeline_tag: "text-generation",
    tags: tags ?? [],
    ...(cardData ? { cardData } : {}),
  });
}
const hubFields = process.env.FIELDS === "hub";

const out = createWriteStream(outPath);
let buf = "";
const write = async (line) => {
  buf += (hubFields ? withHubFields(line) : line) + "\n";
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await new Promise((r) => out.once("drain", r));
    buf = "";
  }
};
if (order === "file") for (const line of modes[mode]()) await write(line);
else {
  // reordered dumps are held whole: the point is the same rows in another order
  const all = [...modes[mode]()];
  if (order === "reversed") all.reverse();
  else if (order === "shuffled")
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
  else throw new Error("--order must be file, reversed or shuffled");
  for (const line of all) await write(line);
}
out.end(buf);
await new Promise((r) => out.on("finish", r));
console.error(`wrote ${rows} ${mode} rows (${order} order) to ${outPath}`);
