// CLI entry: finds the command, parses its declared options, runs it, maps errors to exit codes.
// Commands are imported lazily so `mlicense explain` never pays for the identifier's index.
import { parseArgs } from "node:util";
import { InputError } from "../errors.js";
import type { Command } from "./command.js";
import { painter, terminalSettings } from "./terminal.js";

export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  identify: {
    summary: "name the license in texts, files, SPDX expressions or Hub ids",
    load: async () => (await import("./commands/identify.js")).default,
  },
  inspect: {
    summary: "read a model folder, model file or Hub id into a ModelRecord",
    load: async () => (await import("./commands/inspect.js")).default,
  },
  check: {
    summary: "check a model's lineage and intended use against every license in it",
    load: async () => (await import("./commands/check.js")).default,
  },
  scan: {
    summary: "check every model in the local Hugging Face cache",
    load: async () => (await import("./commands/scan.js")).default,
  },
  advise: {
    summary: "advise a license for a new derivative, with card front matter and NOTICE",
    load: async () => (await import("./commands/advise.js")).default,
  },
  bom: {
    summary: "export an AI bill of materials (CycloneDX 1.6 or SPDX 3.0)",
    load: async () => (await import("./commands/bom.js")).default,
  },
  audit: {
    summary: "audit a whole ecosystem dump (JSONL, CSV, parquet or folders)",
    load: async () => (await import("./commands/audit.js")).default,
  },
  serve: {
    summary: "serve the web app and HTTP API, with the model inventory",
    load: async () => (await import("./commands/serve.js")).default,
  },
  inventory: {
    summary: "add, list, remove and export models in the inventory",
    load: async () => (await import("./commands/inventory.js")).default,
  },
  explain: {
    summary: "explain a license or model: terms, use restrictions, duties",
    load: async () => (await import("./commands/explain.js")).default,
  },
  compare: {
    summary: "compare licenses side by side",
    load: async () => (await import("./commands/compare.js")).default,
  },
  licenses: {
    summary: "list the licenses in the knowledge base",
    load: async () => (await import("./commands/licenses.js")).default,
  },
};

const VERSION = "0.1.0";

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    "mlicense — licenses of machine-learning models: identify, inspect, check, explain.",
    "",
    "Usage: mlicense <command> [options]   (mlicense <command> --help for details)",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    "",
    "Every command takes --json and then prints one JSON document on stdout, --quiet (-q) to",
    "silence progress on stderr, and --no-color (or NO_COLOR=1) for plain text on a terminal.",
    "Exit codes: 0 ok, 1 violation found (check, scan, audit --fail-on), 2 usage error or",
    "unreadable input.",
    "",
    "Examples:",
    "  mlicense check examples/llama3-chat-finetune --registry examples/registry",
    "  mlicense check hf:openai-community/gpt2 --offline   (from the Hugging Face cache)",
    "  mlicense scan --fail-on violation                   (every model in that cache)",
    "",
    "mlicense reports what license texts and model cards say; it is not legal advice.",
  ].join("\n");
}

export interface MainIO {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stdout / stderr are terminals (default: the process's). */
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  env?: Record<string, string | undefined>;
}

export async function main(
  argv: string[],
  io: MainIO = {
    out: (s: string) => void process.stdout.write(s),
    err: (s: string) => void process.stderr.write(s),
  },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(mainHelp() + "\n");
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.out(VERSION + "\n");
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`mlicense: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}\n`);
    return 2;
  }
  const cmd = await entry.load();
  const wantsJson = rest.includes("--json");
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        ...cmd.options,
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        quiet: { type: "boolean", short: "q" },
        "no-color": { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return fail(io, wantsJson, new InputError(`${(e as Error).message}\n\n${cmd.help}`, "usage"));
  }
  if (parsed.values.help) {
    io.out(cmd.help + "\n");
    return 0;
  }
  const env = io.env ?? process.env;
  const stderrTTY = io.stderrTTY ?? Boolean(process.stderr.isTTY);
  const term = terminalSettings({
    stdoutTTY: io.stdoutTTY ?? Boolean(process.stdout.isTTY),
    stderrTTY,
    env,
    noColor: Boolean(parsed.values["no-color"]),
    quiet: Boolean(parsed.values.quiet),
    json: Boolean(parsed.values.json),
  });
  try {
    return await cmd.run({
      positionals: parsed.positionals,
      values: parsed.values as Record<string, string | boolean | string[] | undefined>,
      json: Boolean(parsed.values.json),
      out: io.out,
      err: io.err,
      isTTY: stderrTTY,
      paint: painter(term.color),
      progress: term.progress,
      env,
    });
  } catch (e) {
    return fail(io, wantsJson, e);
  }
}

function fail(io: { out: (s: string) => void; err: (s: string) => void }, json: boolean, e: unknown): number {
  if (e instanceof InputError) {
    // a message that starts with its field ("--columns names the column …") is not prefixed again
    const field = e.field && !e.message.startsWith(e.field) ? e.field : undefined;
    const where = [e.file, field].filter(Boolean).join(": ");
    io.err(`mlicense: ${where ? `${where}: ` : ""}${e.message}\n`);
    if (json)
      io.out(
        JSON.stringify({
          error: {
            code: e.code,
            message: e.message,
            file: e.file,
            field: e.field,
            suggestions: e.suggestions,
          },
        }) + "\n",
      );
    return 2;
  }
  // An unexpected failure is a bug: say so plainly, keep the stack for the report.
  io.err(`mlicense: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  if (json)
    io.out(
      JSON.stringify({ error: { code: "internal", message: String((e as Error)?.message ?? e) } }) + "\n",
    );
  return 2;
}
