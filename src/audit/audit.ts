// audit: a whole ecosystem dump through the same policy engine as `check`. Rows arrive as column
// batches (typed arrays, one string per batch) into a compact graph: memory grows with the
// models, not the file, and the auditing thread holds no object per row. Every derived model's
// lineage is reduced to a canonical, hash-consed tree (its license, naming duties met or not, and
// its ancestors' licenses and relations) and each distinct one is evaluated once, so millions of
// rows cost thousands of evaluations.
import { createWriteStream, statSync } from "node:fs";
import { knowledgeBase, NOASSERTION, NONE, type KnowledgeBase } from "../kb/knowledge-base.js";
import { RELATIONS } from "../kb/vocabulary.js";
import type { LineageNode } from "../lineage/graph.js";
import { MAX_DEPTH } from "../lineage/graph.js";
import { evaluate, type Verdict } from "../policy/engine.js";
import { nameMeets, namingPrefixes } from "./naming.js";
import type { Finding } from "../inspect/record.js";
import { stringAt, type ColumnBatch } from "./batch.js";
import { Nodes, REL_NAMES, ROOT, UNRESOLVED, relCode } from "./lineage-nodes.js";
import { IdTable } from "./id-table.js";
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

/** About how many rows a dump file holds, from its size; 0 for a folder or an unknown file. */
function expectedRows(path: string): number {
  try {
    const st = statSync(path);
    // a gzip file holds about six times its size in rows of text
    return st.isFile() ? Math.ceil((st.size * (/\.gz$/i.test(path) ? 6 : 1)) / 100) : 0;
  } catch {
    return 0;
  }
}

