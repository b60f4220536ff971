// Which part of a license a reference text is. One rule for the fingerprint builder and the tests
// that check it: a policy entry (family `policy`: Gemma's Prohibited Use Policy, Salesforce's AI
// Acceptable Use Policy) is a document of its own, so its text is that entry's license part; a
// policy file that a license ships beside its terms (Llama's USE_POLICY.md) is that license's
// acceptable-use-policy part. What a file is comes from its corpus title (MANIFEST.tsv), not its
// name.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { License } from "../kb/schema.js";

export type ReferencePart = "license" | "acceptable-use-policy";

/**
 * A title of a use policy that is not itself the agreement: "Meta Llama 3 Acceptable Use Policy",
 * but not "… License Agreement (incl. Acceptable Use Policy)".
 */
const POLICY_TITLE = /\b(?:acceptable|prohibited)\s+use\s+policy\b/i;
const AGREEMENT_TITLE = /\bagreement\b/i;

export function referencePart(lic: Pick<License, "family">, title: string): ReferencePart {
  if (lic.family === "policy") return "license";
  return POLICY_TITLE.test(title) && !AGREEMENT_TITLE.test(title) ? "acceptable-use-policy" : "license";
}

/** Corpus file (path relative to the corpus root) → its title, from the corpus's MANIFEST.tsv. */
export function corpusTitles(corpusDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const p = join(corpusDir, "MANIFEST.tsv");
  if (!existsSync(p)) return out;
  const [header, ...rows] = readFileSync(p, "utf8").split("\n");
  const cols = (header ?? "").split("\t");
  const file = cols.indexOf("file");
  const title = cols.indexOf("title");
  if (file < 0 || title < 0) return out;
  for (const row of rows) {
    const c = row.split("\t");
    if (c[file] && c[title] !== undefined) out.set(c[file], c[title]);
  }
  return out;
}
