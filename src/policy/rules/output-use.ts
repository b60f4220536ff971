import { usable, type Rule } from "../types.js";

/**
 * Llama 2 §1.b.v and similar: outputs may not be used to improve other models. Judged where the
 * outputs were used (the model's own distillation or training on outputs, or a dataset those
 * outputs made); models built on such a model inherit the breach as an upstream warning.
 */
export const outputUse: Rule = {
  id: "output-use",
  description:
    "A model trained on another model's outputs must respect that model's output-use restrictions.",
  reads: ["outputs.restrictions"],
  scope: "inherited",
  judge(s, out) {
    const ownIds = s.own.map((o) => o.id);
    const seen = new Set<string>();
    for (const e of s.inherited) {
      if (e.type !== "license" || !e.here || !e.lic || seen.has(e.id)) continue;
      const lic = e.lic;
      if (!(lic.family === "exclusive" || usable(lic)) || s.isLicensor(lic)) continue;
      seen.add(e.id);
      for (const r of lic.outputs?.restrictions ?? []) {
        if (r.kind !== "improve-other-models") continue;
        const exempt = [lic.id, ...r.except_licenses];
        if (ownIds.some((id) => exempt.includes(id))) continue;
        out.finding({
          severity: "violation",
          code: "output-use-restricted",
          message: `{self} was trained on outputs of {origin}, but ${lic.name} forbids using its outputs to improve other models${r.except_licenses.length ? ` (except ${r.except_licenses.join(", ")} derivatives)` : ""}.`,
          license: lic.id,
          clause: r.clause,
          ref: e.ref,
        });
      }
    }
  },
};
