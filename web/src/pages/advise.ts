// Advise a license for a model that is not released yet: its base models (and data) in, the
// licenses it may use ranked for a goal out, with the card front matter and NOTICE to copy
// (POST /api/advise). The form's state lives in the address, so advice can be linked.
import { api } from "../api.js";
import { h, mount, uid } from "../dom.js";
import { href, replaceHash, type RouteContext } from "../router.js";
import type { Advice, AdviseInput } from "../types.js";
import { errorBox, familyLabel, pageHeading } from "../widgets.js";

const GOALS: [string, string][] = [
  ["", "no preference (keep it simple)"],
  ["commercial", "commercial use"],
  ["open", "as open as possible"],
  ["copyleft", "copyleft (derivatives stay open)"],
  ["responsible", "responsible AI (use restrictions)"],
];
const RELATIONS: [string, string][] = [
  ["finetune", "fine-tune"],
  ["adapter", "adapter (LoRA)"],
  ["merge", "merge"],
  ["quantized", "quantized copy"],
  ["distill", "distillation"],
  ["combination", "combination (parts side by side)"],
  ["uses-output-of", "trained on its outputs"],
];

const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** A block of text with a button that copies it; the words say whether it worked. */
function copyBlock(title: string, text: string, fileName: string): HTMLElement {
  const id = uid("copy");
  const pre = h("pre", { class: "copyable", id, tabindex: 0, "aria-label": title }, h("code", {}, text));
  const said = h("span", { class: "sub", role: "status" });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      said.textContent = "Copied.";
    } catch {
      // no clipboard permission: select the text so Ctrl+C / Cmd+C copies it
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      said.textContent = "Selected: press Ctrl+C (or Cmd+C) to copy.";
    }
  };
  return h(
    "section",
    { class: "copy-block", "aria-labelledby": `${id}-t` },
    h(
      "div",
      { class: "toolbar" },
      h("h3", { id: `${id}-t` }, title),
      h(
        "span",
        {},
        h("button", { type: "button", onclick: () => void copy() }, `Copy ${fileName}`),
        " ",
        said,
      ),
    ),
    pre,
  );
}

function adviceView(a: Advice): HTMLElement {
  const titleId = uid("advice");
  return h(
    "article",
    { class: "advice", "aria-labelledby": titleId },
    h("h2", { id: titleId, tabindex: -1 }, `Licenses for ${a.name}`),
    a.blockers.length
      ? h(
          "div",
          { class: "error", role: "alert" },
          h("strong", {}, "No license can fix this: "),
          h(
            "ul",
            {},
            a.blockers.map((b) => h("li", { "data-code": b.code }, b.message)),
          ),
        )
      : null,
    a.candidates.length
      ? h(
          "ol",
          { class: "candidates" },
          a.candidates.slice(0, 10).map((c, i) =>
            h(
              "li",
              { "data-id": c.id },
              h(
                "div",
                { class: "candidate-head" },
                h("a", { href: href(`/licenses/${encodeURIComponent(c.id)}`) }, c.name),
                " ",
                h("span", { class: "badge" }, familyLabel(c.family)),
                i === 0 ? [" ", h("span", { class: "badge verdict-ok" }, "recommended")] : null,
              ),
              c.why.length
                ? h(
                    "ul",
                    { class: "why" },
                    c.why.map((w) => h("li", {}, w)),
                  )
                : null,
              c.duties.length
                ? h(
                    "details",
                    {},
                    h("summary", {}, `What you must do under it (${c.duties.length})`),
                    h(
                      "ul",
                      {},
                      c.duties.map((d) => h("li", {}, d)),
                    ),
                  )
                : null,
            ),
          ),
        )
      : a.blockers.length
        ? null
        : h("p", { class: "empty" }, "No license in the knowledge base fits this lineage."),
    a.candidates.length > 10
      ? h("p", { class: "hint" }, `${a.candidates.length - 10} more licenses would also fit.`)
      : null,
    copyBlock("Model card front matter (top of README.md)", a.model_card, "README.md"),
    copyBlock("NOTICE file", a.notice, "NOTICE"),
    h("p", { class: "disclaimer" }, a.disclaimer),
  );
}

