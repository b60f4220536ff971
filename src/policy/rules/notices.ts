import { boundAsDerivative, distributes, type Rule } from "../types.js";
import { usable } from "../pairs.js";

/** Notices, license copies and change marks that redistribution must carry (MIT, BSD, Apache, CC BY, RAIL, Gemma, Llama). */
export const notices: Rule = {
  id: "notices",
  description:
    "Redistribution must keep the notices, license copies and change marks each license in the lineage requires.",
  reads: ["flow_down.notice", "flow_down.license_copy", "flow_down.mark_changes"],
  run(ctx, out) {
    const seen = new Set<string>();
    for (const a of ctx.ancestors) {
      const lic = a.license;
      // notices travel with copies of the work, not with a model trained on its outputs
      if (!usable(lic) || seen.has(lic.id) || !boundAsDerivative(a)) continue;
      seen.add(lic.id);
      const f = lic.flow_down;
      if (!f.notice && !f.license_copy && !f.mark_changes) continue;
      if (!distributes(ctx, lic)) {
        out.skipped(lic.id, "notice, license-copy and change-marking duties");
        continue;
      }
      if (f.notice)
        out.obligation({
          license: lic.id,
          text: f.notice.text
            ? `Include the notice: "${f.notice.text}"`
            : `Keep the copyright and attribution notices of ${a.id} (${lic.name}).`,
          clause: f.notice.clause,
          trigger: "distribute",
          path: a.path,
        });
      if (f.license_copy)
        out.obligation({
          license: lic.id,
          text: `Give recipients a copy of ${lic.name}.`,
          clause: f.license_copy.clause,
          trigger: "distribute",
          path: a.path,
        });
      if (f.mark_changes)
        out.obligation({
          license: lic.id,
          text: `State that you modified ${a.id} and what you changed.`,
          clause: f.mark_changes.clause,
          trigger: "distribute",
          path: a.path,
        });
    }
  },
};
