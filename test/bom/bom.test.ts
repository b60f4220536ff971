// Exported BOMs validate against the official CycloneDX 1.6 schema, follow the SPDX 3.0.1 model's
// required properties, and match the stored expected documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as CDX from "@cyclonedx/cyclonedx-library";
import { BOM_CASES, buildDoc, expectedPath } from "./expected-docs.js";
import { cli, ROOT } from "../helpers.js";
import { join } from "node:path";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const c of BOM_CASES) {
  test(`${c.name}: CycloneDX 1.6 validates against the official schema and matches the stored document`, async () => {
    const doc = await buildDoc(c.dir, "cyclonedx");
    const err = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(
      JSON.stringify(doc),
    );
    assert.equal(err, null, JSON.stringify(err));
    assert.deepEqual(
      doc,
      JSON.parse(readFileSync(expectedPath(c.name, "cyclonedx"), "utf8")),
      "run npm run expected after a deliberate change",
    );
  });
  test(`${c.name}: SPDX 3.0.1 document has every class's required properties and matches the stored document`, async () => {
    const doc = (await buildDoc(c.dir, "spdx")) as Json;
    checkSpdx(doc);
    assert.deepEqual(doc, JSON.parse(readFileSync(expectedPath(c.name, "spdx"), "utf8")));
  });
}

test("CycloneDX never writes a license id that is not on the SPDX list", async () => {
  const doc = (await buildDoc(BOM_CASES[0]!.dir, "cyclonedx")) as Json;
  const ids: string[] = [];
  JSON.stringify(doc, (k, v) => {
    if (k === "license" && v && typeof v === "object" && v.id) ids.push(v.id);
    return v;
  });
  for (const id of ids) assert.ok(CDX.SPDX.isSupportedSpdxId(id), id);
  const meta = doc.metadata.component;
  assert.equal(meta.type, "machine-learning-model");
  assert.equal(meta.licenses[0].license.name, "Meta Llama 3 Community License Agreement");
  assert.ok(meta.pedigree.ancestors.length >= 1);
  assert.equal(meta.modelCard.modelParameters.datasets[0].ref, "data:example-data/support-dialogues");
  assert.equal(doc.components.find((x: Json) => x.type === "data").licenses[0].license.id, "CC-BY-4.0");
});

// Required properties per class, from the SPDX 3.0.1 model (Core, Software, AI, Dataset).
const REQUIRED: Record<string, string[]> = {
  CreationInfo: ["specVersion", "created", "createdBy"],
  SpdxDocument: ["spdxId", "creationInfo"],
  Relationship: ["spdxId", "creationInfo", "from", "to", "relationshipType"],
  ai_AIPackage: [
    "spdxId",
    "creationInfo",
    "name",
    "suppliedBy",
    "software_downloadLocation",
    "software_packageVersion",
    "software_primaryPurpose",
    "releaseTime",
  ],
  dataset_DatasetPackage: [
    "spdxId",
    "creationInfo",
    "name",
    "dataset_datasetType",
    "builtTime",
    "originatedBy",
    "releaseTime",
    "software_downloadLocation",
    "software_primaryPurpose",
  ],
  expandedlicensing_CustomLicense: ["spdxId", "creationInfo", "simplelicensing_licenseText"],
  simplelicensing_LicenseExpression: ["spdxId", "creationInfo", "simplelicensing_licenseExpression"],
  Organization: ["spdxId", "creationInfo"],
  SoftwareAgent: ["spdxId", "creationInfo"],
  Tool: ["spdxId", "creationInfo"],
};
const RELATIONSHIP_TYPES = new Set([
  "hasDeclaredLicense",
  "hasConcludedLicense",
  "descendantOf",
  "trainedOn",
]);

function checkSpdx(doc: Json): void {
  assert.equal(doc["@context"], "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
  const graph: Json[] = doc["@graph"];
  const ids = new Set(graph.map((e) => e.spdxId ?? e["@id"]));
  for (const e of graph) {
    const req = REQUIRED[e.type];
    assert.ok(req, `unexpected class ${e.type}`);
    for (const p of req)
      assert.ok(e[p] !== undefined && e[p] !== "", `${e.type} ${e.spdxId ?? ""} lacks ${p}`);
    if (e.type === "Relationship") {
      assert.ok(RELATIONSHIP_TYPES.has(e.relationshipType), e.relationshipType);
      assert.ok(ids.has(e.from), `dangling from ${e.from}`);
      for (const t of e.to) assert.ok(ids.has(t) || /^https:\/\/spdx\.org\//.test(t), `dangling to ${t}`);
    }
  }
  const packages = graph.filter((e) => e.type === "ai_AIPackage" || e.type === "dataset_DatasetPackage");
  // profile conformance: exactly one declared and one concluded license per package
  for (const p of packages)
    for (const t of ["hasDeclaredLicense", "hasConcludedLicense"])
      assert.equal(
        graph.filter((r) => r.type === "Relationship" && r.from === p.spdxId && r.relationshipType === t)
          .length,
        1,
        `${p.spdxId} ${t}`,
      );
  const sdoc = graph.find((e) => e.type === "SpdxDocument")!;
  assert.ok(sdoc.rootElement.every((r: string) => ids.has(r)));
}

test("bom CLI writes the document to a file and rejects an unknown format", async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const out = join(mkdtempSync(join(tmpdir(), "bom-")), "m.cdx.json");
  const r = await cli(
    "bom",
    join(ROOT, "examples", "watercolour-diffusion"),
    "--registry",
    join(ROOT, "examples", "registry"),
    "--offline",
    "-o",
    out,
    "--json",
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(out, "utf8")).bomFormat, "CycloneDX");
  const bad = await cli("bom", join(ROOT, "examples", "watercolour-diffusion"), "--format", "xml");
  assert.equal(bad.code, 2);
});

test("license expressions: an AND is the list of its licenses, an OR one SPDX expression with LicenseRefs", async () => {
  const { exportBom } = await import("../../src/bom/bom.js");
  const { inspectFiles } = await import("../../src/inspect/inspect.js");
  const rec = inspectFiles({ "README.md": "---\nlicense: apache-2.0 OR llama3.1\n---\n\n# Choice model\n" });
  assert.equal(rec.license.id, "apache-2.0 OR llama3.1");
  const cdx = (await exportBom(rec, "cyclonedx", { offline: true })) as Json;
  const err = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(
    JSON.stringify(cdx),
  );
  assert.equal(err, null, JSON.stringify(err));
  assert.deepEqual(cdx.metadata.component.licenses, [
    { expression: "Apache-2.0 OR LicenseRef-mlicense-llama3.1" },
  ]);
  const spdx = (await exportBom(rec, "spdx", { offline: true })) as Json;
  checkSpdx(spdx);
  const expr = spdx["@graph"].find((e: Json) => e.type === "simplelicensing_LicenseExpression");
  assert.equal(expr.simplelicensing_licenseExpression, "Apache-2.0 OR LicenseRef-mlicense-llama3.1");
  const custom = spdx["@graph"].find((e: Json) => e.spdxId === expr.simplelicensing_customIdToUri[0].value);
  assert.equal(custom.type, "expandedlicensing_CustomLicense");
});
