// The pages that give the web app what the CLI has: Identify (paste or drop a text, the match,
// the license a stranger resembles and the passages that differ), Advise (bases to ranked
// licenses, front matter and NOTICE to copy), inventory search and filter with the "derived from
// this" view; and the fixes to Compare (no license against itself, four columns in 1280 px), the
// intended-use checkboxes and uploads that replace the previous model's files. Each page is used
// with the keyboard and photographed at 390 px and 1280 px, with no sideways scrolling of the page
// at either width.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spdxTexts } from "../../src/kb/reference-texts.js";
import { corpusText, NEEDS_CORPUS } from "../identify/_texts.js";
import { skipReason, startWeb, type WebSession } from "./harness.js";

const skip = skipReason();
let web: WebSession;

before(async () => {
  if (!skip) web = await startWeb();
});
after(async () => {
  await web?.close();
});

const WIDTHS = [390, 1280] as const;

/** Screenshots at both widths, each checked for a page wider than the screen. */
async function shots(name: string): Promise<void> {
  for (const w of WIDTHS) {
    await web.page.setViewportSize({ width: w, height: 900 });
    const over = await web.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `${name} at ${w} px is ${over} px wider than the screen`);
    await web.shot(`${name}-${w}`);
  }
  await web.page.setViewportSize({ width: 1280, height: 900 });
}

/** Presses Tab until the focused element matches `selector`; fails when it is never reached. */
async function tabTo(selector: string, max = 60, key: "Tab" | "Shift+Tab" = "Tab"): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await web.page.keyboard.press(key);
    const [hit, what] = await web.page.evaluate(
      (s) => [
        document.activeElement?.matches(s) ?? false,
        document.activeElement?.outerHTML.slice(0, 60) ?? "",
      ],
      selector,
    );
    if (hit) return;
    seen.push(String(what));
  }
  assert.fail(`Tab never reached ${selector}; focus went to ${seen.slice(0, 8).join(" | ")}`);
}

/** MIT with a clause added: a known license with modifications. */
function modifiedMit(): string {
  const lines = spdxTexts()["MIT"]!.licenseText.split("\n");
  const at = lines.findIndex((l) => /above copyright notice/.test(l));
  lines.splice(
    at + 1,
    0,
    "",
    "The Software shall not be used to build weapons or for any military purpose whatsoever, and any",
    "such use terminates this permission.",
  );
  return `Copyright (c) 2024 Acme AI\n\n${lines.join("\n")}`;
}

async function addModel(body: unknown): Promise<void> {
  const r = await fetch(`${web.url}/api/models`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, await r.text());
}

