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
