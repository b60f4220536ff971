import { fetchToCache } from "../../hub/hub-client.js";
import { inspect, inspectFolder, targetDirOf } from "../../inspect/inspect.js";
import type { ModelRecord } from "../../inspect/record.js";
import { InputError } from "../../errors.js";
import { emit, type Command } from "../command.js";
import { Resolver, type HubLookup } from "../../lineage/resolver.js";
import { knowledgeBase, NOASSERTION } from "../../kb/knowledge-base.js";
import { findCachedModel, hfCacheDir, parseHfTarget } from "../../hub/hf-cache.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";

/** Fills each base's license (the contract's bases[].license) from the folder, registry, catalogue or Hub. */
export async function resolveBaseLicenses(
  r: ModelRecord,
  opts: { registry?: string[]; offline: boolean; hub?: HubLookup; targetDir?: string },
): Promise<void> {
  const resolver = new Resolver({
    kb: knowledgeBase(),
    targetDir: opts.targetDir,
    registries: opts.registry,
    offline: opts.offline,
    hub: opts.hub,
  });
  for (const b of r.bases) b.license ??= (await resolver.resolve(b.id))?.record.license.id ?? NOASSERTION;
  for (const d of r.datasets) d.license ??= (await resolver.resolve(d.id))?.record.license.id;
}

/**
 * A target to a record: `hf:owner/name[@revision]` from the Hugging Face cache first (offline
 * too), then from mlicense's cache of Hub answers or the Hub; anything else through inspect().
 */
export async function inspectTarget(
  target: string,
  opts: { offline: boolean; cacheDir?: string; hfCache?: string },
): Promise<ModelRecord> {
  const hf = parseHfTarget(target);
  if (!hf) return inspect(target);
  const hfCache = opts.hfCache ?? hfCacheDir();
  const snap = findCachedModel(hf.id, { revision: hf.revision, cacheDir: hfCache });
  if (snap) return inspectFolder(snap.dir, { hubId: snap.id, revision: snap.revision });
  if (hf.revision)
    throw new InputError(
      `revision ${hf.revision} of ${hf.id} is not in the Hugging Face cache (${hfCache}); only the cache holds other revisions than main`,
      "not-cached",
      target,
    );
  const dir = await fetchToCache(hf.id, opts);
  if (!dir)
    throw new InputError(
      opts.offline
        ? `${hf.id} is not in the Hugging Face cache (${hfCache}) nor mlicense's Hub cache, and --offline forbids fetching it`
        : `the Hub has no model ${hf.id}`,
      opts.offline ? "not-cached" : "not-found",
      target,
    );
  return inspectFolder(dir, { hubId: hf.id });
}

function text(r: ModelRecord): string {
  const lines = [
    `${r.name}  (${r.id}${r.revision ? `@${r.revision}` : ""})`,
    `license: ${r.license.id}${r.license.declared && r.license.declared !== r.license.id ? `  (declared '${r.license.declared}')` : ""}`,
  ];
  for (const e of r.license.evidence)
    lines.push(
      `  ${e.source}${e.file ? ` ${e.file}${e.line ? `:${e.line}` : ""}` : ""}${e.field ? ` [${e.field}]` : ""}: ${e.value}`,
    );
  if (r.components.length) lines.push("", "Components:");
  for (const c of r.components)
    lines.push(`  ${c.kind.padEnd(8)} ${c.license}  (${c.evidence.map((e) => e.source).join(", ")})`);
  if (r.bases.length) lines.push("", "Bases:");
  for (const b of r.bases)
    lines.push(
      `  ${b.id}  ${b.relation}  ${b.license ?? ""}  (${b.evidence.map((e) => `${e.source}${e.field ? ` ${e.field}` : ""}`).join(", ")})`,
    );
  if (r.datasets.length)
    lines.push("", "Datasets:", ...r.datasets.map((d) => `  ${d.id}  ${d.license ?? ""}`));
  if (r.findings.length)
    lines.push(
      "",
      "Findings:",
      ...r.findings.map((f) => `  ${f.severity.toUpperCase().padEnd(8)} ${f.code}: ${f.message}`),
    );
  return lines.join("\n");
}

const command: Command = {
  name: "inspect",
  summary: "read a model into a ModelRecord",
  help: `mlicense inspect <target> [--registry DIR] [--offline] [--cache-dir DIR] [--json]

Reads a model into a ModelRecord: its license with the evidence for it (card fields, license
files, GGUF / safetensors / ONNX metadata), its components, base models with their relation,
datasets, and findings for anything missing or contradictory. Each base's license is looked up in
the target folder, --registry, the built-in catalogue, then the Hub (unless --offline). Only headers of model files are
read, never the weights.

<target> is a folder laid out like a Hub repo (a Hugging Face cache snapshot folder is named by
its Hub id and revision), a .gguf/.safetensors/.onnx file, a saved ModelRecord .json, a catalogue
model name (gpt-3), or hf:owner/name[@revision]: from the Hugging Face cache first (--hf-cache,
else HF_HUB_CACHE, HF_HOME/hub or ~/.cache/huggingface/hub), offline too; otherwise fetched once
from the Hub and cached.

Options:
  --registry DIR   folder of base models laid out <owner>/<name>/ (repeatable)
  --offline        never contact the Hub (the caches are still read)
  --cache-dir DIR  where mlicense keeps Hub answers
  --hf-cache DIR   the Hugging Face cache to read

Examples:
  mlicense inspect ./my-model
  mlicense inspect model.Q4_K_M.gguf --json
  mlicense inspect hf:openai-community/gpt2`,
  options: { ...LINEAGE_OPTIONS },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1)
      throw new InputError("inspect takes exactly one target", "usage");
    const offline = Boolean(ctx.values.offline);
    const cacheDir = ctx.values["cache-dir"] as string | undefined;
    const r = await inspectTarget(target, { offline, cacheDir, hfCache: hfCacheOption(ctx) });
    await resolveBaseLicenses(r, { ...lineageSource(ctx), targetDir: targetDirOf(target) });
    emit(ctx, r, () => text(r));
    return 0;
  },
};
export default command;
