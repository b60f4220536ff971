// Stage 4 of an audit: counts over the judged graph. Every figure is computed over the DAG in
// evaluation order (bases before the models built on them), so it is the same whatever order the
// rows came in and however deep the chains run.
import { NONE, type KnowledgeBase } from "../kb/knowledge-base.js";
import { grown } from "../policy/grown.js";
import { IntPairMap } from "../policy/int-pair-map.js";
import type { Verdict } from "../policy/types.js";
import type { DumpGraph } from "./dump-graph.js";
import type { DumpEvaluation } from "./evaluate.js";
import { recountRoots } from "./root-counts.js";

export interface AuditSummary {
  models: number;
  derived: number;
  skipped: Record<string, number>;
  verdicts: Record<Verdict, number>;
  /** Distinct judgments the rules ran for (models in the same situation share one). */
  distinct_lineages: number;
  licenses: { id: string; family: string; count: number }[];
  families: Record<string, number>;
  /** Parent license → child license, per base edge, with the child's verdicts. */
  transitions: { parent: string; child: string; count: number; verdicts: Partial<Record<Verdict, number>> }[];
  top_findings: { code: string; license: string | null; severity: string; count: number }[];
  /** Models with no base (in the dump or the catalogue) with the most violating descendants. */
  worst_roots: { id: string; license: string; violating_descendants: number; catalogue: boolean }[];
  /** Violating models by the family of their bases' licenses, once per family (a merge may count in several). */
  violations_by_base_family: Record<string, number>;
  depth: Record<string, number>;
  /** What a reader of the numbers must know (most rows unusable, ...). */
  warnings: string[];
  /** Seconds per phase, to see where the time goes. */
  timings: { read: number; evaluate: number; statistics: number; write?: number };
}

/** At most this many roots are tracked per model: a merge of merges can reach many. */
const ROOTS_PER_MODEL = 8;
/** Roots listed in worst_roots. */
const TOP_ROOTS = 20;

