// Stage 2 of an audit: the rows' bases as graph edges. A base is a row of the dump when its id is
// one; otherwise a catalogue model (with its own bases, looked up the same way) or an unresolved
// stand-in. The result is the engine's graph input over the ingested columns: no object per row.
// When the rows do not come bases first (a dump sorted by name or downloads, or shuffled), they are
// renumbered so that they do: every per-model array is then read in order instead of at random.
import { catalogueLicense, type KnowledgeBase } from "../kb/knowledge-base.js";
import type { Relation } from "../kb/schema.js";
import { RELATIONS } from "../kb/vocabulary.js";
import type { GraphInput } from "../policy/engine.js";
import { hashInto, stringAt, type ColumnBatch } from "./batch.js";
import { IdTable } from "./id-table.js";
import type { Ingested } from "./ingest.js";
import { sccOrder } from "../policy/scc-order.js";

/** Extra nodes after the rows: catalogue models and unresolved bases. */
interface Extra {
  id: string;
  license: string | null;
  weightsAvailable: boolean;
  bases: { node: number; relation: Relation }[];
}

export interface DumpGraph extends GraphInput {
  /** Rows of the dump are nodes 0..rows-1; catalogue and unresolved bases follow. */
  readonly rows: number;
  /** The ids a row names as bases, as written (for --out). */
  baseIds(i: number): string[];
  /** The node of the q-th row of the dump, in the order the rows came in (for --out). */
  rowNode(q: number): number;
  /** Whether node i is a catalogue model (not a row of the dump). */
  isCatalogue(i: number): boolean;
  /** The license as a small number (an index of `licenseStrings`), -1 for an unresolved base. */
  licenseCode(i: number): number;
  readonly licenseStrings: readonly string[];
}

/**
 * When rows are renumbered bases first: `auto` when more than 1 row edge in FORWARD_SHARE points
 * at a later row (the numbering is far from an evaluation order), else always or never (tests hold
 * the two numberings to the same results).
 */
export type Renumber = "auto" | "always" | "never";
const FORWARD_SHARE = 16;

/** The rows' bases as node numbers, and the extra nodes they reach. */
interface Resolved {
  baseStart: Uint32Array;
  baseRef: Int32Array;
  extra: Extra[];
  /** Row edges that point at a later row. */
  forward: number;
}

/**
 * Every base id to a node, once; then the rows' id table is released. Apart from `dumpGraph` so
 * that its closures, which reach the ingested columns, do not outlive it in the graph's.
 */
