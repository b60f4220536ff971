// License explorer: search by name or id, filter by family and by term, pick two to four
// licenses to compare. Filtering happens in the browser over GET /api/licenses?full=1.
import { h, mount, uid } from "../dom.js";
import { allCategories, allLicenses } from "../kb-cache.js";
import { href, replaceHash, type RouteContext } from "../router.js";
import type { Category, License } from "../types.js";
import { errorBox, familyLabel, loading, pageHeading, termBadge } from "../widgets.js";

export interface ExplorerFilter {
  q: string;
  family: string;
  /** "" (any), "allowed", "allowed-or-conditional" or "forbidden". */
  commercial: string;
  /** A use category the license must NOT restrict ("" for any). */
  free: string;
  verified: boolean;
}

export function matches(l: License, f: ExplorerFilter): boolean {
  const q = f.q.trim().toLowerCase();
  if (q) {
    const hay = [l.id, l.name, l.spdx ?? "", l.hub ?? "", ...l.aliases].join("\n").toLowerCase();
    if (!q.split(/\s+/).every((w) => hay.includes(w))) return false;
  }
  if (f.family && l.family !== f.family) return false;
  const c = l.terms.commercial?.value;
  if (f.commercial === "allowed" && c !== "allowed") return false;
  if (f.commercial === "allowed-or-conditional" && c !== "allowed" && c !== "conditional") return false;
  if (f.commercial === "forbidden" && c !== "forbidden") return false;
  if (f.free && l.use_restrictions.some((r) => r.category === f.free)) return false;
  if (f.verified && !l.verified) return false;
  return true;
}

const MAX_COMPARE = 4;

function select(label: string, value: string, options: [string, string][], onchange: (v: string) => void) {
  const id = uid("sel");
  const el = h(
    "select",
    { id, onchange: (e) => onchange((e.target as HTMLSelectElement).value) },
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
  );
  return h("div", { class: "field" }, h("label", { for: id }, label), el);
}