/** Grows a typed array to hold at least `need` items. */
function grow<T extends Uint32Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export async function audit(path: string, opts: AuditOptions = {}): Promise<AuditSummary> {
  const kb = opts.kb ?? knowledgeBase();
  const t0 = performance.now();
  // ---- 1. read rows into columns: per row its batch, its place there, license and relation
  const batches: ColumnBatch[] = [];
  // sized once from the input's size (a Hub row is 100 bytes or more) rather than grown
  const expected = Math.min(expectedRows(path), 1 << 22);
  const table = new IdTable(expected);
  let n = 0;
  let rowBatch = new Uint32Array(expected || 1 << 16);
  let rowLocal = new Uint32Array(expected || 1 << 16);
  let rowLic = new Int32Array(expected || 1 << 16);
  let rowRel = new Uint8Array(expected || 1 << 16);
  const licStrings: string[] = [];
  const licCodes = new Map<string, number>();
  const licCode = (id: string): number => {
    let c = licCodes.get(id);
    if (c === undefined) {
      c = licStrings.length;
      licStrings.push(id);
      licCodes.set(id, c);
    }
    return c;
  };
  const skipped: Record<string, number> = {};
  const idOf = (i: number): string => {
    const b = batches[rowBatch[i]!]!;
    return stringAt(b, b.idAt[rowLocal[i]!]!);
  };
  for await (const b of readDump(path, kb, opts)) {
    const bi = batches.length;
    batches.push(b);
    for (const [k, v] of Object.entries(b.skips)) skipped[k] = (skipped[k] ?? 0) + v;
    const codes = b.licenses.map(licCode);
    if (n + b.rows > rowBatch.length) {
      rowBatch = grow(rowBatch, n + b.rows);
      rowLocal = grow(rowLocal, n + b.rows);
      rowLic = grow(rowLic, n + b.rows);
      rowRel = grow(rowRel, n + b.rows);
    }
    for (let r = 0; r < b.rows; r++) {
      const id = () => stringAt(b, b.idAt[r]!);
      if (!table.insert(b.idHash[2 * r]!, b.idHash[2 * r + 1]!, n, id, idOf)) {
        skipped["duplicate-id"] = (skipped["duplicate-id"] ?? 0) + 1;
        continue;
      }
      rowBatch[n] = bi;
      rowLocal[n] = r;
      rowLic[n] = codes[b.license[r]!]!;
      rowRel[n] = b.relation[r]!;
      n++;
    }
  }
  const tRead = performance.now();

  // bases as row numbers, once: >= 0 a row of the dump, < 0 an outside id (-1 - its index)
  const baseStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const b = batches[rowBatch[i]!]!;
    const r = rowLocal[i]!;
    baseStart[i + 1] = baseStart[i]! + b.baseStart[r + 1]! - b.baseStart[r]!;
  }
  const baseRef = new Int32Array(baseStart[n]!);
  // ids outside the dump, by hash: most are a few official models named by thousands of rows
  const outside: string[] = [];
  const outsideIndex = new IdTable();
  for (let i = 0; i < n; i++) {
    const b = batches[rowBatch[i]!]!;
    const r = rowLocal[i]!;
    for (let k = b.baseStart[r]!, at = baseStart[i]!; k < b.baseStart[r + 1]!; k++, at++) {
      const j = table.find(b.baseHash[2 * k]!, b.baseHash[2 * k + 1]!, () => stringAt(b, b.baseAt[k]!), idOf);
      if (j >= 0) baseRef[at] = j;
      else {
        const o = outsideIndex.findOrInsert(b.baseHash[2 * k]!, b.baseHash[2 * k + 1]!, outside.length);
        if (o === outside.length) outside.push(stringAt(b, b.baseAt[k]!));
        baseRef[at] = -1 - o;
      }
    }
  }

  // ---- 2. canonical lineage trees, memoised per model
  const prefixes = namingPrefixes(kb);
  const namingBitOf = new Map(prefixes.map((p, k) => [p.id, 1 << k]));
  const nodes = new Nodes((lic) => namingBitOf.get(licStrings[lic]!) ?? 0);
  const relationOf = (i: number, count: number): number => {
    const r = rowRel[i]!;
    return relCode(r ? RELATIONS[r - 1]! : count > 1 ? "merge" : "finetune");
  };
  // per outside base and relation: -2 not yet looked up, -1 not in the catalogue, else a node
  const outsideNode = new Int32Array(3 * outside.length).fill(-2);
  const catalogueMemo = new Map<string, number>();
  const catalogueNode = (id: string, rel: number, depth: number): number => {
    const key = `${id.toLowerCase()}\u0000${rel}`;
    const memo = catalogueMemo.get(key);
    if (memo !== undefined) return memo;
    const m = kb.findModel(id);
    let t = -1;
    if (m) {
      const lic = licCode(m.licenses.weights ?? NOASSERTION);
      const kids: number[] = [];
      if (depth < MAX_DEPTH)
        for (const b of m.bases) {
          const k = catalogueNode(b.id, relCode(b.relation), depth + 1);
          if (k >= 0) kids.push(k);
        }
      t = nodes.intern(rel, lic, nodes.canonical(kids, lic));
    }
    catalogueMemo.set(key, t);
    return t;
  };
  const NO_KIDS: number[] = [];
  /** Per model: its own node (root relation, its license, its canonical bases), once computed. */
  const rowNode = new Int32Array(n).fill(-1);
  /** A base row's node per rule relation, shared by all its children. */
  const baseNode = new Int32Array(3 * n).fill(-1);
  const onStack = new Uint8Array(n);
  const basesOf = (i: number, depth: number): number[] => {
    const memo = rowNode[i]!;
    if (memo >= 0) return nodes.kids[memo]!;
    const first = baseStart[i]!;
    const end = baseStart[i + 1]!;
    let canon = NO_KIDS;
    if (first < end) {
      onStack[i] = 1;
      const out: number[] = [];
      const rel = relationOf(i, end - first);
      for (let k = first; k < end; k++) {
        const j = baseRef[k]!;
        if (j >= 0) {
          if (onStack[j] || depth >= MAX_DEPTH) continue; // cycles and absurd depth are cut
          let t = baseNode[3 * j + rel]!;
          if (t < 0) baseNode[3 * j + rel] = t = nodes.intern(rel, rowLic[j]!, basesOf(j, depth + 1));
          out.push(t);
        } else {
          const o = 3 * (-1 - j) + rel;
          let t = outsideNode[o]!;
          if (t === -2) outsideNode[o] = t = catalogueNode(outside[-1 - j]!, rel, depth + 1);
          out.push(t >= 0 ? t : nodes.intern(rel, UNRESOLVED, NO_KIDS));
        }
      }
      onStack[i] = 0;
      canon = nodes.canonical(out, rowLic[i]!);
    }
    // a memo taken while an ancestor is on the stack may have lost a cut cycle edge; it is
    // still a valid (cut) lineage, and cycles are rare enough that this does not matter
    rowNode[i] = nodes.intern(ROOT, rowLic[i]!, canon);
    return canon;
  };

  // ---- 3. evaluate each distinct lineage once
  interface Entry {
    verdict: Verdict;
    findings: AuditFinding[];
    license: number;
    bases: number[];
    /** Rows that share this lineage: counts are aggregated per entry, not per row. */
    rows: number;
  }
  // a model's own node is its lineage's key; naming duties met or not are added to it when the
  // lineage has any (a string key, for the few rows that need one)
  const byNode: (Entry | undefined)[] = [];
  const byKey = new Map<string, Entry>();
  const entries: Entry[] = [];
  const verdicts: Record<Verdict, number> = { ok: 0, conditional: 0, violation: 0, unknown: 0 };
  const violating = new Uint8Array(n);
  let derived = 0;
  const out = opts.out ? createWriteStream(opts.out) : null;
  let buffer = "";
  const newEntry = (lic: number, bases: number[], met: string): Entry => {
    const ev: Entry = {
      ...evaluateLineage(
        kb,
        nodes,
        licStrings,
        lic,
        bases,
        syntheticName(prefixes, met ? met.split(",") : []),
      ),
      license: lic,
      bases,
      rows: 0,
    };
    entries.push(ev);
    return ev;
  };

  for (let i = 0; i < n; i++) {
    const bases = basesOf(i, 0);
    if (baseStart[i + 1]! > baseStart[i]!) derived++;
    const lic = rowLic[i]!;
    let mask = 0;
    for (const t of bases) mask |= nodes.naming[t]!;
    let ev: Entry | undefined;
    if (mask) {
      // which naming duties in the lineage the name meets: the only part of the name the rules
      // read, and only for lineages that carry one
      const meets = nameMeets(idOf(i), prefixes);
      let met = "";
      prefixes.forEach((p, k) => {
        if (mask & (1 << k)) met += `${met ? "," : ""}${p.id}=${meets & (1 << k) ? 1 : 0}`;
      });
      const key = `${rowNode[i]}|${met}`;
      ev = byKey.get(key);
      if (!ev) byKey.set(key, (ev = newEntry(lic, bases, met)));
    } else ev = byNode[rowNode[i]!] ??= newEntry(lic, bases, "");
    ev.rows++;
    verdicts[ev.verdict]++;
    if (ev.verdict === "violation") violating[i] = 1;
    if (out) {
      const b = batches[rowBatch[i]!]!;
      const r = rowLocal[i]!;
      const baseIds: string[] = [];
      for (let k = b.baseStart[r]!; k < b.baseStart[r + 1]!; k++) baseIds.push(stringAt(b, b.baseAt[k]!));
      buffer +=
        JSON.stringify({
          id: idOf(i),
          license: licStrings[lic],
          bases: baseIds,
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
    const child = licStrings[e.license]!;
    for (const t of e.bases) {
      const parent = nodes.lic[t] === UNRESOLVED ? "unresolved" : licStrings[nodes.lic[t]!]!;
      const tk = `${parent}\u0000${child}`;
      const tr = transitions.get(tk) ?? { parent, child, count: 0, verdicts: {} };
      tr.count += e.rows;
      tr.verdicts[e.verdict] = (tr.verdicts[e.verdict] ?? 0) + e.rows;
      transitions.set(tk, tr);
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
    for (let k = baseStart[i]!; k < baseStart[i + 1]!; k++) {
      const j = baseRef[k]!;
      d = Math.max(d, 1 + (j < 0 ? 0 : depthOf(j, guard + 1)));
    }
    depthMemo[i] = d;
    return d;
  };
  const rootMemo: (number[] | undefined)[] = new Array(n);
  const rootsOf = (i: number, guard: number): number[] => {
    const m = rootMemo[i];
    if (m) return m;
    rootMemo[i] = [i]; // breaks cycles
    let count = 0;
    let only = -1;
    for (let k = baseStart[i]!; k < baseStart[i + 1]!; k++)
      if (baseRef[k]! >= 0) {
        count++;
        only = baseRef[k]!;
      }
    let r: number[];
    if (!count || guard >= MAX_DEPTH) r = [i];
    // one base in the dump (nearly all): its roots, the same array (never modified)
    else if (count === 1) r = rootsOf(only, guard + 1);
    else {
      const set = new Set<number>();
      for (let k = baseStart[i]!; k < baseStart[i + 1]!; k++)
        if (baseRef[k]! >= 0) for (const x of rootsOf(baseRef[k]!, guard + 1)) set.add(x);
      r = [...set].slice(0, 8);
    }
    rootMemo[i] = r;
    return r;
  };
  const depthCounts = new Uint32Array(7);
  const rootViolations = new Map<number, number>();
  const licCounts = new Uint32Array(licStrings.length);
  const byBaseFamily: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    depthCounts[Math.min(6, depthOf(i, 0))]!++;
    licCounts[rowLic[i]!]!++;
    if (violating[i]) {
      for (const r of rootsOf(i, 0)) if (r !== i) rootViolations.set(r, (rootViolations.get(r) ?? 0) + 1);
      let bl = "unresolved";
      if (baseStart[i + 1]! > baseStart[i]!) {
        const j = baseRef[baseStart[i]!]!;
        bl =
          j >= 0
            ? licStrings[rowLic[j]!]!
            : (kb.findModel(outside[-1 - j]!)?.licenses.weights ?? "unresolved");
      }
      const bf = kb.license(bl)?.family ?? bl;
      byBaseFamily[bf] = (byBaseFamily[bf] ?? 0) + 1;
    }
  }
  const depth: Record<string, number> = {};
  depthCounts.forEach((c, d) => {
    if (c) depth[d >= 6 ? "6+" : String(d)] = c;
  });
  const familyOf = (id: string) => kb.license(id)?.family ?? (id === NONE ? "none" : "unknown");
  const families: Record<string, number> = {};
  licStrings.forEach((id, c) => {
    if (licCounts[c]) families[familyOf(id)] = (families[familyOf(id)] ?? 0) + licCounts[c]!;
  });
  return {
    models: n,
    derived,
    skipped,
    verdicts,
    distinct_lineages: entries.length,
    licenses: licStrings
      .map((id, c) => [id, licCounts[c]!] as const)
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([id, count]) => ({ id, family: familyOf(id), count })),
    families,
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count).slice(0, 40),
    top_findings: [...findingCounts.values()].sort((a, b) => b.count - a.count).slice(0, 20),
    worst_roots: [...rootViolations.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([i, c]) => ({ id: idOf(i), license: licStrings[rowLic[i]!]!, violating_descendants: c })),
    violations_by_base_family: byBaseFamily,
    depth,
    timings: {
      read: round((tRead - t0) / 1000),
      evaluate: round((tEval - tRead) / 1000),
      statistics: round((performance.now() - tEval) / 1000),
    },
  };
}

