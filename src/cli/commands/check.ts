import { check, type CheckReport, type LineageView } from "../../check.js";
import { InputError } from "../../errors.js";
import type { Mode } from "../../policy/types.js";
import { emit, type Command } from "../command.js";
import { hubLookupFor } from "../../hub/hub-lookup.js";

function tree(v: LineageView, prefix = "", last = true, top = true): string[] {
  const head = top ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
  const rel = v.relation ? `${v.relation} of ` : "";
  const from = v.from === "target" || v.from === "registry" ? "" : `  [${v.from}]`;
  const lines = [`${head}${top ? "" : rel}${v.id}  (${v.license ?? "license unknown"})${from}`];
  const childPrefix = top ? "" : prefix + (last ? "   " : "│  ");
  const kids = [...v.bases.map((b) => ({ b })), ...v.datasets.map((d) => ({ d }))];
  kids.forEach((k, i) => {
    const isLast = i === kids.length - 1;
    if ("b" in k) lines.push(...tree(k.b, childPrefix, isLast, false));
    else
      lines.push(
        `${childPrefix}${isLast ? "└─ " : "├─ "}trained on ${k.d.id}  (${k.d.license ?? "license unknown"})`,
      );
  });
  return lines;
}

export function checkText(r: CheckReport): string {
  const mark = { ok: "OK", conditional: "CONDITIONAL", violation: "VIOLATION", unknown: "UNKNOWN" }[
    r.verdict
  ];
  const lines = [
    `${mark}: ${r.name} (${r.as ? `planned license ${r.as}` : r.license.id}, ${r.mode})`,
    "",
    ...tree(r.lineage),
  ];
  const shown = r.findings.filter((f) => f.severity !== "info" || f.code === "duty-not-triggered");
  if (shown.length) {
    lines.push("", "Findings:");
    for (const f of shown) {
      lines.push(`  ${f.severity.toUpperCase().padEnd(9)} ${f.code}: ${f.message}`);
      if (f.clause) lines.push(`            ${f.license ?? ""} ${f.clause.section}: "${f.clause.quote}"`);
    }
  }
  if (r.obligations.length) {
    lines.push("", "Obligations:");
    for (const o of r.obligations)
      lines.push(`  - ${o.text}  [${o.license}${o.clause ? ` ${o.clause.section}` : ""}]`);
  }
  if (r.openness) {
    const o = r.openness;
    lines.push(
      "",
      `Openness: ${o.mof_class ? `Model Openness Framework Class ${o.mof_class}` : "below Model Openness Framework Class III"}; OSI Open Source AI Definition: ${o.osaid.meets ? "met" : "not met"}.`,
    );
    for (const b of o.blockers) lines.push(`  blocks Class ${b.class}: ${b.component}: ${b.reason}`);
  }
  lines.push("", r.disclaimer);
  return lines.join("\n");
}

const command: Command = {
  name: "check",
  summary: "check a model's lineage and intended use",
  help: `mlicense check <target> [options] [--json]

Builds the model's lineage (bases from the card, adapter config and file metadata, resolved from
the target folder, --registry, the built-in catalogue, then the Hub) and checks every license in
it: use restrictions that must flow down, non-commercial and share-alike terms, exclusive terms,
naming and notice duties, output-use restrictions, thresholds, training data, and intended use.

<target> is a model folder, a .gguf/.safetensors/.onnx file, a ModelRecord .json, or hf:owner/name.

Options:
  --use CAT          an intended use to check (repeatable), from data/use-categories.yaml
  --commercial       the model will be used commercially
  --mode M           internal | hosted | distribute (default): some duties apply only on distribution
  --as LICENSE       check a planned release license instead of the declared one
  --mau N            monthly active users, for user-count thresholds
  --registry DIR     folder of base models laid out <owner>/<name>/ (repeatable)
  --openness         also report the Model Openness Framework class and the OSI Open
                     Source AI Definition check of the model's components
  --offline          never contact the Hub
  --cache-dir DIR    where Hub answers are cached

Verdicts: ok, conditional (allowed if the obligations are met), violation, unknown.
Exit codes: 0 ok/conditional/unknown, 1 violation, 2 bad input.

Examples:
  mlicense check ./my-finetune --registry ./bases
  mlicense check ./my-finetune --use medical-advice --commercial
  mlicense check ./my-finetune --as apache-2.0 --json

This is not legal advice.`,
  options: {
    use: { type: "string", multiple: true },
    commercial: { type: "boolean" },
    mode: { type: "string" },
    as: { type: "string" },
    mau: { type: "string" },
    registry: { type: "string", multiple: true },
    offline: { type: "boolean" },
    openness: { type: "boolean" },
    "cache-dir": { type: "string" },
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1)
      throw new InputError("check takes exactly one target", "usage");
    const mau = ctx.values.mau !== undefined ? Number(ctx.values.mau) : undefined;
    const offline = Boolean(ctx.values.offline);
    const report = await check(target, {
      use: ctx.values.use as string[] | undefined,
      commercial: Boolean(ctx.values.commercial),
      mode: ctx.values.mode as Mode | undefined,
      as: ctx.values.as as string | undefined,
      mau,
      registry: ctx.values.registry as string[] | undefined,
      offline,
      openness: Boolean(ctx.values.openness),
      hub: hubLookupFor({ offline, cacheDir: ctx.values["cache-dir"] as string | undefined }),
    });
    emit(ctx, report, () => checkText(report));
    return report.verdict === "violation" ? 1 : 0;
  },
};
export default command;
