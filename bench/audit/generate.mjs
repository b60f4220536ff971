#!/usr/bin/env node
// Writes a synthetic Hub dump (JSONL in the Hub API's shape) with realistic license and lineage
// distributions: roots from well-known families, fine-tunes, adapters, quantizations and merges of
// them and of each other, licenses kept or changed, and the mess real dumps have.
// Usage: node bench/audit/generate.mjs <rows> <out.jsonl> [seed]
import { createWriteStream } from "node:fs";

const rows = Number(process.argv[2] ?? 10000);
const outPath = process.argv[3] ?? `/tmp/hub-${rows}.jsonl`;
let seed = Number(process.argv[4] ?? 42) >>> 0;
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

const out = createWriteStream(outPath);
const made = []; // [id, license] of rows so far, for children of children
let buf = "";
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
    row = rand() < 0.03 ? { id: rid, tags } : { id: rid, cardData: card, tags };
    made.push([rid, lic]);
  }
  if (kind === "root") made.push([row.id, row.cardData.license ?? null]);
  if (rand() < 0.001) buf += "{not json\n";
  buf += JSON.stringify(row) + "\n";
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await new Promise((r) => out.once("drain", r));
    buf = "";
  }
}
out.end(buf);
await new Promise((r) => out.on("finish", r));
console.error(`wrote ${rows} rows to ${outPath}`);
