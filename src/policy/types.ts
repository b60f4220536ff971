// What rules see and what they produce. A rule judges one model from its own license and what its
// bases' summaries require; it reads structured terms only, never prose.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { Clause, License, Relation } from "../kb/schema.js";
import type { Severity } from "../inspect/record.js";
import type { Reach, SpecialKind } from "./summary.js";

export type Mode = "internal" | "hosted" | "distribute";
export type Verdict = "ok" | "conditional" | "violation" | "unknown";

export interface CheckOptions {
  /** Intended uses, ids from data/use-categories.yaml. */
  use?: string[];
  /** The model will be used commercially. */
  commercial?: boolean;
  /** How the model is used: only inside, as a hosted service, or distributed (default). */
  mode?: Mode;
  /** A planned release license (an id or an expression) to check instead of the declared one. */
  as?: string;
  /** Monthly active users of the product, for user-count thresholds. */
  mau?: number;
}

/** One license in the judged model's own (chosen) license, or an inherited one. */
export interface LicenseRef {
  /** Knowledge-base id, NONE, NOASSERTION or the unrecognised spelling. */
  id: string;
  /** The entry, when the id is in the knowledge base. */
  lic?: License;
}

/** A key of the inherited summary, decoded for rules. `ref` names it for path rendering. */
export type Inherited =
  | (LicenseRef & {
      type: "license";
      reach: Reach;
      /** The license of a direct base. */
      direct: boolean;
      /** Reached through the judged model's own distillation or training on outputs. */
      here: boolean;
      ref: number;
    })
  | { type: "special"; kind: SpecialKind; ref: number }
  | { type: "weights-unavailable"; ref: number }
  | { type: "problem"; code: string; id: string; ref: number };

export type InheritedLicense = Extract<Inherited, { type: "license" }>;

export interface Subject {
  kb: KnowledgeBase;
  options: Required<Pick<CheckOptions, "mode">> & CheckOptions;
  /** The judged model's license: the alternative being judged, each id with its entry. */
  own: LicenseRef[];
  /** Everything the bases' summaries require, each key once. */
  inherited: Inherited[];
  /**
   * Per direct base, when two of them could clash: its relation and the keys of its summary (as
   * this model sees it) of licenses with share-alike or non-commercial terms, all that a merge
   * conflict can come from. Empty otherwise.
   */
  bases: { relation: Relation; inherited: Inherited[] }[];
  /** Datasets the model was trained on, with their licenses (training data is judged as warnings). */
  datasets: readonly { id: string; license: string | null; unresolved: boolean }[];
  /** Whether the model's name begins with a naming duty's prefix. */
  nameMeets(prefix: string): boolean;
  /** Whether the model is published by the licensor of `lic` (its own release, not a licensee's). */
  isLicensor(lic: License): boolean;
}

export interface Obligation {
  license: string;
  /** What the user must do, in one sentence. */
  text: string;
  clause?: Clause;
  /** When the duty applies: to any use, or only when the model is distributed or hosted. */
  trigger: "use" | "distribute";
  path: string[];
}

/** A finding as a rule states it: `ref` is the inherited key it is about (-1: the model itself). */
export interface RuleFinding {
  severity: Severity;
  code: string;
  /** What the user is told, one sentence; `{self}` stands for the judged model's id and `{origin}` for the model its `ref` leads to. */
  message: string;
  license?: string;
  clause?: Clause;
  ref: number;
}

export type RuleObligation = Omit<Obligation, "path"> & { ref: number };

export interface RuleOutput {
  finding(f: RuleFinding): void;
  obligation(o: RuleObligation): void;
  /** A duty that exists but does not trigger in the chosen mode. */
  skipped(license: string, duty: string): void;
}

export interface Rule {
  /** Stable id, also the prefix of the finding codes it emits. */
  id: string;
  description: string;
  /** The structured fields of license entries this rule reads. */
  reads: string[];
  /**
   * `inherited`: what the rule says depends on the judged model itself (its own license, the
   * options, its name, its publisher) and on each inherited license separately: all the keys of
   * one license id, or one key of another kind. Such a rule never reads `bases` or `datasets`,
   * and its outputs for the whole summary are the union of its outputs license by license, so the
   * engine judges it per license and reuses the part across every model that shares it.
   * `model`: the rule reads the subject as a whole (bases, datasets, all inherited keys at once).
   */
  scope: "inherited" | "model";
  /**
   * For a `model` rule: everything it reads of `inherited`, as a few bits (at most 4) computed
   * from one license group's keys; a whole summary's facts are the OR of its groups'. When the
   * subject has no datasets and no bases to tell apart, the rule's outputs depend on `inherited`
   * only through them, so the engine reuses its outputs across summaries with the same facts.
   * Absent: the rule never reads `inherited`.
   */
  inheritedFacts?(s: Subject): number;
  judge(s: Subject, out: RuleOutput): void;
}

