// Browser-test harness: the HTTP server in this process on 127.0.0.1 (port 0, a temp data dir,
// offline: no test reaches the network) and Debian's chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../../src/server/serve.js";
import { ROOT } from "../helpers.js";

export const CHROMIUM = process.env.MLICENSE_CHROMIUM ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM))
    return `no chromium at ${CHROMIUM} (apt-get install chromium, or set MLICENSE_CHROMIUM)`;
  if (!existsSync(join(ROOT, "dist", "web", "main.js"))) return "the web app is not built (npm run build)";
  return undefined;
}

/** Screenshots land here (overwritten each run) for a human to look at. */
export const SHOTS = process.env.MLICENSE_WEB_SHOTS ?? join(tmpdir(), "mlicense-web-shots");

export interface WebSession {
  url: string;
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Errors the page threw or logged; a test asserts there were none. */
  pageErrors: string[];
  /** Loads the app afresh at a route ("#/check"), so no state carries over between tests. */
  open(hash: string): Promise<void>;
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startWeb(): Promise<WebSession> {
  const dataDir = mkdtempSync(join(tmpdir(), "mlicense-web-"));
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    offline: true,
    cacheDir: join(dataDir, "hub-cache"),
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      // a 4xx the test provokes on purpose is logged by chromium as a failed resource load
      if (m.type() === "error" && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
    });
    mkdirSync(SHOTS, { recursive: true });
    const b = browser;
    return {
      url: server.url,
      server,
      browser: b,
      page,
      pageErrors,
      async open(hash) {
        await page.goto("about:blank");
        await page.goto(`${server.url}/${hash}`);
      },
      async shot(name) {
        const file = join(SHOTS, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async close() {
        await b.close();
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
