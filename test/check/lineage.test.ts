// Lineage building and base resolution behind `check`: deep chains and cycles end with findings,
// the resolver's order (target folder, registry, catalogue), ids that try to leave the registry,
// and the lineage and text the CLI reports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { inspectFolder } from "../../src/inspect/inspect.js";
import type { LineageView } from "../../src/check.js";
import { buildLineage } from "../../src/lineage/graph.js";
import { Resolver } from "../../src/lineage/resolver.js";
import { cli, fixture } from "../helpers.js";

const kb = knowledgeBase();
const REGISTRY = fixture("check", "registry");
const model = (c: string) => fixture("check", c, "model");

function card(dir: string, front: string[], heading: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "README.md"),
    `---\n${front.join("\n")}\n---\n\n# ${heading}\n\nA generated test model.\n`,
  );
}

/** A registry with a chain chain/m01 -> chain/m02 -> ... -> chain/m<n>, and a target on top of it. */
function chain(n: number): { root: string; target: string; registry: string } {
  const root = mkdtempSync(join(tmpdir(), "mlicense-chain-"));
  const registry = join(root, "registry");
  const id = (i: number) => `chain/m${String(i).padStart(2, "0")}`;
  for (let i = 1; i <= n; i++)
    card(
      join(registry, id(i)),
      ["license: mit", ...(i < n ? [`base_model: ${id(i + 1)}`, "base_model_relation: finetune"] : [])],
      `Link ${i}`,
    );
  const target = join(root, "target");
  card(target, ["license: mit", `base_model: ${id(1)}`, "base_model_relation: finetune"], "Top of the chain");
  return { root, target, registry };
}

function depth(v: { bases: { bases: unknown[] }[] }): number {
  return v.bases.length ? 1 + Math.max(...v.bases.map((b) => depth(b as never))) : 0;
}

