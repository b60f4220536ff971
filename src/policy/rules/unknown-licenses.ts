import { NOASSERTION, NONE } from "../../kb/knowledge-base.js";
import type { License } from "../../kb/schema.js";
import { derivativeLicenses, outputsMakeDerivatives, type Rule, type Subject } from "../types.js";

/** What is wrong with a license that keeps rules from relying on it, or null. */
function problem(id: string, lic: License | undefined): { code: string; what: string } | null {
  if (id === NONE)
    return { code: "no-license", what: "has no license, so nobody is granted any right to use it" };
  if (id === NOASSERTION || !lic)
    return { code: "license-not-recognised", what: "has a license that is not recognised" };
  if (lic.members?.length)
    return {
      code: "license-family-only",
      what: `names only the ${lic.name}; the terms depend on which member applies`,
    };
  if (!lic.verified)
    return {
      code: "license-unverified",
      what: `is under ${lic.name}, whose terms have not been verified from its text`,
    };
  return null;
}

/** Of `inherited`: some license at all. */
const FACT_LICENSE = 1;
/** Of `inherited`: a license that asks something of the derivative's own license. */
const FACT_ASKS = 2;

/**
 * What the inherited keys tell about whether the model's own license must be known: whether there
 * is any license, and whether some base asks something of the derivative's license (its use
 * restrictions, share-alike, non-commercial terms, an output exemption). Each holds for a whole
 * summary exactly when it holds for one of its licenses.
 */
function facts(s: Subject): number {
  let out = s.inherited.some((e) => e.type === "license") ? FACT_LICENSE : 0;
  for (const e of derivativeLicenses(s)) {
    const f = e.lic.flow_down;
    if (
      f.use_restrictions ||
      f.same_license ||
      f.non_commercial ||
      e.lic.terms.commercial.value === "forbidden"
    )
      return out | FACT_ASKS;
  }
  if (
    s.inherited.some(
      (e) =>
        e.type === "license" &&
        e.here &&
        e.lic &&
        !outputsMakeDerivatives(e.lic) &&
        e.lic.outputs?.restrictions.some(
          (r) => r.kind === "improve-other-models" && r.except_licenses.length,
        ),
    )
  )
    out |= FACT_ASKS;
  return out;
}

/**
 * Whether the model's own license must be known to judge it: some base asks something of the
 * derivative's license, the user asks about an intended use, or there is nothing else to judge.
 */
function ownLicenseMatters(s: Subject): boolean {
  if (s.options.use?.length || s.options.commercial) return true;
  const f = facts(s);
  return !(f & FACT_LICENSE) || (f & FACT_ASKS) !== 0;
}

/**
 * A license that is missing, unrecognised, only a family, or unverified, on the model itself:
 * it makes the verdict unknown only when its terms could change the answer, else it is a warning.
 */
export const unknownOwnLicense: Rule = {
  id: "unknown-license",
  description:
    "The model's own license, missing, unrecognised, only a family, or unverified, makes the verdict unknown where its terms could change the answer.",
  reads: ["verified", "members"],
  scope: "model",
  inheritedFacts: facts,
  judge(s, out) {
    let matters: boolean | undefined;
    for (const o of s.own) {
      const p = problem(o.id, o.lic);
      if (!p) continue;
      matters ??= ownLicenseMatters(s);
      const planned = s.options.as ? "The planned license of {self}" : "{self}";
      out.finding({
        severity: p.code === "no-license" || matters ? "unknown" : "warning",
        code: p.code,
        message:
          `${planned} ${p.what}.` +
          (p.code !== "no-license" && !matters
            ? " Nothing its bases require depends on it, so the lineage is judged without it."
            : ""),
        license: o.id === NOASSERTION ? undefined : o.id,
        ref: -1,
      });
    }
  },
};

/**
 * A license that is missing, unrecognised, only a family, or unverified, anywhere upstream, an
 * unresolved base or a cycle: the verdict is unknown (its terms could add requirements).
 */
export const unknownInheritedLicenses: Rule = {
  id: "unknown-license",
  description:
    "A license upstream that is missing, unrecognised, only a family, or unverified, an unresolved base or a cycle makes the verdict unknown.",
  reads: ["verified", "members"],
  scope: "inherited",
  judge(s, out) {
    for (const e of s.inherited) {
      if (e.type === "special")
        out.finding(
          e.kind === "unresolved"
            ? {
                severity: "unknown",
                code: "base-unresolved",
                message:
                  "A base model of {self} could not be found (not in the folder, the registry or the catalogue), so its license is unknown.",
                ref: e.ref,
              }
            : {
                severity: "unknown",
                code: "lineage-cycle",
                message:
                  "{origin} is part of a cycle of models that name each other as bases; each was judged without the edges inside the cycle, so what they inherit is unknown.",
                ref: e.ref,
              },
        );
      if (e.type !== "license") continue;
      const p = problem(e.id, e.lic);
      if (!p) continue;
      out.finding({
        severity: "unknown",
        code: p.code,
        message: `{origin}, which {self} is built from, ${p.what}.`,
        license: e.id === NOASSERTION ? undefined : e.id,
        ref: e.ref,
      });
    }
  },
};
