// inspect: a model folder laid out like a Hub repo, a model file, or a saved record, to a
// ModelRecord. Reads the card, license files, configs and model-file headers (never weights);
// keeps every fact's evidence; reports contradictions as findings instead of resolving them.
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { InputError } from "../errors.js";
import { knowledgeBase, NOASSERTION, NONE, type KnowledgeBase } from "../kb/knowledge-base.js";
import type { Component, Relation } from "../kb/schema.js";
import { isRelation } from "../kb/vocabulary.js";
import { identifier } from "../identify/identify.js";
import { readTextFile, type ReadResult } from "../io/read-text.js";
import { splitFrontMatter } from "./front-matter.js";
import { readCardFields, type CardFields } from "./card-fields.js";
import { resolveDeclared } from "./declared-license.js";
import { readGgufHeader, type GgufValue } from "./gguf.js";
import { readSafetensorsMetadata } from "./safetensors.js";
import { readOnnxInfo } from "./onnx.js";
import { parseRecord } from "./record-schema.js";
import {
  RECORD_SCHEMA,
  type BaseRecord,
  type ComponentRecord,
  type DatasetRecord,
  type Evidence,
  type Finding,
  type LicenseAssertion,
  type ModelRecord,
} from "./record.js";

export interface InspectOptions {
  /** The model's Hub id when the caller knows it (registry folders are `<owner>/<name>`). */
  hubId?: string;
  kb?: KnowledgeBase;
}

const LICENSE_FILE =
  /^(licen[cs]e|copying|notice|use[_-]?policy|model[_-]?licen[cs]e|licen[cs]e[_-]?(model|weights|code|data))([._-].*)?$/i;
const MODEL_FILE = /\.(gguf|safetensors|onnx)$/i;
/** Folders with more entries than this are not model repos; only the first ones are looked at. */
const MAX_ENTRIES = 10_000;

class Builder {
  readonly findings: Finding[] = [];
  readonly components = new Map<Component, ComponentRecord>();
  readonly bases: BaseRecord[] = [];
  readonly datasets: DatasetRecord[] = [];
  license?: LicenseAssertion;
  task?: string;
  architecture?: string;

  constructor(
    readonly kb: KnowledgeBase,
    /** How text files are read: from disk, or from uploads held in memory. */
    readonly read: (path: string, maxBytes?: number) => ReadResult = readTextFile,
  ) {}

  component(kind: Component, license: string, ev: Evidence): void {
    const c = this.components.get(kind);
    if (!c) this.components.set(kind, { kind, license, evidence: [ev] });
    else if (c.license === license) c.evidence.push(ev);
    else if (c.license === NOASSERTION && license !== NOASSERTION)
      this.components.set(kind, { kind, license, evidence: [...c.evidence, ev] });
    else c.evidence.push(ev);
  }

  base(id: string, relation: Relation, ev: Evidence): void {
    const clean = cleanModelId(id);
    if (!clean) return;
    const prev = this.bases.find((b) => b.id.toLowerCase() === clean.toLowerCase());
    if (prev) {
      prev.evidence.push(ev);
      if (prev.relation === "unknown" && relation !== "unknown") prev.relation = relation;
    } else this.bases.push({ id: clean, relation, evidence: [ev] });
  }

  dataset(id: string, ev: Evidence): void {
    const clean = cleanModelId(id) ?? id;
    const prev = this.datasets.find((d) => d.id.toLowerCase() === clean.toLowerCase());
    if (prev) prev.evidence.push(ev);
    else this.datasets.push({ id: clean, evidence: [ev] });
  }

  finding(f: Omit<Finding, "path"> & { path?: string[] }): void {
    this.findings.push({ path: [], ...f });
  }
}

/**
 * "owner/name" of word characters, dots and dashes, starting with a letter or digit, with no ".."
 * and not ending in "/tree", "/blob" or "/resolve": the same test as
 * /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/ and not /\.\.|\/(tree|blob|resolve)$/, by one scan.
 */