/** A name that meets exactly the naming duties the real name meets. */
function syntheticName(prefixes: { id: string; prefix: string }[], met: string[]): string {
  const ok = met
    .filter((m) => m.endsWith("=1"))
    .map((m) => prefixes.find((p) => p.id === m.slice(0, -2))!.prefix);
  ok.sort((a, b) => b.length - a.length);
  return ok.length ? `${ok[0]} model` : "model";
}

/** A lineage of nodes through the policy engine, as `check` would judge it. */
function evaluateLineage(
  kb: KnowledgeBase,
  nodes: Nodes,
  licStrings: string[],
  lic: number,
  bases: number[],
  name: string,
): { verdict: Verdict; findings: AuditFinding[] } {
  const license = licStrings[lic]!;
  let counter = 0;
  const edges = (kids: number[]) => kids.map((t) => ({ relation: REL_NAMES[nodes.rel[t]!]!, node: node(t) }));
  const node = (t: number): LineageNode => {
    const l = nodes.lic[t]!;
    const unresolved = l === UNRESOLVED;
    return {
      id: `base ${++counter} (${unresolved ? "unresolved" : licStrings[l]!})`,
      record: null,
      from: unresolved ? "unresolved" : "registry",
      license: unresolved ? null : licStrings[l]!,
      bases: edges(nodes.kids[t]!),
      datasets: [],
    };
  };
  const root: LineageNode = {
    id: "this model",
    record: null,
    from: "target",
    license,
    bases: edges(bases),
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
