// One license: summary, terms with the clauses they come from, use restrictions, what
// derivatives must carry, and a form to compare it with another license.
import { api } from "../api.js";
import { h, mount, uid, type Child } from "../dom.js";
import { allLicenses, FLOW_DOWN_LABELS, TERM_LABELS } from "../kb-cache.js";
import { href, type RouteContext } from "../router.js";
import type { License } from "../types.js";
import { clauseView, errorBox, familyLabel, loading, pageHeading, termBadge } from "../widgets.js";

const licenseLink = (id: string, text: string = id) =>
  h("a", { href: href(`/licenses/${encodeURIComponent(id)}`) }, text);

function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid("sec");
  return h("section", { "aria-labelledby": id }, h("h2", { id }, title), children);
}

function facts(l: License): HTMLElement {
  const rows: [string, Child][] = [
    ["Id", h("code", {}, l.id)],
    ["Family", familyLabel(l.family)],
    ["SPDX", l.spdx ? h("code", {}, l.spdx) : h("span", { class: "muted" }, "none")],
    ["Hub license id", l.hub ? h("code", {}, l.hub) : h("span", { class: "muted" }, "none")],
    ["Covers", l.covers.join(", ")],
    ["Terms verified from the text", l.verified ? "yes" : "not yet"],
  ];
  if (l.licensor) rows.push(["Licensor", l.licensor.name]);
  if (l.url) rows.push(["Text", h("a", { href: l.url, rel: "noopener noreferrer" }, l.url)]);
  return h(
    "dl",
    { class: "facts" },
    rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

function terms(l: License): HTMLElement {
  const entries = Object.entries(l.terms).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]);
  return section(
    "Terms",
    h(
      "table",
      { class: "terms" },
      h("caption", { class: "visually-hidden" }, `Terms of ${l.name} with their clauses`),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Term"),
          h("th", { scope: "col" }, "Value"),
          h("th", { scope: "col" }, "Condition and clause"),
        ),
      ),
      h(
        "tbody",
        {},
        entries.map(([name, t]) =>
          h(
            "tr",
            { "data-term": name },
            h("th", { scope: "row" }, TERM_LABELS[name] ?? name),
            h("td", {}, termBadge(t.value)),
            h(
              "td",
              {},
              t.condition ? h("p", { class: "condition" }, t.condition) : null,
              clauseView(t.clause) ?? (t.condition ? null : h("span", { class: "muted" }, "no clause")),
            ),
          ),
        ),
      ),
    ),
  );
}

function derivatives(l: License): HTMLElement {
  const duties = Object.entries(l.flow_down).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]);
  return section(
    "What derivatives must carry",
    h("p", { class: "must" }, l.derivatives_must),
    duties.length
      ? h(
          "ul",
          { class: "duties" },
          duties.map(([k, d]) =>
            h(
              "li",
              {},
              h("strong", {}, FLOW_DOWN_LABELS[k] ?? k),
              d.text ? `: “${d.text}”` : "",
              d.prefix ? `: names start with “${d.prefix}”` : "",
              d.display ? `; display “${d.display}”` : "",
              d.compatible?.length ? h("span", {}, " (or ", d.compatible.join(", "), ")") : "",
              clauseView(d.clause),
            ),
          ),
        )
      : null,
  );
}

function useRestrictions(l: License): HTMLElement {
  const label = new Map(l.use_restriction_labels.map((x) => [x.category, x.label]));
  return section(
    `Use restrictions (${l.use_restrictions.length})`,
    l.use_restrictions.length
      ? h(
          "ul",
          { class: "restrictions" },
          l.use_restrictions.map((r) =>
            h(
              "li",
              { "data-category": r.category },
              h("strong", {}, label.get(r.category) ?? r.category),
              " ",
              h("code", { class: "sub" }, r.category),
              clauseView(r.clause),
            ),
          ),
        )
      : h("p", { class: "muted" }, "This license restricts no field of use."),
  );
}

