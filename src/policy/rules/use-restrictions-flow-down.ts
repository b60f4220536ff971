import { distributes, boundAsDerivative, type Rule } from "../types.js";
import { pairs, usable } from "../pairs.js";

/**
 * RAIL §4(a)/§5, the Llama acceptable use policies, Gemma §3.1: a derivative's license must carry
 * every use restriction its base requires to be passed on. A license with the same restriction
 * set (OpenRAIL++-M and CreativeML OpenRAIL-M) is fine; MIT or Apache-2.0 is not.
 */
export const useRestrictionsFlowDown: Rule = {
  id: "use-restrictions-flow-down",
  description: "A derivative's license must carry every use restriction its bases pass on.",
  reads: ["flow_down.use_restrictions", "use_restrictions"],
  run(ctx, out) {
    for (const p of pairs(ctx)) {
      const base = p.ancestor.license;
      if (!usable(base) || !base.flow_down.use_restrictions || !boundAsDerivative(p.ancestor)) continue;
      const clause = base.flow_down.use_restrictions.clause;
      if (!p.upstream) {
        out.obligation({
          license: base.id,
          text: `Comply with the ${base.use_restrictions.length} use restrictions of ${base.name} and require your users to comply too.`,
          clause,
          trigger: "use",
          path: p.path,
        });
      }
      if (!distributes(ctx, base)) {
        if (!p.upstream)
          out.skipped(base.id, "carry its use restrictions in the license of what you distribute");
        continue;
      }
      if (!p.upstream)
        out.obligation({
          license: base.id,
          text: `Include the use restrictions of ${base.name} as enforceable terms in the license of anything you distribute.`,
          clause,
          trigger: "distribute",
          path: p.path,
        });
      const d = p.derivativeLicense;
      if (!usable(d)) continue; // unknown-license reports it
      if (d.id === base.id) continue;
      const carried = new Set(d.use_restrictions.map((r) => r.category));
      const required = [...new Set(base.use_restrictions.map((r) => r.category))];
      const missing = required.filter((c) => !carried.has(c));
      if (!missing.length) continue;
      out.finding({
        severity: p.severity,
        code: `${p.codePrefix}use-restrictions-dropped`,
        message:
          `${base.name} requires every derivative's license to carry its use restrictions, but ${p.derivative} is under ${d.name}, ` +
          `which lacks ${missing.length === required.length ? "all of them" : `${missing.length} of them`} (${missing.slice(0, 6).join(", ")}${missing.length > 6 ? ", ..." : ""}).`,
        license: base.id,
        clause,
        path: p.path,
      });
    }
  },
};
