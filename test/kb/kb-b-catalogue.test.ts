// Catalogue entries for the Qwen, THUDM, EXAONE, Tencent, Moonshot, MiniMax and bilibili models: the
// licenses established from their cards and repositories, and that each vendor release sits under
// one of its licensor's own Hub organisations (so licensee duties do not bind it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { ROOT } from "../helpers.js";

const kb = knowledgeBase();
const weights = (id: string) => kb.findModel(id)?.licenses.weights;

test("Qwen2.5 points to the 2024 texts: 72B qwen, 3B qwen-research, the other sizes Apache-2.0", () => {
  for (const size of ["0.5B", "1.5B", "3B", "7B", "14B", "32B", "72B"])
    for (const suffix of ["", "-Instruct"]) {
      const expected = size === "3B" ? "qwen-research" : size === "72B" ? "qwen" : "apache-2.0";
      assert.equal(weights(`Qwen/Qwen2.5-${size}${suffix}`), expected, `Qwen2.5-${size}${suffix}`);
    }
  for (const id of ["Qwen/Qwen2.5-72B", "Qwen/Qwen2.5-3B-Instruct"])
    assert.doesNotMatch(weights(id)!, /tongyi/, `${id} is not under the 2023 texts`);
  assert.equal(weights("Qwen/Qwen2-72B-Instruct"), "tongyi-qianwen");
});

test("Qwen2.5-VL, QwQ and Qwen3 carry the licenses of their cards", () => {
  const expected: Record<string, string> = {
    "Qwen/Qwen2.5-VL-3B-Instruct": "qwen-research",
    "Qwen/Qwen2.5-VL-7B-Instruct": "apache-2.0",
    "Qwen/Qwen2.5-VL-32B-Instruct": "apache-2.0",
    "Qwen/Qwen2.5-VL-72B-Instruct": "qwen",
    "Qwen/QwQ-32B": "apache-2.0",
    "Qwen/QwQ-32B-Preview": "apache-2.0",
  };
  for (const size of ["0.6B", "1.7B", "4B", "8B", "14B", "32B", "30B-A3B", "235B-A22B"])
    expected[`Qwen/Qwen3-${size}`] = "apache-2.0";
  for (const [id, license] of Object.entries(expected)) assert.equal(weights(id), license, id);
});

test("the other vendors' models carry their model licenses", () => {
  const expected: Record<string, string> = {
    "THUDM/CogVideoX-2b": "apache-2.0",
    "THUDM/CogVideoX-5b": "cogvideox-license",
    "zai-org/CogVideoX-5b-I2V": "cogvideox-license",
    "THUDM/chatglm-6b": "chatglm-6b",
    "THUDM/chatglm2-6b": "chatglm2-6b",
    "THUDM/chatglm3-6b": "chatglm3-6b",
    "LGAI-EXAONE/EXAONE-3.0-7.8B-Instruct": "exaone",
    "LGAI-EXAONE/EXAONE-3.5-32B-Instruct": "exaone",
    "LGAI-EXAONE/EXAONE-Deep-7.8B": "exaone",
    "LGAI-EXAONE/EXAONE-4.0-32B": "exaone-1.2-nc",
    "tencent/HunyuanVideo": "tencent-hunyuan-community-hunyuanvideo",
    "tencent/Tencent-Hunyuan-Large": "tencent-hunyuan-community-hunyuan-large",
    "Tencent-Hunyuan/HunyuanDiT": "tencent-hunyuan-community-hunyuandit",
    "tencent/Hunyuan3D-2": "tencent-hunyuan-3d-2.0-community",
    "moonshotai/Kimi-K2-Instruct": "moonshot-ai-modified-mit",
    "moonshotai/Kimi-VL-A3B-Thinking": "mit",
    "MiniMaxAI/MiniMax-Text-01": "minimax-model-license",
    "MiniMaxAI/MiniMax-M1-80k": "apache-2.0",
    "IndexTeam/Index-1.9B-Chat": "bilibili-index-1.9b-model-license",
    "IndexTeam/IndexTTS-2": "bilibili-model-license",
  };
  for (const [id, license] of Object.entries(expected)) assert.equal(weights(id), license, id);
});

const FILES = ["qwen", "cogvideox", "chatglm", "exaone", "hunyuan", "kimi", "minimax", "bilibili-index"];
const own = FILES.flatMap(
  (f) => parse(readFileSync(join(ROOT, "data", "models", `${f}.yaml`), "utf8")) as { id: string }[],
);

test("every vendor release is published under one of its licensor's Hub organisations", () => {
  assert.ok(own.length >= 70, `only ${own.length} entries`);
  for (const { id } of own) {
    const m = kb.findModel(id)!;
    const owner = id.split("/")[0]!;
    for (const licId of m.licenses.weights!.split(/\s+(?:AND|OR)\s+/)) {
      const licensor = kb.license(licId)?.licensor;
      if (licensor)
        assert.ok(licensor.hub_orgs.includes(owner), `${id}: ${owner} is not a Hub org of ${licId}`);
    }
    assert.ok(
      m.sources.every((s) => s.startsWith("https://")),
      id,
    );
    assert.ok(m.notes, `${id} says where its license comes from`);
  }
});
