// SPDX license expressions ("MIT OR Apache-2.0", "GPL-2.0-only WITH Classpath-exception-2.0",
// "LicenseRef-llama3") parsed with spdx-expression-parse and mapped onto knowledge-base ids.
import { createRequire } from "node:module";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { NOASSERTION } from "../kb/knowledge-base.js";

const require = createRequire(import.meta.url);
type Node =
  | { license: string; plus?: boolean; exception?: string }
  | { left: Node; conjunction: "and" | "or"; right: Node };
let parser: ((s: string) => Node) | undefined;
/** Loaded on first use, like every dependency a plain license text does not need. */
const parseSpdx = (s: string): Node =>
  (parser ??= require("spdx-expression-parse") as (s: string) => Node)(s);

export interface ExpressionLeaf {
  /** Knowledge-base id, else the SPDX id as given, else NOASSERTION for an unknown LicenseRef. */
  id: string;
  spdx: string;
  exception: string | null;
  known: boolean;
}

export interface ParsedExpression {
  expression: string;
  leaves: ExpressionLeaf[];
  /** "and" when every leaf applies at once, "or" when any one may be chosen, null for a single license. */
  conjunction: "and" | "or" | "mixed" | null;
}

/** Parses an SPDX expression, or returns null when the string is not one. */
export function parseExpression(s: string, kb: KnowledgeBase): ParsedExpression | null {
  let tree: Node;
  try {
    tree = parseSpdx(s.trim());
  } catch {
    const fixed = canonicalExpression(s);
    if (!fixed) return null;
    try {
      tree = parseSpdx(fixed);
    } catch {
      return null;
    }
  }
  const leaves: ExpressionLeaf[] = [];
  const conj = new Set<string>();
  const walk = (n: Node): void => {
    if ("conjunction" in n) {
      conj.add(n.conjunction);
      walk(n.left);
      walk(n.right);
      return;
    }
    const lic = kb.findLicense(n.license) ?? (n.plus ? kb.findLicense(`${n.license}-or-later`) : undefined);
    const isRef = /^(DocumentRef-[^:]+:)?LicenseRef-/.test(n.license);
    leaves.push({
      id: lic?.id ?? (isRef ? NOASSERTION : n.license),
      spdx: n.license + (n.plus ? "+" : ""),
      exception: n.exception ?? null,
      known: Boolean(lic),
    });
  };
  walk(tree);
  return {
    expression: s.trim(),
    leaves,
    conjunction: conj.size === 0 ? null : conj.size === 1 ? ([...conj][0] as "and" | "or") : "mixed",
  };
}

let spdxIds: Map<string, string> | undefined;
/** Every SPDX license and exception id, by its lower-case spelling. */
function idsByLower(): Map<string, string> {
  if (spdxIds) return spdxIds;
  spdxIds = new Map();
  for (const file of ["spdx-license-ids", "spdx-license-ids/deprecated.json", "spdx-exceptions"])
    for (const id of require(file) as string[]) spdxIds.set(id.toLowerCase(), id);
  return spdxIds;
}

/**
 * An expression as people write it, in SPDX's spelling: ids in any case ("Linux-Openib"), and ids
 * side by side with no operator, as U-Boot's tags listed a file's alternative licenses before
 * SPDX had expressions ("GPL-2.0+ BSD-2-Clause": either one). Null when a word is no SPDX id.
 */
function canonicalExpression(s: string): string | null {
  const parts = s
    .trim()
    .split(/(\(|\)|\s+)/)
    .filter((p) => p && !/^\s+$/.test(p));
  const out: string[] = [];
  let prevId = false;
  for (const p of parts) {
    const op = /^(and|or|with)$/i.exec(p);
    if (op) {
      out.push(op[1]!.toUpperCase());
      prevId = false;
      continue;
    }
    if (p === "(" || p === ")") {
      if (p === "(" && prevId) out.push("OR");
      out.push(p);
      prevId = p === ")";
      continue;
    }
    const plus = p.endsWith("+") ? "+" : "";
    const id = idsByLower().get(p.slice(0, p.length - plus.length).toLowerCase());
    if (!id) return null;
    if (prevId) out.push("OR");
    out.push(id + plus);
    prevId = true;
  }
  return out.length ? out.join(" ") : null;
}
