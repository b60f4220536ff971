// What the readers of one source (card, license files, configs, mergekit config, model-file
// metadata) say about a model, each fact with its evidence. Readers return Facts; the assembler
// merges them into one ModelRecord. Readers judge only their own source: anything that needs two
// sources (a card against a LICENSE file, an adapter config without any base) is the assembler's.
import type { LicenseExpr } from "../kb/expression.js";
import type { Component, Relation } from "../kb/schema.js";
import type { ReadResult } from "../io/read-text.js";
import type { Evidence, Finding, ModelRecord } from "./record.js";

/**
 * How a license fact was stated, which decides how it combines with the others:
 * - `declared`: the card's front matter (`license:` values and tags), the publisher's statement;
 * - `terms-file`: the text of a license or terms file shipped with the files;
 * - `policy-file`: a file that is only the acceptable-use policy of the license in `expr`;
 * - `metadata`: a model file's own license key (GGUF, safetensors, ONNX);
 * - `prose`: a name found in the card's text, used only when nothing else says anything.
 */
export type LicenseFactKind = "declared" | "terms-file" | "policy-file" | "metadata" | "prose";

export interface LicenseFact {
  component: Component;
  kind: LicenseFactKind;
  expr: LicenseExpr;
  evidence: Evidence[];
  /** declared only: the values as written. */
  declared?: string;
  /** declared only: `other` that nothing named (NOASSERTION); a terms file's text may resolve it. */
  unresolved?: boolean;
  /** A human name when the expression is NOASSERTION but the source named it (license_name). */
  name?: string;
}

export interface BaseFact {
  id: string;
  relation: Relation;
  evidence: Evidence;
  /** A hint only (config.json's _name_or_path): used when no other source names a base. */
  hint?: boolean;
}

export interface DatasetFact {
  id: string;
  evidence: Evidence;
}

export interface NameFact {
  name: string;
  source: Exclude<ModelRecord["nameSource"], "hub-id" | "folder" | "file" | "catalogue">;
}

export interface Facts {
  licenses: LicenseFact[];
  bases: BaseFact[];
  datasets: DatasetFact[];
  /** Models whose outputs made this dataset (a dataset card's generated_by / source_models). */
  generatedBy: { id: string; evidence: Evidence }[];
  names: NameFact[];
  task?: string;
  architecture?: string;
  /** A file that only makes sense with a base (adapter_config.json): the assembler reports it when no source names one. */
  needsBase?: { file: string; message: string };
  findings: Finding[];
}

export function emptyFacts(): Facts {
  return { licenses: [], bases: [], datasets: [], generatedBy: [], names: [], findings: [] };
}

/** The files of one model repo: on disk, or uploads held in memory. */
export interface RepoFiles {
  /** The folder the paths are joined to (a pseudo-folder for uploads). */
  dir: string;
  /** File names in the folder, as listed (capped). */
  names: readonly string[];
  /** How text files are read. */
  read(path: string, maxBytes?: number): ReadResult;
}

/** A finding with no lineage path yet (the check fills it). */
/** Adds a declared license (a card's, or a model file's metadata) and its findings to `facts`. */
export function addDeclared(
  facts: Facts,
  kind: LicenseFactKind,
  d: {
    expr: LicenseExpr;
    evidence: Evidence[];
    declared: string;
    unresolved: boolean;
    name?: string;
    findings: Finding[];
  },
): void {
  facts.licenses.push({
    component: "weights",
    kind,
    expr: d.expr,
    evidence: d.evidence,
    declared: d.declared,
    ...(d.unresolved ? { unresolved: true } : {}),
    ...(d.name ? { name: d.name } : {}),
  });
  facts.findings.push(...d.findings);
}

export function finding(f: Omit<Finding, "path">): Finding {
  return { path: [], ...f };
}

/** The 1-based line of character offset `at` in `text`. */
export function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < at; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
