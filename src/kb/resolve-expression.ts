// A license expression as people write it ("Apache-2.0 OR MIT", "llama3.1 and gemma", "Apache
// License 2.0") mapped onto knowledge-base ids. Leaves nothing recognises stay as written, listed
// in `unknown`, so the caller decides whether that is an error (--as) or a finding (a card).
import { formatExpr, mapLeaves, leaf, parseExprString, type LicenseExpr } from "./expression.js";
import type { KnowledgeBase } from "./knowledge-base.js";

export interface ResolvedExpression {
  expr: LicenseExpr;
  /** The expression over knowledge-base ids, as the contract writes it. */
  text: string;
  /** Leaves that name no license in the knowledge base, as written. */
  unknown: string[];
}

function leafId(kb: KnowledgeBase, word: string): string | null {
  const w = word.replace(/^LicenseRef-/i, "");
  const lic =
    kb.findLicense(w) ?? (w.endsWith("+") ? kb.findLicense(`${w.slice(0, -1)}-or-later`) : undefined);
  return lic?.id ?? null;
}

/** Null when the text is neither a license name nor an expression over names. */
export function resolveExpression(text: string, kb: KnowledgeBase): ResolvedExpression | null {
  const whole = text.trim();
  if (!whole || whole.length > 4096) return null;
  // a whole name first: "Apache License 2.0" is one license, not three words
  const direct = leafId(kb, whole);
  if (direct) return { expr: leaf(direct), text: direct, unknown: [] };
  const parsed = parseExprString(whole);
  if (!parsed) return null;
  const unknown: string[] = [];
  const expr = mapLeaves(parsed, (w) => {
    const id = leafId(kb, w);
    if (!id) unknown.push(w);
    return leaf(id ?? w);
  });
  return { expr, text: formatExpr(expr), unknown };
}

/**
 * The expression as knowledge-base ids with every unrecognised leaf as NOASSERTION (found but not
 * recognised), or null when the text is not an expression at all. For bulk paths (audit) that
 * keep no per-leaf findings.
 */
export function expressionOrNoassertion(text: string, kb: KnowledgeBase): string | null {
  const r = resolveExpression(text, kb);
  if (!r) return null;
  if (!r.unknown.length) return r.text;
  const unknown = new Set(r.unknown);
  return formatExpr(mapLeaves(r.expr, (w) => leaf(unknown.has(w) ? "NOASSERTION" : w)));
}
