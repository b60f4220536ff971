// A model folder laid out like a Hub repo (or the same files uploaded and held in memory) read by
// every reader and assembled into a ModelRecord. Listing the folder is this module's own job:
// capped at MAX_ENTRIES, and names that are not UTF-8 reported instead of silently lost.
import { snapshotIdentity } from "../hub/hf-cache.js";
import { lstatSync, opendirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { InputError } from "../errors.js";
import { knowledgeBase, type KnowledgeBase } from "../kb/knowledge-base.js";
import { readTextFile, type ReadResult } from "../io/read-text.js";
import { assemble } from "./assemble.js";
import { emptyFacts, finding, type Facts, type RepoFiles } from "./facts.js";
import { readModelCard } from "./model-card.js";
import { readLicenseFiles, termsFileKind } from "./license-files.js";
import { readConfigFiles } from "./config-files.js";
import { readMergekitConfig } from "./mergekit-config.js";
import { MODEL_FILE, readModelFile } from "./model-file-metadata.js";
import type { ModelRecord } from "./record.js";
import { thousands } from "../text/thousands.js";

export interface InspectOptions {
  /** The model's Hub id when the caller knows it (registry folders are `<owner>/<name>`). */
  hubId?: string;
  /** The Hub commit the folder holds, when the caller knows it. */
  revision?: string;
  kb?: KnowledgeBase;
}

/** Folders with more entries than this are not model repos; only the first ones are looked at. */
export const MAX_ENTRIES = 10_000;

/** A file name's bytes with everything but printable ASCII as \xNN, for a message. */
function escapedName(name: Buffer): string {
  let s = "";
  for (const b of name)
    s +=
      b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
  return s;
}

interface Listing {
  names: string[];
  findings: Facts["findings"];
}

function listFolder(dir: string): Listing {
  let d;
  try {
    // names as bytes, so that one that is not UTF-8 can be told apart (Node accepts "buffer"
    // here; its type declarations list only text encodings)
    d = opendirSync(dir, { encoding: "buffer" as BufferEncoding });
  } catch (e) {
    throw new InputError(`cannot read the folder: ${(e as Error).message}`, "unreadable", dir);
  }
  const names: string[] = [];
  const findings: Facts["findings"] = [];
  try {
    for (let seen = 0; ; seen++) {
      const ent = d.readSync();
      if (!ent) break;
      if (seen >= MAX_ENTRIES) {
        findings.push(
          finding({
            severity: "info",
            code: "folder-truncated",
            message: `The folder holds more than ${thousands(MAX_ENTRIES)} entries; only the first ${thousands(MAX_ENTRIES)} were looked at.`,
            file: dir,
          }),
        );
        break;
      }
      const raw = ent.name as unknown as Buffer;
      const name = raw.toString("utf8");
      if (Buffer.from(name, "utf8").equals(raw)) {
        names.push(name);
        continue;
      }
      // the replacement characters make a name no file has: a file the readers would have read is reported
      const model = MODEL_FILE.test(name);
      if (model || termsFileKind(name) || name.toLowerCase().startsWith("readme"))
        findings.push(
          finding({
            severity: "warning",
            code: model ? "model-file-unreadable" : "license-file-unreadable",
            message: `${escapedName(raw)}: the file name is not valid UTF-8 (shown escaped), so the file was not read.`,
            file: join(dir, escapedName(raw)),
          }),
        );
    }
  } catch (e) {
    throw new InputError(`cannot read the folder: ${(e as Error).message}`, "unreadable", dir);
  } finally {
    d.closeSync();
  }
  return { names, findings };
}

/** Model files in the folder, each read for its header; one that cannot be read is a finding. */
function readModelFiles(files: RepoFiles, kb: KnowledgeBase): Facts[] {
  const out: Facts[] = [];
  for (const n of files.names.filter((f) => MODEL_FILE.test(f)).sort()) {
    const p = join(files.dir, n);
    const unreadable = (message: string, field?: string): void => {
      const f = emptyFacts();
      f.findings.push(
        finding({
          severity: "warning",
          code: "model-file-unreadable",
          message,
          file: p,
          ...(field ? { field } : {}),
        }),
      );
      out.push(f);
    };
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) {
      try {
        statSync(p);
      } catch (e) {
        unreadable(
          `${n}: ${(e as NodeJS.ErrnoException).code === "ELOOP" ? "symbolic link loop" : "broken symbolic link"}.`,
        );
        continue;
      }
    }
    try {
      out.push(readModelFile(p, kb));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      unreadable(`${n}: ${e.message}.`, e.field);
    }
  }
  return out;
}

function inspectRepo(
  kb: KnowledgeBase,
  files: RepoFiles,
  folderName: string,
  opts: InspectOptions,
  extra: Facts[],
  withModelFiles: boolean,
): ModelRecord {
  const facts = [
    ...extra,
    readModelCard(files, kb),
    readLicenseFiles(files, kb),
    readConfigFiles(files),
    readMergekitConfig(files),
    ...(withModelFiles ? readModelFiles(files, kb) : []),
  ];
  return assemble(kb, facts, {
    id: opts.hubId ?? folderName,
    target: { kind: "folder", path: files.dir },
    ...(opts.hubId ? { hubName: opts.hubId.split("/").pop()! } : {}),
    names: ["model_name", "model-index", "heading"],
    fallback: { name: folderName, source: "folder" },
  });
}

export function inspectFolder(dir: string, opts: InspectOptions = {}): ModelRecord {
  // a Hugging Face cache snapshot is named by its Hub id and revision, not its commit folder
  const snap = opts.hubId ? null : snapshotIdentity(dir);
  if (snap) opts = { ...opts, hubId: snap.id, revision: snap.revision };
  const listing = listFolder(dir);
  const kb = opts.kb ?? knowledgeBase();
  const files: RepoFiles = { dir, names: listing.names, read: readTextFile };
  const listed = emptyFacts();
  listed.findings.push(...listing.findings);
  const rec = inspectRepo(kb, files, basename(resolve(dir)), opts, [listed], true);
  return opts.revision ? { ...rec, revision: opts.revision } : rec;
}

/** Upload files are at most this large each; a model card or license is far smaller. */
export const MAX_UPLOAD_FILE = 1024 * 1024;
const UPLOAD_DIR = "(upload)";

/**
 * Text files held in memory (a web upload: README.md, LICENSE, adapter_config.json, ...), inspected
 * as if they were a folder. Nothing is written to or read from disk; model weight files cannot be
 * uploaded this way.
 */
export function inspectFiles(
  files: Record<string, string>,
  opts: InspectOptions & { name?: string } = {},
): ModelRecord {
  const names = Object.keys(files)
    .filter((n) => /^[\w.-]{1,100}$/.test(n) && !MODEL_FILE.test(n))
    .slice(0, 50);
  const read = (path: string, max = MAX_UPLOAD_FILE): ReadResult => {
    const name = path.slice(UPLOAD_DIR.length + 1);
    const t = Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
    if (t === undefined) return { ok: false, code: "not-found", message: "no such file" };
    if (!t.length) return { ok: false, code: "empty", message: "the file is empty" };
    if (t.includes("\u0000"))
      return { ok: false, code: "binary", message: "binary file, not decoded as text" };
    const truncated = t.length > max;
    return { ok: true, text: truncated ? t.slice(0, max) : t, bytes: t.length, truncated };
  };
  return inspectRepo(
    opts.kb ?? knowledgeBase(),
    { dir: UPLOAD_DIR, names, read },
    opts.name ?? "uploaded-model",
    opts,
    [],
    false,
  );
}
