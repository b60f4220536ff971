// The vendor licenses of the Qwen, ChatGLM / CogVideoX, EXAONE, Tencent Hunyuan, bilibili, Moonshot,
// MiniMax and Yi entries: Hub spellings, the facts the knowledge-base issue calls out, and the Chinese
// quotes that the shared citation check cannot see (it folds text to ASCII before comparing).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { defaultCorpusDir, referenceTexts } from "../../src/kb/reference-texts.js";
import { clausesOf } from "../../src/kb/load-data.js";
import type { License } from "../../src/kb/schema.js";
import { ROOT } from "../helpers.js";

const kb = knowledgeBase();
const lic = (id: string): License => {
  const l = kb.license(id);
  assert.ok(l, `no entry ${id}`);
  return l;
};

/** Every entry this area owns. */
const OWN = [
  "qwen",
  "qwen-research",
  "tongyi-qianwen",
  "tongyi-qianwen-research",
  "yi-license",
  "yi-license-v1.0",
  "yi-license-v2.0",
  "chatglm-6b",
  "chatglm2-6b",
  "chatglm3-6b",
  "chatglm3-6b-2023-10-27",
  "cogvideox-license",
  "exaone",
  "exaone-1.0-nc",
  "exaone-1.2-nc",
  "tencent-hunyuan-community-hunyuanvideo",
  "tencent-hunyuan-community-hunyuan-large",
  "tencent-hunyuan-community-hunyuandit",
  "tencent-hunyuan-3d-2.0-community",
  "bilibili-model-license",
  "bilibili-index-1.9b-model-license",
  "moonshot-ai-modified-mit",
  "minimax-model-license",
  "minimax-model-license-agreement-2025-01-14",
];

test("Hub license_name spellings and ScanCode keys resolve to their entries", () => {
  const spellings: Record<string, string> = {
    qwen: "qwen",
    "qwen-research": "qwen-research",
    "tongyi-qianwen": "tongyi-qianwen",
    "tongyi-qianwen-research": "tongyi-qianwen-research",
    exaone: "exaone",
    "cogvideox-license": "cogvideox-license",
    cogvideox: "cogvideox-license",
    "tencent-hunyuan-community": "tencent-hunyuan-community-hunyuanvideo",
    "tencent-license": "tencent-hunyuan-community-hunyuan-large",
    "bilibili-model-license": "bilibili-model-license",
    "bilibili-model-use-license": "bilibili-model-license",
    "bilibili-model-license-zh": "bilibili-model-license",
    minimax: "minimax-model-license",
    "yi-license": "yi-license",
    "qwen-2024": "qwen",
    "exaone-ai-model-1.1-nc": "exaone",
    "tencent-hunyuan-3d-2.0-cla": "tencent-hunyuan-3d-2.0-community",
    "bilibili-model-ula-2025-09-09": "bilibili-model-license",
    "moonshot-ai-modified-mit-2025": "moonshot-ai-modified-mit",
    "Qwen LICENSE AGREEMENT": "qwen",
    "Qwen RESEARCH LICENSE AGREEMENT": "qwen-research",
    "EXAONE AI Model License Agreement 1.2 - NC": "exaone-1.2-nc",
    "The ChatGLM3-6B License": "chatglm3-6b",
    "bilibili Index-1.9B 模型许可协议": "bilibili-index-1.9b-model-license",
  };
  for (const [name, id] of Object.entries(spellings)) assert.equal(kb.findLicense(name)?.id, id, name);
});

test("'modified-mit' names several vendors' texts, so it is not taken as Moonshot's license", () => {
  assert.notEqual(kb.findLicense("modified-mit")?.id, "moonshot-ai-modified-mit");
  const m = lic("moonshot-ai-modified-mit");
  assert.ok(m.warnings.some((w) => w.code === "modified-license"));
  assert.ok(m.duties.some((d) => d.code === "display-kimi-k2" && /Kimi K2/.test(d.text)));
});

test("the 2024 Qwen licenses replace the outputs ban with the Built with Qwen display duty", () => {
  for (const id of ["qwen", "qwen-research"]) {
    const l = lic(id);
    assert.equal(l.flow_down.naming?.display, "Built with Qwen", id);
    assert.match(l.flow_down.naming!.clause.quote, /Improved using Qwen/);
    assert.ok(!l.outputs?.restrictions.some((r) => r.kind === "improve-other-models"), `${id} bans no model`);
    assert.deepEqual(l.licensor?.hub_orgs, ["Qwen"]);
  }
  assert.equal(lic("qwen").thresholds[0]?.limit, 100_000_000);
  assert.equal(lic("qwen").terms.commercial.value, "conditional");
  assert.equal(lic("qwen-research").terms.commercial.value, "forbidden");
  assert.ok(lic("qwen-research").flow_down.non_commercial);
  for (const id of ["tongyi-qianwen", "tongyi-qianwen-research"])
    assert.ok(
      lic(id).outputs?.restrictions.some((r) => r.kind === "improve-other-models"),
      id,
    );
});

test("the licensor of every vendor license names the Hub organisations it publishes under", () => {
  const orgs: Record<string, string> = {
    qwen: "Qwen",
    "tongyi-qianwen": "Qwen",
    "yi-license": "01-ai",
    "chatglm3-6b": "zai-org",
    "cogvideox-license": "THUDM",
    exaone: "LGAI-EXAONE",
    "exaone-1.2-nc": "LGAI-EXAONE",
    "tencent-hunyuan-community-hunyuanvideo": "tencent",
    "tencent-hunyuan-community-hunyuandit": "Tencent-Hunyuan",
    "bilibili-model-license": "IndexTeam",
    "bilibili-index-1.9b-model-license": "IndexTeam",
    "moonshot-ai-modified-mit": "moonshotai",
    "minimax-model-license": "MiniMaxAI",
  };
  for (const [id, org] of Object.entries(orgs))
    assert.ok(lic(id).licensor?.hub_orgs.includes(org), `${id}: ${org}`);
  for (const id of OWN) assert.ok(lic(id).licensor?.clause.quote, `${id} has a licensor with its clause`);
});

