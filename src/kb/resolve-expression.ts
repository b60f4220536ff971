// A license expression as written (a card's `license:` value, an SPDX-License-Identifier line, a
// LICENSE file of one line) mapped onto knowledge-base ids. Leaves nothing recognises become
// NOASSERTION inside the expression and are reported to the caller by their spelling, so that a
// finding can name them; the expression's structure (AND: all bind, OR: a choice) is kept.
import { isLeaf, leaf, mapLeaves, parseExprString, formatExpr, type LicenseExpr } from "./expression.js";
import { NOASSERTION, type KnowledgeBase } from "./knowledge-base.js";

export interface ResolvedExpression {
  expr: LicenseExpr;
  /** Leaves, as written, that no spelling in the knowledge base matched (each is NOASSERTION in expr). */
  unrecognised: string[];
  /** Exceptions set aside ("Apache-2.0 WITH LLVM-exception" is judged as Apache-2.0). */
  exceptions: { license: string; exception: string }[];
  /** The text joined licenses with AND / OR, rather than naming one. */
  compound: boolean;
}

/** Longer than this, a declared value is not an expression anyone wrote by hand. */
export const MAX_EXPRESSION_CHARS = 4096;

/** One leaf's spelling to an id: any spelling the knowledge base knows, `X+` as X-or-later. */
export function resolveLeaf(kb: KnowledgeBase, word: string): string | undefined {
  const w = word.trim().replace(/^DocumentRef-[^:\s]{1,200}:/, "");
  if (!w) return undefined;
  const hit = kb.findLicense(w);
  if (hit) return hit.id;
  if (w.endsWith("+"))
    return (kb.findLicense(`${w.slice(0, -1)}-or-later`) ?? kb.findLicense(w.slice(0, -1)))?.id;
  return undefined;
}

const OPERATOR_WORDS = new Set(["AND", "OR", "WITH"]);

/**
 * Expressions whose leaves are names of several words ("Apache License 2.0 OR MIT"): runs of words
 * between upper-case operators and parentheses become one leaf each. Lower-case "and" / "or" stay
 * part of a name here ("BSD 3-Clause "New" or "Revised" License"), as SPDX writes operators in
 * upper case.
 */
function parseNamedLeaves(s: string): LicenseExpr | null {
  const names: string[] = [];
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (!run.length) return;
    out.push(`\u0000${names.length}`);
    names.push(run.join(" "));
    run = [];
  };
  for (const raw of s.split(/[ \t\r\n]+/)) {
    // parentheses glued to words: "(Apache License 2.0" and "MIT)"
    let w = raw;
    while (w.startsWith("(")) {
      flush();
      out.push("(");
      w = w.slice(1);
    }
    let closing = 0;
    while (w.endsWith(")")) {
      closing++;
      w = w.slice(0, -1);
    }
    if (w && OPERATOR_WORDS.has(w)) {
      flush();
      out.push(w);
    } else if (w) run.push(w);
    if (closing) flush();
    for (let i = 0; i < closing; i++) out.push(")");
  }
  flush();
  if (names.length < 2) return null;
  const e = parseExprString(out.join(" "));
  return e && mapLeaves(e, (id) => leaf(id.replace(/\u0000(\d+)/g, (_, i: string) => names[Number(i)]!)));
}

/**
 * Resolves `text` as one license name or an expression over names; null when it is neither (an
 * operator missing or doubled, unbalanced parentheses, nothing at all, or absurdly long).
 */
export function resolveExpression(kb: KnowledgeBase, text: string): ResolvedExpression | null {
  const t = text.trim();
  // NUL marks the leaves of parseNamedLeaves; no license spelling holds one
  if (!t || t.length > MAX_EXPRESSION_CHARS || t.includes("\u0000")) return null;
  const whole = kb.findLicense(t);
  if (whole) return { expr: leaf(whole.id), unrecognised: [], exceptions: [], compound: false };
  const parsed = parseExprString(t) ?? parseNamedLeaves(t);
  if (!parsed) return null;
  const unrecognised: string[] = [];
  const exceptions: ResolvedExpression["exceptions"] = [];
  const expr = mapLeaves(parsed, (word) => {
    const w = word.indexOf(" WITH ");
    const license = w < 0 ? word : word.slice(0, w);
    const id = resolveLeaf(kb, license);
    if (!id) {
      unrecognised.push(word);
      return leaf(NOASSERTION);
    }
    // an exception only adds permissions; the license without it is the stricter reading
    if (w >= 0) exceptions.push({ license: id, exception: word.slice(w + 6).trim() });
    return leaf(id);
  });
  return { expr, unrecognised, exceptions, compound: !isLeaf(parsed) };
}

/** "Llama 3.1 Community License Agreement AND Gemma Terms of Use": an expression for people. */
export function expressionName(kb: KnowledgeBase, e: LicenseExpr): string {
  if (isLeaf(e)) return kb.license(e.id)?.name ?? e.id;
  return formatExpr(mapLeaves(e, (id) => leaf(kb.license(id)?.name ?? id)));
}

/**
 * The expression over knowledge-base ids, unrecognised leaves as NOASSERTION, as the contract
 * writes it; null when the text is not an expression. For bulk paths (audit) that keep no
 * per-leaf findings.
 */
export function expressionOrNoassertion(text: string, kb: KnowledgeBase): string | null {
  const r = resolveExpression(kb, text);
  return r ? formatExpr(r.expr) : null;
}
