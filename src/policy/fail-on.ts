// The gate a CI job sets on verdicts (--fail-on): which verdicts fail it. Apart from `check` so
// that commands judging many models (audit, scan) need not load the check pipeline to use it.
import type { Verdict } from "./types.js";

/** The verdicts a caller can fail on, from the strictest: anything but ok, then unknown, then violation. */
export type FailOn = "conditional" | "unknown" | "violation";

export const FAIL_ON: readonly FailOn[] = ["conditional", "unknown", "violation"];
const FAIL_RANK: Record<Verdict, number> = { ok: 0, conditional: 1, unknown: 2, violation: 3 };

/**
 * Whether a verdict fails a gate set at `failOn`: violation fails only on violation, unknown also on
 * an incomplete check, conditional on anything but ok.
 */
export function failsOn(verdict: Verdict, failOn: FailOn = "violation"): boolean {
  return FAIL_RANK[verdict] >= FAIL_RANK[failOn];
}
