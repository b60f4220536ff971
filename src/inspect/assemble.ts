// The assembler: the facts of every reader merged into one ModelRecord. Where sources meet, it
// never picks one silently:
// - the weights' license is what the card declares (else a model file's metadata) AND every
//   license in the terms files shipped with the weights, for all of them bind whoever ships the
//   files; a file that names a license the statement lacks makes that conjunction the record's
//   license, with a `license-mismatch` warning naming both (the stricter reading);
// - a file that only repeats what is already present (the same license, an acceptable-use policy
//   of a license present, a policy a license present incorporates) adds evidence, not terms;
// - a card whose `license:` is `other` (or unrecognised) with no name is resolved by the files;
// - a name in the card's prose is used only when no other source says anything.
import { basename } from "node:path";
import { NOASSERTION, NONE, type KnowledgeBase } from "../kb/knowledge-base.js";
import { and, choicesOf, formatExpr, idsOf, isLeaf, type LicenseExpr } from "../kb/expression.js";
import { expressionName } from "../kb/resolve-expression.js";
import type { Component } from "../kb/schema.js";
import { finding, type Facts, type LicenseFact, type NameFact } from "./facts.js";
import { cleanModelId } from "./model-id.js";
import {
  RECORD_SCHEMA,
  assertion,
  type BaseRecord,
  type ComponentRecord,
  type DatasetRecord,
  type Evidence,
  type Finding,
  type LicenseAssertion,
  type ModelRecord,
} from "./record.js";

export interface RecordHead {
  id: string;
  target: ModelRecord["target"];
  /** The name when the model has a Hub id (its name part). */
  hubName?: string;
  /** Name sources to take from the facts, best first (a folder's card, a file's metadata). */
  names: readonly NameFact["source"][];
  /** The name when no fact gives one: the folder's or the file's. */
  fallback: { name: string; source: "folder" | "file" };
}

const isNoAssertion = (e: LicenseExpr): boolean => isLeaf(e) && e.id === NOASSERTION;

/**
 * Whether `e` adds nothing to the licenses `present`: one of its choices consists of ids present
 * or incorporated by a license present (Gemma's terms incorporate its prohibited-use policy).
 */
function covered(kb: KnowledgeBase, e: LicenseExpr, present: ReadonlySet<string>): boolean {
  const incorporated = (id: string): boolean =>
    [...present].some((p) => kb.license(p)?.incorporates?.some((i) => i.license === id) ?? false);
  return (choicesOf(e) ?? [idsOf(e)]).some((c) => c.every((id) => present.has(id) || incorporated(id)));
}

/** Who made a statement, for messages: "the card", "model.gguf's metadata". */
function speaker(ev: Evidence | undefined): string {
  if (!ev || ev.source === "card")
    return `the card${ev?.line ? ` (${ev.file ? basename(ev.file) : "README.md"} line ${ev.line})` : ""}`;
  return `${ev.file ? basename(ev.file) : ev.source}'s metadata`;
}

interface Weights {
  expr?: LicenseExpr;
  evidence: Evidence[];
  declared?: string;
  name?: string;
}