export function summarise(
  g: DumpGraph,
  d: DumpEvaluation,
  kb: KnowledgeBase,
  skipped: Record<string, number>,
): Omit<AuditSummary, "timings"> {
  const { ev } = d;
  const engine = ev.engine;
  const size = g.size;
  const rows = g.rows;
  const verdictOf = (i: number) => engine.verdictAt(ev.judgment[i]!);

  // findings per (code, license, severity), counted per judgment times the rows that share it: a
  // code's severity may differ between models (a warning here, unknown there)
  const findingCounts = new Map<
    string,
    { code: string; license: string | null; severity: string; count: number }
  >();
  // an audit's judgments share their finding objects: count per object first, then per key
  for (const [f, count] of engine.countFindings(d.rowsPerJudgment)) {
    const key = `${f.code}\u0000${f.license ?? ""}\u0000${f.severity}`;
    const c = findingCounts.get(key) ?? {
      code: f.code,
      license: f.license ?? null,
      severity: f.severity,
      count: 0,
    };
    c.count += count;
    findingCounts.set(key, c);
  }

  // depth and roots in evaluation order; edges inside a cycle are left out, as the engine does.
  // Each model's roots are a run of one pool, shared with its base when it has the same ones: a
  // list per model was a fifth of a large audit's statistics time and a heap of small objects.
  const depth = new Int32Array(size);
  const rootFrom = new Int32Array(size);
  const rootLen = new Uint8Array(size);
  // a model some of whose roots the cap left out, or built on one: its roots' counts fall short
  const lost = new Uint8Array(size);
  const roots: number[] = [];
  let pool = new Int32Array(Math.max(1024, size));
  let used = 0;
  const push = (x: number) => {
    pool = grown(pool, used + 1);
    pool[used++] = x;
  };
  for (const i of ev.order) {
    let dep = 0;
    let from = -1;
    let len = 0;
    let merged = false;
    for (let k = 0; k < g.baseCount(i); k++) {
      const b = g.base(i, k);
      if (ev.component[b] === ev.component[i]) continue;
      if (lost[b]) lost[i] = 1;
      dep = Math.max(dep, depth[b]! + 1);
      if (from < 0) {
        from = rootFrom[b]!;
        len = rootLen[b]!;
        continue;
      }
      if (!merged && rootFrom[b] === from && rootLen[b] === len) continue;
      if (!merged) {
        // a fresh run at the pool's end, starting with the first base's roots
        const start = used;
        for (let x = from; x < from + len; x++) push(pool[x]!);
        from = start;
        merged = true;
      }
      for (let x = rootFrom[b]!, end = x + rootLen[b]!; x < end && !lost[i]; x++) {
        const r = pool[x]!;
        let seen = false;
        for (let y = from; y < from + len; y++)
          if (pool[y] === r) {
            seen = true;
            break;
          }
        if (seen) continue;
        if (len === ROOTS_PER_MODEL) lost[i] = 1;
        else {
          push(r);
          len++;
        }
      }
    }
    depth[i] = dep;
    if (from < 0) {
      roots.push(i);
      rootFrom[i] = used;
      rootLen[i] = 1;
      push(i);
    } else {
      rootFrom[i] = from;
      rootLen[i] = len;
    }
  }

  // per (parent license, child license) code pair: a slot, and counts by verdict in typed arrays.
  // Millions of base edges: a map entry and an object per pair were a third of the statistics.
  const transitionSlot = new IntPairMap(256);
  const transitionPairs: number[] = [];
  let transitionCounts = new Float64Array(4 * 256);
  const depthCounts = new Uint32Array(7);
  const rootViolations = new Uint32Array(size);
  const byBaseFamily: Record<string, number> = {};
  const baseFamily: string[] = [];
  const licCounts = new Uint32Array(g.licenseStrings.length + 1);
  const violating = new Uint8Array(rows);
  /** The base families met so far for one model (scratch). */
  const metFamilies: string[] = [];
  let short = 0;
  const familyOf = (id: string | null) =>
    id === null
      ? "unresolved"
      : (kb.license(id)?.family ?? (id === NONE ? "none" : id.includes(" ") ? "expression" : "unknown"));
  for (let i = 0; i < rows; i++) {
    const lic = g.licenseCode(i);
    licCounts[lic]!++;
    depthCounts[Math.min(6, depth[i]!)]!++;
    const v = VERDICT_CODE[verdictOf(i)];
    for (let k = 0; k < g.baseCount(i); k++) {
      const parent = g.licenseCode(g.base(i, k)) + 1;
      let t = transitionSlot.get(parent, lic);
      if (t < 0) {
        t = transitionPairs.length / 2;
        transitionSlot.set(parent, lic, t);
        transitionPairs.push(parent, lic);
        transitionCounts = grown(transitionCounts, 4 * (t + 1), 2);
      }
      transitionCounts[4 * t + v]!++;
    }
    if (v !== VIOLATION) continue;
    violating[i] = 1;
    short += lost[i]!;
    for (let x = rootFrom[i]!, end = x + rootLen[i]!; x < end; x++) {
      const r = pool[x]!;
      if (r !== i) rootViolations[r]!++;
    }
    // once under each family its bases' licenses are in: a merge of a Llama and a Gemma model
    // breaks terms of both, where its first base alone was counted. The family per license code
    // is looked up once: millions of violating rows share a few dozen
    let nf = 0;
    for (let k = 0; k < g.baseCount(i); k++) {
      const b = g.base(i, k);
      const bf = (baseFamily[g.licenseCode(b) + 1] ??= familyOf(g.license(b)));
      let again = false;
      for (let x = 0; x < nf && !again; x++) again = metFamilies[x] === bf;
      if (again) continue;
      metFamilies[nf++] = bf;
      byBaseFamily[bf] = (byBaseFamily[bf] ?? 0) + 1;
    }
  }
  const recount = recountRoots(
    {
      order: ev.order,
      component: ev.component,
      baseCount: (i) => g.baseCount(i),
      base: (i, k) => g.base(i, k),
      rows,
    },
    Int32Array.from(roots),
    violating,
    rootViolations,
    short,
    TOP_ROOTS,
    g.id,
  );
  const warnings: string[] = [];
  if (!recount.exact)
    warnings.push(
      `${short.toLocaleString("en-US")} violating models descend from more than ${ROOTS_PER_MODEL} roots, and only ${ROOTS_PER_MODEL} of each are tracked. The worst_roots counts shown are exact (the ${recount.recounted.toLocaleString("en-US")} leading roots were counted again), but a root not shown may have more violating descendants than the last one listed.`,
    );
  const depthOut: Record<string, number> = {};
  depthCounts.forEach((c, k) => {
    if (c) depthOut[k >= 6 ? "6+" : String(k)] = c;
  });
  const families: Record<string, number> = {};
  const licenseTotals: [string, number][] = [];
  licCounts.forEach((c, code) => {
    if (!c) return;
    const id = g.licenseStrings[code]!;
    licenseTotals.push([id, c]);
    families[familyOf(id)] = (families[familyOf(id)] ?? 0) + c;
  });
  const named = (code: number) => (code < 0 ? "unresolved" : g.licenseStrings[code]!);
  const transitionList: AuditSummary["transitions"] = [];
  for (let t = 0; t < transitionPairs.length / 2; t++) {
    const verdicts: Partial<Record<Verdict, number>> = {};
    let count = 0;
    VERDICT_ORDER.forEach((v, c) => {
      const n = transitionCounts[4 * t + c]!;
      if (n) verdicts[v] = n;
      count += n;
    });
    transitionList.push({
      parent: named(transitionPairs[2 * t]! - 1),
      child: named(transitionPairs[2 * t + 1]!),
      count,
      verdicts,
    });
  }
  return {
    models: rows,
    derived: d.derived,
    skipped,
    verdicts: d.verdicts,
    distinct_lineages: d.rowsPerJudgment.filter((c) => c > 0).length,
    licenses: licenseTotals
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 30)
      .map(([id, count]) => ({ id, family: familyOf(id), count })),
    families: ranked(families),
    transitions: transitionList
      .sort(
        (a, b) =>
          b.count - a.count || (`${a.parent}\u0000${a.child}` < `${b.parent}\u0000${b.child}` ? -1 : 1),
      )
      .slice(0, 40),
    top_findings: [...findingCounts.values()]
      .sort((a, b) => b.count - a.count || compareFinding(a, b))
      .slice(0, 20),
    worst_roots: topRoots(rootViolations, g.id, TOP_ROOTS).map(([i, c]) => ({
      id: g.id(i),
      license: g.license(i) ?? "unresolved",
      violating_descendants: c,
      catalogue: i >= rows,
    })),
    violations_by_base_family: ranked(byBaseFamily),
    depth: depthOut,
    warnings,
  };
}

