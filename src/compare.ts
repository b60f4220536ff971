// `compare`: licenses side by side, one row per term, restriction and duty, differences marked.
import { requireLicense } from "./explain.js";
import { knowledgeBase, type KnowledgeBase } from "./kb/knowledge-base.js";
import type { License } from "./kb/schema.js";
import { TERM_NAMES } from "./kb/vocabulary.js";
import { thousands } from "./text/thousands.js";

export interface CompareRow {
  term: string;
  /** One value per license, in the order given. */
  values: string[];
  differs: boolean;
}

export interface Comparison {
  licenses: { id: string; name: string; family: string }[];
  rows: CompareRow[];
}

const FLOW_DOWN_KEYS = [
  "use_restrictions",
  "license_copy",
  "same_license",
  "notice",
  "naming",
  "non_commercial",
  "mark_changes",
] as const;

function row(term: string, values: string[]): CompareRow {
  return { term, values, differs: new Set(values).size > 1 };
}

export function compare(queries: string[], kb: KnowledgeBase = knowledgeBase()): Comparison {
  const lics: License[] = queries.map((q) => requireLicense(q, kb));
  const rows: CompareRow[] = [
    row(
      "family",
      lics.map((l) => l.family),
    ),
    row(
      "covers",
      lics.map((l) => l.covers.join(", ")),
    ),
    row(
      "verified",
      lics.map((l) => String(l.verified)),
    ),
  ];
  for (const t of TERM_NAMES)
    rows.push(
      row(
        `terms.${t}`,
        lics.map((l) => l.terms[t]?.value ?? "—"),
      ),
    );
  for (const k of FLOW_DOWN_KEYS)
    rows.push(
      row(
        `flow_down.${k}`,
        lics.map((l) => (l.flow_down[k] ? "required" : "—")),
      ),
    );
  const cats = [...new Set(lics.flatMap((l) => l.use_restrictions.map((r) => r.category)))].sort();
  for (const c of cats)
    rows.push(
      row(
        `use.${c}`,
        lics.map((l) => (l.use_restrictions.some((r) => r.category === c) ? "restricted" : "—")),
      ),
    );
  rows.push(
    row(
      "thresholds",
      lics.map((l) => l.thresholds.map((t) => `${t.metric} ≤ ${thousands(t.limit)}`).join("; ") || "—"),
    ),
  );
  rows.push(
    row(
      "outputs",
      lics.map((l) => (l.outputs?.restrictions ?? []).map((r) => r.kind).join(", ") || "—"),
    ),
  );
  return { licenses: lics.map((l) => ({ id: l.id, name: l.name, family: l.family })), rows };
}
