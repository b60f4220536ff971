// Stage 1 of an audit: the dump's rows into columns. Rows arrive as column batches (typed arrays,
// one string per batch); each distinct id is kept once (the first row wins), and every row costs a
// few numbers, not an object, so memory grows with the models, not the file.
import { statSync } from "node:fs";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { grown } from "../policy/grown.js";
import { stringAt, type ColumnBatch } from "./batch.js";
import { IdTable } from "./id-table.js";
import { readDump, type ReadOptions } from "./readers.js";

export interface Ingested {
  /** Distinct models. */
  n: number;
  batches: ColumnBatch[];
  /** Per model: its batch, its row there, its license code (into `licStrings`) and relation code. */
  rowBatch: Uint32Array;
  rowLocal: Uint32Array;
  rowLic: Int32Array;
  rowRel: Uint8Array;
  licStrings: string[];
  licCode(id: string): number;
  table: IdTable;
  skipped: Record<string, number>;
  /** The optional columns (FIELD_BITS) some row holds. */
  fields: number;
  /** Rows read, usable or not. */
  lines: number;
  idOf(i: number): string;
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

export async function ingest(path: string, kb: KnowledgeBase, opts: ReadOptions): Promise<Ingested> {
  const batches: ColumnBatch[] = [];
  // sized once from the input's size (a Hub row is 100 bytes or more) rather than grown
  const expected = Math.min(expectedRows(path), 1 << 22);
  // sized for rows of 200 bytes: a table twice the rows at the usual 150 was slower to probe
  // than one half full (see MAX_LOAD), and a dump of shorter rows makes it grow once
  const table = new IdTable(expected >> 1);
  let n = 0;
  let lines = 0;
  let fields = 0;
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
  // one function for the row being added, not a closure per row (each one a context too)
  let curBatch: ColumnBatch | undefined;
  let curRow = 0;
  const rowId = () => stringAt(curBatch!, curBatch!.idAt[curRow]!);
  for await (const b of readDump(path, kb, opts)) {
    const bi = batches.length;
    batches.push(b);
    let skips = 0;
    for (const [k, v] of Object.entries(b.skips)) {
      skipped[k] = (skipped[k] ?? 0) + v;
      skips += v;
    }
    lines += b.rows + skips;
    fields |= b.fields;
    const codes = b.licenses.map(licCode);
    if (n + b.rows > rowBatch.length) {
      rowBatch = grown(rowBatch, n + b.rows, 2);
      rowLocal = grown(rowLocal, n + b.rows, 2);
      rowLic = grown(rowLic, n + b.rows, 2);
      rowRel = grown(rowRel, n + b.rows, 2);
    }
    curBatch = b;
    for (let r = 0; r < b.rows; r++) {
      curRow = r;
      if (!table.insert(b.idHash[2 * r]!, b.idHash[2 * r + 1]!, n, rowId, idOf)) {
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
  return {
    n,
    batches,
    rowBatch,
    rowLocal,
    rowLic,
    rowRel,
    licStrings,
    licCode,
    table,
    skipped,
    fields,
    lines,
    idOf,
  };
}
