// Streams rows out of a dump: JSONL (optionally gzip), CSV, parquet, or a folder of model folders.
// Memory stays bounded by a chunk, never by the file.
import { closeSync, createReadStream, openSync, readSync, readdirSync, statSync, type Dirent } from "node:fs";
import { availableParallelism } from "node:os";
import { StringDecoder } from "node:string_decoder";
import { Worker } from "node:worker_threads";
import type { RangeBatch, ParseRange } from "./parse-worker.js";
import { BatchBuilder, stringAt, type ColumnBatch } from "./batch.js";
import { DistinctRows } from "./distinct-rows.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { createGunzip } from "node:zlib";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { checkHeader, columnsOf, rowFromObject, type Columns, type RowResult } from "./rows.js";
import { ArrayElements, type Element } from "./json-array.js";
import { CsvRecords, splitCsv, TOO_LONG } from "./csv.js";
import { byteOrderMark, type Encoding } from "../text/byte-order-mark.js";

export interface ReadProgress {
  /** Bytes of the input consumed so far, and its size, for a progress bar. */
  onBytes?: (done: number, total: number) => void;
}

export type ReadOptions = {
  /** Columns named by the user (--columns); the others keep their default names. */
  columns?: Partial<Columns>;
  workers?: number;
  parallelMinBytes?: number;
} & ReadProgress;

/** Longest line accepted: a model row is a few kB; longer is junk, not a reason to run out of memory. */
const MAX_LINE = 8 * 1024 * 1024;

/**
 * Most text a .gz may expand to: 100 times its own size, and never less than 256 MiB. Hub dumps
 * of JSON rows compress about 6 to 15 times; a bomb (6 GB of one byte behind 6 MB) is 1,000.
 */
export function maxInflated(compressedBytes: number): number {
  return Math.max(256 * 1024 * 1024, 100 * compressedBytes);
}

/** A zlib failure of a .gz dump as what it means for the file. */
function gzipError(e: unknown, path: string): InputError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "Z_BUF_ERROR" || /unexpected end/i.test(err.message))
    return new InputError(
      "the .gz file is truncated (the compressed data ends early); download or copy it again",
      "bad-gzip",
      path,
    );
  return new InputError(`not a readable gzip file: ${err.message}`, "bad-gzip", path);
}

