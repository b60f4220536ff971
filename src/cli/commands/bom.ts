import { targetDirOf } from "../../inspect/inspect.js";
import { checkOutputPath, writeOutput } from "../../io/output-path.js";
import { exportBom, type BomFormat } from "../../bom/bom.js";
import { InputError } from "../../errors.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";
import { inspectTarget } from "./inspect.js";
import type { Command } from "../command.js";

const command: Command = {
  name: "bom",
  summary: "export an AI bill of materials",
  help: `mlicense bom <target> --format cyclonedx|spdx [-o FILE] [--registry DIR] [--offline] [--hf-cache DIR]

Exports the model, its base models and datasets with their licenses as an AI bill of materials:
CycloneDX 1.6 (a machine-learning-model component with modelCard and pedigree ancestors, datasets
as data components) or SPDX 3.0.1 JSON-LD (AI and Dataset profiles). Licenses not on the SPDX list
are written by name and URL (CycloneDX) or as CustomLicense elements (SPDX), never as fake ids.
Models with a Hub id get a pkg:huggingface purl (with the revision when a Hugging Face cache
snapshot was read) and links to their Hub page and license text, in both formats.
The document is printed on stdout (it is the JSON output; --json changes nothing), or written to -o.

Examples:
  mlicense bom ./my-model --format cyclonedx -o my-model.cdx.json
  mlicense bom ./my-model --format spdx --registry ./bases`,
  options: {
    format: { type: "string", short: "f" },
    output: { type: "string", short: "o" },
    ...LINEAGE_OPTIONS,
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1) throw new InputError("bom takes exactly one target", "usage");
    const format = (ctx.values.format as string | undefined) ?? "cyclonedx";
    const offline = Boolean(ctx.values.offline);
    const cacheDir = ctx.values["cache-dir"] as string | undefined;
    const record = await inspectTarget(target, { offline, cacheDir, hfCache: hfCacheOption(ctx) });
    const dir = targetDirOf(target);
    const doc = await exportBom(
      record,
      format as BomFormat,
      {
        ...lineageSource(ctx),
      },
      dir,
    );
    const text = JSON.stringify(doc, null, 2) + "\n";
    const out = ctx.values.output as string | undefined;
    if (out) {
      checkOutputPath(out, "--output");
      writeOutput(out, "--output", text);
      ctx.err(`wrote ${format} BOM to ${out}\n`);
      if (ctx.json) ctx.out(JSON.stringify({ file: out, format }) + "\n");
    } else ctx.out(text);
    return 0;
  },
};
export default command;
