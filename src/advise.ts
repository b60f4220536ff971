// `advise`: which licenses a new derivative may use, ranked for a goal, with the model-card front
// matter, a NOTICE text, and the smallest fix when the target currently violates something.
import { stringify } from "yaml";
import { InputError } from "./errors.js";
import { knowledgeBase, NOASSERTION, type KnowledgeBase } from "./kb/knowledge-base.js";
import type { License, Relation } from "./kb/schema.js";
import { RECORD_SCHEMA, type ModelRecord } from "./inspect/record.js";
import { buildLineage, lineageNodes, type Lineage } from "./lineage/graph.js";
import { Resolver, type HubLookup } from "./lineage/resolver.js";
import { PolicyEngine } from "./policy/engine.js";
import { evaluateLineage } from "./policy/lineage-input.js";
import { usable, type Obligation, type Verdict } from "./policy/types.js";
import { startsWithName } from "./policy/rules/naming.js";
import { and, formatExpr, idsOf, leaf, parseExprString } from "./kb/expression.js";
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
  /** A license id, or an expression of ids when the lineage needs several licenses at once. */
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
  /** Problems no license can cure (exclusive bases, merge conflicts, unreleased weights, bases whose license is unknown). */
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

/** Every model above the target once, with the license entries of its license expression. */
function ancestors(
  kb: KnowledgeBase,
  lineage: Lineage,
): { id: string; relation: string; licenseId: string | null; licenses: License[] }[] {
  const out = [];
  for (const n of lineageNodes(lineage.root).slice(1)) {
    const e = n.license ? parseExprString(n.license) : null;
    const relation =
      lineageNodes(lineage.root)
        .find((m) => m.bases.some((b) => b.node === n))
        ?.bases.find((b) => b.node === n)?.relation ?? "unknown";
    out.push({
      id: n.id,
      relation,
      licenseId: n.license,
      licenses: (e ? idsOf(e) : []).map((id) => kb.license(id)).filter((l): l is License => Boolean(l)),
    });
  }
  return out;
}

