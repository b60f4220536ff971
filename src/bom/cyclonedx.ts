// CycloneDX 1.6 ML-BOM. The library models the BOM, components, licenses and dependencies; what it
// lacks for ML (modelCard, component data, pedigree ancestors) is added on the normalised JSON.
// Licenses are encoded validly: an SPDX id only when it is on the SPDX list, otherwise name + url.
import { licenseIds, spdxExpression } from "./license-expression.js";
import * as CDX from "@cyclonedx/cyclonedx-library";
import type { KnowledgeBase } from "../kb/knowledge-base.js";
import { NOASSERTION, NONE } from "../kb/knowledge-base.js";
import type { ModelRecord } from "../inspect/record.js";
import type { CheckReport, LineageView } from "../check.js";
import { hubReferences, type HubReferences } from "./hub-references.js";

export interface BomOptions {
  /** Fixed values make the output reproducible (tests, diffs). */
  serialNumber?: string;
  timestamp?: Date;
  toolVersion?: string;
}

type Json = Record<string, unknown>;

/**
 * An id or an expression. An AND is the list of its licenses (all apply); an expression with a
 * choice (OR) is written as one SPDX expression, the only way CycloneDX says "one of".
 */
function licensesFor(kb: KnowledgeBase, id: string | null | undefined): CDX.Models.License[] {
  if (!id || id === NONE || id === NOASSERTION) return [];
  const expr = spdxExpression(kb, id);
  if (expr?.choice) return [new CDX.Models.LicenseExpression(expr.text)];
  if (expr) return licenseIds(id).flatMap((x) => licensesFor(kb, x));
  const lic = kb.license(id);
  if (lic?.spdx && CDX.SPDX.isSupportedSpdxId(lic.spdx)) return [new CDX.Models.SpdxLicense(lic.spdx)];
  if (!lic && CDX.SPDX.isSupportedSpdxId(id)) return [new CDX.Models.SpdxLicense(id)];
  return [new CDX.Models.NamedLicense(lic?.name ?? id, lic?.url ? { url: lic.url } : {})];
}

const ref = (kind: string, id: string) => `${kind}:${id}`;

function licenseJson(kb: KnowledgeBase, id: string | null): Json[] | undefined {
  const all = licensesFor(kb, id);
  if (!all.length) return undefined;
  return all.map((l) => {
    if (l instanceof CDX.Models.LicenseExpression) return { expression: l.expression };
    if (l instanceof CDX.Models.SpdxLicense) return { license: { id: l.id } };
    const n = l as CDX.Models.NamedLicense;
    return { license: { name: n.name, ...(n.url ? { url: String(n.url) } : {}) } };
  });
}

function externalReferences(r: HubReferences): CDX.Models.ExternalReference[] {
  return [
    ...(r.page
      ? [
          new CDX.Models.ExternalReference(r.page, CDX.Enums.ExternalReferenceType.Website, {
            comment: "Hub page",
          }),
        ]
      : []),
    ...(r.licenseUrl
      ? [
          new CDX.Models.ExternalReference(r.licenseUrl, CDX.Enums.ExternalReferenceType.License, {
            comment: "license text",
          }),
        ]
      : []),
  ];
}

/** A base model as a pedigree ancestor, its own bases nested as its pedigree. */
function ancestorJson(kb: KnowledgeBase, v: LineageView, seen: Set<string>): Json {
  const c: Json = { type: "machine-learning-model", "bom-ref": ref("model", v.id), name: v.id };
  const refs = hubReferences(kb, v.id, v.license);
  if (refs.purl) c.purl = refs.purl.toString();
  const ext = externalReferences(refs).map((e) => ({ type: e.type, url: String(e.url), comment: e.comment }));
  if (ext.length) c.externalReferences = ext;
  const lic = licenseJson(kb, v.license);
  if (lic) c.licenses = lic;
  c.properties = [
    { name: "mlicense:relation", value: v.relation ?? "unknown" },
    { name: "mlicense:license", value: v.license ?? NOASSERTION },
    { name: "mlicense:resolved-from", value: v.from },
  ];
  const kids = v.bases.filter((b) => !seen.has(b.id));
  kids.forEach((b) => seen.add(b.id));
  if (kids.length) c.pedigree = { ancestors: kids.map((b) => ancestorJson(kb, b, seen)) };
  return c;
}

