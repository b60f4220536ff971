import { usable, type Rule } from "../types.js";

/**
 * The licensor's own releases (Meta's Llama fine-tunes under meta-llama/, Google's Gemma variants)
 * are not licensees' derivatives: the duties a license puts on licensees do not bind its licensor.
 * The other rules skip those licenses; this one says so.
 */
export const licensorRelease: Rule = {
  id: "licensor-release",
  description:
    "A model published by a license's licensor is not bound by the duties that license puts on licensees.",
  reads: ["licensor"],
  scope: "inherited",
  judge(s, out) {
    const seen = new Set<string>();
    for (const e of s.inherited) {
      if (e.type !== "license" || !usable(e.lic) || !e.lic.licensor || seen.has(e.id) || !s.isLicensor(e.lic))
        continue;
      seen.add(e.id);
      out.finding({
        severity: "info",
        code: "licensor-own-release",
        message: `{self} is published by ${e.lic.licensor.name}, the licensor of ${e.lic.name}: its duties on licensees (naming, flow-down, notices) do not bind the licensor's own releases.`,
        license: e.id,
        clause: e.lic.licensor.clause,
        ref: -1,
      });
    }
  },
};
