// Every case in test/fixtures/check/expected.json through the CLI, in-process: verdict, exit code,
// finding codes that must (and must not) appear, licenses cited, and a few contract checks that hold
// for every report. The manifest's fields are described in test/fixtures/check/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, fixture, SHARED } from "../helpers.js";

type Verdict = "ok" | "conditional" | "violation" | "unknown";

interface Case {
  case: string;
  args: string[];
  /** The verdict the licenses require (absent for usage errors). */
  verdict?: Verdict;
  codes?: string[];
  not_codes?: string[];
  /** License ids some finding or obligation must cite. */
  cites?: string[];
  /** License ids some obligation must cite. */
  obligations?: string[];
  /** Substrings some obligation's text must contain. */
  obligation_text?: string[];
  /** Substrings some finding's message must contain. */
  finding_text?: string[];
  /** Paths (model ids from the target down) some finding must have. */
  finding_paths?: string[][];
  /** Relations of the target's direct bases in the reported lineage, in order. */
  relations?: string[];
  /** The planned license the report must name (--as). */
  as?: string;
  /** A usage error: exit 2 and this error code. */
  error?: string;
  suggestions?: string[];
  /** Why the verdict is what the licenses require, for cases that found a bug. */
  bug?: string;
}

interface Finding {
  severity: string;
  code: string;
  message: string;
  license?: string;
  path: string[];
}
interface Obligation {
  license: string;
  text: string;
  trigger: string;
}

const DIR = fixture("check");
const REGISTRY = fixture("check", "registry");
const CASES: Case[] = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8"));
const SEVERITIES = ["violation", "unknown", "warning", "info"];

/** A finding's license may name several ids ("cc-by-nc-4.0, cc-by-sa-4.0" for a merge conflict). */
const ids = (license: string | undefined) => (license ? license.split(/,\s*/) : []);

function label(c: Case): string {
  return [c.case, ...c.args].join(" ");
}

async function problemsOf(c: Case, dir: string, registry: string): Promise<string[]> {
  const r = await cli(
    "check",
    join(dir, c.case, "model"),
    "--registry",
    registry,
    "--offline",
    "--json",
    ...c.args,
  );
  const doc = r.json;
  if (!doc) return [`no JSON on stdout (exit ${r.code}): ${r.stderr.slice(0, 300)}`];
  const p: string[] = [];
  if (c.error) {
    if (r.code !== 2) p.push(`exit ${r.code}, want 2`);
    if (doc.error?.code !== c.error) p.push(`error code ${doc.error?.code}, want ${c.error}`);
    for (const s of c.suggestions ?? [])
      if (!doc.error?.suggestions?.includes(s))
        p.push(`suggestions ${JSON.stringify(doc.error?.suggestions)} lack ${s}`);
    return p;
  }
  if (doc.error) return [`error ${doc.error.code}: ${doc.error.message}`];
  const findings: Finding[] = doc.findings;
  const obligations: Obligation[] = doc.obligations;
  const codes = findings.map((f) => f.code);
  const summary = findings.map((f) => `${f.severity}:${f.code}`).join(", ") || "none";
  if (doc.verdict !== c.verdict) p.push(`verdict ${doc.verdict}, want ${c.verdict} (findings: ${summary})`);
  const wantExit = doc.verdict === "violation" ? 1 : 0;
  if (r.code !== wantExit) p.push(`exit ${r.code} with verdict ${doc.verdict}`);
  for (const k of c.codes ?? []) if (!codes.includes(k)) p.push(`no finding ${k} (findings: ${summary})`);
  for (const k of c.not_codes ?? []) if (codes.includes(k)) p.push(`unexpected finding ${k}`);
  const cited = new Set([...findings.flatMap((f) => ids(f.license)), ...obligations.map((o) => o.license)]);
  for (const id of c.cites ?? []) if (!cited.has(id)) p.push(`nothing cites ${id}`);
  const owed = new Set(obligations.map((o) => o.license));
  for (const id of c.obligations ?? []) if (!owed.has(id)) p.push(`no obligation cites ${id}`);
  for (const s of c.obligation_text ?? [])
    if (!obligations.some((o) => o.text.includes(s))) p.push(`no obligation says "${s}"`);
  for (const s of c.finding_text ?? [])
    if (!findings.some((f) => f.message.includes(s))) p.push(`no finding says "${s}"`);
  for (const path of c.finding_paths ?? [])
    if (!findings.some((f) => JSON.stringify(f.path) === JSON.stringify(path)))
      p.push(`no finding with path ${path.join(" > ")}`);
  if (c.relations) {
    const rel = doc.lineage.bases.map((b: { relation: string }) => b.relation);
    if (JSON.stringify(rel) !== JSON.stringify(c.relations))
      p.push(`base relations ${JSON.stringify(rel)}, want ${JSON.stringify(c.relations)}`);
  }
  if (c.as !== undefined && doc.as !== c.as) p.push(`as ${doc.as}, want ${c.as}`);
  // what holds for every report
  const mode = c.args.includes("--mode") ? c.args[c.args.indexOf("--mode") + 1] : "distribute";
  if (doc.mode !== mode) p.push(`mode ${doc.mode}, want ${mode}`);
  for (const f of findings) {
    if (!SEVERITIES.includes(f.severity)) p.push(`finding ${f.code} has severity ${f.severity}`);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(f.code)) p.push(`finding code '${f.code}' is not kebab-case`);
    if (!f.message) p.push(`finding ${f.code} has no message`);
    if (f.path[0] !== doc.target)
      p.push(`finding ${f.code} path ${f.path.join(" > ")} does not start at the target`);
  }
  for (const o of obligations) if (!o.license || !o.text) p.push(`obligation without license or text`);
  if (mode === "internal" && obligations.some((o) => o.trigger === "distribute"))
    p.push("a distribution duty is listed in internal mode");
  if (!doc.disclaimer) p.push("no disclaimer");
  return p;
}