test(
  "identify: a pasted MIT with a clause added is no known license: it resembles MIT, its similarity and the differing passage marked, by keyboard",
  { skip },
  async () => {
    const { page } = web;
    await web.open("#/identify");
    await page.getByRole("heading", { level: 1, name: "Identify a license" }).waitFor();
    await tabTo("textarea");
    await page.keyboard.insertText(modifiedMit());
    await tabTo("button.primary");
    await page.keyboard.press("Enter");
    await page
      .getByRole("heading", { level: 2, name: "Not a known license: it resembles MIT License" })
      .waitFor();
    // never named as MIT: the answer is NOASSERTION, resembling MIT
    assert.equal(await page.locator('article.match[data-id="mit"]').count(), 0);
    const like = page.locator('article.resemblance[data-id="NOASSERTION"][data-resembles="mit"]');
    await like.waitFor();
    assert.match((await like.locator("h3").textContent()) ?? "", /Unknown license resembling MIT License/);
    assert.equal(await like.locator('h3 a[href="#/licenses/mit"]').count(), 1);
    const similarity = like.locator("[data-similarity]");
    const value = Number(await similarity.getAttribute("data-similarity"));
    assert.ok(value > 0.5 && value < 1, String(value));
    assert.equal((await similarity.textContent())?.trim(), `${Math.round(value * 100)}%`);
    assert.match((await like.locator("p.must").textContent()) ?? "", /This is not MIT License/);
    // the differing passage: listed with why it matters, quoted, and marked among the text's lines
    const passage = like.locator('ul.change-list li[data-kind="added"]');
    assert.match((await passage.textContent()) ?? "", /Added: about \d+ words at lines \d+–\d+\. Terms \(/);
    assert.match(
      (await passage.locator("blockquote mark").textContent()) ?? "",
      /military purpose whatsoever/,
    );
    const changed = like.locator("ol.text-lines.excerpt li.changed");
    assert.ok((await changed.count()) >= 2);
    assert.match((await changed.allTextContents()).join("\n"), /military purpose whatsoever/);
    // the heading of the result has focus, so a screen reader announces it
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H2");
    await shots("identify-resembling");
    assert.deepEqual(web.pageErrors, []);
  },
);

test(
  "identify: GPT-2's modified MIT is its own known license, flagged modified",
  { skip: skip ?? NEEDS_CORPUS },
  async () => {
    const { page } = web;
    await web.open("#/identify");
    await page.getByLabel("License text").fill(corpusText("ml-licenses/gpt2-modified-mit.txt"));
    await page.getByRole("button", { name: "Identify" }).click();
    const match = page.locator('article.match[data-id="gpt2-modified-mit"]');
    await match.waitFor();
    await page.getByRole("heading", { level: 2, name: "Identified: GPT-2 Modified MIT License" }).waitFor();
    assert.ok(await match.evaluate((e) => e.classList.contains("modified")));
    assert.match((await match.locator("h3").textContent()) ?? "", /GPT-2 Modified MIT License\s*modified/);
    assert.equal(await page.locator("article.resemblance").count(), 0);
    assert.equal(Number(await match.locator("[data-confidence]").getAttribute("data-confidence")), 1);
    await shots("identify-modified");
    assert.deepEqual(web.pageErrors, []);
  },
);

test("identify: a chosen file fills the text; a text that is no license says so", { skip }, async () => {
  const { page } = web;
  await web.open("#/identify");
  await page.locator('input[type="file"]').setInputFiles({
    name: "LICENSE",
    mimeType: "text/plain",
    buffer: Buffer.from(spdxTexts()["Apache-2.0"]!.licenseText),
  });
  await page.getByRole("status").filter({ hasText: "Loaded LICENSE." }).waitFor();
  assert.match(await page.getByLabel("License text").inputValue(), /Apache License/);
  await page.getByRole("button", { name: "Identify" }).click();
  await page.locator('article.match[data-id="apache-2.0"]').waitFor();
  assert.equal(await page.locator("article.match.modified").count(), 0);
  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByLabel("License text").fill("Shopping list: eggs, flour, milk, two lemons and some sugar.");
  await page.getByRole("button", { name: "Identify" }).click();
  await page.getByRole("heading", { level: 2, name: "No known license" }).waitFor();
  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByRole("button", { name: "Identify" }).click();
  await page.getByRole("alert").filter({ hasText: "Paste a license text" }).waitFor();
  assert.deepEqual(web.pageErrors, []);
});

test(
  "advise: bases in, ranked licenses out, front matter copied; the address keeps the form",
  { skip },
  async () => {
    const { page } = web;
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: web.url });
    await web.open("#/advise");
    await page.getByRole("heading", { level: 1, name: "Advise a license" }).waitFor();
    await tabTo("textarea");
    await page.keyboard.insertText("CompVis/stable-diffusion-v1-4");
    await page.getByLabel("Goal").selectOption("commercial");
    await page.getByLabel("Planned model name (optional, for naming duties)").fill("ink-diffusion");
    await tabTo("button.primary");
    await page.keyboard.press("Enter");
    const list = page.locator("ol.candidates > li");
    await list.first().waitFor();
    const expected = await (
      await fetch(`${web.url}/api/advise`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          bases: ["CompVis/stable-diffusion-v1-4"],
          goal: "commercial",
          name: "ink-diffusion",
        }),
      })
    ).json();
    assert.ok(expected.candidates.length >= 1);
    assert.equal(await list.first().getAttribute("data-id"), expected.candidates[0].id);
    assert.deepEqual(
      await list.evaluateAll((els) => els.map((e) => e.getAttribute("data-id"))),
      expected.candidates.slice(0, 10).map((c: { id: string }) => c.id),
      "the server's ranking, best first",
    );
    assert.ok(
      !expected.candidates.some((c: { id: string }) => c.id === "apache-2.0"),
      "Apache drops OpenRAIL's restrictions",
    );
    const card = page.getByRole("region", { name: /Model card front matter/ });
    assert.equal((await card.locator("pre").textContent())?.trim(), expected.model_card.trim());
    await card.getByRole("button", { name: "Copy README.md" }).click();
    await card.getByRole("status").filter({ hasText: "Copied." }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected.model_card);
    const notice = page.getByRole("region", { name: "NOTICE file" });
    assert.match((await notice.locator("pre").textContent()) ?? "", /NOTICE for ink-diffusion/);
    assert.match(
      decodeURIComponent(page.url()),
      /#\/advise\?base=CompVis\/stable-diffusion-v1-4&name=ink-diffusion&goal=commercial$/,
    );
    await shots("advise");
    // the same address renders the same advice on a fresh load
    await web.open(new URL(page.url()).hash);
    await page.locator(`ol.candidates > li[data-id="${expected.candidates[0].id}"]`).first().waitFor();
    assert.equal(await page.getByLabel("Goal").inputValue(), "commercial");
    assert.deepEqual(web.pageErrors, []);
  },
);

