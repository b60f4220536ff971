import { derivativeLicenses, distributes, partLicenses, type Rule } from "../types.js";

/** Notices, license copies and change marks that redistribution must carry (MIT, BSD, Apache, CC BY, RAIL, Gemma, Llama). */
export const notices: Rule = {
  id: "notices",
  description:
    "Redistribution must keep the notices, license copies and change marks each license in the lineage requires.",
  reads: ["flow_down.notice", "flow_down.license_copy", "flow_down.mark_changes"],
  scope: "inherited",
  judge(s, out) {
    // notices travel with copies of the work (a derivative or a shipped part), not with a model
    // trained on its outputs (unless the license makes that model a derivative)
    for (const e of [...derivativeLicenses(s), ...partLicenses(s)]) {
      const lic = e.lic;
      const f = lic.flow_down;
      if (!f.notice && !f.license_copy && !f.mark_changes) continue;
      if (!distributes(s, lic)) {
        out.skipped(lic.id, "notice, license-copy and change-marking duties");
        continue;
      }
      if (f.notice)
        out.obligation({
          license: lic.id,
          text: f.notice.text
            ? `Include the notice: "${f.notice.text}"`
            : `Keep the copyright and attribution notices of {origin} (${lic.name}).`,
          clause: f.notice.clause,
          trigger: "distribute",
          ref: e.ref,
        });
      if (f.license_copy)
        out.obligation({
          license: lic.id,
          text: `Give recipients a copy of ${lic.name}.`,
          clause: f.license_copy.clause,
          trigger: "distribute",
          ref: e.ref,
        });
      // a part shipped unchanged has nothing to mark
      if (f.mark_changes && e.reach !== "part")
        out.obligation({
          license: lic.id,
          text: `State that you modified {origin} and what you changed.`,
          clause: f.mark_changes.clause,
          trigger: "distribute",
          ref: e.ref,
        });
    }
  },
};
