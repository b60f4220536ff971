import { targetDirOf } from "../../inspect/inspect.js";
import { writeFileSync } from "node:fs";
import { checkOutputPath } from "../../io/output-path.js";
import { exportBom, type BomFormat } from "../../bom/bom.js";
import { InputError } from "../../errors.js";
import { hubLookupFor } from "../../hub/hub-lookup.js";
import { inspectTarget } from "./inspect.js";
import type { Command } from "../command.js";

const command: Command = {
  name: "bom",
  summary: "export an AI bill of materials",
  help: `mlicense bom <target> --format cyclonedx|spdx [-o FILE] [--registry DIR] [--offline]

Exports the model, its base models and datasets with their licenses as an AI bill of materials:
CycloneDX 1.6 (a machine-learning-model component with modelCard and pedigree ancestors, datasets
as data components) or SPDX 3.0.1 JSON-LD (AI and Dataset profiles). Licenses not on the SPDX list
are written by name and URL (CycloneDX) or as CustomLicense elements (SPDX), never as fake ids.
The document is printed on stdout (it is the JSON output; --json changes nothing), or written to -o.

Examples:
  mlicense bom ./my-model --format cyclonedx -o my-model.cdx.json
  mlicense bom ./my-model --format spdx --registry ./bases`,
  options: {
    format: { type: "string", short: "f" },
    output: { type: "string", short: "o" },
    registry: { type: "string", multiple: true },
    offline: { type: "boolean" },
    "cache-dir": { type: "string" },
  },
  async run(ctx) {
    const target = ctx.positionals[0];
    if (!target || ctx.positionals.length > 1) throw new InputError("bom takes exactly one target", "usage");
    const format = (ctx.values.format as string | undefined) ?? "cyclonedx";
    const offline = Boolean(ctx.values.offline);
    const cacheDir = ctx.values["cache-dir"] as string | undefined;
    const record = await inspectTarget(target, { offline, cacheDir });
    const dir = targetDirOf(target);
    const doc = await exportBom(
      record,
      format as BomFormat,
      {
        registry: ctx.values.registry as string[] | undefined,
        offline,
        hub: hubLookupFor({ offline, cacheDir }),
      },
      dir,
    );
    const text = JSON.stringify(doc, null, 2) + "\n";
    const out = ctx.values.output as string | undefined;
    if (out) {
      checkOutputPath(out, "--output");
      writeFileSync(out, text);
      ctx.err(`wrote ${format} BOM to ${out}\n`);
      if (ctx.json) ctx.out(JSON.stringify({ file: out, format }) + "\n");
    } else ctx.out(text);
    return 0;
  },
};
export default command;
