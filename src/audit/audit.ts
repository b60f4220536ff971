// audit: a whole ecosystem dump through the same policy engine as `check`. Rows are streamed into
// a compact graph (memory grows with the models, not the file); every derived model's lineage is
// reduced to a canonical key (its license, naming duties met or not, and its ancestors' licenses
// and relations) and each distinct key is evaluated once, so millions of rows cost thousands of
// evaluations.
import { createWriteStream } from "node:fs";
import { knowledgeBase, NOASSERTION, NONE, type KnowledgeBase } from "../kb/knowledge-base.js";
import { parseExpression } from "../identify/spdx-expression.js";
import type { Relation } from "../kb/schema.js";
import { isRelation } from "../kb/vocabulary.js";
import type { LineageNode } from "../lineage/graph.js";
import { MAX_DEPTH } from "../lineage/graph.js";
import { evaluate, type Verdict } from "../policy/engine.js";
import { nameTokens } from "../kb/names.js";
import type { Finding } from "../inspect/record.js";
import { readDump, type ReadProgress } from "./readers.js";
import type { Columns } from "./rows.js";

export interface AuditOptions extends ReadProgress {
  columns?: Columns;
  /** Worker threads for large JSONL dumps (default: the machine's cores). */
  workers?: number;
  /** Smallest JSONL file parsed by workers (tests lower it). */
  parallelMinBytes?: number;
  /** Write one JSON line per model here. */
  out?: string;
  kb?: KnowledgeBase;
  /** Called every so often while evaluating (models done, total). */
  onEvaluate?: (done: number, total: number) => void;
}

export interface AuditFinding {
  severity: Finding["severity"];
  code: string;
  license?: string;
  message: string;
}

export interface AuditSummary {
  models: number;
  derived: number;
  skipped: Record<string, number>;
  verdicts: Record<Verdict, number>;
  /** Distinct lineage shapes evaluated (the cache's size). */
  distinct_lineages: number;
  licenses: { id: string; family: string; count: number }[];
  families: Record<string, number>;
  transitions: { parent: string; child: string; count: number; verdicts: Partial<Record<Verdict, number>> }[];
  top_findings: { code: string; license: string | null; severity: string; count: number }[];
  worst_roots: { id: string; license: string; violating_descendants: number }[];
  violations_by_base_family: Record<string, number>;
  depth: Record<string, number>;
  /** Seconds per phase, to see where the time goes. */
  timings: { read: number; evaluate: number; statistics: number };
}

interface Tree {
  license: string | null;
  relation: Relation;
  bases: Tree[];
  unresolved?: boolean;
  /**
   * Canonical key, hash-consed: equal trees get the same short key, so a lineage full of merges
   * (a DAG) never expands into an exponentially long string.
   */
  key: string;
  /** Licenses with naming duties anywhere in the tree (usually none). */
  naming: string[];
}

const interned = new Map<string, string>();
const NO_NAMING: string[] = [];
let namingIds = new Set<string>();

function tree(license: string | null, relation: Relation, bases: Tree[], unresolved = false): Tree {
  const local = `${relation}:${unresolved ? UNRESOLVED_BASE : (license ?? UNRESOLVED_BASE)}(${bases.map((b) => b.key).join(",")})`;
  let key = interned.get(local);
  if (!key) interned.set(local, (key = `#${interned.size.toString(36)}`));
  const own = license !== null && namingIds.has(license);
  const naming =
    own || bases.some((b) => b.naming.length)
      ? [...new Set([...(own ? [license] : []), ...bases.flatMap((b) => b.naming)])]
      : NO_NAMING;
  return { license, relation, bases, unresolved, key, naming };
}

const UNRESOLVED_BASE = "?";

