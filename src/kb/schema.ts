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
  /** Set by the loader, never in YAML: the policy entry this restriction comes from by reference. */
  via: z.string().optional(),
});
export type UseRestriction = z.infer<typeof UseRestriction>;

/**
 * One license a share-alike license lets its adapted material go under, and how. Compatibility is
 * directional: CC BY-SA 4.0 material may be adapted under GPL-3.0, never the reverse; GPL-3.0 §13
 * lets a GPL work be *combined* with AGPL-3.0 code, each part keeping its own license, which is
 * not a relicensing. A bare id in YAML is shorthand for `{license: id, how: relicense}`.
 */
const CompatibilityEntry = z.strictObject({
  license: z.string().min(1),
  /** `relicense`: an adaptation may be released under `license` alone. `combine`: the work may be
   * combined with material under `license` into one larger work, each part keeping its license. */
  how: z.enum(["relicense", "combine"]),
  clause: Clause.optional(),
});
export const Compatibility = z.union([
  z.string().transform((license) => ({ license, how: "relicense" as const })),
  CompatibilityEntry,
]);
export type Compatibility = z.infer<typeof Compatibility>;

export const FlowDown = z.strictObject({
  /**
   * Derivatives must carry the use restrictions of this license (RAIL §4/§5, Llama AUP, Gemma §3.1).
   * `form` says what carrying them means: `own` — this license's own restrictions must travel with
   * the derivative (the derivative is under this license, its expression includes it, or it is under
   * a license listed in `accepts`, whose restriction text is the same); `equivalent` — any license
   * whose restrictions accomplish the same purpose will do (BigCode OpenRAIL-M §5.1(b): "a similar
   * set of restrictions"), judged by use categories.
   */
  use_restrictions: z
    .strictObject({
      clause: Clause,
      form: z.enum(["own", "equivalent"]),
      accepts: z.array(z.string()).default([]),
    })
    .optional(),
  /** A copy of this license must accompany any redistribution. */
  license_copy: z.strictObject({ clause: Clause }).optional(),
  /** Share-alike: derivatives must be under this license or one listed in `compatible`. */
  same_license: z.strictObject({ clause: Clause, compatible: z.array(Compatibility).default([]) }).optional(),
  /** An attribution or notice the redistributor must keep or display. `text` is the notice itself. */
  notice: z.strictObject({ clause: Clause, text: z.string().optional() }).optional(),
  /** Naming duty: derivative names must start with `prefix`; `display` must be shown with the product.
   * `outputs`: the duty also binds models trained on the work's outputs (Llama 3.1 §1.b.i: "to
   * create, train, fine tune, or otherwise improve an AI model"). */
  naming: z
    .strictObject({
      clause: Clause,
      prefix: z.string().optional(),
      display: z.string().optional(),
      outputs: z.boolean().default(false),
    })
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

/**
 * A duty that is neither a notice nor a flow-down: "use reasonable efforts to use the latest
 * version" (CreativeML OpenRAIL-M §7, Gemma 2024 §4.1), reporting duties, and the like. `text` is
 * what the user must do, in one sentence of our own words.
 */
export const Duty = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]*$/),
  text: z.string().min(1),
  /** `use`: binds whoever uses the model; `distribute`: only whoever distributes or hosts it. */
  trigger: z.enum(["use", "distribute"]),
  clause: Clause,
});
export type Duty = z.infer<typeof Duty>;

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
  licensor: z
    .strictObject({
      name: z.string().min(1),
      /** Every legal entity that grants it (Meta: Meta Platforms Ireland Limited in the EEA and
       * Switzerland, Meta Platforms, Inc. elsewhere); `name` is how it is usually called. */
      entities: z.array(z.string().min(1)).default([]),
      /** Hub owners under which the licensor publishes its own releases (meta-llama, facebook).
       * A model published there is the licensor's, not a licensee's derivative: the duties the
       * license puts on licensees (naming, flow-down, notices) do not bind it. */
      hub_orgs: z.array(z.string().min(1)).default([]),
      clause: Clause,
    })
    .optional(),
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
  /**
   * Policies this license makes part of itself by reference (Gemma §3.2 and the Gemma Prohibited
   * Use Policy, Llama's Acceptable Use Policy when it has an entry of its own). Their use
   * restrictions count as this license's, each keeping the policy's clause.
   */
  incorporates: z.array(z.strictObject({ license: z.string().min(1), clause: Clause })).default([]),
  flow_down: FlowDown.default({}),
  outputs: Outputs.optional(),
  duties: z.array(Duty).default([]),
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
  /** A dataset entry (for `datasets:` of a card and for data generated by a model) or a model. */
  kind: z.enum(["model", "dataset"]).default("model"),
  name: z.string().min(1),
  organization: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** License per component: an id or an expression of ids ("llama3.1 AND gemma"); "NONE" when
   * nothing is granted, "NOASSERTION" when not known. */
  licenses: z.strictObject({
    weights: z.string().optional(),
    code: z.string().optional(),
    data: z.string().optional(),
  }),
  weights_available: z.boolean().default(true),
  bases: z.array(z.strictObject({ id: z.string(), relation: Relation })).default([]),
  /** For datasets made of a model's outputs (synthetic data): the models that generated it. A model
   * trained on the dataset is traced to them as `uses-output-of`. */
  generated_by: z.array(z.string().min(1)).default([]),
  /** The revision the catalogue entry describes, when a license changed between revisions. */
  revision: z.string().optional(),
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
