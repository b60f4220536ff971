import { carriesWeights, distributes, type Rule } from "../types.js";
import { usable } from "../pairs.js";

/** Exclusive licenses (GPT-3), no-derivative terms, and weights that were never released. */
export const noDerivatives: Rule = {
  id: "no-derivatives",
  description:
    "Nothing may be derived from an exclusively licensed model, a model whose license forbids modification, or weights never released.",
  reads: ["family", "terms.modify", "terms.distribute"],
  run(ctx, out) {
    for (const a of ctx.ancestors) {
      const lic = a.license;
      if (lic?.family === "exclusive") {
        const w = lic.warnings[0];
        out.finding({
          severity: "violation",
          code: "exclusive-license",
          message: `${a.id} is licensed exclusively to another party; nobody else is granted the right to derive from, distil or redistribute it.`,
          license: lic.id,
          clause: w?.clause ?? lic.terms.modify.clause,
          path: a.path,
        });
        continue;
      }
      if (usable(lic) && lic.terms.modify.value === "forbidden")
        out.finding({
          severity: "violation",
          code: "derivatives-forbidden",
          message: `${lic.name} does not permit modified versions or derivatives of ${a.id}.`,
          license: lic.id,
          clause: lic.terms.modify.clause,
          path: a.path,
        });
      else if (
        usable(lic) &&
        lic.terms.modify.value === "conditional" &&
        lic.terms.modify.condition &&
        a.path.length === 2
      )
        out.obligation({
          license: lic.id,
          text: lic.terms.modify.condition,
          clause: lic.terms.modify.clause,
          trigger: "use",
          path: a.path,
        });
      const share = usable(lic) ? lic.terms.share_adapted : undefined;
      if (share?.value === "forbidden" && carriesWeights(a)) {
        if (!distributes(ctx, lic!)) out.skipped(lic!.id, "adaptations may not be shared");
        else
          out.finding({
            severity: "violation",
            code: "adaptation-not-shareable",
            message: `${lic!.name} lets ${a.id} be adapted only privately; the adaptation may not be shared.`,
            license: lic!.id,
            clause: share.clause,
            path: a.path,
          });
      }
      if (
        a.node.record?.weightsAvailable === false &&
        !a.relations.includes("uses-output-of") &&
        !a.relations.includes("distill")
      )
        out.finding({
          severity: "violation",
          code: "weights-not-available",
          message: `The weights of ${a.id} were never released, so a derivative of its weights cannot have been made lawfully.`,
          license: a.licenseId ?? undefined,
          path: a.path,
        });
    }
  },
};
