// The knowledge base does not change while the server runs: fetch licenses and use categories
// once per page load and share them between views. A failed fetch is forgotten so a retry works.
import { api } from "./api.js";
import type { Category, License } from "./types.js";

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load().catch((e: unknown) => {
      p = undefined;
      throw e;
    });
    return p;
  };
}

export const allLicenses: () => Promise<License[]> = once(api.licensesFull);
export const allCategories: () => Promise<Category[]> = once(api.categories);

/** Human labels of the term names in the knowledge base's schema. */
export const TERM_LABELS: Record<string, string> = {
  commercial: "Commercial use",
  modify: "Modification",
  distribute: "Distribution",
  sublicense: "Sublicensing",
  patent_grant: "Patent grant",
  private_use: "Private use",
  hosted_use: "Hosted use (as a service)",
  share_adapted: "Sharing adapted material",
};

/** Human labels of the flow-down duties: what derivatives must carry. */
export const FLOW_DOWN_LABELS: Record<string, string> = {
  use_restrictions: "Carry the use restrictions",
  license_copy: "Include a copy of the license",
  same_license: "Stay under the same license (share-alike)",
  notice: "Keep the notices",
  naming: "Follow the naming rule",
  non_commercial: "Stay non-commercial",
  mark_changes: "Mark the changes",
};
