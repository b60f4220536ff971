import { identifier, type IdentifyResult } from "../../identify/identify.js";
import { identifyFilesParallel, PARALLEL_MIN_FILES } from "../../identify/identify-parallel.js";
import { InputError } from "../../errors.js";
import { parseExpression } from "../../identify/spdx-expression.js";
import { knowledgeBase } from "../../kb/knowledge-base.js";
import { decodeText, DEFAULT_MAX_BYTES } from "../../io/read-text.js";
import { emit, progressFor, type Command, type CommandContext } from "../command.js";

/** Batches this large show progress on a terminal. */
const PROGRESS_MIN_FILES = 200;

/**
 * Files in slices, with progress between them. A slice is never smaller than what the parallel
 * identifier needs to use its helper threads, so progress costs one thread start-up per slice at
 * most; without progress the whole list goes in one call.
 */
async function identifyWithProgress(
  ctx: CommandContext,
  paths: string[],
  opts: { minConfidence?: number },
): Promise<IdentifyResult[]> {
  if (!ctx.progress || paths.length < PROGRESS_MIN_FILES) return identifyFilesParallel(paths, opts);
  const slice =
    paths.length >= PARALLEL_MIN_FILES
      ? Math.max(PARALLEL_MIN_FILES, Math.ceil(paths.length / 10))
      : Math.ceil(paths.length / 20);
  const bar = progressFor(ctx, "identifying");
  const out: IdentifyResult[] = [];
  try {
    for (let i = 0; i < paths.length; i += slice) {
      bar.update(i, paths.length, paths[i]);
      out.push(...(await identifyFilesParallel(paths.slice(i, i + slice), opts)));
    }
    bar.update(paths.length, paths.length);
  } finally {
    bar.end();
  }
  return out;
}

async function readStdin(max: number): Promise<{ buf: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    n += (c as Buffer).length;
    if (n > max) break;
  }
  return { buf: Buffer.concat(chunks).subarray(0, max), truncated: n > max };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function text(results: IdentifyResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.error) {
      lines.push(`${r.file}: error: ${r.error.message}`);
      continue;
    }
    if (!r.matches.length) {
      lines.push(`${r.file}: no license found`);
      continue;
    }
    const head = r.matches.length === 1 ? "" : ` (${r.matches.length} licenses)`;
    lines.push(
      `${r.file}${head}${r.modified ? " — modified" : ""}${r.truncated ? " — only the first part was read" : ""}`,
    );
    for (const m of r.matches) {
      const where = m.lines ? ` lines ${m.lines[0]}-${m.lines[1]}` : "";
      const part = m.part === "acceptable-use-policy" ? " [acceptable use policy]" : "";
      lines.push(
        `  ${m.id.padEnd(28)} ${pct(m.confidence).padStart(4)}  ${m.method}${where}${part}  ${m.name}`,
      );
      for (const c of m.changes ?? [])
        lines.push(
          `    ${c.kind} ~${c.words} words${c.lines ? ` at lines ${c.lines[0]}-${c.lines[1]}` : ""}`,
        );
    }
    for (const x of r.resembles ?? []) {
      lines.push(
        `  resembles ${x.id} (${pct(x.similarity)}, ${x.name}) but differs in substance, so it is not named:`,
      );
      for (const d of x.differences) {
        const where = d.lines ? ` at lines ${d.lines[0]}-${d.lines[1]}` : "";
        lines.push(`    ${d.kind} ~${d.words} words${where}: ${d.why}`);
        if (d.text) lines.push(`      "${d.text.replace(/\s+/g, " ").slice(0, 200)}"`);
      }
    }
  }
  return lines.join("\n");
}

const command: Command = {
  name: "identify",
  summary: "name the license in texts",
  help: `mlicense identify <file...|-> [--min-confidence X] [--json]

Names the license in each file: full license texts (exact or near matches, with the lines of each
license when a file holds several), standard notices (GNU "or any later version" kept, Apache
headers), SPDX tags and expressions, license URLs, model cards (their license fields), Hub ids and
license names in license statements. A text that differs from a known license in substance is not
named: it is reported as an unknown license (NOASSERTION) resembling it, with the differing
clauses. '-' reads stdin.
Files are read up to 1 MiB; binary or unreadable files get a per-file error.

Options:
  --min-confidence X   drop text matches scoring below X (0..1, default 0.5)

Examples:
  mlicense identify LICENSE
  echo "MIT OR Apache-2.0" | mlicense identify -
  mlicense identify models/*/LICENSE --json`,
  options: { "min-confidence": { type: "string" } },
  async run(ctx) {
    if (!ctx.positionals.length)
      throw new InputError("identify needs at least one file, or - for stdin", "usage");
    const minConfidence =
      ctx.values["min-confidence"] !== undefined ? Number(ctx.values["min-confidence"]) : undefined;
    if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1))
      throw new InputError("--min-confidence takes a number from 0 to 1", "usage");
    const results: IdentifyResult[] = [];
    if (!ctx.positionals.includes("-"))
      results.push(...(await identifyWithProgress(ctx, ctx.positionals, { minConfidence })));
    else
      for (const p of ctx.positionals) {
        if (p === "-") {
          const { buf, truncated } = await readStdin(DEFAULT_MAX_BYTES);
          const decoded = decodeText(buf, truncated);
          results.push(
            decoded.ok
              ? {
                  ...identifier().identifyText(decoded.text, "-", { minConfidence }),
                  ...(decoded.truncated ? { truncated: true } : {}),
                  ...(decoded.encoding ? { encoding: decoded.encoding } : {}),
                }
              : {
                  file: "-",
                  matches: [],
                  modified: false,
                  error: { code: decoded.code, message: decoded.message },
                },
          );
        } else results.push(identifier().identifyFile(p, { minConfidence }));
      }
    for (const r of results) if (r.error?.code === "not-found") r.error.message += stdinHint(r.file);
    emit(ctx, { results }, () => text(results));
    return results.every((r) => r.error) ? 2 : 0;
  },
};
/**
 * For a missing file whose name reads as what identify takes on stdin (an SPDX expression, a Hub
 * id or license name with spaces): how to pass it. `mlicense identify "MIT OR Apache-2.0"` is
 * what people type first, and "no such file" alone does not say what to do instead.
 */
function stdinHint(arg: string): string {
  const looksLikeText =
    /\s/.test(arg.trim()) ||
    /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(arg) ||
    parseExpression(arg, knowledgeBase()) !== null;
  return looksLikeText
    ? `; to identify it as text (an SPDX expression, a Hub id, a license name), pass it on stdin: echo '${arg.replace(/'/g, "'\\''")}' | mlicense identify -`
    : "";
}

export default command;
