// What rules see and what they produce. Rules read structured terms only, never prose.
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import type { Clause, License, Relation } from "../kb/schema.js";
import type { Finding } from "../inspect/record.js";
import type { LineageNode } from "../lineage/graph.js";

export type Mode = "internal" | "hosted" | "distribute";

export interface CheckOptions {
  /** Intended uses, ids from data/use-categories.yaml. */
  use?: string[];
  /** The model will be used commercially. */
  commercial?: boolean;
  /** How the model is used: only inside, as a hosted service, or distributed (default). */
  mode?: Mode;
  /** A planned release license to check instead of the declared one. */
  as?: string;
  /** Monthly active users of the product, for user-count thresholds. */
  mau?: number;
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

/** A model above the target in the lineage, with how it was reached. */
export interface Ancestor {
  id: string;
  node: LineageNode;
  /** Model ids from the target to this ancestor. */
  path: string[];
  /** Relations along the path, target first. */
  relations: Relation[];
  /** Its license entry, when the id is in the knowledge base. */
  license?: License;
  licenseId: string | null;
}

export interface PolicyContext {
  kb: KnowledgeBase;
  root: LineageNode;
  /** The target's name, for naming duties. */
  name: string;
  /** The license the derivative is (or will be) released under. */
  declaredId: string;
  declared?: License;
  options: Required<Pick<CheckOptions, "mode">> & CheckOptions;
  ancestors: Ancestor[];
}

export interface RuleOutput {
  finding(f: Finding): void;
  obligation(o: Obligation): void;
  /** A duty that exists but does not trigger in the chosen mode. */
  skipped(license: string, duty: string): void;
}

export interface Rule {
  /** Stable id, also the prefix of the finding codes it emits. */
  id: string;
  description: string;
  /** The structured fields of license entries this rule reads. */
  reads: string[];
  run(ctx: PolicyContext, out: RuleOutput): void;
}

/** Whether a license's distribution duties trigger in the chosen mode. */
export function distributes(ctx: PolicyContext, lic: License): boolean {
  if (ctx.options.mode === "distribute") return true;
  if (ctx.options.mode === "internal") return false;
  // hosted: only licenses that count remote access as distribution (RAIL, AGPL, Llama's "make available")
  const h = lic.terms.hosted_use?.value;
  return h === "conditional" || h === "forbidden";
}

/** Relations through which the derivative contains the ancestor's weights (not just its outputs). */
export function carriesWeights(a: Ancestor): boolean {
  return !a.relations.includes("uses-output-of");
}

/** Whether the ancestor's flow-down duties bind the derivative: it carries the weights, or the
 * license counts models trained on its outputs as derivatives (Gemma §1.1(e)). */
export function boundAsDerivative(a: Ancestor): boolean {
  return (
    carriesWeights(a) ||
    Boolean(a.license?.outputs?.restrictions.some((r) => r.kind === "outputs-make-derivatives"))
  );
}
