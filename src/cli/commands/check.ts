import { readFileSync } from "node:fs";
import { checkOutputPath, writeOutput } from "../../io/output-path.js";
import { checkRecord, failsOn, type CheckReport, type LineageView } from "../../check.js";
import { InputError } from "../../errors.js";
import { targetDirOf } from "../../inspect/inspect.js";
import type { ModelRecord } from "../../inspect/record.js";
import type { Mode } from "../../policy/types.js";
import { githubAnnotations } from "../../report/github-annotations.js";
import { locateFindings, type ReadText } from "../../report/locations.js";
import { sarifLog } from "../../report/sarif.js";
import type { Command, CommandContext } from "../command.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";
import { VERDICT_STYLE, type Paint } from "../terminal.js";
import { inspectTarget } from "./inspect.js";
import { thousands } from "../../text/thousands.js";
import { failOnOption } from "../fail-on-option.js";

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

/** What was checked, in words: "mode distribute; commercial use: yes; uses: medical-advice; ...". */
export function optionsText(r: Pick<CheckReport, "options">): string {
  const o = r.options;
  return [
    `mode ${o.mode}`,
    `commercial use: ${o.commercial ? "yes" : "no"}`,
    `uses: ${o.use.length ? o.use.join(", ") : "none given"}`,
    ...(o.as ? [`as: ${o.as}`] : []),
    ...(o.mau !== null ? [`monthly active users: ${thousands(o.mau)}`] : []),
    `fails on: ${o.fail_on}`,
  ].join("; ");
}