function weightsLicense(kb: KnowledgeBase, facts: readonly LicenseFact[], findings: Finding[]): Weights {
  const of = (kind: LicenseFact["kind"]) => facts.filter((f) => f.kind === kind);
  const declared = of("declared");
  const metadata = of("metadata");
  const files = of("terms-file");
  const policies = of("policy-file");
  // the statement the files are held against: the card, else a model file's own metadata
  const statement = declared.length ? declared : metadata;
  const evidence: Evidence[] = statement.flatMap((f) => f.evidence);
  let expr: LicenseExpr | undefined = statement.length ? and(...statement.map((f) => f.expr)) : undefined;
  const head = statement[0];
  const out: Weights = {
    evidence,
    ...(head?.declared ? { declared: head.declared } : {}),
    ...(head?.name ? { name: head.name } : {}),
  };
  const recognised = [...files, ...policies].some((f) => idsOf(f.expr).some((id) => id !== NOASSERTION));
  // `other` with no name, or a value nothing recognised: the files' texts say which license it is
  let held = expr !== undefined && !(isNoAssertion(expr) && recognised);
  if (!held) expr = undefined;
  const present = new Set(expr ? idsOf(expr) : []);
  const mismatched: LicenseFact[] = [];
  for (const f of [...files, ...policies]) {
    evidence.push(...f.evidence);
    if (covered(kb, f.expr, present)) continue;
    if (held && !isNoAssertion(f.expr)) mismatched.push(f);
    expr = expr ? and(expr, f.expr) : f.expr;
    for (const id of idsOf(f.expr)) present.add(id);
  }
  if (expr)
    for (const f of mismatched) {
      const ev = f.evidence[0]!;
      const file = ev.file ? basename(ev.file) : "a license file";
      const what =
        f.kind === "policy-file"
          ? `${file} is the acceptable-use policy of ${expressionName(kb, f.expr)}, which ${speaker(head?.evidence[0])} does not declare`
          : `${speaker(head?.evidence[0])} declares ${expressionName(kb, and(...statement.map((s) => s.expr)))} but ${file} holds ${expressionName(kb, f.expr)}`;
      findings.push(
        finding({
          severity: "warning",
          code: "license-mismatch",
          message: `${what[0]!.toUpperCase()}${what.slice(1)}: both bind whoever ships these files, so the weights' license is read as ${formatExpr(expr)}, the stricter reading.`,
          license: formatExpr(f.expr),
          file: ev.file,
          ...(ev.line ? { line: ev.line } : {}),
        }),
      );
    }
  // a model file's metadata beside the card: evidence, and a warning when it says otherwise
  if (declared.length)
    for (const m of metadata) {
      evidence.push(...m.evidence);
      const ev = m.evidence[0]!;
      if (ev.source === "gguf" && !covered(kb, m.expr, present))
        findings.push(
          finding({
            severity: "warning",
            code: "gguf-license-differs",
            message: `${ev.file ? basename(ev.file) : "The GGUF file"} says its license is '${m.declared ?? formatExpr(m.expr)}' but the card says '${head?.declared ?? formatExpr(and(...declared.map((d) => d.expr)))}'.`,
            file: ev.file,
            field: ev.field,
          }),
        );
    }
  if (!expr) {
    const prose = of("prose")[0];
    if (prose) {
      expr = prose.expr;
      evidence.push(...prose.evidence);
    }
  }
  if (expr) out.expr = expr;
  return out;
}

/** Facts for one component other than the weights: every license found for it binds. */
function otherComponent(kind: Component, facts: readonly LicenseFact[]): ComponentRecord | undefined {
  if (!facts.length) return undefined;
  const known = facts.filter((f) => !isNoAssertion(f.expr));
  return {
    kind,
    license: formatExpr(and(...(known.length ? known : facts).map((f) => f.expr))),
    evidence: facts.flatMap((f) => f.evidence),
  };
}

function mergeBases(all: readonly Facts[]): BaseRecord[] {
  const facts = all.flatMap((f) => f.bases);
  const strong = facts.filter((b) => !b.hint);
  const byId = new Map<string, BaseRecord>();
  for (const b of strong.length ? strong : facts) {
    const id = cleanModelId(b.id);
    if (!id) continue;
    const key = id.toLowerCase();
    const prev = byId.get(key);
    if (!prev) byId.set(key, { id, relation: b.relation, evidence: [b.evidence] });
    else {
      prev.evidence.push(b.evidence);
      if (prev.relation === "unknown" && b.relation !== "unknown") prev.relation = b.relation;
    }
  }
  const bases = [...byId.values()];
  // the Hub's default when a card gives no relation: one base is a finetune, several a merge
  for (const x of bases)
    if (x.relation === "unknown") {
      x.relation = bases.length > 1 ? "merge" : "finetune";
      x.evidence.push({
        source: "inferred",
        value: `relation ${x.relation} (the Hub's default when none is given)`,
      });
    }
  return bases;
}

