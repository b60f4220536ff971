// Identify a license: paste a text or drop a file, see which license it is and how sure the match
// is (POST /api/identify). A text that resembles a known license but differs from it in substance
// is no known license: the page says which license it resembles, how closely, and marks the
// passages that differ. A known license that is itself a modification (GPT-2's modified MIT) is
// shown as that license, flagged as modified.
import { api } from "../api.js";
import { h, mount, uid } from "../dom.js";
import { allLicenses } from "../kb-cache.js";
import { readTextFile } from "../model-input.js";
import { href, type RouteContext } from "../router.js";
import type { Change as ChangeBase, IdentifyResult, LicenseMatch } from "../types.js";
import { errorBox, pageHeading } from "../widgets.js";

/** A change as the identify route sends it: the differing words, and why they matter. */
interface Change extends ChangeBase {
  /** The differing words: the input's lines for added text, the reference's words when known. */
  text?: string;
  substantive?: boolean;
  why?: string;
}

/** A known license the text resembles without being it (IdentifyResult.resembles[]). */
interface Resemblance {
  id: string;
  name: string;
  /** 0..1 */
  similarity: number;
  lines: [number, number];
  differences: Change[];
}

type Identified = IdentifyResult & { resembles?: Resemblance[] };

const NOASSERTION = "NOASSERTION";

const METHOD_WORDS: Record<string, string> = {
  exact: "the exact text",
  dice: "a near match of the text",
  name: "the license named in the text",
  notice: "a license notice in the text",
  url: "a license address in the text",
  card: "a model card's license field",
  id: "a license id",
  "spdx-expression": "an SPDX expression",
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

const linesWords = (l: [number, number]) => (l[0] === l[1] ? `line ${l[0]}` : `lines ${l[0]}–${l[1]}`);

function changeText(c: Change): string {
  const words = `about ${c.words} word${c.words === 1 ? "" : "s"}`;
  if (c.kind === "removed") return `Missing: ${words} of the standard text.`;
  return `Added: ${words}${c.lines ? ` at ${linesWords(c.lines)}` : ""}.`;
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

/** The changed lines, as an excerpt and as the whole text with them marked. */
function changedLines(text: string, added: Change[], heading: string): HTMLElement[] {
  return added.length
    ? [
        h("h4", {}, heading),
        linesView(text, added, true),
        h(
          "details",
          {},
          h("summary", {}, "The whole text, changed lines marked"),
          linesView(text, added, false),
        ),
      ]
    : [];
}

function licenseLink(id: string, name: string, known: Set<string>): HTMLElement | string {
  return known.has(id) ? h("a", { href: href(`/licenses/${encodeURIComponent(id)}`) }, name) : name;
}

function matchView(m: LicenseMatch, known: Set<string>, text: string, best: boolean): HTMLElement {
  const titleId = uid("match");
  const changes: Change[] = m.changes ?? [];
  const added = changes.filter((c) => c.kind === "added" && c.lines);
  return h(
    "article",
    { class: `match${m.modified ? " modified" : ""}`, "aria-labelledby": titleId, "data-id": m.id },
    h(
      "h3",
      { id: titleId },
      licenseLink(m.id, m.name, known),
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
      m.lines ? [h("dt", {}, "Where"), h("dd", {}, linesWords(m.lines))] : null,
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
            `${m.name} is a known license that modifies another one: its own terms apply, not those of the license it started from.`,
          ),
          changes.length
            ? h(
                "ul",
                { class: "change-list" },
                changes.map((c) => h("li", {}, changeText(c))),
              )
            : null,
          changedLines(text, added, "Changed lines"),
        )
      : null,
  );
}

/** One differing passage: where, how many words, why it matters, and its words. */
function differenceView(c: Change): HTMLElement {
  return h(
    "li",
    { "data-kind": c.kind },
    h("span", {}, changeText(c), c.why ? ` ${c.why[0]!.toUpperCase()}${c.why.slice(1)}.` : ""),
    c.text
      ? h(
          "blockquote",
          // the passage's own line breaks kept
          { class: "passage", style: "white-space: pre-line" },
          c.kind === "added"
            ? h("mark", {}, c.text)
            : h("del", {}, h("span", { class: "visually-hidden" }, "missing: "), c.text),
        )
      : null,
  );
}

/**
 * A text that resembles a known license but is not it: NOASSERTION, the license it resembles and
 * how closely, and the passages that differ (added lines marked in the text, missing ones quoted
 * from the standard text where the server has it).
 */
function resemblanceView(
  m: LicenseMatch,
  like: Resemblance,
  known: Set<string>,
  text: string,
  best: boolean,
): HTMLElement {
  const titleId = uid("match");
  const added = like.differences.filter((c) => c.kind === "added" && c.lines);
  return h(
    "article",
    {
      class: "match modified resemblance",
      "aria-labelledby": titleId,
      "data-id": m.id,
      "data-resembles": like.id,
    },
    h(
      "h3",
      { id: titleId },
      "Unknown license resembling ",
      licenseLink(like.id, like.name, known),
      " ",
      h("span", { class: "badge flag-restricted" }, "differs in substance"),
      best ? null : h("span", { class: "sub" }, " (also in this text)"),
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "License id"),
      h("dd", {}, h("code", {}, m.id), " (not a license the knowledge base knows)"),
      h("dt", {}, "Resembles"),
      h("dd", {}, h("code", {}, like.id)),
      h("dt", {}, "Similarity"),
      h("dd", { "data-similarity": like.similarity }, pct(like.similarity)),
      h("dt", {}, "Where"),
      h("dd", {}, linesWords(like.lines)),
    ),
    h(
      "section",
      { class: "changes" },
      h(
        "p",
        { class: "must" },
        `This is not ${like.name}: it differs from it in passages that can change the terms. Read it as a license of its own.`,
      ),
      like.differences.length
        ? [
            h("h4", {}, "Where it differs"),
            h("ul", { class: "change-list" }, like.differences.map(differenceView)),
          ]
        : null,
      changedLines(text, added, "Differing lines"),
    ),
  );
}

/** The resemblance a NOASSERTION match stands for: the one over the same lines. */
function resemblanceOf(m: LicenseMatch, r: Identified): Resemblance | undefined {
  if (m.id !== NOASSERTION || !r.resembles?.length) return undefined;
  return (
    r.resembles.find((x) => m.lines && x.lines[0] === m.lines[0] && x.lines[1] === m.lines[1]) ??
    r.resembles.find((x) => m.evidence === `resembles ${x.id}`)
  );
}

function resultView(r: Identified, known: Set<string>, text: string): HTMLElement {
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
  const first = r.matches[0]!;
  const firstLike = resemblanceOf(first, r);
  return h(
    "div",
    {},
    h(
      "h2",
      { tabindex: -1 },
      r.matches.length > 1
        ? `${r.matches.length} licenses in this text`
        : firstLike
          ? `Not a known license: it resembles ${firstLike.name}`
          : `Identified: ${first.name}`,
    ),
    r.truncated ? h("p", { class: "hint" }, "Only the first part of a very long text was read.") : null,
    r.matches.map((m, i) => {
      const like = resemblanceOf(m, r);
      return like ? resemblanceView(m, like, known, text, i === 0) : matchView(m, known, text, i === 0);
    }),
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
      "Which license is this? Paste a license text, a model card or a license name, or drop a file. A text that only resembles a known license is shown as such, with the passages that differ.",
    ),
    form,
    result,
  );
}
