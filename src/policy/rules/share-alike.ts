import type { License } from "../../kb/schema.js";
import { derivativeLicenses, distributes, ownHasUnknown, type Rule } from "../types.js";

/** The licenses an adaptation of `lic` may be released under: itself and those it lets it be relicensed to. */
export function relicenseTargets(lic: License): string[] {
  const sl = lic.flow_down.same_license;
  return sl ? [lic.id, ...sl.compatible.filter((c) => c.how === "relicense").map((c) => c.license)] : [];
}

/** Whether `a`'s text lets its work be combined with work under `b`, each part keeping its license. */
export function combinable(a: License, b: string): boolean {
  return Boolean(a.flow_down.same_license?.compatible.some((c) => c.how === "combine" && c.license === b));
}

/**
 * CC BY-SA, CC BY-NC-SA, CDLA-Sharing, the GPL family: a derivative stays under the license or one
 * its text names as compatible. Compatibility is one-way and read from the base's own entry:
 * AGPL-3.0 work may not become GPL-3.0 (only combined with it, §13), CC BY-SA 4.0 may become GPL-3.0.
 */
export const shareAlike: Rule = {
  id: "share-alike",
  description:
    "A share-alike base requires the derivative under the same or a compatible license, read one way.",
  reads: ["flow_down.same_license"],
  scope: "inherited",
  judge(s, out) {
    const ownIds = s.own.map((o) => o.id);
    for (const e of derivativeLicenses(s)) {
      const base = e.lic;
      const sl = base.flow_down.same_license;
      if (!sl) continue;
      if (!distributes(s, base)) {
        out.skipped(base.id, "release derivatives under the same license");
        continue;
      }
      const allowed = relicenseTargets(base);
      out.obligation({
        license: base.id,
        text: `Release the derivative under ${base.name}${allowed.length > 1 ? ` or a license it accepts (${allowed.slice(1).join(", ")})` : ""}.`,
        clause: sl.clause,
        trigger: "distribute",
        ref: e.ref,
      });
      if (ownIds.some((id) => allowed.includes(id)) || ownHasUnknown(s)) continue;
      const combineOnly = ownIds.filter((id) => combinable(base, id));
      out.finding({
        severity: "violation",
        code: "share-alike-broken",
        message:
          `${base.name} is share-alike: derivatives must be under ${allowed.join(" or ")}, not ${s.own.map((o) => o.lic?.name ?? o.id).join(" AND ")}` +
          (combineOnly.length
            ? ` (${base.name} lets its work be combined with ${combineOnly.join(", ")} work, each part keeping its license; that is not relicensing).`
            : "."),
        license: base.id,
        clause: sl.clause,
        ref: e.ref,
      });
    }
  },
};
