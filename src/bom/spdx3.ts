// SPDX 3.0.1 JSON-LD with the AI and Dataset profiles: the model as ai_AIPackage, datasets as
// dataset_DatasetPackage, licenses as hasDeclaredLicense / hasConcludedLicense relationships to
// SPDX-listed licenses or CustomLicense elements, bases as descendantOf, data as trainedOn.
import { licenseIds, spdxExpression } from "./license-expression.js";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { NOASSERTION, NONE } from "../kb/knowledge-base.js";
import type { ModelRecord } from "../inspect/record.js";
import type { CheckReport, LineageView } from "../check.js";
import type { BomOptions } from "./cyclonedx.js";
import { hubReferences, type HubReferences } from "./hub-references.js";

type Json = Record<string, unknown>;
const CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
const NO_ASSERTION = "https://spdx.org/rdf/3.0.1/terms/Core/NoAssertionElement";
const NONE_LICENSE = "https://spdx.org/rdf/3.0.1/terms/Expanded/NoneLicense";
const NOASSERTION_LICENSE = "https://spdx.org/rdf/3.0.1/terms/Expanded/NoAssertionLicense";

export function spdxDocument(
  record: ModelRecord,
  report: CheckReport,
  kb: KnowledgeBase,
  opts: BomOptions = {},
): Json {
  const created = (opts.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const ns = `urn:mlicense:${encodeURIComponent(record.id)}:`;
  const ci = "_:creationinfo";
  const graph: Json[] = [];
  const ids: string[] = [];
  const add = (e: Json): string => {
    graph.push({ creationInfo: ci, ...e });
    ids.push(e.spdxId as string);
    return e.spdxId as string;
  };
  graph.push({
    type: "CreationInfo",
    "@id": ci,
    specVersion: "3.0.1",
    created,
    createdBy: [`${ns}agent/mlicense`],
    createdUsing: [`${ns}tool/mlicense`],
  });
  add({ type: "SoftwareAgent", spdxId: `${ns}agent/mlicense`, name: "mlicense" });
  add({ type: "Tool", spdxId: `${ns}tool/mlicense`, name: "mlicense" });

  const licenseRefs = new Map<string, string>();
  const expressions = new Map<string, string>();
  const licenseRef = (id: string | null | undefined): string => {
    if (!id || id === NOASSERTION) return NOASSERTION_LICENSE;
    if (id === NONE) return NONE_LICENSE;
    const expr = spdxExpression(kb, id);
    if (expr) {
      // an expression is one element; its LicenseRefs point at the custom license elements
      let e = expressions.get(id);
      if (!e) {
        e = add({
          type: "simplelicensing_LicenseExpression",
          spdxId: `${ns}license-expression/${encodeURIComponent(id)}`,
          simplelicensing_licenseExpression: expr.text,
          ...(expr.refs.length
            ? {
                simplelicensing_customIdToUri: expr.refs.map((r) => ({
                  type: "DictionaryEntry",
                  key: r.ref,
                  value: licenseRef(r.id === NONE || r.id === NOASSERTION ? `unrecognised (${r.id})` : r.id),
                })),
              }
            : {}),
        });
        expressions.set(id, e);
      }
      return e;
    }
    const lic = kb.license(id);
    if (lic?.spdx) return `https://spdx.org/licenses/${lic.spdx}`;
    let ref = licenseRefs.get(id);
    if (!ref) {
      ref = add({
        type: "expandedlicensing_CustomLicense",
        spdxId: `${ns}license/${encodeURIComponent(id)}`,
        name: lic?.name ?? id,
        // The text itself is not redistributed by mlicense; the element points to where it lives.
        simplelicensing_licenseText: `${lic?.name ?? id}. The full text is published at ${lic?.url ?? "an unknown location"}.`,
        ...(lic?.url ? { expandedlicensing_seeAlso: [lic.url] } : {}),
      });
      licenseRefs.set(id, ref);
    }
    return ref;
  };
  const orgs = new Map<string, string>();
  const supplier = (id: string): string => {
    const owner = id.includes("/") ? id.split("/")[0]! : null;
    if (!owner) return NO_ASSERTION;
    let ref = orgs.get(owner);
    if (!ref)
      orgs.set(
        owner,
        (ref = add({ type: "Organization", spdxId: `${ns}org/${encodeURIComponent(owner)}`, name: owner })),
      );
    return ref;
  };
  const location = (id: string) =>
    /^[\w.-]+\/[\w.-]+$/.test(id)
      ? `https://huggingface.co/${id}`
      : `urn:mlicense:local:${encodeURIComponent(id)}`;
  /** The purl, home page and external references of a Hub model or dataset. */
  const linked = (r: HubReferences): Json => {
    const refs = [
      ...(r.page
        ? [{ type: "ExternalRef", externalRefType: "altWebPage", locator: [r.page], comment: "Hub page" }]
        : []),
      ...(r.licenseUrl
        ? [
            {
              type: "ExternalRef",
              externalRefType: "license",
              locator: [r.licenseUrl],
              comment: "license text",
            },
          ]
        : []),
    ];
    return {
      ...(r.purl ? { software_packageUrl: r.purl.toString() } : {}),
      ...(r.page ? { software_homePage: r.page } : {}),
      ...(refs.length ? { externalRef: refs } : {}),
    };
  };
  let rel = 0;
  const relate = (from: string, type: string, to: string[]) =>
    add({ type: "Relationship", spdxId: `${ns}relationship/${++rel}`, from, relationshipType: type, to });

  const aiPackage = (
    id: string,
    name: string,
    license: string | null,
    extra: Json = {},
    revision?: string,
  ): string => {
    const ref = add({
      type: "ai_AIPackage",
      spdxId: `${ns}model/${encodeURIComponent(id)}`,
      name,
      software_packageVersion: revision ?? "NOASSERTION",
      ...linked(hubReferences(kb, id, license, { revision })),
      software_downloadLocation: location(id),
      software_primaryPurpose: "model",
      suppliedBy: supplier(id),
      releaseTime: created,
      comment:
        "packageVersion and releaseTime are not known to mlicense; releaseTime is the document's creation time.",
      ...extra,
    });
    relate(ref, "hasDeclaredLicense", [licenseRef(license)]);
    relate(ref, "hasConcludedLicense", [licenseRef(license)]);
    return ref;
  };

  const restrictions =
    kb.licenses
      .filter((l) => licenseIds(record.license.id).includes(l.id))
      .flatMap((l) => l.use_restrictions.map((r) => kb.category(r.category)?.label ?? r.category)) ?? [];
  const root = aiPackage(
    record.id,
    record.name,
    record.license.id,
    {
      ...(record.task ? { ai_domain: [record.task] } : {}),
      ...(record.architecture ? { ai_typeOfModel: [record.architecture] } : {}),
      ...(restrictions.length
        ? {
            ai_limitation: `Use restricted by ${record.license.id}: ${[...new Set(restrictions)].join("; ")}.`,
          }
        : {}),
    },
    record.revision,
  );
  const seen = new Map<string, string>([[record.id, root]]);
  const walk = (v: LineageView, from: string): void => {
    for (const b of v.bases) {
      let ref = seen.get(b.id);
      if (!ref) {
        ref = aiPackage(b.id, b.id, b.license);
        seen.set(b.id, ref);
        walk(b, ref);
      }
      relate(from, "descendantOf", [ref]);
    }
  };
  walk(report.lineage, root);
  for (const d of report.lineage.datasets) {
    const ref = add({
      type: "dataset_DatasetPackage",
      spdxId: `${ns}dataset/${encodeURIComponent(d.id)}`,
      name: d.id,
      dataset_datasetType: ["other"],
      software_downloadLocation: location(d.id),
      ...linked(hubReferences(kb, d.id, d.license, { kind: "dataset" })),
      software_primaryPurpose: "data",
      originatedBy: [supplier(d.id)],
      builtTime: created,
      releaseTime: created,
      comment: "builtTime and releaseTime are not known to mlicense; they are the document's creation time.",
    });
    relate(ref, "hasDeclaredLicense", [licenseRef(d.license)]);
    relate(ref, "hasConcludedLicense", [licenseRef(d.license)]);
    relate(root, "trainedOn", [ref]);
  }
  const docId = `${ns}document`;
  graph.push({
    type: "SpdxDocument",
    spdxId: docId,
    creationInfo: ci,
    name: `AI bill of materials for ${record.id}`,
    profileConformance: ["core", "software", "simpleLicensing", "expandedLicensing", "ai", "dataset"],
    rootElement: [root],
    element: ids,
  });
  return { "@context": CONTEXT, "@graph": graph };
}
