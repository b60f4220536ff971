// Runs every rule over a lineage and folds their findings and obligations into a verdict.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { Finding } from "../inspect/record.js";
import type { Lineage, LineageNode } from "../lineage/graph.js";
import type { Relation } from "../kb/schema.js";
import type { Ancestor, CheckOptions, Obligation, PolicyContext, Rule } from "./types.js";
import { unknownLicenses } from "./rules/unknown-licenses.js";
import { noDerivatives } from "./rules/no-derivatives.js";
import { useRestrictionsFlowDown } from "./rules/use-restrictions-flow-down.js";
import { nonCommercial } from "./rules/non-commercial.js";
import { shareAlike } from "./rules/share-alike.js";
import { naming } from "./rules/naming.js";
import { notices } from "./rules/notices.js";
import { outputUse } from "./rules/output-use.js";
import { thresholds } from "./rules/thresholds.js";
import { trainingData } from "./rules/training-data.js";
import { intendedUse } from "./rules/intended-use.js";
import { mergeConflicts } from "./rules/merge-conflicts.js";

export const RULES: readonly Rule[] = [
  unknownLicenses,
  noDerivatives,
  useRestrictionsFlowDown,
  nonCommercial,
  shareAlike,
  mergeConflicts,
  naming,
  notices,
  outputUse,
  thresholds,
  trainingData,
  intendedUse,
];

export type Verdict = "ok" | "conditional" | "violation" | "unknown";

export interface Evaluation {
  verdict: Verdict;
  findings: Finding[];
  obligations: Obligation[];
}

/** Every model above the root, breadth first, each once, with its shortest path. */
export function ancestorsOf(root: LineageNode, kb: KnowledgeBase): Ancestor[] {
  const out: Ancestor[] = [];
  const seen = new Set<LineageNode>([root]);
  const queue: { node: LineageNode; path: string[]; relations: Relation[] }[] = [
    { node: root, path: [root.id], relations: [] },
  ];
  while (queue.length) {
    const { node, path, relations } = queue.shift()!;
    for (const e of node.bases) {
      if (seen.has(e.node)) continue;
      seen.add(e.node);
      const a: Ancestor = {
        id: e.node.id,
        node: e.node,
        path: [...path, e.node.id],
        relations: [...relations, e.relation],
        license: e.node.license ? kb.license(e.node.license) : undefined,
        licenseId: e.node.license,
      };
      out.push(a);
      queue.push({ node: e.node, path: a.path, relations: a.relations });
    }
  }
  return out;
}

export function verdictOf(findings: readonly Finding[], obligations: readonly Obligation[]): Verdict {
  if (findings.some((f) => f.severity === "violation")) return "violation";
  if (findings.some((f) => f.severity === "unknown")) return "unknown";
  return obligations.length ? "conditional" : "ok";
}

export function evaluate(
  kb: KnowledgeBase,
  lineage: Lineage,
  declaredId: string,
  name: string,
  options: CheckOptions,
  rules: readonly Rule[] = RULES,
): Evaluation {
  const ctx: PolicyContext = {
    kb,
    root: lineage.root,
    name,
    declaredId,
    declared: kb.license(declaredId),
    options: { ...options, mode: options.mode ?? "distribute" },
    ancestors: ancestorsOf(lineage.root, kb),
  };
  const findings: Finding[] = [...lineage.findings];
  // The same license reached along several paths (SD v1-4 → v1-2 → v1-1) is one problem: keep the
  // first report, which has the shortest path because ancestors are visited breadth first.
  const findingKeys = new Set<string>();
  const obligations = new Map<string, Obligation>();
  const skipped = new Map<string, Set<string>>();
  for (const rule of rules)
    rule.run(ctx, {
      finding: (f) => {
        const key = `${f.code}\u0000${f.license ?? ""}\u0000${f.message}`;
        if (findingKeys.has(key)) return;
        findingKeys.add(key);
        findings.push(f);
      },
      obligation: (o) => {
        if (o.trigger === "distribute" && ctx.options.mode === "internal") return;
        const key = `${o.license}\u0000${o.text}`;
        if (!obligations.has(key)) obligations.set(key, o);
      },
      skipped: (license, duty) => {
        const s = skipped.get(license) ?? new Set();
        s.add(duty);
        skipped.set(license, s);
      },
    });
  for (const [license, duties] of skipped)
    findings.push({
      severity: "info",
      code: "duty-not-triggered",
      message: `In ${ctx.options.mode} mode these duties of ${kb.license(license)?.name ?? license} do not apply yet; they do once you distribute: ${[...duties].join("; ")}.`,
      license,
      path: [lineage.root.id],
    });
  const list = [...obligations.values()];
  return { verdict: verdictOf(findings, list), findings, obligations: list };
}
