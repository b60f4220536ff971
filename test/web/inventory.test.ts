// Inventory: add a model through the form, see its row and verdict badge, download its
// CycloneDX BOM from the row's link, open its stored report, delete it.
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

test("inventory: add, badge, BOM link, report, delete", { skip }, async () => {
  const { page } = web;
  page.on("dialog", (d) => void d.accept());
  await web.open(`#/inventory`);
  await page.getByRole("heading", { level: 1, name: "Inventory" }).waitFor();
  await page.getByText("No models yet").waitFor();

  // a catalogue model by its Hub id
  await page.getByRole("textbox", { name: "Hub id or catalogue name" }).fill("meta-llama/Llama-3.1-8B");
  await page.getByRole("button", { name: "Add to inventory" }).click();
  const llama = page.locator('table.inventory tr[data-id="meta-llama/Llama-3.1-8B"]');
  await llama.waitFor();
  const stored = await (await fetch(`${web.url}/api/models/meta-llama/Llama-3.1-8B`)).json();
  assert.equal(await llama.locator("[data-verdict]").getAttribute("data-verdict"), stored.verdict);
  assert.match(
    (await page.getByRole("status").filter({ hasText: "Added" }).textContent()) ?? "",
    /Added meta-llama\/Llama-3\.1-8B/,
  );

  // an uploaded card: the violating Stable Diffusion fine-tune
  await page.getByRole("radio", { name: "Upload model files" }).check();
  await page.locator('input[type="file"]').setInputFiles([
    {
      name: "README.md",
      mimeType: "text/markdown",
      buffer: Buffer.from(
        "---\nlicense: apache-2.0\nbase_model: CompVis/stable-diffusion-v1-4\n---\n# Ink\n",
      ),
    },
  ]);
  await page.getByLabel("Model id (optional)").fill("acme/ink-diffusion");
  await page.getByRole("button", { name: "Add to inventory" }).click();
  const ink = page.locator('table.inventory tr[data-id="acme/ink-diffusion"]');
  await ink.waitFor();
  const badge = ink.locator("[data-verdict]");
  assert.equal(await badge.getAttribute("data-verdict"), "violation");
  assert.equal((await badge.textContent())?.trim(), "Violation");
  assert.equal(await page.locator("table.inventory tbody tr").count(), 2);
  await web.shot("inventory-two-models");

  // the row's CycloneDX link serves the BOM
  const link = ink.getByRole("link", { name: "CycloneDX BOM of acme/ink-diffusion" });
  const hrefAttr = await link.getAttribute("href");
  assert.ok(hrefAttr, "the BOM link has an address");
  assert.ok(await link.getAttribute("download"), "the link downloads a file");
  const res = await page.request.get(new URL(hrefAttr, web.url).href);
  assert.equal(res.status(), 200);
  const bom = await res.json();
  assert.equal(bom.bomFormat, "CycloneDX");
  assert.equal(bom.metadata.component["bom-ref"], "model:acme/ink-diffusion");
  assert.equal(bom.metadata.component.name, "Ink", "the model card's title");
  const spdx = await page.request.get(
    new URL(
      (await ink.getByRole("link", { name: "SPDX BOM of acme/ink-diffusion" }).getAttribute("href"))!,
      web.url,
    ).href,
  );
  assert.equal(spdx.status(), 200);

  // the stored report with its lineage graph
  await ink.getByRole("link", { name: "acme/ink-diffusion", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "acme/ink-diffusion" }).waitFor();
  await page.locator('article.report[data-verdict="violation"] svg.lineage-graph').waitFor();
  await web.shot("inventory-entry");
  await page.goBack();
  await ink.waitFor();

  await ink.getByRole("button", { name: "Delete acme/ink-diffusion" }).click();
  await page.getByRole("status").filter({ hasText: "Deleted acme/ink-diffusion" }).waitFor();
  await ink.waitFor({ state: "detached" });
  assert.equal(await page.locator("table.inventory tbody tr").count(), 1);
  assert.equal((await fetch(`${web.url}/api/models/acme/ink-diffusion`)).status, 404);
  assert.deepEqual(web.pageErrors, []);
});

test("inventory: a target the offline server cannot resolve shows the API's message", { skip }, async () => {
  const { page } = web;
  await web.open(`#/inventory`);
  await page.getByRole("heading", { level: 1, name: "Inventory" }).waitFor();
  await page.getByRole("textbox", { name: "Hub id or catalogue name" }).fill("someone/unknown-model");
  await page.getByRole("button", { name: "Add to inventory" }).click();
  await page
    .getByRole("alert")
    .filter({ hasText: "someone/unknown-model is not in the Hub cache" })
    .waitFor();
  assert.deepEqual(web.pageErrors, []);
});
