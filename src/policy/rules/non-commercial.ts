import { derivativeLicenses, distributes, ownGrantsCommercial, partLicenses, type Rule } from "../types.js";

/** CC BY-NC*, OPT-175B, FAIR, DeepFloyd IF, Stability non-commercial: derivatives may not grant commercial use. */
export const nonCommercial: Rule = {
  id: "non-commercial",
  description:
    "A non-commercial or research-only base forbids a derivative license that grants commercial use.",
  reads: ["terms.commercial", "flow_down.non_commercial"],
  scope: "inherited",
  judge(s, out) {
    const grants = ownGrantsCommercial(s);
    for (const e of [...derivativeLicenses(s), ...partLicenses(s)]) {
      const base = e.lic;
      if (base.terms.commercial.value !== "forbidden" && !base.flow_down.non_commercial) continue;
      const clause = base.flow_down.non_commercial?.clause ?? base.terms.commercial.clause;
      out.obligation({
        license: base.id,
        text: `Use ${e.reach === "part" ? "the part {origin}" : "it"} only for non-commercial purposes, as ${base.name} requires.`,
        clause,
        trigger: "use",
        ref: e.ref,
      });
      // a part keeps its own license; only a derivative's license can drop the limit
      if (e.reach === "part" || !distributes(s, base) || !grants) continue;
      out.finding({
        severity: "violation",
        code: "non-commercial-dropped",
        message: `${base.name} allows no commercial use, but {self} is released under ${s.own.map((o) => o.lic?.name ?? o.id).join(" AND ")}, which grants it.`,
        license: base.id,
        clause,
        ref: e.ref,
      });
    }
  },
};
