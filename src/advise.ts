// `advise`: which licenses a new derivative may use, ranked for a goal, with the model-card front
// matter, a NOTICE text, and the smallest fix when the target currently violates something.
import { stringify } from "yaml";
import { InputError } from "./errors.js";
import { knowledgeBase, NOASSERTION, type KnowledgeBase } from "./kb/knowledge-base.js";
import type { License, Relation } from "./kb/schema.js";
import { RECORD_SCHEMA, type ModelRecord } from "./inspect/record.js";
import { buildLineage, type Lineage } from "./lineage/graph.js";
import { Resolver, type HubLookup } from "./lineage/resolver.js";
import { ancestorsOf, evaluate, type Verdict } from "./policy/engine.js";
import type { Obligation } from "./policy/types.js";
import { usable } from "./policy/pairs.js";
import { startsWithName } from "./policy/rules/naming.js";
import { DISCLAIMER } from "./check.js";

export type Goal = "commercial" | "open" | "copyleft" | "responsible";
export const GOALS: readonly Goal[] = ["commercial", "open", "copyleft", "responsible"];

/** Findings that depend on the derivative's license, so another license can cure them. */
const LICENSE_DEPENDENT = new Set([
  "use-restrictions-dropped",
  "non-commercial-dropped",
  "share-alike-broken",
  "output-use-restricted",
]);

export interface Candidate {
  id: string;
  name: string;
  family: string;
  /** Why this license is allowed here, one reason per constraint of the lineage. */
  why: string[];
  /** What the release must still do under it. */
  duties: string[];
}

export interface Fix {
  kind: "change-license" | "rename" | "add-notice";
  text: string;
}

export interface Advice {
  target: string;
  name: string;
  goal: Goal | null;
  candidates: Candidate[];
  /** Problems no license can cure (exclusive bases, merge conflicts, unreleased weights). */
  blockers: { code: string; message: string; license?: string }[];
  model_card: string;
  notice: string;
  current?: { license: string; verdict: Verdict; fixes: Fix[]; fixed_verdict?: Verdict };
  disclaimer: string;
}

export interface AdviseRequest {
  goal?: Goal;
  registry?: string[];
  offline?: boolean;
  hub?: HubLookup;
  kb?: KnowledgeBase;
  targetDir?: string;
}

const OPEN_ORDER = [
  "public-domain",
  "permissive",
  "weak-copyleft",
  "copyleft",
  "open-rail",
  "community",
  "rail",
  "non-commercial",
  "research-only",
  "proprietary",
];
const GOAL_ORDER: Record<Goal, string[]> = {
  open: OPEN_ORDER,
  commercial: OPEN_ORDER,
  copyleft: ["copyleft", "weak-copyleft", ...OPEN_ORDER],
  responsible: ["open-rail", "rail", "community", ...OPEN_ORDER],
};

/** A record for a model that does not exist yet: `advise --base ID... --dataset ID...`. */
export function plannedRecord(
  bases: string[],
  datasets: string[],
  relation: Relation,
  name = "new-model",
): ModelRecord {
  return {
    schema: RECORD_SCHEMA,
    id: name,
    name,
    nameSource: "model_name",
    target: { kind: "record", path: name },
    license: { id: NOASSERTION, ids: [NOASSERTION], name: "Not chosen yet", evidence: [] },
    components: [],
    bases: bases.map((id) => ({
      id,
      relation: bases.length > 1 && relation === "finetune" ? "merge" : relation,
      evidence: [{ source: "inferred", value: id }],
    })),
    datasets: datasets.map((id) => ({ id, evidence: [{ source: "inferred", value: id }] })),
    findings: [],
  };
}

