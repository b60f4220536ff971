// Stage 5 of an audit (with --out): one JSON line per model, its findings rendered with their
// message, license and path, so "which base is missing?" is answered by the output itself.
import { createWriteStream } from "node:fs";
import { renderFindings } from "../policy/render.js";
import type { DumpGraph } from "./dump-graph.js";
import type { DumpEvaluation } from "./evaluate.js";

/** Paths in row output keep their ends: a chain thousands deep would make every line huge. */
const MAX_PATH = 12;

export async function writeRows(path: string, g: DumpGraph, d: DumpEvaluation): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  let buffer = "";
  for (let i = 0; i < g.rows; i++) {
    // obligations are not written: rendering them is most of the work on a model with many
    const findings = renderFindings(d.ev, i, { maxPath: MAX_PATH, skipInfo: true });
    buffer +=
      JSON.stringify({
        id: g.id(i),
        license: g.license(i),
        bases: g.baseIds(i),
        verdict: d.ev.engine.verdictAt(d.ev.judgment[i]!),
        findings: findings.map(({ severity, code, license, message, path }) => ({
          severity,
          code,
          license,
          message,
          path,
        })),
      }) + "\n";
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer))
        await Promise.race([new Promise<void>((res) => out.once("drain", () => res())), failed]);
      buffer = "";
    }
  }
  out.write(buffer);
  await Promise.race([
    new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve()))),
    failed,
  ]);
}
