// `check`: inspect the target, build its lineage, run the policy engine. The one library call
// behind the CLI's check command and the HTTP API's /api/check.
import { InputError } from "./errors.js";
import { requireExpression } from "./explain.js";
import { knowledgeBase, type KnowledgeBase } from "./kb/knowledge-base.js";
import { inspect, targetDirOf } from "./inspect/inspect.js";
import type { Finding, ModelRecord } from "./inspect/record.js";
import { buildLineage, type LineageNode } from "./lineage/graph.js";
import { Resolver, type HubLookup } from "./lineage/resolver.js";
import { evaluateLineage } from "./policy/lineage-input.js";
import type { CheckOptions, Mode, Obligation, Verdict } from "./policy/types.js";
import { idsOf, parseExprString } from "./kb/expression.js";
import { openness, type Openness } from "./openness.js";
import { FAIL_ON, type FailOn } from "./policy/fail-on.js";

export const DISCLAIMER = "mlicense reports what license texts and model cards say; it is not legal advice.";

export interface CheckRequest extends CheckOptions {
  registry?: string[];
  /** Base records held in memory, by id (lower-cased ids are found case-insensitively). */
  records?: ReadonlyMap<string, ModelRecord>;
  offline?: boolean;
  hub?: HubLookup;
  kb?: KnowledgeBase;
  /** Add the Model Openness Framework class and OSI Open Source AI Definition check. */
  openness?: boolean;
  /** The verdict the caller will fail on, echoed in the report's options (default violation). */
  failOn?: FailOn;
}

export { FAIL_ON, failsOn, type FailOn } from "./policy/fail-on.js";

/** What was checked, echoed so a reader of the report knows the question it answers. */
export interface CheckedOptions {
  use: string[];
  commercial: boolean;
  mode: Mode;
  /** The planned license checked instead of the declared one, or null. */
  as: string | null;
  /** Monthly active users given for thresholds, or null. */
  mau: number | null;
  fail_on: FailOn;
}

export interface LineageView {
  id: string;
  license: string | null;
  relation?: string;
  /** For outputs reached through training data: the dataset they made. */
  via?: string;
  from: string;
  bases: LineageView[];
  datasets: { id: string; license: string | null; from: string }[];
}

export interface CheckReport {
  target: string;
  name: string;
  /** The declared license: `id` an id or an expression string, `ids` every id in it. */
  license: { id: string; name: string; ids: string[] };
  /** The planned license checked instead of the declared one (--as). */
  as?: string;
  /** For a license that offers a choice (OR): the alternative judged, the most favourable. */
  choice?: string;
  /** What was checked, echoed so a report read later says what it answers. */
  options: CheckedOptions;
  mode: Mode;
  verdict: Verdict;
  lineage: LineageView;
  findings: Finding[];
  obligations: Obligation[];
  openness?: Openness;
  disclaimer: string;
}

/** The lineage as a tree for people; a model met again (a diamond, a cycle) is shown once with its bases. */
function view(root: LineageNode): LineageView {
  const seen = new Set<LineageNode>();
  const make = (node: LineageNode, relation?: string, via?: string): LineageView => {
    const v: LineageView = {
      id: node.id,
      license: node.license,
      ...(relation ? { relation } : {}),
      ...(via ? { via } : {}),
      from: node.from,
      bases: [],
      datasets: node.datasets.map((d) => ({ id: d.id, license: d.license, from: d.from })),
    };
    if (!seen.has(node)) {
      seen.add(node);
      pending.push([node, v]);
    }
    return v;
  };
  // breadth first and iterative, so a deep chain cannot overflow the stack
  const pending: [LineageNode, LineageView][] = [];
  const top = make(root);
  for (let at = 0; at < pending.length; at++) {
    const [node, v] = pending[at]!;
    for (const e of node.bases) v.bases.push(make(e.node, e.relation, e.via));
  }
  return top;
}

function validateOptions(req: CheckRequest, kb: KnowledgeBase): void {
  for (const u of req.use ?? [])
    if (!kb.category(u)) {
      const near = kb.categories.map((c) => c.id).filter((c) => c.includes(u) || u.includes(c));
      throw new InputError(
        `unknown use category '${u}'${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}; see data/use-categories.yaml`,
        "unknown-use",
        undefined,
        "--use",
        near,
      );
    }
  if (req.mode && !["internal", "hosted", "distribute"].includes(req.mode))
    throw new InputError(
      `--mode must be internal, hosted or distribute, not '${req.mode}'`,
      "usage",
      undefined,
      "--mode",
    );
  if (req.failOn !== undefined && !FAIL_ON.includes(req.failOn))
    throw new InputError(
      `--fail-on must be ${FAIL_ON.join(", ")}, not '${String(req.failOn)}'`,
      "usage",
      undefined,
      "--fail-on",
    );
  if (req.mau !== undefined && !(Number.isFinite(req.mau) && req.mau >= 0))
    throw new InputError("--mau takes a non-negative number", "usage", undefined, "--mau");
}

/** The options of a request, validated, as the report echoes them. */
export function checkedOptions(req: CheckRequest, kb: KnowledgeBase = knowledgeBase()): CheckedOptions {
  validateOptions(req, kb);
  return {
    use: req.use ?? [],
    commercial: Boolean(req.commercial),
    mode: req.mode ?? "distribute",
    as: req.as ? requireExpression(req.as, kb) : null,
    mau: req.mau ?? null,
    fail_on: req.failOn ?? "violation",
  };
}

export async function checkRecord(
  record: ModelRecord,
  req: CheckRequest = {},
  targetDir?: string,
): Promise<CheckReport> {
  const kb = req.kb ?? knowledgeBase();
  const options = checkedOptions(req, kb);
  const asLicense = options.as ?? undefined;
  const resolver = new Resolver({
    kb,
    targetDir,
    registries: req.registry,
    records: req.records,
    hub: req.hub,
    offline: req.offline,
  });
  const lineage = await buildLineage(record, resolver);
  const ev = evaluateLineage(kb, lineage, {
    options: { use: req.use, commercial: req.commercial, mode: req.mode, mau: req.mau, as: asLicense },
    name: record.name,
    as: asLicense,
  });
  const inspectFindings = record.findings.map((f) => ({ ...f, path: f.path.length ? f.path : [record.id] }));
  const findings = [...inspectFindings, ...ev.findings];
  const e = parseExprString(record.license.id);
  return {
    target: record.id,
    name: record.name,
    license: {
      id: record.license.id,
      name: record.license.name,
      ids: record.license.ids ?? (e ? idsOf(e) : [record.license.id]),
    },
    ...(asLicense ? { as: asLicense } : {}),
    ...(ev.choice ? { choice: ev.choice } : {}),
    options,
    mode: req.mode ?? "distribute",
    verdict: ev.verdict,
    lineage: view(lineage.root),
    findings,
    obligations: ev.obligations,
    ...(req.openness
      ? {
          openness: openness(
            record,
            lineage.root.datasets.map((d) => d.license),
            kb,
          ),
        }
      : {}),
    disclaimer: DISCLAIMER,
  };
}

/** Checks a folder, model file, saved record or catalogue model. */
export async function check(target: string, req: CheckRequest = {}): Promise<CheckReport> {
  const kb = req.kb ?? knowledgeBase();
  const record = inspect(target, { kb });
  return checkRecord(record, { ...req, kb }, targetDirOf(target));
}
