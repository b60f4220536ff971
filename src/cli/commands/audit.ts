import { checkOutputPath, writeOutput } from "../../io/output-path.js";
import { audit, type AuditSummary } from "../../audit/audit.js";
import { renderAuditReport } from "../../audit/report-html.js";
import { DEFAULT_COLUMNS, type Columns } from "../../audit/rows.js";
import { InputError } from "../../errors.js";
import { failsOn } from "../../policy/fail-on.js";
import { emit, progressFor, type Command } from "../command.js";
import { failOnOption } from "../fail-on-option.js";

/** The columns named with --columns (the audit checks each is in the file; the rest keep their defaults). */
function parseColumns(spec: string | undefined): Partial<Columns> | undefined {
  if (!spec) return undefined;
  const cols: Partial<Columns> = {};
  for (const pair of spec.split(",")) {
    const [k, v] = pair.split("=").map((s) => s.trim());
    if (!k || !v || !(k in DEFAULT_COLUMNS))
      throw new InputError(
        `--columns takes field=column pairs with fields ${Object.keys(DEFAULT_COLUMNS).join(", ")}; got '${pair}'`,
        "usage",
        undefined,
        "--columns",
      );
    cols[k as keyof Columns] = v;
  }
  return cols;
}

function text(s: AuditSummary, seconds: number): string {
  const pct = (x: number) => `${((100 * x) / Math.max(1, s.models)).toFixed(1)}%`;
  const lines = [
    ...s.warnings.map((w) => `warning: ${w}`),
    `${s.models.toLocaleString("en-US")} models (${s.derived.toLocaleString("en-US")} derived) in ${seconds.toFixed(1)} s; ${s.distinct_lineages.toLocaleString("en-US")} distinct lineages evaluated`,
    `verdicts: ${Object.entries(s.verdicts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")} (${pct(v)})`)
      .join(", ")}`,
  ];
  const skipped = Object.entries(s.skipped);
  if (skipped.length) lines.push(`skipped: ${skipped.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  lines.push("", "Top findings:");
  for (const f of s.top_findings.slice(0, 10))
    lines.push(`  ${String(f.count).padStart(9)}  ${f.code}${f.license ? ` (${f.license})` : ""}`);
  lines.push("", "Most common transitions (parent license -> child license):");
  for (const t of s.transitions.slice(0, 10))
    lines.push(
      `  ${String(t.count).padStart(9)}  ${t.parent} -> ${t.child}   ${Object.entries(t.verdicts)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  if (s.worst_roots.length) {
    lines.push("", "Roots with the most violating descendants:");
    for (const r of s.worst_roots.slice(0, 10))
      lines.push(`  ${String(r.violating_descendants).padStart(9)}  ${r.id} (${r.license})`);
  }
  lines.push("", "This is not legal advice.");
  return lines.join("\n");
}

const command: Command = {
  name: "audit",
  summary: "audit a whole ecosystem dump",
  help: `mlicense audit <dump> [--out rows.jsonl] [--report out.html] [--fail-on violation|unknown|conditional] [--columns f=c,...] [--json]

Reads a dump of Hub models and checks every model with the same policy engine as 'check', bases
resolved inside the dump first and in the built-in catalogue second. <dump> is one of:
  - a JSONL file of Hub API model objects ({id, cardData: {license, license_name, license_link,
    base_model, base_model_relation}, tags});
  - a .json file holding one array of them, as the Hub API lists models, or them one after
    another, as jq writes them (or JSON lines);
  - a CSV or parquet file with those columns, cardData as JSON text or the card's fields as
    columns of their own; a 'card' column of whole README texts is read for its front matter
    when the tags leave the license unnamed;
  - any of these gzip-compressed, or a folder of <owner>/<name>/ model folders.
Text is UTF-8, with or without a byte-order mark, or UTF-16 with one. Unusable rows are counted
by reason.

Options:
  --out FILE        one JSON line per model: {id, license, bases, verdict, findings};
                    gzip-compressed when FILE ends in .gz
  --report FILE     a self-contained HTML report with charts
  --fail-on V       exit 1 when any model's verdict is V or worse: violation | unknown (also
                    incomplete checks) | conditional (anything but ok); without it, exit 0
  --columns MAP     column names for CSV/parquet, e.g. id=model_id,license=lic

Example:
  mlicense audit models.jsonl.gz --report audit.html --out rows.jsonl`,
  options: {
    out: { type: "string" },
    report: { type: "string" },
    "fail-on": { type: "string" },
    columns: { type: "string" },
  },
  async run(ctx) {
    const dump = ctx.positionals[0];
    if (!dump || ctx.positionals.length > 1) throw new InputError("audit takes exactly one dump", "usage");
    const failOn = ctx.values["fail-on"] === undefined ? undefined : failOnOption(ctx);
    for (const flag of ["out", "report"] as const) {
      const path = ctx.values[flag] as string | undefined;
      if (path) checkOutputPath(path, `--${flag}`);
    }
    const t0 = performance.now();
    const reading = progressFor(ctx, "reading   ");
    const evaluating = progressFor(ctx, "evaluating");
    let s: AuditSummary;
    try {
      s = await audit(dump, {
        columns: parseColumns(ctx.values.columns as string | undefined),
        out: ctx.values.out as string | undefined,
        onBytes: ctx.progress ? (d, t) => reading.update(d, t) : undefined,
        onEvaluate: ctx.progress
          ? (d, t) => {
              reading.end();
              evaluating.update(d, t);
            }
          : undefined,
      });
    } finally {
      reading.end();
      evaluating.end();
    }
    const seconds = (performance.now() - t0) / 1000;
    const report = ctx.values.report as string | undefined;
    if (report) writeOutput(report, "--report", renderAuditReport(s, { source: dump, seconds }));
    emit(ctx, s, () => text(s, seconds));
    const failing = failOn
      ? Object.entries(s.verdicts).some(([v, n]) => n > 0 && failsOn(v as keyof typeof s.verdicts, failOn))
      : false;
    return failing ? 1 : 0;
  },
};
export default command;
