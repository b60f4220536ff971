// A check report (POST /api/check, or the one stored with an inventory entry): verdict,
// lineage graph, findings and obligations, each with the clause it rests on.
import { h, uid, type Child } from "./dom.js";
import { lineageGraph, lineageList } from "./lineage-graph.js";
import { href } from "./router.js";
import type { CheckReport, Finding, Obligation } from "./types.js";
import { clauseView, severityBadge, verdictBadge } from "./widgets.js";

const SEVERITY_ORDER = ["violation", "unknown", "warning", "info"];

const VERDICT_SENTENCE: Record<string, string> = {
  ok: "No problem found in the lineage.",
  conditional: "Allowed if you meet the obligations below.",
  violation: "The declared license breaks a term of a license up the lineage.",
  unknown: "Some licenses in the lineage are unknown, so the check is incomplete.",
};

function section(title: string, level: "h3" | "h4", ...children: Child[]): HTMLElement {
  const id = uid("rep");
  return h("section", { "aria-labelledby": id }, h(level, { id }, title), children);
}

const licenseLink = (id: string) => h("a", { href: href(`/licenses/${encodeURIComponent(id)}`) }, id);

function pathView(path: string[]): HTMLElement | null {
  return path.length > 1 ? h("p", { class: "path" }, "Via ", path.join(" → ")) : null;
}

function finding(f: Finding): HTMLElement {
  return h(
    "li",
    { class: `finding finding-${f.severity}`, "data-code": f.code },
    h("div", { class: "finding-head" }, severityBadge(f.severity), " ", h("code", {}, f.code)),
    h("p", {}, f.message),
    f.license ? h("p", { class: "sub" }, "License: ", licenseLink(f.license)) : null,
    f.file ? h("p", { class: "sub" }, `In ${f.file}${f.field ? `, field ${f.field}` : ""}`) : null,
    pathView(f.path),
    clauseView(f.clause),
  );
}

function obligation(o: Obligation): HTMLElement {
  return h(
    "li",
    { class: "obligation" },
    h(
      "span",
      { class: `badge trigger-${o.trigger}` },
      o.trigger === "use" ? "when used" : "when distributed",
    ),
    " ",
    o.text,
    h("p", { class: "sub" }, "From ", licenseLink(o.license)),
    pathView(o.path),
    clauseView(o.clause),
  );
}

/** `level` is the heading level of the report's title; its sections go one below. */
export function reportView(r: CheckReport, level: "h2" | "h3" = "h2"): HTMLElement {
  const sub = level === "h2" ? "h3" : "h4";
  const findings = [...r.findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  const titleId = uid("report");
  return h(
    "article",
    { class: `report report-${r.verdict}`, "aria-labelledby": titleId, "data-verdict": r.verdict },
    h(
      "header",
      { class: "report-head" },
      h(
        level,
        { id: titleId },
        r.name,
        r.name !== r.target ? h("span", { class: "sub" }, ` (${r.target})`) : null,
      ),
      h(
        "p",
        { class: "verdict-line" },
        h("span", { class: "visually-hidden" }, "Verdict: "),
        verdictBadge(r.verdict),
        " ",
        VERDICT_SENTENCE[r.verdict] ?? "",
      ),
      h(
        "p",
        { class: "sub" },
        "Declared license: ",
        r.license.id && r.license.id !== "NOASSERTION" && r.license.id !== "NONE"
          ? h("a", { href: href(`/licenses/${encodeURIComponent(r.license.id)}`) }, r.license.name)
          : r.license.name || r.license.id,
        r.as ? [" · checked as ", licenseLink(r.as)] : null,
        ` · mode: ${r.mode}`,
      ),
      r.options
        ? h(
            "p",
            { class: "sub checked-for" },
            `Checked for: ${r.options.commercial ? "commercial use" : "no commercial use"}; intended uses: ${
              r.options.use.length ? r.options.use.join(", ") : "none given"
            }${r.options.mau !== null ? `; ${r.options.mau.toLocaleString("en-US")} monthly active users` : ""}.`,
          )
        : null,
    ),
    section(
      "Lineage",
      sub,
      lineageGraph(r.lineage, r.findings, r.verdict),
      h("details", {}, h("summary", {}, "Lineage as a list"), lineageList(r.lineage)),
    ),
    section(
      `Findings (${findings.length})`,
      sub,
      findings.length
        ? h("ol", { class: "findings" }, findings.map(finding))
        : h("p", { class: "muted" }, "No findings."),
    ),
    section(
      `Obligations (${r.obligations.length})`,
      sub,
      r.obligations.length
        ? h("ul", { class: "obligations" }, r.obligations.map(obligation))
        : h("p", { class: "muted" }, "No obligations."),
    ),
    h("p", { class: "disclaimer" }, r.disclaimer),
  );
}
