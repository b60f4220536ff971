import { derivativeLicenses, distributes, partLicenses, type Rule } from "../types.js";

/** Exclusive licenses (GPT-3), no-derivative terms, and weights that were never released. */
export const noDerivatives: Rule = {
  id: "no-derivatives",
  description:
    "Nothing may be derived from an exclusively licensed model, a model whose license forbids modification, or weights never released.",
  reads: ["family", "terms.modify", "terms.distribute", "terms.share_adapted"],
  scope: "inherited",
  judge(s, out) {
    for (const e of s.inherited) {
      if (e.type === "weights-unavailable")
        out.finding({
          severity: "violation",
          code: "weights-not-available",
          message:
            "The weights of {origin} were never released, so a model carrying them cannot have been made lawfully.",
          ref: e.ref,
        });
      // an exclusive license binds whoever carries its weights and whoever uses its outputs
      // directly (the OpenAI terms forbid developing competing models from them)
      if (e.type !== "license" || e.lic?.family !== "exclusive" || s.isLicensor(e.lic)) continue;
      if (e.reach === "outputs" && !e.here) continue;
      const w = e.lic.warnings[0];
      out.finding({
        severity: "violation",
        code: "exclusive-license",
        message:
          "{origin} is licensed exclusively to another party; nobody else is granted the right to derive from, distil or redistribute it.",
        license: e.id,
        clause: w?.clause ?? e.lic.terms.modify.clause,
        ref: e.ref,
      });
    }
    for (const e of derivativeLicenses(s)) {
      const lic = e.lic;
      if (lic.terms.modify.value === "forbidden")
        out.finding({
          severity: "violation",
          code: "derivatives-forbidden",
          message: `${lic.name} does not permit modified versions or derivatives of {origin}.`,
          license: lic.id,
          clause: lic.terms.modify.clause,
          ref: e.ref,
        });
      else if (lic.terms.modify.value === "conditional" && lic.terms.modify.condition && e.direct)
        out.obligation({
          license: lic.id,
          text: lic.terms.modify.condition,
          clause: lic.terms.modify.clause,
          trigger: "use",
          ref: e.ref,
        });
      const share = lic.terms.share_adapted;
      if (share?.value === "forbidden" && e.reach === "derivative") {
        if (!distributes(s, lic)) out.skipped(lic.id, "adaptations may not be shared");
        else
          out.finding({
            severity: "violation",
            code: "adaptation-not-shareable",
            message: `${lic.name} lets {origin} be adapted only privately; the adaptation may not be shared.`,
            license: lic.id,
            clause: share.clause,
            ref: e.ref,
          });
      }
    }
    // a part shipped beside others is redistributed as it is: its license must allow that
    for (const e of partLicenses(s))
      if (e.lic.terms.distribute.value === "forbidden" && distributes(s, e.lic))
        out.finding({
          severity: "violation",
          code: "part-not-redistributable",
          message: `${e.lic.name} does not allow {origin} to be redistributed, so it cannot be shipped as part of {self}.`,
          license: e.id,
          clause: e.lic.terms.distribute.clause,
          ref: e.ref,
        });
  },
};
