// Streams rows out of a dump: JSONL (optionally gzip), CSV, parquet, or a folder of model folders.
// Memory stays bounded by a chunk, never by the file.
import { createReadStream, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RangeBatch, ParseRange } from "./parse-worker.js";
import { BatchBuilder, type ColumnBatch } from "./batch.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { createGunzip } from "node:zlib";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { inspectFolder } from "../inspect/inspect.js";
import { rowFromObject, type Columns, type RowResult } from "./rows.js";

export interface ReadProgress {
  /** Bytes of the input consumed so far, and its size, for a progress bar. */
  onBytes?: (done: number, total: number) => void;
}

export type ReadOptions = { columns?: Columns; workers?: number; parallelMinBytes?: number } & ReadProgress;

/** Longest line accepted: a model row is a few kB; longer is junk, not a reason to run out of memory. */
const MAX_LINE = 8 * 1024 * 1024;

/** Lines of the file in batches (one per chunk read): a promise per line would cost more than the parse. */
async function* lines(path: string, progress: ReadProgress): AsyncGenerator<(string | null)[]> {
  const size = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let done = 0;
  raw.on("data", (c) => {
    done += (c as Buffer).length;
    progress.onBytes?.(done, size);
  });
  const stream = /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
  let rest = "";
  let dropping = false; // inside a line longer than MAX_LINE: discard up to its end
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString("utf8");
    const batch: (string | null)[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
      if (dropping) dropping = false;
      else batch.push(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      if (!dropping) batch.push(null);
      dropping = true;
      rest = "";
    }
    if (batch.length) yield batch;
  }
  if (rest && !dropping) yield [rest];
}

/** The non-blank lines of a batch; an over-long line is counted as a skip in `out`. */
function* usableLines(batch: (string | null)[], out: RowResult[]): Generator<string> {
  for (const line of batch) {
    if (line === null) out.push({ skip: "line-too-long" });
    else if (line.trim()) yield line;
  }
}

async function* jsonl(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
): AsyncGenerator<RowResult[]> {
  for await (const batch of lines(path, progress)) {
    const out: RowResult[] = [];
    for (const line of usableLines(batch, out)) {
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch {
        out.push({ skip: "invalid-json" });
        continue;
      }
      out.push(rowFromObject(o, columns));
    }
    yield out;
  }
}

/** RFC 4180 CSV, quoted fields with doubled quotes, one record per line (no embedded newlines). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else v += line[i++];
      }
      out.push(v);
      if (line[i] === ",") i++;
      else break;
    } else {
      const j = line.indexOf(",", i);
      if (j < 0) {
        out.push(line.slice(i).replace(/\r$/, ""));
        break;
      }
      out.push(line.slice(i, j));
      i = j + 1;
    }
  }
  return out;
}

async function* csv(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
): AsyncGenerator<RowResult[]> {
  let header: string[] | null = null;
  for await (const batch of lines(path, progress)) {
    const out: RowResult[] = [];
    for (const line of usableLines(batch, out)) {
      const cells = splitCsv(line);
      if (!header) {
        header = cells.map((c) => c.trim());
        continue;
      }
      const o: Record<string, string> = {};
      header.forEach((h, i) => (o[h] = cells[i] ?? ""));
      out.push(rowFromObject(o, columns));
    }
    yield out;
  }
}

async function* parquet(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
): AsyncGenerator<RowResult[]> {
  const hp = await import("hyparquet");
  const file = await hp.asyncBufferFromFile(path);
  let meta;
  try {
    meta = await hp.parquetMetadataAsync(file);
  } catch (e) {
    throw new InputError(`not a readable parquet file: ${(e as Error).message}`, "bad-parquet", path);
  }
  const total = Number(meta.num_rows);
  const CHUNK = 100_000;
  for (let start = 0; start < total; start += CHUNK) {
    const rows = await hp.parquetReadObjects({
      file,
      metadata: meta,
      rowStart: start,
      rowEnd: Math.min(total, start + CHUNK),
    });
    yield rows.map((r) => rowFromObject(r, columns));
    progress.onBytes?.(Math.min(total, start + CHUNK), total);
  }
}

async function* folder(root: string): AsyncGenerator<RowResult[]> {
  for (const owner of readdirSync(root).sort()) {
    const od = join(root, owner);
    if (!statSync(od).isDirectory()) continue;
    for (const name of readdirSync(od).sort()) {
      const dir = join(od, name);
      if (!statSync(dir).isDirectory()) continue;
      try {
        const rec = inspectFolder(dir, { hubId: `${owner}/${name}` });
        yield [
          {
            id: rec.id,
            // the folder's own resolution (card, license_name, LICENSE file) is the answer
            license:
              rec.license.id === "NONE"
                ? null
                : rec.license.id === "NOASSERTION"
                  ? (rec.license.declared ?? "other")
                  : rec.license.id,
            licenseName: null,
            bases: rec.bases.map((b) => b.id),
            relation: rec.bases[0]?.relation ?? null,
          },
        ];
      } catch {
        yield [{ skip: "unreadable-model-folder" }];
      }
    }
  }
}

/** Below this size one thread parses faster than starting workers. */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * An uncompressed JSONL dump split into byte ranges parsed by worker threads at once. Batches are
 * yielded in file order (all of range 0, then range 1, ...) so "first row wins" for duplicate ids
 * means the same as in one thread; later ranges' batches wait in memory meanwhile.
 */
