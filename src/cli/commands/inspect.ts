import { fetchToCache } from "../../hub/hub-client.js";
import { inspect, inspectFolder, targetDirOf } from "../../inspect/inspect.js";
import type { ModelRecord } from "../../inspect/record.js";
import { InputError } from "../../errors.js";
import { emit, type Command } from "../command.js";
import { Resolver } from "../../lineage/resolver.js";
import { knowledgeBase, NOASSERTION } from "../../kb/knowledge-base.js";
import { hubLookupFor } from "../../hub/hub-lookup.js";

/** Fills each base's license (the contract's bases[].license) from the folder, registry, catalogue or Hub. */
export async function resolveBaseLicenses(
  r: ModelRecord,
  opts: { registry?: string[]; offline: boolean; cacheDir?: string; targetDir?: string },
): Promise<void> {
  const resolver = new Resolver({
    kb: knowledgeBase(),
    targetDir: opts.targetDir,
    registries: opts.registry,
    offline: opts.offline,
    hub: hubLookupFor({ offline: opts.offline, cacheDir: opts.cacheDir }),
  });
  for (const b of r.bases) b.license ??= (await resolver.resolve(b.id))?.record.license.id ?? NOASSERTION;
  for (const d of r.datasets) d.license ??= (await resolver.resolve(d.id))?.record.license.id;
}

export async function inspectTarget(
  target: string,
  opts: { offline: boolean; cacheDir?: string },
): Promise<ModelRecord> {
  if (!target.startsWith("hf:")) return inspect(target);
  const id = target.slice(3);
  const dir = await fetchToCache(id, opts);
  if (!dir)
    throw new InputError(
      opts.offline
        ? `${id} is not in the Hub cache and --offline forbids fetching it`
        : `the Hub has no model ${id}`,
      opts.offline ? "not-cached" : "not-found",
      target,
    );
  return inspectFolder(dir, { hubId: id });
}

function text(r: ModelRecord): string {
  const lines = [
    `${r.name}  (${r.id})`,
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

<target> is a folder laid out like a Hub repo, a .gguf/.safetensors/.onnx file, a saved
ModelRecord .json, a catalogue model name (gpt-3), or hf:owner/name (fetched once, then cached).

Examples:
  mlicense inspect ./my-model
  mlicense inspect model.Q4_K_M.gguf --json
  mlicense inspect hf:openai-community/gpt2`,
  options: {
    offline: { type: "boolean" },
    "cache-dir": { type: "string" },
    registry: { type: "string", multiple: true },
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1)
      throw new InputError("inspect takes exactly one target", "usage");
    const offline = Boolean(ctx.values.offline);
    const cacheDir = ctx.values["cache-dir"] as string | undefined;
    const r = await inspectTarget(target, { offline, cacheDir });
    const targetDir = targetDirOf(target);
    await resolveBaseLicenses(r, {
      registry: ctx.values.registry as string[] | undefined,
      offline,
      cacheDir,
      targetDir,
    });
    emit(ctx, r, () => text(r));
    return 0;
  },
};
export default command;
