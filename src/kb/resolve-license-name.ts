// A model card that declares `license: other` names its license in `license_name` and points to
// it in `license_link`. This resolves those two fields to a knowledge-base license: the name by
// the knowledge base's aliases and folded names; the link by the license URL index (the Llama
// license page, a GitHub copy of a license, an SPDX or OSI page), and a link to a model's own
// LICENSE on the Hub through the model catalogue, to that model's weights license.
import type { KnowledgeBase } from "./knowledge-base.js";
import { licenseUrls, normaliseLicenseUrl } from "./license-urls.js";

export interface ResolvedLicense {
  /** Knowledge-base license id. */
  id: string;
  /** Which field and which lookup gave it. */
  via: "license_name" | "license_link" | "model-license";
  /** What matched: the name as written, or the URL and what it led to. */
  evidence: string;
}

/** A Hub file address: huggingface.co/<owner>/<name>/(blob|raw|resolve)/<ref>/<file>. */
const HUB_FILE = /^huggingface\.co\/([^/]+)\/([^/]+)\/(.+)$/;
/** The files a Hub repository keeps its license in. */
const LICENSE_FILE = /^(?:license|licence|copying)(?:[._-][\w.-]*)?$/i;

/** Resolves `license_name` / `license_link` to a knowledge-base license, or null. */
export function resolveLicenseName(
  kb: KnowledgeBase,
  { name, link }: { name?: string; link?: string },
): ResolvedLicense | null {
  const n = name?.trim();
  if (n) {
    const lic = kb.findLicense(n);
    if (lic) return { id: lic.id, via: "license_name", evidence: n };
  }
  const l = link?.trim();
  if (!l) return null;
  const hit = licenseUrls(kb).lookup(l);
  if (hit && kb.license(hit.id)) return { id: hit.id, via: "license_link", evidence: l };
  const key = normaliseLicenseUrl(l);
  const hub = key ? HUB_FILE.exec(key) : null;
  if (hub && LICENSE_FILE.test(hub[3]!.split("/").pop()!)) {
    const model = kb.findModel(`${hub[1]}/${hub[2]}`);
    const id = model?.licenses.weights;
    if (id && kb.license(id))
      return {
        id,
        via: "model-license",
        evidence: `${l}: the LICENSE of ${model!.id}, whose weights are under ${id}`,
      };
  }
  // a link whose file is named for its license ("…/LICENSE-llama3.md", "…/gemma-terms")
  const file = l
    .replace(/[?#].*$/s, "")
    .split("/")
    .filter(Boolean)
    .pop()
    ?.replace(/\.(?:md|txt|html?)$/i, "")
    .replace(/^(?:license|licence)[._-]/i, "");
  if (file && !/^(?:license|licence|copying)$/i.test(file)) {
    const lic = kb.findLicense(file);
    if (lic) return { id: lic.id, via: "license_link", evidence: l };
  }
  return null;
}