function isPlainId(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  let slash = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (alnum || c === 95 || c === 45) continue; // _ -
    if (c === 46) {
      if (i > 0 && s.charCodeAt(i - 1) === 46) return false; // ..
      if (i === 0) return false;
      continue;
    }
    if (c === 47 && slash < 0 && i > 0) {
      slash = i;
      continue;
    }
    return false;
  }
  if (slash < 0 || slash === n - 1) return false;
  const first = s.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122)))
    return false;
  const name = s.slice(slash + 1);
  return name !== "tree" && name !== "blob" && name !== "resolve";
}

/** "https://huggingface.co/org/name", "org/name@rev", "hf:org/name" to "org/name"; junk to null. */
export function cleanModelId(raw: string): string | null {
  // most ids are already clean; skip the regex work for them (the audit calls this millions of times)
  if (isPlainId(raw)) return raw;
  let s = raw
    .trim()
    .replace(/^hf:/, "")
    .replace(/^https?:\/\/(www\.)?huggingface\.co\//i, "");
  s = s
    .replace(/^(models|datasets)\//, "")
    .replace(/[@#].*$/, "")
    .replace(/\/(tree|blob|resolve)\/.*$/, "")
    .replace(/\/+$/, "");
  if (!s || /\s/.test(s) || s.length > 200 || /^(removed|none|null|n\/a)$/i.test(s)) return null;
  return s;
}

function str(v: GgufValue | undefined): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

function readCard(b: Builder, path: string): { fields: CardFields | null; heading?: string; prose?: string } {
  const r = b.read(path);
  if (!r.ok) {
    if (r.code !== "not-found")
      b.finding({
        severity: "warning",
        code: "card-unreadable",
        message: `The model card could not be read: ${r.message}.`,
        file: path,
      });
    return { fields: null };
  }
  const fm = splitFrontMatter(r.text, path);
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(fm.body)?.[1];
  if (!fm.data) return { fields: null, heading, prose: fm.body };
  const { fields, findings } = readCardFields(fm.data, path);
  b.findings.push(...findings);
  return { fields, heading, prose: fm.body };
}

function applyCard(b: Builder, fields: CardFields, file: string, prose: string | undefined): void {
  const kb = b.kb;
  if (fields.license.length) {
    const value = fields.license[0]!;
    const { assertion, findings } = resolveDeclared(
      kb,
      value,
      { name: fields.license_name, link: fields.license_link },
      { source: "card", file, field: "license", value },
    );
    b.license = assertion;
    b.findings.push(...findings);
    b.component("weights", assertion.id, assertion.evidence[0]!);
  } else if (fields.license_name) {
    const hit = kb.findLicense(fields.license_name);
    const ev: Evidence = { source: "card", file, field: "license_name", value: fields.license_name };
    b.license = {
      id: hit?.id ?? NOASSERTION,
      name: hit?.name ?? fields.license_name,
      declared: fields.license_name,
      evidence: [ev],
    };
    b.component("weights", b.license.id, ev);
  }
  for (const t of fields.tags) {
    const lm = /^license:(.+)$/i.exec(t);
    if (lm && !b.license) {
      const { assertion, findings } = resolveDeclared(
        kb,
        lm[1]!,
        {},
        { source: "card", file, field: "tags", value: t },
      );
      b.license = assertion;
      b.findings.push(...findings);
      b.component("weights", assertion.id, assertion.evidence[0]!);
    }
    const bm = /^base_model:(?:(adapter|finetune|merge|quantized|distill):)?(.+)$/i.exec(t);
    if (bm)
      b.base(bm[2]!, (bm[1]?.toLowerCase() as Relation) ?? "unknown", {
        source: "card",
        file,
        field: "tags",
        value: t,
      });
  }
  const rel = fields.base_model_relation?.toLowerCase();
  const relation: Relation | undefined = rel && isRelation(rel) ? rel : undefined;
  if (rel && !relation)
    b.finding({
      severity: "warning",
      code: "bad-card-field",
      message: `Unknown base_model_relation '${fields.base_model_relation}'.`,
      file,
      field: "base_model_relation",
    });
  for (const id of fields.base_model)
    b.base(id, relation ?? "unknown", { source: "card", file, field: "base_model", value: id });
  for (const d of fields.datasets) b.dataset(d, { source: "card", file, field: "datasets", value: d });
  b.task = fields.pipeline_tag;
  if (!b.license && prose) applyProse(b, prose, file);
}

/** "This model is released under ..." in the card's text, when the front matter is silent. */
function applyProse(b: Builder, prose: string, file: string): void {
  const hits = identifier()
    .identifyText(prose, file)
    .matches.filter((m) => m.method === "name" || m.method === "dice" || m.method === "exact");
  const best = hits[0];
  if (!best) return;
  const ev: Evidence = {
    source: "card-prose",
    file,
    field: best.lines ? `line ${best.lines[0]}` : undefined,
    value: best.evidence ?? best.name,
  };
  b.license = { id: best.id, name: best.name, evidence: [ev] };
  b.component("weights", best.id, ev);
}

/** Which component a license found in a file speaks for. */
function componentFor(kb: KnowledgeBase, fileName: string, licenseId: string, several: boolean): Component {
  if (/code/i.test(fileName)) return "code";
  if (/model|weight/i.test(fileName)) return "weights";
  if (/data/i.test(fileName)) return "data";
  const lic = kb.license(licenseId);
  // In a file that holds several licenses, software licenses speak for the code and model
  // licenses for the weights (a LICENSE with MIT for code and OpenRAIL-M for weights).
  if (
    several &&
    lic &&
    !["open-rail", "rail", "community", "research-only", "non-commercial", "exclusive"].includes(lic.family)
  )
    return "code";
  return "weights";
}

function applyLicenseFiles(b: Builder, dir: string, names: string[]): void {
  for (const n of names.filter((f) => LICENSE_FILE.test(f)).sort()) {
    const path = join(dir, n);
    const text = b.read(path);
    const res = text.ok
      ? identifier().identifyText(text.text, path)
      : { file: path, matches: [], modified: false, error: { code: text.code, message: text.message } };
    if (res.error) {
      if (res.error.code !== "is-directory")
        b.finding({
          severity: "warning",
          code: "license-file-unreadable",
          message: `${n}: ${res.error.message}.`,
          file: path,
        });
      continue;
    }
    const licenses = res.matches.filter((m) => m.part !== "acceptable-use-policy");
    if (!res.matches.length && !/^notice/i.test(n)) {
      b.finding({
        severity: "warning",
        code: "license-file-not-recognised",
        message: `${n} holds a text that matches no known license.`,
        file: path,
      });
      b.component(/code/i.test(n) ? "code" : "weights", NOASSERTION, {
        source: "license-file",
        file: path,
        value: "unrecognised text",
      });
      continue;
    }
    for (const m of licenses) {
      const kind = componentFor(b.kb, n, m.id, licenses.length > 1);
      b.component(kind, m.id, {
        source: "license-file",
        file: path,
        field: m.lines ? `lines ${m.lines[0]}-${m.lines[1]}` : undefined,
        value: `${m.name} (${m.method}, ${Math.round(m.confidence * 100)}%${m.modified ? ", modified" : ""})`,
      });
      if (m.modified)
        b.finding({
          severity: "info",
          code: "license-modified",
          message: `${n} is ${m.name} with changes; read the changed lines before relying on the standard terms.`,
          license: m.id,
          file: path,
        });
    }
  }
}

function readJson(b: Builder, path: string): Record<string, unknown> | null {
  const r = b.read(path, 16 * 1024 * 1024);
  if (!r.ok) return null;
  try {
    const v = JSON.parse(r.text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch (e) {
    b.finding({
      severity: "warning",
      code: "bad-json",
      message: `${basename(path)} is not valid JSON: ${(e as Error).message}.`,
      file: path,
    });
    return null;
  }
}

function applyConfigs(b: Builder, dir: string, names: Set<string>): void {
  if (names.has("adapter_config.json")) {
    const file = join(dir, "adapter_config.json");
    const cfg = readJson(b, file);
    const base =
      cfg && typeof cfg.base_model_name_or_path === "string" ? cfg.base_model_name_or_path : undefined;
    if (base)
      b.base(base, "adapter", {
        source: "adapter-config",
        file,
        field: "base_model_name_or_path",
        value: base,
      });
  }
  if (names.has("config.json")) {
    const file = join(dir, "config.json");
    const cfg = readJson(b, file);
    const arch =
      cfg && Array.isArray(cfg.architectures) && typeof cfg.architectures[0] === "string"
        ? cfg.architectures[0]
        : undefined;
    if (arch) b.architecture = arch;
    if (b.bases.length) return;
    const p = cfg && typeof cfg._name_or_path === "string" ? cfg._name_or_path : undefined;
    // transformers writes the path the weights were loaded from; a Hub id there hints at a base
    if (p && /^[\w.-]+\/[\w.-]+$/.test(p))
      b.base(p, "unknown", { source: "config", file, field: "_name_or_path", value: p });
  }
}

function applyModelFile(b: Builder, path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  const name = basename(path);
  if (ext === ".gguf") {
    const h = readGgufHeader(path);
    const m = h.metadata;
    const lic = str(m["general.license"]);
    if (lic) {
      const { assertion } = resolveDeclared(
        b.kb,
        lic,
        { name: str(m["general.license.name"]), link: str(m["general.license.link"]) },
        { source: "gguf", file: path, field: "general.license", value: lic },
      );
      b.component("weights", assertion.id, assertion.evidence[0]!);
      if (!b.license) b.license = assertion;
      else if (b.license.id !== assertion.id)
        b.finding({
          severity: "warning",
          code: "gguf-license-differs",
          message: `${name} says its license is '${lic}' but the card says '${b.license.declared ?? b.license.id}'.`,
          file: path,
          field: "general.license",
        });
    }
    const count = Number(m["general.base_model.count"] ?? 0);
    for (let i = 0; i < Math.min(count, 64); i++) {
      const repo = str(m[`general.base_model.${i}.repo_url`]);
      const org = str(m[`general.base_model.${i}.organization`]);
      const bn = str(m[`general.base_model.${i}.name`]);
      const id = repo ? cleanModelId(repo) : bn ? (org ? `${org}/${bn}` : bn) : undefined;
      if (id)
        b.base(id, "finetune", {
          source: "gguf",
          file: path,
          field: `general.base_model.${i}`,
          value: repo ?? id,
        });
    }
    const src =
      str(m["general.source.huggingface.repository"]) ??
      str(m["general.source.repo_url"]) ??
      str(m["general.source.url"]);
    if (src && /huggingface\.co|^[\w.-]+\/[\w.-]+$/.test(src))
      b.base(src, "quantized", { source: "gguf", file: path, field: "general.source", value: src });
    const dcount = Number(m["general.dataset.count"] ?? 0);
    for (let i = 0; i < Math.min(dcount, 64); i++) {
      const d = str(m[`general.dataset.${i}.repo_url`]) ?? str(m[`general.dataset.${i}.name`]);
      if (d) b.dataset(d, { source: "gguf", file: path, field: `general.dataset.${i}`, value: d });
    }
    return str(m["general.name"]);
  }
  if (ext === ".safetensors") {
    const meta = readSafetensorsMetadata(path);
    const lic = meta["modelspec.license"] ?? meta.license;
    if (lic) {
      const { assertion } = resolveDeclared(
        b.kb,
        lic,
        {},
        { source: "safetensors", file: path, field: "modelspec.license", value: lic },
      );
      b.component("weights", assertion.id, assertion.evidence[0]!);
      if (!b.license) b.license = assertion;
    }
    for (const m of (meta["modelspec.merged_from"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean))
      b.base(m, "merge", { source: "safetensors", file: path, field: "modelspec.merged_from", value: m });
    return meta["modelspec.title"];
  }
  if (ext === ".onnx") {
    const info = readOnnxInfo(path);
    for (const [k, v] of Object.entries(info.metadata)) {
      if (!/licen[cs]e/i.test(k) || !v) continue;
      const { assertion } = resolveDeclared(
        b.kb,
        v,
        {},
        { source: "onnx", file: path, field: `metadata_props.${k}`, value: v },
      );
      b.component("weights", assertion.id, assertion.evidence[0]!);
      if (!b.license) b.license = assertion;
    }
    return undefined;
  }
  return undefined;
}

function finish(
  b: Builder,
  rec: Omit<ModelRecord, "schema" | "license" | "components" | "bases" | "datasets" | "findings">,
): ModelRecord {
  const kb = b.kb;
  let license = b.license;
  if (!license) {
    const w = b.components.get("weights");
    license = w
      ? { id: w.license, name: kb.license(w.license)?.name ?? w.license, evidence: w.evidence }
      : { id: NONE, name: "No license", evidence: [] };
  }
  // the card's license against the license files' texts
  const w = b.components.get("weights");
  if (w) {
    const fileIds = new Set(
      w.evidence.filter((e) => e.source === "license-file").map((e) => /^(.*) \(/.exec(e.value)?.[1]),
    );
    const fileLicenses = [
      ...new Set(w.evidence.filter((e) => e.source === "license-file").map((e) => e.value)),
    ];
    const declaredByFile = w.evidence.some((e) => e.source === "license-file");
    const cardEv = license.evidence.find((e) => e.source === "card");
    if (cardEv && declaredByFile && license.id !== NOASSERTION) {
      const lic = kb.license(license.id);
      if (lic && !fileIds.has(lic.name))
        b.findings.push({
          severity: "warning",
          code: "license-mismatch",
          message: `The card declares ${lic.name} but the license file is ${fileLicenses.join(", ")}.`,
          license: license.id,
          path: [],
          file: w.evidence.find((e) => e.source === "license-file")?.file,
        });
    }
    if (license.id === NOASSERTION && w.license !== NOASSERTION && declaredByFile) {
      // `license: other` resolved by the LICENSE file's text
      license = {
        ...license,
        id: w.license,
        name: kb.license(w.license)?.name ?? w.license,
        evidence: [...license.evidence, ...w.evidence],
      };
    }
  }
  if (license.id === NONE)
    b.findings.push({
      severity: "warning",
      code: "no-license",
      message: "No license was found in the card, license files or model files.",
      path: [],
    });
  else if (
    license.id === NOASSERTION &&
    !b.findings.some((f) => f.code === "other-without-name" || f.code === "license-not-recognised")
  )
    b.findings.push({
      severity: "warning",
      code: "license-not-recognised",
      message: "A license is present but was not recognised.",
      path: [],
    });
  if (!b.components.has("weights") && license.id !== NONE)
    b.component("weights", license.id, license.evidence[0] ?? { source: "inferred", value: license.id });
  // a GGUF next to a single base says quantized, several bases without a relation say merge
  const unknownBases = b.bases.filter((x) => x.relation === "unknown");
  if (unknownBases.length)
    for (const x of unknownBases) {
      x.relation = b.bases.length > 1 ? "merge" : "finetune";
      x.evidence.push({
        source: "inferred",
        value: `relation ${x.relation} (the Hub's default when none is given)`,
      });
    }
  return {
    schema: RECORD_SCHEMA,
    ...rec,
    license,
    components: [...b.components.values()],
    bases: b.bases,
    datasets: b.datasets,
    findings: b.findings,
    ...(b.task ? { task: b.task } : {}),
    ...(b.architecture ? { architecture: b.architecture } : {}),
  };
}

export function inspectFolder(dir: string, opts: InspectOptions = {}): ModelRecord {
  let entries: string[];
  try {
    entries = readdirSync(dir).slice(0, MAX_ENTRIES);
  } catch (e) {
    throw new InputError(`cannot read the folder: ${(e as Error).message}`, "unreadable", dir);
  }
  return inspectEntries(new Builder(opts.kb ?? knowledgeBase()), dir, entries, basename(resolve(dir)), opts);
}

/** Upload files are at most this large each; a model card or license is far smaller. */
export const MAX_UPLOAD_FILE = 1024 * 1024;

/**
 * Text files held in memory (a web upload: README.md, LICENSE, adapter_config.json, ...), inspected
 * as if they were a folder. Nothing is written to or read from disk; model weight files cannot be
 * uploaded this way.
 */
export function inspectFiles(
  files: Record<string, string>,
  opts: InspectOptions & { name?: string } = {},
): ModelRecord {
  const dir = "(upload)";
  const names = Object.keys(files)
    .filter((n) => /^[\w.-]{1,100}$/.test(n) && !MODEL_FILE.test(n))
    .slice(0, 50);
  const read = (path: string, max = MAX_UPLOAD_FILE): ReadResult => {
    const name = path.slice(dir.length + 1);
    const t = Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
    if (t === undefined) return { ok: false, code: "not-found", message: "no such file" };
    if (!t.length) return { ok: false, code: "empty", message: "the file is empty" };
    if (t.includes("\u0000"))
      return { ok: false, code: "binary", message: "binary file, not decoded as text" };
    const truncated = t.length > max;
    return { ok: true, text: truncated ? t.slice(0, max) : t, bytes: t.length, truncated };
  };
  return inspectEntries(
    new Builder(opts.kb ?? knowledgeBase(), read),
    dir,
    names,
    opts.name ?? "uploaded-model",
    opts,
  );
}

function inspectEntries(
  b: Builder,
  dir: string,
  entries: string[],
  folderName: string,
  opts: InspectOptions,
): ModelRecord {
  const names = new Set(entries);
  const card = names.has("README.md") ? readCard(b, join(dir, "README.md")) : { fields: null };
  if (card.fields) applyCard(b, card.fields, join(dir, "README.md"), card.prose);
  else if (card.prose) applyProse(b, card.prose, join(dir, "README.md"));
  applyLicenseFiles(b, dir, entries);
  applyConfigs(b, dir, names);
  let fileName: string | undefined;
  for (const n of entries.filter((f) => MODEL_FILE.test(f)).sort()) {
    const p = join(dir, n);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) {
      try {
        statSync(p);
      } catch (e) {
        b.finding({
          severity: "warning",
          code: "model-file-unreadable",
          message: `${n}: ${(e as NodeJS.ErrnoException).code === "ELOOP" ? "symbolic link loop" : "broken symbolic link"}.`,
          file: p,
        });
        continue;
      }
    }
    try {
      fileName ??= applyModelFile(b, p);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      b.finding({
        severity: "warning",
        code: "model-file-unreadable",
        message: `${n}: ${e.message}.`,
        file: p,
        field: e.field,
      });
    }
  }
  if (names.has("adapter_config.json") && !b.bases.length)
    b.finding({
      severity: "warning",
      code: "adapter-without-base",
      message: "adapter_config.json names no base model.",
      file: join(dir, "adapter_config.json"),
    });
  const f = card.fields;
  const [name, nameSource]: [string, ModelRecord["nameSource"]] = opts.hubId
    ? [opts.hubId.split("/").pop()!, "hub-id"]
    : f?.model_name
      ? [f.model_name, "model_name"]
      : f?.model_index_name
        ? [f.model_index_name, "model-index"]
        : card.heading
          ? [card.heading, "heading"]
          : [folderName, "folder"];
  return finish(b, { id: opts.hubId ?? folderName, name, nameSource, target: { kind: "folder", path: dir } });
}

export function inspectFile(path: string, opts: InspectOptions = {}): ModelRecord {
  const kb = opts.kb ?? knowledgeBase();
  const b = new Builder(kb);
  const generalName = applyModelFile(b, path);
  const stem = basename(path).replace(/\.[^.]+$/, "");
  return finish(b, {
    id: opts.hubId ?? stem,
    name: generalName ?? stem,
    nameSource: generalName ? "gguf" : "file",
    target: { kind: "file", path },
  });
}

export function loadRecord(path: string): ModelRecord {
  const r = readTextFile(path, 64 * 1024 * 1024);
  if (!r.ok) throw new InputError(r.message, r.code, path);
  let doc: unknown;
  try {
    doc = JSON.parse(r.text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, "bad-json", path);
  }
  return validateRecord(doc, path);
}

/** A record from elsewhere is untrusted input: checked, with defaults filled, by the one schema. */
export function validateRecord(doc: unknown, file = "record"): ModelRecord {
  return parseRecord(doc, file);
}

/** A catalogue model as a record, for lineage resolution and `inspect gpt-3`. */
export function recordFromCatalogue(query: string, kb: KnowledgeBase = knowledgeBase()): ModelRecord | null {
  const m = kb.findModel(query);
  if (!m) return null;
  const weights = m.licenses.weights ?? NOASSERTION;
  const ev: Evidence = { source: "catalogue", field: "licenses.weights", value: `${m.id}: ${weights}` };
  const components: ComponentRecord[] = Object.entries(m.licenses).map(([kind, lic]) => ({
    kind: kind as Component,
    license: lic!,
    evidence: [{ source: "catalogue", field: `licenses.${kind}`, value: lic! }],
  }));
  return {
    schema: RECORD_SCHEMA,
    id: m.id,
    name: m.id.split("/").pop()!,
    nameSource: "catalogue",
    target: { kind: "catalogue", path: m.id },
    license: { id: weights, name: kb.license(weights)?.name ?? weights, evidence: [ev] },
    components,
    bases: m.bases.map((x) => ({
      id: x.id,
      relation: x.relation,
      evidence: [{ source: "catalogue", value: x.id }],
    })),
    datasets: [],
    findings: [],
    weightsAvailable: m.weights_available,
  };
}

/** The folder a target's vendored bases may sit in: the target itself, or a file's folder. */
export function targetDirOf(target: string): string | undefined {
  try {
    return statSync(target).isDirectory() ? target : dirname(target);
  } catch {
    return undefined;
  }
}

/** Dispatches on the target: folder, model file, saved record (.json), or catalogue name. */
export function inspect(target: string, opts: InspectOptions = {}): ModelRecord {
  let st;
  try {
    st = statSync(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new InputError("symbolic link loop", "unreadable", target);
    if (!target.startsWith("hf:")) {
      const cat = recordFromCatalogue(target, opts.kb);
      if (cat) return cat;
    }
    throw new InputError(
      target.startsWith("hf:")
        ? "Hub ids are resolved by the hub client (see --offline)"
        : "no such file or folder",
      target.startsWith("hf:") ? "hub-unavailable" : "not-found",
      target,
    );
  }
  if (st.isDirectory()) return inspectFolder(target, opts);
  const ext = extname(target).toLowerCase();
  if (ext === ".json") return loadRecord(target);
  if (MODEL_FILE.test(target)) return inspectFile(target, opts);
  if (/readme\.md$/i.test(target)) {
    // a lone model card: inspect it as a folder of one file
    return inspectFolder(join(target, ".."), opts);
  }
  throw new InputError(
    "not a model folder, .gguf, .safetensors, .onnx or ModelRecord .json",
    "unsupported-target",
    target,
  );
}
