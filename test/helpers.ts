// Shared test helpers: paths to fixtures and the corpus, and the CLI run in-process.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.js";

/** The project root (tests run from dist/test/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED = join(ROOT, "..", "shared");

export function fixture(...parts: string[]): string {
  return join(ROOT, "test", "fixtures", ...parts);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, when it is JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Runs the CLI in this process with captured output. */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = "",
    stderr = "";
  const code = await main(args, { out: (s) => void (stdout += s), err: (s) => void (stderr += s) });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}
