// The policy engine on hand-built lineages: ancestorsOf, pairs, verdictOf and evaluate, without
// inspect or the resolver in the way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import type { Relation } from "../../src/kb/schema.js";
import type { Finding } from "../../src/inspect/record.js";
import type { DatasetNode, Lineage, LineageNode } from "../../src/lineage/graph.js";
import { ancestorsOf, evaluate, RULES, verdictOf } from "../../src/policy/engine.js";
import { pairs } from "../../src/policy/pairs.js";
import { startsWithName } from "../../src/policy/rules/naming.js";
import type { CheckOptions, Obligation, PolicyContext, Rule } from "../../src/policy/types.js";

const kb = knowledgeBase();

function node(
  id: string,
  license: string | null,
  bases: [Relation, LineageNode][] = [],
  datasets: DatasetNode[] = [],
): LineageNode {
  return {
    id,
    record: null,
    from: id === "target" ? "target" : "registry",
    license,
    bases: bases.map(([relation, n]) => ({ relation, node: n })),
    datasets,
  };
}

const lineage = (root: LineageNode, findings: Finding[] = []): Lineage => ({ root, findings });

function run(root: LineageNode, options: CheckOptions = {}, findings: Finding[] = []) {
  const declared = options.as ?? root.license!;
  const ev = evaluate(kb, lineage(root, findings), declared, root.id, options);
  return { ...ev, codes: ev.findings.map((f) => f.code) };
}

function ctxFor(root: LineageNode, options: CheckOptions = {}): PolicyContext {
  return {
    kb,
    root,
    name: root.id,
    declaredId: root.license!,
    declared: kb.license(root.license!),
    options: { ...options, mode: options.mode ?? "distribute" },
    ancestors: ancestorsOf(root, kb),
  };
}

test("ancestorsOf visits a diamond breadth first, each model once, by its shortest path", () => {
  const c = node("org/c", "creativeml-openrail-m");
  const a = node("org/a", "creativeml-openrail-m", [["finetune", c]]);
  const b = node("org/b", "openrail++", [["quantized", c]]);
  const deep = node("org/deep", "mit", [["finetune", b]]);
  const root = node("target", "creativeml-openrail-m", [
    ["merge", a],
    ["merge", deep],
  ]);
  const anc = ancestorsOf(root, kb);
  assert.deepEqual(
    anc.map((x) => x.id),
    ["org/a", "org/deep", "org/c", "org/b"],
  );
  const ac = anc.find((x) => x.id === "org/c")!;
  assert.deepEqual(ac.path, ["target", "org/a", "org/c"]);
  assert.deepEqual(ac.relations, ["merge", "finetune"]);
  assert.equal(ac.license?.id, "creativeml-openrail-m");
  const ab = anc.find((x) => x.id === "org/b")!;
  assert.deepEqual(ab.path, ["target", "org/deep", "org/b"]);
  assert.deepEqual(ab.relations, ["merge", "finetune"]);
});

test("ancestorsOf ends on a hand-built cycle and never lists the target as its own ancestor", () => {
  const root = node("target", "mit");
  const a = node("org/a", "mit");
  const b = node("org/b", "mit");
  a.bases.push({ relation: "finetune", node: b }, { relation: "finetune", node: a });
  b.bases.push({ relation: "finetune", node: a }, { relation: "finetune", node: root });
  root.bases.push({ relation: "finetune", node: a });
  const anc = ancestorsOf(root, kb);
  assert.deepEqual(
    anc.map((x) => x.id),
    ["org/a", "org/b"],
  );
  // and the whole engine runs over it
  assert.equal(run(root).verdict, "conditional");
});

test("ancestorsOf keeps unknown and unresolved licenses as ids without an entry", () => {
  const root = node("target", "apache-2.0", [
    ["finetune", node("org/odd", "acme-model-license")],
    ["finetune", node("org/missing", null)],
  ]);
  const [odd, missing] = ancestorsOf(root, kb);
  assert.equal(odd!.license, undefined);
  assert.equal(odd!.licenseId, "acme-model-license");
  assert.equal(missing!.license, undefined);
  assert.equal(missing!.licenseId, null);
});

test("verdictOf: a violation beats unknown, unknown beats obligations, nothing is ok", () => {
  const f = (severity: Finding["severity"]): Finding => ({ severity, code: "x", message: "m", path: ["t"] });
  const o: Obligation = { license: "mit", text: "t", trigger: "use", path: ["t"] };
  assert.equal(verdictOf([f("unknown"), f("violation")], [o]), "violation");
  assert.equal(verdictOf([f("info"), f("unknown")], [o]), "unknown");
  assert.equal(verdictOf([f("warning"), f("info")], [o]), "conditional");
  assert.equal(verdictOf([f("warning"), f("info")], []), "ok");
  assert.equal(verdictOf([], []), "ok");
});

