// A declared license string (a Hub id, an SPDX expression, a name) to a knowledge-base id, with
// the findings a publisher needs: `other` without a name, a value nothing recognises.
import { NOASSERTION, type KnowledgeBase } from "../kb/knowledge-base.js";
import { parseExpression } from "../identify/spdx-expression.js";
import { resolveLicenseName } from "../kb/resolve-license-name.js";
import type { Evidence, Finding, LicenseAssertion } from "./record.js";

export function resolveDeclared(
  kb: KnowledgeBase,
  value: string,
  extra: { name?: string; link?: string },
  evidence: Evidence,
): { assertion: LicenseAssertion; findings: Finding[] } {
  const findings: Finding[] = [];
  const ev: Evidence[] = [evidence];
  let id = kb.fromHubId(value);
  if (id === NOASSERTION) {
    // `license: other` must come with license_name / license_link (the Hub's own rule)
    const hit = resolveLicenseName(kb, extra);
    if (hit) {
      id = hit.id;
      ev.push({
        ...evidence,
        field: hit.via === "license_name" ? "license_name" : "license_link",
        value: (hit.via === "license_name" ? extra.name : extra.link)!,
      });
    } else if (!extra.name && !extra.link) {
      findings.push({
        severity: "warning",
        code: "other-without-name",
        message: `The license is declared as '${value}' with no license_name or license_link, so nobody can tell which terms apply.`,
        path: [],
        file: evidence.file,
        field: evidence.field,
      });
    } else {
      findings.push({
        severity: "warning",
        code: "license-not-recognised",
        message: `The license '${extra.name ?? extra.link}' is not in the knowledge base; its terms are unknown.`,
        path: [],
        file: evidence.file,
        field: extra.name ? "license_name" : "license_link",
      });
    }
    return {
      assertion: {
        id: id ?? NOASSERTION,
        name: (id && kb.license(id)?.name) || extra.name || "Other",
        declared: value,
        evidence: ev,
      },
      findings,
    };
  }
  if (id) return { assertion: { id, name: kb.license(id)!.name, declared: value, evidence: ev }, findings };
  const expr = parseExpression(value, kb);
  const known = expr?.leaves.filter((l) => l.known) ?? [];
  if (expr && known.length) {
    if (expr.leaves.length > 1)
      findings.push({
        severity: "info",
        code: "license-expression",
        message: `The license is the expression '${value}'; checks use ${known[0]!.id}${expr.conjunction === "or" ? ", the first choice" : ""}.`,
        path: [],
        file: evidence.file,
        field: evidence.field,
      });
    return {
      assertion: { id: known[0]!.id, name: kb.license(known[0]!.id)!.name, declared: value, evidence: ev },
      findings,
    };
  }
  findings.push({
    severity: "warning",
    code: "license-not-recognised",
    message: `The license '${value}' is not recognised; its terms are unknown.`,
    path: [],
    file: evidence.file,
    field: evidence.field,
  });
  return { assertion: { id: NOASSERTION, name: value, declared: value, evidence: ev }, findings };
}
