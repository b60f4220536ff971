// Inspect, check and store a model in the inventory; re-check what the knowledge base changed.
import { checkRecord, type CheckReport, type CheckRequest } from "../check.js";
import { knowledgeBase, type KnowledgeBase } from "../kb/knowledge-base.js";
import type { ModelRecord } from "../inspect/record.js";
import type { Inventory, InventoryEntry } from "./inventory.js";
import { entryId } from "./entry-id.js";

export interface StoreOptions {
  /** The id to store it under (checked by the caller: checkEntryId); by default entryId's. */
  id?: string;
  /** Overwrite an entry of the same id (otherwise a ConflictError with the stored one). */
  replace?: boolean;
}

export async function storeModel(
  inv: Inventory,
  record: ModelRecord,
  req: CheckRequest = {},
  opts: StoreOptions = {},
): Promise<InventoryEntry> {
  const kb = req.kb ?? knowledgeBase();
  const id = opts.id ?? entryId(record);
  const report: CheckReport = await checkRecord(record, { ...req, kb });
  return inv.put(
    {
      id,
      name: record.name,
      license: record.license.id,
      family: kb.license(record.license.id)?.family ?? "none",
      verdict: report.verdict,
      record,
      report,
      kb_version: kb.version,
    },
    { replace: opts.replace },
  );
}

/** Re-checks every stored model checked against an older knowledge base; returns how many. */
export async function recheckStale(
  inv: Inventory,
  req: CheckRequest = {},
  kb: KnowledgeBase = knowledgeBase(),
  onProgress?: (message: string) => void,
): Promise<number> {
  const stale = await inv.stale(kb.version);
  if (stale.length) onProgress?.(`re-checking ${stale.length} models against the updated knowledge base`);
  for (const e of stale) await storeModel(inv, e.record, { ...req, kb }, { id: e.id, replace: true });
  return stale.length;
}