export async function audit(path: string, opts: AuditOptions = {}): Promise<AuditSummary> {
  const kb = opts.kb ?? knowledgeBase();
  const t0 = performance.now();
  // ---- 1. read rows into a compact graph
  const index = new Map<string, number>();
  const ids: string[] = [];
  const licenses: string[] = []; // resolved license per model
  const baseIds: (string[] | null)[] = [];
  const relations: (Relation | null)[] = [];
  const skipped: Record<string, number> = {};
  const licenseCache = new Map<string, string>();
  const resolveLicense = (raw: string | null, name: string | null): string => {
    const key = `${raw}\u0000${name}`;
    let id = licenseCache.get(key);
    if (id) return id;
    if (!raw && !name) id = NONE;
    else {
      id = (raw && kb.fromHubId(raw)) || undefined;
      if ((!id || id === NOASSERTION) && name) id = kb.findLicense(name)?.id ?? id;
      if (!id && raw) id = parseExpression(raw, kb)?.leaves.find((l) => l.known)?.id;
      id ??= NOASSERTION;
    }
    licenseCache.set(key, id);
    return id;
  };
  for await (const batch of readDump(path, opts))
    for (const r of batch) {
      if ("skip" in r) {
        skipped[r.skip] = (skipped[r.skip] ?? 0) + 1;
        continue;
      }
      const key = r.id.toLowerCase();
      if (index.has(key)) {
        skipped["duplicate-id"] = (skipped["duplicate-id"] ?? 0) + 1;
        continue;
      }
      index.set(key, ids.length);
      ids.push(r.id);
      licenses.push(resolveLicense(r.license, r.licenseName));
      baseIds.push(r.bases.length ? r.bases : null);
      relations.push(r.relation && isRelation(r.relation) ? r.relation : null);
    }
  const n = ids.length;
  const tRead = performance.now();
  // bases as row numbers once, -1 for a base outside the dump
  const baseRows: (Int32Array | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const bs = baseIds[i];
    if (!bs) {
      baseRows[i] = null;
      continue;
    }
    const rows = new Int32Array(bs.length);
    for (let k = 0; k < bs.length; k++) rows[k] = index.get(bs[k]!.toLowerCase()) ?? -1;
    baseRows[i] = rows;
  }

  // ---- 2. canonical lineage trees, memoised per model
  interned.clear();
  namingIds = new Set(kb.licenses.filter((l) => l.flow_down.naming?.prefix).map((l) => l.id));
  // per model: its canonical bases, and their keys joined (computed once, read per row)
  const treeMemo: (Tree[] | undefined)[] = new Array(n);
  const subKey: (string | undefined)[] = new Array(n);
  const onStack = new Uint8Array(n);
  const catalogueMemo = new Map<string, Tree | null>();
  const relationOf = (i: number, count: number): Relation =>
    relations[i] ?? (count > 1 ? "merge" : "finetune");
  const catalogueTree = (id: string, relation: Relation, depth: number): Tree | null => {
    const key = `${id.toLowerCase()}\u0000${relation}`;
    if (catalogueMemo.has(key)) return catalogueMemo.get(key)!;
    const m = kb.findModel(id);
    const t: Tree | null = m
      ? tree(
          m.licenses.weights ?? NOASSERTION,
          ruleRelation(relation),
          canonical(
            depth < MAX_DEPTH
              ? m.bases
                  .map((b) => catalogueTree(b.id, b.relation, depth + 1))
                  .filter((x): x is Tree => x !== null)
              : [],
            m.licenses.weights ?? NOASSERTION,
          ),
        )
      : null;
    catalogueMemo.set(key, t);
    return t;
  };
  const NO_BASES: Tree[] = [];
  /** A base row's tree, per rule relation, shared by all its children. */
  const baseTree = new Map<number, Tree>();
  const basesOf = (i: number, depth: number): Tree[] => {
    const memo = treeMemo[i];
    if (memo) return memo;
    const raw = baseIds[i];
    if (!raw) return NO_BASES;
    onStack[i] = 1;
    const out: Tree[] = [];
    const rows = baseRows[i]!;
    const relation = ruleRelation(relationOf(i, raw.length));
    for (let k = 0; k < raw.length; k++) {
      const j = rows[k]!;
      if (j >= 0) {
        if (onStack[j] || depth >= MAX_DEPTH) continue; // cycles and absurd depth are cut
        const mk = j * 3 + (relation === "finetune" ? 0 : relation === "distill" ? 1 : 2);
        let t = baseTree.get(mk);
        if (!t) {
          t = tree(licenses[j]!, relation, basesOf(j, depth + 1));
          baseTree.set(mk, t);
        }
        out.push(t);
      } else out.push(catalogueTree(raw[k]!, relation, depth + 1) ?? tree(null, relation, [], true));
    }
    onStack[i] = 0;
    const canon = canonical(out, licenses[i]!);
    // a memo taken while an ancestor is on the stack may have lost a cut cycle edge; it is
    // still a valid (cut) lineage, and cycles are rare enough that this does not matter
    treeMemo[i] = canon;
    subKey[i] = canon.map((t) => t.key).join(",");
    return canon;
  };

  // ---- 3. evaluate each distinct lineage once
  const namingPrefixes = kb.licenses
    .filter((l) => l.flow_down.naming?.prefix)
    .map((l) => ({
      id: l.id,
      prefix: l.flow_down.naming!.prefix!,
      tokens: nameTokens(l.flow_down.naming!.prefix!),
    }));
  const namingMemo = new Map<string, typeof namingPrefixes>();
  interface Entry {
    verdict: Verdict;
    findings: AuditFinding[];
    license: string;
    bases: Tree[];
    /** Rows that share this lineage: counts are aggregated per entry, not per row. */
    rows: number;
  }
  const cache = new Map<string, Map<string, Entry>>();
  const entries: Entry[] = [];
  const verdicts: Record<Verdict, number> = { ok: 0, conditional: 0, violation: 0, unknown: 0 };
  const violating = new Uint8Array(n);
  let derived = 0;
  const out = opts.out ? createWriteStream(opts.out) : null;
  let buffer = "";

  for (let i = 0; i < n; i++) {
    const bases = basesOf(i, 0);
    if (baseIds[i]) derived++;
    let met = "";
    if (bases.length && bases.some((b) => b.naming.length)) {
      // which naming duties in the lineage the name meets: the only part of the name rules read.
      // The name is folded once (its head is enough: prefixes are a few words) and compared
      // with each prefix's folded tokens; the set of duties is memoised per lineage.
      const id = ids[i]!;
      const tokens = nameTokens(id.slice(id.lastIndexOf("/") + 1, id.lastIndexOf("/") + 1 + 48));
      let duties = namingMemo.get(subKey[i]!);
      if (!duties)
        namingMemo.set(
          subKey[i]!,
          (duties = namingPrefixes.filter((p) => bases.some((b) => b.naming.includes(p.id)))),
        );
      for (const p of duties)
        met += `${met ? "," : ""}${p.id}=${p.tokens.every((t, k) => tokens[k] === t) ? 1 : 0}`;
    }
    // Two-level lookup on strings that already exist (the memoised lineage key, the interned
    // license id): no key string is built and hashed per row, which at millions of rows mattered.
    const outer = bases.length ? subKey[i]! : "";
    let inner = cache.get(outer);
    if (!inner) cache.set(outer, (inner = new Map()));
    const innerKey = met ? `${licenses[i]}|${met}` : licenses[i]!;
    let ev = inner.get(innerKey);
    if (!ev) {
      ev = {
        ...evaluateTree(kb, licenses[i]!, bases, syntheticName(namingPrefixes, met ? met.split(",") : [])),
        license: licenses[i]!,
        bases,
        rows: 0,
      };
      inner.set(innerKey, ev);
      entries.push(ev);
    }
    ev.rows++;
    verdicts[ev.verdict]++;
    if (ev.verdict === "violation") violating[i] = 1;
    if (out) {
      buffer +=
        JSON.stringify({
          id: ids[i],
          license: licenses[i],
          bases: baseIds[i] ?? [],
          verdict: ev.verdict,
          findings: ev.findings
            .filter((f) => f.severity !== "info")
            .map(({ severity, code, license }) => ({ severity, code, license })),
        }) + "\n";
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
        buffer = "";
      }
    }
    if ((i & 0xffff) === 0) opts.onEvaluate?.(i, n);
  }
  if (out) {
    out.write(buffer);
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  opts.onEvaluate?.(n, n);

  const findingCounts = new Map<
    string,
    { code: string; license: string | null; severity: string; count: number }
  >();
  const transitions = new Map<string, AuditSummary["transitions"][number]>();
  for (const e of entries) {
    for (const f of e.findings) {
      if (f.severity === "info") continue;
      const fk = `${f.code}\u0000${f.license ?? ""}`;
      const c = findingCounts.get(fk) ?? {
        code: f.code,
        license: f.license ?? null,
        severity: f.severity,
        count: 0,
      };
      c.count += e.rows;
      findingCounts.set(fk, c);
    }
    for (const b of e.bases) {
      const parent = b.unresolved ? "unresolved" : (b.license ?? "unresolved");
      const tk = `${parent}\u0000${e.license}`;
      const t = transitions.get(tk) ?? { parent, child: e.license, count: 0, verdicts: {} };
      t.count += e.rows;
      t.verdicts[e.verdict] = (t.verdicts[e.verdict] ?? 0) + e.rows;
      transitions.set(tk, t);
    }
  }

  const tEval = performance.now();
  // ---- 4. graph statistics: roots with most violating descendants, depth, families
  const depthMemo = new Int16Array(n).fill(-1);
  const depthOf = (i: number, guard: number): number => {
    if (depthMemo[i]! >= 0) return depthMemo[i]!;
    if (guard > MAX_DEPTH) return 0;
    depthMemo[i] = 0; // breaks cycles
    let d = 0;
    for (const j of baseRows[i] ?? []) d = Math.max(d, 1 + (j < 0 ? 0 : depthOf(j, guard + 1)));
    depthMemo[i] = d;
    return d;
  };
  const rootMemo = new Map<number, number[]>();
  const rootsOf = (i: number, guard: number): number[] => {
    const m = rootMemo.get(i);
    if (m) return m;
    rootMemo.set(i, [i]); // breaks cycles
    const inDump = [...(baseRows[i] ?? [])].filter((j) => j >= 0);
    const r =
      inDump.length && guard < MAX_DEPTH
        ? [...new Set(inDump.flatMap((j) => rootsOf(j, guard + 1)))].slice(0, 8)
        : [i];
    rootMemo.set(i, r);
    return r;
  };
  const depth: Record<string, number> = {};
  const rootViolations = new Map<number, number>();
  const families: Record<string, number> = {};
  const licCounts = new Map<string, number>();
  const byBaseFamily: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const d = depthOf(i, 0);
    const bucket = d >= 6 ? "6+" : String(d);
    depth[bucket] = (depth[bucket] ?? 0) + 1;
    const fam = kb.license(licenses[i]!)?.family ?? (licenses[i] === NONE ? "none" : "unknown");
    families[fam] = (families[fam] ?? 0) + 1;
    licCounts.set(licenses[i]!, (licCounts.get(licenses[i]!) ?? 0) + 1);
    if (violating[i]) {
      for (const r of rootsOf(i, 0)) if (r !== i) rootViolations.set(r, (rootViolations.get(r) ?? 0) + 1);
      const b0 = baseIds[i]?.[0];
      const j = baseRows[i]?.[0] ?? -1;
      const bl =
        j >= 0 ? licenses[j]! : b0 ? (kb.findModel(b0)?.licenses.weights ?? "unresolved") : "unresolved";
      const bf = kb.license(bl)?.family ?? bl;
      byBaseFamily[bf] = (byBaseFamily[bf] ?? 0) + 1;
    }
  }
  return {
    models: n,
    derived,
    skipped,
    verdicts,
    distinct_lineages: entries.length,
    licenses: [...licCounts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([id, count]) => ({
        id,
        family: kb.license(id)?.family ?? (id === NONE ? "none" : "unknown"),
        count,
      })),
    families,
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count).slice(0, 40),
    top_findings: [...findingCounts.values()].sort((a, b) => b.count - a.count).slice(0, 20),
    worst_roots: [...rootViolations.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([i, c]) => ({ id: ids[i]!, license: licenses[i]!, violating_descendants: c })),
    violations_by_base_family: byBaseFamily,
    depth,
    timings: {
      read: round((tRead - t0) / 1000),
      evaluate: round((tEval - tRead) / 1000),
      statistics: round((performance.now() - tEval) / 1000),
    },
  };
}

