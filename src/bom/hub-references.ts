// How other tools find a model or dataset named in a BOM: a package URL for Hub models
// (`pkg:huggingface/owner/name@revision`, the purl spec's huggingface type, built by packageurl-js)
// and links to its Hub page and to its license's text.
import { PackageURL } from "packageurl-js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";

/** `owner/name` as the Hub spells model and dataset ids; catalogue names and folders are not. */
const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

export interface HubReferences {
  /** Only for Hub models; the version is the commit when it is known. */
  purl?: PackageURL;
  /** The model's or dataset's page on the Hub. */
  page?: string;
  /** Where the license text is published (the knowledge base's `url`). */
  licenseUrl?: string;
}

export function hubReferences(
  kb: KnowledgeBase,
  id: string,
  license: string | null | undefined,
  opts: { kind?: "model" | "dataset"; revision?: string } = {},
): HubReferences {
  const out: HubReferences = {};
  const url = license ? kb.license(license)?.url : undefined;
  if (url) out.licenseUrl = url;
  if (!HUB_ID.test(id) || id.includes("..")) return out;
  const [owner, name] = id.split("/") as [string, string];
  if (opts.kind === "dataset") {
    out.page = `https://huggingface.co/datasets/${owner}/${name}`;
    return out;
  }
  out.page = `https://huggingface.co/${owner}/${name}`;
  out.purl = new PackageURL("huggingface", owner, name, opts.revision ?? undefined, undefined, undefined);
  return out;
}
