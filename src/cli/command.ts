// The shape of a CLI command: declared arguments, one library call, one mapping to output.
import type { ParseArgsConfig } from "node:util";

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full --help text: what it does, its options, and an example. */
  help: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(ctx: CommandContext): Promise<number> | number;
}

/** Prints exactly one JSON document (with --json) or the human text. */
export function emit(ctx: CommandContext, doc: unknown, text: () => string): void {
  if (ctx.json) ctx.out(JSON.stringify(doc, null, 2) + "\n");
  else ctx.out(text().replace(/\n?$/, "\n"));
}
