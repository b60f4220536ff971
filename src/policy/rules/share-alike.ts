import { distributes, boundAsDerivative, type Rule } from "../types.js";
import { pairs, usable } from "../pairs.js";

/** CC BY-SA, CC BY-NC-SA, CDLA-Sharing, ODbL, the GPL family: the derivative keeps the license. */
export const shareAlike: Rule = {
  id: "share-alike",
  description: "A share-alike base requires the derivative under the same or a listed compatible license.",
  reads: ["flow_down.same_license"],
  run(ctx, out) {
    for (const p of pairs(ctx)) {
      const base = p.ancestor.license;
      if (!usable(base) || !base.flow_down.same_license || !boundAsDerivative(p.ancestor)) continue;
      const sl = base.flow_down.same_license;
      const relicense = sl.compatible.filter((c) => c.how === "relicense").map((c) => c.license);
      const allowed = [base.id, ...relicense];
      if (!distributes(ctx, base)) {
        if (!p.upstream) out.skipped(base.id, "release derivatives under the same license");
        continue;
      }
      if (!p.upstream)
        out.obligation({
          license: base.id,
          text: `Release the derivative under ${base.name}${relicense.length ? ` or a compatible license (${relicense.join(", ")})` : ""}.`,
          clause: sl.clause,
          trigger: "distribute",
          path: p.path,
        });
      const d = p.derivativeLicense;
      if (!usable(d) || allowed.includes(d.id)) continue;
      out.finding({
        severity: p.severity,
        code: `${p.codePrefix}share-alike-broken`,
        message: `${base.name} is share-alike: derivatives must be under ${allowed.join(" or ")}, not ${d.name}.`,
        license: base.id,
        clause: sl.clause,
        path: p.path,
      });
    }
  },
};
