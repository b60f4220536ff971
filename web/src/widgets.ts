// Small pieces shared by the pages: verdict and term badges, clause citations, error and
// loading boxes. Colours come from style.css classes; the words carry the meaning on their own.
import { ApiError } from "./api.js";
import { h } from "./dom.js";
import type { Clause, Severity, TermValue, Verdict } from "./types.js";

const VERDICT_WORDS: Record<Verdict, string> = {
  ok: "OK",
  conditional: "Conditional",
  violation: "Violation",
  unknown: "Unknown",
};

export function verdictBadge(v: Verdict): HTMLElement {
  return h("span", { class: `badge verdict-${v}`, "data-verdict": v }, VERDICT_WORDS[v] ?? v);
}

export function severityBadge(s: Severity): HTMLElement {
  return h("span", { class: `badge severity-${s}` }, s);
}

/** allowed / forbidden / conditional / n/a / unknown, coloured. */
export function termBadge(value: TermValue | string): HTMLElement {
  const cls = value.replace(/[^a-z]+/g, "") || "none";
  return h("span", { class: `badge term-${cls}` }, value);
}

/** A clause as a citation: the section, then the verbatim quote. */
export function clauseView(c: Clause | undefined): HTMLElement | null {
  if (!c) return null;
  return h(
    "figure",
    { class: "clause" },
    h("blockquote", {}, c.quote),
    h("figcaption", {}, h("span", { class: "visually-hidden" }, "Section "), c.section),
  );
}

/** An error from the API as an alert. */
export function errorBox(e: unknown, what?: string): HTMLElement {
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof ApiError ? e.code : undefined;
  return h(
    "div",
    { class: "error", role: "alert", "data-code": code },
    h("strong", {}, what ? `${what}: ` : "Error: "),
    message,
  );
}

export function loading(what: string): HTMLElement {
  return h("p", { class: "loading", role: "status" }, `Loading ${what}…`);
}

/** A page heading that receives focus after navigation, so screen readers announce the page. */
export function pageHeading(text: string): HTMLHeadingElement {
  return h("h1", { tabindex: -1 }, text);
}

/** Family ids read as words. */
export function familyLabel(f: string): string {
  return f.replace(/-/g, " ");
}
