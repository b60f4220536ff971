// License expressions over knowledge-base ids: one id, or AND / OR over expressions, with SPDX
// semantics (AND: every license binds; OR: the licensee picks one). Pure data and its algebra; the
// mapping from spellings to ids lives in resolve-expression.ts.

export interface LicenseLeaf {
  readonly id: string;
}
export interface LicenseOp {
  readonly op: "and" | "or";
  readonly args: readonly LicenseExpr[];
}
export type LicenseExpr = LicenseLeaf | LicenseOp;

export const leaf = (id: string): LicenseExpr => ({ id });

export function isLeaf(e: LicenseExpr): e is LicenseLeaf {
  return "id" in e;
}

/** AND or OR of expressions, flattened (a AND (b AND c) is a AND b AND c) and de-duplicated. */
function combine(op: "and" | "or", parts: readonly LicenseExpr[]): LicenseExpr {
  const out: LicenseExpr[] = [];
  const seen = new Set<string>();
  for (const p of parts)
    for (const x of !isLeaf(p) && p.op === op ? p.args : [p]) {
      const k = formatExpr(x);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(x);
      }
    }
  return out.length === 1 ? out[0]! : { op, args: out };
}

export const and = (...parts: LicenseExpr[]): LicenseExpr => combine("and", parts);
export const or = (...parts: LicenseExpr[]): LicenseExpr => combine("or", parts);

/** "a AND (b OR c)": the contract's string form; a single license is its id. */
export function formatExpr(e: LicenseExpr): string {
  if (isLeaf(e)) return e.id;
  return e.args
    .map((a) => (!isLeaf(a) && a.op !== e.op ? `(${formatExpr(a)})` : formatExpr(a)))
    .join(e.op === "and" ? " AND " : " OR ");
}

/** Every id in the expression, each once, in reading order. */
export function idsOf(e: LicenseExpr): string[] {
  const out = new Set<string>();
  const walk = (x: LicenseExpr): void => {
    if (isLeaf(x)) out.add(x.id);
    else x.args.forEach(walk);
  };
  walk(e);
  return [...out];
}

/** Past this many alternatives an expression is judged as unknowable rather than expanded. */
export const MAX_CHOICES = 64;

/**
 * The licensee's alternatives: each a set of ids that bind together (disjunctive normal form).
 * `MIT OR (Apache-2.0 AND llama3)` is [[mit], [apache-2.0, llama3]]. Null when the expansion
 * would exceed MAX_CHOICES (a hostile or absurd expression).
 */
export function choicesOf(e: LicenseExpr): string[][] | null {
  const walk = (x: LicenseExpr): string[][] | null => {
    if (isLeaf(x)) return [[x.id]];
    const parts = x.args.map(walk);
    if (parts.some((p) => p === null)) return null;
    if (x.op === "or") {
      const all = (parts as string[][][]).flat();
      return all.length > MAX_CHOICES ? null : all;
    }
    let acc: string[][] = [[]];
    for (const p of parts as string[][][]) {
      const next: string[][] = [];
      for (const a of acc) for (const b of p) next.push([...new Set([...a, ...b])]);
      if (next.length > MAX_CHOICES) return null;
      acc = next;
    }
    return acc;
  };
  return walk(e);
}

/** Tokens of an expression string: parentheses, operators and ids (anything else without spaces). */
function tokens(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
    else if (c === "(" || c === ")") {
      out.push(c);
      i++;
    } else {
      let j = i;
      while (j < s.length && !" \t\n\r()".includes(s[j]!)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    if (out.length > 4096) return null;
  }
  return out;
}

const OPS: Record<string, "and" | "or"> = { AND: "and", and: "and", OR: "or", or: "or" };

/**
 * Parses "a AND (b OR c)" into an expression whose leaves are the words as written (the caller maps
 * them to ids). Operators are AND / OR in upper or lower case; AND binds tighter than OR, as in
 * SPDX; "X WITH Y" stays one leaf, "X WITH Y". Null when the string is not an expression (an
 * operator missing or doubled, unbalanced parentheses, nothing at all).
 */
export function parseExprString(s: string, maxDepth = 32): LicenseExpr | null {
  const t = tokens(s);
  if (!t || !t.length) return null;
  let pos = 0;
  const primary = (depth: number): LicenseExpr | null => {
    const tok = t[pos];
    if (tok === undefined || tok === ")" || tok in OPS || tok === "WITH") return null;
    if (tok === "(") {
      if (depth >= maxDepth) return null;
      pos++;
      const inner = disjunction(depth + 1);
      if (!inner || t[pos] !== ")") return null;
      pos++;
      return inner;
    }
    pos++;
    if (t[pos] === "WITH" && t[pos + 1] && !"()".includes(t[pos + 1]!) && !(t[pos + 1]! in OPS)) {
      const id = `${tok} WITH ${t[pos + 1]}`;
      pos += 2;
      return leaf(id);
    }
    return leaf(tok);
  };
  const conjunction = (depth: number): LicenseExpr | null => {
    const parts: LicenseExpr[] = [];
    for (;;) {
      const p = primary(depth);
      if (!p) return null;
      parts.push(p);
      if (OPS[t[pos]!] !== "and") break;
      pos++;
    }
    return parts.length === 1 ? parts[0]! : { op: "and", args: parts };
  };
  const disjunction = (depth: number): LicenseExpr | null => {
    const parts: LicenseExpr[] = [];
    for (;;) {
      const p = conjunction(depth);
      if (!p) return null;
      parts.push(p);
      if (OPS[t[pos]!] !== "or") break;
      pos++;
    }
    return parts.length === 1 ? parts[0]! : { op: "or", args: parts };
  };
  const e = disjunction(0);
  return e && pos === t.length ? e : null;
}

/** Replaces every leaf by what `f` makes of it (an id, or a whole expression). */
export function mapLeaves(e: LicenseExpr, f: (id: string) => LicenseExpr): LicenseExpr {
  if (isLeaf(e)) return f(e.id);
  const args = e.args.map((a) => mapLeaves(a, f));
  return e.op === "and" ? and(...args) : or(...args);
}
