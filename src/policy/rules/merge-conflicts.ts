import type { KnowledgeBase } from "../../kb/knowledge-base.js";
import type { License } from "../../kb/schema.js";
import { distributes, outputsMakeDerivatives, usable, type Rule, type Subject } from "../types.js";
import { combinable, relicenseTargets } from "./share-alike.js";

const nonCommercial = (l: License) =>
  l.terms.commercial.value === "forbidden" || Boolean(l.flow_down.non_commercial);

/** Share-alike and non-commercial licenses a base passes to a model blended from it. */
function demands(s: Subject, base: Subject["bases"][number]): License[] {
  if (base.relation === "combination" || base.relation === "uses-output-of") return [];
  const out = new Map<string, License>();
  for (const e of base.inherited)
    if (
      e.type === "license" &&
      usable(e.lic) &&
      (e.reach === "derivative" || (e.reach === "outputs" && outputsMakeDerivatives(e.lic))) &&
      !s.isLicensor(e.lic) &&
      (e.lic.flow_down.same_license || nonCommercial(e.lic)) &&
      distributes(s, e.lic)
    )
      out.set(e.id, e.lic);
  return [...out.values()];
}

/** Why no license can honour both `p` and `q`, or null. */
function clash(p: License, q: License, kb: KnowledgeBase): string | null {
  if (p.id === q.id) return null;
  const ap = relicenseTargets(p);
  const aq = relicenseTargets(q);
  if (ap.length && aq.length) {
    if (ap.some((x) => aq.includes(x)) || combinable(p, q.id) || combinable(q, p.id)) return null;
    return "both are share-alike, no license is accepted by both, and neither lets its work be combined with the other's";
  }
  // a share-alike license whose accepted licenses all allow commercial use, against a
  // non-commercial one: the derivative cannot be both
  const [sa, acc, nc] = ap.length ? [p, ap, q] : [q, aq, p];
  if (!acc.length || !nonCommercial(nc)) return null;
  const allCommercial = acc.every((x) => {
    const l = kb.license(x);
    return l && !nonCommercial(l);
  });
  return allCommercial
    ? `${sa.name} requires its own commercial-use license for derivatives while ${nc.name} forbids commercial use`
    : null;
}

/**
 * Parents of a merge (weights blended: a derivative of every parent) whose duties no one license
 * can meet. Parts of a combination keep their own licenses and never clash this way.
 */
export const mergeConflicts: Rule = {
  id: "merge-conflicts",
  description: "Parents of a merge whose share-alike or non-commercial duties exclude each other.",
  reads: ["flow_down.same_license", "flow_down.non_commercial", "terms.commercial"],
  scope: "model",
  judge(s, out) {
    if (s.bases.length < 2) return;
    const per = s.bases.map((b) => demands(s, b));
    const seen = new Set<string>();
    for (let i = 0; i < per.length; i++)
      for (let j = i + 1; j < per.length; j++)
        for (const p of per[i]!)
          for (const q of per[j]!) {
            const pair = [p.id, q.id].sort().join(", ");
            if (seen.has(pair)) continue;
            const why = clash(p, q, s.kb);
            if (!why) continue;
            seen.add(pair);
            out.finding({
              severity: "violation",
              code: "merge-conflict",
              message: `The merged parents of {self} are under ${p.name} and ${q.name}, which cannot both be honoured: ${why}.`,
              license: pair,
              clause: p.flow_down.same_license?.clause ?? q.flow_down.same_license?.clause,
              ref: -1,
            });
          }
  },
};
