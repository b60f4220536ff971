// Wire shapes of the HTTP API as the web app receives them (see src/server/app.ts). Kept apart
// from the server's domain types: the browser build has no access to src/, and only reads fields.

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** A section reference and a short verbatim quote from the license text. */
export interface Clause {
  section: string;
  quote: string;
}

export type TermValue = "allowed" | "forbidden" | "conditional" | "n/a" | "unknown";

export interface Term {
  value: TermValue;
  clause?: Clause;
  condition?: string;
}

export interface LicenseListItem {
  id: string;
  name: string;
  family: string;
  spdx: string | null;
  hub: string | null;
  verified: boolean;
}

export interface FlowDownEntry {
  clause: Clause;
  compatible?: string[];
  text?: string;
  prefix?: string;
  display?: string;
}

/** GET /api/licenses/{id} and each entry of GET /api/licenses?full=1. */
export interface License extends LicenseListItem {
  kind: "license";
  url: string | null;
  aliases: string[];
  covers: string[];
  summary: string;
  licensor?: { name: string; clause: Clause };
  terms: Record<string, Term | undefined>;
  use_restrictions: { category: string; clause: Clause }[];
  use_restriction_labels: { category: string; label: string }[];
  flow_down: Record<string, FlowDownEntry | undefined>;
  outputs?: {
    ownership: string;
    clause?: Clause;
    restrictions: { kind: string; clause: Clause; except_licenses: string[]; description?: string }[];
  };
  thresholds: { metric: string; limit: number; consequence: string; clause: Clause }[];
  territory: { region: string; scope: string; clause: Clause }[];
  warnings: { code: string; message: string; clause?: Clause }[];
  related: string[];
  derivatives_must: string;
}

export interface Category {
  id: string;
  label: string;
  description: string;
}

export interface Comparison {
  licenses: { id: string; name: string; family: string }[];
  rows: { term: string; values: string[]; differs: boolean }[];
}

export type Verdict = "ok" | "conditional" | "violation" | "unknown";
export type Severity = "violation" | "unknown" | "warning" | "info";

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  license?: string;
  clause?: Clause;
  /** Model ids from the target down to the model the finding is about. */
  path: string[];
  file?: string;
  field?: string;
}

export interface Obligation {
  license: string;
  text: string;
  clause?: Clause;
  trigger: "use" | "distribute";
  path: string[];
}

export interface LineageView {
  id: string;
  license: string | null;
  relation?: string;
  from: string;
  bases: LineageView[];
  datasets: { id: string; license: string | null; from: string }[];
}

export interface CheckReport {
  target: string;
  name: string;
  license: { id: string; name: string };
  as?: string;
  mode: string;
  /** What was checked (servers before this field existed omit it). */
  options?: {
    use: string[];
    commercial: boolean;
    mode: string;
    as: string | null;
    mau: number | null;
    fail_on: string;
  };
  verdict: Verdict;
  lineage: LineageView;
  findings: Finding[];
  obligations: Obligation[];
  disclaimer: string;
}

export interface InventoryItem {
  id: string;
  name: string;
  license: string;
  family: string;
  verdict: Verdict;
  kb_version: string;
  checked_at: string;
}

export interface InventoryEntry extends InventoryItem {
  report: CheckReport;
}

export interface Health {
  status: string;
  kb_version: string;
  licenses: number;
  store: string;
}

/** What to check: a Hub id or catalogue name, or model files read in the browser. */
export type ModelInput = { target: string } | { files: Record<string, string>; name?: string };

export interface CheckOptions {
  mode?: "distribute" | "hosted" | "internal";
  commercial?: boolean;
  as?: string;
  use?: string[];
}

/** A changed region of a modified license text (POST /api/identify). */
export interface Change {
  kind: "added" | "removed";
  /** 1-based inclusive line range in the input, for added text. */
  lines?: [number, number];
  /** Approximate number of words added or missing. */
  words: number;
}

export interface LicenseMatch {
  id: string;
  name: string;
  /** 0..1 */
  confidence: number;
  method: string;
  part?: "license" | "acceptable-use-policy";
  lines?: [number, number];
  modified?: boolean;
  changes?: Change[];
  evidence?: string;
}

export interface IdentifyResult {
  file: string;
  matches: LicenseMatch[];
  modified: boolean;
  truncated?: boolean;
  error?: { code: string; message: string };
}

/** POST /api/advise: the planned derivative. */
export interface AdviseInput {
  bases: string[];
  datasets?: string[];
  relation?: string;
  name?: string;
  goal?: string;
}

export interface Advice {
  target: string;
  name: string;
  goal: string | null;
  candidates: { id: string; name: string; family: string; why: string[]; duties: string[] }[];
  blockers: { code: string; message: string; license?: string }[];
  model_card: string;
  notice: string;
  disclaimer: string;
}

/** GET /api/derived/{id}. */
export interface DerivedModel {
  id: string;
  name: string;
  license: string;
  verdict: Verdict;
  depth: number;
  via: string[];
  relations: string[];
}