test("Tencent Hunyuan texts exclude their territories: the EU, and from December 2024 the UK and South Korea", () => {
  const regions = (id: string) =>
    lic(id)
      .territory.map((t) => t.region)
      .join("; ");
  for (const id of ["tencent-hunyuan-community-hunyuanvideo", "tencent-hunyuan-3d-2.0-community"])
    assert.match(regions(id), /European Union, United Kingdom and South Korea/, id);
  for (const id of ["tencent-hunyuan-community-hunyuan-large", "tencent-hunyuan-community-hunyuandit"]) {
    assert.match(regions(id), /European Union/, id);
    assert.doesNotMatch(regions(id), /Korea|Kingdom/, id);
  }
  assert.equal(lic("tencent-hunyuan-3d-2.0-community").thresholds[0]?.limit, 1_000_000);
  assert.equal(lic("tencent-hunyuan-community-hunyuanvideo").thresholds[0]?.limit, 100_000_000);
  assert.equal(lic("tencent-hunyuan-community-hunyuanvideo").flow_down.use_restrictions?.form, "own");
});

test("versions that differ are separate entries with the differences recorded", () => {
  assert.equal(lic("yi-license-v1.0").terms.commercial.value, "forbidden");
  assert.equal(lic("yi-license-v2.0").terms.commercial.value, "conditional");
  assert.match(lic("yi-license").terms.commercial.clause!.quote, /registration/);
  assert.equal(lic("chatglm3-6b-2023-10-27").terms.commercial.value, "unknown");
  assert.equal(lic("chatglm3-6b").terms.commercial.value, "conditional");
  assert.equal(lic("exaone-1.0-nc").terms.distribute.value, "forbidden");
  assert.equal(lic("exaone").flow_down.naming?.prefix, "EXAONE");
  assert.equal(lic("exaone").outputs?.ownership, "licensor");
  assert.equal(lic("exaone-1.2-nc").outputs?.ownership, "unspecified");
  assert.match(lic("exaone-1.2-nc").outputs!.restrictions[0]!.clause.quote, /compete/);
  assert.equal(lic("minimax-model-license-agreement-2025-01-14").flow_down.naming?.prefix, "MiniMax");
  assert.equal(lic("minimax-model-license").flow_down.naming, undefined);
  assert.equal(lic("minimax-model-license").thresholds.length, 0);
});

test("the bilibili agreement records the prevailing Chinese revenue cap", () => {
  const w = lic("bilibili-model-license").warnings.find((x) => x.code === "revenue-cap-differs");
  assert.ok(w?.clause && /1亿人民币/.test(w.clause.quote));
  assert.ok(lic("bilibili-model-license").warnings.some((x) => x.code === "chinese-version-prevails"));
});

test("'no patent license' has one meaning in these entries: n/a", () => {
  for (const id of OWN) {
    const p = lic(id).terms.patent_grant;
    if (p.value === "forbidden") assert.fail(`${id}: patent_grant coded forbidden`);
    if (p.value === "n/a") assert.match(p.condition ?? "", /grants no (express )?patent license/i, id);
  }
});

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
const squash = (s: string) => s.replace(/\s+/g, " ").trim();
/** Words of a quote for the length limit: a Chinese character counts as one, as does a Latin word. */
const units = (q: string) =>
  (q.match(/[\u3400-\u9fff]/g) ?? []).length + (q.match(/[A-Za-z0-9.-]+/g) ?? []).length;

/** Chinese quotes of an entry that are not verbatim (up to whitespace) in any of its texts. */
function missingCjkQuotes(l: License, texts: string[]): string[] {
  const hay = texts.map(squash);
  return clausesOf(l)
    .filter(({ clause }) => CJK.test(clause.quote))
    .filter(({ clause }) => !hay.some((t) => t.includes(squash(clause.quote))))
    .map(({ path, clause }) => `${l.id} ${path}: ${clause.quote}`);
}

const corpus = defaultCorpusDir(ROOT);
test(
  "every Chinese quote is verbatim in its text and no longer than 40 characters",
  { skip: !existsSync(corpus) && "corpus not present" },
  () => {
    let checked = 0;
    const problems: string[] = [];
    for (const id of OWN) {
      const l = lic(id);
      problems.push(
        ...missingCjkQuotes(
          l,
          referenceTexts(l, corpus).map((t) => t.text),
        ),
      );
      for (const { path, clause } of clausesOf(l))
        if (CJK.test(clause.quote)) {
          checked++;
          if (units(clause.quote) > 40) problems.push(`${id} ${path}: ${units(clause.quote)} units`);
        }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 35, `only ${checked} Chinese quotes checked`);
    // the check can fail: a quote one character off is reported
    const l = lic("bilibili-index-1.9b-model-license");
    const altered = {
      ...l,
      warnings: [{ code: "x", message: "x", clause: { section: "x", quote: "许可方对您使用模型的输出" } }],
    };
    assert.equal(
      missingCjkQuotes(
        altered,
        referenceTexts(l, corpus).map((t) => t.text),
      ).length,
      1,
    );
  },
);
