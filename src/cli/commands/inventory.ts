import { Inventory, defaultDataDir, type InventoryEntry, type ListFilter } from "../../store/inventory.js";
import { storeModel } from "../../store/service.js";
import { checkEntryId, entryId } from "../../store/entry-id.js";
import { StoreBusyError } from "../../store/owner-lock.js";
import { InventoryClient } from "../../server/client.js";
import { exportBom, type BomFormat } from "../../bom/bom.js";
import { InputError } from "../../errors.js";
import { checkOutputPath, writeOutput } from "../../io/output-path.js";
import type { ModelRecord } from "../../inspect/record.js";
import { inspectTarget } from "./inspect.js";
import { hfCacheOption, LINEAGE_OPTIONS, lineageSource } from "../lineage-options.js";
import { emit, type Command } from "../command.js";

/** The inventory as the commands use it: opened here, or through the server that owns it. */
interface Store {
  add(record: ModelRecord, id: string, replace: boolean): Promise<InventoryEntry>;
  list(f: ListFilter): Promise<Omit<InventoryEntry, "record" | "report">[]>;
  remove(id: string): Promise<boolean>;
  bom(id: string, format: BomFormat): Promise<unknown>;
  close(): Promise<void>;
}

const command: Command = {
  name: "inventory",
  summary: "manage the model inventory",
  help: `mlicense inventory add <target> [--id OWNER/NAME] [--replace] | list [--verdict V] [--license L] [--family F]
       | remove <id> | export <id> [--format cyclonedx|spdx] [-o FILE]
       [--data-dir DIR | --db postgres://...] [--registry DIR] [--offline] [--json]

The same inventory as 'mlicense serve': add inspects and checks a model and stores it with its
verdict; list shows what is stored; remove deletes a model; export writes a model's BOM.

Entries are stored under a stable id: the Hub id when the model has one (hf:owner/name, a
catalogue model, a saved record's id), else --id, else the model's name and a hash of what it
holds (never the folder's name). Adding an id that is already stored fails (exit 2) unless
--replace is given.

One process owns a data folder. When 'mlicense serve' runs on it, these commands go through that
server (its URL and token are in the folder's owner.json); when another command holds it, they
exit 2 at once naming that process.

Examples:
  mlicense inventory add ./my-model --registry ./bases
  mlicense inventory add hf:meta-llama/Llama-3.1-8B --replace
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
    id: { type: "string" },
    replace: { type: "boolean" },
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
    const out = ctx.values.output as string | undefined;
    if (out) checkOutputPath(out, "--output");
    const format = ((ctx.values.format as string | undefined) ?? "cyclonedx") as BomFormat;
    if (format !== "cyclonedx" && format !== "spdx")
      throw new InputError("--format takes cyclonedx or spdx", "usage", undefined, "--format");
    const explicitId = ctx.values.id as string | undefined;
    if (explicitId) checkEntryId(explicitId, "--id");
    const offline = Boolean(ctx.values.offline);
    const cacheDir = ctx.values["cache-dir"] as string | undefined;
    const req = lineageSource(ctx);

    // inspect before taking the store: the owner is held for as short a time as can be
    const record =
      action === "add"
        ? await inspectTarget(arg!, { offline, cacheDir, hfCache: hfCacheOption(ctx) })
        : undefined;
    const store = await openStore(ctx.values, `inventory ${action}`, req, (s) => ctx.err(s));
    try {
      if (action === "add") {
        const e = await store.add(record!, explicitId ?? entryId(record!), Boolean(ctx.values.replace));
        emit(
          ctx,
          { id: e.id, license: e.license, verdict: e.verdict, checked_at: e.checked_at },
          () => `${e.id}: ${e.verdict} (${e.license})`,
        );
      } else if (action === "list") {
        const models = await store.list({
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
        if (!(await store.remove(arg!)))
          throw new InputError(`no model '${arg}' in the inventory`, "not-found");
        emit(ctx, { deleted: arg }, () => `removed ${arg}`);
      } else {
        const text = JSON.stringify(await store.bom(arg!, format), null, 2) + "\n";
        if (out) writeOutput(out, "--output", text);
        else ctx.out(text);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
export default command;

async function openStore(
  values: Record<string, unknown>,
  what: string,
  req: Parameters<typeof storeModel>[2],
  warn: (s: string) => void,
): Promise<Store> {
  const db = values.db as string | undefined;
  let inv: Inventory;
  try {
    inv = await Inventory.open({
      db,
      dataDir: db ? null : ((values["data-dir"] as string | undefined) ?? defaultDataDir()),
      command: what,
    });
  } catch (e) {
    if (!(e instanceof StoreBusyError) || !e.owner.url || e.owner.command !== "serve") throw e;
    const client = new InventoryClient({ ...e.owner, url: e.owner.url });
    if (req?.registry?.length)
      warn(
        `mlicense: the inventory is served by ${client.url}; it resolves base models with its own registries, not --registry\n`,
      );
    return {
      add: (record, id, replace) => client.add(record, id, { replace }),
      list: (f) => client.list(f),
      remove: (id) => client.remove(id),
      bom: (id, format) => client.bom(id, format),
      close: async () => undefined,
    };
  }
  return {
    add: (record, id, replace) => storeModel(inv, record, req, { id, replace }),
    list: (f) => inv.list(f),
    remove: (id) => inv.remove(id),
    async bom(id, format) {
      const e = await inv.get(id);
      if (!e) throw new InputError(`no model '${id}' in the inventory`, "not-found");
      return exportBom(e.record, format, req);
    },
    close: () => inv.close(),
  };
}