function mergeDatasets(all: readonly Facts[]): DatasetRecord[] {
  const byId = new Map<string, DatasetRecord>();
  for (const d of all.flatMap((f) => f.datasets)) {
    const id = cleanModelId(d.id) ?? d.id;
    const prev = byId.get(id.toLowerCase());
    if (prev) prev.evidence.push(d.evidence);
    else byId.set(id.toLowerCase(), { id, evidence: [d.evidence] });
  }
  return [...byId.values()];
}

function generatedBy(all: readonly Facts[]): string[] {
  const ids = new Map<string, string>();
  for (const g of all.flatMap((f) => f.generatedBy)) {
    const id = cleanModelId(g.id) ?? g.id;
    if (!ids.has(id.toLowerCase())) ids.set(id.toLowerCase(), id);
  }
  return [...ids.values()];
}

function licenseAssertion(kb: KnowledgeBase, w: Weights): LicenseAssertion {
  if (!w.expr) return assertion({ id: NONE, name: "No license", evidence: [] });
  const id = formatExpr(w.expr);
  return assertion({
    id,
    ids: idsOf(w.expr),
    name: id === NOASSERTION ? (w.name ?? w.declared ?? NOASSERTION) : expressionName(kb, w.expr),
    ...(w.declared ? { declared: w.declared } : {}),
    evidence: [...w.evidence],
  });
}

export function assemble(kb: KnowledgeBase, all: readonly Facts[], head: RecordHead): ModelRecord {
  const findings: Finding[] = all.flatMap((f) => f.findings);
  const licenses = all.flatMap((f) => f.licenses);
  const w = weightsLicense(
    kb,
    licenses.filter((l) => l.component === "weights"),
    findings,
  );
  const license = licenseAssertion(kb, w);
  const components: ComponentRecord[] = [];
  if (w.expr) components.push({ kind: "weights", license: license.id, evidence: [...w.evidence] });
  for (const kind of ["code", "data"] as const) {
    const c = otherComponent(
      kind,
      licenses.filter((l) => l.component === kind),
    );
    if (c) components.push(c);
  }
  if (license.id === NONE)
    findings.push(
      finding({
        severity: "warning",
        code: "no-license",
        message: "No license was found in the card, license files or model files.",
      }),
    );
  else if (
    license.ids.includes(NOASSERTION) &&
    !findings.some((f) => f.code === "other-without-name" || f.code === "license-not-recognised")
  )
    findings.push(
      finding({
        severity: "warning",
        code: "license-not-recognised",
        message: "A license is present but was not recognised.",
      }),
    );
  const bases = mergeBases(all);
  const needsBase = all.find((f) => f.needsBase)?.needsBase;
  if (needsBase && !bases.length)
    findings.push(
      finding({
        severity: "warning",
        code: "adapter-without-base",
        message: needsBase.message,
        file: needsBase.file,
      }),
    );
  const names = all.flatMap((f) => f.names);
  const named = head.names.map((s) => names.find((n) => n.source === s)).find(Boolean);
  const [name, nameSource]: [string, ModelRecord["nameSource"]] = head.hubName
    ? [head.hubName, "hub-id"]
    : named
      ? [named.name, named.source]
      : [head.fallback.name, head.fallback.source];
  const task = all.find((f) => f.task)?.task;
  const architecture = all.find((f) => f.architecture)?.architecture;
  const gen = generatedBy(all);
  return {
    schema: RECORD_SCHEMA,
    id: head.id,
    name,
    nameSource,
    target: head.target,
    license,
    components,
    bases,
    datasets: mergeDatasets(all),
    findings,
    ...(task ? { task } : {}),
    ...(architecture ? { architecture } : {}),
    ...(gen.length ? { generatedBy: gen } : {}),
  };
}
