import { writeFileSync } from "node:fs";
import { Inventory, defaultDataDir } from "../../store/inventory.js";
import { storeModel } from "../../store/service.js";
import { exportBom, type BomFormat } from "../../bom/bom.js";
import { InputError } from "../../errors.js";
import { inspectTarget } from "./inspect.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";
import { emit, type Command } from "../command.js";

const command: Command = {
  name: "inventory",
  summary: "manage the model inventory",
  help: `mlicense inventory add <target> | list [--verdict V] [--license L] [--family F] | remove <id> | export <id> [--format cyclonedx|spdx] [-o FILE]
       [--data-dir DIR | --db postgres://...] [--registry DIR] [--offline] [--json]

The same inventory as 'mlicense serve': add inspects and checks a model and stores it with its
verdict; list shows what is stored; remove deletes a model; export writes a model's BOM.

Examples:
  mlicense inventory add ./my-model --registry ./bases
  mlicense inventory list --verdict violation`,
  options: {
    "data-dir": { type: "string" },
    db: { type: "string" },
    verdict: { type: "string" },
    license: { type: "string" },
    family: { type: "string" },
    format: { type: "string" },
    output: { type: "string", short: "o" },
    ...LINEAGE_OPTIONS,
  },
  async run(ctx) {
    const [action, arg] = ctx.positionals;
    if (!action || !["add", "list", "remove", "export"].includes(action))
      throw new InputError("inventory takes add, list, remove or export", "usage");
    if (action !== "list" && !arg)
      throw new InputError(
        `inventory ${action} needs a ${action === "add" ? "target" : "model id"}`,
        "usage",
      );
    const db = ctx.values.db as string | undefined;
    const inv = await Inventory.open({
      db,
      dataDir: db ? null : ((ctx.values["data-dir"] as string | undefined) ?? defaultDataDir()),
    });
    try {
      const offline = Boolean(ctx.values.offline);
      const cacheDir = ctx.values["cache-dir"] as string | undefined;
      const req = {
        ...lineageSource(ctx),
      };
      if (action === "add") {
        const e = await storeModel(
          inv,
          await inspectTarget(arg!, { offline, cacheDir, hfCache: hfCacheOption(ctx) }),
          req,
        );
        emit(
          ctx,
          { id: e.id, license: e.license, verdict: e.verdict, checked_at: e.checked_at },
          () => `${e.id}: ${e.verdict} (${e.license})`,
        );
      } else if (action === "list") {
        const models = await inv.list({
          verdict: ctx.values.verdict as string | undefined,
          license: ctx.values.license as string | undefined,
          family: ctx.values.family as string | undefined,
        });
        emit(ctx, { models }, () =>
          models.length
            ? models.map((m) => `${m.verdict.padEnd(12)} ${m.id}  (${m.license})`).join("\n")
            : "the inventory is empty",
        );
      } else if (action === "remove") {
        const ok = await inv.remove(arg!);
        if (!ok) throw new InputError(`no model '${arg}' in the inventory`, "not-found");
        emit(ctx, { deleted: arg }, () => `removed ${arg}`);
      } else {
        const e = await inv.get(arg!);
        if (!e) throw new InputError(`no model '${arg}' in the inventory`, "not-found");
        const doc = await exportBom(
          e.record,
          ((ctx.values.format as string | undefined) ?? "cyclonedx") as BomFormat,
          req,
        );
        const text = JSON.stringify(doc, null, 2) + "\n";
        if (ctx.values.output) writeFileSync(ctx.values.output as string, text);
        else ctx.out(text);
      }
      return 0;
    } finally {
      await inv.close();
    }
  },
};
export default command;
