// The form that names a model to check or add: a Hub id or catalogue name, or text files of a
// model repository (model card, LICENSE, config.json) read in the browser and sent as {files}.
// Weights stay on the user's machine: only text files are read, each under MAX_FILE bytes.
import { h, mount, uid } from "./dom.js";
import { allCategories, allLicenses } from "./kb-cache.js";
import type { CheckOptions, ModelInput } from "./types.js";
import { errorBox } from "./widgets.js";

/** The server takes 2 MiB per request; keep each file well below that. */
export const MAX_FILE = 1024 * 1024;

/** Reads one file as UTF-8 text, refusing binary content (weights, archives). */
export function readTextFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    if (file.size > MAX_FILE)
      return reject(
        new Error(
          `${file.name} is ${Math.round(file.size / 1024)} KiB; files over ${MAX_FILE / 1024} KiB are not sent (weights are not needed, only the model card, LICENSE and config files).`,
        ),
      );
    const reader = new FileReader();
    reader.onerror = () =>
      reject(new Error(`could not read ${file.name}: ${reader.error?.message ?? "unknown error"}`));
    reader.onload = () => {
      const text = String(reader.result ?? "");
      if (text.includes("\u0000"))
        reject(
          new Error(
            `${file.name} is a binary file; choose text files such as README.md, LICENSE or config.json.`,
          ),
        );
      else resolve(text);
    };
    reader.readAsText(file);
  });
}

export interface ModelInputFormOptions {
  submitLabel: string;
  /** Called with the input; a rejection is shown under the form. */
  onSubmit(input: ModelInput, options: CheckOptions): Promise<void>;
}