test("advise: an unknown goal or no base is refused with the API's message", { skip }, async () => {
  const r = await fetch(`${web.url}/api/advise`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ bases: ["a/b"], goal: "world-domination" }),
  });
  assert.equal(r.status, 400);
  assert.match((await r.json()).error.message, /'goal' must be one of/);
  const none = await fetch(`${web.url}/api/advise`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ bases: [] }),
  });
  assert.equal(none.status, 400);
  const { page } = web;
  await web.open("#/advise");
  await page.getByRole("button", { name: "Advise" }).click();
  await page.getByRole("alert").filter({ hasText: "Name at least one base model" }).waitFor();
  assert.deepEqual(web.pageErrors, []);
});

test(
  "inventory: search and filter the list; a model's page lists what is derived from it",
  { skip },
  async () => {
    const { page } = web;
    await addModel({ target: "meta-llama/Llama-3.1-8B" });
    await addModel({
      files: {
        "README.md": "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Llama chat\n",
      },
      name: "acme/llama-chat",
    });
    await addModel({
      files: {
        "README.md":
          "---\nlicense: llama3.1\nbase_model: acme/llama-chat\nbase_model_relation: quantized\n---\n# Llama chat GGUF\n",
      },
      name: "acme/llama-chat-gguf",
    });
    await addModel({
      files: {
        "README.md": "---\nlicense: apache-2.0\nbase_model: CompVis/stable-diffusion-v1-4\n---\n# Ink\n",
      },
      name: "acme/ink-diffusion",
    });
    await web.open("#/inventory");
    const rows = page.locator("table.inventory tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 4);
    await page.getByRole("searchbox", { name: "Search models" }).fill("llama chat");
    await page.getByRole("status").filter({ hasText: "2 of 4 models match." }).waitFor();
    assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-id")).sort()), [
      "acme/llama-chat",
      "acme/llama-chat-gguf",
    ]);
    await page.getByRole("searchbox", { name: "Search models" }).fill("");
    await page.getByLabel("Verdict").selectOption("violation");
    await page.getByRole("status").filter({ hasText: "1 of 4 models match." }).waitFor();
    assert.equal(await rows.first().getAttribute("data-id"), "acme/ink-diffusion");
    assert.match(page.url(), /#\/inventory\?verdict=violation$/);
    await shots("inventory-filtered");
    // the filter survives a reload of its address
    await web.open("#/inventory?q=gguf");
    await page.getByRole("status").filter({ hasText: "1 of 4 models match." }).waitFor();
    assert.equal(await page.getByRole("searchbox", { name: "Search models" }).inputValue(), "gguf");
    await page.getByLabel("Verdict").selectOption("ok");
    await page.getByText("No model matches these filters.").waitFor();

    // the base's page: its children, and the grandchild through them
    await web.open("#/inventory/meta-llama/Llama-3.1-8B");
    const derived = page.getByRole("region", { name: /Derived from this model/ });
    await derived.waitFor();
    assert.deepEqual(
      await derived.locator("li").evaluateAll((l) => l.map((x) => x.getAttribute("data-id"))),
      ["acme/llama-chat"],
    );
    await derived.getByRole("link", { name: "acme/llama-chat" }).click();
    await page.getByRole("heading", { level: 1, name: "acme/llama-chat" }).waitFor();
    const sub = page.getByRole("region", { name: /Derived from this model \(1\)/ });
    await sub.locator('li[data-id="acme/llama-chat-gguf"]').waitFor();
    assert.match(
      (await sub.locator(".path").textContent()) ?? "",
      /acme\/llama-chat-gguf is a quantized version of acme\/llama-chat/,
    );
    await shots("inventory-derived");
    const api = await (await fetch(`${web.url}/api/derived/CompVis/stable-diffusion-v1-4`)).json();
    assert.deepEqual(
      api.derived.map((d: { id: string; depth: number }) => [d.id, d.depth]),
      [["acme/ink-diffusion", 1]],
      "a base that is not stored has its stored children too",
    );
    await web.open("#/inventory/CompVis/stable-diffusion-v1-4");
    await page.getByRole("heading", { level: 1, name: "CompVis/stable-diffusion-v1-4" }).waitFor();
    await page.getByRole("region", { name: /Derived from this model \(1\)/ }).waitFor();
    assert.deepEqual(web.pageErrors, []);
  },
);

