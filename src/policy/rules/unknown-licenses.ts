import { NOASSERTION, NONE } from "../../kb/knowledge-base.js";
import type { Rule } from "../types.js";

/** No license, an unrecognised one, a family name or an unverified entry: the answer is unknown. */
export const unknownLicenses: Rule = {
  id: "unknown-license",
  description:
    "A license that is missing, unrecognised, only a family, or unverified makes the verdict unknown.",
  reads: ["verified", "members"],
  run(ctx, out) {
    const check = (id: string | null, path: string[], whose: string) => {
      if (id === null) return; // unresolved bases are reported by the lineage
      const lic = ctx.kb.license(id);
      if (id === NONE)
        out.finding({
          severity: "unknown",
          code: "no-license",
          message: `${whose} has no license, so nobody is granted any right to use it.`,
          path,
        });
      else if (id === NOASSERTION || !lic)
        out.finding({
          severity: "unknown",
          code: "license-not-recognised",
          message: `${whose}'s license is not recognised, so its terms are unknown.`,
          license: id === NOASSERTION ? undefined : id,
          path,
        });
      else if (lic.members?.length)
        out.finding({
          severity: "unknown",
          code: "license-family-only",
          message: `${whose} names only the ${lic.name}; the terms depend on which member license applies.`,
          license: lic.id,
          path,
        });
      else if (!lic.verified)
        out.finding({
          severity: "unknown",
          code: "license-unverified",
          message: `The terms of ${lic.name} (${whose}) have not been verified from its text.`,
          license: lic.id,
          path,
        });
    };
    check(
      ctx.declaredId,
      [ctx.root.id],
      ctx.options.as ? `The planned license of ${ctx.root.id}` : ctx.root.id,
    );
    for (const a of ctx.ancestors) check(a.licenseId, a.path, a.id);
  },
};
