// Findings and obligations of a judged model, rendered for people: the path from the model to the
// one a finding is about (the nearest, breadth first over the lineage), and the message with its
// placeholders filled. Judgments are shared by every model that reads the same; only this step is
// per model, and `audit` runs it only for what it writes out.
import type { Finding } from "../inspect/record.js";
import type { Evaluation, GraphEvaluation } from "./engine.js";
import { relClass } from "./summary.js";
import type { Obligation, RuleFinding } from "./types.js";

function has(sorted: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Whether model `n` itself puts `key` into its summary (its own license, its violations, its cycle). */
function contributes(ev: GraphEvaluation, n: number, key: number): boolean {
  const s = ev.engine.summaries;
  if (has(s.sets[ev.ownShape[n]!]!, key)) return true;
  const k = s.keys[key]!;
  if (k.type === "special" && k.kind === "cycle") return ev.cyclic[n] === 1;
  if (k.type === "problem") return has(s.sets[ev.engine.problemShape(ev.judgment[n]!)]!, key);
  return false;
}

/**
 * Model indices from `i` to the nearest model that contributes `key` (a key of `i`'s inherited
 * summary), breadth first. At most `maxSteps` models are searched; past that the path ends where
 * the search stopped.
 */
export function pathTo(ev: GraphEvaluation, i: number, key: number, maxSteps = 1 << 16): number[] {
  const g = ev.graph;
  const s = ev.engine.summaries;
  const k0 = s.keys[key]!;
  if (k0.type === "special" && k0.kind === "cycle" && ev.cyclic[i]) return [i];
  const nodes: number[] = [i];
  const keys: number[] = [key];
  const prev: number[] = [-1];
  const seen = new Set<string>([`${i}:${key}`]);
  for (let at = 0; at < nodes.length && at < maxSteps; at++) {
    const n = nodes[at]!;
    const k = keys[at]!;
    if (at > 0 && contributes(ev, n, k)) return unwind(prev, nodes, at);
    for (let e = 0; e < g.baseCount(n); e++) {
      const b = g.base(n, e);
      if (ev.component[b] === ev.component[n]) continue;
      const rel = relClass(g.relation(n, e));
      const bs = s.sets[ev.summary[b]!]!;
      for (const p of s.preimages(k, rel)) {
        if (!has(bs, p)) continue;
        const tag = `${b}:${p}`;
        if (seen.has(tag)) continue;
        seen.add(tag);
        nodes.push(b);
        keys.push(p);
        prev.push(at);
      }
    }
  }
  return [i];
}

function unwind(prev: number[], nodes: number[], at: number): number[] {
  const out: number[] = [];
  for (let x = at; x >= 0; x = prev[x]!) out.push(nodes[x]!);
  return out.reverse();
}

export interface RenderOptions {
  /** Longest path written; longer ones keep their ends around a "…" marker. */
  maxPath?: number;
}

function clip(ids: string[], max: number | undefined): string[] {
  if (!max || ids.length <= max) return ids;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [...ids.slice(0, head), `… ${ids.length - head - tail} more …`, ...ids.slice(ids.length - tail)];
}

/** Fills `{self}`, `{name}`, `{origin}` and, for an upstream problem, `{problem}`. */
function fill(
  ev: GraphEvaluation,
  i: number,
  text: string,
  path: number[],
  problem?: { code: string; license?: string },
): string {
  const g = ev.graph;
  const origin = path[path.length - 1]!;
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
  return fill(ev, origin, v.message, v.ref < 0 ? [origin] : pathTo(ev, origin, v.ref));
}

function renderFinding(ev: GraphEvaluation, i: number, f: RuleFinding, opts: RenderOptions): Finding {
  const path = f.ref < 0 ? [i] : pathTo(ev, i, f.ref);
  const k = f.ref >= 0 ? ev.engine.summaries.keys[f.ref] : undefined;
  const message = fill(
    ev,
    i,
    f.message,
    path,
    k?.type === "problem" ? { code: k.code, license: f.license } : undefined,
  );
  return {
    severity: f.severity,
    code: f.code,
    message,
    ...(f.license !== undefined ? { license: f.license } : {}),
    ...(f.clause ? { clause: f.clause } : {}),
    path: clip(
      path.map((x) => ev.graph.id(x)),
      opts.maxPath,
    ),
  };
}

/** Model `i`'s judgment with paths and messages, in the shape `check` reports. */
export function render(ev: GraphEvaluation, i: number, opts: RenderOptions = {}): Evaluation {
  const j = ev.engine.judgment(ev.judgment[i]!);
  const findings = j.findings.map((f) => renderFinding(ev, i, f, opts));
  const obligations: Obligation[] = j.obligations.map((o) => {
    const path = o.ref < 0 ? [i] : pathTo(ev, i, o.ref);
    return {
      license: o.license,
      text: fill(ev, i, o.text, path),
      ...(o.clause ? { clause: o.clause } : {}),
      trigger: o.trigger,
      path: clip(
        path.map((x) => ev.graph.id(x)),
        opts.maxPath,
      ),
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
