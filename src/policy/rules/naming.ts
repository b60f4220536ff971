import { nameTokens } from "../../kb/names.js";
import { derivativeLicenses, distributes, partLicenses, usable, type Rule } from "../types.js";

/** Whether `name` begins with `prefix`, comparing folded tokens ("Llama-3-Chatty" starts with "Llama 3"). */
export function startsWithName(name: string, prefix: string): boolean {
  const n = nameTokens(name);
  const p = nameTokens(prefix);
  return p.length > 0 && p.every((t, i) => n[i] === t);
}

/**
 * Llama 3.x/4 "Llama" prefix and "Built with ..." display; Qwen's "Built with Qwen"; Stability's
 * "Powered by". The prefix binds derivative models (and models trained on outputs where the clause
 * says so); the display binds whatever ships the work, a combination included.
 */
export const naming: Rule = {
  id: "naming",
  description:
    "Derivatives of some licenses must carry the licensor's name at the start of their name or display an attribution.",
  reads: ["flow_down.naming"],
  scope: "inherited",
  judge(s, out) {
    const viaOutputs = s.inherited.filter(
      (e) =>
        e.type === "license" &&
        e.reach === "outputs" &&
        usable(e.lic) &&
        e.lic.flow_down.naming?.outputs &&
        !s.isLicensor(e.lic),
    );
    const candidates = [
      ...derivativeLicenses(s),
      ...partLicenses(s),
      ...(viaOutputs as ReturnType<typeof derivativeLicenses>),
    ];
    const seen = new Set<string>();
    for (const e of candidates) {
      const lic = e.lic;
      const nm = lic.flow_down.naming;
      if (!nm || seen.has(lic.id)) continue;
      seen.add(lic.id);
      if (!distributes(s, lic)) {
        out.skipped(lic.id, "naming and attribution display duties");
        continue;
      }
      if (nm.display)
        out.obligation({
          license: lic.id,
          text: `Display "${nm.display}" prominently with the model or product.`,
          clause: nm.clause,
          trigger: "distribute",
          ref: e.ref,
        });
      if (!nm.prefix || e.reach === "part") continue;
      out.obligation({
        license: lic.id,
        text: `Begin the derivative model's name with "${nm.prefix}".`,
        clause: nm.clause,
        trigger: "distribute",
        ref: e.ref,
      });
      if (!s.nameMeets(nm.prefix))
        out.finding({
          severity: "violation",
          code: "naming-duty-unmet",
          message: `${lic.name} requires a derivative's name to begin with "${nm.prefix}", but {self} is named "{name}".`,
          license: lic.id,
          clause: nm.clause,
          ref: e.ref,
        });
    }
  },
};