test("the check manifest lists every fixture folder and only existing ones", () => {
  const folders = readdirSync(DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "registry")
    .map((d) => d.name)
    .sort();
  const listed = [...new Set(CASES.map((c) => c.case))].sort();
  assert.deepEqual(listed, folders);
  for (const c of CASES) {
    assert.ok(existsSync(join(DIR, c.case, "model", "README.md")), `${c.case}/model/README.md`);
    assert.ok(c.error ? !c.verdict : c.verdict, `${label(c)}: a case has a verdict or an error, not both`);
  }
  const labels = CASES.map(label);
  assert.deepEqual(
    labels.filter((l, i) => labels.indexOf(l) !== i),
    [],
    "a case and its arguments appear once",
  );
});

test("every check fixture gets the verdict its licenses require", async (t) => {
  for (const c of CASES)
    await t.test(label(c), async () => {
      const problems = await problemsOf(c, DIR, REGISTRY);
      assert.deepEqual(
        problems,
        [],
        `check ${label(c)}:\n  ${problems.join("\n  ")}${c.bug ? `\n  (why: ${c.bug})` : ""}`,
      );
    });
});

// The public acceptance scenarios, run the same way, when ../shared is present.
const SCENARIOS = join(SHARED, "scenarios");
test(
  "the shared acceptance scenarios pass in-process",
  { skip: !existsSync(join(SCENARIOS, "expected.json")) && "../shared/scenarios not present" },
  async () => {
    const cases: { case: string; args: string[]; verdict: Verdict[]; cites: string[] }[] = JSON.parse(
      readFileSync(join(SCENARIOS, "expected.json"), "utf8"),
    );
    const failed: string[] = [];
    for (const c of cases) {
      const r = await cli(
        "check",
        join(SCENARIOS, c.case, "model"),
        "--registry",
        join(SCENARIOS, "registry"),
        "--offline",
        "--json",
        ...c.args,
      );
      const doc = r.json;
      const cited = new Set([
        ...(doc?.findings ?? []).flatMap((f: Finding) => ids(f.license)),
        ...(doc?.obligations ?? []).map((o: Obligation) => o.license),
      ]);
      const missing = c.cites.filter((id) => !cited.has(id));
      if (
        !c.verdict.includes(doc?.verdict) ||
        missing.length ||
        (r.code === 1) !== (doc?.verdict === "violation")
      )
        failed.push(
          `${c.case}: verdict ${doc?.verdict}, exit ${r.code}; want ${c.verdict.join("|")} ${missing}`,
        );
    }
    assert.ok(cases.length > 0);
    assert.deepEqual(failed, []);
  },
);