/** The file's text, decoded (and inflated) chunk by chunk, with its read errors as InputErrors. */
async function* textChunks(path: string, progress: ReadProgress): AsyncGenerator<string> {
  const size = statSync(path).size;
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let done = 0;
  raw.on("data", (c) => {
    done += (c as Buffer).length;
    progress.onBytes?.(done, size);
  });
  const gz = /\.gz$/i.test(path);
  const stream = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  // a raw stream's errors (the file vanished, EIO) must end the loop below, not the process
  if (gz) raw.on("error", (e) => stream.destroy(e));
  const limit = gz ? maxInflated(size) : Infinity;
  let inflated = 0;
  // characters cut by a chunk boundary are completed by the next chunk, not replaced; the
  // encoding is told by the first chunk's byte-order mark, which is dropped (Excel and PowerShell
  // write one: with it, the first row was invalid JSON, and in UTF-16 every row)
  let decoder: ((bytes?: Buffer) => string) | undefined;
  try {
    for await (const chunk of stream) {
      inflated += (chunk as Buffer).length;
      if (inflated > limit) {
        stream.destroy();
        throw new InputError(
          `the .gz file expands past ${limit} bytes, the limit for its size (100 times, at least 256 MiB): a compression bomb, not a dump of model rows`,
          "gzip-too-large",
          path,
        );
      }
      decoder ??= decoderFor(byteOrderMark(chunk as Buffer).encoding);
      yield decoder(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw gz
      ? gzipError(e, path)
      : new InputError(`reading failed: ${(e as Error).message}`, "unreadable", path);
  }
  if (decoder) yield decoder();
}

/**
 * A streaming decoder (bytes in, text out; no bytes: the end) that drops a leading byte-order
 * mark. Node's StringDecoder where it can (a fifth faster than TextDecoder on UTF-8).
 */
function decoderFor(encoding: Encoding): (bytes?: Buffer) => string {
  if (encoding === "utf-16be") {
    const d = new TextDecoder(encoding);
    return (bytes) => (bytes ? d.decode(bytes, { stream: true }) : d.decode());
  }
  const d = new StringDecoder(encoding === "utf-8" ? "utf8" : "utf16le");
  let first = true;
  return (bytes) => {
    if (!bytes) return d.end();
    let text = d.write(bytes);
    if (first && text) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
}

/** The first bytes of a file, to tell its encoding and shape before a reader is chosen. */
function fileHead(path: string, n = 1 << 16): Buffer {
  const head = Buffer.alloc(n);
  const fd = openSync(path, "r");
  try {
    return head.subarray(0, readSync(fd, head, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a .json file's head shows JSON lines: a first line that is a whole row. An array, or
 * rows written across lines, are not lines (the workers would find no row in them).
 */
function linesOfRows(head: Buffer): boolean {
  let i = byteOrderMark(head).length;
  while (i < head.length && (head[i] === 32 || head[i] === 10 || head[i] === 13 || head[i] === 9)) i++;
  if (head[i] !== 123) return false;
  const nl = head.indexOf(10, i);
  return nl >= 0 && isJson(head.toString("utf8", i, nl));
}

/** Lines of the text in batches (one per chunk): a promise per line would cost more than the parse. */
async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<(string | null)[]> {
  // the unfinished last line, in pieces: joining only when its newline comes keeps a long line
  // linear (appending each chunk to one string and searching it again was quadratic)
  let pieces: string[] = [];
  let pending = 0;
  let dropping = false; // inside a line longer than MAX_LINE: discard up to its end
  for await (const text of chunks) {
    const batch: (string | null)[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      if (dropping) dropping = false;
      else if (pending + nl - start > MAX_LINE) batch.push(null);
      else batch.push(pieces.length ? pieces.join("") + text.slice(start, nl) : text.slice(start, nl));
      pieces = [];
      pending = 0;
      start = nl + 1;
    }
    if (!dropping && start < text.length) {
      pieces.push(text.slice(start));
      pending += text.length - start;
      if (pending > MAX_LINE) {
        batch.push(null);
        dropping = true;
        pieces = [];
        pending = 0;
      }
    }
    if (batch.length) yield batch;
  }
  const last = pieces.join("");
  if (last && !dropping) yield [last];
}

/** The non-blank lines of a batch; an over-long line is counted as a skip in `out`. */
function* usableLines(batch: (string | null)[], out: RowResult[]): Generator<string> {
  for (const line of batch) {
    if (line === null) out.push({ skip: "line-too-long" });
    else if (line.trim()) yield line;
  }
}

/** One row's JSON text as a row, or the reason it is none. */
function rowOfText(text: string, columns: Columns | undefined): RowResult {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return { skip: "invalid-json" };
  }
  return rowFromObject(o, columns);
}

async function* jsonl(
  chunks: AsyncIterable<string>,
  columns: Columns | undefined,
): AsyncGenerator<RowResult[]> {
  for await (const batch of lines(chunks)) {
    const out: RowResult[] = [];
    for (const line of usableLines(batch, out)) out.push(rowOfText(line, columns));
    yield out;
  }
}

/** The elements of JSON arrays, and objects outside them, as rows, as they follow one another. */
async function* jsonElements(
  chunks: AsyncIterable<string>,
  columns: Columns | undefined,
): AsyncGenerator<RowResult[]> {
  const cutter = new ArrayElements(MAX_LINE);
  const elements: Element[] = [];
  const rows = (): RowResult[] =>
    elements.splice(0).map((e) => (e === null ? { skip: "row-too-long" } : rowOfText(e, columns)));
  for await (const text of chunks) {
    cutter.feed(text, elements);
    if (elements.length) yield rows();
  }
  const bare = cutter.bare;
  const unclosed = cutter.end(elements);
  const out = rows();
  // a download cut short, or text after the array: said once, beside the rows that were read
  if (unclosed) out.push({ skip: bare ? "row-not-closed" : "array-not-closed" });
  if (cutter.trailing) out.push({ skip: "text-after-array" });
  yield out;
}

/**
 * A .json dump, told by its first character and line: one JSON array of rows (the Hub API's
 * listing, `json.dump` of a list); JSON lines as in a .jsonl file, when the first line is a whole
 * row; else rows written across lines one after another (`jq '.[]'`'s output).
 */
async function* jsonDocument(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
): AsyncGenerator<RowResult[]> {
  const chunks = textChunks(path, progress);
  const head: string[] = [];
  let text = "";
  let at = -1;
  // read by hand: leaving a for-await loop early would close the generator
  for (let r = await chunks.next(); !r.done; r = await chunks.next()) {
    head.push(r.value);
    text += r.value;
    at = text.search(/\S/);
    if (at < 0) continue;
    // a row's first line: read on until it ends (or is too long to be a row)
    if (text.charCodeAt(at) !== 123 || text.indexOf("\n", at) >= 0 || text.length - at > MAX_LINE) break;
  }
  const all = (async function* () {
    yield* head;
    yield* chunks;
  })();
  const first = at < 0 ? -1 : text.charCodeAt(at);
  if (first === 91) return yield* jsonElements(all, columns);
  if (first === 123) {
    const nl = text.indexOf("\n", at);
    if (!isJson(text.slice(at, nl < 0 ? text.length : nl))) return yield* jsonElements(all, columns);
  }
  yield* jsonl(all, columns);
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

async function* csv(
  path: string,
  named: Partial<Columns>,
  progress: ReadProgress,
): AsyncGenerator<RowResult[]> {
  const columns = columnsOf(named);
  let header: string[] | null = null;
  const records = new CsvRecords(MAX_LINE);
  const take = (record: string, out: RowResult[]): void => {
    const cells = splitCsv(record);
    if (!header) {
      header = cells.map((c) => c.trim());
      checkHeader(header, named, path);
      return;
    }
    const o: Record<string, string> = {};
    header.forEach((h, i) => (o[h] = cells[i] ?? ""));
    out.push(rowFromObject(o, columns));
  };
  for await (const batch of lines(textChunks(path, progress))) {
    const out: RowResult[] = [];
    for (const line of batch) {
      const r = records.push(line);
      if (r === TOO_LONG) out.push({ skip: "line-too-long" });
      else if (r !== null) take(r, out);
    }
    yield out;
  }
  // a quote that never closes took every line after it into one field: the file is cut short
  // or the quote is stray, and the record's fields are not the row it began as
  const open = records.open;
  const last = records.end();
  if (last !== null) {
    const out: RowResult[] = [];
    if (open) out.push({ skip: "quote-not-closed" });
    else take(last, out);
    yield out;
  }
}

async function* parquet(
  path: string,
  named: Partial<Columns>,
  progress: ReadProgress,
): AsyncGenerator<RowResult[]> {
  const columns = columnsOf(named);
  const hp = await import("hyparquet");
  const file = await hp.asyncBufferFromFile(path);
  let meta;
  let header: string[];
  try {
    meta = await hp.parquetMetadataAsync(file);
    header = hp.parquetSchema(meta).children.map((c) => c.element.name);
  } catch (e) {
    throw new InputError(`not a readable parquet file: ${(e as Error).message}`, "bad-parquet", path);
  }
  checkHeader(header, named, path);
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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The entries of a folder that are folders (followed through links), by name, and how many were
 * skipped and why: a name that is not UTF-8 cannot be an <owner>/<name> Hub id, and a link to
 * nothing is counted, not thrown.
 */
function subfolders(dir: string, skips: RowResult[]): string[] {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: "buffer" });
  } catch {
    skips.push({ skip: "unreadable-model-folder" });
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    let name: string;
    try {
      name = strictUtf8.decode(e.name);
    } catch {
      skips.push({ skip: "non-utf8-name" });
      continue;
    }
    let isDir: boolean;
    try {
      isDir = e.isSymbolicLink() ? statSync(join(dir, name)).isDirectory() : e.isDirectory();
    } catch {
      skips.push({ skip: "broken-link" });
      continue;
    }
    if (isDir) out.push(name);
  }
  return out.sort();
}

async function* folder(root: string): AsyncGenerator<RowResult[]> {
  // loaded only for a folder dump: the inspector's readers (cards, GGUF, safetensors, ONNX) were
  // about 50 ms of the start-up of every JSONL audit
  const { inspectFolder } = await import("../inspect/inspect.js");
  const skips: RowResult[] = [];
  const owners = subfolders(root, skips);
  if (skips.length) yield skips.splice(0);
  for (const owner of owners) {
    const od = join(root, owner);
    const names = subfolders(od, skips);
    if (skips.length) yield skips.splice(0);
    for (const name of names) {
      const dir = join(od, name);
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
            licenseLink: null,
            bases: rec.bases.map((b) => b.id),
            relation: rec.bases[0]?.relation ?? null,
            // a folder has no columns: --columns cannot name one it lacks
            fields: ~0,
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

/**
 * Rows from a reader that yields row objects, gathered into column batches on this thread. A
 * repeated id is a counted skip here (see DistinctRows): its earlier row is read back from the
 * batches already handed on, which the audit keeps anyway, or from the batch being built.
 */
async function* batched(rows: AsyncGenerator<RowResult[]>, kb: KnowledgeBase): AsyncGenerator<ColumnBatch> {
  const builder = new BatchBuilder(kb);
  const done: ColumnBatch[] = [];
  /** The number of the first kept row of each batch in `done`. */
  const firstRow: number[] = [];
  let pending: string[] = [];
  const idOf = (row: number): string => {
    const base = done.length ? firstRow[firstRow.length - 1]! + done[done.length - 1]!.rows : 0;
    if (row >= base) return pending[row - base]!;
    let lo = 0,
      hi = done.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstRow[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    const b = done[lo]!;
    return stringAt(b, b.idAt[row - firstRow[lo]!]!);
  };
  const distinct = new DistinctRows(idOf);
  const finish = (): ColumnBatch => {
    const b = builder.finish();
    firstRow.push(distinct.rows - b.rows);
    done.push(b);
    pending = [];
    return b;
  };
  for await (const list of rows) {
    for (const r of list) {
      if ("skip" in r) builder.skip(r.skip);
      else if (!distinct.keep(r.id)) builder.skip("duplicate-id");
      else {
        pending.push(r.id);
        builder.add(r, distinct.hash);
      }
    }
    if (builder.rows >= BATCH_ROWS) yield finish();
  }
  yield finish();
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
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === "ELOOP"
      ? new InputError("symbolic link loop", "unreadable", path)
      : code === "ENOENT" || code === "ENOTDIR"
        ? new InputError("no such file or folder", "not-found", path)
        : new InputError(`cannot read it: ${(e as Error).message}`, "unreadable", path);
  }
  if (st.isDirectory()) return batched(folder(path), kb);
  // a FIFO, socket or device (/dev/zero, /dev/urandom) never ends: only files and folders are dumps
  if (!st.isFile())
    throw new InputError(
      "not a regular file or folder (a pipe or a device); give the dump as a file",
      "unreadable",
      path,
    );
  const p = path.toLowerCase().replace(/\.gz$/, "");
  if (p.endsWith(".parquet")) return batched(parquet(path, opts.columns ?? {}, opts), kb);
  if (p.endsWith(".csv")) return batched(csv(path, opts.columns ?? {}, opts), kb);
  const workers = Math.min(opts.workers ?? availableParallelism(), 8);
  const lined = p.endsWith(".jsonl") || p.endsWith(".ndjson");
  if (
    !/\.gz$/i.test(path) &&
    workers > 1 &&
    st.size >= (opts.parallelMinBytes ?? PARALLEL_MIN_BYTES) &&
    (lined || p.endsWith(".json"))
  ) {
    // JSON lines in UTF-8 are split across the workers, a .json file of lines too; an array, rows
    // written across lines, or UTF-16 (whose line breaks are two bytes) are read on this thread
    const head = fileHead(path);
    if (byteOrderMark(head).encoding === "utf-8" && (lined || linesOfRows(head)))
      return parallelJsonl(path, columnsOf(opts.columns), opts, workers);
  }
  if (p.endsWith(".json")) return batched(jsonDocument(path, columnsOf(opts.columns), opts), kb);
  if (p.endsWith(".jsonl") || p.endsWith(".ndjson"))
    return batched(jsonl(textChunks(path, opts), columnsOf(opts.columns)), kb);
  throw new InputError(
    "the dump must be .jsonl, .csv or .parquet (optionally .gz), a .json array of rows, or a folder of <owner>/<name>/ models",
    "unsupported-dump",
    path,
  );
}