function compareFinding(
  a: { code: string; license: string | null; severity: string },
  b: { code: string; license: string | null; severity: string },
): number {
  const ka = `${a.code}\u0000${a.license ?? ""}\u0000${a.severity}`;
  const kb = `${b.code}\u0000${b.license ?? ""}\u0000${b.severity}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const VERDICT_ORDER: Verdict[] = ["ok", "conditional", "violation", "unknown"];
const VERDICT_CODE: Record<Verdict, number> = { ok: 0, conditional: 1, violation: 2, unknown: 3 };
const VIOLATION = VERDICT_CODE.violation;

/**
 * The same counts with their keys in an order that does not depend on the rows' order (JSON keeps
 * insertion order): by `order` when given, else most first, then by name.
 */
function ranked<T extends Record<string, number>>(counts: T, order?: string[]): T {
  const keys = Object.keys(counts).sort((a, b) =>
    order ? order.indexOf(a) - order.indexOf(b) : counts[b]! - counts[a]! || (a < b ? -1 : a > b ? 1 : 0),
  );
  return Object.fromEntries(keys.map((k) => [k, counts[k]!])) as T;
}

/**
 * The `n` roots with the most violating descendants (`counts` by node), ties by id. Ids are made
 * only for the roots at or above the n-th count: sorting every root with its id in the comparator
 * was a quarter of a large audit's statistics.
 */
function topRoots(counts: Uint32Array, id: (i: number) => string, n: number): [number, number][] {
  const all = counts.filter((c) => c > 0).sort();
  if (!all.length) return [];
  const cut = all[Math.max(0, all.length - n)]!;
  const top: [number, number, string][] = [];
  counts.forEach((c, i) => {
    if (c && c >= cut) top.push([i, c, id(i)]);
  });
  return top
    .sort((a, b) => b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0))
    .slice(0, n)
    .map(([i, c]) => [i, c]);
}