function reasons(kb: KnowledgeBase, c: License, lineage: Lineage): string[] {
  const byLicense = new Map<string, { lic: License; models: string[] }>();
  for (const a of ancestorsOf(lineage.root, kb)) {
    if (!usable(a.license)) continue;
    const e = byLicense.get(a.license.id) ?? { lic: a.license, models: [] };
    e.models.push(a.id);
    byLicense.set(a.license.id, e);
  }
  const out: string[] = [];
  for (const { lic: b, models } of byLicense.values()) {
    const of = models.length === 1 ? models[0]! : `${models[0]} and ${models.length - 1} more`;
    if (b.id === c.id) {
      out.push(`keeps the license of ${of}`);
      continue;
    }
    if (b.flow_down.use_restrictions) out.push(`carries every use restriction ${b.name} passes on (${of})`);
    if (b.flow_down.same_license) out.push(`is a license ${b.name} accepts for derivatives (${of})`);
    if (b.terms.commercial.value === "forbidden" || b.flow_down.non_commercial)
      out.push(`keeps the non-commercial limit of ${b.name} (${of})`);
  }
  if (c.terms.commercial.value === "allowed") out.push("allows commercial use");
  return out;
}

function score(c: License, goal: Goal | null, baseIds: Set<string>): number[] {
  const order = GOAL_ORDER[goal ?? "open"];
  const famRank = order.indexOf(c.family) < 0 ? order.length : order.indexOf(c.family);
  const commercial =
    c.terms.commercial.value === "allowed" ? 0 : c.terms.commercial.value === "conditional" ? 1 : 2;
  const keeps = baseIds.has(c.id) ? 0 : 1;
  return [
    goal === null ? keeps : 0, // with no goal, keeping the base's license is the simplest answer
    goal === "commercial" ? commercial : 0,
    famRank,
    keeps,
    c.hub ? 0 : 1, // a license the Hub lists can go straight into the card
  ];
}

