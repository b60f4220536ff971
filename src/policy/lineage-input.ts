// A resolved lineage (src/lineage) as the engine's graph input, and the one call `check` and
// `advise` make: evaluate every model of the lineage, render the target's judgment.
import { knowledgeBase, NOASSERTION, NONE, type KnowledgeBase } from "../kb/knowledge-base.js";
import { idsOf, parseExprString } from "../kb/expression.js";
import type { ModelRecord } from "../inspect/record.js";
import { lineageNodes, type Lineage, type LineageNode } from "../lineage/graph.js";
import { PolicyEngine, type Evaluation, type GraphEvaluation, type GraphInput } from "./engine.js";
import { render } from "./render.js";
import type { CheckOptions } from "./types.js";

/** The owner part of a Hub id ("meta-llama" of "meta-llama/Llama-3.1-8B"), or null. */
export function ownerOf(id: string): string | null {
  const slash = id.indexOf("/");
  return slash > 0 ? id.slice(0, slash) : null;
}

/**
 * `planned`: the target is a release the user plans (check --as, advise), made by the user, never
 * by the target's licensor: the licensor's exemptions do not carry over to it.
 */
export function lineageGraph(
  lineage: Lineage,
  rootName?: string,
  planned = false,
  kb: KnowledgeBase = knowledgeBase(),
): { graph: GraphInput; nodes: LineageNode[] } {
  const nodes = lineageNodes(lineage.root);
  const index = new Map(nodes.map((n, i) => [n, i]));
  const graph: GraphInput = {
    size: nodes.length,
    id: (i) => nodes[i]!.id,
    name: (i) =>
      i === 0 && rootName !== undefined
        ? rootName
        : (nodes[i]!.record?.name ?? nodes[i]!.id.split("/").pop()!),
    owner: (i) => (i === 0 && planned ? null : ownerOf(nodes[i]!.id)),
    license: (i) => nodes[i]!.license,
    weightsAvailable: (i) => nodes[i]!.record?.weightsAvailable !== false,
    baseCount: (i) => nodes[i]!.bases.length,
    base: (i, k) => index.get(nodes[i]!.bases[k]!.node)!,
    relation: (i, k) => nodes[i]!.bases[k]!.relation,
    ownTerms: (i) => undeclared(kb, nodes[i]!.record),
    datasets: (i) =>
      nodes[i]!.datasets.map((d) => ({ id: d.id, license: d.license, unresolved: d.from === "unresolved" })),
  };
  return { graph, nodes };
}

/**
 * Licenses a record's files hold that its card does not declare (inspect's `license-mismatch`
 * findings name them): both bind whoever ships the files, so their duties are the model's own.
 */
function undeclared(kb: KnowledgeBase, record: ModelRecord | null): string[] {
  const out = new Set<string>();
  for (const f of record?.findings ?? []) {
    if (f.code !== "license-mismatch" || !f.license) continue;
    const e = parseExprString(f.license);
    for (const id of e ? idsOf(e) : []) if (id !== NONE && id !== NOASSERTION && kb.license(id)) out.add(id);
  }
  return [...out];
}

export interface LineageEvaluation extends Evaluation {
  graph: GraphEvaluation;
}

/**
 * Judges the lineage's target under `options` (`as` replaces its license) and renders its
 * findings and obligations. Pass an engine to reuse its caches across calls (advise tries many
 * licenses on one lineage).
 */
export function evaluateLineage(
  kb: KnowledgeBase,
  lineage: Lineage,
  opts: { options?: CheckOptions; name?: string; as?: string; engine?: PolicyEngine } = {},
): LineageEvaluation {
  const engine = opts.engine ?? new PolicyEngine(kb, opts.options ?? {});
  const { graph } = lineageGraph(lineage, opts.name, opts.as !== undefined, kb);
  const ev = engine.evaluate(graph, {
    judgeAs: (i) => (i === 0 ? opts.as : undefined),
    user: (i) => i === 0,
  });
  const r = render(ev, 0);
  const findings = [...lineage.findings, ...r.findings];
  return {
    ...r,
    findings,
    verdict:
      lineage.findings.some((f) => f.severity === "unknown") && r.verdict !== "violation"
        ? "unknown"
        : r.verdict,
    graph: ev,
  };
}
