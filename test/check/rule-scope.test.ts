// The engine judges every rule of scope `inherited` license by license and reuses the parts across
// models (src/policy/engine.ts): that is exact only if such a rule, run on a whole summary, says
// what it says about each license's keys run alone. This property test runs each such rule both
// ways on random subjects (own licenses, options, names, publishers, and inherited keys of every
// kind and reach) and demands the same findings, obligations and skipped duties.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { knowledgeBase, NOASSERTION, NONE } from "../../src/kb/knowledge-base.js";
import { RULES } from "../../src/policy/engine.js";
import type { Inherited, Mode, RuleFinding, RuleObligation, Subject } from "../../src/policy/types.js";
import type { Reach } from "../../src/policy/summary.js";

const kb = knowledgeBase();
const ids = [...kb.licenses.map((l) => l.id), NONE, NOASSERTION, "some-unknown-license"];
const categories = kb.categories.map((c) => c.id);
const REACHES: Reach[] = ["derivative", "outputs", "part"];

const keyArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant("license" as const),
      id: fc.constantFrom(...ids),
      reach: fc.constantFrom(...REACHES),
      direct: fc.boolean(),
      here: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("special" as const),
      kind: fc.constantFrom("unresolved" as const, "cycle" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("weights-unavailable" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("problem" as const),
      code: fc.constantFrom("use-restrictions-dropped", "naming-duty-unmet", "share-alike-broken"),
      id: fc.constantFrom(...ids),
    }),
  },
);

const subjectArb = fc.record({
  own: fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 2 }),
  keys: fc.array(keyArb, { maxLength: 14 }),
  mode: fc.constantFrom<Mode>("distribute", "hosted", "internal"),
  use: fc.array(fc.constantFrom(...categories), { maxLength: 2 }),
  commercial: fc.boolean(),
  mau: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: undefined }),
  nameSeed: fc.integer(),
  licensorSeed: fc.integer(),
});

type Input = typeof subjectArb extends fc.Arbitrary<infer T> ? T : never;

/** A stable pseudo-random bit for a string under a seed (so one subject answers consistently). */
function bit(seed: number, s: string): boolean {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h & 4) !== 0;
}

function subjectOf(x: Input, inherited: Inherited[]): Subject {
  return {
    kb,
    options: {
      mode: x.mode,
      use: x.use,
      commercial: x.commercial,
      ...(x.mau !== undefined ? { mau: x.mau } : {}),
    },
    own: x.own.map((id) => ({ id, ...(kb.license(id) ? { lic: kb.license(id)! } : {}) })),
    inherited,
    bases: [],
    datasets: [],
    nameMeets: (prefix) => bit(x.nameSeed, prefix),
    isLicensor: (lic) => bit(x.licensorSeed, lic.id),
  };
}

function inheritedOf(x: Input): Inherited[] {
  return x.keys.map((k, ref): Inherited => {
    if (k.type === "license") {
      const lic = kb.license(k.id);
      return { ...k, ...(lic ? { lic } : {}), ref };
    }
    return { ...k, ref } as Inherited;
  });
}

/** What the engine puts in one group: all keys of a license, each other key alone. */
function groups(inherited: Inherited[]): Inherited[][] {
  const byLicense = new Map<string, Inherited[]>();
  const out: Inherited[][] = [];
  for (const e of inherited) {
    if (e.type !== "license") {
      out.push([e]);
      continue;
    }
    const g = byLicense.get(e.id);
    if (g) g.push(e);
    else {
      const ng = [e];
      byLicense.set(e.id, ng);
      out.push(ng);
    }
  }
  return out;
}

/** Outputs of one rule, each dedup key once (the first, as the engine keeps it). */
function run(rule: (typeof RULES)[number], s: Subject) {
  const findings = new Map<string, RuleFinding>();
  const obligations = new Map<string, RuleObligation>();
  const skipped = new Set<string>();
  rule.judge(s, {
    finding: (f) => {
      const k = `${f.code}\u0000${f.license ?? ""}\u0000${f.message}`;
      if (!findings.has(k)) findings.set(k, f);
    },
    obligation: (o) => {
      const k = `${o.license}\u0000${o.text}`;
      if (!obligations.has(k)) obligations.set(k, o);
    },
    skipped: (license, duty) => void skipped.add(`${license}\u0000${duty}`),
  });
  return { findings, obligations, skipped };
}

const sorted = <T>(m: Map<string, T>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

test("every inherited-scope rule says about a whole summary what it says license by license", () => {
  const scoped = RULES.filter((r) => r.scope === "inherited");
  assert.ok(scoped.length >= 10, "most rules are judged license by license");
  fc.assert(
    fc.property(subjectArb, (x) => {
      const inherited = inheritedOf(x);
      for (const rule of scoped) {
        const whole = run(rule, subjectOf(x, inherited));
        const parts = { findings: new Map(), obligations: new Map(), skipped: new Set<string>() };
        for (const g of groups(inherited)) {
          const p = run(rule, subjectOf(x, g));
          for (const [k, f] of p.findings) if (!parts.findings.has(k)) parts.findings.set(k, f);
          for (const [k, o] of p.obligations) if (!parts.obligations.has(k)) parts.obligations.set(k, o);
          for (const d of p.skipped) parts.skipped.add(d);
        }
        assert.deepEqual(sorted(parts.findings), sorted(whole.findings), `${rule.id}: findings`);
        assert.deepEqual(sorted(parts.obligations), sorted(whole.obligations), `${rule.id}: obligations`);
        assert.deepEqual([...parts.skipped].sort(), [...whole.skipped].sort(), `${rule.id}: skipped duties`);
      }
    }),
    { numRuns: 400, seed: 1234 },
  );
});

test("a rule that reads the whole subject is not judged license by license", () => {
  // the merge-conflict rule needs several bases at once, the training-data rule the datasets
  const model = RULES.filter((r) => r.scope === "model").map((r) => r.id);
  for (const id of ["merge-conflicts", "training-data", "unknown-license", "intended-use"])
    assert.ok(model.includes(id), `${id} has a whole-subject part`);
});

test("a whole-subject rule reads inherited keys only through its facts, which compose license by license", () => {
  const model = RULES.filter((r) => r.scope === "model");
  assert.ok(
    model.some((r) => r.inheritedFacts),
    "the own-license half of unknown-license reads inherited facts",
  );
  const outputs = (rule: (typeof RULES)[number], s: Subject) => {
    const o = run(rule, s);
    return {
      findings: sorted(o.findings),
      obligations: sorted(o.obligations),
      skipped: [...o.skipped].sort(),
    };
  };
  fc.assert(
    fc.property(subjectArb, fc.array(keyArb, { maxLength: 14 }), (x, otherKeys) => {
      const inherited = inheritedOf(x);
      const other = inheritedOf({ ...x, keys: otherKeys });
      for (const rule of model) {
        const a = subjectOf(x, inherited);
        const b = subjectOf(x, other);
        if (!rule.inheritedFacts) {
          assert.deepEqual(outputs(rule, b), outputs(rule, a), `${rule.id} reads no inherited key`);
          continue;
        }
        let parts = 0;
        for (const g of groups(inherited)) parts |= rule.inheritedFacts(subjectOf(x, g));
        assert.equal(
          rule.inheritedFacts(a),
          parts,
          `${rule.id}: facts of the whole are the OR of its groups'`,
        );
        if (rule.inheritedFacts(a) === rule.inheritedFacts(b))
          assert.deepEqual(outputs(rule, b), outputs(rule, a), `${rule.id}: same facts, same outputs`);
      }
    }),
    { numRuns: 400, seed: 4321 },
  );
});
