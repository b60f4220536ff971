// Engineer A's knowledge-base entries: FLUX.1 [dev] versions, Stability AI, RAIL family, LTX Video,
// Playground, Fair AI Public License, Coqui, Open Aleph, HyperCLOVA X SEED, Microsoft Research.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import type { License } from "../../src/kb/schema.js";

const kb = knowledgeBase();

function entry(id: string): License {
  const lic = kb.license(id);
  assert.ok(lic, `no entry '${id}'`);
  return lic;
}

const FLUX = [
  "flux-1-dev-non-commercial-license-2024-08-01",
  "flux-1-dev-non-commercial-license-2024-11-21",
  "flux-1-dev-non-commercial-license-v1.1",
  "flux-1-dev-non-commercial-license",
];

// Spellings model cards use in `license_name:` (and ScanCode keys), with the entry each must reach.
const SPELLINGS: [string, string][] = [
  ["flux-1-dev-non-commercial-license", "flux-1-dev-non-commercial-license"],
  ["FLUX.1 [dev] Non-Commercial License", "flux-1-dev-non-commercial-license"],
  ["FluxDev Non-Commercial License Agreement", "flux-1-dev-non-commercial-license"],
  ["flux-1-nc", "flux-1-dev-non-commercial-license-2024-08-01"],
  ["stabilityai-nc-research-community", "stability-ai-nc-research-community-2023-12-06"],
  ["stability-ai-nc-2023-12-06", "stability-ai-nc-research-community-2023-12-06"],
  ["sai-nc-community", "stability-ai-nc-research-community"],
  ["stabilityai-ai-community", "stability-ai-community"],
  ["stable-video-diffusion-nc-community", "stable-video-diffusion-nc-community"],
  ["microsoft-research-license", "microsoft-research-license"],
  ["ms-research-license-terms", "microsoft-research-license"],
  ["coqui-public-model-license", "coqui-public-model-license"],
  ["CPML", "coqui-public-model-license"],
  ["playground-v2-community", "playground-v2-community"],
  ["hyperclovax-seed", "hyperclovax-seed"],
  ["hyperclova-x-seed-2025", "hyperclovax-seed"],
  ["open-aleph-license", "open-aleph-license-1.0"],
  ["open-aleph-1.0", "open-aleph-license-1.0"],
  ["fair-ai-public-license-1.0-sd", "fair-ai-public-license-1.0-sd"],
  ["faipl-1.0-sd", "fair-ai-public-license-1.0-sd"],
  ["FAIPL-1.0", "fair-ai-public-license-1.0"],
  ["ltx-2-community-license-agreement", "ltx-2-community-license-agreement"],
  ["ltx-2-community-license", "ltx-2-community-license-agreement"],
  ["ltx-2-community", "ltx-2-community-license-agreement"],
  ["ltx-2.x-community-license", "ltx-2.x-community-license-agreement"],
  ["ltx-2.x-community-license-agreement", "ltx-2.x-community-license-agreement"],
  ["ltxv-owl-2025-04-17", "ltxv-open-weights-license-2025-04-17"],
  ["ltxv-owl-2025-05-05", "ltxv-open-weights-license-2025-05-05"],
  ["LTXV Open Weights License", "ltxv-open-weights-license-2025-05-05"],
  ["ltxv-0.9-rail-m", "ltxv-0.9-rail-m"],
  ["bigscience-open-rail-m2", "openrail++"],
];

test("every Hub license_name spelling and ScanCode key resolves to its entry", () => {
  for (const [spelling, id] of SPELLINGS) assert.equal(kb.findLicense(spelling)?.id, id, spelling);
});

test("the Hub spelling flux-1-dev-non-commercial-license names the current text (v1.1.1)", () => {
  const lic = entry("flux-1-dev-non-commercial-license");
  assert.equal(lic.hub, "flux-1-dev-non-commercial-license");
  assert.deepEqual(lic.reference_text?.corpus, ["ml-licenses/flux-1-dev-non-commercial-license.txt"]);
  assert.match(lic.name, /v1\.1\.1/);
});

test("every FLUX.1 [dev] version is non-commercial, binds derivatives and is granted by Black Forest Labs", () => {
  for (const id of FLUX) {
    const lic = entry(id);
    assert.equal(lic.family, "non-commercial", id);
    assert.equal(lic.terms.commercial.value, "forbidden", id);
    assert.equal(lic.terms.hosted_use?.value, "forbidden", id);
    assert.ok(lic.flow_down.non_commercial && lic.flow_down.use_restrictions?.form === "own", id);
    assert.deepEqual(lic.licensor?.hub_orgs, ["black-forest-labs"], id);
    for (const other of FLUX)
      if (other !== id) assert.ok(lic.related.includes(other), `${id} relates ${other}`);
  }
});