/** Relations the rules tell apart: weights-derived (finetune, adapter, merge, quantized), distilled, or trained on outputs. */
function ruleRelation(r: Relation): Relation {
  return r === "distill" || r === "uses-output-of" ? r : "finetune";
}

/**
 * The smallest tree the rules judge the same way: relations folded to what the rules read, a base
 * under the same license as its single child folded into its own bases (a chain of Apache-2.0
 * fine-tunes is one Apache-2.0 ancestor), duplicate siblings dropped, siblings sorted.
 */
function canonical(bases: Tree[], childLicense: string): Tree[] {
  const fold = (t: Tree) =>
    !t.unresolved &&
    t.license === childLicense &&
    t.relation === "finetune" &&
    t.bases.every((x) => x.relation === "finetune");
  // the common case, one base that does not fold: nothing to merge or sort
  if (bases.length === 1 && !fold(bases[0]!)) return bases;
  const out = new Map<string, Tree>();
  const add = (t: Tree) => out.set(t.key, t);
  for (const t of bases) {
    if (
      !t.unresolved &&
      t.license === childLicense &&
      t.relation === "finetune" &&
      t.bases.every((x) => x.relation === "finetune")
    )
      for (const x of t.bases.length ? t.bases : [t]) add(x);
    else add(t);
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A name that meets exactly the naming duties the real name meets. */
function syntheticName(prefixes: { id: string; prefix: string }[], met: string[]): string {
  const ok = met
    .filter((m) => m.endsWith("=1"))
    .map((m) => prefixes.find((p) => p.id === m.slice(0, -2))!.prefix);
  ok.sort((a, b) => b.length - a.length);
  return ok.length ? `${ok[0]} model` : "model";
}

function evaluateTree(
  kb: KnowledgeBase,
  license: string,
  bases: Tree[],
  name: string,
): { verdict: Verdict; findings: AuditFinding[] } {
  let counter = 0;
  const node = (t: Tree): LineageNode => {
    const id = `base ${++counter} (${t.license ?? "unresolved"})`;
    return {
      id,
      record: null,
      from: t.unresolved ? "unresolved" : "registry",
      license: t.unresolved ? null : t.license,
      bases: t.bases.map((b) => ({ relation: b.relation, node: node(b) })),
      datasets: [],
    };
  };
  const root: LineageNode = {
    id: "this model",
    record: null,
    from: "target",
    license,
    bases: bases.map((b) => ({ relation: b.relation, node: node(b) })),
    datasets: [],
  };
  const findings: Finding[] = [];
  const walk = (x: LineageNode, path: string[]) => {
    for (const e of x.bases) {
      if (e.node.from === "unresolved")
        findings.push({
          severity: "unknown",
          code: "base-unresolved",
          message: "A base model is neither in the dump nor in the catalogue.",
          path: [...path, e.node.id],
        });
      walk(e.node, [...path, e.node.id]);
    }
  };
  walk(root, [root.id]);
  const ev = evaluate(kb, { root, findings }, license, name, { mode: "distribute" });
  return {
    verdict: ev.verdict,
    findings: ev.findings.map(({ severity, code, license: l, message }) => ({
      severity,
      code,
      license: l,
      message,
    })),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
