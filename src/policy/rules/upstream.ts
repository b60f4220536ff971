import type { Rule } from "../types.js";

/**
 * Violations an ancestor already commits (a fine-tune that dropped its base's restrictions, a
 * model trained on forbidden outputs): the user inherits them but did not cause them, so they are
 * warnings here, each reported once at the nearest model that commits it.
 */
export const upstream: Rule = {
  id: "upstream",
  description: "Violations committed by a model further up the lineage, reported as warnings.",
  reads: [],
  scope: "inherited",
  judge(s, out) {
    for (const e of s.inherited)
      if (e.type === "problem")
        out.finding({
          severity: "warning",
          code: `upstream-${e.code}`,
          message: "{origin}, which {self} is built from, already breaks its own bases' terms: {problem}",
          license: e.id,
          ref: e.ref,
        });
  },
};