export function modelInputForm(o: ModelInputFormOptions): HTMLFormElement {
  const files = new Map<string, string>();
  const sourceName = uid("src");
  const targetId = uid("target"),
    filesId = uid("files"),
    nameId = uid("name"),
    modeId = uid("mode"),
    commercialId = uid("com"),
    asId = uid("as"),
    asList = uid("aslist"),
    useId = uid("use");

  const target = h("input", {
    id: targetId,
    name: "target",
    type: "text",
    placeholder: "meta-llama/Llama-3.1-8B",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": `${targetId}-hint`,
  });
  const fileInput = h("input", {
    id: filesId,
    type: "file",
    multiple: true,
    accept: ".md,.txt,.json,.yaml,.yml,text/*,application/json",
    class: "visually-hidden",
  });
  const fileList = h("ul", { class: "file-list", "aria-live": "polite" });
  const nameInput = h("input", {
    id: nameId,
    type: "text",
    placeholder: "acme/my-finetune",
    autocomplete: "off",
  });
  const status = h("div", { class: "form-status" });
  const submit = h("button", { type: "submit", class: "primary" }, o.submitLabel);

  const showFiles = () =>
    mount(
      fileList,
      [...files.keys()].map((n) =>
        h(
          "li",
          {},
          h("code", {}, n),
          ` (${files.get(n)!.length.toLocaleString("en-US")} characters) `,
          h(
            "button",
            {
              type: "button",
              class: "link",
              "aria-label": `Remove ${n}`,
              onclick: () => {
                files.delete(n);
                showFiles();
              },
            },
            "remove",
          ),
        ),
      ),
    );

  // a new pick or drop is a new model: its files replace the previous ones, so a card from the
  // model checked before never rides along unseen
  const addFiles = async (list: FileList | null) => {
    if (!list?.length) return;
    files.clear();
    const errors: unknown[] = [];
    for (const f of Array.from(list)) {
      try {
        files.set(f.name, await readTextFile(f));
      } catch (e) {
        errors.push(e);
      }
    }
    showFiles();
    mount(
      status,
      errors.map((e) => errorBox(e, "File not added")),
    );
  };
  fileInput.addEventListener(
    "change",
    () => void addFiles(fileInput.files).then(() => (fileInput.value = "")),
  );

  const drop = h(
    "label",
    { for: filesId, class: "drop-zone" },
    h("strong", {}, "Drop a model card and LICENSE file here"),
    h("span", {}, " or click to choose files"),
    h(
      "span",
      { class: "sub" },
      "README.md, LICENSE, NOTICE, USE_POLICY.md, config.json, adapter_config.json",
    ),
  );
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    void addFiles(e.dataTransfer?.files ?? null);
  });

  const targetPanel = h(
    "div",
    { class: "panel", "data-panel": "target" },
    h("label", { for: targetId }, "Hub id or catalogue name"),
    target,
    h(
      "p",
      { class: "hint", id: `${targetId}-hint` },
      "A model in the knowledge base's catalogue is checked offline; other ids are looked up on the Hugging Face Hub by the server.",
    ),
  );
  const filesPanel = h(
    "div",
    { class: "panel", "data-panel": "files", hidden: true },
    fileInput,
    drop,
    fileList,
    h("label", { for: nameId }, "Model id (optional)"),
    nameInput,
  );
  const choose = (which: "target" | "files") => {
    targetPanel.hidden = which !== "target";
    filesPanel.hidden = which !== "files";
  };
  const radio = (value: "target" | "files", text: string) => {
    const id = uid("r");
    return h(
      "span",
      { class: "choice" },
      h("input", {
        type: "radio",
        id,
        name: sourceName,
        value,
        checked: value === "target",
        onchange: () => choose(value),
      }),
      h("label", { for: id }, text),
    );
  };

  const mode = h(
    "select",
    { id: modeId },
    h("option", { value: "distribute" }, "distribute it (release the weights)"),
    h("option", { value: "hosted" }, "host it (a service others use)"),
    h("option", { value: "internal" }, "use it internally"),
  );
  const commercial = h("input", { id: commercialId, type: "checkbox" });
  const asInput = h("input", {
    id: asId,
    type: "text",
    list: asList,
    placeholder: "e.g. apache-2.0",
    autocomplete: "off",
  });
  const asOptions = h("datalist", { id: asList });
  // one checkbox per use category: a list to tick, not a multi-select that needs Ctrl-click
  const use = h("div", {
    class: "check-grid",
    id: useId,
    role: "group",
    "aria-labelledby": `${useId}-label`,
  });
  void allLicenses()
    .then((ls) =>
      mount(
        asOptions,
        ls.map((l) => h("option", { value: l.id }, l.name)),
      ),
    )
    .catch(() => undefined);
  void allCategories()
    .then((cs) =>
      mount(
        use,
        cs.map((c) => {
          const id = uid("use");
          return h(
            "div",
            { class: "field check" },
            h("input", { type: "checkbox", id, value: c.id, name: "use", "aria-describedby": `${id}-d` }),
            h("label", { for: id, title: c.description }, c.label),
            h("span", { id: `${id}-d`, class: "visually-hidden" }, c.description),
          );
        }),
      ),
    )
    .catch(() => undefined);

  const form = h(
    "form",
    { class: "model-input", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, "Model"),
      h("div", { class: "choices" }, radio("target", "By name"), radio("files", "Upload model files")),
      targetPanel,
      filesPanel,
    ),
    h(
      "details",
      { class: "options" },
      h("summary", {}, "Options"),
      h("div", { class: "field" }, h("label", { for: modeId }, "I plan to"), mode),
      h("div", { class: "field check" }, commercial, h("label", { for: commercialId }, "Commercial use")),
      h(
        "div",
        { class: "field" },
        h("label", { for: asId }, "Check against a planned license instead of the declared one"),
        asInput,
        asOptions,
      ),
      h(
        "fieldset",
        { class: "uses" },
        h("legend", { id: `${useId}-label` }, "Intended uses (checked against use restrictions)"),
        use,
      ),
    ),
    h("div", { class: "actions" }, submit),
    status,
  );

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const fromFiles = !filesPanel.hidden;
    let input: ModelInput;
    if (fromFiles) {
      if (!files.size) {
        mount(
          status,
          errorBox(
            "Choose or drop at least one file (a model card README.md or a LICENSE file).",
            "Nothing to check",
          ),
        );
        return;
      }
      input = {
        files: Object.fromEntries(files),
        ...(nameInput.value.trim() ? { name: nameInput.value.trim() } : {}),
      };
    } else {
      const t = target.value.trim();
      if (!t) {
        mount(
          status,
          errorBox(
            "Enter a Hub id such as meta-llama/Llama-3.1-8B, or switch to model files.",
            "Nothing to check",
          ),
        );
        target.focus();
        return;
      }
      input = { target: t };
    }
    const options: CheckOptions = {
      mode: mode.value as CheckOptions["mode"],
      ...(commercial.checked ? { commercial: true } : {}),
      ...(asInput.value.trim() ? { as: asInput.value.trim() } : {}),
    };
    const uses = Array.from(use.querySelectorAll<HTMLInputElement>("input:checked")).map((x) => x.value);
    if (uses.length) options.use = uses;
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    mount(status, h("p", { class: "loading", role: "status" }, "Working…"));
    try {
      await o.onSubmit(input, options);
      mount(status);
    } catch (err) {
      mount(status, errorBox(err, "The server refused this"));
    } finally {
      submit.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
  return form;
}