export function checkText(r: CheckReport, paint: Paint = (_s, t) => t): string {
  const mark = { ok: "OK", conditional: "CONDITIONAL", violation: "VIOLATION", unknown: "UNKNOWN" }[
    r.verdict
  ];
  const lines = [
    `${paint(VERDICT_STYLE[r.verdict] ?? "bold", mark)}: ${paint("bold", r.name)} (${r.as ? `planned license ${r.as}` : r.license.id}, ${r.mode})`,
    paint("dim", `Checked: ${optionsText(r)}`),
    "",
    ...tree(r.lineage),
  ];
  if (r.findings.length) {
    lines.push("", "Findings:");
    for (const f of r.findings) {
      lines.push(
        `  ${paint(VERDICT_STYLE[f.severity] ?? "bold", f.severity.toUpperCase().padEnd(9))} ${f.code}: ${f.message}`,
      );
      if (f.clause)
        lines.push(paint("dim", `            ${f.license ?? ""} ${f.clause.section}: "${f.clause.quote}"`));
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

const readText: ReadText = (file) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
};

export type ReportFormat = "text" | "json" | "sarif";

/** --format, with --json as a synonym of --format json. */
export function reportFormat(ctx: CommandContext): ReportFormat {
  const f = (ctx.values.format as string | undefined) ?? (ctx.json ? "json" : "text");
  if (f !== "text" && f !== "json" && f !== "sarif")
    throw new InputError(`--format must be text, json or sarif, not '${f}'`, "usage", undefined, "--format");
  if (ctx.json && f === "text")
    throw new InputError("--json and --format text contradict each other", "usage", undefined, "--format");
  return f;
}

/**
 * Prints the report in its format (to -o FILE when given) and, in GitHub Actions, one workflow
 * command per finding. The commands go to stderr, which the runner reads as it reads stdout, so
 * that stdout stays the one document the format promises.
 */
export function writeReport(
  ctx: CommandContext,
  report: CheckReport,
  record: ModelRecord,
  format: ReportFormat,
): void {
  const locations = locateFindings(report, record, readText);
  const doc =
    format === "sarif"
      ? JSON.stringify(sarifLog(report, locations), null, 2) + "\n"
      : format === "json"
        ? JSON.stringify(report, null, 2) + "\n"
        : checkText(report, ctx.paint) + "\n";
  const out = ctx.values.output as string | undefined;
  if (out) {
    writeOutput(out, "--output", format === "text" ? checkText(report) + "\n" : doc);
    ctx.err(`mlicense: wrote the ${format} report to ${out}\n`);
    ctx.out(
      format === "text"
        ? checkText(report, ctx.paint) + "\n"
        : JSON.stringify({ file: out, format, verdict: report.verdict }) + "\n",
    );
  } else ctx.out(doc);
  if (ctx.env.GITHUB_ACTIONS === "true")
    for (const line of githubAnnotations(report, locations, ctx.env.GITHUB_WORKSPACE ?? process.cwd()))
      ctx.err(line + "\n");
}

const command: Command = {
  name: "check",
  summary: "check a model's lineage and intended use",
  help: `mlicense check <target> [options] [--json]

Builds the model's lineage (bases from the card, adapter config and file metadata, resolved from
the target folder, --registry, the built-in catalogue, then the Hub) and checks every license in
it: use restrictions that must flow down, non-commercial and share-alike terms, exclusive terms,
naming and notice duties, output-use restrictions, thresholds, training data, and intended use.

<target> is a model folder (a Hugging Face cache snapshot folder too), a .gguf/.safetensors/.onnx
file, a ModelRecord .json, or hf:owner/name[@revision] (the Hugging Face cache first, offline
too; then the Hub).

Options:
  --use CAT          an intended use to check (repeatable), from data/use-categories.yaml
  --commercial       the model will be used commercially
  --mode M           internal | hosted | distribute (default): some duties apply only on distribution
  --as LICENSE       check a planned release license instead of the declared one
  --mau N            monthly active users, for user-count thresholds
  --registry DIR     folder of base models laid out <owner>/<name>/ (repeatable)
  --openness         also report the Model Openness Framework class and the OSI Open
                     Source AI Definition check of the model's components
  --format F         text (default) | json | sarif (SARIF 2.1.0 for code scanning)
  --fail-on V        exit 1 from this verdict up: violation (default) | unknown (also an
                     incomplete check) | conditional (anything but ok)
  -o, --output FILE  write the report to FILE instead of stdout
  --offline          never contact the Hub (the caches are still read)
  --cache-dir DIR    where mlicense keeps Hub answers
  --hf-cache DIR     the Hugging Face cache (default HF_HUB_CACHE, HF_HOME/hub, ~/.cache/huggingface/hub)

Verdicts: ok, conditional (allowed if the obligations are met), violation, unknown.
Exit codes: 0 below the --fail-on verdict, 1 at or above it, 2 bad input.
In GitHub Actions (GITHUB_ACTIONS=true) each finding is also printed as a workflow command on
stderr, so it shows as an annotation on the file and line that declared the license.

Examples:
  mlicense check ./my-finetune --registry ./bases
  mlicense check ./my-finetune --use medical-advice --commercial
  mlicense check ./my-finetune --as apache-2.0 --json
  mlicense check ./my-finetune --format sarif -o mlicense.sarif --fail-on unknown
  mlicense check hf:meta-llama/Llama-3.1-8B --offline

This is not legal advice.`,
  options: {
    use: { type: "string", multiple: true },
    commercial: { type: "boolean" },
    mode: { type: "string" },
    as: { type: "string" },
    mau: { type: "string" },
    openness: { type: "boolean" },
    format: { type: "string", short: "f" },
    "fail-on": { type: "string" },
    output: { type: "string", short: "o" },
    ...LINEAGE_OPTIONS,
  },
  async run(ctx) {
    const output = ctx.values.output as string | undefined;
    if (output) checkOutputPath(output, "--output");
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1)
      throw new InputError("check takes exactly one target", "usage");
    const format = reportFormat(ctx);
    const failOn = failOnOption(ctx);
    const mau = ctx.values.mau !== undefined ? Number(ctx.values.mau) : undefined;
    const record = await inspectTarget(target, {
      offline: Boolean(ctx.values.offline),
      cacheDir: ctx.values["cache-dir"] as string | undefined,
      hfCache: hfCacheOption(ctx),
    });
    const report = await checkRecord(
      record,
      {
        use: ctx.values.use as string[] | undefined,
        commercial: Boolean(ctx.values.commercial),
        mode: ctx.values.mode as Mode | undefined,
        as: ctx.values.as as string | undefined,
        mau,
        openness: Boolean(ctx.values.openness),
        failOn,
        ...lineageSource(ctx),
      },
      targetDirOf(target),
    );
    writeReport(ctx, report, record, format);
    return failsOn(report.verdict, failOn) ? 1 : 0;
  },
};
export default command;
