// One model row of a Hub dump, from the Hub API's wire shape (or a CSV/parquet row with the same
// columns) to the few fields the audit needs. Real dumps are messy; every row that cannot be used
// is a counted skip reason, never an exception.
import { InputError } from "../errors.js";
import { cleanModelId } from "../inspect/model-id.js";
import { splitFrontMatter } from "../text/front-matter.js";

export interface AuditRow {
  id: string;
  /** The license value as written (a Hub id, an SPDX id, a name), or null. */
  license: string | null;
  licenseName: string | null;
  /** Where `license: other` points to its text (a URL or a file of the repository), or null. */
  licenseLink: string | null;
  bases: string[];
  relation: string | null;
  /** Which of the optional columns the row has (FIELD_* bits), even when empty. */
  fields: number;
}

/** Bits of `AuditRow.fields`: the optional columns a row holds. */
export const FIELD_BITS = {
  license: 1,
  license_name: 2,
  base_model: 4,
  base_model_relation: 8,
  tags: 16,
  license_link: 32,
  card: 64,
} as const satisfies Partial<Record<keyof Columns, number>>;

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
  if (Array.isArray(v)) {
    // a plain loop: this runs for millions of rows
    const out: string[] = [];
    for (const x of v) if (typeof x === "string" && x.trim() !== "") out.push(x.trim());
    return out;
  }
  return [];
}

function str(v: unknown): string | null {
  if (typeof v === "string") {
    const t = v.trim();
    return t ? t : null;
  }
  if (Array.isArray(v) && typeof v[0] === "string") {
    const t = v[0].trim();
    return t ? t : null;
  }
  return null;
}

/** Column names for CSV/parquet inputs, overridable with --columns. */
export interface Columns {
  id: string;
  license: string;
  license_name: string;
  license_link: string;
  /** A column holding the whole model card (README.md), read for its front matter when needed. */
  card: string;
  base_model: string;
  base_model_relation: string;
  /** Accepted in --columns for completeness; the audit does not read datasets (Hub dumps carry no
   * dataset licenses). */
  datasets: string;
  tags: string;
}

export const DEFAULT_COLUMNS: Columns = {
  id: "id",
  license: "license",
  license_name: "license_name",
  license_link: "license_link",
  card: "card",
  base_model: "base_model",
  base_model_relation: "base_model_relation",
  datasets: "datasets",
  tags: "tags",
};

/** The columns to read: the defaults, with the ones named (by --columns) in their place. */
export function columnsOf(named: Partial<Columns> = {}): Columns {
  return { ...DEFAULT_COLUMNS, ...named };
}

/**
 * A CSV or parquet header against the columns asked for: the id column must be there (or the
 * Hub's `modelId`), and so must every column named with --columns. Without an id column every row
 * would be skipped and the dump reported as "0 models".
 */
export function checkHeader(header: readonly string[], named: Partial<Columns>, path: string): void {
  const have = new Set(header);
  const shown = `the header has ${header.length ? header.map((h) => `'${h}'`).join(", ") : "no columns"}`;
  for (const [field, column] of Object.entries(named))
    if (column !== undefined && !have.has(column))
      throw new InputError(
        `--columns names the column '${column}' for ${field}, but the file has no '${column}' column (${shown})`,
        "missing-column",
        path,
        "--columns",
      );
  const id = named.id ?? DEFAULT_COLUMNS.id;
  if (!have.has(id) && (named.id !== undefined || !have.has("modelId")))
    throw new InputError(
      `no '${id}' column, so no row has a model id (${shown}); name the id column with --columns id=COLUMN`,
      "missing-column",
      path,
    );
}

/** Longest card held as JSON text that is read (a card's metadata is a few kB). */
const MAX_CARD_TEXT = 1 << 20;

/**
 * The card's metadata: an object, or the same as JSON text, as a CSV or parquet export of the Hub
 * API's rows holds it (a cell cannot hold an object). Null when there is none to read.
 */
