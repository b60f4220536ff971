import { derivativeLicenses, distributes, partLicenses, type Rule } from "../types.js";

/** Duties that are neither notices nor flow-down: use the latest version (CreativeML §7), reporting, ... */
export const duties: Rule = {
  id: "duties",
  description: "Other duties each license in the lineage puts on whoever uses or distributes the work.",
  reads: ["duties"],
  scope: "inherited",
  judge(s, out) {
    for (const e of [...derivativeLicenses(s), ...partLicenses(s)])
      for (const d of e.lic.duties) {
        if (d.trigger === "distribute" && !distributes(s, e.lic)) {
          out.skipped(e.id, d.text);
          continue;
        }
        out.obligation({ license: e.id, text: d.text, clause: d.clause, trigger: d.trigger, ref: e.ref });
      }
  },
};