function resolveBases(d: Ingested, kb: KnowledgeBase): Resolved {
  const { n, batches, rowBatch, rowLocal, table, idOf } = d;
  const baseStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const b = batches[rowBatch[i]!]!;
    const r = rowLocal[i]!;
    baseStart[i + 1] = baseStart[i]! + b.baseStart[r + 1]! - b.baseStart[r]!;
  }
  const baseRef = new Int32Array(baseStart[n]!);
  const extra: Extra[] = [];
  // ids outside the dump, by hash: most are a few official models named by thousands of rows
  const outsideIndex = new IdTable();
  const byModelId = new Map<string, number>();
  /** The node of an id that is not (or, for catalogue bases, may not be) a row. */
  const outsideNode = (id: string): number => {
    const key = id.toLowerCase();
    const known = byModelId.get(key);
    if (known !== undefined) return known;
    const m = kb.findModel(id);
    // a base named by another of the model's Hub ids ("gpt2" for "openai-community/gpt2", an org's
    // old name): the dump's row under the id it holds comes before the catalogue's entry
    if (m)
      for (const other of kb.otherHubIds(m, id)) {
        hashInto(other, scratch, 0);
        const row = table.find(scratch[0]!, scratch[1]!, () => other, idOf);
        if (row >= 0) {
          byModelId.set(key, row);
          return row;
        }
      }
    const node = n + extra.length;
    byModelId.set(key, node);
    if (m) byModelId.set(m.id.toLowerCase(), node);
    const e: Extra = {
      id: m?.id ?? id,
      license: m ? catalogueLicense(m) : null,
      weightsAvailable: m?.weights_available ?? true,
      bases: [],
    };
    extra.push(e);
    if (m) {
      for (const b of m.bases) e.bases.push({ node: resolveId(b.id), relation: b.relation });
      // a catalogue dataset made of a model's outputs: whoever trains on it uses those outputs
      for (const g of m.generated_by) e.bases.push({ node: resolveId(g), relation: "uses-output-of" });
    }
    return node;
  };
  /** A catalogue model's base: a row of the dump when the dump has it, else outside. */
  const resolveId = (id: string): number => {
    hashInto(id, scratch, 0);
    const j = table.find(scratch[0]!, scratch[1]!, () => id, idOf);
    return j >= 0 ? j : outsideNode(id);
  };
  const scratch = new Uint32Array(2);
  const outsideByHash: number[] = [];
  // one function for the base being resolved, not a closure per base (each one a context too)
  let curBatch: ColumnBatch | undefined;
  let curBase = 0;
  const baseId = () => stringAt(curBatch!, curBatch!.baseAt[curBase]!);
  let forward = 0;
  for (let i = 0; i < n; i++) {
    const b = batches[rowBatch[i]!]!;
    const r = rowLocal[i]!;
    curBatch = b;
    for (let k = b.baseStart[r]!, at = baseStart[i]!; k < b.baseStart[r + 1]!; k++, at++) {
      const h0 = b.baseHash[2 * k]!;
      const h1 = b.baseHash[2 * k + 1]!;
      curBase = k;
      const j = table.find(h0, h1, baseId, idOf);
      if (j >= 0) {
        baseRef[at] = j;
        if (j > i) forward++;
      } else {
        const o = outsideIndex.findOrInsert(h0, h1, outsideByHash.length);
        if (o === outsideByHash.length) outsideByHash.push(outsideNode(stringAt(b, b.baseAt[k]!)));
        baseRef[at] = outsideByHash[o]!;
      }
    }
  }
  // every id is resolved: the table of the rows' ids is not read again, and at millions of rows
  // it is more memory than the judgments' fragment lists
  table.release();
  return { baseStart, baseRef, extra, forward };
}

export function dumpGraph(d: Ingested, kb: KnowledgeBase, renumber: Renumber = "auto"): DumpGraph {
  const { n, batches, licStrings, licCode } = d;
  const resolved = resolveBases(d, kb);
  const { extra, forward } = resolved;
  // no closure here may reach `d`: its columns would then outlive a renumbering
  const c =
    renumber === "always" || (renumber === "auto" && forward * FORWARD_SHARE > resolved.baseStart[n]!)
      ? inEvaluationOrder(d, resolved)
      : {
          ...resolved,
          rowBatch: d.rowBatch,
          rowLocal: d.rowLocal,
          rowLic: d.rowLic,
          rowRel: d.rowRel,
          nodeOf: null,
        };
  const { rowBatch, rowLocal, rowLic, rowRel, baseStart, baseRef, nodeOf } = c;
  const byNode = (i: number): string => {
    const b = batches[rowBatch[i]!]!;
    return stringAt(b, b.idAt[rowLocal[i]!]!);
  };
  const relationOf = (i: number): Relation => {
    const r = rowRel[i]!;
    return r ? RELATIONS[r - 1]! : baseStart[i + 1]! - baseStart[i]! > 1 ? "merge" : "finetune";
  };
  const idAt = (i: number): string => (i < n ? byNode(i) : extra[i - n]!.id);
  const NO_DATA: never[] = [];
  return {
    rows: n,
    get size() {
      return n + extra.length;
    },
    id: idAt,
    name: (i) => {
      const id = idAt(i);
      return id.slice(id.lastIndexOf("/") + 1);
    },
    owner: (i) => {
      const id = idAt(i);
      const s = id.indexOf("/");
      return s > 0 ? id.slice(0, s) : null;
    },
    license: (i) => (i < n ? licStrings[rowLic[i]!]! : extra[i - n]!.license),
    weightsAvailable: (i) => i < n || extra[i - n]!.weightsAvailable,
    baseCount: (i) => (i < n ? baseStart[i + 1]! - baseStart[i]! : extra[i - n]!.bases.length),
    base: (i, k) => (i < n ? baseRef[baseStart[i]! + k]! : extra[i - n]!.bases[k]!.node),
    relation: (i, k) => (i < n ? relationOf(i) : extra[i - n]!.bases[k]!.relation),
    datasets: () => NO_DATA,
    baseIds: (i) => {
      const b = batches[rowBatch[i]!]!;
      const r = rowLocal[i]!;
      const out: string[] = [];
      for (let k = b.baseStart[r]!; k < b.baseStart[r + 1]!; k++) out.push(stringAt(b, b.baseAt[k]!));
      return out;
    },
    rowNode: (q) => (nodeOf === null ? q : nodeOf[q]!),
    isCatalogue: (i) => i >= n && extra[i - n]!.license !== null,
    licenseCode: (i) => {
      if (i < n) return rowLic[i]!;
      const l = extra[i - n]!.license;
      return l === null ? -1 : licCode(l);
    },
    licenseStrings: licStrings,
  };
}