async function* parallelJsonl(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
  workers: number,
): AsyncGenerator<ColumnBatch> {
  const size = statSync(path).size;
  const queues = Array.from({ length: workers }, (_, k) => {
    const range: ParseRange = {
      path,
      start: Math.floor((size * k) / workers),
      end: Math.floor((size * (k + 1)) / workers),
      columns,
    };
    const q: { items: RangeBatch[]; wake?: () => void; error?: Error; worker: Worker } = {
      items: [],
      worker: new Worker(new URL("./parse-worker.js", import.meta.url), { workerData: range }),
    };
    q.worker.on("message", (b: RangeBatch) => {
      q.items.push(b);
      q.wake?.();
    });
    q.worker.on("error", (e) => {
      q.error = e;
      q.wake?.();
    });
    return q;
  });
  let done = 0;
  try {
    for (const q of queues) {
      for (;;) {
        while (!q.items.length && !q.error) await new Promise<void>((r) => (q.wake = r));
        if (q.error) throw new InputError(`reading the dump failed: ${q.error.message}`, "unreadable", path);
        const b = q.items.shift()!;
        progress.onBytes?.(done + b.bytes, size);
        yield b.batch;
        if (b.last) {
          done += b.bytes;
          break;
        }
      }
    }
  } finally {
    for (const q of queues) void q.worker.terminate();
  }
}

/** Rows from a reader that yields row objects, gathered into column batches on this thread. */
async function* batched(rows: AsyncGenerator<RowResult[]>, kb: KnowledgeBase): AsyncGenerator<ColumnBatch> {
  const builder = new BatchBuilder(kb);
  for await (const list of rows) {
    for (const r of list) {
      if ("skip" in r) builder.skip(r.skip);
      else builder.add(r);
    }
    if (builder.rows >= BATCH_ROWS) yield builder.finish();
  }
  yield builder.finish();
}

const BATCH_ROWS = 20_000;

/** Rows of a dump, in column batches. */
export function readDump(
  path: string,
  kb: KnowledgeBase,
  opts: ReadOptions = {},
): AsyncGenerator<ColumnBatch> {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError("no such file or folder", "not-found", path);
  }
  if (st.isDirectory()) return batched(folder(path), kb);
  const p = path.toLowerCase().replace(/\.gz$/, "");
  if (p.endsWith(".parquet")) return batched(parquet(path, opts.columns, opts), kb);
  if (p.endsWith(".csv")) return batched(csv(path, opts.columns, opts), kb);
  const workers = Math.min(opts.workers ?? availableParallelism(), 8);
  if (
    !/\.gz$/i.test(path) &&
    workers > 1 &&
    st.size >= (opts.parallelMinBytes ?? PARALLEL_MIN_BYTES) &&
    (p.endsWith(".jsonl") || p.endsWith(".ndjson"))
  )
    return parallelJsonl(path, opts.columns, opts, workers);
  if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson"))
    return batched(jsonl(path, opts.columns, opts), kb);
  throw new InputError(
    "the dump must be .jsonl, .csv or .parquet (optionally .gz), or a folder of <owner>/<name>/ models",
    "unsupported-dump",
    path,
  );
}
