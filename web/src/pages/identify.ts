// Identify a license: paste a text or drop a file, see which license it is, how sure the match
// is, and, for a known license with modifications, the lines that differ (POST /api/identify).
import { api } from "../api.js";
import { h, mount, uid } from "../dom.js";
import { allLicenses } from "../kb-cache.js";
import { readTextFile } from "../model-input.js";
import { href, type RouteContext } from "../router.js";
import type { Change, IdentifyResult, LicenseMatch } from "../types.js";
import { errorBox, pageHeading } from "../widgets.js";

const METHOD_WORDS: Record<string, string> = {
  exact: "the exact text",
  dice: "a near match of the text",
  name: "the license named in the text",
  card: "a model card's license field",
  id: "a license id",
  "spdx-expression": "an SPDX expression",
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

function changeText(c: Change): string {
  const words = `about ${c.words} word${c.words === 1 ? "" : "s"}`;
  if (c.kind === "removed") return `Missing: ${words} of the standard text.`;
  return `Added: ${words}${c.lines ? ` at ${c.lines[0] === c.lines[1] ? `line ${c.lines[0]}` : `lines ${c.lines[0]}–${c.lines[1]}`}` : ""}.`;
}

/** The input's lines, those inside an added change marked, with their numbers. */
function linesView(text: string, changes: Change[], only: boolean): HTMLElement {
  const lines = text.split(/\r?\n/);
  const changed = (n: number) => changes.some((c) => c.lines && n >= c.lines[0] && n <= c.lines[1]);
  const items: HTMLElement[] = [];
  let gap = false;
  lines.forEach((line, i) => {
    const n = i + 1;
    const isChanged = changed(n);
    // in the excerpt, one line of context either side of a change
    if (only && !isChanged && !changed(n - 1) && !changed(n + 1)) {
      if (!gap && items.length) items.push(h("li", { class: "gap", "aria-hidden": "true" }, "…"));
      gap = true;
      return;
    }
    gap = false;
    items.push(
      h(
        "li",
        { class: isChanged ? "changed" : "", value: n, "data-line": n },
        isChanged ? h("span", { class: "visually-hidden" }, "changed: ") : null,
        isChanged ? h("mark", {}, line || " ") : line || " ",
      ),
    );
  });
  return h("ol", { class: `text-lines${only ? " excerpt" : ""}` }, items);
}

function matchView(m: LicenseMatch, known: Set<string>, text: string, best: boolean): HTMLElement {
  const titleId = uid("match");
  const changes = m.changes ?? [];
  const added = changes.filter((c) => c.kind === "added" && c.lines);
  return h(
    "article",
    { class: `match${m.modified ? " modified" : ""}`, "aria-labelledby": titleId, "data-id": m.id },
    h(
      "h3",
      { id: titleId },
      known.has(m.id) ? h("a", { href: href(`/licenses/${encodeURIComponent(m.id)}`) }, m.name) : m.name,
      " ",
      m.modified ? h("span", { class: "badge flag-restricted" }, "modified") : null,
      best ? null : h("span", { class: "sub" }, " (also in this text)"),
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "License id"),
      h("dd", {}, h("code", {}, m.id)),
      h("dt", {}, "Confidence"),
      h("dd", { "data-confidence": m.confidence }, pct(m.confidence)),
      h("dt", {}, "Found by"),
      h("dd", {}, METHOD_WORDS[m.method] ?? m.method, m.evidence ? ` (“${m.evidence}”)` : ""),
      m.lines ? [h("dt", {}, "Where"), h("dd", {}, `lines ${m.lines[0]}–${m.lines[1]}`)] : null,
      m.part === "acceptable-use-policy"
        ? [h("dt", {}, "Part"), h("dd", {}, "the license's acceptable use policy")]
        : null,
    ),
    m.modified
      ? h(
          "section",
          { class: "changes" },
          h(
            "p",
            { class: "must" },
            `This is ${m.name} with changes. Read the changed lines: the standard terms may not hold.`,
          ),
          changes.length
            ? h(
                "ul",
                { class: "change-list" },
                changes.map((c) => h("li", {}, changeText(c))),
              )
            : null,
          added.length
            ? [
                h("h4", {}, "Changed lines"),
                linesView(text, added, true),
                h(
                  "details",
                  {},
                  h("summary", {}, "The whole text, changed lines marked"),
                  linesView(text, added, false),
                ),
              ]
            : null,
        )
      : null,
  );
}