test("pairs: the target against every ancestor, and each intermediate against its own ancestors as upstream", () => {
  const base = node("org/base", "cc-by-nc-4.0");
  const mid = node("org/mid", "apache-2.0", [["finetune", base]]);
  const other = node("org/other", "mit");
  const root = node("target", "cc-by-nc-4.0", [
    ["merge", mid],
    ["merge", other],
  ]);
  const got = [...pairs(ctxFor(root))].map(
    (p) => `${p.derivative}>${p.ancestor.id} ${p.severity} ${p.codePrefix}`,
  );
  assert.deepEqual(got.sort(), [
    "org/mid>org/base warning upstream-",
    "target>org/base violation ",
    "target>org/mid violation ",
    "target>org/other violation ",
  ]);
});

test("evaluate: a RAIL base under an Apache-2.0 derivative is a violation that cites the clause", () => {
  const root = node("target", "apache-2.0", [["finetune", node("org/sd", "creativeml-openrail-m")]]);
  const ev = run(root);
  assert.equal(ev.verdict, "violation");
  const f = ev.findings.find((x) => x.code === "use-restrictions-dropped")!;
  assert.equal(f.license, "creativeml-openrail-m");
  assert.deepEqual(f.path, ["target", "org/sd"]);
  assert.ok(f.clause?.section && f.clause.quote, "the finding carries its clause");
  // the derivative's own declared license is what is judged: the same lineage under the base's license passes
  assert.equal(run(root, { as: "creativeml-openrail-m" }).verdict, "conditional");
});

test("evaluate: OpenRAIL++-M carries every restriction of CreativeML OpenRAIL-M, MIT carries none", () => {
  const base = () => node("org/sd", "creativeml-openrail-m");
  assert.ok(
    !run(node("target", "openrail++", [["finetune", base()]])).codes.includes("use-restrictions-dropped"),
  );
  const mit = run(node("target", "mit", [["finetune", base()]]));
  const f = mit.findings.find((x) => x.code === "use-restrictions-dropped")!;
  assert.match(f.message, /all of them/);
});

test("evaluate: restrictions reached only through outputs do not flow down, output-use terms do", () => {
  const root = node("target", "apache-2.0", [["uses-output-of", node("org/llama2", "llama2")]]);
  const ev = run(root);
  assert.ok(!ev.codes.includes("use-restrictions-dropped"));
  assert.ok(ev.codes.includes("output-use-restricted"));
  // released under the base's own license, outputs may improve it
  const same = run(node("target", "llama2", [["uses-output-of", node("org/llama2", "llama2")]]));
  assert.ok(!same.codes.includes("output-use-restricted"));
});

test("evaluate: the lineage's own findings are kept and decide an unknown verdict", () => {
  const cycle: Finding = {
    severity: "unknown",
    code: "lineage-cycle",
    message: "loops",
    path: ["target", "org/a", "target"],
  };
  const ev = run(node("target", "mit", [["finetune", node("org/a", "mit")]]), {}, [cycle]);
  assert.equal(ev.verdict, "unknown");
  assert.deepEqual(ev.findings[0], cycle);
});

test("evaluate: an unrecognised declared license, NONE and an unverified base are unknown", () => {
  assert.equal(run(node("target", "acme-model-license")).codes[0], "license-not-recognised");
  assert.equal(run(node("target", "NONE")).codes[0], "no-license");
  const grok = run(node("target", "apache-2.0", [["finetune", node("org/grok", "grok2-community")]]));
  assert.equal(grok.verdict, "unknown");
  assert.ok(grok.codes.includes("license-unverified"));
});

test("evaluate: internal mode drops distribution duties and reports them once as duty-not-triggered", () => {
  const probe: Rule = {
    id: "probe",
    description: "emits one duty of each trigger, twice",
    reads: [],
    run(ctx, out) {
      for (let i = 0; i < 2; i++) {
        out.obligation({ license: "mit", text: "use duty", trigger: "use", path: [ctx.root.id] });
        out.obligation({ license: "mit", text: "share duty", trigger: "distribute", path: [ctx.root.id] });
        out.skipped("mit", "keep the notice");
      }
    },
  };
  const root = node("target", "mit");
  const internal = evaluate(kb, lineage(root), "mit", "target", { mode: "internal" }, [probe]);
  assert.deepEqual(
    internal.obligations.map((o) => o.text),
    ["use duty"],
  );
  const skipped = internal.findings.filter((f) => f.code === "duty-not-triggered");
  assert.equal(skipped.length, 1);
  assert.equal(skipped[0]!.severity, "info");
  assert.equal(skipped[0]!.license, "mit");
  assert.match(skipped[0]!.message, /keep the notice/);
  const dist = evaluate(kb, lineage(root), "mit", "target", {}, [probe]);
  assert.deepEqual(
    dist.obligations.map((o) => o.text),
    ["use duty", "share duty"],
  );
});

