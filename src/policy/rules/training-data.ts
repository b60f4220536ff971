import { ownGrantsCommercial, usable, type Rule } from "../types.js";
import { relicenseTargets } from "./share-alike.js";

// Whether a model trained on licensed data is a derivative of that data is not settled in law:
// these findings are warnings, never violations, and say so.
const UNSETTLED = "Whether a trained model is bound by its training data's license is unsettled in law.";

export const trainingData: Rule = {
  id: "training-data",
  description: "Reports the licenses of training data whose terms may reach the model, as warnings.",
  reads: ["terms.commercial", "flow_down.same_license", "terms.modify"],
  scope: "model",
  judge(s, out) {
    const ownIds = s.own.map((o) => o.id);
    for (const ds of s.datasets) {
      if (ds.unresolved && !ds.license) {
        out.finding({
          severity: "info",
          code: "dataset-unresolved",
          message: `The dataset ${ds.id} could not be found, so its license is unknown.`,
          ref: -1,
        });
        continue;
      }
      const lic = ds.license ? s.kb.license(ds.license) : undefined;
      if (!usable(lic)) {
        out.finding({
          severity: "warning",
          code: "dataset-license-unknown",
          message: `The license of the dataset ${ds.id} is unknown. ${UNSETTLED}`,
          license: ds.license ?? undefined,
          ref: -1,
        });
        continue;
      }
      if (lic.terms.commercial.value === "forbidden" && (s.options.commercial || ownGrantsCommercial(s)))
        out.finding({
          severity: "warning",
          code: "dataset-non-commercial",
          message: `{self} was trained on ${ds.id} under ${lic.name}, which forbids commercial use, yet the model is released or used commercially. ${UNSETTLED}`,
          license: lic.id,
          clause: lic.terms.commercial.clause,
          ref: -1,
        });
      if (
        lic.flow_down.same_license &&
        s.own.every((o) => usable(o.lic)) &&
        !ownIds.some((id) => relicenseTargets(lic).includes(id))
      )
        out.finding({
          severity: "warning",
          code: "dataset-share-alike",
          message: `{self} was trained on ${ds.id} under the share-alike ${lic.name} but is released under ${s.own.map((o) => o.lic?.name ?? o.id).join(" AND ")}. ${UNSETTLED}`,
          license: lic.id,
          clause: lic.flow_down.same_license.clause,
          ref: -1,
        });
      if (lic.terms.modify.value === "forbidden")
        out.finding({
          severity: "warning",
          code: "dataset-no-derivatives",
          message: `{self} was trained on ${ds.id} under ${lic.name}, which forbids adaptations. ${UNSETTLED}`,
          license: lic.id,
          clause: lic.terms.modify.clause,
          ref: -1,
        });
    }
  },
};
