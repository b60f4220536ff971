// "Check a model" end to end: a catalogue target and an uploaded model card, each through the
// form, the API and back to a verdict badge, findings and the SVG lineage graph.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { skipReason, startWeb, type WebSession } from "./harness.js";

const skip = skipReason();
let web: WebSession;

before(async () => {
  if (!skip) web = await startWeb();
});
after(async () => {
  await web?.close();
});

const SD = "CompVis/stable-diffusion-v1-4";
/** A fine-tune of Stable Diffusion that drops the OpenRAIL-M use restrictions. */
const CARD = `---
license: apache-2.0
base_model: ${SD}
tags:
- text-to-image
---
# Watercolour diffusion

A fine-tune of Stable Diffusion v1.4 on watercolour paintings.
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function postCheck(body: unknown): Promise<any> {
  const r = await fetch(`${web.url}/api/check`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return r.json();
}

/** Model ids in a lineage tree, each once. */
function lineageIds(v: { id: string; bases: unknown[] }, out = new Set<string>()): Set<string> {
  out.add(v.id);
  for (const b of v.bases) lineageIds(b as typeof v, out);
  return out;
}

async function graphNodes(): Promise<Map<string, { license: string; status: string }>> {
  const nodes = new Map<string, { license: string; status: string }>();
  for (const g of await web.page.locator("svg.lineage-graph g.lg-node").all())
    nodes.set((await g.getAttribute("data-id"))!, {
      license: (await g.getAttribute("data-license"))!,
      status: (await g.getAttribute("data-status"))!,
    });
  return nodes;
}

test(
  "check: a catalogue target, then the same target against a planned Apache-2.0 license",
  { skip },
  async () => {
    const { page } = web;
    const expected = await postCheck({ target: SD });
    await web.open(`#/check`);
    await page.getByRole("heading", { level: 1, name: "Check a model" }).waitFor();
    await page.getByRole("textbox", { name: "Hub id or catalogue name" }).fill(SD);
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const report = page.locator("article.report");
    await report.waitFor();
    assert.equal(await report.getAttribute("data-verdict"), expected.verdict);
    assert.equal(
      await page.locator("article.report .verdict-line [data-verdict]").getAttribute("data-verdict"),
      expected.verdict,
    );
    const nodes = await graphNodes();
    assert.deepEqual([...nodes.keys()].sort(), [...lineageIds(expected.lineage)].sort());
    for (const n of nodes.values()) assert.equal(n.license, "creativeml-openrail-m");
    assert.equal(
      await page.locator("svg.lineage-graph g.lg-edge").count(),
      nodes.size - 1,
      "a chain of fine-tunes",
    );
    assert.equal(await page.locator("ul.obligations > li").count(), expected.obligations.length);
    await web.shot("check-catalogue");

    await page.getByText("Options", { exact: true }).click();
    await page.getByLabel("Check against a planned license instead of the declared one").fill("apache-2.0");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator('article.report[data-verdict="violation"]').waitFor();
    const target = page.locator(`svg.lineage-graph g.lg-node[data-id="${SD}"]`);
    assert.equal(await target.getAttribute("data-status"), "violation");
    assert.ok(await page.locator('ol.findings li[data-code="use-restrictions-dropped"]').count());
    assert.deepEqual(web.pageErrors, []);
  },
);

test(
  "check: an uploaded model card fine-tuned from Stable Diffusion under Apache-2.0 is a violation",
  { skip },
  async () => {
    const { page } = web;
    const expected = await postCheck({ files: { "README.md": CARD }, name: "acme/watercolour-diffusion" });
    assert.equal(expected.verdict, "violation");

    await web.open(`#/check`);
    await page.getByRole("heading", { level: 1, name: "Check a model" }).waitFor();
    await page.getByRole("radio", { name: "Upload model files" }).check();
    await page.locator('input[type="file"]').setInputFiles({
      name: "README.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(CARD),
    });
    await page.locator("ul.file-list li", { hasText: "README.md" }).waitFor();
    await page.getByLabel("Model id (optional)").fill("acme/watercolour-diffusion");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const report = page.locator("article.report");
    await report.waitFor();
    assert.equal(await report.getAttribute("data-verdict"), "violation");
    assert.equal(
      (await page.locator("article.report .verdict-line .badge").textContent())?.trim(),
      "Violation",
    );

    const nodes = await graphNodes();
    assert.deepEqual([...nodes.keys()].sort(), [...lineageIds(expected.lineage)].sort());
    assert.deepEqual(nodes.get("acme/watercolour-diffusion"), { license: "apache-2.0", status: "violation" });
    assert.equal(nodes.get(SD)?.license, "creativeml-openrail-m");
    assert.equal(nodes.get(SD)?.status, "violation", "the base whose restrictions were dropped is marked");
    assert.equal(
      await page.locator("svg.lineage-graph g.lg-edge text", { hasText: "finetune" }).count(),
      nodes.size - 1,
    );
    const codes = await Promise.all(
      (await page.locator("ol.findings > li").all()).map((li) => li.getAttribute("data-code")),
    );
    assert.deepEqual(codes.sort(), expected.findings.map((f: { code: string }) => f.code).sort());
    assert.ok(codes.includes("use-restrictions-dropped"));
    const clause = page.locator('ol.findings li[data-code="use-restrictions-dropped"] blockquote');
    assert.match((await clause.textContent()) ?? "", /Use-based restrictions/);
    assert.match((await page.locator("footer").textContent()) ?? "", /not legal advice/i);
    await web.shot("check-upload-violation");
    assert.deepEqual(web.pageErrors, []);
  },
);

test("check: an unknown catalogue name and a binary file give clear errors", { skip }, async () => {
  const { page } = web;
  const expected = (await postCheck({ target: "no-such-model" })).error.message as string;
  await web.open(`#/check`);
  await page.getByRole("heading", { level: 1, name: "Check a model" }).waitFor();
  await page.getByRole("button", { name: "Check", exact: true }).click();
  assert.match((await page.getByRole("alert").textContent()) ?? "", /Enter a Hub id/);

  await page.getByRole("textbox", { name: "Hub id or catalogue name" }).fill("no-such-model");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: expected });
  await alert.waitFor();
  assert.equal(await page.locator("article.report").count(), 0);

  await page.getByRole("radio", { name: "Upload model files" }).check();
  await page.locator('input[type="file"]').setInputFiles({
    name: "model.safetensors",
    mimeType: "application/octet-stream",
    buffer: Buffer.from([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 0, 0]),
  });
  await page.getByRole("alert").filter({ hasText: "model.safetensors is a binary file" }).waitFor();
  assert.equal(await page.locator("ul.file-list li").count(), 0);
  await web.shot("check-errors");
  assert.deepEqual(web.pageErrors, []);
});
