import type { KnowledgeBase } from "../../kb/knowledge-base.js";
import type { License } from "../../kb/schema.js";
import {
  distributes,
  outputsMakeDerivatives,
  usable,
  type Rule,
  type RuleFinding,
  type Subject,
} from "../types.js";
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
 * The finding for two licenses that clash, or null; one object per pair and knowledge base (a
 * large audit meets the same pairs in thousands of merges, and the engine then keys it once).
 */
function conflict(p: License, q: License, kb: KnowledgeBase): RuleFinding | null {
  let byPair = conflicts.get(kb);
  if (!byPair) conflicts.set(kb, (byPair = new Map()));
  const key = `${p.id}\u0000${q.id}`;
  let f = byPair.get(key);
  if (f === undefined) {
    const why = clash(p, q, kb);
    f = why
      ? {
          severity: "violation",
          code: "merge-conflict",
          message: `The merged parents of {self} are under ${p.name} and ${q.name}, which cannot both be honoured: ${why}.`,
          license: [p.id, q.id].sort().join(", "),
          clause: p.flow_down.same_license?.clause ?? q.flow_down.same_license?.clause,
          ref: -1,
        }
      : null;
    byPair.set(key, f);
  }
  return f;
}

const conflicts = new WeakMap<KnowledgeBase, Map<string, RuleFinding | null>>();

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
    // each demanded license once, with the first base demanding it
    // and whether another base does too: linear in the bases, where every pair of bases was
    // quadratic (a merge of 5,000 parents never finished)
    const order: License[] = [];
    const first = new Map<string, number>();
    const several = new Set<string>();
    s.bases.forEach((b, i) => {
      for (const l of demands(s, b)) {
        const f = first.get(l.id);
        if (f === undefined) {
          first.set(l.id, i);
          order.push(l);
        } else if (f !== i) several.add(l.id);
      }
    });
    // by id, not by the bases' order: the engine shares one judgment between merges of the same
    // bases in any order, so what it says must not depend on which of them it met first
    order.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let x = 0; x < order.length; x++)
      for (let y = x + 1; y < order.length; y++) {
        const p = order[x]!;
        const q = order[y]!;
        // two licenses only one base demands clash in that base already, not in this merge
        if (first.get(p.id) === first.get(q.id) && !several.has(p.id) && !several.has(q.id)) continue;
        const f = conflict(p, q, s.kb);
        if (f) out.finding(f);
      }
  },
};
