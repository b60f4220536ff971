// The inventory: models checked and stored by the server (GET/POST/DELETE /api/models), each
// with its verdict and a CycloneDX or SPDX bill of materials to download.
import { api, getToken } from "../api.js";
import { h, mount } from "../dom.js";
import { modelInputForm } from "../model-input.js";
import { reportView } from "../report-view.js";
import { href, type RouteContext } from "../router.js";
import type { InventoryItem } from "../types.js";
import { errorBox, familyLabel, loading, pageHeading, verdictBadge } from "../widgets.js";

const entryHref = (id: string) => href(`/inventory/${id.split("/").map(encodeURIComponent).join("/")}`);

/** A BOM link; when the server wants a token the download goes through fetch with the header. */
function bomLink(id: string, format: "cyclonedx" | "spdx", text: string): HTMLAnchorElement {
  const file = `${id.replace(/[^\w.-]+/g, "_")}.${format === "spdx" ? "spdx3" : "cdx"}.json`;
  const a = h(
    "a",
    {
      href: api.bomUrl(id, format),
      download: file,
      class: "bom",
      "data-format": format,
      "aria-label": `${text} BOM of ${id}`,
    },
    text,
  );
  a.addEventListener("click", async (e) => {
    if (!getToken()) return;
    e.preventDefault();
    try {
      const url = URL.createObjectURL(await api.bomBlob(id, format));
      const tmp = h("a", { href: url, download: file });
      tmp.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      a.after(errorBox(err, "BOM download failed"));
    }
  });
  return a;
}

function fmtDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export async function renderInventory(view: HTMLElement, _ctx: RouteContext): Promise<void> {
  document.title = "Inventory · mlicense";
  const notice = h("div", { class: "notice", role: "status", "aria-live": "polite" });
  const listArea = h("div", {}, loading("the inventory"));

  const load = async () => {
    let models: InventoryItem[];
    try {
      models = await api.models();
    } catch (e) {
      mount(listArea, errorBox(e, "Could not load the inventory"));
      return;
    }
    if (!models.length) {
      mount(listArea, h("p", { class: "empty" }, "No models yet. Add one with the form above."));
      return;
    }
    mount(
      listArea,
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "inventory" },
          h("caption", { class: "visually-hidden" }, "Models in the inventory"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Model", "License", "Family", "Verdict", "Checked", "Bill of materials", "Actions"].map((c) =>
                h("th", { scope: "col" }, c),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            models.map((m) =>
              h(
                "tr",
                { "data-id": m.id },
                h(
                  "th",
                  { scope: "row" },
                  h("a", { href: entryHref(m.id) }, m.id),
                  m.name !== m.id ? h("div", { class: "sub" }, m.name) : null,
                ),
                h(
                  "td",
                  {},
                  m.license === "NOASSERTION" || m.license === "NONE"
                    ? m.license
                    : h("a", { href: href(`/licenses/${encodeURIComponent(m.license)}`) }, m.license),
                ),
                h("td", {}, familyLabel(m.family)),
                h("td", {}, verdictBadge(m.verdict)),
                h("td", {}, h("time", { datetime: m.checked_at }, fmtDate(m.checked_at))),
                h("td", {}, bomLink(m.id, "cyclonedx", "CycloneDX"), " · ", bomLink(m.id, "spdx", "SPDX")),
                h(
                  "td",
                  {},
                  h(
                    "button",
                    {
                      type: "button",
                      class: "danger",
                      "aria-label": `Delete ${m.id}`,
                      onclick: async (e) => {
                        if (!confirm(`Delete ${m.id} from the inventory?`)) return;
                        (e.currentTarget as HTMLButtonElement).disabled = true;
                        try {
                          await api.deleteModel(m.id);
                          mount(notice, `Deleted ${m.id}.`);
                        } catch (err) {
                          mount(notice, errorBox(err, `Could not delete ${m.id}`));
                        }
                        await load();
                      },
                    },
                    "Delete",
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const form = modelInputForm({
    submitLabel: "Add to inventory",
    async onSubmit(input, options) {
      const e = await api.addModel(input, options);
      mount(
        notice,
        `Added ${e.id}: `,
        verdictBadge(e.verdict),
        " ",
        h("a", { href: entryHref(e.id) }, "see the report"),
      );
      await load();
    },
  });

  mount(
    view,
    pageHeading("Inventory"),
    h(
      "p",
      { class: "lead" },
      "Models the server has checked and stored, with their verdicts and bills of materials.",
    ),
    h("section", { "aria-labelledby": "inv-add" }, h("h2", { id: "inv-add" }, "Add a model"), form),
    notice,
    h("section", { "aria-labelledby": "inv-list" }, h("h2", { id: "inv-list" }, "Models"), listArea),
  );
  await load();
}

/** One stored model with its report. */
export async function renderInventoryEntry(view: HTMLElement, ctx: RouteContext): Promise<void> {
  const id = ctx.params[0] ?? "";
  document.title = `${id} · Inventory · mlicense`;
  mount(view, loading(id));
  try {
    const e = await api.model(id);
    mount(
      view,
      h("p", { class: "crumbs" }, h("a", { href: href("/inventory") }, "Inventory"), " / ", e.id),
      pageHeading(e.id),
      h(
        "p",
        { class: "sub" },
        `Checked ${fmtDate(e.checked_at)} with knowledge base ${e.kb_version}. BOM: `,
        bomLink(e.id, "cyclonedx", "CycloneDX"),
        " · ",
        bomLink(e.id, "spdx", "SPDX"),
      ),
      reportView(e.report),
    );
  } catch (e) {
    mount(
      view,
      pageHeading("Model not found"),
      errorBox(e),
      h("p", {}, h("a", { href: href("/inventory") }, "Back to the inventory")),
    );
  }
}
