// Hub models in BOMs carry pkg:huggingface purls (with the revision when a Hugging Face cache
// snapshot was read) and links to their Hub page and license text, in CycloneDX and SPDX 3.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as CDX from "@cyclonedx/cyclonedx-library";
import { PackageURL } from "packageurl-js";
import { hubReferences } from "../../src/bom/hub-references.js";
import { knowledgeBase } from "../../src/kb/knowledge-base.js";
import { cli, fixture } from "../helpers.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CACHE = fixture("hf-cache", "hub");
const REV = "7d3f1c2a9b8e4d5f6a7b8c9d0e1f2a3b4c5d6e7f";

test("purls only for Hub model ids; datasets and licenses get pages", () => {
  const kb = knowledgeBase();
  const m = hubReferences(kb, "acme-ai/Ink-Diffusion", "apache-2.0", { revision: "ABC1234" });
  assert.equal(m.purl?.toString(), "pkg:huggingface/acme-ai/Ink-Diffusion@abc1234");
  assert.equal(m.page, "https://huggingface.co/acme-ai/Ink-Diffusion");
  assert.equal(m.licenseUrl, kb.license("apache-2.0")!.url);
  const parsed = PackageURL.fromString(m.purl!.toString());
  assert.deepEqual([parsed.type, parsed.namespace, parsed.name], ["huggingface", "acme-ai", "Ink-Diffusion"]);
  assert.equal(hubReferences(kb, "gpt-3", null).purl, undefined, "a catalogue name is not a Hub id");
  assert.equal(hubReferences(kb, "my-folder", null).page, undefined);
  const d = hubReferences(kb, "acme-ai/dialogues", "cc-by-4.0", { kind: "dataset" });
  assert.equal(d.purl, undefined);
  assert.equal(d.page, "https://huggingface.co/datasets/acme-ai/dialogues");
});

test("CycloneDX of a cached Hub model: purl with revision, Hub page and license references, valid", async () => {
  const r = await cli(
    "bom",
    "hf:acme-ai/ink-diffusion",
    "--offline",
    "--hf-cache",
    CACHE,
    "--format",
    "cyclonedx",
  );
  assert.equal(r.code, 0, r.stderr);
  const err = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(r.stdout);
  assert.equal(err, null, JSON.stringify(err));
  const c = (r.json as Json).metadata.component;
  assert.equal(c.purl, `pkg:huggingface/acme-ai/ink-diffusion@${REV}`);
  assert.equal(c.version, REV);
  const ext = Object.fromEntries(c.externalReferences.map((e: Json) => [e.type, e.url]));
  assert.equal(ext.website, "https://huggingface.co/acme-ai/ink-diffusion");
  assert.equal(ext.license, knowledgeBase().license("apache-2.0")!.url);
  const base = c.pedigree.ancestors[0];
  assert.equal(base.purl, "pkg:huggingface/CompVis/stable-diffusion-v1-4");
  assert.ok(base.externalReferences.some((e: Json) => e.type === "license"));
});

test("SPDX 3 of a cached Hub model: software_packageUrl, home page and external refs", async () => {
  const r = await cli("bom", "hf:acme-ai/support-chat", "--offline", "--hf-cache", CACHE, "--format", "spdx");
  assert.equal(r.code, 0, r.stderr);
  const graph: Json[] = (r.json as Json)["@graph"];
  const pkgs = graph.filter((e) => e.type === "ai_AIPackage");
  const root = pkgs.find((p) => p.name === "support-chat")!;
  assert.equal(
    root.software_packageUrl,
    "pkg:huggingface/acme-ai/support-chat@c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
  );
  assert.equal(root.software_packageVersion, "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00");
  assert.equal(root.software_homePage, "https://huggingface.co/acme-ai/support-chat");
  const types = root.externalRef.map((e: Json) => e.externalRefType).sort();
  assert.deepEqual(types, ["altWebPage", "license"]);
  for (const e of root.externalRef) {
    assert.equal(e.type, "ExternalRef");
    assert.ok(Array.isArray(e.locator) && e.locator.length === 1);
  }
  const base = pkgs.find((p) => p.name === "acme-ai/base-7b")!;
  assert.equal(base.software_packageUrl, "pkg:huggingface/acme-ai/base-7b");
  const data = graph.find((e) => e.type === "dataset_DatasetPackage")!;
  assert.equal(data.software_homePage, "https://huggingface.co/datasets/acme-ai/dialogues");
  assert.equal(data.software_packageUrl, undefined);
});