test("a chain hundreds of links deep is followed to its end, with no depth limit", async () => {
  const { root, target, registry } = chain(300);
  try {
    const r = await cli("check", target, "--registry", registry, "--offline", "--json");
    assert.equal(r.code, 0);
    assert.equal(r.json.verdict, "conditional");
    assert.equal(depth(r.json.lineage), 300);
    assert.ok(!r.json.findings.some((f: { code: string }) => f.code.startsWith("lineage-")));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a chain well within the limit is followed to its end", async () => {
  const { root, target, registry } = chain(20);
  try {
    const r = await cli("check", target, "--registry", registry, "--offline", "--json");
    assert.equal(r.json.verdict, "conditional");
    assert.equal(depth(r.json.lineage), 20);
    assert.ok(!r.json.findings.some((f: { code: string }) => f.code.startsWith("lineage-")));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a cycle in the registry is kept as one node per model and reported once by check", async () => {
  const resolver = new Resolver({ kb, registries: [REGISTRY], offline: true });
  const rec = inspectFolder(model("lineage-cycle"), { kb });
  const { root, findings } = await buildLineage(rec, resolver);
  assert.deepEqual(findings, [], "the walk ends by visiting each model once; the engine judges the cycle");
  const a = root.bases[0]!.node;
  const b = a.bases[0]!.node;
  assert.equal(a.id, "example-org/cycle-a");
  assert.equal(b.id, "example-org/cycle-b");
  assert.equal(b.bases[0]!.node, a, "the edge back to cycle-a is the same node, not a copy");
  const r = await cli("check", model("lineage-cycle"), "--registry", REGISTRY, "--offline", "--json");
  assert.equal(r.json.verdict, "unknown");
  const cycles = r.json.findings.filter((f: { code: string }) => f.code === "lineage-cycle");
  assert.equal(cycles.length, 1);
  assert.deepEqual(cycles[0].path, ["model", "example-org/cycle-a"]);
});

test("the resolver looks in the target folder, then the registry, then the catalogue", async () => {
  const root = mkdtempSync(join(tmpdir(), "mlicense-resolve-"));
  try {
    const target = join(root, "target");
    const registry = join(root, "registry");
    card(join(target, "example-org", "shadowed"), ["license: cc-by-nc-4.0"], "Vendored copy");
    card(join(registry, "example-org", "shadowed"), ["license: mit"], "Registry copy");
    card(join(registry, "openai", "gpt-3"), ["license: mit"], "A registry model that shares a catalogue id");
    const resolver = new Resolver({ kb, targetDir: target, registries: [registry], offline: true });
    const shadowed = await resolver.resolve("example-org/shadowed");
    assert.equal(shadowed?.from, "target");
    assert.equal(shadowed?.record.license.id, "cc-by-nc-4.0");
    const gpt3 = await resolver.resolve("OpenAI/GPT-3");
    assert.equal(gpt3?.from, "registry");
    assert.equal(gpt3?.record.license.id, "mit");
    const catalogue = await new Resolver({ kb, offline: true }).resolve("openai/gpt-3");
    assert.equal(catalogue?.from, "catalogue");
    assert.equal(catalogue?.record.weightsAvailable, false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the resolver never leaves the registry for ids with dot segments, and unknown ids are null", async () => {
  const resolver = new Resolver({ kb, registries: [join(REGISTRY, "example-org")], offline: true });
  // "../example-org/mit-base" would escape to a real folder if joined blindly
  for (const id of [
    "../example-org",
    "..",
    "example-org/..",
    "./mit-base",
    "a/b/c",
    "example-org/does-not-exist",
  ])
    assert.equal(await resolver.resolve(id), null, id);
});

test("a hub lookup is not consulted offline, and is consulted online", async () => {
  const asked: string[] = [];
  const hub = async (id: string) => {
    asked.push(id);
    return null;
  };
  assert.equal(await new Resolver({ kb, hub, offline: true }).resolve("someone/model"), null);
  assert.deepEqual(asked, []);
  assert.equal(await new Resolver({ kb, hub }).resolve("someone/model"), null);
  assert.deepEqual(asked, ["someone/model"]);
});

test("a registry folder that does not exist is a usage error naming it", async () => {
  const missing = join(tmpdir(), "mlicense-no-such-registry");
  const r = await cli("check", model("mit-finetune-apache"), "--registry", missing, "--offline", "--json");
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "not-found");
  assert.equal(r.json.error.file, missing);
});

test("the report's lineage shows two levels with their relations and where each was found", async () => {
  const r = await cli("check", model("two-level-apache"), "--registry", REGISTRY, "--offline", "--json");
  const mid: LineageView = r.json.lineage.bases[0];
  assert.equal(mid.id, "example-org/openrail-mid");
  assert.equal(mid.relation, "finetune");
  assert.equal(mid.from, "registry");
  assert.equal(mid.bases[0]!.id, "example-org/diffusion-base");
  assert.equal(mid.bases[0]!.license, "creativeml-openrail-m");
});

test("a dataset's license appears in the lineage, and an unresolved one stays null", async () => {
  const r = await cli("check", model("nc-data-apache"), "--registry", REGISTRY, "--offline", "--json");
  assert.deepEqual(r.json.lineage.datasets, [
    { id: "example-data/nc-corpus", license: "cc-by-nc-4.0", from: "registry" },
  ]);
  const u = await cli("check", model("unknown-dataset"), "--registry", REGISTRY, "--offline", "--json");
  assert.deepEqual(u.json.lineage.datasets, [
    { id: "example-data/not-in-any-registry", license: null, from: "unresolved" },
  ]);
});

test("without --json, check prints the verdict, the lineage tree, findings and the disclaimer", async () => {
  const r = await cli("check", model("two-level-apache"), "--registry", REGISTRY, "--offline");
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^VIOLATION: Watercolour v2 \(apache-2\.0, distribute\)/);
  assert.match(r.stdout, /finetune of example-org\/openrail-mid {2}\(creativeml-openrail-m\)/);
  assert.match(r.stdout, /finetune of example-org\/diffusion-base {2}\(creativeml-openrail-m\)/);
  assert.match(r.stdout, /VIOLATION +use-restrictions-dropped:/);
  assert.match(r.stdout, /not legal advice/);
  const internal = await cli(
    "check",
    model("llama3-name-not-at-start"),
    "--registry",
    REGISTRY,
    "--offline",
    "--mode",
    "internal",
  );
  assert.equal(internal.code, 0);
  assert.match(internal.stdout, /^CONDITIONAL: Chatty Llama 3 8B \(llama3, internal\)/);
  assert.match(internal.stdout, /duty-not-triggered/);
  assert.doesNotMatch(internal.stdout, /naming-duty-unmet/);
});

test("check takes exactly one target", async () => {
  const r = await cli(
    "check",
    model("mit-finetune-apache"),
    model("nc-finetune-apache"),
    "--offline",
    "--json",
  );
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, "usage");
  assert.equal((await cli("check", "--offline", "--json")).code, 2);
});
