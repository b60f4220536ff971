// What a real browser can make the server do from another site: a page on another origin sends
// the writes a browser sends without asking (a text/plain fetch, a form post), tries JSON (which
// needs a preflight) and a DELETE; a page reached through a rebinding name reads the API. None
// may change or read the inventory. Debian's chromium, driven by playwright-core; the foreign site
// and the rebinding name both live on 127.0.0.1 (--host-resolver-rules), nothing leaves the machine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../src/server/serve.js";

const CHROMIUM = process.env.MLICENSE_CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? undefined : `no chromium at ${CHROMIUM}`;

const RECORD = { record: { id: "evil/planted", license: { id: "mit" } } };

/** The attacking page: every write a foreign page can attempt, results reported in the page. */
function attackPage(target: string): string {
  return `<!doctype html><title>elsewhere</title><body>
<form id="f" method="POST" enctype="text/plain" action="${target}/api/models" target="sink">
<input name='{"record":{"id":"evil/form","license":{"id":"mit"}},"x":"' value='"}'></form>
<iframe name="sink"></iframe>
<script>
window.results = (async () => {
  const out = {};
  const body = ${JSON.stringify(JSON.stringify(RECORD))};
  const attempt = async (name, url, init) => {
    try { const r = await fetch(url, init); out[name] = r.type === "opaque" ? "opaque" : r.status; }
    catch (e) { out[name] = "blocked"; }
  };
  await attempt("text-plain", "${target}/api/models", { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body });
  await attempt("json-cors", "${target}/api/models", { method: "POST", headers: { "content-type": "application/json" }, body });
  await attempt("delete", "${target}/api/models/acme/keep", { method: "DELETE" });
  await attempt("read", "${target}/api/models", {});
  document.getElementById("f").submit();
  await new Promise((r) => setTimeout(r, 500));
  return out;
})();
</script></body>`;
}

test("a page on another origin cannot write to or read the inventory", { skip }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "mlicense-origin-"));
  const server = await startServer({ port: 0, host: "127.0.0.1", dataDir, offline: true });
  let site: Server | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // a rebinding name: resolves to the server's address, as a DNS-rebinding page's would
      "--host-resolver-rules=MAP rebind.test 127.0.0.1",
    ],
  });
  try {
    const port = new URL(server.url).port;
    // a stored entry the attacker would like to delete
    const keep = await fetch(`${server.url}/api/models`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ record: { id: "acme/keep", license: { id: "mit" } } }),
    });
    assert.equal(keep.status, 201);

    site = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(attackPage(server.url));
    });
    await new Promise<void>((r) => site!.listen(0, "127.0.0.1", () => r()));
    const sitePort = (site.address() as { port: number }).port;
    const page = await browser.newPage();
    await page.goto(`http://localhost:${sitePort}/`);
    const results = (await page.evaluate("window.results")) as Record<string, unknown>;
    // whatever the browser let through, the server refused it
    assert.notEqual(results["json-cors"], 201, JSON.stringify(results));
    assert.notEqual(results.delete, 200, JSON.stringify(results));
    const models = (await (await fetch(`${server.url}/api/models`)).json()) as { models: { id: string }[] };
    assert.deepEqual(
      models.models.map((m) => m.id),
      ["acme/keep"],
      `nothing planted, nothing deleted (${JSON.stringify(results)})`,
    );

    // DNS rebinding: the same server reached under a foreign name is refused, reads included
    const rebound = await browser.newPage();
    const r = await rebound.goto(`http://rebind.test:${port}/api/models`);
    assert.equal(r?.status(), 403);
    assert.doesNotMatch((await r?.text()) ?? "", /acme\/keep/);

    // the server's own origin still works from the browser
    const own = await browser.newPage();
    await own.goto(`${server.url}/`);
    const status = await own.evaluate(async () => {
      const res = await fetch("/api/models", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ record: { id: "acme/own", license: { id: "mit" } } }),
      });
      return res.status;
    });
    assert.equal(status, 201);
  } finally {
    await browser.close();
    await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
