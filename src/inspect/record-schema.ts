// The ModelRecord and the HTTP API's request bodies, defined once with zod: the CLI's saved-record
// reader, the server's request validation and /api/openapi.json all come from these schemas.
//
// A hand-written record is welcome: `{"id", "license": {"id"}, "bases": [{"id"}]}` is filled with
// defaults (schema tag, name, empty lists, relation "unknown"), and every problem is reported at
// once as {code, path, message}. The coming record shape is accepted too: `license.ids[]`
// (derived from `license.id` when absent), expression strings in every license field, the
// `combination` relation, evidence `line`, datasets' `generatedBy[]`.
//
// zod is loaded on the first validation, not at start-up: `check` and `identify` are run cold
// many times a minute, and the library costs more than a tenth of a second to load.
import { createRequire } from "node:module";
import type { z as Z } from "zod";
import { ValidationError, type Issue } from "../errors.js";
import { RELATIONS } from "../kb/vocabulary.js";
import { READABLE_RECORD_SCHEMAS, RECORD_SCHEMA, type ModelRecord } from "./record.js";
import type { CheckRequest } from "../check.js";

export type { Issue } from "../errors.js";

const require = createRequire(import.meta.url);

/** Longest model, base or dataset id: Hub ids are at most 96 characters. */
export const MAX_ID = 512;
/** Longest license expression or name. */
export const MAX_LICENSE = 1024;
/** Longest free text in a record (a finding's message, an evidence value). */
export const MAX_TEXT = 64 * 1024;
/** Most bases, datasets or components in one record; real models have a handful. */
export const MAX_PARTS = 1000;
/** Most findings or evidence entries in one list. */
export const MAX_LIST = 10_000;

/** The relation vocabulary of the knowledge base, and `combination` (separable parts). */
export const RECORD_RELATIONS = [...new Set<string>([...RELATIONS, "combination"])] as [string, ...string[]];
const COMPONENTS = ["code", "weights", "data", "outputs", "documentation", "fonts"] as const;
const SOURCES_HINT =
  "card, card-prose, license-file, config, adapter-config, model-index, gguf, safetensors, onnx, hub, catalogue, inferred";

/** Control characters (NUL included) have no place in an id; PostgreSQL refuses NUL in text. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Every license id in an SPDX-style expression ("a AND (b OR c)", "x WITH exception"). */
export function expressionIds(expression: string): string[] {
  const out: string[] = [];
  let afterWith = false;
  for (const raw of expression.split(/[\s()]+/)) {
    if (!raw) continue;
    const op = raw.toUpperCase();
    if (op === "AND" || op === "OR") continue;
    if (op === "WITH") {
      afterWith = true;
      continue;
    }
    if (afterWith) {
      // an exception modifies the license before it; it is not a license of its own
      afterWith = false;
      continue;
    }
    if (!out.includes(raw)) out.push(raw);
  }
  return out;
}

