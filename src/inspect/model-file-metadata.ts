// Reader of model files' own metadata, never their weights: GGUF key-values (general.license*,
// general.base_model.*, general.source.*, general.dataset.*, general.name), safetensors
// `__metadata__` (modelspec.*), ONNX metadata_props. The parsers (gguf.ts, safetensors.ts, onnx.ts)
// read the bytes; this maps what they return into facts.
import { basename, extname } from "node:path";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { resolveDeclared } from "./declared-license.js";
import { addDeclared, emptyFacts, type Facts } from "./facts.js";
import { readGgufHeader, type GgufValue } from "./gguf.js";
import { readSafetensorsMetadata } from "./safetensors.js";
import { readOnnxInfo } from "./onnx.js";
import type { Evidence } from "./record.js";

export const MODEL_FILE = /\.(gguf|safetensors|onnx)$/i;
/** GGUF counts are the file's word; past this many entries they are not a real model's. */
const MAX_GGUF_ENTRIES = 64;

function str(v: GgufValue | undefined): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** A metadata license value as a fact of kind `metadata`, with its findings. */
function license(
  kb: KnowledgeBase,
  facts: Facts,
  value: string,
  evidence: Evidence,
  extra: { name?: string; link?: string } = {},
): void {
  addDeclared(facts, "metadata", resolveDeclared(kb, [{ value, evidence }], extra)!);
}

function readGguf(kb: KnowledgeBase, path: string, facts: Facts): void {
  const m = readGgufHeader(path).metadata;
  const lic = str(m["general.license"]);
  if (lic)
    license(
      kb,
      facts,
      lic,
      { source: "gguf", file: path, field: "general.license", value: lic },
      { name: str(m["general.license.name"]), link: str(m["general.license.link"]) },
    );
  const count = Number(m["general.base_model.count"] ?? 0);
  for (let i = 0; i < Math.min(count, MAX_GGUF_ENTRIES); i++) {
    const repo = str(m[`general.base_model.${i}.repo_url`]);
    const org = str(m[`general.base_model.${i}.organization`]);
    const name = str(m[`general.base_model.${i}.name`]);
    const id = repo ?? (name ? (org ? `${org}/${name}` : name) : undefined);
    if (id)
      facts.bases.push({
        id,
        relation: "finetune",
        evidence: { source: "gguf", file: path, field: `general.base_model.${i}`, value: id },
      });
  }
  const src =
    str(m["general.source.huggingface.repository"]) ??
    str(m["general.source.repo_url"]) ??
    str(m["general.source.url"]);
  if (src && (src.includes("huggingface.co") || /^[\w.-]+\/[\w.-]+$/.test(src)))
    facts.bases.push({
      id: src,
      relation: "quantized",
      evidence: { source: "gguf", file: path, field: "general.source", value: src },
    });
  const dcount = Number(m["general.dataset.count"] ?? 0);
  for (let i = 0; i < Math.min(dcount, MAX_GGUF_ENTRIES); i++) {
    const d = str(m[`general.dataset.${i}.repo_url`]) ?? str(m[`general.dataset.${i}.name`]);
    if (d)
      facts.datasets.push({
        id: d,
        evidence: { source: "gguf", file: path, field: `general.dataset.${i}`, value: d },
      });
  }
  const name = str(m["general.name"]);
  if (name) facts.names.push({ name, source: "gguf" });
}

function readSafetensors(kb: KnowledgeBase, path: string, facts: Facts): void {
  const meta = readSafetensorsMetadata(path);
  const lic = meta["modelspec.license"] ?? meta.license;
  if (lic)
    license(kb, facts, lic, { source: "safetensors", file: path, field: "modelspec.license", value: lic });
  for (const m of (meta["modelspec.merged_from"] ?? "").split(",")) {
    const id = m.trim();
    if (id)
      facts.bases.push({
        id,
        relation: "merge",
        evidence: { source: "safetensors", file: path, field: "modelspec.merged_from", value: id },
      });
  }
  // the record's name sources have no entry of their own for modelspec.title; it is a file's own name
  const title = meta["modelspec.title"];
  if (title) facts.names.push({ name: title, source: "gguf" });
}

function readOnnx(kb: KnowledgeBase, path: string, facts: Facts): void {
  const info = readOnnxInfo(path);
  for (const [k, v] of Object.entries(info.metadata))
    if (v && /licen[cs]e/i.test(k))
      license(kb, facts, v, { source: "onnx", file: path, field: `metadata_props.${k}`, value: v });
}

/**
 * The facts in one model file's header. Throws the parsers' InputError for a file that is not
 * what its extension says (inside a folder, the caller turns it into a finding).
 */
export function readModelFile(path: string, kb: KnowledgeBase): Facts {
  const facts = emptyFacts();
  const ext = extname(path).toLowerCase();
  if (ext === ".gguf") readGguf(kb, path, facts);
  else if (ext === ".safetensors") readSafetensors(kb, path, facts);
  else if (ext === ".onnx") readOnnx(kb, path, facts);
  return facts;
}

/** A model file's name without its extension, the record's id and name when nothing better exists. */
export function fileStem(path: string): string {
  return basename(path).replace(/\.[^.]+$/, "");
}
