// One model row of a Hub dump, from the Hub API's wire shape (or a CSV/parquet row with the same
// columns) to the few fields the audit needs. Real dumps are messy; every row that cannot be used
// is a counted skip reason, never an exception.
import { cleanModelId } from "../inspect/inspect.js";

export interface AuditRow {
  id: string;
  /** The license value as written (a Hub id, an SPDX id, a name), or null. */
  license: string | null;
  licenseName: string | null;
  bases: string[];
  relation: string | null;
  datasets: string[];
}

export type RowResult = AuditRow | { skip: string };

function list(v: unknown): string[] {
  if (typeof v === "string") {
    const t = v.trim();
    // CSV cells may hold a JSON list
    if (t.startsWith("[") && t.endsWith("]")) {
      try {
        return list(JSON.parse(t));
      } catch {
        return [t];
      }
    }
    return t ? [t] : [];
  }
  if (Array.isArray(v))
    return v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
  return [];
}

function str(v: unknown): string | null {
  if (typeof v === "string" && v.trim()) return v.trim();
  if (Array.isArray(v) && typeof v[0] === "string" && v[0].trim()) return v[0].trim();
  return null;
}

/** Column names for CSV/parquet inputs, overridable with --columns. */
export interface Columns {
  id: string;
  license: string;
  license_name: string;
  base_model: string;
  base_model_relation: string;
  datasets: string;
  tags: string;
}

export const DEFAULT_COLUMNS: Columns = {
  id: "id",
  license: "license",
  license_name: "license_name",
  base_model: "base_model",
  base_model_relation: "base_model_relation",
  datasets: "datasets",
  tags: "tags",
};

export function rowFromObject(o: unknown, columns: Columns = DEFAULT_COLUMNS): RowResult {
  if (!o || typeof o !== "object" || Array.isArray(o)) return { skip: "not-an-object" };
  const obj = o as Record<string, unknown>;
  const rawId = str(obj[columns.id]) ?? str(obj.modelId) ?? str(obj._id === undefined ? undefined : obj.id);
  if (!rawId) return { skip: "no-id" };
  const id = cleanModelId(rawId);
  if (!id) return { skip: "bad-id" };
  const card =
    obj.cardData && typeof obj.cardData === "object" ? (obj.cardData as Record<string, unknown>) : obj;
  const tags = list(obj[columns.tags]);
  let license = str(card[columns.license]);
  let bases = list(card[columns.base_model]);
  let relation = str(card[columns.base_model_relation]);
  let datasets = list(card[columns.datasets]);
  for (const t of tags) {
    if (!license && t.startsWith("license:")) license = t.slice(8);
    else if (t.startsWith("base_model:")) {
      const m = /^base_model:(?:(adapter|finetune|merge|quantized|distill):)?(.+)$/i.exec(t);
      if (m && !bases.includes(m[2]!)) {
        if (!card[columns.base_model]) bases = [...bases, m[2]!];
        if (m[1] && !relation) relation = m[1].toLowerCase();
      }
    } else if (t.startsWith("dataset:") && !card[columns.datasets]) datasets = [...datasets, t.slice(8)];
  }
  const cleanBases = bases
    .map((b) => cleanModelId(b))
    .filter((b): b is string => b !== null && b.toLowerCase() !== id.toLowerCase());
  return {
    id,
    license: license ? license.toLowerCase() : null,
    licenseName: str(card[columns.license_name]),
    bases: cleanBases,
    relation: relation ? relation.toLowerCase() : null,
    datasets,
  };
}
