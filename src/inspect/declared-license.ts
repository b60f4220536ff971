// Declared license values (a card's `license:` field or list, `license:` tags, a model file's
// license key) to one expression over knowledge-base ids, with the findings a publisher needs:
// `other` without a name, a value or a leaf nothing recognises. Several values are an AND: each
// was declared, so each binds.
import { NOASSERTION, type KnowledgeBase } from "../kb/knowledge-base.js";
import { and, leaf, type LicenseExpr } from "../kb/expression.js";
import { resolveExpression } from "../kb/resolve-expression.js";
import { resolveLicenseName } from "../kb/resolve-license-name.js";
import type { Evidence, Finding } from "./record.js";

export interface DeclaredValue {
  value: string;
  evidence: Evidence;
}

/** What `license: other` comes with: the card's license_name / license_link, each with its evidence. */
export interface OtherName {
  name?: string;
  link?: string;
  /** Evidence for name and link: same file as the `license` value, their own field and line. */
  nameEvidence?: Evidence;
  linkEvidence?: Evidence;
}

export interface DeclaredLicense {
  expr: LicenseExpr;
  /** The values as written: one value, or `[a, b]` for a list. */
  declared: string;
  /**
   * The value was `other` (or `unknown`) and its name resolved to nothing: the expression is
   * NOASSERTION, and a license file's text may still say which license it is.
   */
  unresolved: boolean;
  /** A human name for an unresolved `other` (its license_name), when one was given. */
  name?: string;
  evidence: Evidence[];
  findings: Finding[];
}

function notRecognised(ev: Evidence, message: string, field = ev.field): Finding {
  return {
    severity: "warning",
    code: "license-not-recognised",
    message,
    path: [],
    file: ev.file,
    field,
    ...(ev.line ? { line: ev.line } : {}),
  };
}

// ---------------------------------------------------------------- step: `license: other`

export interface OtherResolution {
  /** The knowledge-base id the name or link resolved to, when any. */
  id?: string;
  evidence: Evidence[];
  findings: Finding[];
}

/**
 * `license: other` must come with license_name / license_link (the Hub's own rule): they say which
 * license it is. One step on its own, so that the resolution of names can be replaced without
 * touching how values combine.
 */
export function resolveOther(
  kb: KnowledgeBase,
  value: string,
  extra: OtherName,
  evidence: Evidence,
): OtherResolution {
  // names, folded names, the URL index, and a Hub model's own LICENSE through the catalogue
  const hit = resolveLicenseName(kb, { name: extra.name, link: extra.link });
  if (hit) {
    const named = hit.via === "license_name";
    const ev = named
      ? (extra.nameEvidence ?? { ...evidence, field: "license_name", value: extra.name! })
      : (extra.linkEvidence ?? { ...evidence, field: "license_link", value: extra.link! });
    return { id: hit.id, evidence: [ev], findings: [] };
  }
  if (!extra.name && !extra.link)
    return {
      evidence: [],
      findings: [
        {
          severity: "warning",
          code: "other-without-name",
          message: `The license is declared as '${value}' with no license_name or license_link, so nobody can tell which terms apply.`,
          path: [],
          file: evidence.file,
          field: evidence.field,
          ...(evidence.line ? { line: evidence.line } : {}),
        },
      ],
    };
  const ev = extra.name ? extra.nameEvidence : extra.linkEvidence;
  return {
    evidence: [],
    findings: [
      notRecognised(
        ev ?? evidence,
        `The license '${extra.name ?? extra.link}' is not in the knowledge base; its terms are unknown.`,
        extra.name ? "license_name" : "license_link",
      ),
    ],
  };
}

// ---------------------------------------------------------------- one value, then several

const HUB_SENTINELS = new Set(["other", "unknown"]);

function resolveValue(
  kb: KnowledgeBase,
  v: DeclaredValue,
  extra: OtherName,
): Omit<DeclaredLicense, "declared"> {
  if (HUB_SENTINELS.has(v.value.trim().toLowerCase())) {
    const r = resolveOther(kb, v.value, extra, v.evidence);
    return {
      expr: leaf(r.id ?? NOASSERTION),
      unresolved: !r.id,
      ...(!r.id && extra.name ? { name: extra.name } : {}),
      evidence: [v.evidence, ...r.evidence],
      findings: r.findings,
    };
  }
  const r = resolveExpression(kb, v.value);
  if (!r)
    return {
      expr: leaf(NOASSERTION),
      unresolved: false,
      evidence: [v.evidence],
      findings: [
        notRecognised(v.evidence, `The license '${v.value}' is not recognised; its terms are unknown.`),
      ],
    };
  const findings = r.unrecognised.map((w) =>
    notRecognised(
      v.evidence,
      r.compound
        ? `The license '${w}' in '${v.value}' is not recognised; it stands as NOASSERTION in the expression, its terms unknown.`
        : `The license '${v.value}' is not recognised; its terms are unknown.`,
    ),
  );
  for (const x of r.exceptions)
    findings.push({
      severity: "info",
      code: "license-exception",
      message: `'${v.value}' adds the exception ${x.exception} to ${x.license}; an exception only grants more, so the checks read ${x.license} without it.`,
      license: x.license,
      path: [],
      file: v.evidence.file,
      field: v.evidence.field,
      ...(v.evidence.line ? { line: v.evidence.line } : {}),
    });
  return { expr: r.expr, unresolved: false, evidence: [v.evidence], findings };
}

/**
 * The entries of "MIT AND other", written as one value, when `other` (or `unknown`) is one of
 * them: that entry is the license license_name names, as in a list. Null for anything else; only
 * a plain conjunction (no parentheses, no OR) is split.
 */
export function entriesWithOther(value: string): string[] | null {
  if (/[()]|\sor\s/i.test(value)) return null;
  const entries = value.split(/\s+and\s+/i);
  return entries.length > 1 && entries.some((e) => HUB_SENTINELS.has(e.trim().toLowerCase()))
    ? entries
    : null;
}

function entriesOf(v: DeclaredValue): DeclaredValue[] {
  return entriesWithOther(v.value)?.map((value) => ({ value, evidence: v.evidence })) ?? [v];
}

/**
 * The conjunction of the declared values: each was declared, so each binds. An unresolved `other`
 * beside them stays in it as NOASSERTION: unknown terms that could change the answer.
 */
export function resolveDeclared(
  kb: KnowledgeBase,
  values: readonly DeclaredValue[],
  extra: OtherName = {},
): DeclaredLicense | null {
  if (!values.length) return null;
  const parts = values.flatMap((v) => entriesOf(v)).map((v) => resolveValue(kb, v, extra));
  const unresolved = parts.every((p) => p.unresolved);
  return {
    expr: and(...parts.map((p) => p.expr)),
    declared: values.length === 1 ? values[0]!.value : `[${values.map((v) => v.value).join(", ")}]`,
    unresolved,
    ...(unresolved && parts[0]!.name ? { name: parts[0]!.name } : {}),
    evidence: parts.flatMap((p) => p.evidence),
    findings: parts.flatMap((p) => p.findings),
  };
}
