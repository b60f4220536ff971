// Engineer A's catalogue entries: the licenses established for FLUX, Stability AI, LTX, Coqui,
// Playground, HyperCLOVA X SEED, Pharia and Phi models.
import { test } from "node:test";
import assert from "node:assert/strict";
import { knowledgeBase, NOASSERTION } from "../../src/kb/knowledge-base.js";
import type { Model } from "../../src/kb/schema.js";

const kb = knowledgeBase();

function model(id: string): Model {
  const m = kb.findModel(id);
  assert.ok(m, `no catalogue entry '${id}'`);
  assert.equal(m.id, id);
  return m;
}

const WEIGHTS: [string, string][] = [
  ["black-forest-labs/FLUX.1-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Fill-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Depth-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Canny-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Depth-dev-lora", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Canny-dev-lora", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Redux-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Kontext-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-Krea-dev", "flux-1-dev-non-commercial-license"],
  ["black-forest-labs/FLUX.1-schnell", "apache-2.0"],
  ["stabilityai/sdxl-turbo", "stability-ai-nc-research-community"],
  ["stabilityai/sd-turbo", "stability-ai-nc-research-community"],
  ["stabilityai/stable-diffusion-3-medium", "stability-ai-community"],
  ["stabilityai/stable-diffusion-3.5-large", "stability-ai-community"],
  ["stabilityai/stable-diffusion-3.5-large-turbo", "stability-ai-community"],
  ["stabilityai/stable-diffusion-3.5-medium", "stability-ai-community"],
  ["stabilityai/stable-video-diffusion-img2vid", "stable-video-diffusion-nc-community"],
  ["stabilityai/stable-video-diffusion-img2vid-xt", "stable-video-diffusion-nc-community"],
  ["stabilityai/stable-video-diffusion-img2vid-xt-1-1", NOASSERTION],
  ["stabilityai/sv3d", "stability-ai-nc-community-sv3d"],
  ["stabilityai/stable-diffusion-xl-base-0.9", "sdxl-0.9-research"],
  ["Lightricks/LTX-Video", NOASSERTION],
  ["Lightricks/LTX-2", "ltx-2-community-license-agreement"],
  ["Lightricks/LTX-2.3", "ltx-2-community-license-agreement"],
  ["Lightricks/LTX-2.5", "ltx-2.x-community-license-agreement"],
  ["coqui/XTTS-v2", "coqui-public-model-license"],
  ["playgroundai/playground-v2-1024px-aesthetic", "playground-v2-community"],
  ["playgroundai/playground-v2.5-1024px-aesthetic", NOASSERTION],
  ["naver-hyperclovax/HyperCLOVAX-SEED-Text-Instruct-1.5B", "hyperclovax-seed"],
  ["naver-hyperclovax/HyperCLOVAX-SEED-Vision-Instruct-3B", "hyperclovax-seed"],
  ["Aleph-Alpha/Pharia-1-LLM-7B-control", "open-aleph-license-1.0"],
  ["Aleph-Alpha/Pharia-1-LLM-7B-control-aligned", "open-aleph-license-1.0"],
  ["microsoft/phi-2", "mit"],
];

test("catalogue entries carry the weights licenses established from their cards and texts", () => {
  for (const [id, lic] of WEIGHTS) assert.equal(model(id).licenses.weights, lic, id);
});

test("every license a catalogue entry names is a verified knowledge-base entry", () => {
  for (const [id, lic] of WEIGHTS) {
    if (lic === NOASSERTION) {
      assert.ok(model(id).notes, `${id} says why its license is not asserted`);
      continue;
    }
    assert.equal(kb.license(lic)?.verified, true, `${id}: ${lic}`);
  }
});

test("the FLUX.1 [dev] LoRAs are adapters of FLUX.1 [dev], published by the licensor", () => {
  for (const id of ["black-forest-labs/FLUX.1-Depth-dev-lora", "black-forest-labs/FLUX.1-Canny-dev-lora"]) {
    assert.deepEqual(model(id).bases, [{ id: "black-forest-labs/FLUX.1-dev", relation: "adapter" }]);
    const org = id.split("/")[0]!;
    assert.ok(kb.license(model(id).licenses.weights!)?.licensor?.hub_orgs.includes(org));
  }
});

test("a license change between revisions is recorded: Phi-2, SD3 Medium, SVD", () => {
  const phi2 = model("microsoft/phi-2");
  assert.equal(phi2.revision, "main");
  assert.match(phi2.notes ?? "", /microsoft-research-license/);
  assert.match(
    model("stabilityai/stable-diffusion-3-medium").notes ?? "",
    /stabilityai-nc-research-community/,
  );
  assert.match(model("stabilityai/stable-video-diffusion-img2vid-xt").revision ?? "", /^[0-9a-f]{40}$/);
  assert.match(
    model("black-forest-labs/FLUX.1-dev").notes ?? "",
    /flux-1-dev-non-commercial-license-2024-08-01/,
  );
});
