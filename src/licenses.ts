// `licenses`: the list of knowledge-base licenses, optionally by family.
import { InputError } from "./errors.js";
import { knowledgeBase, type KnowledgeBase } from "./kb/knowledge-base.js";
import { FAMILIES } from "./kb/vocabulary.js";

export interface LicenseListItem {
  id: string;
  name: string;
  family: string;
  spdx: string | null;
  hub: string | null;
  verified: boolean;
}

export function listLicenses(
  opts: { family?: string } = {},
  kb: KnowledgeBase = knowledgeBase(),
): LicenseListItem[] {
  if (opts.family && !(FAMILIES as readonly string[]).includes(opts.family))
    throw new InputError(`unknown family '${opts.family}'; one of: ${FAMILIES.join(", ")}`, "unknown-family");
  return kb.licenses
    .filter((l) => !opts.family || l.family === opts.family)
    .map((l) => ({
      id: l.id,
      name: l.name,
      family: l.family,
      spdx: l.spdx,
      hub: l.hub,
      verified: l.verified,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
