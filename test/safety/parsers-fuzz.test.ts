// A fast-check fuzz test per parser (ONNX, safetensors, GGUF, card front matter, the record
// schema, the audit's dump readers): random, truncated and length-corrupted inputs end in an
// answer or a clean InputError, each case in a worker that a hang cannot keep from being stopped.
import { test } from "node:test";
import { CASES } from "./parser-cases.js";
import { inWorker } from "./watchdog.js";

/** Far above an honest run (a few seconds); reached only by a loop that never ends. */
const HANG = 180_000;

for (const name of Object.keys(CASES))
  test(`fuzz: ${name}`, () => inWorker(new URL("./parser-cases.js", import.meta.url), name, HANG));
