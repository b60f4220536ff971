import type { License } from "../../kb/schema.js";
import type { Rule } from "../types.js";
import { usable } from "../pairs.js";

/** `--use CATEGORY` and `--commercial` against every license in the lineage, the model's own included. */
export const intendedUse: Rule = {
  id: "intended-use",
  description: "The intended uses and commercial use are checked against every license in the lineage.",
  reads: ["use_restrictions", "terms.commercial"],
  run(ctx, out) {
    // datasets are checked too, but as warnings: whether a model is bound by its training data's
    // license is unsettled (the training-data rule says so); their commercial terms are its job
    const subjects: { lic: License | undefined; id: string | null; path: string[]; data?: boolean }[] = [
      { lic: ctx.declared, id: ctx.declaredId, path: [ctx.root.id] },
      ...ctx.ancestors.map((a) => ({ lic: a.license, id: a.licenseId, path: a.path })),
      ...ctx.root.datasets.map((d) => ({
        lic: d.license ? ctx.kb.license(d.license) : undefined,
        id: d.license,
        path: [ctx.root.id, d.id],
        data: true,
      })),
    ];
    const uses = ctx.options.use ?? [];
    const seen = new Set<string>();
    for (const s of subjects) {
      if (!s.lic || seen.has(s.lic.id)) continue;
      seen.add(s.lic.id);
      const lic = s.lic;
      for (const use of uses) {
        // a category counts when restricted directly or through a narrower category that implies it
        const hit = lic.use_restrictions.find(
          (r) => r.category === use || ctx.kb.category(r.category)?.implies.includes(use),
        );
        if (hit)
          out.finding({
            severity: s.data ? "warning" : "violation",
            code: s.data ? "dataset-use-restricted" : "use-restricted",
            message: `${lic.name} forbids use for ${ctx.kb.category(use)?.label.toLowerCase() ?? use}.`,
            license: lic.id,
            clause: hit.clause,
            path: s.path,
          });
        else if (!s.data && (!lic.verified || lic.members?.length))
          out.finding({
            severity: "unknown",
            code: "use-unknown",
            message: `Whether ${lic.name} allows ${use} is unknown: its terms are not verified.`,
            license: lic.id,
            path: s.path,
          });
      }
      if (ctx.options.commercial && !s.data && usable(lic)) {
        const c = lic.terms.commercial;
        if (c.value === "forbidden")
          out.finding({
            severity: "violation",
            code: "commercial-use-forbidden",
            message: `${lic.name} does not allow commercial use.`,
            license: lic.id,
            clause: c.clause,
            path: s.path,
          });
        else if (c.value === "conditional")
          out.obligation({
            license: lic.id,
            text: `Commercial use is allowed only if: ${c.condition ?? "the license's conditions are met"}`,
            clause: c.clause,
            trigger: "use",
            path: s.path,
          });
      }
    }
  },
};
