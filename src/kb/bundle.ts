// The compiled knowledge base (dist/kb.json) as the library sees it. Loaded once, lazily.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { License, Model, UseCategory } from "./schema.js";

/** Bumped when the bundle's shape changes; a mismatch means `npm run build` was not re-run. */
export const KB_FORMAT = 1;

export interface KbBundle {
  format: number;
  /** Content hash of the data; the inventory re-checks stored models when it changes. */
  version: string;
  licenses: License[];
  models: Model[];
  categories: UseCategory[];
}

let cached: KbBundle | undefined;

export function bundlePath(): string {
  // dist/src/kb/bundle.js -> dist/kb.json
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "kb.json");
}

export function loadBundle(): KbBundle {
  if (cached) return cached;
  const doc = JSON.parse(readFileSync(bundlePath(), "utf8")) as KbBundle;
  if (doc.format !== KB_FORMAT)
    throw new Error(`dist/kb.json has format ${doc.format}, expected ${KB_FORMAT}: run npm run build`);
  cached = doc;
  return doc;
}
