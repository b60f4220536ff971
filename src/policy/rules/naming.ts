import { nameTokens } from "../../kb/names.js";
import { distributes, type Rule } from "../types.js";
import { usable } from "../pairs.js";

/** Whether `name` begins with `prefix`, comparing folded tokens ("Llama-3-Chatty" starts with "Llama 3"). */
export function startsWithName(name: string, prefix: string): boolean {
  const n = nameTokens(name);
  const p = nameTokens(prefix);
  return p.length > 0 && p.every((t, i) => n[i] === t);
}

/** Llama 3.x/4 "Llama" prefix and "Built with ..." display; Stability's "Powered by" display. */
export const naming: Rule = {
  id: "naming",
  description:
    "Derivatives of some licenses must carry the licensor's name at the start of their name or display an attribution.",
  reads: ["flow_down.naming"],
  run(ctx, out) {
    const seen = new Set<string>();
    for (const a of ctx.ancestors) {
      const lic = a.license;
      if (!usable(lic) || !lic.flow_down.naming || seen.has(lic.id)) continue;
      seen.add(lic.id);
      const nm = lic.flow_down.naming;
      if (!distributes(ctx, lic)) {
        out.skipped(lic.id, "naming and attribution display duties");
        continue;
      }
      if (nm.display)
        out.obligation({
          license: lic.id,
          text: `Display "${nm.display}" prominently with the model or product.`,
          clause: nm.clause,
          trigger: "distribute",
          path: a.path,
        });
      if (!nm.prefix) continue;
      out.obligation({
        license: lic.id,
        text: `Begin the derivative model's name with "${nm.prefix}".`,
        clause: nm.clause,
        trigger: "distribute",
        path: a.path,
      });
      if (!startsWithName(ctx.name, nm.prefix))
        out.finding({
          severity: "violation",
          code: "naming-duty-unmet",
          message: `${lic.name} requires a derivative's name to begin with "${nm.prefix}", but this model is named "${ctx.name}".`,
          license: lic.id,
          clause: nm.clause,
          path: a.path,
        });
    }
  },
};
