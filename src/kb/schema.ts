// The one schema of the knowledge base. Every YAML file under data/ is parsed with these zod
// schemas in strict mode: an unknown field, a term without its clause or a use category that
// data/use-categories.yaml does not define is an error naming the file and the field.
import { z } from "zod";
import { FAMILIES, RELATIONS } from "./vocabulary.js";
export { TERM_NAMES, type TermName } from "./vocabulary.js";

/** Where a fact comes from: a section reference and a short verbatim quote (at most 20 words). */
export const Clause = z.strictObject({
  section: z.string().min(1),
  quote: z
    .string()
    .min(1)
    .refine((q) => q.trim().split(/\s+/).length <= 20, "quote is longer than 20 words"),
});
export type Clause = z.infer<typeof Clause>;

export const TermValue = z.enum(["allowed", "forbidden", "conditional", "n/a", "unknown"]);
export type TermValue = z.infer<typeof TermValue>;

/**
 * One term of a license. `clause` is required unless the entry is unverified (no text at hand),
 * in which case the value must be `unknown` or carry a clause anyway; the loader checks that.
 */
export const Term = z.strictObject({
  value: TermValue,
  clause: Clause.optional(),
  condition: z.string().optional(),
});
export type Term = z.infer<typeof Term>;

export const Family = z.enum(FAMILIES);
export type Family = z.infer<typeof Family>;

export const Component = z.enum(["code", "weights", "data", "outputs", "documentation", "fonts"]);
export type Component = z.infer<typeof Component>;

export const UseRestriction = z.strictObject({
  category: z.string().min(1),
  clause: Clause,
});
export type UseRestriction = z.infer<typeof UseRestriction>;

export const FlowDown = z.strictObject({
  /** Derivatives must carry every use restriction of this license (RAIL §4/§5, Llama AUP). */
  use_restrictions: z.strictObject({ clause: Clause }).optional(),
  /** A copy of this license must accompany any redistribution. */
  license_copy: z.strictObject({ clause: Clause }).optional(),
  /** Share-alike: derivatives must be under this license or one listed in `compatible`. */
  same_license: z.strictObject({ clause: Clause, compatible: z.array(z.string()).default([]) }).optional(),
  /** An attribution or notice the redistributor must keep or display. `text` is the notice itself. */
  notice: z.strictObject({ clause: Clause, text: z.string().optional() }).optional(),
  /** Naming duty: derivative names must start with `prefix`; `display` must be shown with the product. */
  naming: z
    .strictObject({ clause: Clause, prefix: z.string().optional(), display: z.string().optional() })
    .optional(),
  /** Non-commercial or research-only limits bind every derivative. */
  non_commercial: z.strictObject({ clause: Clause }).optional(),
  /** Changes must be marked (Apache-2.0 §4(b), CC "indicate if changes were made"). */
  mark_changes: z.strictObject({ clause: Clause }).optional(),
});
export type FlowDown = z.infer<typeof FlowDown>;

export const OutputRestriction = z.strictObject({
  /** `improve-other-models`: outputs may not be used to train or improve models outside the family. */
  /** `outputs-make-derivatives`: a model trained on outputs is a derivative bound by the flow-down duties. */
  kind: z.enum([
    "improve-other-models",
    "no-output-claims",
    "output-use-restricted",
    "outputs-make-derivatives",
  ]),
  clause: Clause,
  /** License ids whose models are exempt (e.g. Llama 3 outputs may improve Llama derivatives). */
  except_licenses: z.array(z.string()).default([]),
  description: z.string().optional(),
});

export const Outputs = z.strictObject({
  ownership: z.enum(["user", "licensor", "unspecified"]).default("unspecified"),
  clause: Clause.optional(),
  restrictions: z.array(OutputRestriction).default([]),
});

export const Threshold = z.strictObject({
  metric: z.enum(["monthly-active-users", "annual-revenue-usd"]),
  limit: z.number().positive(),
  /** What happens above the limit, in one sentence. */
  consequence: z.string().min(1),
  clause: Clause,
});

export const Territory = z.strictObject({
  region: z.string().min(1),
  scope: z.string().min(1),
  clause: Clause,
});

/** Where the canonical text lives, for fingerprints and citation checks. */
export const ReferenceText = z.strictObject({
  /** Path under ../shared/corpus/ (e.g. ml-licenses/llama3.txt). */
  corpus: z.array(z.string()).default([]),
  /** SPDX id whose text ships in the spdx-license-list package. */
  spdx: z.string().optional(),
});

export const License = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.+-]*$/, "ids are lower-case"),
  name: z.string().min(1),
  spdx: z.string().nullable(),
  hub: z.string().nullable(),
  scancode: z.string().nullable().default(null),
  aliases: z.array(z.string()).default([]),
  url: z.string().nullable(),
  family: Family,
  /** Set on family entries (`bsd`, `cc`, `openrail`, ...): the member ids. */
  members: z.array(z.string()).optional(),
  covers: z.array(Component).min(1),
  /** One plain sentence a newcomer understands. */
  summary: z.string().min(1),
  /**
   * The one party that grants this license, for agreements between a vendor and its licensees
   * (Llama, Gemma, OPT, Stability): nobody else can release their own work under them.
   * Absent for public licenses anyone may use for their own work (MIT, CC, the RAIL templates).
   */
  licensor: z.strictObject({ name: z.string().min(1), clause: Clause }).optional(),
  verified: z.boolean(),
  reference_text: ReferenceText.optional(),
  terms: z.strictObject({
    commercial: Term,
    modify: Term,
    distribute: Term,
    sublicense: Term,
    patent_grant: Term,
    private_use: Term.optional(),
    hosted_use: Term.optional(),
    /** Sharing adapted material (CC BY-ND 4.0 allows adapting privately, never sharing the result). */
    share_adapted: Term.optional(),
  }),
  use_restrictions: z.array(UseRestriction).default([]),
  flow_down: FlowDown.default({}),
  outputs: Outputs.optional(),
  thresholds: z.array(Threshold).default([]),
  territory: z.array(Territory).default([]),
  /** Cautions a user must read (no formal license, unsettled law, ...), each with its clause when one exists. */
  warnings: z
    .array(z.strictObject({ code: z.string(), message: z.string(), clause: Clause.optional() }))
    .default([]),
  /** Ids this license supersedes or is a version of, for suggestions and compare. */
  related: z.array(z.string()).default([]),
});
export type License = z.infer<typeof License>;

export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const Model = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  organization: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** License id per component; "NONE" when nothing is granted, "NOASSERTION" when not known. */
  licenses: z.strictObject({
    weights: z.string().optional(),
    code: z.string().optional(),
    data: z.string().optional(),
  }),
  weights_available: z.boolean().default(true),
  bases: z.array(z.strictObject({ id: z.string(), relation: Relation })).default([]),
  sources: z.array(z.string().url()).min(1),
  notes: z.string().optional(),
});
export type Model = z.infer<typeof Model>;

export const UseCategory = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  label: z.string().min(1),
  description: z.string().min(1),
  /** How licenses phrase it; used by explain and by the identifier of free-text use statements. */
  phrasings: z.array(z.string()).min(1),
  /** Broader category this one refines (weapons ⊂ military is NOT implied; only explicit parents). */
  implies: z.array(z.string()).default([]),
});
export type UseCategory = z.infer<typeof UseCategory>;
export const UseCategories = z.strictObject({ categories: z.array(UseCategory).min(1) });
