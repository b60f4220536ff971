import type { Rule } from "../types.js";
import { usable } from "../pairs.js";

/** Llama 2 / Llama 3 §1.b.v and similar: outputs may not be used to improve other models. */
export const outputUse: Rule = {
  id: "output-use",
  description:
    "A model trained on another model's outputs must respect that model's output-use restrictions.",
  reads: ["outputs.restrictions"],
  run(ctx, out) {
    for (const a of ctx.ancestors) {
      const lic = a.license;
      if (!lic || !(lic.family === "exclusive" || usable(lic))) continue;
      const viaOutputs = a.relations.includes("uses-output-of") || a.relations.includes("distill");
      if (!viaOutputs) continue;
      for (const r of lic.outputs?.restrictions ?? []) {
        if (r.kind !== "improve-other-models") continue;
        const exempt = [lic.id, ...r.except_licenses];
        if (exempt.includes(ctx.declaredId)) continue;
        out.finding({
          severity: "violation",
          code: "output-use-restricted",
          message: `${ctx.root.id} was trained on outputs of ${a.id}, but ${lic.name} forbids using its outputs to improve other models${r.except_licenses.length ? ` (except ${r.except_licenses.join(", ")} derivatives)` : ""}.`,
          license: lic.id,
          clause: r.clause,
          path: a.path,
        });
      }
    }
  },
};