/** Whether a license's distribution duties trigger in the chosen mode. */
export function distributes(s: Subject, lic: License): boolean {
  if (s.options.mode === "distribute") return true;
  if (s.options.mode === "internal") return false;
  // hosted: only licenses that count remote access as distribution (RAIL, AGPL, Llama's "make available")
  const h = lic.terms.hosted_use?.value;
  return h === "conditional" || h === "forbidden";
}

/** A license whose terms rules may rely on: known, verified, and a single license, not a family. */
export function usable(lic: License | undefined): lic is License {
  return Boolean(lic && lic.verified && !lic.members?.length);
}

/** Whether the license counts a model trained on its outputs as a derivative (Gemma §1.1(e), RAIL). */
export function outputsMakeDerivatives(lic: License): boolean {
  return Boolean(lic.outputs?.restrictions.some((r) => r.kind === "outputs-make-derivatives"));
}

/**
 * Whether the model relies on a license's exemption for its own derivatives to use its outputs
 * (Llama: outputs may improve "Llama 3 or derivative works thereof"): then it claims to be such a
 * derivative, and the derivative's duties come with the exemption.
 */
export function claimsDerivative(s: Subject, lic: License): boolean {
  return Boolean(
    lic.outputs?.restrictions.some(
      (r) =>
        r.kind === "improve-other-models" &&
        s.own.some((o) => o.id === lic.id || r.except_licenses.includes(o.id)),
    ),
  );
}

/**
 * Inherited licenses whose derivative duties bind the judged model: reached through its weights,
 * or through outputs when the license says models trained on outputs are derivatives (or the model
 * claims to be one); never the licensor's own releases. Combination parts are not derivatives
 * (see `partLicenses`).
 */
export function derivativeLicenses(s: Subject): (InheritedLicense & { lic: License })[] {
  // most rules ask; a subject's answer is computed once (subjects are never changed)
  let got = derivativeMemo.get(s);
  if (!got) derivativeMemo.set(s, (got = derivativeOf(s)));
  return got;
}

const derivativeMemo = new WeakMap<Subject, (InheritedLicense & { lic: License })[]>();
const partMemo = new WeakMap<Subject, (InheritedLicense & { lic: License })[]>();

function derivativeOf(s: Subject): (InheritedLicense & { lic: License })[] {
  const out: (InheritedLicense & { lic: License })[] = [];
  for (const e of s.inherited)
    if (
      e.type === "license" &&
      usable(e.lic) &&
      (e.reach === "derivative" ||
        (e.reach === "outputs" && (outputsMakeDerivatives(e.lic) || claimsDerivative(s, e.lic)))) &&
      !s.isLicensor(e.lic)
    )
      out.push(e as InheritedLicense & { lic: License });
  return firstPerLicense(out);
}

/** Inherited licenses of parts shipped beside this model in a combination (each keeps its terms). */
export function partLicenses(s: Subject): (InheritedLicense & { lic: License })[] {
  let got = partMemo.get(s);
  if (!got) partMemo.set(s, (got = partOf(s)));
  return got;
}

function partOf(s: Subject): (InheritedLicense & { lic: License })[] {
  const derivative = new Set(derivativeLicenses(s).map((e) => e.id));
  const out: (InheritedLicense & { lic: License })[] = [];
  for (const e of s.inherited)
    if (
      e.type === "license" &&
      e.reach === "part" &&
      usable(e.lic) &&
      !s.isLicensor(e.lic) &&
      !derivative.has(e.id)
    )
      out.push(e as InheritedLicense & { lic: License });
  return firstPerLicense(out);
}

/** One entry per license: direct ones first, so a finding points at the nearest model. */
function firstPerLicense<T extends InheritedLicense>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const e of [...list].sort((a, b) => Number(b.direct) - Number(a.direct)))
    if (!seen.has(e.id)) seen.set(e.id, e);
  return [...seen.values()];
}

/** The judged model's own licenses that are known, verified single licenses. */
export function ownUsable(s: Subject): License[] {
  return s.own.map((o) => o.lic).filter(usable);
}

/** Whether some part of the own license is unknown (not in the knowledge base, a family, unverified, NONE). */
export function ownHasUnknown(s: Subject): boolean {
  return s.own.some((o) => !usable(o.lic));
}

/** Whether the own license, all of it binding at once, grants commercial use. */
export function ownGrantsCommercial(s: Subject): boolean {
  const lics = ownUsable(s);
  if (!lics.length) return false;
  if (lics.some((l) => l.terms.commercial.value === "forbidden" || l.flow_down.non_commercial)) return false;
  return lics.some(
    (l) => l.terms.commercial.value === "allowed" || l.terms.commercial.value === "conditional",
  );
}
