// Regular-expression safety: every pattern in the store, server, readers and format parsers that
// sees user text, on 100 kB adversarial lines (regex-cases.ts), each group in a worker stopped
// when it hangs. A backtracking pattern on these inputs runs for hours; a linear one, seconds.
import { test } from "node:test";
import { CASES } from "./regex-cases.js";
import { inWorker } from "./watchdog.js";

/** Far above an honest run; reached only by catastrophic backtracking. */
const HANG = 180_000;

for (const name of Object.keys(CASES))
  test(`regex safety: ${name}`, () => inWorker(new URL("./regex-cases.js", import.meta.url), name, HANG));