test("evaluate: naming duties read the name it is given, folded", () => {
  const llama = () => node("org/llama3", "llama3");
  const named = (name: string) =>
    evaluate(kb, lineage(node("target", "llama3", [["finetune", llama()]])), "llama3", name, {}).findings.map(
      (f) => f.code,
    );
  assert.ok(!named("Llama-3-Chatty").includes("naming-duty-unmet"));
  assert.ok(named("Chatty-Llama-3").includes("naming-duty-unmet"));
  assert.ok(named("Llama-2-Chatty").includes("naming-duty-unmet"));
});

test("startsWithName folds case, separators and letter-digit joins", () => {
  assert.ok(startsWithName("Llama-3.1-8B-foo", "Llama"));
  assert.ok(startsWithName("llama3.1_8b", "Llama 3.1"));
  assert.ok(startsWithName("Llama3-Chatty", "Llama 3"));
  assert.ok(startsWithName("LLAMA 3 chatty", "Llama 3"));
  assert.ok(!startsWithName("Llamas-3-chat", "Llama 3"));
  assert.ok(!startsWithName("Meta-Llama-3-chat", "Llama 3"));
  assert.ok(!startsWithName("Llama-3.1-chat", "Llama 3"), "3.1 is not 3");
  assert.ok(!startsWithName("anything", ""));
});

test("evaluate: --mau above a threshold is a violation, at or below it neither a finding nor an obligation", () => {
  const root = () => node("target", "llama3", [["finetune", node("org/llama3", "llama3")]]);
  const at = (mau?: number) => evaluate(kb, lineage(root()), "llama3", "Llama 3 x", { mau });
  const over = at(700_000_001);
  assert.equal(over.verdict, "violation");
  assert.ok(over.findings.some((f) => f.code === "threshold-exceeded" && f.license === "llama3"));
  const limit = at(700_000_000);
  assert.ok(!limit.findings.some((f) => f.code === "threshold-exceeded"));
  assert.ok(!limit.obligations.some((o) => /monthly active users/.test(o.text)));
  assert.ok(at(undefined).obligations.some((o) => /700,000,000 monthly active users/.test(o.text)));
});

test("evaluate: --use is checked against the target's license and every ancestor's", () => {
  const root = node("target", "mit", [["finetune", node("org/opt", "opt-175b")]]);
  const ev = evaluate(kb, lineage(root), "mit", "x", { use: ["military", "medical-advice"] });
  const hits = ev.findings.filter((f) => f.code === "use-restricted");
  assert.deepEqual(
    hits.map((f) => [f.license, f.path.join(">")]),
    [["opt-175b", "target>org/opt"]],
  );
});

test("evaluate: a merge conflict needs two direct parents; a chain is judged by inheritance instead", () => {
  const merge = node("target", "cc-by-sa-4.0", [
    ["merge", node("org/nc", "cc-by-nc-4.0")],
    ["merge", node("org/sa", "cc-by-sa-4.0")],
  ]);
  assert.ok(run(merge).codes.includes("merge-conflict"));
  const chain = node("target", "cc-by-sa-4.0", [
    ["finetune", node("org/sa", "cc-by-sa-4.0", [["finetune", node("org/nc", "cc-by-nc-4.0")]])],
  ]);
  const ev = run(chain);
  assert.ok(!ev.codes.includes("merge-conflict"));
  assert.ok(ev.codes.includes("non-commercial-dropped"));
  assert.ok(ev.codes.includes("upstream-non-commercial-dropped"));
});

test("evaluate is deterministic: the same lineage gives the same report", () => {
  const make = () =>
    node("target", "apache-2.0", [
      ["merge", node("org/llama2", "llama2")],
      ["merge", node("org/nc", "cc-by-nc-4.0")],
    ]);
  assert.deepEqual(run(make()), run(make()));
});

test("every rule has a unique id, a description and the fields it reads", () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(r.description.length > 10, r.id);
    assert.ok(r.reads.length > 0, r.id);
  }
});