function build(z: typeof Z) {
  const id = (what: string) =>
    z
      .string({ error: `${what} must be a string` })
      .min(1, `${what} is empty`)
      .max(MAX_ID, `${what} is longer than ${MAX_ID} characters`)
      .refine((s) => !hasControl(s), `${what} holds a control character`);
  const text = (max = MAX_TEXT) => z.string().max(max, `longer than ${max} characters`);
  const expression = text(MAX_LICENSE).min(1, "a license is an id or an expression, not empty");
  const list = <T extends Z.ZodType>(item: T, max = MAX_LIST) =>
    z.array(item).max(max, `more than ${max} entries`);

  const Evidence = z.looseObject({
    source: text(64).meta({ description: `what said it: ${SOURCES_HINT}` }),
    file: text(4096).optional(),
    field: text(1024).optional(),
    line: z.number().int().min(1).optional().meta({ description: "1-based line in `file`" }),
    value: text().default(""),
  });
  const evidence = list(Evidence).default([]);

  const Clause = z.looseObject({ section: text(256), quote: text(4096) });

  const Finding = z.looseObject({
    severity: z.enum(["violation", "unknown", "warning", "info"]),
    code: text(128).min(1),
    message: text(),
    license: text(MAX_LICENSE).optional(),
    clause: Clause.optional(),
    path: list(text(MAX_ID)).default([]),
    file: text(4096).optional(),
    field: text(1024).optional(),
    line: z.number().int().min(1).optional(),
  });

  const License = z
    .looseObject({
      id: expression.meta({
        description: "the id when the expression is one license, else the expression string",
      }),
      ids: list(text(MAX_LICENSE), MAX_PARTS)
        .optional()
        .meta({ description: "every license id in the expression; derived from `id` when absent" }),
      name: text(MAX_LICENSE).optional(),
      declared: text(MAX_TEXT).optional(),
      choice: text(MAX_LICENSE).optional(),
      evidence,
    })
    .transform((l) => ({ ...l, ids: l.ids ?? expressionIds(l.id), name: l.name ?? l.id }));

  const Component = z.looseObject({ kind: z.enum(COMPONENTS), license: expression, evidence });
  const Base = z.looseObject({
    id: id("a base's id"),
    relation: z.enum(RECORD_RELATIONS).default("unknown"),
    license: expression.optional(),
    evidence,
  });
  const Dataset = z.looseObject({
    id: id("a dataset's id"),
    license: expression.optional(),
    generatedBy: list(id("a model id"), MAX_PARTS)
      .optional()
      .meta({ description: "ids of the models whose outputs made the dataset" }),
    evidence,
  });

  const NAME_SOURCES = [
    "hub-id",
    "model_name",
    "model-index",
    "heading",
    "folder",
    "file",
    "gguf",
    "catalogue",
  ] as const;
  const TARGET_KINDS = ["folder", "file", "hub", "record", "catalogue"] as const;

  const ModelRecord = z
    .looseObject({
      // earlier versions still load; the record comes back in the current one
      schema: z
        .enum(READABLE_RECORD_SCHEMAS, { error: `not a ModelRecord (schema must be '${RECORD_SCHEMA}')` })
        .default(RECORD_SCHEMA),
      id: id("the model's id").meta({ description: "Hub id (owner/name) when there is one" }),
      name: text(MAX_ID).optional().meta({ description: "defaults to the id's last part" }),
      nameSource: z.enum(NAME_SOURCES).optional(),
      target: z
        .looseObject({ kind: z.enum(TARGET_KINDS), path: text(4096) })
        .optional()
        .meta({ description: "what was inspected; a hand-written record has none" }),
      license: License,
      components: list(Component, MAX_PARTS).default([]),
      bases: list(Base, MAX_PARTS).default([]),
      datasets: list(Dataset, MAX_PARTS).default([]),
      findings: list(Finding).default([]),
      task: text(256).optional(),
      architecture: text(256).optional(),
      weightsAvailable: z.boolean().optional(),
      generatedBy: list(id("a model id"), MAX_PARTS)
        .optional()
        .meta({ description: "for a dataset: the models whose outputs made it" }),
      revision: text(256).optional().meta({ description: "the Hub commit the files were read at" }),
    })
    .transform((r) => ({
      ...r,
      schema: RECORD_SCHEMA,
      name: r.name ?? r.id.split("/").pop()!,
      nameSource: r.nameSource ?? (r.id.includes("/") ? "hub-id" : "file"),
      target: r.target ?? { kind: "record" as const, path: "(record)" },
    }))
    .meta({ id: "ModelRecord", description: "everything known about one model, every fact with evidence" });

  const CheckOptions = z
    .strictObject({
      use: z
        .union([text(64), list(text(64), 64)])
        .optional()
        .transform((u) => (u === undefined ? undefined : Array.isArray(u) ? u : [u]))
        .meta({ description: "intended use categories (data/use-categories.yaml)" }),
      commercial: z.boolean().default(false),
      mode: z.enum(["internal", "hosted", "distribute"]).optional(),
      as: text(256)
        .min(1)
        .optional()
        .meta({ description: "a planned license checked instead of the declared one" }),
      mau: z.number().min(0).optional().meta({ description: "monthly active users" }),
      openness: z.boolean().default(false),
      fail_on: z.enum(["unknown", "conditional", "violation"]).optional(),
    })
    .meta({ id: "CheckOptions" });

  const Files = z
    .record(
      z.string().regex(/^[\w.-]{1,100}$/, "a file name of letters, digits, '.', '_' and '-'"),
      text(1024 * 1024),
    )
    .refine((f) => Object.keys(f).length <= 50, "at most 50 files")
    .meta({ description: "an upload: file name to its text (README.md, LICENSE, configs)" });

  const ModelInput = z
    .strictObject({
      record: z.unknown().optional().meta({ description: "a ModelRecord (see components.schemas)" }),
      target: id("target").optional().meta({ description: "a Hub id (owner/name) or catalogue name" }),
      files: Files.optional(),
      name: text(MAX_ID).optional().meta({ description: "the uploaded model's name" }),
      id: id("id").optional().meta({ description: "the inventory id to store an upload or record under" }),
      options: CheckOptions.optional(),
    })
    .superRefine((b, ctx) => {
      const given = (["record", "target", "files"] as const).filter((k) => b[k] !== undefined);
      if (given.length !== 1)
        ctx.addIssue({
          code: "custom",
          path: [],
          message: given.length
            ? `give one of 'record', 'target' or 'files', not ${given.join(" and ")}`
            : "the body needs 'record', 'target' or 'files'",
        });
    })
    .meta({ id: "ModelInput" });

  const ErrorBody = z
    .object({
      error: z.object({
        code: z.string(),
        message: z.string(),
        issues: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })).optional(),
        existing: z.unknown().optional(),
      }),
    })
    .meta({ id: "Error" });

  return { ModelRecord, CheckOptions, ModelInput, ErrorBody };
}

