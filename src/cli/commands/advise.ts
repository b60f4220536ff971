import { targetDirOf } from "../../inspect/inspect.js";
import { advise, plannedRecord, GOALS, type Advice, type Goal } from "../../advise.js";
import { InputError } from "../../errors.js";
import { isRelation } from "../../kb/vocabulary.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";
import { inspectTarget } from "./inspect.js";
import { emit, type Command } from "../command.js";

function text(a: Advice): string {
  const lines = [`Licenses ${a.name} may be released under${a.goal ? ` (goal: ${a.goal})` : ""}:`];
  if (a.blockers.length) {
    lines.push("  none: something no license can cure:");
    for (const b of a.blockers) lines.push(`  - ${b.message}`);
  }
  a.candidates.slice(0, 8).forEach((c, i) => {
    lines.push(`  ${i + 1}. ${c.id}  (${c.family})  ${c.name}`);
    for (const w of c.why) lines.push(`       ${w}`);
  });
  if (a.candidates.length > 8) lines.push(`  ... and ${a.candidates.length - 8} more (--json for all)`);
  if (a.current?.fixes.length) {
    lines.push("", `The declared license (${a.current.license}) gives: ${a.current.verdict}. Smallest fix:`);
    for (const f of a.current.fixes) lines.push(`  - ${f.text}`);
    if (a.current.fixed_verdict) lines.push(`  After the fix: ${a.current.fixed_verdict}.`);
  }
  lines.push("", "Model card front matter:", a.model_card, "NOTICE:", a.notice, a.disclaimer);
  return lines.join("\n");
}

const command: Command = {
  name: "advise",
  summary: "advise a license for a new derivative",
  help: `mlicense advise <target | --base ID...> [--dataset ID...] [--goal commercial|open|copyleft|responsible] [--json]

For someone about to release a derivative: every license it may use, ranked for the goal, each
with why it is allowed and the duties it keeps; ready-to-use model card front matter; a NOTICE
text listing every attribution the lineage requires; and, when the target currently violates
something, the smallest fix (change the license, rename, add the notice), re-checked.

Options:
  --base ID        a base model (repeatable) when there is no target folder yet
  --relation R     how the new model derives from --base (default finetune; merge for several)
  --dataset ID     a training dataset (repeatable)
  --name NAME      the planned model name (for naming duties)
  --goal G         commercial | open | copyleft | responsible
  --registry DIR   folder of base models laid out <owner>/<name>/ (repeatable)
  --offline        never contact the Hub (the caches are still read)
  --hf-cache DIR   the Hugging Face cache (default HF_HUB_CACHE, HF_HOME/hub)

Examples:
  mlicense advise --base CompVis/stable-diffusion-v1-4 --goal commercial
  mlicense advise ./my-llama-finetune --registry ./bases`,
  options: {
    base: { type: "string", multiple: true },
    dataset: { type: "string", multiple: true },
    relation: { type: "string" },
    name: { type: "string" },
    goal: { type: "string" },
    ...LINEAGE_OPTIONS,
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    const bases = (ctx.values.base as string[] | undefined) ?? [];
    if (!target && !bases.length)
      throw new InputError("advise needs a target or at least one --base", "usage");
    if (target && bases.length) throw new InputError("give either a target or --base, not both", "usage");
    const relation = (ctx.values.relation as string | undefined) ?? "finetune";
    if (!isRelation(relation))
      throw new InputError(`unknown relation '${relation}'`, "usage", undefined, "--relation");
    const goal = ctx.values.goal as Goal | undefined;
    if (goal && !GOALS.includes(goal))
      throw new InputError(`--goal must be one of ${GOALS.join(", ")}`, "usage", undefined, "--goal");
    const offline = Boolean(ctx.values.offline);
    const cacheDir = ctx.values["cache-dir"] as string | undefined;
    const record = target
      ? await inspectTarget(target, { offline, cacheDir, hfCache: hfCacheOption(ctx) })
      : plannedRecord(
          bases,
          (ctx.values.dataset as string[] | undefined) ?? [],
          relation,
          (ctx.values.name as string | undefined) ?? "new-model",
        );
    if (ctx.values.name && target) record.name = ctx.values.name as string;
    const targetDir = target ? targetDirOf(target) : undefined;
    const a = await advise(record, {
      goal,
      ...lineageSource(ctx),
      targetDir,
    });
    emit(ctx, a, () => text(a));
    return 0;
  },
};
export default command;
