// Streams rows out of a dump: JSONL (optionally gzip), CSV, parquet, or a folder of model folders.
// Memory stays bounded by a chunk, never by the file.
import { createReadStream, readdirSync, statSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { inspectFolder } from "../inspect/inspect.js";
import { rowFromObject, type Columns, type RowResult } from "./rows.js";

export interface ReadProgress {
  /** Bytes of the input consumed so far, and its size, for a progress bar. */
  onBytes?: (done: number, total: number) => void;
}

/** Longest line accepted: a model row is a few kB; longer is junk, not a reason to run out of memory. */
const MAX_LINE = 8 * 1024 * 1024;

async function* lines(path: string, progress: ReadProgress): AsyncGenerator<string | null> {
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
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
      if (dropping) dropping = false;
      else yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      if (!dropping) yield null;
      dropping = true;
      rest = "";
    }
  }
  if (rest && !dropping) yield rest;
}

async function* jsonl(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
): AsyncGenerator<RowResult> {
  for await (const line of lines(path, progress)) {
    if (line === null) {
      yield { skip: "line-too-long" };
      continue;
    }
    const t = line.trim();
    if (!t) continue;
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      yield { skip: "invalid-json" };
      continue;
    }
    yield rowFromObject(o, columns);
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
): AsyncGenerator<RowResult> {
  let header: string[] | null = null;
  for await (const line of lines(path, progress)) {
    if (line === null) {
      yield { skip: "line-too-long" };
      continue;
    }
    if (!line.trim()) continue;
    const cells = splitCsv(line);
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    const o: Record<string, string> = {};
    header.forEach((h, i) => (o[h] = cells[i] ?? ""));
    yield rowFromObject(o, columns);
  }
}

async function* parquet(
  path: string,
  columns: Columns | undefined,
  progress: ReadProgress,
): AsyncGenerator<RowResult> {
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
    for (const r of rows) yield rowFromObject(r, columns);
    progress.onBytes?.(Math.min(total, start + CHUNK), total);
  }
}

async function* folder(root: string): AsyncGenerator<RowResult> {
  for (const owner of readdirSync(root).sort()) {
    const od = join(root, owner);
    if (!statSync(od).isDirectory()) continue;
    for (const name of readdirSync(od).sort()) {
      const dir = join(od, name);
      if (!statSync(dir).isDirectory()) continue;
      try {
        const rec = inspectFolder(dir, { hubId: `${owner}/${name}` });
        yield {
          id: rec.id,
          license: rec.license.declared ?? rec.license.id,
          licenseName: null,
          bases: rec.bases.map((b) => b.id),
          relation: rec.bases[0]?.relation ?? null,
          datasets: rec.datasets.map((d) => d.id),
        };
      } catch {
        yield { skip: "unreadable-model-folder" };
      }
    }
  }
}

export function readDump(
  path: string,
  opts: { columns?: Columns } & ReadProgress = {},
): AsyncGenerator<RowResult> {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError("no such file or folder", "not-found", path);
  }
  if (st.isDirectory()) return folder(path);
  const p = path.toLowerCase().replace(/\.gz$/, "");
  if (p.endsWith(".parquet")) return parquet(path, opts.columns, opts);
  if (p.endsWith(".csv")) return csv(path, opts.columns, opts);
  if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson"))
    return jsonl(path, opts.columns, opts);
  throw new InputError(
    "the dump must be .jsonl, .csv or .parquet (optionally .gz), or a folder of <owner>/<name>/ models",
    "unsupported-dump",
    path,
  );
}