type Schemas = ReturnType<typeof build>;
let built: { z: typeof Z; s: Schemas } | undefined;

/** The zod schemas, built on first use. */
export function schemas(): Schemas {
  return zod().s;
}

function zod(): { z: typeof Z; s: Schemas } {
  if (!built) {
    const { z } = require("zod") as typeof import("zod");
    built = { z, s: build(z) };
  }
  return built;
}

export type ModelInputBody = Z.output<Schemas["ModelInput"]>;

function issuesOf(error: Z.ZodError, prefix: string): Issue[] {
  return error.issues.map((i) => ({
    code: i.code,
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}

function parse<T>(
  schema: Z.ZodType<T>,
  doc: unknown,
  what: string,
  code: string,
  file: string | undefined,
  prefix: string,
): T {
  const r = schema.safeParse(doc);
  if (r.success) return r.data;
  throw new ValidationError(what, issuesOf(r.error, prefix), file, code);
}

/**
 * A ModelRecord from untrusted JSON (a saved file, a request body), defaults filled; throws a
 * ValidationError listing every problem. `prefix` is the record's place in its document.
 */
export function parseRecord(doc: unknown, file?: string, prefix = ""): ModelRecord {
  return parse(
    schemas().ModelRecord,
    doc,
    "not a valid ModelRecord",
    "bad-record",
    file,
    prefix,
  ) as unknown as ModelRecord;
}

/** A check or store request body: exactly one of record, target, files; options validated. */
export function parseModelInput(doc: unknown): ModelInputBody {
  return parse(schemas().ModelInput, doc, "the request body is not valid", "bad-body", undefined, "");
}

/** Check options from a request, as the library takes them. */
export function checkRequestOf(body: ModelInputBody): CheckRequest {
  const o = body.options;
  if (!o) return {};
  return {
    use: o.use,
    commercial: o.commercial,
    mode: o.mode,
    as: o.as,
    mau: o.mau,
    openness: o.openness,
  };
}

/**
 * JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) of the named schemas, as requests send them
 * (`io: "input"`: defaults shown, optional where a default fills in), referring to each other as
 * `#/components/schemas/<name>`.
 */
export function jsonSchemas(): Record<string, unknown> {
  const { z, s } = zod();
  const names = new Set(["ModelRecord", "CheckOptions", "ModelInput", "Error"]);
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(s))
    registry.add(schema, { id: name === "ErrorBody" ? "Error" : name });
  const all = z.toJSONSchema(registry, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas;
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(all))
    if (names.has(name)) {
      const { $schema: _drop, ...rest } = schema as Record<string, unknown>;
      void _drop;
      out[name] = rest;
    }
  return out;
}