test(
  "compare: opens with no license picked, suggests pairs, fits four columns in 1280 px",
  { skip },
  async () => {
    const { page } = web;
    await web.open("#/compare");
    await page.getByRole("heading", { level: 1, name: "Compare licenses" }).waitFor();
    const selects = page.locator("form.compare-picker select");
    await selects.first().waitFor();
    assert.deepEqual(await selects.evaluateAll((s) => s.map((x) => (x as HTMLSelectElement).value)), [
      "",
      "",
      "",
      "",
    ]);
    assert.equal(await page.locator("table.compare").count(), 0, "nothing compared before a choice");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.getByRole("alert").filter({ hasText: "Choose two different licenses" }).waitFor();
    await shots("compare-empty");
    await page.getByLabel("License 1").selectOption("mit");
    await page.getByLabel("License 2").selectOption("mit");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.getByRole("alert").filter({ hasText: "Choose two different licenses" }).waitFor();
    await page.getByRole("link", { name: /Llama 3\.1 Community License Agreement vs Gemma/ }).click();
    const table = page.locator("table.compare");
    await table.waitFor();
    assert.equal(await table.locator("thead th").count(), 5, "the term column and four licenses");
    const fit = await page.evaluate(() => {
      const wrap = document.querySelector(".table-wrap")!;
      return { scroll: wrap.scrollWidth, client: wrap.clientWidth };
    });
    assert.ok(fit.scroll <= fit.client, `the table is ${fit.scroll - fit.client} px too wide at 1280 px`);
    await shots("compare-four");
    assert.deepEqual(web.pageErrors, []);
  },
);

test(
  "check form: intended uses are checkboxes (keyboard), uploads replace the previous files",
  { skip },
  async () => {
    const { page } = web;
    await web.open("#/check");
    await page.getByRole("heading", { level: 1, name: "Check a model" }).waitFor();
    await page.getByRole("radio", { name: "Upload model files" }).check();
    const input = page.locator('input[type="file"]');
    await input.setInputFiles([
      {
        name: "README.md",
        mimeType: "text/markdown",
        buffer: Buffer.from("---\nlicense: mit\n---\n# First\n"),
      },
      { name: "NOTICE", mimeType: "text/plain", buffer: Buffer.from("First model's notice\n") },
    ]);
    await page.locator("ul.file-list li").nth(1).waitFor();
    // the next model: its card only, nothing of the first one kept
    await input.setInputFiles([
      {
        name: "README.md",
        mimeType: "text/markdown",
        buffer: Buffer.from(
          "---\nlicense: apache-2.0\nbase_model: CompVis/stable-diffusion-v1-4\n---\n# Second\n",
        ),
      },
    ]);
    await page.locator("ul.file-list li").filter({ hasText: "README.md" }).waitFor();
    assert.deepEqual(await page.locator("ul.file-list code").allTextContents(), ["README.md"]);

    await page.locator("details.options summary").click();
    const uses = page.getByRole("group", { name: /Intended uses/ });
    assert.equal(await uses.locator("select").count(), 0, "no multi-select");
    assert.ok((await uses.getByRole("checkbox").count()) > 10);
    await uses.getByRole("checkbox", { name: "Medical advice" }).focus();
    await page.keyboard.press("Space");
    assert.ok(await uses.getByRole("checkbox", { name: "Medical advice" }).isChecked());
    await page.getByRole("checkbox", { name: "Commercial use" }).check();
    await shots("check-options");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    const report = page.locator("article.report");
    await report.waitFor();
    assert.equal(await report.getAttribute("data-verdict"), "violation");
    assert.match(
      (await report.locator(".checked-for").textContent()) ?? "",
      /commercial use; intended uses: medical-advice/,
    );
    assert.match((await report.locator("h2").textContent()) ?? "", /Second/);
    assert.deepEqual(web.pageErrors, []);
  },
);

test(
  "every page keeps working at 390 px and with the keyboard: the nav reaches each page",
  { skip },
  async () => {
    const { page } = web;
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      for (const [name, hash] of [
        ["Licenses", "#/licenses"],
        ["Compare", "#/compare"],
        ["Identify", "#/identify"],
        ["Check a model", "#/check"],
        ["Advise", "#/advise"],
        ["Inventory", "#/inventory"],
      ] as const) {
        await web.open("#/licenses");
        await page.getByRole("heading", { level: 1 }).waitFor();
        // once the page has rendered its heading has focus; the nav is before it
        await page.waitForFunction(() => document.activeElement?.tagName === "H1");
        await tabTo(`nav.site a[href="${hash}"]`, 12, "Shift+Tab");
        await page.keyboard.press("Enter");
        await page.waitForFunction((h) => location.hash === h, hash);
        await page.locator(`nav.site a[href="${hash}"][aria-current="page"]`).waitFor();
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.waitForLoadState("networkidle");
        const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(over <= 0, `${name} is ${over} px wider than a 390 px screen`);
        assert.ok(
          await page.getByRole("link", { name }).first().isVisible(),
          `${name} stays reachable in the wrapped nav`,
        );
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    assert.deepEqual(web.pageErrors, []);
  },
);
