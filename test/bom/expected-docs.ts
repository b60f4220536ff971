// The BOM cases with stored expected documents, shared by the test and the script that rebuilds
// them (npm run expected). Fixed serial number and timestamp keep the output reproducible.
import { join } from "node:path";
import { exportBom, type BomFormat } from "../../src/bom/bom.js";
import { inspectFolder } from "../../src/inspect/inspect.js";
import { ROOT } from "../helpers.js";

export const BOM_CASES = [
  { name: "llama3-chat-finetune", dir: join(ROOT, "examples", "llama3-chat-finetune") },
  { name: "watercolour-diffusion", dir: join(ROOT, "examples", "watercolour-diffusion") },
  // a conjunction (a card's license list) and outputs traced through synthetic training data
  { name: "llama-gemma-distilled", dir: join(ROOT, "examples", "llama-gemma-distilled") },
  // a combination: parts shipped side by side, each under its own license
  { name: "sketch-to-image-pipeline", dir: join(ROOT, "examples", "sketch-to-image-pipeline") },
];
export const FIXED = {
  serialNumber: "urn:uuid:00000000-0000-4000-8000-000000000001",
  timestamp: new Date("2026-01-01T00:00:00Z"),
};

export function expectedPath(name: string, format: BomFormat): string {
  return join(ROOT, "test", "fixtures", "bom", `${name}.${format === "cyclonedx" ? "cdx" : "spdx3"}.json`);
}

export async function buildDoc(dir: string, format: BomFormat): Promise<Record<string, unknown>> {
  return exportBom(
    inspectFolder(dir),
    format,
    { ...FIXED, registry: [join(ROOT, "examples", "registry")], offline: true },
    dir,
  );
}
