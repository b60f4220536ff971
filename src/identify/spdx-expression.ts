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
    return null;
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
