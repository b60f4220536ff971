// The id an inventory entry is stored under: stable for the model, never a folder's name (two
// folders both called `model` were one entry, and every upload overwrote "uploaded-model").
import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { ModelRecord } from "../inspect/record.js";
import { InputError } from "../errors.js";

/** Ids the inventory accepts: what a Hub id or a catalogue name holds, a slash at most once. */
const ENTRY_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

export function isEntryId(id: string): boolean {
  return id.length <= 200 && ENTRY_ID.test(id) && !id.includes("..");
}

export function checkEntryId(id: string, field = "id"): string {
  if (!isEntryId(id))
    throw new InputError(
      `'${id.length > 80 ? id.slice(0, 80) + "…" : id}' is not an inventory id (owner/name of letters, digits, '.', '_' and '-')`,
      "bad-id",
      undefined,
      field,
    );
  return id;
}

/**
 * The record's own id when it is a stable one: a Hub id (the inspection knew it), a catalogue id,
 * or the id of a record written by hand. A folder or file inspected without a Hub id is known by
 * what it holds: its name and a hash of its facts (paths left out, so the same model in two
 * places is one entry and two models in folders of the same name are two).
 */
export function entryId(record: ModelRecord, explicit?: string): string {
  if (explicit) return checkEntryId(explicit);
  const kind = record.target?.kind;
  const local = (kind === "folder" || kind === "file") && record.nameSource !== "hub-id";
  if (!local && ENTRY_ID.test(record.id) && record.id.length <= 200) return record.id;
  const facts = JSON.stringify(record, (k, v: unknown) =>
    k === "target" ? undefined : k === "file" && typeof v === "string" ? basename(v) : v,
  );
  const hash = createHash("sha256").update(facts).digest("hex").slice(0, 12);
  const slug =
    record.name
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, "-")
      .replace(/^[^a-z0-9]+/, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "model";
  return `${slug}-${hash}`;
}