function reasons(kb: KnowledgeBase, candidate: License[], lineage: Lineage): string[] {
  const byLicense = new Map<string, { lic: License; models: string[] }>();
  for (const a of ancestors(kb, lineage))
    for (const lic of a.licenses) {
      if (!usable(lic)) continue;
      const e = byLicense.get(lic.id) ?? { lic, models: [] };
      e.models.push(a.id);
      byLicense.set(lic.id, e);
    }
  const out: string[] = [];
  const ids = new Set(candidate.map((c) => c.id));
  for (const { lic: b, models } of byLicense.values()) {
    const of = models.length === 1 ? models[0]! : `${models[0]} and ${models.length - 1} more`;
    if (ids.has(b.id)) {
      out.push(`keeps the license of ${of}`);
      continue;
    }
    if (b.flow_down.use_restrictions) out.push(`carries every use restriction ${b.name} passes on (${of})`);
    if (b.flow_down.same_license) out.push(`is a license ${b.name} accepts for derivatives (${of})`);
    if (b.terms.commercial.value === "forbidden" || b.flow_down.non_commercial)
      out.push(`keeps the non-commercial limit of ${b.name} (${of})`);
  }
  if (candidate.every((c) => c.terms.commercial.value === "allowed")) out.push("allows commercial use");
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

function frontMatter(record: ModelRecord, lics: License[] | undefined, _kb: KnowledgeBase): string {
  const fm: Record<string, unknown> = {};
  // a card's license list is an AND; licenses the Hub does not list go as `other` with a name
  if (lics?.length === 1) {
    const lic = lics[0]!;
    fm.license = lic.hub ?? "other";
    if (!lic.hub) {
      fm.license_name = lic.id;
      if (lic.url) fm.license_link = lic.url;
    }
  } else if (lics?.length) {
    fm.license = lics.map((l) => l.hub ?? "other");
    const other = lics.filter((l) => !l.hub);
    if (other.length) fm.license_name = other.map((l) => l.id).join(" AND ");
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
  const above = ancestors(kb, lineage);
  if (above.length) {
    lines.push("This model is derived from:");
    for (const a of above) {
      const names = a.licenses.length
        ? a.licenses.map((l) => `${l.name}${l.url ? ` (${l.url})` : ""}`).join(" and ")
        : (a.licenseId ?? "an unknown license");
      lines.push(`- ${a.id} (${a.relation}), licensed under ${names}.`);
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
      above.flatMap((a) =>
        a.licenses.filter((l) => usable(l) && l.flow_down.use_restrictions).map((l) => l.name),
      ),
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
  const above = ancestors(kb, lineage);
  const baseIds = new Set(
    above.flatMap((a) => (a.licenseId ? idsOf(parseExprString(a.licenseId) ?? leaf(a.licenseId)) : [])),
  );
  const engine = new PolicyEngine(kb, { mode: "distribute" });
  const judge = (as: string, name = record.name) => evaluateLineage(kb, lineage, { name, as, engine });

  const blockers = new Map<string, { code: string; message: string; license?: string }>();
  // a base whose license is unknown could forbid anything: nothing can be recommended over it
  const probe = judge("mit");
  for (const f of probe.findings)
    if (f.severity === "unknown" && f.path.length > 1)
      blockers.set(f.code + f.message, {
        code: "base-license-unknown",
        message: `${f.message} Nothing can be recommended until it is known.`,
        ...(f.license ? { license: f.license } : {}),
      });
  const candidates: { expr: string; lics: License[]; duties: Obligation[] }[] = [];
  const consider = (lics: License[]) => {
    const expr = formatExpr(and(...lics.map((l) => leaf(l.id))));
    if (candidates.some((c) => c.expr === expr)) return;
    const ev = judge(expr);
    const bad = ev.findings.filter((f) => f.severity === "violation");
    for (const f of bad)
      if (!LICENSE_DEPENDENT.has(f.code) && f.code !== "naming-duty-unmet")
        blockers.set(f.code + f.message, { code: f.code, message: f.message, license: f.license });
    if (bad.some((f) => LICENSE_DEPENDENT.has(f.code))) return;
    if (ev.findings.some((f) => f.severity === "unknown" && f.path.length === 1)) return;
    candidates.push({ expr, lics, duties: ev.obligations });
  };
  for (const c of kb.licenses) {
    if (
      !usable(c) ||
      c.family === "exclusive" ||
      c.family === "proprietary" ||
      c.family === "policy" ||
      !c.covers.includes("weights")
    )
      continue;
    // a vendor's agreement (Llama, Gemma, Stability) is granted by that vendor only: it is a
    // candidate when it is already the license of something in the lineage, never otherwise
    if (c.licensor && !baseIds.has(c.id)) continue;
    consider([c]);
  }
  // a merge of models under different vendors' agreements can only carry them all at once
  const vendor = [...baseIds]
    .map((id) => kb.license(id))
    .filter(
      (l): l is License =>
        usable(l) && Boolean(l.licensor || l.flow_down.use_restrictions || l.flow_down.same_license),
    );
  if (vendor.length > 1) consider(vendor);
  const goalLic = (c: { lics: License[] }) => c.lics[c.lics.length - 1]!;
  candidates.sort(
    (a, b) =>
      a.lics.length - b.lics.length ||
      cmp(score(goalLic(a), req.goal ?? null, baseIds), score(goalLic(b), req.goal ?? null, baseIds)) ||
      a.expr.localeCompare(b.expr),
  );
  const list: Candidate[] = blockers.size
    ? []
    : candidates.map(({ expr, lics, duties }) => ({
        id: expr,
        name: lics.map((l) => l.name).join(" AND "),
        family: lics.length === 1 ? lics[0]!.family : "expression",
        why: reasons(kb, lics, lineage),
        duties: [...new Set(duties.filter((d) => d.trigger === "distribute").map((d) => d.text))],
      }));
  const best = list[0] ? candidates[0]!.lics : undefined;
  const bestDuties = list[0] ? candidates[0]!.duties : [];

  const advice: Advice = {
    target: record.id,
    name: record.name,
    goal: req.goal ?? null,
    candidates: list,
    blockers: [...blockers.values()],
    model_card: frontMatter(record, best, kb),
    notice: noticeText(kb, record, lineage, bestDuties),
    disclaimer: DISCLAIMER,
  };

  if (record.license.id !== NOASSERTION || record.license.evidence.length) {
    const now = judge(record.license.id);
    const fixes: Fix[] = [];
    let name = record.name;
    let license = record.license.id;
    const violations = now.findings.filter((f) => f.severity === "violation");
    if (violations.some((f) => LICENSE_DEPENDENT.has(f.code)) && best) {
      license = list[0]!.id;
      fixes.push({
        kind: "change-license",
        text: `Change the declared license to ${list[0]!.id} (${list[0]!.name}).`,
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
    const after = fixes.length ? judge(license, name).verdict : undefined;
    advice.current = {
      license: record.license.id,
      verdict: now.verdict,
      fixes,
      ...(after ? { fixed_verdict: after } : {}),
    };
  }
  return advice;
}