export async function renderExplorer(view: HTMLElement, ctx: RouteContext): Promise<void> {
  document.title = "Licenses · mlicense";
  const body = h("div", {}, loading("licenses"));
  mount(
    view,
    pageHeading("License explorer"),
    h(
      "p",
      { class: "lead" },
      "Every license in the knowledge base, with its terms cited from the license text. Filter by family or by term, open a license, or tick two to four to compare them.",
    ),
    body,
  );
  let licenses: License[], categories: Category[];
  try {
    [licenses, categories] = await Promise.all([allLicenses(), allCategories()]);
  } catch (e) {
    mount(body, errorBox(e, "Could not load the licenses"));
    return;
  }

  const f: ExplorerFilter = {
    q: ctx.query.get("q") ?? "",
    family: ctx.query.get("family") ?? "",
    commercial: ctx.query.get("commercial") ?? "",
    free: ctx.query.get("free") ?? "",
    verified: ctx.query.get("verified") === "1",
  };
  const picked = new Set<string>();

  const families = [...new Set(licenses.map((l) => l.family))].sort();
  const count = h("p", { class: "count", role: "status", "aria-live": "polite" });
  const tbody = h("tbody");
  const compareBtn = h("button", { type: "button", class: "primary", disabled: true }, "Compare selected");
  const compareHint = h("span", { class: "hint", id: uid("hint") }, "Select two to four licenses.");
  compareBtn.setAttribute("aria-describedby", compareHint.id);
  compareBtn.addEventListener("click", () => {
    location.hash = href("/compare", { ids: [...picked].join(",") });
  });

  const updateCompare = () => {
    const n = picked.size;
    compareBtn.disabled = n < 2 || n > MAX_COMPARE;
    compareBtn.textContent = n ? `Compare selected (${n})` : "Compare selected";
    compareHint.textContent =
      n > MAX_COMPARE ? `At most ${MAX_COMPARE} licenses side by side.` : "Select two to four licenses.";
  };

  const refresh = () => {
    replaceHash(
      href("/licenses", {
        q: f.q || undefined,
        family: f.family || undefined,
        commercial: f.commercial || undefined,
        free: f.free || undefined,
        verified: f.verified ? "1" : undefined,
      }),
    );
    const shown = licenses.filter((l) => matches(l, f));
    count.textContent = `${shown.length} of ${licenses.length} licenses`;
    mount(
      tbody,
      shown.length
        ? shown.map((l) => row(l))
        : h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No license matches these filters.")),
    );
  };

  const row = (l: License) => {
    const box = h("input", {
      type: "checkbox",
      checked: picked.has(l.id),
      "aria-label": `Select ${l.name} to compare`,
      onchange: (e) => {
        if ((e.target as HTMLInputElement).checked) picked.add(l.id);
        else picked.delete(l.id);
        updateCompare();
      },
    });
    return h(
      "tr",
      { "data-id": l.id },
      h("td", {}, box),
      h(
        "th",
        { scope: "row" },
        h("a", { href: href(`/licenses/${encodeURIComponent(l.id)}`) }, l.name),
        h("div", { class: "sub" }, h("code", {}, l.id), l.spdx && l.spdx !== l.id ? ` · SPDX ${l.spdx}` : ""),
      ),
      h("td", {}, familyLabel(l.family)),
      h("td", {}, termBadge(l.terms.commercial?.value ?? "unknown")),
      h("td", {}, termBadge(l.terms.distribute?.value ?? "unknown")),
      h("td", { class: "num" }, String(new Set(l.use_restrictions.map((r) => r.category)).size)),
      h("td", {}, l.verified ? "yes" : h("span", { class: "muted" }, "not yet")),
    );
  };

  const searchId = uid("q");
  const search = h("input", {
    id: searchId,
    type: "search",
    value: f.q,
    placeholder: "llama, openrail, mit…",
    autocomplete: "off",
    oninput: (e) => {
      f.q = (e.target as HTMLInputElement).value;
      refresh();
    },
  });
  const verifiedId = uid("ver");
  const filters = h(
    "form",
    {
      class: "filters",
      role: "search",
      "aria-label": "Filter licenses",
      onsubmit: (e) => e.preventDefault(),
    },
    h("div", { class: "field grow" }, h("label", { for: searchId }, "Search licenses"), search),
    select(
      "Family",
      f.family,
      [["", "All families"], ...families.map((x): [string, string] => [x, familyLabel(x)])],
      (v) => {
        f.family = v;
        refresh();
      },
    ),
    select(
      "Commercial use",
      f.commercial,
      [
        ["", "Any"],
        ["allowed", "Allowed"],
        ["allowed-or-conditional", "Allowed or conditional"],
        ["forbidden", "Forbidden"],
      ],
      (v) => {
        f.commercial = v;
        refresh();
      },
    ),
    select(
      "No restriction on",
      f.free,
      [["", "Any use"], ...categories.map((c): [string, string] => [c.id, c.label])],
      (v) => {
        f.free = v;
        refresh();
      },
    ),
    h(
      "div",
      { class: "field check" },
      h("input", {
        id: verifiedId,
        type: "checkbox",
        checked: f.verified,
        onchange: (e) => {
          f.verified = (e.target as HTMLInputElement).checked;
          refresh();
        },
      }),
      h("label", { for: verifiedId }, "Verified terms only"),
    ),
  );

  mount(
    body,
    filters,
    h("div", { class: "toolbar" }, count, h("div", {}, compareBtn, " ", compareHint)),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "licenses" },
        h("caption", { class: "visually-hidden" }, "Licenses matching the filters"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Select")),
            h("th", { scope: "col" }, "License"),
            h("th", { scope: "col" }, "Family"),
            h("th", { scope: "col" }, "Commercial"),
            h("th", { scope: "col" }, "Distribution"),
            h("th", { scope: "col", class: "num" }, "Use restrictions"),
            h("th", { scope: "col" }, "Verified"),
          ),
        ),
        tbody,
      ),
    ),
  );
  refresh();
}
