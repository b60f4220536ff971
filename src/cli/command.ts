// The shape of a CLI command: declared arguments, one library call, one mapping to output.
import type { ParseArgsConfig } from "node:util";
import { progressBar, type Paint, type Progress } from "./terminal.js";

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal. */
  isTTY: boolean;
  /** Colours the human text (the identity when stdout is not a terminal, NO_COLOR, --no-color). */
  paint: Paint;
  /** Whether progress goes to stderr (a terminal, and no --quiet). */
  progress: boolean;
  /** The environment the command sees (GITHUB_ACTIONS, HF_HOME, ...). */
  env: Record<string, string | undefined>;
}

/** A progress bar on stderr for long work; silent unless ctx.progress. */
export function progressFor(ctx: CommandContext, label: string): Progress {
  return progressBar(ctx.progress, ctx.err, label);
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
