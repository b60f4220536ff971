// Two to four licenses side by side (GET /api/compare); rows whose values differ are marked
// with a class for colour and with words for screen readers.
import { api } from "../api.js";
import { h, mount, uid } from "../dom.js";
import { allCategories, allLicenses, FLOW_DOWN_LABELS, TERM_LABELS } from "../kb-cache.js";
import { href, type RouteContext } from "../router.js";
import type { Category, Comparison, License } from "../types.js";
import { errorBox, familyLabel, loading, pageHeading, termBadge } from "../widgets.js";

const SLOTS = 4;

interface Group {
  title: string;
  test: (term: string) => boolean;
}

const GROUPS: Group[] = [
  { title: "General", test: (t) => !t.includes(".") && t !== "thresholds" && t !== "outputs" },
  { title: "Terms", test: (t) => t.startsWith("terms.") },
  { title: "Derivatives must", test: (t) => t.startsWith("flow_down.") },
  { title: "Use restrictions", test: (t) => t.startsWith("use.") },
  { title: "Limits and outputs", test: (t) => t === "thresholds" || t === "outputs" },
];

export function rowLabel(term: string, cats: Map<string, string>): string {
  const [kind, key = ""] = term.split(/\.(.*)/);
  if (kind === "terms") return TERM_LABELS[key] ?? key;
  if (kind === "flow_down") return FLOW_DOWN_LABELS[key] ?? key;
  if (kind === "use") return cats.get(key) ?? key;
  return (
    {
      family: "Family",
      covers: "Covers",
      verified: "Terms verified",
      thresholds: "Thresholds",
      outputs: "Output restrictions",
    }[term] ?? term
  );
}

function cell(term: string, v: string): HTMLElement {
  if (term.startsWith("terms.")) return termBadge(v === "—" ? "n/a" : v);
  if (v === "required" || v === "restricted") return h("span", { class: `badge flag-${v}` }, v);
  if (term === "family") return h("span", {}, familyLabel(v));
  return h("span", { class: v === "—" ? "muted" : "" }, v);
}

function picker(chosen: string[], all: License[]): HTMLFormElement {
  const selects: HTMLSelectElement[] = [];
  const fields = Array.from({ length: SLOTS }, (_, i) => {
    const id = uid("lic");
    const sel = h(
      "select",
      { id },
      i >= 2 ? h("option", { value: "" }, "— none —") : null,
      all.map((l) => h("option", { value: l.id, selected: chosen[i] === l.id }, l.name)),
    );
    if (i >= 2 && !chosen[i]) sel.value = "";
    selects.push(sel);
    return h("div", { class: "field" }, h("label", { for: id }, `License ${i + 1}`), sel);
  });
  return h(
    "form",
    {
      class: "filters compare-picker",
      "aria-label": "Licenses to compare",
      onsubmit: (e) => {
        e.preventDefault();
        const ids = [...new Set(selects.map((s) => s.value).filter(Boolean))];
        location.hash = href("/compare", { ids: ids.join(",") });
      },
    },
    fields,
    h("div", { class: "field end" }, h("button", { type: "submit", class: "primary" }, "Compare")),
  );
}

function table(cmp: Comparison, cats: Map<string, string>): HTMLElement {
  const onlyId = uid("only");
  const tbl = h(
    "table",
    { class: "compare" },
    h("caption", {}, `${cmp.licenses.map((l) => l.name).join(" vs ")}. Rows that differ are highlighted.`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Term"),
        cmp.licenses.map((l) =>
          h("th", { scope: "col" }, h("a", { href: href(`/licenses/${encodeURIComponent(l.id)}`) }, l.name)),
        ),
      ),
    ),
    GROUPS.map((g) => {
      const rows = cmp.rows.filter((r) => g.test(r.term));
      if (!rows.length) return null;
      return h(
        "tbody",
        {},
        h(
          "tr",
          { class: "group" },
          h("th", { scope: "colgroup", colspan: cmp.licenses.length + 1 }, g.title),
        ),
        rows.map((r) =>
          h(
            "tr",
            { class: r.differs ? "differs" : "same", "data-term": r.term },
            h(
              "th",
              { scope: "row" },
              rowLabel(r.term, cats),
              r.differs
                ? h(
                    "span",
                    { class: "differs-mark" },
                    " ≠",
                    h("span", { class: "visually-hidden" }, " differs"),
                  )
                : null,
            ),
            r.values.map((v) => h("td", {}, cell(r.term, v))),
          ),
        ),
      );
    }),
  );
  const diffCount = cmp.rows.filter((r) => r.differs).length;
  return h(
    "div",
    {},
    h(
      "div",
      { class: "toolbar" },
      h("p", { class: "count" }, `${diffCount} of ${cmp.rows.length} rows differ.`),
      h(
        "div",
        { class: "field check" },
        h("input", {
          id: onlyId,
          type: "checkbox",
          onchange: (e) => tbl.classList.toggle("only-diff", (e.target as HTMLInputElement).checked),
        }),
        h("label", { for: onlyId }, "Only rows that differ"),
      ),
    ),
    h("div", { class: "table-wrap" }, tbl),
  );
}

export async function renderCompare(view: HTMLElement, ctx: RouteContext): Promise<void> {
  document.title = "Compare licenses · mlicense";
  const ids = (ctx.query.get("ids") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, SLOTS);
  const body = h("div", {}, loading("the comparison"));
  mount(view, pageHeading("Compare licenses"), body);
  let all: License[], cats: Category[];
  try {
    [all, cats] = await Promise.all([allLicenses(), allCategories()]);
  } catch (e) {
    mount(body, errorBox(e, "Could not load the licenses"));
    return;
  }
  const labels = new Map(cats.map((c) => [c.id, c.label]));
  const form = picker(ids, all);
  if (ids.length < 2) {
    mount(body, form, h("p", { class: "hint" }, "Choose two to four licenses and press Compare."));
    return;
  }
  try {
    const cmp = await api.compare(ids);
    mount(body, form, table(cmp, labels));
  } catch (e) {
    mount(body, form, errorBox(e, "Could not compare"));
  }
}
