// The ModelRecord: everything inspect learned about one model, every fact with its evidence.
import type { Clause, Component, Relation } from "../kb/schema.js";
import { idsOf, parseExprString } from "../kb/expression.js";

export const RECORD_SCHEMA = "mlicense/model-record@2";
/** Earlier record versions that still load (their licenses are single ids). */
export const READABLE_RECORD_SCHEMAS = ["mlicense/model-record@1", RECORD_SCHEMA] as const;

export interface Evidence {
  /** What kind of source said it. */
  source:
    | "card"
    | "card-prose"
    | "license-file"
    | "config"
    | "adapter-config"
    | "mergekit-config"
    | "model-index"
    | "gguf"
    | "safetensors"
    | "onnx"
    | "hub"
    | "catalogue"
    | "inferred";
  file?: string;
  /** 1-based line in `file` where the fact was read, when known. */
  line?: number;
  field?: string;
  value: string;
}

/** violation and unknown decide the verdict; warning and info inform. */
export type Severity = "violation" | "unknown" | "warning" | "info";

/** A problem in the data being judged; returned, never thrown. */
export interface Finding {
  severity: Severity;
  /** Stable kebab-case code scripts can filter on. */
  code: string;
  /** One sentence a non-lawyer understands. */
  message: string;
  /** The license (an id, or an expression of ids) the finding is about. */
  license?: string;
  clause?: Clause;
  /** Model ids from the target down to the model the finding is about. */
  path: string[];
  file?: string;
  /** 1-based line in `file`, when known. */
  line?: number;
  field?: string;
}

export interface LicenseAssertion {
  /**
   * The license expression: a knowledge-base id (or an SPDX id, NONE or NOASSERTION) when it is one
   * license, else the expression string over such ids ("llama3.1 AND gemma"; AND: all bind, OR:
   * the licensee's choice). A card's `license:` list, or a card and a second terms file, is an AND.
   */
  id: string;
  /** Every id in `id`, each once. */
  ids: string[];
  name: string;
  /** For an expression with OR: the alternative the check judged (the most favourable), as an expression. */
  choice?: string;
  /** As written, when the card gave an expression or free text. */
  declared?: string;
  evidence: Evidence[];
}

export interface ComponentRecord {
  kind: Component;
  /** An id or an expression string, as in LicenseAssertion.id. */
  license: string;
  evidence: Evidence[];
}

export interface BaseRecord {
  id: string;
  relation: Relation;
  /** Filled by lineage resolution (an id or an expression string); absent until then. */
  license?: string;
  evidence: Evidence[];
}

export interface DatasetRecord {
  id: string;
  license?: string;
  /** Models whose outputs made this dataset (synthetic data): a model trained on it uses their outputs. */
  generatedBy?: string[];
  evidence: Evidence[];
}

export interface ModelRecord {
  schema: typeof RECORD_SCHEMA;
  /** Hub id when known, else the folder or file name. */
  id: string;
  /** The model's name for naming duties (rules in DESIGN.md). */
  name: string;
  nameSource: "hub-id" | "model_name" | "model-index" | "heading" | "folder" | "file" | "gguf" | "catalogue";
  target: { kind: "folder" | "file" | "hub" | "record" | "catalogue"; path: string };
  /** The Hub commit the files were read at (a Hugging Face cache snapshot), when known. */
  revision?: string;
  /** The license the model is released under (the weights' license). */
  license: LicenseAssertion;
  components: ComponentRecord[];
  bases: BaseRecord[];
  datasets: DatasetRecord[];
  findings: Finding[];
  /** The task (the card's pipeline_tag), when known. */
  task?: string;
  /** The architecture (config.json `architectures[0]`), when known. */
  architecture?: string;
  /** Set for catalogue models whose weights were never released. */
  weightsAvailable?: boolean;
  /**
   * For a dataset's record (a dataset card reached through `datasets:`, or a catalogue dataset):
   * ids of the models whose outputs made it. Lineage traces a model trained on it to each as
   * `uses-output-of`.
   */
  generatedBy?: string[];
}

/** Every id of a license expression string ("a AND b" → [a, b]; a single id → [id]). */
export function idsOfLicense(id: string): string[] {
  const e = parseExprString(id);
  return e ? idsOf(e) : [id];
}

/** A LicenseAssertion with `ids` filled from `id`. */
export function assertion(a: Omit<LicenseAssertion, "ids"> & { ids?: string[] }): LicenseAssertion {
  return { ...a, ids: a.ids ?? idsOfLicense(a.id) };
}
