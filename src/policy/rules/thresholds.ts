import type { Rule } from "../types.js";
import { usable } from "../pairs.js";

/** User-count and revenue thresholds (Llama's 700 million MAU), and territorial exclusions. */
export const thresholds: Rule = {
  id: "thresholds",
  description:
    "Thresholds (monthly active users, revenue) and territorial exclusions of licenses in the lineage.",
  reads: ["thresholds", "territory"],
  run(ctx, out) {
    const seen = new Set<string>();
    const lics = [...ctx.ancestors.map((a) => ({ lic: a.license, path: a.path }))];
    for (const { lic, path } of lics) {
      if (!usable(lic) || seen.has(lic.id)) continue;
      seen.add(lic.id);
      for (const t of lic.thresholds) {
        const limit = t.limit.toLocaleString("en-US");
        if (t.metric === "monthly-active-users" && ctx.options.mau !== undefined) {
          if (ctx.options.mau > t.limit)
            out.finding({
              severity: "violation",
              code: "threshold-exceeded",
              message: `${ctx.options.mau.toLocaleString("en-US")} monthly active users is above the ${limit} of ${lic.name}: ${t.consequence}`,
              license: lic.id,
              clause: t.clause,
              path,
            });
          continue;
        }
        out.obligation({
          license: lic.id,
          text: `Stay within ${limit} ${t.metric.replace(/-/g, " ")}: ${t.consequence}`,
          clause: t.clause,
          trigger: "use",
          path,
        });
      }
      for (const t of lic.territory)
        out.obligation({
          license: lic.id,
          text: `Territorial limit (${t.region}): ${t.scope}`,
          clause: t.clause,
          trigger: "use",
          path,
        });
    }
  },
};
