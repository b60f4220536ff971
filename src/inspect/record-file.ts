// Saved ModelRecords (`inspect --json` output) read back: untrusted input, checked before use.
import { InputError } from "../errors.js";
import { isRelation } from "../kb/vocabulary.js";
import { readTextFile } from "../io/read-text.js";
import { READABLE_RECORD_SCHEMAS, RECORD_SCHEMA, idsOfLicense, type ModelRecord } from "./record.js";

/** Saved records are a few kB; a generous cap keeps a hostile file from exhausting memory. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function loadRecord(path: string): ModelRecord {
  const r = readTextFile(path, MAX_RECORD_BYTES);
  if (!r.ok) throw new InputError(r.message, r.code, path);
  let doc: unknown;
  try {
    doc = JSON.parse(r.text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, "bad-json", path);
  }
  return validateRecord(doc, path);
}

/**
 * Checks the fields every consumer relies on; a record from elsewhere is untrusted input. Records
 * of an earlier schema that still load (their licenses single ids) come back in the current one.
 */
export function validateRecord(doc: unknown, file = "record"): ModelRecord {
  const d = doc as (Omit<Partial<ModelRecord>, "schema"> & { schema?: unknown }) | null;
  if (!d || typeof d !== "object")
    throw new InputError("a ModelRecord must be a JSON object", "bad-record", file);
  if (!(READABLE_RECORD_SCHEMAS as readonly unknown[]).includes(d.schema))
    throw new InputError(
      `not a ModelRecord (schema must be '${RECORD_SCHEMA}')`,
      "bad-record",
      file,
      "schema",
    );
  for (const k of ["id", "name"] as const)
    if (typeof d[k] !== "string") throw new InputError(`'${k}' must be a string`, "bad-record", file, k);
  if (!d.license || typeof d.license.id !== "string")
    throw new InputError("'license.id' must be a string", "bad-record", file, "license.id");
  for (const k of ["components", "bases", "datasets", "findings"] as const)
    if (!Array.isArray(d[k])) throw new InputError(`'${k}' must be a list`, "bad-record", file, k);
  for (const [i, x] of d.bases!.entries())
    if (!x || typeof x.id !== "string" || !isRelation(x.relation))
      throw new InputError("each base needs an id and a known relation", "bad-record", file, `bases.${i}`);
  if (
    d.license.ids !== undefined &&
    !(Array.isArray(d.license.ids) && d.license.ids.every((x) => typeof x === "string"))
  )
    throw new InputError("'license.ids' must be a list of strings", "bad-record", file, "license.ids");
  // @1 records carry no ids: they follow from the id
  const license = { ...d.license, ids: d.license.ids ?? idsOfLicense(d.license.id) };
  return { ...d, schema: RECORD_SCHEMA, license } as ModelRecord;
}
