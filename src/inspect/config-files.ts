// Reader of transformers' config.json and PEFT's adapter_config.json: the base an adapter was
// trained on, the architecture, and the path a model was loaded from (a hint at its base).
import { basename, join } from "node:path";
import { emptyFacts, finding, lineAt, type Facts, type RepoFiles } from "./facts.js";
import { isPlainId } from "./model-id.js";

/** Config files larger than this are not configs (a real one is a few kB). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export const ADAPTER_CONFIG = "adapter_config.json";
export const CONFIG = "config.json";

function readJson(
  files: RepoFiles,
  path: string,
  facts: Facts,
): { doc: Record<string, unknown>; text: string } | null {
  const r = files.read(path, MAX_CONFIG_BYTES);
  if (!r.ok) return null;
  try {
    const v = JSON.parse(r.text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v)
      ? { doc: v as Record<string, unknown>, text: r.text }
      : null;
  } catch (e) {
    facts.findings.push(
      finding({
        severity: "warning",
        code: "bad-json",
        message: `${basename(path)} is not valid JSON: ${(e as Error).message}.`,
        file: path,
      }),
    );
    return null;
  }
}

/** The line of a top-level key, found by its quoted name (cheap; exact for configs as written by tools). */
function keyLine(text: string, key: string): number | undefined {
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? undefined : lineAt(text, at);
}

export function readConfigFiles(files: RepoFiles): Facts {
  const facts = emptyFacts();
  if (files.names.includes(ADAPTER_CONFIG)) {
    const file = join(files.dir, ADAPTER_CONFIG);
    const cfg = readJson(files, file, facts);
    const base =
      typeof cfg?.doc.base_model_name_or_path === "string" ? cfg.doc.base_model_name_or_path : undefined;
    if (base) {
      const line = keyLine(cfg!.text, "base_model_name_or_path");
      facts.bases.push({
        id: base,
        relation: "adapter",
        evidence: {
          source: "adapter-config",
          file,
          field: "base_model_name_or_path",
          value: base,
          ...(line ? { line } : {}),
        },
      });
    } else facts.needsBase = { file, message: `${ADAPTER_CONFIG} names no base model.` };
  }
  if (files.names.includes(CONFIG)) {
    const file = join(files.dir, CONFIG);
    const cfg = readJson(files, file, facts);
    const arch = cfg?.doc.architectures;
    if (Array.isArray(arch) && typeof arch[0] === "string") facts.architecture = arch[0];
    const p = typeof cfg?.doc._name_or_path === "string" ? cfg.doc._name_or_path : undefined;
    // transformers writes the path the weights were loaded from; a Hub id there hints at a base
    if (p && isPlainId(p)) {
      const line = keyLine(cfg!.text, "_name_or_path");
      facts.bases.push({
        id: p,
        relation: "unknown",
        hint: true,
        evidence: { source: "config", file, field: "_name_or_path", value: p, ...(line ? { line } : {}) },
      });
    }
  }
  return facts;
}
