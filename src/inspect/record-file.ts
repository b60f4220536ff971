// Saved ModelRecords (`inspect --json` output) read back: untrusted input, checked before use.
import { parseRecord } from "./record-schema.js";
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
 * A record from elsewhere is untrusted input: checked, with defaults filled, by the one schema.
 * Records of an earlier schema that still load (their licenses single ids) come back in the
 * current one.
 */
export function validateRecord(doc: unknown, file = "record"): ModelRecord {
  return parseRecord(doc, file);
}