function resultView(r: IdentifyResult, known: Set<string>, text: string): HTMLElement {
  if (r.error) return errorBox(r.error.message, "Could not read the text");
  if (!r.matches.length)
    return h(
      "div",
      { class: "no-match" },
      h("h2", { tabindex: -1 }, "No known license"),
      h(
        "p",
        {},
        "This text matches no license in the knowledge base or the SPDX list. It may be a custom license, or not a license at all.",
      ),
    );
  return h(
    "div",
    {},
    h(
      "h2",
      { tabindex: -1 },
      r.matches.length === 1
        ? `Identified: ${r.matches[0]!.name}`
        : `${r.matches.length} licenses in this text`,
    ),
    r.truncated ? h("p", { class: "hint" }, "Only the first part of a very long text was read.") : null,
    r.matches.map((m, i) => matchView(m, known, text, i === 0)),
  );
}

export function renderIdentify(view: HTMLElement, _ctx: RouteContext): void {
  document.title = "Identify a license · mlicense";
  const textId = uid("text"),
    fileId = uid("file");
  const text = h("textarea", {
    id: textId,
    rows: 12,
    spellcheck: "false",
    placeholder: "Paste a LICENSE file, a model card or a license name…",
    "aria-describedby": `${textId}-hint`,
  });
  const fileInput = h("input", {
    id: fileId,
    type: "file",
    accept: ".txt,.md,text/*",
    class: "visually-hidden",
  });
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const result = h("div", { class: "result", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary" }, "Identify");

  const load = async (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (!f) return;
    try {
      text.value = await readTextFile(f);
      mount(status, h("p", { class: "sub", role: "status" }, `Loaded ${f.name}.`));
    } catch (e) {
      mount(status, errorBox(e, "File not read"));
    }
  };
  fileInput.addEventListener("change", () => void load(fileInput.files).then(() => (fileInput.value = "")));
  const drop = h(
    "label",
    { for: fileId, class: "drop-zone compact" },
    h("strong", {}, "Drop a license file here"),
    h("span", {}, " or click to choose one"),
  );
  for (const target of [drop, text]) {
    target.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    target.addEventListener("dragleave", () => drop.classList.remove("over"));
    target.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      void load((e as DragEvent).dataTransfer?.files);
    });
  }

  const form = h(
    "form",
    {
      class: "model-input identify",
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const t = text.value;
        if (!t.trim()) {
          mount(status, errorBox("Paste a license text or drop a file first.", "Nothing to identify"));
          text.focus();
          return;
        }
        submit.disabled = true;
        mount(status, h("p", { class: "loading", role: "status" }, "Identifying…"));
        try {
          const [r, licenses] = await Promise.all([api.identify(t), allLicenses().catch(() => [])]);
          mount(status);
          mount(result, resultView(r, new Set(licenses.map((l) => l.id)), t));
          result.querySelector<HTMLElement>("h2")?.focus();
        } catch (err) {
          mount(status, errorBox(err, "The server refused this"));
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("label", { for: textId }, "License text"),
    text,
    h(
      "p",
      { class: "hint", id: `${textId}-hint` },
      "The text stays on this server: it is matched against the knowledge base and the SPDX license list, not stored.",
    ),
    fileInput,
    drop,
    h(
      "div",
      { class: "actions" },
      submit,
      " ",
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            text.value = "";
            mount(result);
            mount(status);
            text.focus();
          },
        },
        "Clear",
      ),
    ),
    status,
  );
  mount(
    view,
    pageHeading("Identify a license"),
    h(
      "p",
      { class: "lead" },
      "Which license is this? Paste a license text, a model card or a license name, or drop a file. A known license with changes is flagged with the lines that differ.",
    ),
    form,
    result,
  );
}