export async function renderAdvise(view: HTMLElement, ctx: RouteContext): Promise<void> {
  document.title = "Advise a license · mlicense";
  const basesId = uid("bases"),
    dataId = uid("data"),
    relId = uid("rel"),
    nameId = uid("name"),
    goalId = uid("goal");
  const bases = h("textarea", {
    id: basesId,
    rows: 3,
    spellcheck: "false",
    placeholder: "meta-llama/Llama-3.1-8B",
    "aria-describedby": `${basesId}-hint`,
  });
  const datasets = h("textarea", { id: dataId, rows: 2, spellcheck: "false", placeholder: "owner/dataset" });
  const relation = h(
    "select",
    { id: relId },
    RELATIONS.map(([v, t]) => h("option", { value: v }, t)),
  );
  const name = h("input", { id: nameId, type: "text", placeholder: "my-model", autocomplete: "off" });
  const goal = h(
    "select",
    { id: goalId },
    GOALS.map(([v, t]) => h("option", { value: v }, t)),
  );
  const q = ctx.query;
  bases.value = lines(q.get("base") ?? "").join("\n");
  datasets.value = lines(q.get("dataset") ?? "").join("\n");
  relation.value = q.get("relation") ?? "finetune";
  name.value = q.get("name") ?? "";
  goal.value = q.get("goal") ?? "";

  const status = h("div", { class: "form-status" });
  const result = h("div", { class: "result", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, "Advise");

  const run = async (focus: boolean) => {
    const input: AdviseInput = {
      bases: lines(bases.value),
      datasets: lines(datasets.value),
      relation: relation.value,
      ...(name.value.trim() ? { name: name.value.trim() } : {}),
      ...(goal.value ? { goal: goal.value } : {}),
    };
    if (!input.bases.length) {
      mount(
        status,
        errorBox("Name at least one base model, such as meta-llama/Llama-3.1-8B.", "Nothing to advise on"),
      );
      bases.focus();
      return;
    }
    replaceHash(
      href("/advise", {
        base: input.bases.join(","),
        dataset: input.datasets?.join(","),
        relation: input.relation === "finetune" ? undefined : input.relation,
        name: input.name,
        goal: input.goal,
      }),
    );
    submit.disabled = true;
    mount(status, h("p", { class: "loading", role: "status" }, "Working…"));
    try {
      const a = await api.advise(input);
      mount(status);
      mount(result, adviceView(a));
      if (focus) result.querySelector<HTMLElement>("h2")?.focus();
    } catch (e) {
      mount(status, errorBox(e, "The server refused this"));
    } finally {
      submit.disabled = false;
    }
  };

  const form = h(
    "form",
    {
      class: "model-input advise",
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        void run(true);
      },
    },
    h(
      "div",
      { class: "field" },
      h("label", { for: basesId }, "Base models"),
      bases,
      h(
        "p",
        { class: "hint", id: `${basesId}-hint` },
        "One Hub id or catalogue name per line. Several bases make a merge unless you choose another relation.",
      ),
    ),
    h("div", { class: "field" }, h("label", { for: relId }, "The new model is a"), relation),
    h(
      "div",
      { class: "field" },
      h("label", { for: dataId }, "Training datasets (optional, one per line)"),
      datasets,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: nameId }, "Planned model name (optional, for naming duties)"),
      name,
    ),
    h("div", { class: "field" }, h("label", { for: goalId }, "Goal"), goal),
    h("div", { class: "actions" }, submit),
    status,
  );
  mount(
    view,
    pageHeading("Advise a license"),
    h(
      "p",
      { class: "lead" },
      "Planning a fine-tune, merge or quantization? Name its base models and get the licenses it may be released under, best first, with the model card front matter and NOTICE to copy.",
    ),
    form,
    result,
  );
  if (bases.value.trim()) await run(false);
}
