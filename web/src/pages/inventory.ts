// The inventory: models checked and stored by the server (GET/POST/DELETE /api/models), each
// with its verdict and a CycloneDX or SPDX bill of materials to download.
import { api, getToken } from "../api.js";
import { h, mount, uid } from "../dom.js";
import { modelInputForm } from "../model-input.js";
import { reportView } from "../report-view.js";
import { href, replaceHash, type RouteContext } from "../router.js";
import type { DerivedModel, InventoryItem, Verdict } from "../types.js";
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

export interface InventoryFilter {
  q: string;
  verdict: string;
  family: string;
}

/** Every word of the query in the id, name or license; the verdict and family when chosen. */
export function inventoryMatches(m: InventoryItem, f: InventoryFilter): boolean {
  const hay = `${m.id}\n${m.name}\n${m.license}`.toLowerCase();
  if (
    !f.q
      .trim()
      .toLowerCase()
      .split(/\s+/)
      .every((w) => hay.includes(w))
  )
    return false;
  if (f.verdict && m.verdict !== f.verdict) return false;
  if (f.family && m.family !== f.family) return false;
  return true;
}

const VERDICTS: Verdict[] = ["violation", "unknown", "conditional", "ok"];

export async function renderInventory(view: HTMLElement, ctx: RouteContext): Promise<void> {
  document.title = "Inventory · mlicense";
  const notice = h("div", { class: "notice", role: "status", "aria-live": "polite" });
  const listArea = h("div", {}, loading("the inventory"));
  const filter: InventoryFilter = {
    q: ctx.query.get("q") ?? "",
    verdict: ctx.query.get("verdict") ?? "",
    family: ctx.query.get("family") ?? "",
  };
  let models: InventoryItem[] = [];
  const qId = uid("q"),
    vId = uid("v"),
    fId = uid("f");
  const search = h("input", {
    id: qId,
    type: "search",
    value: filter.q,
    placeholder: "id, name or license",
    autocomplete: "off",
  });
  const verdictSel = h(
    "select",
    { id: vId },
    h("option", { value: "" }, "any verdict"),
    VERDICTS.map((v) => h("option", { value: v, selected: v === filter.verdict }, v)),
  );
  const familySel = h("select", { id: fId }, h("option", { value: "" }, "any family"));
  const count = h("p", { class: "count", role: "status", "aria-live": "polite" });
  const tableArea = h("div", {});
  const filters = h(
    "form",
    {
      class: "filters",
      role: "search",
      "aria-label": "Filter the inventory",
      onsubmit: (e) => e.preventDefault(),
    },
    h("div", { class: "field grow" }, h("label", { for: qId }, "Search models"), search),
    h("div", { class: "field" }, h("label", { for: vId }, "Verdict"), verdictSel),
    h("div", { class: "field" }, h("label", { for: fId }, "License family"), familySel),
  );

  const table = (shown: InventoryItem[]): HTMLElement =>
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
          shown.map((m) =>
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
                { "data-label": "License" },
                m.license === "NOASSERTION" || m.license === "NONE"
                  ? m.license
                  : h("a", { href: href(`/licenses/${encodeURIComponent(m.license)}`) }, m.license),
              ),
              h("td", { "data-label": "Family" }, familyLabel(m.family)),
              h("td", { "data-label": "Verdict" }, verdictBadge(m.verdict)),
              h(
                "td",
                { "data-label": "Checked" },
                h("time", { datetime: m.checked_at }, fmtDate(m.checked_at)),
              ),
              h(
                "td",
                { "data-label": "BOM" },
                bomLink(m.id, "cyclonedx", "CycloneDX"),
                " · ",
                bomLink(m.id, "spdx", "SPDX"),
              ),
              h(
                "td",
                { "data-label": "" },
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
    );

  const apply = () => {
    filter.q = search.value;
    filter.verdict = verdictSel.value;
    filter.family = familySel.value;
    replaceHash(
      href("/inventory", { q: filter.q.trim() || undefined, verdict: filter.verdict, family: filter.family }),
    );
    const shown = models.filter((m) => inventoryMatches(m, filter));
    count.textContent =
      shown.length === models.length
        ? `${models.length} model${models.length === 1 ? "" : "s"}.`
        : `${shown.length} of ${models.length} models match.`;
    mount(
      tableArea,
      shown.length ? table(shown) : h("p", { class: "empty" }, "No model matches these filters."),
    );
  };
  search.addEventListener("input", apply);
  verdictSel.addEventListener("change", apply);
  familySel.addEventListener("change", apply);

  const load = async () => {
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
    const families = [...new Set(models.map((m) => m.family))].sort();
    if (filter.family && !families.includes(filter.family)) families.push(filter.family);
    mount(
      familySel,
      h("option", { value: "" }, "any family"),
      families.map((f) => h("option", { value: f, selected: f === filter.family }, familyLabel(f))),
    );
    mount(listArea, filters, count, tableArea);
    apply();
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

const RELATION_PHRASE: Record<string, string> = {
  finetune: "a fine-tune of",
  adapter: "an adapter on",
  merge: "a merge including",
  quantized: "a quantized version of",
  distill: "distilled from",
  combination: "a combination including",
  "uses-output-of": "trained on outputs of",
};

/** The inventory's models derived from `id`, with the chain of relations that leads to it. */
function derivedView(id: string, derived: DerivedModel[]): HTMLElement {
  const titleId = uid("derived");
  return h(
    "section",
    { class: "derived", "aria-labelledby": titleId },
    h("h2", { id: titleId }, `Derived from this model (${derived.length})`),
    derived.length
      ? h(
          "ul",
          { class: "derived-list" },
          derived.map((d) =>
            h(
              "li",
              { "data-id": d.id, "data-depth": d.depth },
              h("a", { href: entryHref(d.id) }, d.id),
              " ",
              verdictBadge(d.verdict),
              " ",
              h("span", { class: "sub" }, d.license),
              h(
                "p",
                { class: "path" },
                d.via
                  .slice(0, -1)
                  .map(
                    (m, i) =>
                      `${m} is ${RELATION_PHRASE[d.relations[i] ?? ""] ?? "derived from"} ${d.via[i + 1]}`,
                  )
                  .join("; "),
              ),
            ),
          ),
        )
      : h("p", { class: "empty" }, "No model in the inventory is derived from this one."),
  );
}

/** One stored model with its report, and the stored models derived from it. */
export async function renderInventoryEntry(view: HTMLElement, ctx: RouteContext): Promise<void> {
  const id = ctx.params[0] ?? "";
  document.title = `${id} · Inventory · mlicense`;
  mount(view, loading(id));
  const derived = api.derived(id).catch(() => null);
  try {
    const e = await api.model(id);
    const children = await derived;
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
      // children first: they are what this page adds to the stored report
      children?.length ? derivedView(e.id, children) : null,
      reportView(e.report),
      children && !children.length ? derivedView(e.id, children) : null,
      e.report.lineage.bases.length
        ? h(
            "p",
            { class: "sub" },
            "Siblings: ",
            e.report.lineage.bases.map((b, i) => [
              i ? ", " : "",
              h("a", { href: entryHref(b.id) }, `models derived from ${b.id}`),
            ]),
          )
        : null,
    );
  } catch (e) {
    // a base that is not stored itself may still have stored children
    const children = await derived;
    mount(
      view,
      h("p", { class: "crumbs" }, h("a", { href: href("/inventory") }, "Inventory"), " / ", id),
      pageHeading(children?.length ? id : "Model not found"),
      children?.length
        ? h(
            "p",
            { class: "lead" },
            `${id} is not in the inventory itself, but models in it are derived from it.`,
          )
        : errorBox(e),
      children?.length ? derivedView(id, children) : null,
      h("p", {}, h("a", { href: href("/inventory") }, "Back to the inventory")),
    );
  }
}
