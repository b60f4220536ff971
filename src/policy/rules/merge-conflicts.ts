import type { License } from "../../kb/schema.js";
import type { KnowledgeBase } from "../../kb/knowledge-base.js";
import { distributes, type Rule } from "../types.js";
import { usable } from "../pairs.js";

const allowedBy = (l: License) =>
  l.flow_down.same_license
    ? [
        l.id,
        ...l.flow_down.same_license.compatible.filter((c) => c.how === "relicense").map((c) => c.license),
      ]
    : null;
const nonCommercial = (l: License) =>
  l.terms.commercial.value === "forbidden" || Boolean(l.flow_down.non_commercial);

/**
 * A share-alike parent whose accepted licenses all allow commercial use, merged with a parent
 * that forbids it: no single license can honour both.
 */
function commercialClash(
  sa: License,
  accepted: string[] | null,
  nc: License,
  kb: KnowledgeBase,
): string | null {
  if (!accepted || !nonCommercial(nc)) return null;
  const allCommercial = accepted.every((x) => {
    const l = kb.license(x);
    return l && !nonCommercial(l);
  });
  return allCommercial
    ? `${sa.name} requires its own commercial-use license for derivatives while ${nc.name} forbids commercial use`
    : null;
}

/** Parents of a merge whose duties cannot all be met by any one license. */
export const mergeConflicts: Rule = {
  id: "merge-conflicts",
  description: "Parents of a merge whose share-alike or non-commercial duties exclude each other.",
  reads: ["flow_down.same_license", "flow_down.non_commercial", "terms.commercial"],
  run(ctx, out) {
    const parents = ctx.ancestors.filter((a) => a.path.length === 2 && usable(a.license));
    for (let i = 0; i < parents.length; i++)
      for (let j = i + 1; j < parents.length; j++) {
        const P = parents[i]!.license!,
          Q = parents[j]!.license!;
        if (P.id === Q.id) continue;
        // share-alike binds only what is shared: a merge kept in-house can honour both parents
        const ap = distributes(ctx, P) ? allowedBy(P) : null,
          aq = distributes(ctx, Q) ? allowedBy(Q) : null;
        let why: string | null = null;
        if (ap && aq && !ap.some((x) => aq.includes(x)))
          why = `both are share-alike and no license satisfies both`;
        else why = commercialClash(P, ap, Q, ctx.kb) ?? commercialClash(Q, aq, P, ctx.kb);
        if (why)
          out.finding({
            severity: "violation",
            code: "merge-conflict",
            message: `The merged parents ${parents[i]!.id} (${P.name}) and ${parents[j]!.id} (${Q.name}) cannot both be honoured: ${why}.`,
            license: `${P.id}, ${Q.id}`,
            clause: P.flow_down.same_license?.clause ?? Q.flow_down.same_license?.clause,
            path: [ctx.root.id],
          });
      }
  },
};
