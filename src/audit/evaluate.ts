// Stage 3 of an audit: every model of the dump's graph through the policy engine, the same rules
// `check` runs. The engine memoises summaries per model and judgments by what they read, so the
// cost is a step per model plus one rule run per distinct situation.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { PolicyEngine, type GraphEvaluation } from "../policy/engine.js";
import type { Verdict } from "../policy/types.js";
import type { DumpGraph } from "./dump-graph.js";

export interface DumpEvaluation {
  ev: GraphEvaluation;
  /** Rows per judgment, for counts that aggregate per distinct judgment instead of per row. */
  rowsPerJudgment: Uint32Array;
  verdicts: Record<Verdict, number>;
  /** Models with at least one base. */
  derived: number;
}

export function evaluateDump(
  g: DumpGraph,
  kb: KnowledgeBase,
  onProgress?: (done: number, total: number) => void,
): DumpEvaluation {
  // obligations are never reported by an audit: judgments keep verdicts and findings only
  const engine = new PolicyEngine(kb, { mode: "distribute" }, undefined, false);
  const ev = engine.evaluate(g, { onProgress });
  let max = 0;
  for (let i = 0; i < g.rows; i++) max = Math.max(max, ev.judgment[i]!);
  const rowsPerJudgment = new Uint32Array(max + 1);
  const verdicts: Record<Verdict, number> = { ok: 0, conditional: 0, violation: 0, unknown: 0 };
  let derived = 0;
  for (let i = 0; i < g.rows; i++) {
    const j = ev.judgment[i]!;
    rowsPerJudgment[j]!++;
    verdicts[engine.verdictAt(j)]++;
    if (g.baseCount(i) > 0) derived++;
  }
  return { ev, rowsPerJudgment, verdicts, derived };
}
