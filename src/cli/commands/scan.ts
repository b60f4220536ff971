import { failsOn } from "../../policy/fail-on.js";
import { InputError } from "../../errors.js";
import type { Mode } from "../../policy/types.js";
import { scanCache, type ScanReport } from "../../scan.js";
import { emit, progressFor, type Command } from "../command.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";
import { VERDICT_STYLE, type Paint } from "../terminal.js";
import { optionsText } from "./check.js";
import { failOnOption } from "../fail-on-option.js";

function text(s: ScanReport, paint: Paint): string {
  if (!s.models.length) return `No models in the Hugging Face cache at ${s.cache}.`;
  const width = Math.max(...s.models.map((m) => m.id.length));
  const lines = [
    `${s.models.length} model${s.models.length === 1 ? "" : "s"} in ${s.cache}`,
    paint("dim", `Checked: ${optionsText({ options: s.options })}`),
    "",
  ];
  for (const m of s.models) {
    const verdict = paint(VERDICT_STYLE[m.verdict] ?? "bold", m.verdict.toUpperCase().padEnd(11));
    const why = m.error ? `  ${m.error.message}` : m.codes.length ? `  ${m.codes.join(", ")}` : "";
    lines.push(`${verdict} ${m.id.padEnd(width)}  ${m.revision.slice(0, 10)}  ${m.license}${why}`);
  }
  lines.push(
    "",
    `verdicts: ${Object.entries(s.verdicts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}; ${s.failing} fail${s.failing === 1 ? "s" : ""} --fail-on ${s.options.fail_on}`,
    "",
    s.disclaimer,
  );
  return lines.join("\n");
}

const command: Command = {
  name: "scan",
  summary: "check every model in the local Hugging Face cache",
  help: `mlicense scan [--hf-cache DIR] [--use CAT]... [--commercial] [--mode M] [--mau N] [--fail-on V] [--json]

Checks every model in the local Hugging Face cache (--hf-cache, else HF_HUB_CACHE, HF_HOME/hub
or ~/.cache/huggingface/hub): each at the revision refs/main points to (else its newest
snapshot), with the same options as 'check'; base models resolve from the cache too. Datasets
and other folders in the cache are skipped. Progress goes to stderr on a terminal (--quiet
silences it). Nothing is downloaded: the scan reads only what is on disk (add --offline to
keep bases the cache lacks from being looked up on the Hub).

Options:
  --use CAT        an intended use to check (repeatable), from data/use-categories.yaml
  --commercial     the models will be used commercially
  --mode M         internal | hosted | distribute (default)
  --mau N          monthly active users, for user-count thresholds
  --fail-on V      exit 1 when any model's verdict is V or worse: violation (default) | unknown |
                   conditional
  --registry DIR   folder of base models laid out <owner>/<name>/ (repeatable)
  --offline        never contact the Hub for bases the caches lack
  --hf-cache DIR   the Hugging Face cache to scan

JSON: {cache, models[] {id, revision, refs, path, license, verdict, findings, codes}, verdicts,
failing, options}.

Examples:
  mlicense scan --offline
  mlicense scan --use medical-advice --commercial --fail-on unknown --json`,
  options: {
    use: { type: "string", multiple: true },
    commercial: { type: "boolean" },
    mode: { type: "string" },
    mau: { type: "string" },
    "fail-on": { type: "string" },
    ...LINEAGE_OPTIONS,
  },
  async run(ctx) {
    if (ctx.positionals.length)
      throw new InputError("scan takes no positional arguments (use --hf-cache DIR)", "usage");
    const failOn = failOnOption(ctx);
    const bar = progressFor(ctx, "scanning");
    const given = ctx.values["hf-cache"] as string | undefined;
    let report: ScanReport;
    try {
      report = await scanCache({
        cacheDir: given ?? hfCacheOption(ctx),
        use: ctx.values.use as string[] | undefined,
        commercial: Boolean(ctx.values.commercial),
        mode: ctx.values.mode as Mode | undefined,
        mau: ctx.values.mau !== undefined ? Number(ctx.values.mau) : undefined,
        failOn,
        ...lineageSource(ctx),
        onProgress: (done, total, id) => bar.update(done, total, id),
        // only a folder the user named must exist; a missing default cache holds no models
        mustExist: Boolean(given),
      });
    } finally {
      bar.end();
    }
    emit(ctx, report, () => text(report, ctx.paint));
    return report.models.some((m) => failsOn(m.verdict, failOn)) ? 1 : 0;
  },
};
export default command;
