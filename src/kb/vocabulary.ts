// The fixed vocabularies of the knowledge base, kept free of zod so that the CLI's hot paths
// (explain, identify, check) do not pay for loading the schema library at start-up.

export const TERM_NAMES = [
  "commercial",
  "modify",
  "distribute",
  "sublicense",
  "patent_grant",
  "private_use",
  "hosted_use",
  "share_adapted",
] as const;
export type TermName = (typeof TERM_NAMES)[number];

export const FAMILIES = [
  "permissive",
  "copyleft",
  "weak-copyleft",
  "open-rail",
  "rail",
  "community",
  "non-commercial",
  "research-only",
  "proprietary",
  "exclusive",
  "public-domain",
  "none",
  // a use policy (acceptable or prohibited use) that licenses incorporate by reference; not a
  // license by itself, but a model may be released under a license AND a policy
  "policy",
] as const;

export const RELATIONS = [
  "finetune",
  "adapter",
  "merge",
  "combination",
  "quantized",
  "distill",
  "uses-output-of",
  "unknown",
] as const;

export function isRelation(s: string): s is (typeof RELATIONS)[number] {
  return (RELATIONS as readonly string[]).includes(s);
}
