// Reader of mergekit's configuration (mergekit_config.yml, written beside the weights it merged):
// the parents of a merge, each a base with relation `merge`.
//
// Every method mergekit has blends or stacks weights into one network, so the result is a
// derivative of every parent: linear, slerp, ties, dare and task arithmetic average or add
// parameters; passthrough stacks layers copied from the parents (a "frankenmerge"), so each
// parent's weights are in the result as they were; mergekit-moe copies each parent's MLP weights
// into the experts of one checkpoint around the base model's attention, joined by a gate. None of
// them ships the parents as separable parts, so none is a `combination`.
import { join } from "node:path";
import { InputError } from "../errors.js";
import { parseYamlMapping } from "./front-matter.js";
import { emptyFacts, finding, type Facts, type RepoFiles } from "./facts.js";
import type { Evidence } from "./record.js";

/** File names mergekit and mergekit-moe write their configuration under. */
export const MERGEKIT_FILES = [
  "mergekit_config.yml",
  "mergekit_config.yaml",
  "mergekit_moe_config.yml",
  "mergekit_moe_config.yaml",
];

/** A mergekit config is a few kB; past this it is not one. */
const MAX_MERGEKIT_BYTES = 1024 * 1024;
/** Parents read at most; a real merge has a handful. */
const MAX_PARENTS = 1000;

/**
 * The first line of each `model: <id>`, `source_model: <id>` and `base_model: <id>` (mergekit writes
 * one per line), keyed "key:id", for evidence. One pass over the text.
 */
function valueLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let line = 0;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    line++;
    let s = text.slice(start, end).trim();
    if (s.startsWith("- ")) s = s.slice(2).trim();
    const colon = s.indexOf(":");
    if (colon > 0) {
      const key = s.slice(0, colon).trim();
      if (key === "model" || key === "source_model" || key === "base_model") {
        let v = s.slice(colon + 1).trim();
        const hash = v.indexOf(" #");
        if (hash >= 0) v = v.slice(0, hash).trim();
        if (v.length > 1 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
        const k = `${key}:${v}`;
        if (v && !out.has(k)) out.set(k, line);
      }
    }
    start = end + 1;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === "object" && !Array.isArray(v);
}

/** A model reference: a string, or `{model: ...}` / `{path: ...}` as some configs nest it. */
function reference(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (isRecord(v)) return reference(v.model ?? v.path);
  return undefined;
}

/** Every model a config names, with the field path it came from. */
function parents(doc: Record<string, unknown>): { ref: string; field: string }[] {
  const out: { ref: string; field: string }[] = [];
  const add = (v: unknown, field: string): void => {
    const ref = out.length < MAX_PARENTS ? reference(v) : undefined;
    if (ref) out.push({ ref, field });
  };
  add(doc.base_model, "base_model");
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  list(doc.models).forEach((m, i) => add(isRecord(m) ? m.model : m, `models[${i}].model`));
  list(doc.slices).forEach((s, i) =>
    list(isRecord(s) ? s.sources : undefined).forEach((src, j) =>
      add(isRecord(src) ? src.model : src, `slices[${i}].sources[${j}].model`),
    ),
  );
  list(doc.experts).forEach((e, i) => add(isRecord(e) ? e.source_model : e, `experts[${i}].source_model`));
  return out;
}

export function readMergekitConfig(files: RepoFiles): Facts {
  const facts = emptyFacts();
  for (const name of MERGEKIT_FILES) {
    if (!files.names.includes(name)) continue;
    const file = join(files.dir, name);
    const r = files.read(file, MAX_MERGEKIT_BYTES);
    if (!r.ok) {
      if (r.code !== "is-directory")
        facts.findings.push(
          finding({
            severity: "warning",
            code: "mergekit-config-unreadable",
            message: `${name}: ${r.message}.`,
            file,
          }),
        );
      continue;
    }
    let doc: Record<string, unknown> | null;
    try {
      doc = parseYamlMapping(r.text, file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const line = Number(/^line (\d+)$/.exec(e.field ?? "")?.[1] ?? 0);
      facts.findings.push(
        finding({
          severity: "warning",
          code: "mergekit-config-unreadable",
          message: `${name} is not a mergekit configuration: ${e.message}.`,
          file,
          ...(line ? { line } : {}),
        }),
      );
      continue;
    }
    if (!doc) continue;
    const method =
      typeof doc.merge_method === "string"
        ? doc.merge_method
        : Array.isArray(doc.experts)
          ? "moe"
          : undefined;
    const lines = valueLines(r.text);
    for (const { ref, field } of parents(doc)) {
      // "model+lora" is a model with a LoRA adapter applied before merging: both are parents
      for (const part of ref.split("+")) {
        const id = part.trim();
        if (!id) continue;
        const key = field.slice(field.lastIndexOf(".") + 1);
        const line = lines.get(`${key}:${ref}`);
        const evidence: Evidence = {
          source: "mergekit-config",
          file,
          field,
          value: method ? `${id} (merge_method ${method})` : id,
          ...(line ? { line } : {}),
        };
        facts.bases.push({ id, relation: "merge", evidence });
      }
    }
  }
  return facts;
}
