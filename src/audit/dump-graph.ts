// Stage 2 of an audit: the rows' bases as graph edges. A base is a row of the dump when its id is
// one; otherwise a catalogue model (with its own bases, looked up the same way) or an unresolved
// stand-in. The result is the engine's graph input over the ingested columns: no object per row.
import { catalogueLicense, type KnowledgeBase } from "../kb/knowledge-base.js";
import type { Relation } from "../kb/schema.js";
import { RELATIONS } from "../kb/vocabulary.js";
import type { GraphInput } from "../policy/engine.js";
import { hashInto, stringAt, type ColumnBatch } from "./batch.js";
import { IdTable } from "./id-table.js";
import type { Ingested } from "./ingest.js";

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
  /** Whether node i is a catalogue model (not a row of the dump). */
  isCatalogue(i: number): boolean;
  /** The license as a small number (an index of `licenseStrings`), -1 for an unresolved base. */
  licenseCode(i: number): number;
  readonly licenseStrings: readonly string[];
}

export function dumpGraph(d: Ingested, kb: KnowledgeBase): DumpGraph {
  const { n, batches, rowBatch, rowLocal, rowLic, rowRel, licStrings, licCode, table, idOf } = d;
  // bases as node numbers, once
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
  for (let i = 0; i < n; i++) {
    const b = batches[rowBatch[i]!]!;
    const r = rowLocal[i]!;
    curBatch = b;
    for (let k = b.baseStart[r]!, at = baseStart[i]!; k < b.baseStart[r + 1]!; k++, at++) {
      const h0 = b.baseHash[2 * k]!;
      const h1 = b.baseHash[2 * k + 1]!;
      curBase = k;
      const j = table.find(h0, h1, baseId, idOf);
      if (j >= 0) baseRef[at] = j;
      else {
        const o = outsideIndex.findOrInsert(h0, h1, outsideByHash.length);
        if (o === outsideByHash.length) outsideByHash.push(outsideNode(stringAt(b, b.baseAt[k]!)));
        baseRef[at] = outsideByHash[o]!;
      }
    }
  }
  // every id is resolved: the table of the rows' ids is not read again, and at millions of rows
  // it is more memory than the judgments' fragment lists
  table.release();
  const relationOf = (i: number): Relation => {
    const r = rowRel[i]!;
    return r ? RELATIONS[r - 1]! : baseStart[i + 1]! - baseStart[i]! > 1 ? "merge" : "finetune";
  };
  const idAt = (i: number): string => (i < n ? idOf(i) : extra[i - n]!.id);
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
    isCatalogue: (i) => i >= n && extra[i - n]!.license !== null,
    licenseCode: (i) => {
      if (i < n) return rowLic[i]!;
      const l = extra[i - n]!.license;
      return l === null ? -1 : licCode(l);
    },
    licenseStrings: licStrings,
  };
}
