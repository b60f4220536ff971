// Canonical texts of knowledge-base licenses, for citation checks and fingerprint building.
// Build-time only: the corpus lives beside the checkout (../shared/corpus), SPDX texts come from
// the spdx-license-list package.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { License } from "./schema.js";

const require = createRequire(import.meta.url);
let spdxFull: Record<string, { name: string; licenseText: string }> | undefined;

export function spdxTexts(): Record<string, { name: string; licenseText: string }> {
  spdxFull ??= require("spdx-license-list/full") as Record<string, { name: string; licenseText: string }>;
  return spdxFull;
}

export function defaultCorpusDir(projectRoot: string): string {
  return process.env.MLICENSE_CORPUS ?? join(projectRoot, "..", "shared", "corpus");
}

export interface ReferenceText {
  source: string;
  text: string;
}

/** The texts an entry names; corpus files that are absent on this machine are skipped. */
export function referenceTexts(lic: License, corpusDir: string): ReferenceText[] {
  const out: ReferenceText[] = [];
  for (const rel of lic.reference_text?.corpus ?? []) {
    const p = join(corpusDir, rel);
    if (existsSync(p)) out.push({ source: `corpus:${rel}`, text: readFileSync(p, "utf8") });
  }
  const spdxId = lic.reference_text?.spdx;
  if (spdxId) {
    const e = spdxTexts()[spdxId];
    if (e) out.push({ source: `spdx:${spdxId}`, text: e.licenseText });
  }
  return out;
}

/** Folds a text for quote lookup: case, quotes and dashes, markdown marks, and whitespace. */
export function foldForQuote(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/<[^>]+>/g, " ")
    .replace(/[*_#>|\\]/g, " ")
    .replace(/[^a-z0-9'"$%&()+,\-./:;?!@\[\]]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