test("the FLUX.1 [dev] versions differ where their texts differ", () => {
  const duties = (id: string) => entry(id).duties.map((d) => d.code);
  const outputs = (id: string) => entry(id).outputs!.restrictions;
  // content filters and AI disclosure arrived with v1.1
  assert.deepEqual(duties("flux-1-dev-non-commercial-license-2024-08-01"), []);
  assert.deepEqual(duties("flux-1-dev-non-commercial-license-2024-11-21"), []);
  assert.deepEqual(duties("flux-1-dev-non-commercial-license-v1.1"), ["content-filters", "ai-disclosure"]);
  assert.deepEqual(duties("flux-1-dev-non-commercial-license"), ["content-filters", "ai-disclosure"]);
  // v1.1 alone moved the competing-model ban into §4(b), over the model and derivatives too, and
  // dropped "You may use Output for any purpose"
  const ban = (id: string) => outputs(id).find((r) => r.kind === "improve-other-models")!.clause.section;
  assert.equal(ban("flux-1-dev-non-commercial-license-v1.1"), "§4(b)");
  for (const id of FLUX.filter((i) => !i.endsWith("v1.1"))) assert.equal(ban(id), "§2(d)", id);
  const anyPurpose = (id: string) => outputs(id).some((r) => /for any purpose/.test(r.clause.quote));
  assert.deepEqual(
    FLUX.map(anyPurpose),
    [true, true, false, true],
    "v1.1 is the one text without the any-purpose output grant",
  );
  // fraud, CSAM and non-consensual intimate images were added to §4(a) in v1.1
  const cats = (id: string) => new Set(entry(id).use_restrictions.map((r) => r.category));
  for (const id of FLUX.slice(0, 2)) assert.ok(!cats(id).has("fraud") && !cats(id).has("minors"), id);
  for (const id of FLUX.slice(2)) assert.ok(cats(id).has("fraud") && cats(id).has("minors"), id);
  // the original covers the text-to-image model alone
  assert.ok(
    entry(FLUX[0]!).warnings.some((w) => w.code === "model-scope" && /text-to-image/.test(w.clause!.quote)),
  );
});

test("CreativeML OpenRAIL-M differs from OpenRAIL++ only by the §7 latest-version duty", () => {
  const cml = entry("creativeml-openrail-m");
  const pp = entry("openrail++");
  assert.deepEqual(
    cml.duties.map((d) => [d.code, d.trigger, d.clause.section]),
    [["use-latest-version", "use", "§7"]],
  );
  assert.deepEqual(pp.duties, []);
  const cats = (l: License) => l.use_restrictions.map((r) => r.category).sort();
  assert.deepEqual(cats(cml), cats(pp));
  for (const t of ["commercial", "modify", "distribute", "sublicense", "patent_grant", "hosted_use"] as const)
    assert.equal(cml.terms[t]?.value, pp.terms[t]?.value, t);
  assert.equal(
    cml.outputs?.ownership,
    "unspecified",
    "claiming no rights in the output does not make the user its owner",
  );
  assert.ok(pp.reference_text?.corpus.includes("ml-licenses/openrail++-2022-11-24.txt"));
});

test("Stability AI Community: stating changes is a condition of adding your own notices", () => {
  const lic = entry("stability-ai-community");
  assert.equal(lic.flow_down.mark_changes, undefined);
  const w = lic.warnings.find((x) => x.code === "own-notices-conditional");
  assert.ok(w && /provided that/.test(w.clause!.quote));
  assert.ok(lic.flow_down.notice && lic.flow_down.license_copy && lic.flow_down.naming?.display);
});

test("the two Non-Commercial Research Community texts differ in the grant of use", () => {
  const nov = entry("stability-ai-nc-research-community");
  const dec = entry("stability-ai-nc-research-community-2023-12-06");
  assert.ok(nov.warnings.some((w) => w.code === "grant-omits-use"));
  assert.ok(!dec.warnings.some((w) => w.code === "grant-omits-use"));
  assert.match(dec.terms.commercial.clause!.quote, /^use, reproduce/);
  assert.equal(dec.scancode, "stability-ai-nc-2023-12-06");
  for (const l of [
    nov,
    dec,
    entry("stability-ai-nc-community-sv3d"),
    entry("stable-video-diffusion-nc-community"),
  ])
    assert.ok(
      l.warnings.some((w) => w.code === "change-statement-scope"),
      l.id,
    );
});

test("SDXL 0.9 does not claim derivatives must be under it, and codes its missing patent grant as n/a", () => {
  const lic = entry("sdxl-0.9-research");
  assert.equal(lic.flow_down.same_license, undefined);
  assert.ok(lic.warnings.some((w) => w.code === "derivative-license-unstated"));
});

test('"no patent license" has one meaning: n/a with a condition saying so', () => {
  for (const id of ["sdxl-0.9-research", "open-aleph-license-1.0", "microsoft-research-license"]) {
    const t = entry(id).terms.patent_grant;
    assert.equal(t.value, "n/a", id);
    assert.match(t.condition ?? "", /grants? no patent license/, id);
  }
});

