// `explain`: a license or model entry, resolved, with the one sentence every derivative must hear.
import { InputError } from "./errors.js";
import { knowledgeBase, NOASSERTION, NONE, type KnowledgeBase } from "./kb/knowledge-base.js";
import type { License, Model } from "./kb/schema.js";
import { resolveExpression } from "./kb/resolve-expression.js";
import { formatExpr } from "./kb/expression.js";

export interface LicenseExplanation extends License {
  kind: "license";
  /** One sentence: what every derivative or redistribution must carry. */
  derivatives_must: string;
  use_restriction_labels: { category: string; label: string }[];
}

export interface ModelExplanation extends Model {
  /** A catalogue entry: a model, or a dataset (whose `generated_by` names the models behind it). */
  kind: "model" | "dataset";
  resolved_licenses: { component: string; id: string; name: string; family: string }[];
}

export type Explanation = LicenseExplanation | ModelExplanation;

/** Plain-language sentence for a license's flow-down duties. */
export function derivativesMust(lic: License): string {
  const f = lic.flow_down;
  const parts: string[] = [];
  if (f.same_license)
    parts.push(
      `be released under ${lic.name}` +
        (f.same_license.compatible.some((c) => c.how === "relicense")
          ? ` or a compatible license (${f.same_license.compatible
              .filter((c) => c.how === "relicense")
              .map((c) => c.license)
              .join(", ")})`
          : ""),
    );
  if (f.use_restrictions && lic.use_restrictions.length)
    parts.push(`carry its ${lic.use_restrictions.length} use restrictions as enforceable terms`);
  else if (f.use_restrictions) parts.push("carry its use restrictions as enforceable terms");
  if (f.non_commercial) parts.push("stay non-commercial");
  if (f.license_copy) parts.push("include a copy of the license");
  if (f.notice)
    parts.push(
      f.notice.text ? `keep the notice "${f.notice.text}"` : "keep its copyright and attribution notices",
    );
  if (f.naming?.prefix) parts.push(`have a name starting with "${f.naming.prefix}"`);
  if (f.naming?.display) parts.push(`display "${f.naming.display}"`);
  if (f.mark_changes) parts.push("say what was changed");
  if (lic.family === "exclusive")
    return "Nothing may be derived from or redistributed under this license by anyone but the licensee.";
  if (!lic.verified) return "Unknown: the terms of this license have not been verified from its text.";
  if (parts.length === 0) return "Derivatives carry no duty from this license.";
  const last = parts.pop()!;
  return `Every derivative must ${parts.length ? `${parts.join(", ")} and ${last}` : last}.`;
}

function explainLicense(lic: License, kb: KnowledgeBase): LicenseExplanation {
  return {
    kind: "license",
    ...lic,
    derivatives_must: derivativesMust(lic),
    use_restriction_labels: lic.use_restrictions.map((r) => ({
      category: r.category,
      label: kb.category(r.category)?.label ?? r.category,
    })),
  };
}

function explainModel(m: Model, kb: KnowledgeBase): ModelExplanation {
  const resolved = Object.entries(m.licenses).map(([component, id]) => {
    const lic = id && id !== NONE && id !== NOASSERTION ? kb.license(id) : undefined;
    return {
      component,
      id: id ?? NOASSERTION,
      name: lic?.name ?? id ?? NOASSERTION,
      family: lic?.family ?? "none",
    };
  });
  return { ...m, resolved_licenses: resolved };
}

/**
 * A planned license (check --as, advise): one license name or an expression over names, as
 * knowledge-base ids. Anything unrecognised is a usage error with suggestions.
 */
export function requireExpression(query: string, kb: KnowledgeBase = knowledgeBase()): string {
  const r = resolveExpression(kb, query);
  if (r && !r.unrecognised.length) return formatExpr(r.expr);
  const bad = r?.unrecognised[0] ?? query;
  requireLicense(bad, kb);
  return bad;
}

/** Resolves a license id, alias, SPDX id, ScanCode key, model id or model name. */
export function explain(query: string, kb: KnowledgeBase = knowledgeBase()): Explanation {
  const lic = kb.findLicense(query);
  if (lic) return explainLicense(lic, kb);
  const model = kb.findModel(query);
  if (model) return explainModel(model, kb);
  const suggestions = kb.suggest(query);
  throw new InputError(
    `'${query}' is not a known license or model` +
      (suggestions.length ? ` (did you mean ${suggestions.join(", ")}?)` : ""),
    "unknown-id",
    undefined,
    undefined,
    suggestions,
  );
}

/** A license by any spelling, or an InputError with suggestions. */
export function requireLicense(query: string, kb: KnowledgeBase = knowledgeBase()): License {
  const lic = kb.findLicense(query);
  if (lic) return lic;
  const suggestions = kb.suggest(query);
  throw new InputError(
    `'${query}' is not a known license` +
      (suggestions.length ? ` (did you mean ${suggestions.join(", ")}?)` : ""),
    "unknown-license",
    undefined,
    undefined,
    suggestions,
  );
}