function cardOf(v: unknown): Record<string, unknown> | null {
  if (!v) return null;
  if (typeof v === "object") return v as Record<string, unknown>;
  if (typeof v !== "string" || v.length > MAX_CARD_TEXT) return null;
  const t = v.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return null;
  try {
    const o: unknown = JSON.parse(t);
    return o && typeof o === "object" && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const NO_STRINGS: string[] = [];
const BASE_TAG = /^base_model:(?:(adapter|finetune|merge|quantized|distill):)?(.+)$/i;

export function rowFromObject(o: unknown, columns: Columns = DEFAULT_COLUMNS): RowResult {
  if (!o || typeof o !== "object" || Array.isArray(o)) return { skip: "not-an-object" };
  const obj = o as Record<string, unknown>;
  const rawId = str(obj[columns.id]) ?? str(obj.modelId);
  if (!rawId) return { skip: "no-id" };
  const id = cleanModelId(rawId);
  if (!id) return { skip: "bad-id" };
  const cardData = cardOf(obj.cardData);
  const row = rowOf(obj, cardData ?? obj, id, columns);
  // a dump of whole model cards (a README column, as in the Hub's datasets of cards) says in
  // its front matter what the tags cannot: which license `other` is. Read only then: YAML per
  // row would cost more than the rest of the audit.
  if (cardData === null && unnamedLicense(row)) {
    const front = frontMatterOf(obj[columns.card]);
    if (front) return { ...rowOf(obj, front, id, columns), fields: row.fields | FIELD_BITS.card };
  }
  return obj[columns.card] === undefined ? row : { ...row, fields: row.fields | FIELD_BITS.card };
}

/** No license, or `other` / `unknown` without the name or link that says which. */
function unnamedLicense(r: AuditRow): boolean {
  return (
    (r.license === null || r.license === "other" || r.license === "unknown") &&
    r.licenseName === null &&
    r.licenseLink === null
  );
}

/** The front matter of a model card's text, or null (none, or not YAML a card may hold). */
function frontMatterOf(v: unknown): Record<string, unknown> | null {
  if (typeof v !== "string" || !v.startsWith("---")) return null;
  try {
    return splitFrontMatter(v).data;
  } catch {
    // a broken card is no card: the row keeps what its other columns say
    return null;
  }
}

/** The row an object makes with `card` as its card (the object itself when it has none). */
function rowOf(
  obj: Record<string, unknown>,
  card: Record<string, unknown>,
  id: string,
  columns: Columns,
): AuditRow {
  // a card's license list is an AND of its entries
  const rawLicense = card[columns.license];
  const rawName = card[columns.license_name];
  const rawLink = card[columns.license_link];
  const rawRelation = card[columns.base_model_relation];
  // (a CSV or parquet cell holds the list as JSON text)
  const licenses =
    Array.isArray(rawLicense) || (typeof rawLicense === "string" && rawLicense.charCodeAt(0) === 91)
      ? list(rawLicense)
      : null;
  let license = licenses
    ? licenses.length > 1
      ? licenses.join(" AND ")
      : (licenses[0] ?? null)
    : str(rawLicense);
  const rawBases = card[columns.base_model];
  let bases = rawBases === undefined ? NO_STRINGS : list(rawBases);
  let relation = str(rawRelation);
  // tags count only for what the card does not say (the Hub derives them from the card)
  const rawTags = obj[columns.tags];
  if (Array.isArray(rawTags) ? rawTags.length : rawTags)
    for (const t of list(rawTags)) {
      if (!license && t.startsWith("license:")) license = t.slice(8);
      else if (t.startsWith("base_model:")) {
        const m = BASE_TAG.exec(t);
        if (m && !bases.includes(m[2]!)) {
          if (rawBases === undefined) bases = [...bases, m[2]!];
          if (m[1] && !relation) relation = m[1].toLowerCase();
        }
      }
    }
  let cleanBases = NO_STRINGS;
  if (bases.length) {
    cleanBases = [];
    for (const b of bases) {
      const c = cleanModelId(b);
      // the model itself is no base of its own (the lengths differ for nearly every base)
      if (c !== null && (c.length !== id.length || c.toLowerCase() !== id.toLowerCase())) cleanBases.push(c);
    }
  }
  return {
    id,
    license: license ? license.toLowerCase() : null,
    licenseName: str(rawName),
    licenseLink: str(rawLink),
    bases: cleanBases,
    relation: relation ? relation.toLowerCase() : null,
    fields:
      (rawLicense !== undefined ? FIELD_BITS.license : 0) |
      (rawName !== undefined ? FIELD_BITS.license_name : 0) |
      (rawLink !== undefined ? FIELD_BITS.license_link : 0) |
      (rawBases !== undefined ? FIELD_BITS.base_model : 0) |
      (rawRelation !== undefined ? FIELD_BITS.base_model_relation : 0) |
      (rawTags !== undefined ? FIELD_BITS.tags : 0),
  };
}