interface RowColumns {
  rowBatch: Uint32Array;
  rowLocal: Uint32Array;
  rowLic: Int32Array;
  rowRel: Uint8Array;
  baseStart: Uint32Array;
  baseRef: Int32Array;
  /** Per row in the order the rows came in, its node; null when that order is kept. */
  nodeOf: Int32Array | null;
}

/**
 * The rows renumbered in the order they are judged in (bases first), their columns moved with them,
 * and the bases that are rows (of rows and of extra nodes) renumbered alike.
 */
function inEvaluationOrder(d: Ingested, r: Resolved): RowColumns {
  const { n } = d;
  const { baseStart, baseRef, extra } = r;
  const baseCount = (i: number) => (i < n ? baseStart[i + 1]! - baseStart[i]! : extra[i - n]!.bases.length);
  const base = (i: number, k: number) => (i < n ? baseRef[baseStart[i]! + k]! : extra[i - n]!.bases[k]!.node);
  const id = (i: number) => (i < n ? d.idOf(i) : extra[i - n]!.id);
  const order = sccOrder({ size: n + extra.length, baseCount, base, id }, () => {});
  // node p is the row rowOf[p] came in as, and that row is node p
  const rowOf = new Int32Array(n);
  const nodeOf = new Int32Array(n);
  let next = 0;
  for (const i of order) if (i < n) nodeOf[(rowOf[next] = i)] = next++;
  const out: RowColumns = {
    rowBatch: new Uint32Array(n),
    rowLocal: new Uint32Array(n),
    rowLic: new Int32Array(n),
    rowRel: new Uint8Array(n),
    baseStart: new Uint32Array(n + 1),
    baseRef: new Int32Array(baseRef.length),
    nodeOf,
  };
  for (let p = 0; p < n; p++) {
    const i = rowOf[p]!;
    out.rowBatch[p] = d.rowBatch[i]!;
    out.rowLocal[p] = d.rowLocal[i]!;
    out.rowLic[p] = d.rowLic[i]!;
    out.rowRel[p] = d.rowRel[i]!;
    let at = out.baseStart[p]!;
    for (let k = baseStart[i]!, end = baseStart[i + 1]!; k < end; k++, at++) {
      const b = baseRef[k]!;
      out.baseRef[at] = b < n ? nodeOf[b]! : b;
    }
    out.baseStart[p + 1] = at;
  }
  for (const e of extra) for (const b of e.bases) if (b.node < n) b.node = nodeOf[b.node]!;
  return out;
}