export function cyclonedxBom(
  record: ModelRecord,
  report: CheckReport,
  kb: KnowledgeBase,
  opts: BomOptions = {},
): Json {
  const bom = new CDX.Models.Bom();
  bom.version = 1;
  if (opts.serialNumber) bom.serialNumber = opts.serialNumber;
  bom.metadata.timestamp = opts.timestamp ?? new Date();
  bom.metadata.tools.components.add(
    new CDX.Models.Component(CDX.Enums.ComponentType.Application, "mlicense", {
      version: opts.toolVersion ?? "0.1.0",
    }),
  );
  const refs = hubReferences(kb, record.id, record.license.id, { revision: record.revision });
  const model = new CDX.Models.Component(CDX.Enums.ComponentType.MachineLearningModel, record.name, {
    bomRef: ref("model", record.id),
    description: `License check verdict: ${report.verdict}`,
    ...(refs.purl ? { purl: refs.purl.toString() } : {}),
    ...(record.revision ? { version: record.revision } : {}),
  });
  for (const e of externalReferences(refs)) model.externalReferences.add(e);
  for (const l of licensesFor(kb, record.license.id)) model.licenses.add(l);
  model.properties.add(new CDX.Models.Property("mlicense:license", record.license.id));
  model.properties.add(new CDX.Models.Property("mlicense:verdict", report.verdict));
  bom.metadata.component = model;

  const datasets = report.lineage.datasets;
  for (const d of datasets) {
    const c = new CDX.Models.Component(CDX.Enums.ComponentType.Data, d.id, { bomRef: ref("data", d.id) });
    for (const l of licensesFor(kb, d.license)) c.licenses.add(l);
    for (const e of externalReferences(hubReferences(kb, d.id, d.license, { kind: "dataset" })))
      c.externalReferences.add(e);
    bom.components.add(c);
    model.dependencies.add(c.bomRef);
  }
  for (const comp of record.components.filter((c) => c.kind === "code")) {
    const c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, `${record.name} code`, {
      bomRef: ref("code", record.id),
    });
    for (const l of licensesFor(kb, comp.license)) c.licenses.add(l);
    bom.components.add(c);
    model.dependencies.add(c.bomRef);
  }

  const serializer = new CDX.Serialize.JsonSerializer(
    new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6),
  );
  const doc = JSON.parse(serializer.serialize(bom, { sortLists: true })) as Json;

  // What the library does not model: the model card, dataset contents and the lineage.
  const meta = doc.metadata as Json;
  const comp = meta.component as Json;
  const restrictions = [
    ...new Map(
      [report.license.id, ...collect(report.lineage)]
        .flatMap((id) => licenseIds(id))
        .map((id) => kb.license(id))
        .filter((l) => l !== undefined)
        .flatMap((l) =>
          l.use_restrictions.map(
            (r) => [r.category, { license: l.id, category: r.category, section: r.clause.section }] as const,
          ),
        ),
    ).values(),
  ];
  comp.modelCard = {
    modelParameters: {
      ...(record.task ? { task: record.task } : {}),
      ...(record.architecture ? { architectureFamily: record.architecture } : {}),
      ...(datasets.length ? { datasets: datasets.map((d) => ({ ref: ref("data", d.id) })) } : {}),
    },
    considerations: {
      ethicalConsiderations: restrictions.map((r) => ({
        name: `Use restricted: ${kb.category(r.category)?.label ?? r.category}`,
        mitigationStrategy: `Forbidden by ${r.license} (${r.section}); the restriction binds every user and derivative.`,
      })),
      ...(report.obligations.length
        ? { useCases: [`Allowed if: ${report.obligations.map((o) => o.text).join(" ")}`] }
        : {}),
    },
  };
  if (report.lineage.bases.length) {
    const seen = new Set<string>(report.lineage.bases.map((b) => b.id));
    comp.pedigree = { ancestors: report.lineage.bases.map((b) => ancestorJson(kb, b, seen)) };
  }
  for (const c of (doc.components as Json[] | undefined) ?? [])
    if (c.type === "data") c.data = [{ type: "dataset", name: String(c.name) }];
  return doc;
}

function collect(v: LineageView): string[] {
  return v.bases.flatMap((b) => [...(b.license ? [b.license] : []), ...collect(b)]);
}