function extras(l: License): Child[] {
  const out: Child[] = [];
  const o = l.outputs;
  if (o && (o.restrictions.length || o.ownership !== "unspecified"))
    out.push(
      section(
        "Outputs",
        h("p", {}, `Who owns the outputs: ${o.ownership}.`),
        clauseView(o.clause),
        h(
          "ul",
          {},
          o.restrictions.map((r) =>
            h(
              "li",
              {},
              h("strong", {}, r.kind.replace(/-/g, " ")),
              r.description ? `: ${r.description}` : "",
              r.except_licenses.length ? ` (except ${r.except_licenses.join(", ")})` : "",
              clauseView(r.clause),
            ),
          ),
        ),
      ),
    );
  if (l.thresholds.length)
    out.push(
      section(
        "Thresholds",
        h(
          "ul",
          {},
          l.thresholds.map((t) =>
            h(
              "li",
              {},
              h("strong", {}, `${t.metric.replace(/-/g, " ")} ≤ ${t.limit.toLocaleString("en-US")}`),
              `: ${t.consequence}`,
              clauseView(t.clause),
            ),
          ),
        ),
      ),
    );
  if (l.territory.length)
    out.push(
      section(
        "Territory",
        h(
          "ul",
          {},
          l.territory.map((t) =>
            h("li", {}, h("strong", {}, t.region), `: ${t.scope}`, clauseView(t.clause)),
          ),
        ),
      ),
    );
  if (l.warnings.length)
    out.push(
      section(
        "Warnings",
        h(
          "ul",
          { class: "warnings" },
          l.warnings.map((w) => h("li", {}, w.message, clauseView(w.clause))),
        ),
      ),
    );
  return out;
}

function compareForm(l: License, all: License[]): HTMLElement {
  const id = uid("cmp");
  const related = l.related.filter((r) => all.some((x) => x.id === r));
  const others = all.filter((x) => x.id !== l.id && !related.includes(x.id));
  const sel = h(
    "select",
    { id, name: "other" },
    related.length
      ? h(
          "optgroup",
          { label: "Related" },
          related.map((r) => h("option", { value: r }, all.find((x) => x.id === r)?.name ?? r)),
        )
      : null,
    h(
      "optgroup",
      { label: "All licenses" },
      others.map((x) => h("option", { value: x.id }, x.name)),
    ),
  );
  return h(
    "form",
    {
      class: "inline-form",
      onsubmit: (e) => {
        e.preventDefault();
        location.hash = href("/compare", { ids: `${l.id},${sel.value}` });
      },
    },
    h("label", { for: id }, "Compare with"),
    sel,
    h("button", { type: "submit" }, "Compare"),
  );
}

export async function renderLicense(view: HTMLElement, ctx: RouteContext): Promise<void> {
  const id = ctx.params[0] ?? "";
  mount(view, loading(`license ${id}`));
  let l: License, all: License[];
  try {
    [l, all] = await Promise.all([api.license(id), allLicenses().catch(() => [] as License[])]);
  } catch (e) {
    document.title = "License not found · mlicense";
    mount(
      view,
      pageHeading("License not found"),
      errorBox(e),
      h("p", {}, h("a", { href: href("/licenses") }, "Back to all licenses")),
    );
    return;
  }
  document.title = `${l.name} · mlicense`;
  mount(
    view,
    h("p", { class: "crumbs" }, h("a", { href: href("/licenses") }, "Licenses"), " / ", l.id),
    pageHeading(l.name),
    h("p", { class: "lead" }, l.summary),
    all.length > 1 ? compareForm(l, all) : null,
    facts(l),
    derivatives(l),
    terms(l),
    useRestrictions(l),
    extras(l),
    l.related.length
      ? section(
          "Related licenses",
          h(
            "ul",
            { class: "inline-list" },
            l.related.map((r) => h("li", {}, licenseLink(r))),
          ),
        )
      : null,
  );
}
