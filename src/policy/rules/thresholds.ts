import { derivativeLicenses, partLicenses, type Rule } from "../types.js";
import { thousands } from "../../text/thousands.js";

/** User-count and revenue thresholds (Llama's 700 million MAU), and territorial exclusions. */
export const thresholds: Rule = {
  id: "thresholds",
  description:
    "Thresholds (monthly active users, revenue) and territorial exclusions of licenses in the lineage.",
  reads: ["thresholds", "territory"],
  scope: "inherited",
  judge(s, out) {
    for (const e of [...derivativeLicenses(s), ...partLicenses(s)]) {
      const lic = e.lic;
      for (const t of lic.thresholds) {
        const limit = thousands(t.limit);
        if (t.metric === "monthly-active-users" && s.options.mau !== undefined) {
          if (s.options.mau > t.limit)
            out.finding({
              severity: "violation",
              code: "threshold-exceeded",
              message: `${thousands(s.options.mau)} monthly active users is above the ${limit} of ${lic.name}: ${t.consequence}`,
              license: lic.id,
              clause: t.clause,
              ref: e.ref,
            });
          continue;
        }
        out.obligation({
          license: lic.id,
          text: `Stay within ${limit} ${t.metric.replace(/-/g, " ")}: ${t.consequence}`,
          clause: t.clause,
          trigger: "use",
          ref: e.ref,
        });
      }
      for (const t of lic.territory)
        out.obligation({
          license: lic.id,
          text: `Territorial limit (${t.region}): ${t.scope}`,
          clause: t.clause,
          trigger: "use",
          ref: e.ref,
        });
    }
  },
};
