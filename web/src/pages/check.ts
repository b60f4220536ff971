// Check a model: name it or hand over its files, see the verdict, findings, obligations and
// the lineage graph (POST /api/check; nothing is stored).
import { api } from "../api.js";
import { h, mount } from "../dom.js";
import { modelInputForm } from "../model-input.js";
import { reportView } from "../report-view.js";
import type { RouteContext } from "../router.js";
import { pageHeading } from "../widgets.js";

export function renderCheck(view: HTMLElement, _ctx: RouteContext): void {
  document.title = "Check a model · mlicense";
  const result = h("div", { class: "result", "aria-live": "polite" });
  const form = modelInputForm({
    submitLabel: "Check",
    async onSubmit(input, options) {
      mount(result);
      const report = await api.check(input, options);
      mount(result, reportView(report));
      result.querySelector<HTMLElement>("h2")?.setAttribute("tabindex", "-1");
      result.querySelector<HTMLElement>("h2")?.focus();
    },
  });
  mount(
    view,
    pageHeading("Check a model"),
    h(
      "p",
      { class: "lead" },
      "Follows the model's lineage through its base models and datasets and checks the declared license against every license up the tree.",
    ),
    form,
    result,
  );
}
