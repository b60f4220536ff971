// `check`: inspect the target, build its lineage, run the policy engine. The one library call
// behind the CLI's check command and the HTTP API's /api/check.
import { InputError } from "./errors.js";
import { requireLicense } from "./explain.js";
import { knowledgeBase, type KnowledgeBase } from "./kb/knowledge-base.js";
import { inspect, targetDirOf } from "./inspect/inspect.js";
import type { Finding, ModelRecord } from "./inspect/record.js";
import { buildLineage, type LineageNode } from "./lineage/graph.js";
import { Resolver, type HubLookup } from "./lineage/resolver.js";
import { evaluate, type Verdict } from "./policy/engine.js";
import type { CheckOptions, Mode, Obligation } from "./policy/types.js";
import { openness, type Openness } from "./openness.js";

export const DISCLAIMER = "mlicense reports what license texts and model cards say; it is not legal advice.";

export interface CheckRequest extends CheckOptions {
  registry?: string[];
  offline?: boolean;
  hub?: HubLookup;
  kb?: KnowledgeBase;
  /** Add the Model Openness Framework class and OSI Open Source AI Definition check. */
  openness?: boolean;
  /** The verdict the caller will fail on, echoed in the report's options (default violation). */
  failOn?: FailOn;
}

/** The verdicts a caller can fail on, from the strictest: anything but ok, then unknown, then violation. */
export type FailOn = "conditional" | "unknown" | "violation";

export const FAIL_ON: readonly FailOn[] = ["conditional", "unknown", "violation"];
const FAIL_RANK: Record<Verdict, number> = { ok: 0, conditional: 1, unknown: 2, violation: 3 };

/**
 * Whether a verdict fails a gate set at `failOn`: violation fails only on violation, unknown also on
 * an incomplete check, conditional on anything but ok.
 */
export function failsOn(verdict: Verdict, failOn: FailOn = "violation"): boolean {
  return FAIL_RANK[verdict] >= FAIL_RANK[failOn];
}

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
  from: string;
  bases: LineageView[];
  datasets: { id: string; license: string | null; from: string }[];
}

export interface CheckReport {
  target: string;
  name: string;
  license: { id: string; name: string };
  /** The planned license checked instead of the declared one (--as). */
  as?: string;
  mode: Mode;
  options: CheckedOptions;
  verdict: Verdict;
  lineage: LineageView;
  findings: Finding[];
  obligations: Obligation[];
  openness?: Openness;
  disclaimer: string;
}

function view(node: LineageNode, relation: string | undefined, seen: Set<LineageNode>): LineageView {
  const again = seen.has(node);
  seen.add(node);
  return {
    id: node.id,
    license: node.license,
    relation,
    from: node.from,
    bases: again ? [] : node.bases.map((e) => view(e.node, e.relation, seen)),
    datasets: node.datasets,
  };
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
    as: req.as ? requireLicense(req.as, kb).id : null,
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
  const asLicense = req.as ? requireLicense(req.as, kb) : undefined;
  const resolver = new Resolver({
    kb,
    targetDir,
    registries: req.registry,
    hub: req.hub,
    offline: req.offline,
  });
  const lineage = await buildLineage(record, resolver);
  const declaredId = asLicense?.id ?? record.license.id;
  const ev = evaluate(kb, lineage, declaredId, record.name, req);
  const inspectFindings = record.findings.map((f) => ({ ...f, path: f.path.length ? f.path : [record.id] }));
  const findings = [...inspectFindings, ...ev.findings];
  return {
    target: record.id,
    name: record.name,
    license: { id: record.license.id, name: record.license.name },
    ...(asLicense ? { as: asLicense.id } : {}),
    mode: req.mode ?? "distribute",
    options,
    verdict: ev.verdict,
    lineage: view(lineage.root, undefined, new Set()),
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
