// The path index behind every finding's path: an audit writing millions of rows drops its entries
// between models once there are too many, and the paths it gives afterwards must be the very paths
// a never-dropped index gives, on chains, wide merges, cycles and licenses that change at every link.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { PolicyEngine, type GraphInput } from "../../src/policy/engine.js";
import { PathIndex } from "../../src/policy/paths.js";

const kb = knowledgeBase();
const LICENSES = [
  "llama3",
  "mit",
  "gemma",
  "cc-by-nc-4.0",
  "apache-2.0",
  "creativeml-openrail-m",
  "gpl-3.0",
  "made-up-license",
  null,
];

interface Node {
  license: number;
  /** Bases as row numbers (any row, so cycles happen). */
  bases: number[];
}

function graphOf(nodes: Node[]): GraphInput {
  return {
    size: nodes.length,
    id: (i) => `org/model-${i}`,
    name: (i) => `model-${i}`,
    owner: () => "org",
    license: (i) => LICENSES[nodes[i]!.license]!,
    weightsAvailable: () => true,
    baseCount: (i) => nodes[i]!.bases.length,
    base: (i, k) => nodes[i]!.bases[k]!,
    relation: (i, k) => (["finetune", "merge", "adapter", "quantized"] as const)[(i + k) % 4]!,
    datasets: () => [],
  };
}

/** Every (model, key of its inherited summary) path and origin, read model after model. */
function paths(
  nodes: Node[],
  bound?: number,
  maxPath?: number,
): { all: string[]; peak: number; work: number } {
  const engine = new PolicyEngine(kb, {});
  const ev = engine.evaluate(graphOf(nodes), { user: () => true, judgeAs: () => undefined });
  const index = new PathIndex(ev, bound);
  const all: string[] = [];
  let peak = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (bound !== undefined) index.release();
    for (const key of engine.summaries.keysOf(ev.inherited[i]!)) {
      const p = index.path(i, key, maxPath);
      all.push(`${i} ${key} ${p.nodes.join(",")} ${p.hidden} ${p.head} ${index.origin(i, key)}`);
    }
    peak = Math.max(peak, index.size);
  }
  return { all, peak, work: index.work };
}

const node = (size: number) =>
  fc.record({
    license: fc.nat({ max: LICENSES.length - 1 }),
    bases: fc.array(fc.nat({ max: size - 1 }), { maxLength: 3 }),
  });

test("an index that drops its entries between models gives the same paths as one that never does", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 40 }).chain((n) => fc.array(node(n), { minLength: n, maxLength: n })),
      fc.integer({ min: 1, max: 16 }),
      fc.constantFrom(undefined, 5, 12),
      (nodes, bound, maxPath) => {
        // no model its own base
        const clean = nodes.map((x, i) => ({ ...x, bases: [...new Set(x.bases)].filter((b) => b !== i) }));
        assert.deepEqual(paths(clean, bound, maxPath).all, paths(clean, undefined, maxPath).all);
      },
    ),
    { numRuns: 150, seed: 20261203 },
  );
});

test("on a dump of many small lineages the index stays near its bound, with the same paths", () => {
  // 400 lineages of 8 models, licenses changing at every link, every fourth model a two-parent merge
  const nodes: Node[] = [];
  for (let l = 0; l < 400; l++) {
    const at = nodes.length;
    for (let j = 0; j < 8; j++)
      nodes.push({
        license: (l + j) % LICENSES.length,
        bases: j === 0 ? [] : j % 4 === 0 ? [at + j - 1, at + j - 3] : [at + j - 1],
      });
  }
  const kept = paths(nodes, undefined, 12);
  const bounded = paths(nodes, 500, 12);
  assert.deepEqual(bounded.all, kept.all);
  assert.ok(kept.peak > 5000, `every lineage's entries: ${kept.peak}`);
  // the bound doubles while drops come within a few hundred models of each other, then holds
  assert.ok(bounded.peak < kept.peak / 4, `bounded: ${bounded.peak} of ${kept.peak}`);
});

test("a deep chain whose paths need more than the bound raises it and gives the same paths", () => {
  // 3,000 links under Llama 3, every link relicensed, every tenth a merge with an earlier link;
  // the chain's root last, so the first model read needs the whole chain
  const n = 3000;
  const nodes: Node[] = Array.from({ length: n }, (_, i) => {
    const link = n - 1 - i;
    const up = (b: number) => n - 1 - b;
    return {
      license: link === 0 ? 0 : link % LICENSES.length,
      bases: link === 0 ? [] : link % 10 === 0 ? [up(link - 1), up(Math.floor(link / 2))] : [up(link - 1)],
    };
  });
  assert.deepEqual(paths(nodes, 64, 12).all, paths(nodes, undefined, 12).all);
});

test("a deep chain read from its far end costs entries in proportion to its models, not their square", () => {
  // 20,000 links, the root's Llama 3 terms reaching every one and every link relicensed: the first
  // model read needs the whole chain, which is more than the bound. Dropping all of it between
  // models made every later model solve the chain again (200,000 rows took over 300 s to write).
  const n = 20_000;
  const nodes: Node[] = Array.from({ length: n }, (_, i) => {
    const link = n - 1 - i;
    return { license: link === 0 ? 0 : 1 + (link % 4), bases: link === 0 ? [] : [i + 1] };
  });
  const bounded = paths(nodes, 1000, 12);
  const kept = paths(nodes, undefined, 12);
  assert.deepEqual(bounded.all, kept.all);
  assert.ok(bounded.work < 4 * kept.work, `entries made: ${bounded.work}, never dropped: ${kept.work}`);
});
