// License explorer, license page and comparison, in a real browser against the real server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { skipReason, startWeb, type WebSession } from "./harness.js";

const skip = skipReason();
let web: WebSession;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = async (path: string): Promise<any> => (await fetch(web.url + path)).json();

before(async () => {
  if (!skip) web = await startWeb();
});
after(async () => {
  await web?.close();
});

test("explorer: search llama, open llama3.1, read a clause, compare with llama3", { skip }, async () => {
  const { page } = web;
  const lic = await api("/api/licenses/llama3.1");
  const total = (await api("/api/licenses")).licenses.length;

  await web.open(`#/licenses`);
  await page.getByRole("heading", { level: 1, name: "License explorer" }).waitFor();
  await page.locator("table.licenses tbody tr[data-id]").first().waitFor();
  assert.equal(await page.locator("table.licenses tbody tr[data-id]").count(), total);

  await page.getByLabel("Search licenses").fill("llama");
  await page.getByText(new RegExp(`^\\d+ of ${total} licenses$`)).waitFor();
  const rows = page.locator("table.licenses tbody tr[data-id]");
  const ids = await Promise.all((await rows.all()).map((r) => r.getAttribute("data-id")));
  assert.ok(ids.length >= 2 && ids.length < total, `llama matched ${ids.length} of ${total}`);
  assert.ok(ids.includes("llama3.1") && ids.includes("llama3"), ids.join(","));
  for (const id of ids) assert.match(id!, /llama/, "every hit of 'llama' is a Llama license");
  assert.match(page.url(), /#\/licenses\?q=llama$/, "the filter is kept in the address");
  await web.shot("explorer-llama");

  await page.getByRole("link", { name: lic.name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: lic.name }).waitFor();
  assert.match(page.url(), /#\/licenses\/llama3\.1$/);
  const quote = page.locator('table.terms tr[data-term="commercial"] blockquote');
  assert.equal((await quote.textContent())?.trim(), lic.terms.commercial.clause.quote);
  const section = page.locator('table.terms tr[data-term="commercial"] figcaption');
  assert.match(
    (await section.textContent()) ?? "",
    new RegExp(lic.terms.commercial.clause.section.replace(/\./g, "\\.")),
  );
  assert.equal((await page.locator("p.must").textContent())?.trim(), lic.derivatives_must);
  assert.equal(
    await page.locator("ul.restrictions > li").count(),
    lic.use_restrictions.length,
    "one entry per use restriction",
  );
  await web.shot("license-llama3.1");

  await page.getByLabel("Compare with").selectOption("llama3");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await page.locator("table.compare").waitFor();
  assert.match(page.url(), /#\/compare\?ids=llama3\.1,llama3$/);
  const cmp = await api("/api/compare?ids=llama3.1,llama3");
  const differing = cmp.rows
    .filter((r: { differs: boolean }) => r.differs)
    .map((r: { term: string }) => r.term);
  assert.ok(differing.length > 0, "llama3.1 and llama3 differ somewhere");
  const shown = await Promise.all(
    (await page.locator("table.compare tr.differs").all()).map((r) => r.getAttribute("data-term")),
  );
  assert.deepEqual(shown.sort(), [...differing].sort(), "exactly the differing rows are highlighted");
  const bg = await page.evaluate(
    "getComputedStyle(document.querySelector('table.compare tr.differs')).backgroundColor",
  );
  const plain = await page.evaluate(
    "getComputedStyle(document.querySelector('table.compare tr.same')).backgroundColor",
  );
  assert.notEqual(bg, plain, "a differing row has its own background");
  await web.shot("compare-llama3.1-llama3");

  await page.getByLabel("Only rows that differ").check();
  assert.equal(await page.locator("table.compare tr.same").first().isVisible(), false);
  assert.equal(await page.locator("table.compare tr.differs").first().isVisible(), true);
  assert.deepEqual(web.pageErrors, []);
});

test("explorer: term filters (commercial allowed, no medical-advice restriction)", { skip }, async () => {
  const { page } = web;
  const full = (await api("/api/licenses?full=1")).licenses as {
    id: string;
    verified: boolean;
    terms: { commercial?: { value: string } };
    use_restrictions: { category: string }[];
  }[];
  const expected = full
    .filter(
      (l) =>
        l.terms.commercial?.value === "allowed" &&
        !l.use_restrictions.some((r) => r.category === "medical-advice"),
    )
    .map((l) => l.id)
    .sort();
  assert.ok(expected.includes("mit") && !expected.includes("llama3.1"));

  await web.open(`#/licenses`);
  await page.locator("table.licenses tbody tr[data-id]").first().waitFor();
  await page.getByLabel("Commercial use", { exact: true }).selectOption("allowed");
  await page.getByLabel("No restriction on").selectOption("medical-advice");
  await page.getByText(`${expected.length} of ${full.length} licenses`).waitFor();
  const ids = await Promise.all(
    (await page.locator("table.licenses tbody tr[data-id]").all()).map((r) => r.getAttribute("data-id")),
  );
  assert.deepEqual(ids.sort(), expected);
  assert.match(page.url(), /commercial=allowed&free=medical-advice/);

  // the same filter again from the address alone, as after a reload
  await web.open(`#/licenses?family=open-rail`);
  await page.locator("table.licenses tbody tr[data-id]").first().waitFor();
  assert.equal(await page.getByLabel("Family", { exact: true }).inputValue(), "open-rail");
  const families = new Set(
    full.filter((l) => (l as unknown as { family: string }).family === "open-rail").map((l) => l.id),
  );
  const rows = await page.locator("table.licenses tbody tr[data-id]").all();
  assert.equal(rows.length, families.size);
  await web.shot("explorer-filters");
  assert.deepEqual(web.pageErrors, []);
});

test("explorer: tick two licenses and compare them", { skip }, async () => {
  const { page } = web;
  await web.open(`#/licenses?q=openrail`);
  await page.locator("table.licenses tbody tr[data-id]").first().waitFor();
  const button = page.getByRole("button", { name: /Compare selected/ });
  assert.equal(await button.isDisabled(), true, "nothing to compare yet");
  const boxes = page.locator("table.licenses tbody tr[data-id] input[type=checkbox]");
  await boxes.nth(0).check();
  assert.equal(await button.isDisabled(), true, "one license is not a comparison");
  await boxes.nth(1).check();
  const [a, b] = await Promise.all(
    [0, 1].map((i) => page.locator("table.licenses tbody tr[data-id]").nth(i).getAttribute("data-id")),
  );
  await button.click();
  await page.locator("table.compare").waitFor();
  assert.ok(page.url().endsWith(`#/compare?ids=${a},${b}`), page.url());
  assert.equal(await page.locator("table.compare thead th").count(), 3);
  assert.deepEqual(web.pageErrors, []);
});

test("license page: an unknown id shows the API's error message", { skip }, async () => {
  const { page } = web;
  const want = (await (await fetch(`${web.url}/api/licenses/no-such-license`)).json()).error.message;
  await web.open(`#/licenses/no-such-license`);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? "", new RegExp(want.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await page.getByRole("heading", { level: 1, name: "License not found" }).waitFor();
});