function cmp(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function frontMatter(record: ModelRecord, lic: License | undefined): string {
  const fm: Record<string, unknown> = {};
  if (lic) {
    fm.license = lic.hub ?? "other";
    if (!lic.hub) {
      fm.license_name = lic.id;
      if (lic.url) fm.license_link = lic.url;
    }
  }
  if (record.bases.length) {
    fm.base_model = record.bases.length === 1 ? record.bases[0]!.id : record.bases.map((b) => b.id);
    const rels = [...new Set(record.bases.map((b) => b.relation))];
    if (rels.length === 1 && rels[0] !== "unknown") fm.base_model_relation = rels[0];
  }
  if (record.datasets.length) fm.datasets = record.datasets.map((d) => d.id);
  return `---\n${stringify(fm)}---\n`;
}

function noticeText(
  kb: KnowledgeBase,
  record: ModelRecord,
  lineage: Lineage,
  obligations: Obligation[],
): string {
  const lines = [`NOTICE for ${record.name}`, ""];
  const ancestors = ancestorsOf(lineage.root, kb);
  if (ancestors.length) {
    lines.push("This model is derived from:");
    for (const a of ancestors) {
      const lic = a.license;
      lines.push(
        `- ${a.id} (${a.relations[a.relations.length - 1]}), licensed under ${lic?.name ?? a.licenseId ?? "an unknown license"}${lic?.url ? ` (${lic.url})` : ""}.`,
      );
    }
    lines.push("");
  }
  for (const d of lineage.root.datasets)
    lines.push(
      `Trained on ${d.id}, licensed under ${(d.license && kb.license(d.license)?.name) ?? d.license ?? "an unknown license"}.`,
    );
  const notices = obligations.filter((o) => /^Include the notice|^Display/.test(o.text));
  if (notices.length) {
    lines.push("", "Required notices:");
    for (const o of notices) lines.push(`- ${o.text.replace(/^Include the notice: /, "")}`);
  }
  const restricted = [
    ...new Set(
      ancestors
        .filter((a) => usable(a.license) && a.license!.flow_down.use_restrictions)
        .map((a) => a.license!.name),
    ),
  ];
  if (restricted.length)
    lines.push("", `Use of this model is subject to the use restrictions of: ${restricted.join("; ")}.`);
  return lines.join("\n") + "\n";
}

export async function advise(record: ModelRecord, req: AdviseRequest = {}): Promise<Advice> {
  const kb = req.kb ?? knowledgeBase();
  if (req.goal && !GOALS.includes(req.goal))
    throw new InputError(
      `--goal must be one of ${GOALS.join(", ")}, not '${req.goal}'`,
      "usage",
      undefined,
      "--goal",
    );
  const resolver = new Resolver({
    kb,
    targetDir: req.targetDir,
    registries: req.registry,
    hub: req.hub,
    offline: req.offline,
  });
  const lineage = await buildLineage(record, resolver);
  const baseIds = new Set(ancestorsOf(lineage.root, kb).map((a) => a.licenseId ?? ""));
  const opts = { mode: "distribute" as const };

  const blockers = new Map<string, { code: string; message: string; license?: string }>();
  const candidates: { lic: License; duties: Obligation[] }[] = [];
  for (const c of kb.licenses) {
    if (!usable(c) || c.family === "exclusive" || c.family === "proprietary" || !c.covers.includes("weights"))
      continue;
    // a vendor's agreement (Llama, Gemma, Stability) is granted by that vendor only: it is a
    // candidate when it is already the license of something in the lineage, never otherwise
    if (c.licensor && !baseIds.has(c.id)) continue;
    const ev = evaluate(kb, lineage, c.id, record.name, opts);
    const bad = ev.findings.filter((f) => f.severity === "violation");
    for (const f of bad)
      if (!LICENSE_DEPENDENT.has(f.code) && f.code !== "naming-duty-unmet")
        blockers.set(f.code + f.message, { code: f.code, message: f.message, license: f.license });
    if (bad.some((f) => LICENSE_DEPENDENT.has(f.code))) continue;
    candidates.push({ lic: c, duties: ev.obligations });
  }
  candidates.sort(
    (a, b) =>
      cmp(score(a.lic, req.goal ?? null, baseIds), score(b.lic, req.goal ?? null, baseIds)) ||
      a.lic.id.localeCompare(b.lic.id),
  );
  const list: Candidate[] = blockers.size
    ? []
    : candidates.map(({ lic, duties }) => ({
        id: lic.id,
        name: lic.name,
        family: lic.family,
        why: reasons(kb, lic, lineage),
        duties: [...new Set(duties.filter((d) => d.trigger === "distribute").map((d) => d.text))],
      }));
  const best = list[0] ? kb.license(list[0].id) : undefined;
  const bestDuties = candidates[0]?.duties ?? [];

  const advice: Advice = {
    target: record.id,
    name: record.name,
    goal: req.goal ?? null,
    candidates: list,
    blockers: [...blockers.values()],
    model_card: frontMatter(record, best),
    notice: noticeText(kb, record, lineage, bestDuties),
    disclaimer: DISCLAIMER,
  };

  if (record.license.id !== NOASSERTION || record.license.evidence.length) {
    const now = evaluate(kb, lineage, record.license.id, record.name, opts);
    const fixes: Fix[] = [];
    let name = record.name;
    let license = record.license.id;
    const violations = now.findings.filter((f) => f.severity === "violation");
    if (violations.some((f) => LICENSE_DEPENDENT.has(f.code)) && best) {
      license = best.id;
      fixes.push({
        kind: "change-license",
        text: `Change the declared license to ${best.id} (${best.name}).`,
      });
    }
    for (const f of violations.filter((v) => v.code === "naming-duty-unmet")) {
      const prefix = kb.license(f.license ?? "")?.flow_down.naming?.prefix;
      if (prefix && !startsWithName(name, prefix)) {
        name = `${prefix} ${name}`;
        fixes.push({ kind: "rename", text: `Rename the model to "${name}".` });
      }
    }
    if (now.obligations.some((o) => /^Include the notice/.test(o.text)))
      fixes.push({ kind: "add-notice", text: "Add the NOTICE text below to the repository." });
    const after = fixes.length ? evaluate(kb, lineage, license, name, opts).verdict : undefined;
    advice.current = {
      license: record.license.id,
      verdict: now.verdict,
      fixes,
      ...(after ? { fixed_verdict: after } : {}),
    };
  }
  return advice;
}
