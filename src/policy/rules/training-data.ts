import type { Rule } from "../types.js";
import { usable } from "../pairs.js";

// Whether a model trained on licensed data is a derivative of that data is not settled in law:
// these findings are warnings, never violations, and say so.
const UNSETTLED = "Whether a trained model is bound by its training data's license is unsettled in law.";

export const trainingData: Rule = {
  id: "training-data",
  description: "Reports the licenses of training data whose terms may reach the model, as warnings.",
  reads: ["terms.commercial", "flow_down.same_license", "terms.modify"],
  run(ctx, out) {
    const d = ctx.declared;
    for (const ds of ctx.root.datasets) {
      const path = [ctx.root.id, ds.id];
      if (ds.from === "unresolved" && !ds.license) {
        out.finding({
          severity: "info",
          code: "dataset-unresolved",
          message: `The dataset ${ds.id} could not be found, so its license is unknown.`,
          path,
        });
        continue;
      }
      const lic = ds.license ? ctx.kb.license(ds.license) : undefined;
      if (!usable(lic)) {
        out.finding({
          severity: "warning",
          code: "dataset-license-unknown",
          message: `The license of the dataset ${ds.id} is unknown. ${UNSETTLED}`,
          license: ds.license ?? undefined,
          path,
        });
        continue;
      }
      const commercial =
        ctx.options.commercial ||
        (usable(d) && (d.terms.commercial.value === "allowed" || d.terms.commercial.value === "conditional"));
      if (lic.terms.commercial.value === "forbidden" && commercial)
        out.finding({
          severity: "warning",
          code: "dataset-non-commercial",
          message: `The model was trained on ${ds.id} under ${lic.name}, which forbids commercial use, yet the model is released or used commercially. ${UNSETTLED}`,
          license: lic.id,
          clause: lic.terms.commercial.clause,
          path,
        });
      if (
        lic.flow_down.same_license &&
        usable(d) &&
        ![lic.id, ...lic.flow_down.same_license.compatible.map((c) => c.license)].includes(d.id)
      )
        out.finding({
          severity: "warning",
          code: "dataset-share-alike",
          message: `The model was trained on ${ds.id} under the share-alike ${lic.name} but is released under ${d.name}. ${UNSETTLED}`,
          license: lic.id,
          clause: lic.flow_down.same_license.clause,
          path,
        });
      if (lic.terms.modify.value === "forbidden")
        out.finding({
          severity: "warning",
          code: "dataset-no-derivatives",
          message: `The model was trained on ${ds.id} under ${lic.name}, which forbids adaptations. ${UNSETTLED}`,
          license: lic.id,
          clause: lic.terms.modify.clause,
          path,
        });
    }
  },
};
