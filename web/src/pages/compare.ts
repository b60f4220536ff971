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

/** Pairs worth a look, offered when nothing is chosen yet (only those the knowledge base has). */
const SUGGESTED: string[][] = [
  ["apache-2.0", "llama3.1"],
  ["creativeml-openrail-m", "openrail++", "bigscience-bloom-rail-1.0"],
  ["llama3.1", "gemma", "mit", "cc-by-nc-4.0"],
];

function picker(chosen: string[], all: License[]): HTMLFormElement {
  const selects: HTMLSelectElement[] = [];
  const status = h("div", { class: "form-status" });
  // every slot starts empty: a pre-selected first entry would compare a license with itself
  const fields = Array.from({ length: SLOTS }, (_, i) => {
    const id = uid("lic");
    const sel = h(
      "select",
      { id },
      h("option", { value: "" }, i < 2 ? "— choose a license —" : "— none —"),
      all.map((l) => h("option", { value: l.id, selected: chosen[i] === l.id }, l.name)),
    );
    if (!chosen[i]) sel.value = "";
    selects.push(sel);
    return h("div", { class: "field" }, h("label", { for: id }, `License ${i + 1}`), sel);
  });
  return h(
    "form",
    {
      class: "filters compare-picker",
      "aria-label": "Licenses to compare",
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        const ids = [...new Set(selects.map((s) => s.value).filter(Boolean))];
        if (ids.length < 2) {
          mount(status, errorBox("Choose two different licenses (up to four).", "Nothing to compare"));
          selects[ids.length ? 1 : 0]?.focus();
          return;
        }
        location.hash = href("/compare", { ids: ids.join(",") });
      },
    },
    fields,
    h("div", { class: "field end" }, h("button", { type: "submit", class: "primary" }, "Compare")),
    status,
  );
}

function suggestions(all: License[]): HTMLElement | null {
  const known = new Map(all.map((l) => [l.id, l.name]));
  const sets = SUGGESTED.filter((ids) => ids.every((id) => known.has(id)));
  if (!sets.length) return null;
  return h(
    "div",
    { class: "hint" },
    h("p", {}, "Choose two to four licenses and press Compare, or start from one of these:"),
    h(
      "ul",
      { class: "inline-list suggestions" },
      sets.map((ids) =>
        h(
          "li",
          {},
          h(
            "a",
            { href: href("/compare", { ids: ids.join(",") }) },
            ids.map((id) => known.get(id)).join(" vs "),
          ),
        ),
      ),
    ),
  );
}

function table(cmp: Comparison, cats: Map<string, string>): HTMLElement {
  const onlyId = uid("only");
  const tbl = h(
    "table",
    { class: "compare" },
    h("caption", { class: "visually-hidden" }, `${cmp.licenses.map((l) => l.name).join(" vs ")}.`),
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
      h(
        "p",
        { class: "count" },
        `${cmp.licenses.map((l) => l.name).join(" vs ")}: ${diffCount} of ${cmp.rows.length} rows differ (highlighted).`,
      ),
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
    mount(body, form, suggestions(all));
    return;
  }
  try {
    const cmp = await api.compare(ids);
    mount(body, form, table(cmp, labels));
  } catch (e) {
    mount(body, form, errorBox(e, "Could not compare"));
  }
}
