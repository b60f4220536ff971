// Stage 5 of an audit (with --out): one JSON line per model, its findings rendered with their
// message, license and path, so "which base is missing?" is answered by the output itself.
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { findingJson, judgedFindings } from "../policy/render.js";
import { quoted } from "../policy/json-text.js";
import { pathsOf } from "../policy/paths.js";
import type { RuleFinding } from "../policy/types.js";
import type { DumpGraph } from "./dump-graph.js";
import type { DumpEvaluation } from "./evaluate.js";

/** Paths in row output keep their ends: a chain thousands deep would make every line huge. */
const ROW_PATHS = { maxPath: 12 };

/**
 * A finding's JSON up to its message, `{"severity":…,"code":…,"license":…,"message":`, made once
 * per finding object (judgments share them): the line is JSON.stringify's bytes for an object
 * with those keys, in that order, without the license when there is none.
 */
const heads = new WeakMap<RuleFinding, string>();

function headOf(f: RuleFinding): string {
  let h = heads.get(f);
  if (h === undefined) {
    h =
      '{"severity":' +
      JSON.stringify(f.severity) +
      ',"code":' +
      JSON.stringify(f.code) +
      (f.license !== undefined ? ',"license":' + JSON.stringify(f.license) : "") +
      ',"message":';
    heads.set(f, h);
  }
  return h;
}

/** Bytes written to the file at a time. */
const CHUNK = 1 << 20;

/**
 * Writes one line per model to `path`, gzip-compressed when the name ends in `.gz` (as the dumps
 * the audit reads may be). A large audit writes gigabytes of rows; compression runs on libuv's
 * threads, beside the rendering, and at level 1 keeps up with it.
 */
export async function writeRows(path: string, g: DumpGraph, d: DumpEvaluation): Promise<void> {
  const file = createWriteStream(path);
  const gzip = /\.gz$/i.test(path) ? createGzip({ level: 1 }) : null;
  const out: Writable = gzip ?? file;
  const done = gzip ? pipeline(gzip, file) : finished(file);
  // an error of either stream ends the wait for a drain, as it ends the pipeline
  const failed = done.then(
    () => new Promise<never>(() => {}),
    (e: unknown) => Promise.reject(e),
  );
  failed.catch(() => {});
  // lines are encoded into a buffer as they are made: a string of a megabyte of lines joined by
  // `+=` was flattened and encoded again when written, a sixth of the time of a large --out
  let buf = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = async () => {
    if (!used) return;
    const full = out.write(buf.subarray(0, used));
    // the stream keeps the bytes until they are written: the next ones go to a new buffer
    buf = Buffer.allocUnsafe(CHUNK);
    used = 0;
    if (!full) await Promise.race([new Promise<void>((res) => out.once("drain", () => res())), failed]);
  };
  const paths = pathsOf(d.ev);
  // in the order the rows came in, whatever order they were judged in
  for (let q = 0; q < g.rows; q++) {
    const i = g.rowNode(q);
    // the path index keeps what recent rows need, not a path from every model of the dump
    paths.release();
    // obligations are not written: rendering them is most of the work on a model with many
    let line =
      '{"id":' +
      quoted(g.id(i)) +
      ',"license":' +
      JSON.stringify(g.license(i)) +
      ',"bases":' +
      JSON.stringify(g.baseIds(i)) +
      ',"verdict":"' +
      d.ev.engine.verdictAt(d.ev.judgment[i]!) +
      '","findings":[';
    const findings = judgedFindings(d.ev, i, true);
    for (let k = 0; k < findings.length; k++) {
      const f = findings[k]!;
      const { message, path } = findingJson(d.ev, i, f, ROW_PATHS);
      line += (k ? "," : "") + headOf(f) + message + ',"path":' + path + "}";
    }
    line += "]}\n";
    // a UTF-16 unit is at most three bytes of UTF-8
    if (used + 3 * line.length > buf.length) {
      await flush();
      if (3 * line.length > buf.length) {
        out.write(line);
        continue;
      }
    }
    used += buf.write(line, used);
  }
  await flush();
  out.end();
  await done;
}
