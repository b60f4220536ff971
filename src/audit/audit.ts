// audit: a whole ecosystem dump through the same policy engine as `check`, in named stages:
// ingest rows into columns → graph of bases → evaluate every model → summarise → write rows.
import { knowledgeBase, type KnowledgeBase } from "../kb/knowledge-base.js";
import { InputError } from "../errors.js";
import { writeFailed } from "../io/output-path.js";
import { dumpGraph, type Renumber } from "./dump-graph.js";
import { evaluateDump } from "./evaluate.js";
import { ingest } from "./ingest.js";
import type { ReadProgress } from "./readers.js";
import { FIELD_BITS, type Columns } from "./rows.js";
import { summarise, type AuditSummary } from "./summarise.js";
import { writeRows } from "./write-rows.js";

export type { AuditSummary } from "./summarise.js";

export interface AuditOptions extends ReadProgress {
  /** Column names for CSV/parquet dumps, as --columns names them; the others keep their defaults. */
  columns?: Partial<Columns>;
  /** Worker threads for large JSONL dumps (default: the machine's cores). */
  workers?: number;
  /** Smallest JSONL file parsed by workers (tests lower it). */
  parallelMinBytes?: number;
  /** Write one JSON line per model here. */
  out?: string;
  kb?: KnowledgeBase;
  /** Called every so often while evaluating (models done, total). */
  onEvaluate?: (done: number, total: number) => void;
  /** Whether rows are renumbered bases first before judging (default: when far from it; tests force both). */
  renumber?: Renumber;
}

/** More than this share of unusable lines is worth a warning: the numbers describe few of them. */
const UNUSABLE_WARNING = 0.5;

export async function audit(path: string, opts: AuditOptions = {}): Promise<AuditSummary> {
  const kb = opts.kb ?? knowledgeBase();
  const t0 = performance.now();
  const rows = await ingest(path, kb, opts);
  const skippedTotal = Object.values(rows.skipped).reduce((a, b) => a + b, 0);
  if (rows.n === 0)
    throw new InputError(
      rows.lines === 0
        ? "the dump holds no rows"
        : `none of the ${rows.lines.toLocaleString("en-US")} rows is usable (${Object.entries(rows.skipped)
            .map(([k, v]) => `${k}: ${v}`)
            .join(", ")})`,
      "no-usable-rows",
      path,
    );
  // a JSONL dump has no header to check --columns against: a named column no row holds is as
  // wrong as a CSV header without it, and would pass as "no license anywhere"
  for (const [field, column] of Object.entries(opts.columns ?? {})) {
    const bit: number | undefined = FIELD_BITS[field as keyof typeof FIELD_BITS];
    if (column !== undefined && bit !== undefined && !(rows.fields & bit))
      throw new InputError(
        `--columns names the column '${column}' for ${field}, but none of the ${rows.n.toLocaleString("en-US")} usable rows has a '${column}' field`,
        "missing-column",
        path,
        "--columns",
      );
  }
  const tRead = performance.now();
  // what is kept of the ingested rows: the graph holds their columns, renumbered or not
  const { skipped, lines } = rows;
  const graph = dumpGraph(rows, kb, opts.renumber);
  const judged = evaluateDump(graph, kb, opts.onEvaluate);
  const tEval = performance.now();
  const summary = summarise(graph, judged, kb, skipped);
  const tStats = performance.now();
  if (opts.out)
    await writeRows(opts.out, graph, judged).catch((e: unknown) => {
      throw writeFailed(e, opts.out!, "--out");
    });
  const tWrite = performance.now();
  const warnings: string[] = [...summary.warnings];
  // in a JSON array a broken element runs on to the end: what follows it is not rows, and the
  // count of skips (one or two) would not show how much was lost
  for (const [reason, what] of [
    ["array-not-closed", "The JSON array never closes"],
    ["row-not-closed", "The JSON text ends inside a row"],
    ["quote-not-closed", "The CSV ends inside a quoted field"],
  ])
    if (skipped[reason!])
      warnings.push(
        `${what}: the file is cut short, or a row is broken and runs on to its end. The figures describe the ${rows.n.toLocaleString("en-US")} rows read before that point.`,
      );
  if (skippedTotal > UNUSABLE_WARNING * lines)
    warnings.push(
      `${skippedTotal.toLocaleString("en-US")} of ${lines.toLocaleString("en-US")} rows (${Math.round((100 * skippedTotal) / lines)}%) were unusable; the figures describe the rest.`,
    );
  return {
    ...summary,
    warnings,
    timings: {
      read: round((tRead - t0) / 1000),
      evaluate: round((tEval - tRead) / 1000),
      statistics: round((tStats - tEval) / 1000),
      ...(opts.out ? { write: round((tWrite - tStats) / 1000) } : {}),
    },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
