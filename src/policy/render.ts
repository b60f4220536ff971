// Findings and obligations of a judged model, rendered for people: the path from the model to the
// one a finding is about (the nearest, breadth first over the lineage), and the message with its
// placeholders filled. Judgments are shared by every model that reads the same; only this step is
// per model, and `audit` runs it only for what it writes out.
import type { Finding } from "../inspect/record.js";
import type { Evaluation, GraphEvaluation } from "./engine.js";
import { pathsOf, type PathView } from "./paths.js";
import type { Obligation, RuleFinding } from "./types.js";

export interface RenderOptions {
  /** Longest path written; longer ones keep their ends around a "…" marker. */
  maxPath?: number;
}

/** A path's model ids, a clipped one with a "… N more …" marker where models were left out. */
function ids(ev: GraphEvaluation, v: PathView): string[] {
  const out = v.nodes.map((x) => ev.graph.id(x));
  if (v.hidden > 0) out.splice(v.head, 0, `… ${v.hidden} more …`);
  return out;
}

/** The path from model `i` for summary key `ref` (`[i]` for a finding about the model itself). */
function pathOf(ev: GraphEvaluation, i: number, ref: number, opts: RenderOptions): PathView {
  return ref < 0 ? { nodes: [i], hidden: 0, head: 1 } : pathsOf(ev).path(i, ref, opts.maxPath);
}

/** Fills `{self}`, `{name}`, `{origin}` and, for an upstream problem, `{problem}`. */
function fill(
  ev: GraphEvaluation,
  i: number,
  text: string,
  origin: number,
  problem?: { code: string; license?: string },
): string {
  const g = ev.graph;
  let out = text
    .replaceAll("{self}", g.id(i))
    .replaceAll("{name}", g.name(i))
    .replaceAll("{origin}", g.id(origin));
  if (out.includes("{problem}"))
    out = out.replaceAll("{problem}", problem ? problemText(ev, origin, problem) : "");
  return out;
}

/** The message of the violation an upstream model commits, as that model's own check states it. */
function problemText(
  ev: GraphEvaluation,
  origin: number,
  problem: { code: string; license?: string },
): string {
  const j = ev.engine.judgment(ev.judgment[origin]!);
  const v = j.findings.find(
    (f) =>
      f.severity === "violation" && f.code === problem.code && (f.license ?? "") === (problem.license ?? ""),
  );
  if (!v) return "";
  return fill(ev, origin, v.message, v.ref < 0 ? origin : pathsOf(ev).origin(origin, v.ref));
}

function renderFinding(ev: GraphEvaluation, i: number, f: RuleFinding, opts: RenderOptions): Finding {
  const path = pathOf(ev, i, f.ref, opts);
  const k = f.ref >= 0 ? ev.engine.summaries.keys[f.ref] : undefined;
  const message = fill(
    ev,
    i,
    f.message,
    path.nodes[path.nodes.length - 1]!,
    k?.type === "problem" ? { code: k.code, license: f.license } : undefined,
  );
  return {
    severity: f.severity,
    code: f.code,
    message,
    ...(f.license !== undefined ? { license: f.license } : {}),
    ...(f.clause ? { clause: f.clause } : {}),
    path: ids(ev, path),
  };
}

/** Model `i`'s findings with their paths and messages; `skipInfo` leaves out the informational ones. */
export function renderFindings(
  ev: GraphEvaluation,
  i: number,
  opts: RenderOptions & { skipInfo?: boolean } = {},
): Finding[] {
  const j = ev.engine.judgment(ev.judgment[i]!);
  const out: Finding[] = [];
  for (const f of j.findings)
    if (!opts.skipInfo || f.severity !== "info") out.push(renderFinding(ev, i, f, opts));
  return out;
}

/** Model `i`'s judgment with paths and messages, in the shape `check` reports. */
export function render(ev: GraphEvaluation, i: number, opts: RenderOptions = {}): Evaluation {
  const j = ev.engine.judgment(ev.judgment[i]!);
  const findings = renderFindings(ev, i, opts);
  const obligations: Obligation[] = j.obligations.map((o) => {
    const path = pathOf(ev, i, o.ref, opts);
    return {
      license: o.license,
      text: fill(ev, i, o.text, path.nodes[path.nodes.length - 1]!),
      ...(o.clause ? { clause: o.clause } : {}),
      trigger: o.trigger,
      path: ids(ev, path),
    };
  });
  const own = ev.engine.own;
  const lic = ev.graph.license(i);
  const o = lic !== null ? own.list[own.of(lic)] : undefined;
  return {
    verdict: j.verdict,
    findings,
    obligations,
    ...(o && o.alternatives.length > 1
      ? { choice: o.alternatives[j.choice]!.map((c) => ev.engine.licenses.ids[c]).join(" AND ") }
      : {}),
  };
}
