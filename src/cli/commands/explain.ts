import { explain, type LicenseExplanation, type ModelExplanation } from "../../explain.js";
import { TERM_NAMES } from "../../kb/vocabulary.js";
import { InputError } from "../../errors.js";
import { emit, type Command } from "../command.js";
import { thousands } from "../../text/thousands.js";

function licenseText(e: LicenseExplanation): string {
  const lines = [
    `${e.name}  (${e.id})`,
    `family: ${e.family}   covers: ${e.covers.join(", ")}   verified: ${e.verified}`,
  ];
  const ids = [
    e.spdx && `SPDX ${e.spdx}`,
    e.hub && `Hub ${e.hub}`,
    e.scancode && `ScanCode ${e.scancode}`,
  ].filter(Boolean);
  if (ids.length) lines.push(ids.join("   "));
  if (e.url) lines.push(e.url);
  lines.push("", e.summary, "", "Terms:");
  for (const t of TERM_NAMES) {
    const term = e.terms[t];
    if (!term) continue;
    lines.push(`  ${t.padEnd(13)} ${term.value}${term.condition ? ` — ${term.condition}` : ""}`);
    if (term.clause) lines.push(`  ${"".padEnd(13)} ${term.clause.section}: "${term.clause.quote}"`);
  }
  if (e.use_restrictions.length) {
    lines.push("", "Use restrictions:");
    e.use_restrictions.forEach((r, i) =>
      lines.push(
        `  ${(e.use_restriction_labels[i]?.label ?? r.category).padEnd(34)} ${r.clause.section}: "${r.clause.quote}"`,
      ),
    );
  }
  for (const t of e.thresholds)
    lines.push("", `Threshold: ${t.metric} ${thousands(t.limit)} — ${t.consequence} (${t.clause.section})`);
  for (const t of e.territory) lines.push("", `Territory: ${t.region}: ${t.scope} (${t.clause.section})`);
  for (const r of e.outputs?.restrictions ?? [])
    lines.push("", `Outputs: ${r.kind}${r.description ? ` — ${r.description}` : ""} (${r.clause.section})`);
  for (const w of e.warnings) lines.push("", `Warning (${w.code}): ${w.message}`);
  lines.push("", `Derivatives: ${e.derivatives_must}`);
  return lines.join("\n");
}

function modelText(e: ModelExplanation): string {
  const lines = [`${e.name}  (${e.id})  by ${e.organization}`];
  for (const r of e.resolved_licenses)
    lines.push(`  ${r.component.padEnd(8)} ${r.id}  ${r.name !== r.id ? `(${r.name}, ${r.family})` : ""}`);
  if (!e.weights_available) lines.push("  weights are not publicly available");
  for (const b of e.bases) lines.push(`  base: ${b.id} (${b.relation})`);
  if (e.notes) lines.push("", e.notes);
  lines.push("", ...e.sources);
  return lines.join("\n");
}

const command: Command = {
  name: "explain",
  summary: "explain a license or model",
  help: `mlicense explain <license-or-model> [--json]

Shows a knowledge-base entry: for a license its terms with the clause each comes from, its use
restrictions, thresholds and what every derivative must carry; for a model its licenses per
component and its bases. Any spelling resolves: an id, SPDX id, Hub id, ScanCode key, alias or name.

Examples:
  mlicense explain llama3.1
  mlicense explain "CreativeML Open RAIL-M"
  mlicense explain gpt-3 --json`,
  options: {},
  run(ctx) {
    const q = ctx.positionals.join(" ").trim();
    if (!q)
      throw new InputError("explain needs a license or model name, e.g. mlicense explain llama3.1", "usage");
    const e = explain(q);
    emit(ctx, e, () => (e.kind === "license" ? licenseText(e) : modelText(e)));
    return 0;
  },
};
export default command;
