// Inspect, check and store a model in the inventory; re-check what the knowledge base changed.
import { checkRecord, type CheckReport, type CheckRequest } from "../check.js";
import { knowledgeBase, type KnowledgeBase } from "../kb/knowledge-base.js";
import type { ModelRecord } from "../inspect/record.js";
import type { Inventory, InventoryEntry } from "./inventory.js";

export async function storeModel(
  inv: Inventory,
  record: ModelRecord,
  req: CheckRequest = {},
): Promise<InventoryEntry> {
  const kb = req.kb ?? knowledgeBase();
  const report: CheckReport = await checkRecord(record, { ...req, kb });
  return inv.put({
    id: record.id,
    name: record.name,
    license: record.license.id,
    family: kb.license(record.license.id)?.family ?? "none",
    verdict: report.verdict,
    record,
    report,
    kb_version: kb.version,
  });
}

/** Re-checks every stored model checked against an older knowledge base; returns how many. */
export async function recheckStale(
  inv: Inventory,
  req: CheckRequest = {},
  kb: KnowledgeBase = knowledgeBase(),
): Promise<number> {
  const stale = await inv.stale(kb.version);
  for (const e of stale) await storeModel(inv, e.record, { ...req, kb });
  return stale.length;
}
