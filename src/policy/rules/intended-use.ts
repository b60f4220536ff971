import type { License } from "../../kb/schema.js";
import { derivativeLicenses, outputsMakeDerivatives, partLicenses, usable, type Rule } from "../types.js";
import type { RuleOutput, Subject } from "../types.js";

interface UseSubject {
  lic: License | undefined;
  ref: number;
  /** A training dataset's license: reported as a warning (whether it binds is unsettled). */
  data?: boolean;
}

/** The intended uses and commercial use against each license of `subjects`, each license once. */
function judgeUses(s: Subject, out: RuleOutput, subjects: UseSubject[], seen: Set<string>): void {
  const uses = s.options.use ?? [];
  for (const sub of subjects) {
    const lic = sub.lic;
    if (!lic || seen.has(lic.id)) continue;
    seen.add(lic.id);
    for (const use of uses) {
      // a category counts when restricted directly or through a narrower category that implies it
      const hit = lic.use_restrictions.find(
        (r) => r.category === use || s.kb.category(r.category)?.implies.includes(use),
      );
      const label = s.kb.category(use)?.label.toLowerCase() ?? use;
      if (hit)
        out.finding({
          severity: sub.data ? "warning" : "violation",
          code: sub.data ? "dataset-use-restricted" : "use-restricted",
          message: `${lic.name} forbids use for ${label}${hit.via ? ` (through ${s.kb.license(hit.via)?.name ?? hit.via}, which it incorporates)` : ""}.`,
          license: lic.id,
          clause: hit.clause,
          ref: sub.ref,
        });
      else if (!sub.data && !(lic.verified && !lic.members?.length))
        out.finding({
          severity: "unknown",
          code: "use-unknown",
          message: `Whether ${lic.name} allows ${label} is unknown: its terms are not verified.`,
          license: lic.id,
          ref: sub.ref,
        });
    }
    if (s.options.commercial && !sub.data && usable(lic)) {
      const c = lic.terms.commercial;
      if (c.value === "forbidden")
        out.finding({
          severity: "violation",
          code: "commercial-use-forbidden",
          message: `${lic.name} does not allow commercial use.`,
          license: lic.id,
          clause: c.clause,
          ref: sub.ref,
        });
      else if (c.value === "conditional")
        out.obligation({
          license: lic.id,
          text: `Commercial use is allowed only if: ${c.condition ?? "the license's conditions are met"}`,
          clause: c.clause,
          trigger: "use",
          ref: sub.ref,
        });
    }
  }
}

const asked = (s: Subject) => Boolean(s.options.use?.length || s.options.commercial);

/** `--use CATEGORY` and `--commercial` against the model's own license. */
export const intendedUseOwn: Rule = {
  id: "intended-use",
  description: "The intended uses and commercial use are checked against the model's own license.",
  reads: ["use_restrictions", "terms.commercial"],
  scope: "model",
  judge(s, out) {
    if (!asked(s)) return;
    judgeUses(
      s,
      out,
      s.own.map((o) => ({ lic: o.lic, ref: -1 })),
      new Set(),
    );
  },
};

/** `--use CATEGORY` and `--commercial` against every license that binds the model from upstream. */
export const intendedUseInherited: Rule = {
  id: "intended-use",
  description: "The intended uses and commercial use are checked against every license that binds the model.",
  reads: ["use_restrictions", "terms.commercial"],
  scope: "inherited",
  judge(s, out) {
    if (!asked(s)) return;
    judgeUses(
      s,
      out,
      [
        ...[...derivativeLicenses(s), ...partLicenses(s)].map((e) => ({ lic: e.lic as License, ref: e.ref })),
        // a license that is not usable upstream still binds; its terms are unknown
        ...s.inherited
          .filter(
            (e) =>
              e.type === "license" &&
              !usable(e.lic) &&
              e.lic &&
              (e.reach !== "outputs" || outputsMakeDerivatives(e.lic)),
          )
          .map((e) => ({ lic: (e as { lic?: License }).lic, ref: e.ref })),
      ],
      // the own license was judged already (intendedUseOwn)
      new Set(s.own.flatMap((o) => (o.lic ? [o.lic.id] : []))),
    );
  },
};

/**
 * Training datasets' licenses against the intended uses, as warnings: whether a model is bound by
 * its training data's license is unsettled (the training-data rule says so); their commercial
 * terms are its job.
 */
export const intendedUseData: Rule = {
  id: "intended-use",
  description: "The intended uses are checked against the training datasets' licenses, as warnings.",
  reads: ["use_restrictions"],
  scope: "model",
  judge(s, out) {
    if (!asked(s)) return;
    judgeUses(
      s,
      out,
      s.datasets.map((d) => ({ lic: d.license ? s.kb.license(d.license) : undefined, ref: -1, data: true })),
      new Set(),
    );
  },
};
