// The composite GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml) at
// the repository root: their command lines are taken from the files as written, with the inputs
// substituted the way the runner and pre-commit do, and run against model folders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../helpers.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Json;
const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Json[];
const REGISTRY = join(ROOT, "examples", "registry");

/** A git-free copy of an example model as a repository's working tree. */
function workspace(example: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mlicense-ci-"));
  cpSync(join(ROOT, "examples", example), join(dir, "repo"), { recursive: true });
  return join(dir, "repo");
}

/** `${{ inputs.x }}` and `${{ github.action_path }}` as the runner expands them. */
function expand(s: string, inputs: Record<string, string>): string {
  return s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, expr: string) => {
    if (expr === "github.action_path") return ROOT;
    const input = /^inputs\.(.+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? "";
    throw new Error(`unexpected expression ${expr} in action.yml`);
  });
}

function runAction(ws: string, given: Record<string, string>) {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs as Json)) inputs[k] = String(v.default ?? "");
  Object.assign(inputs, given);
  const step = (action.runs.steps as Json[]).find((s) => s.id === "check")!;
  const out = join(dirname(ws), "github-output");
  writeFileSync(out, "");
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`,
    HOME: process.env.HOME ?? tmpdir(),
    HF_HUB_CACHE: join(dirname(ws), "no-hf-cache"),
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: out,
    RUNNER_TEMP: dirname(ws),
  };
  for (const [k, v] of Object.entries(step.env as Json)) env[k] = expand(String(v), inputs);
  // the runner's bash: --noprofile --norc -eo pipefail {0}
  const script = join(dirname(ws), "step.sh");
  writeFileSync(script, expand(step.run as string, inputs));
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
    cwd: ws,
    env,
    encoding: "utf8",
  });
  const outputs = Object.fromEntries(
    readFileSync(out, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

test("action.yml is a composite action: Node set up, mlicense installed from the action's checkout", () => {
  assert.equal(action.runs.using, "composite");
  const steps = action.runs.steps as Json[];
  assert.ok(steps.some((s) => String(s.uses ?? "").startsWith("actions/setup-node@")));
  const install = steps.find((s) => s.id === "install")!;
  assert.equal(install["working-directory"], "${{ github.action_path }}");
  assert.match(install.run, /^npm ci\b/);
  for (const s of steps.filter((x) => x.run))
    assert.equal(s.shell, "bash", "composite run steps name a shell");
  assert.deepEqual(Object.keys(action.outputs).sort(), ["sarif-file", "verdict"]);
});

test("the Action's check step: report, annotations, SARIF file, verdict output, exit 1 on a violation", () => {
  const ws = workspace("watercolour-diffusion");
  try {
    const r = runAction(ws, { args: `--registry ${REGISTRY} --offline` });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^VIOLATION: Watercolour Diffusion/);
    assert.match(r.stderr, /^::error file=README\.md,line=\d+,title=mlicense use-restrictions-dropped::/m);
    assert.equal(r.outputs.verdict, "violation");
    assert.equal(r.outputs["sarif-file"], "mlicense.sarif");
    const sarif = JSON.parse(readFileSync(join(ws, "mlicense.sarif"), "utf8"));
    assert.equal(sarif.version, "2.1.0");
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "README.md");
    assert.equal(
      (r.stderr.match(/^::/gm) ?? []).length,
      sarif.runs[0].results.length,
      "one annotation per finding, not two",
    );
  } finally {
    rmSync(dirname(ws), { recursive: true, force: true });
  }
});

test("the Action passes a conditional model at the default gate and fails it with fail-on conditional", () => {
  const ws = workspace("llama3-chat-finetune");
  try {
    const args = `--registry ${REGISTRY} --offline`;
    const lenient = runAction(ws, { args });
    assert.equal(lenient.outputs.verdict, "conditional", lenient.stderr);
    assert.equal(lenient.code, 0);
    const strict = runAction(ws, { args, "fail-on": "conditional", "sarif-file": "out/x.sarif" });
    assert.equal(strict.code, 1);
    assert.equal(strict.outputs.verdict, "conditional");
    assert.equal(strict.outputs["sarif-file"], "out/x.sarif");
    assert.equal(JSON.parse(readFileSync(join(ws, "out", "x.sarif"), "utf8")).version, "2.1.0");
  } finally {
    rmSync(dirname(ws), { recursive: true, force: true });
  }
});

test(".pre-commit-hooks.yaml: mlicense-check runs `mlicense check .` when a card or license file changes", () => {
  const hook = hooks.find((h) => h.id === "mlicense-check")!;
  assert.ok(hook, "the hook is defined");
  assert.equal(hook.language, "node");
  assert.equal(hook.pass_filenames, false);
  // pre-commit matches with Python's re.search; (?i) is its inline flag
  const files = new RegExp(String(hook.files).replace(/^\(\?i\)/, ""), "i");
  for (const f of [
    "README.md",
    "models/x/README.md",
    "LICENSE",
    "LICENSE-MODEL.txt",
    "NOTICE",
    "config.json",
  ])
    assert.ok(files.test(f), f);
  for (const f of ["model.py", "notes/readme.txt", "data.csv"]) assert.ok(!files.test(f), f);
  const [bin, ...entryArgs] = String(hook.entry).split(" ");
  assert.equal(bin, "mlicense", "the package's bin");
  const run = (dir: string, extra: string[] = []) =>
    spawnSync(process.execPath, [join(ROOT, "bin", "mlicense.js"), ...entryArgs, ...hook.args, ...extra], {
      cwd: dir,
      env: { ...process.env, HF_HUB_CACHE: join(dir, "no-hf-cache"), GITHUB_ACTIONS: "" },
      encoding: "utf8",
    });
  const bad = workspace("watercolour-diffusion");
  const ok = workspace("llama3-chat-finetune");
  try {
    const r = run(bad, ["--registry", REGISTRY, "--offline"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^VIOLATION/);
    const good = run(ok, ["--registry", REGISTRY, "--offline"]);
    assert.equal(good.status, 0, good.stderr);
    assert.equal(run(ok, ["--registry", REGISTRY, "--offline", "--fail-on", "conditional"]).status, 1);
  } finally {
    rmSync(dirname(bad), { recursive: true, force: true });
    rmSync(dirname(ok), { recursive: true, force: true });
  }
});
