// Model-card front matter as received (the Hub's wire shape) mapped once into typed fields.
// Wrongly typed fields become findings, not exceptions: a card is data being judged.
import type { Finding } from "./record.js";
import type { FrontMatterLines } from "./card-lines.js";

export interface CardFields {
  license: string[];
  license_name?: string;
  license_link?: string;
  base_model: string[];
  base_model_relation?: string;
  datasets: string[];
  model_name?: string;
  model_index_name?: string;
  tags: string[];
  pipeline_tag?: string;
  library_name?: string;
  /**
   * On a dataset card: the models whose outputs made the data, from `generated_by`,
   * `source_models`, `teacher_model` and the like (GENERATED_BY_FIELDS; a string or a list), with
   * the field each came from.
   */
  generated_by: { id: string; field: string }[];
}

/** Dataset-card fields naming the models that generated the data, in the order they are read. */
// the spellings dataset cards use for the models that wrote their data (there is no Hub standard)
const GENERATED_BY_FIELDS = [
  "generated_by",
  "generated_with",
  "generator",
  "generator_model",
  "generator_models",
  "produced_by",
  "source_models",
  "source_model",
  "teacher_model",
  "teacher_models",
] as const;

function strings(v: unknown): string[] | null {
  if (v === undefined || v === null) return [];
  if (typeof v === "string") return v.trim() ? [v.trim()] : [];
  if (typeof v === "number") return [String(v)];
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number"))
    return v.map((x) => String(x).trim()).filter(Boolean);
  return null;
}

function str(v: unknown): string | undefined | null {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number") return String(v);
  return null;
}

export function readCardFields(
  data: Record<string, unknown>,
  file: string,
  lines?: FrontMatterLines,
): { fields: CardFields; findings: Finding[] } {
  const findings: Finding[] = [];
  const bad = (field: string, want: string) => {
    const line = lines?.line(field);
    findings.push({
      severity: "warning",
      code: "bad-card-field",
      message: `The card's '${field}' field should be ${want}; it was ignored.`,
      path: [],
      file,
      field,
      ...(line ? { line } : {}),
    });
  };
  const list = (field: string): string[] => {
    const v = strings(data[field]);
    if (v === null) {
      bad(field, "a string or a list of strings");
      return [];
    }
    return v;
  };
  const one = (field: string): string | undefined => {
    const v = str(data[field]);
    if (v === null) {
      bad(field, "a string");
      return undefined;
    }
    return v;
  };
  let modelIndexName: string | undefined;
  const mi = data["model-index"];
  if (
    Array.isArray(mi) &&
    mi[0] &&
    typeof mi[0] === "object" &&
    typeof (mi[0] as Record<string, unknown>).name === "string"
  )
    modelIndexName = ((mi[0] as Record<string, unknown>).name as string).trim() || undefined;
  return {
    fields: {
      license: list("license"),
      license_name: one("license_name"),
      license_link: one("license_link"),
      base_model: list("base_model"),
      base_model_relation: one("base_model_relation"),
      datasets: list("datasets"),
      model_name: one("model_name"),
      model_index_name: modelIndexName,
      tags: list("tags"),
      pipeline_tag: one("pipeline_tag"),
      library_name: one("library_name"),
      generated_by: GENERATED_BY_FIELDS.flatMap((field) =>
        data[field] === undefined ? [] : list(field).map((id) => ({ id, field })),
      ),
    },
    findings,
  };
}
