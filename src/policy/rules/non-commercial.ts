import { distributes, type Rule } from "../types.js";
import { pairs, usable } from "../pairs.js";

const grantsCommercial = (v: string | undefined) => v === "allowed" || v === "conditional";

/** CC BY-NC*, OPT-175B, FAIR, DeepFloyd IF, Stability non-commercial: derivatives may not grant commercial use. */
export const nonCommercial: Rule = {
  id: "non-commercial",
  description:
    "A non-commercial or research-only base forbids a derivative license that grants commercial use.",
  reads: ["terms.commercial", "flow_down.non_commercial"],
  run(ctx, out) {
    for (const p of pairs(ctx)) {
      const base = p.ancestor.license;
      if (!usable(base)) continue;
      const nc = base.terms.commercial.value === "forbidden";
      if (!nc && !base.flow_down.non_commercial) continue;
      const clause = base.flow_down.non_commercial?.clause ?? base.terms.commercial.clause;
      if (!p.upstream)
        out.obligation({
          license: base.id,
          text: `Use it only for non-commercial purposes, as ${base.name} requires.`,
          clause,
          trigger: "use",
          path: p.path,
        });
      if (!distributes(ctx, base)) continue;
      const d = p.derivativeLicense;
      if (!usable(d) || d.id === base.id) continue;
      if (grantsCommercial(d.terms.commercial.value))
        out.finding({
          severity: p.severity,
          code: `${p.codePrefix}non-commercial-dropped`,
          message: `${base.name} allows no commercial use, but ${p.derivative} is released under ${d.name}, which grants it.`,
          license: base.id,
          clause,
          path: p.path,
        });
    }
  },
};
