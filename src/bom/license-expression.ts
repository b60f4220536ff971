// A license expression over knowledge-base ids as an SPDX license expression, for the BOM formats:
// SPDX-listed licenses by their SPDX id, every other license as `LicenseRef-mlicense-<id>` (SPDX's
// own mechanism for licenses off its list), which each format then maps to a named license with
// its URL. NONE and NOASSERTION inside an expression become LicenseRefs too: SPDX allows them only
// standing alone.
import {
  formatExpr,
  idsOf,
  isLeaf,
  leaf,
  mapLeaves,
  parseExprString,
  type LicenseExpr,
} from "../kb/expression.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { License } from "../kb/schema.js";

export interface SpdxExpression {
  /** The expression in SPDX syntax. */
  text: string;
  /** The LicenseRefs used, each with the knowledge-base id (and entry) it stands for. */
  refs: { ref: string; id: string; lic?: License }[];
  /** Whether the licensee has a choice (an OR somewhere): then only an expression says it. */
  choice: boolean;
}

const REF_CHARS = /[^A-Za-z0-9.-]/g;

/** Null for a single license (the formats write those directly). */
export function spdxExpression(kb: KnowledgeBase, expression: string): SpdxExpression | null {
  const e = parseExprString(expression);
  if (!e || isLeaf(e)) return null;
  const refs = new Map<string, { ref: string; id: string; lic?: License }>();
  const mapped = mapLeaves(e, (id) => {
    const lic = kb.license(id);
    if (lic?.spdx) return leaf(lic.spdx);
    const ref = `LicenseRef-mlicense-${id.replace(REF_CHARS, "-")}`;
    refs.set(ref, { ref, id, ...(lic ? { lic } : {}) });
    return leaf(ref);
  });
  return { text: formatExpr(mapped), refs: [...refs.values()], choice: hasOr(e) };
}

function hasOr(e: LicenseExpr): boolean {
  return !isLeaf(e) && (e.op === "or" || e.args.some(hasOr));
}

/** Every id of a license expression string (a single id is itself). */
export function licenseIds(expression: string | null | undefined): string[] {
  if (!expression) return [];
  const e = parseExprString(expression);
  return e ? idsOf(e) : [expression];
}