test("vendor licenses name the Hub owners under which the licensor publishes", () => {
  const orgs: [string, string][] = [
    ["stability-ai-community", "stabilityai"],
    ["stability-ai-nc-research-community", "stabilityai"],
    ["stability-ai-nc-research-community-2023-12-06", "stabilityai"],
    ["stability-ai-nc-community-sv3d", "stabilityai"],
    ["stable-video-diffusion-nc-community", "stabilityai"],
    ["sdxl-0.9-research", "stabilityai"],
    ["ltxv-0.9-rail-m", "Lightricks"],
    ["ltxv-open-weights-license-2025-04-17", "Lightricks"],
    ["ltxv-open-weights-license-2025-05-05", "Lightricks"],
    ["ltx-2-community-license-agreement", "Lightricks"],
    ["ltx-2.x-community-license-agreement", "Lightricks"],
    ["playground-v2-community", "playgroundai"],
    ["hyperclovax-seed", "naver-hyperclovax"],
    ["open-aleph-license-1.0", "Aleph-Alpha"],
    ["microsoft-research-license", "microsoft"],
  ];
  for (const [id, org] of orgs) assert.ok(entry(id).licensor?.hub_orgs.includes(org), `${id}: ${org}`);
  // public licenses anyone may use for their own work have no licensor
  for (const id of [
    "coqui-public-model-license",
    "fair-ai-public-license-1.0",
    "fair-ai-public-license-1.0-sd",
  ])
    assert.equal(entry(id).licensor, undefined, id);
});

test("Fair AI Public License 1.0-SD carries the CreativeML restrictions, and the RAIL licenses accept it", () => {
  const sd = entry("fair-ai-public-license-1.0-sd");
  const cats = (l: License) => [...new Set(l.use_restrictions.map((r) => r.category))].sort();
  assert.deepEqual(cats(sd), cats(entry("creativeml-openrail-m")));
  assert.deepEqual(sd.flow_down.use_restrictions?.accepts, ["creativeml-openrail-m", "openrail++"]);
  for (const id of ["creativeml-openrail-m", "openrail++"])
    assert.ok(entry(id).flow_down.use_restrictions?.accepts.includes(sd.id), id);
  // plain 1.0 has no prohibited uses, and lets the whole software go under AGPL-3.0
  const plain = entry("fair-ai-public-license-1.0");
  assert.deepEqual(plain.use_restrictions, []);
  assert.deepEqual(
    plain.flow_down.same_license?.compatible.map((c) => [c.license, c.how]),
    [["agpl-3.0", "relicense"]],
  );
  assert.deepEqual(sd.flow_down.same_license?.compatible, []);
});

test("LTX licenses: research-only RAIL-M, revenue-gated open weights and community agreements", () => {
  assert.equal(entry("ltxv-0.9-rail-m").terms.commercial.value, "forbidden");
  assert.ok(!entry("ltxv-0.9-rail-m").use_restrictions.some((r) => r.category === "medical-advice"));
  for (const id of [
    "ltxv-open-weights-license-2025-04-17",
    "ltxv-open-weights-license-2025-05-05",
    "ltx-2-community-license-agreement",
    "ltx-2.x-community-license-agreement",
  ]) {
    const lic = entry(id);
    assert.deepEqual(
      lic.thresholds.map((t) => [t.metric, t.limit]),
      [["annual-revenue-usd", 10_000_000]],
      id,
    );
    assert.ok(
      lic.duties.some((d) => d.code === "use-latest-version"),
      id,
    );
  }
  assert.ok(entry("ltx-2-community-license-agreement").flow_down.same_license);
  const x = entry("ltx-2.x-community-license-agreement");
  assert.deepEqual(
    x.duties.map((d) => d.code),
    ["use-latest-version", "keep-transparency-features", "pass-on-transparency-duties", "notify-transferee"],
  );
});

test("HyperCLOVA X SEED: name prefix and display, and a 10 million user threshold", () => {
  const lic = entry("hyperclovax-seed");
  assert.equal(lic.flow_down.naming?.prefix, "HyperCLOVA X");
  assert.equal(lic.flow_down.naming?.display, "Powered by HyperCLOVA X");
  assert.deepEqual(lic.licensor?.entities, ["NAVER Corporation", "NAVER Cloud Corporation"]);
  assert.equal(lic.thresholds[0]?.limit, 10_000_000);
});

test("Open Aleph forbids use by public authorities; Playground bars improving other text-to-image models", () => {
  const oal = entry("open-aleph-license-1.0");
  assert.ok(kb.category("public-authority"));
  assert.ok(oal.use_restrictions.some((r) => r.category === "public-authority"));
  assert.ok(oal.flow_down.same_license && oal.flow_down.non_commercial);
  const pg = entry("playground-v2-community");
  const r = pg.outputs!.restrictions.find((x) => x.kind === "improve-other-models");
  assert.deepEqual(r?.except_licenses, ["playground-v2-community"]);
  assert.equal(pg.thresholds[0]?.limit, 1_000_000);
});

test("Coqui and Microsoft Research licenses: non-commercial outputs, no redistribution", () => {
  const cpml = entry("coqui-public-model-license");
  assert.ok(cpml.covers.includes("outputs"));
  assert.ok(cpml.outputs?.restrictions.some((r) => r.kind === "output-use-restricted"));
  const msr = entry("microsoft-research-license");
  assert.equal(msr.terms.distribute.value, "forbidden");
  assert.equal(msr.terms.hosted_use?.value, "forbidden");
});
