// The ModelRecord: everything inspect learned about one model, every fact with its evidence.
import type { Clause, Component, Relation } from "../kb/schema.js";

export const RECORD_SCHEMA = "mlicense/model-record@1";

export interface Evidence {
  /** What kind of source said it. */
  source:
    | "card"
    | "card-prose"
    | "license-file"
    | "config"
    | "adapter-config"
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
  /** Knowledge-base id, an SPDX id, NONE or NOASSERTION. */
  id: string;
  name: string;
  /** As written, when the card gave an expression or free text. */
  declared?: string;
  evidence: Evidence[];
}

export interface ComponentRecord {
  kind: Component;
  license: string;
  evidence: Evidence[];
}

export interface BaseRecord {
  id: string;
  relation: Relation;
  /** Filled by lineage resolution; absent until then. */
  license?: string;
  evidence: Evidence[];
}

export interface DatasetRecord {
  id: string;
  license?: string;
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
}
