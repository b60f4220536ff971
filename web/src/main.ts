// Entry point: wires the hash routes to the pages, marks the current nav entry, fills the
// footer with the knowledge-base version and offers a field for the server's API token.
import { api, getToken, setToken } from "./api.js";
import { h, mount } from "./dom.js";
import { renderAdvise } from "./pages/advise.js";
import { renderCheck } from "./pages/check.js";
import { renderCompare } from "./pages/compare.js";
import { renderExplorer } from "./pages/explorer.js";
import { renderIdentify } from "./pages/identify.js";
import { renderInventory, renderInventoryEntry } from "./pages/inventory.js";
import { renderLicense } from "./pages/license.js";
import { href, startRouter, type Route } from "./router.js";
import { pageHeading } from "./widgets.js";

const routes: Route[] = [
  { pattern: /^\/?$/, nav: "#/licenses", render: renderExplorer },
  { pattern: /^\/licenses\/?$/, nav: "#/licenses", render: renderExplorer },
  { pattern: /^\/licenses\/(.+)$/, nav: "#/licenses", render: renderLicense },
  { pattern: /^\/compare\/?$/, nav: "#/compare", render: renderCompare },
  { pattern: /^\/identify\/?$/, nav: "#/identify", render: renderIdentify },
  { pattern: /^\/check\/?$/, nav: "#/check", render: renderCheck },
  { pattern: /^\/advise\/?$/, nav: "#/advise", render: renderAdvise },
  { pattern: /^\/inventory\/?$/, nav: "#/inventory", render: renderInventory },
  { pattern: /^\/inventory\/(.+)$/, nav: "#/inventory", render: renderInventoryEntry },
];

function notFound(outlet: HTMLElement, path: string): void {
  document.title = "Not found · mlicense";
  mount(
    outlet,
    pageHeading("No such page"),
    h(
      "p",
      {},
      `Nothing lives at ${path}. `,
      h("a", { href: href("/licenses") }, "Go to the license explorer"),
      ".",
    ),
  );
}

function tokenForm(): HTMLElement {
  const input = h("input", { id: "api-token", type: "password", autocomplete: "off", value: getToken() });
  const saved = h("span", { role: "status", class: "sub" });
  return h(
    "details",
    { class: "token" },
    h("summary", {}, "API token"),
    h(
      "form",
      {
        class: "inline-form",
        onsubmit: (e) => {
          e.preventDefault();
          setToken(input.value.trim());
          saved.textContent = input.value.trim() ? "Saved for this tab." : "Cleared.";
        },
      },
      h("label", { for: "api-token" }, "Token for a server started with --token"),
      input,
      h("button", { type: "submit" }, "Save"),
      saved,
    ),
  );
}

function start(): void {
  const outlet = document.getElementById("app")!;
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>("nav.site a"));
  startRouter(outlet, routes, (route, ctx) => {
    for (const a of links)
      if (route && a.getAttribute("href") === route.nav) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    if (!route) notFound(outlet, ctx.path);
  });

  const foot = document.getElementById("footer-extra");
  if (foot) {
    const version = h("span", { class: "sub" });
    mount(foot, version, tokenForm());
    api
      .health()
      .then(
        (hl) =>
          (version.textContent = `Knowledge base ${hl.kb_version}, ${hl.licenses} licenses · store: ${hl.store}`),
      )
      .catch(() => (version.textContent = "The server did not answer /api/health."));
  }
  document.body.dataset.ready = "1";
}

start();
